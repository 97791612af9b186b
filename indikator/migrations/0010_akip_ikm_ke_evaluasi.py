"""EvaluasiAkip, KomponenAkip, SurveiKepuasan and UnsurSkm now belong to evaluasi (its 0001); only the state moves."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('evaluasi', '0001_initial'),
        ('indikator', '0009_indikator_rentang_nilai'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalkomponenakip',
                    name='evaluasi',
                ),
                migrations.RemoveField(
                    model_name='komponenakip',
                    name='evaluasi',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluasiakip',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluasiakip',
                    name='opd',
                ),
                migrations.RemoveField(
                    model_name='historicalkomponenakip',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsurveikepuasan',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsurveikepuasan',
                    name='opd',
                ),
                migrations.RemoveField(
                    model_name='historicalunsurskm',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalunsurskm',
                    name='survei',
                ),
                migrations.RemoveField(
                    model_name='surveikepuasan',
                    name='opd',
                ),
                migrations.RemoveField(
                    model_name='unsurskm',
                    name='survei',
                ),
                migrations.DeleteModel(
                    name='EvaluasiAkip',
                ),
                migrations.DeleteModel(
                    name='KomponenAkip',
                ),
                migrations.DeleteModel(
                    name='HistoricalEvaluasiAkip',
                ),
                migrations.DeleteModel(
                    name='HistoricalKomponenAkip',
                ),
                migrations.DeleteModel(
                    name='HistoricalSurveiKepuasan',
                ),
                migrations.DeleteModel(
                    name='HistoricalUnsurSkm',
                ),
                migrations.DeleteModel(
                    name='SurveiKepuasan',
                ),
                migrations.DeleteModel(
                    name='UnsurSkm',
                ),
            ],
            database_operations=[],
        ),
    ]
