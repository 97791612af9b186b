"""JendelaInput now belongs to portal (portal 0002); only the state moves, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('indikator', '0007_dasbor_versi_tabel'),
        ('portal', '0002_jendela_input'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='HistoricalJendelaInput'),
                migrations.DeleteModel(name='JendelaInput'),
            ],
            database_operations=[],
        ),
    ]
