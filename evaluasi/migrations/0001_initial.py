"""The LHE AKIP and the SKM move from indikator to evaluasi; their tables (indikator_*) stay as they are."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('indikator', '0009_indikator_rentang_nilai'),
        ('portal', '0005_berkas_dokumen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='EvaluasiAkip',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tahun_lhe', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun LHE')),
                        ('tahun_dievaluasi', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun kinerja yang dievaluasi')),
                        ('nomor_lhe', models.CharField(blank=True, max_length=150, verbose_name='nomor LHE')),
                        ('tanggal_lhe', models.DateField(blank=True, null=True, verbose_name='tanggal LHE')),
                        ('nilai', models.DecimalField(blank=True, decimal_places=2, help_text='Diisi hanya bila nilai per komponen tidak tersedia.', max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='nilai')),
                        ('opd', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluasi_akip', to='portal.perangkatdaerah')),
                    ],
                    options={
                        'verbose_name': 'evaluasi AKIP',
                        'verbose_name_plural': 'evaluasi AKIP',
                        'db_table': 'indikator_evaluasiakip',
                        'ordering': ['opd', 'tahun_lhe'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalEvaluasiAkip',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('tahun_lhe', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun LHE')),
                        ('tahun_dievaluasi', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun kinerja yang dievaluasi')),
                        ('nomor_lhe', models.CharField(blank=True, max_length=150, verbose_name='nomor LHE')),
                        ('tanggal_lhe', models.DateField(blank=True, null=True, verbose_name='tanggal LHE')),
                        ('nilai', models.DecimalField(blank=True, decimal_places=2, help_text='Diisi hanya bila nilai per komponen tidak tersedia.', max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='nilai')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('opd', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='portal.perangkatdaerah')),
                    ],
                    options={
                        'verbose_name': 'historical evaluasi AKIP',
                        'verbose_name_plural': 'historical evaluasi AKIP',
                        'db_table': 'indikator_historicalevaluasiakip',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalKomponenAkip',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('urutan', models.PositiveSmallIntegerField(default=0, verbose_name='urutan')),
                        ('nama', models.CharField(max_length=150, verbose_name='komponen')),
                        ('bobot', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='bobot')),
                        ('nilai', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='nilai')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('evaluasi', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='evaluasi.evaluasiakip')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical komponen evaluasi AKIP',
                        'verbose_name_plural': 'historical komponen evaluasi AKIP',
                        'db_table': 'indikator_historicalkomponenakip',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSurveiKepuasan',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('tahun', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                        ('periode', models.CharField(blank=True, max_length=60, verbose_name='periode')),
                        ('jumlah_responden', models.PositiveIntegerField(blank=True, null=True, verbose_name='jumlah responden')),
                        ('nilai_ikm', models.DecimalField(blank=True, decimal_places=2, help_text='Diisi hanya bila NRR per unsur tidak tersedia.', max_digits=6, null=True, validators=[django.core.validators.MinValueValidator(25), django.core.validators.MaxValueValidator(100)], verbose_name='nilai IKM')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('opd', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='portal.perangkatdaerah')),
                    ],
                    options={
                        'verbose_name': 'historical survei kepuasan masyarakat',
                        'verbose_name_plural': 'historical survei kepuasan masyarakat',
                        'db_table': 'indikator_historicalsurveikepuasan',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='KomponenAkip',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('urutan', models.PositiveSmallIntegerField(default=0, verbose_name='urutan')),
                        ('nama', models.CharField(max_length=150, verbose_name='komponen')),
                        ('bobot', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='bobot')),
                        ('nilai', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='nilai')),
                        ('evaluasi', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='komponen', to='evaluasi.evaluasiakip')),
                    ],
                    options={
                        'verbose_name': 'komponen evaluasi AKIP',
                        'verbose_name_plural': 'komponen evaluasi AKIP',
                        'db_table': 'indikator_komponenakip',
                        'ordering': ['evaluasi', 'urutan'],
                    },
                ),
                migrations.CreateModel(
                    name='SurveiKepuasan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tahun', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                        ('periode', models.CharField(blank=True, max_length=60, verbose_name='periode')),
                        ('jumlah_responden', models.PositiveIntegerField(blank=True, null=True, verbose_name='jumlah responden')),
                        ('nilai_ikm', models.DecimalField(blank=True, decimal_places=2, help_text='Diisi hanya bila NRR per unsur tidak tersedia.', max_digits=6, null=True, validators=[django.core.validators.MinValueValidator(25), django.core.validators.MaxValueValidator(100)], verbose_name='nilai IKM')),
                        ('opd', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='survei_kepuasan', to='portal.perangkatdaerah')),
                    ],
                    options={
                        'verbose_name': 'survei kepuasan masyarakat',
                        'verbose_name_plural': 'survei kepuasan masyarakat',
                        'db_table': 'indikator_surveikepuasan',
                        'ordering': ['opd', 'tahun'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalUnsurSkm',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('nomor', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(9)], verbose_name='unsur')),
                        ('nama', models.CharField(max_length=150, verbose_name='nama unsur')),
                        ('nrr', models.DecimalField(decimal_places=4, max_digits=7, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='NRR')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('survei', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='evaluasi.surveikepuasan')),
                    ],
                    options={
                        'verbose_name': 'historical unsur SKM',
                        'verbose_name_plural': 'historical unsur SKM',
                        'db_table': 'indikator_historicalunsurskm',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='UnsurSkm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('nomor', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(9)], verbose_name='unsur')),
                        ('nama', models.CharField(max_length=150, verbose_name='nama unsur')),
                        ('nrr', models.DecimalField(decimal_places=4, max_digits=7, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='NRR')),
                        ('survei', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='unsur', to='evaluasi.surveikepuasan')),
                    ],
                    options={
                        'verbose_name': 'unsur SKM',
                        'verbose_name_plural': 'unsur SKM',
                        'db_table': 'indikator_unsurskm',
                        'ordering': ['survei', 'nomor'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='evaluasiakip',
                    constraint=models.UniqueConstraint(fields=('opd', 'tahun_lhe'), name='evaluasi_akip_satu_per_tahun'),
                ),
                migrations.AddConstraint(
                    model_name='evaluasiakip',
                    constraint=models.CheckConstraint(condition=models.Q(('nilai__isnull', True), models.Q(('nilai__gte', 0), ('nilai__lte', 100)), _connector='OR'), name='evaluasi_akip_nilai_0_100'),
                ),
                migrations.AddConstraint(
                    model_name='komponenakip',
                    constraint=models.CheckConstraint(condition=models.Q(('nilai__gte', 0), ('nilai__lte', models.F('bobot'))), name='komponen_akip_nilai_dalam_bobot'),
                ),
                migrations.AddConstraint(
                    model_name='surveikepuasan',
                    constraint=models.UniqueConstraint(fields=('opd', 'tahun', 'periode'), name='survei_unik_per_periode'),
                ),
                migrations.AddConstraint(
                    model_name='unsurskm',
                    constraint=models.UniqueConstraint(fields=('survei', 'nomor'), name='unsur_skm_unik'),
                ),
                migrations.AddConstraint(
                    model_name='unsurskm',
                    constraint=models.CheckConstraint(condition=models.Q(('nomor__gte', 1), ('nomor__lte', 9)), name='unsur_skm_1_9'),
                ),
                migrations.AddConstraint(
                    model_name='unsurskm',
                    constraint=models.CheckConstraint(condition=models.Q(('nrr__gte', 1), ('nrr__lte', 4)), name='unsur_skm_nrr_1_4'),
                ),
            ],
            database_operations=[],
        ),
    ]
