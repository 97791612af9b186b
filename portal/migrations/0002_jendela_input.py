"""JendelaInput moves from indikator to portal, below every app; its tables stay as they are."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0001_initial'),
        ('indikator', '0007_dasbor_versi_tabel'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalJendelaInput',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('tahun', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                        ('triwulan', models.PositiveSmallIntegerField(choices=[(1, 'Triwulan I'), (2, 'Triwulan II'), (3, 'Triwulan III'), (4, 'Triwulan IV')], validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='triwulan')),
                        ('dibuka', models.BooleanField(default=True, verbose_name='dibuka')),
                        ('mulai', models.DateField(blank=True, help_text='Kosong: sejak dibuka.', null=True, verbose_name='mulai')),
                        ('selesai', models.DateField(blank=True, help_text='Kosong: sampai ditutup.', null=True, verbose_name='selesai')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('opd', models.ForeignKey(blank=True, db_constraint=False, help_text='Kosong: berlaku untuk semua perangkat daerah.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='portal.perangkatdaerah', verbose_name='perangkat daerah')),
                    ],
                    options={
                        'db_table': 'indikator_historicaljendelainput',
                        'verbose_name': 'historical jendela input',
                        'verbose_name_plural': 'historical jendela input',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='JendelaInput',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tahun', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                        ('triwulan', models.PositiveSmallIntegerField(choices=[(1, 'Triwulan I'), (2, 'Triwulan II'), (3, 'Triwulan III'), (4, 'Triwulan IV')], validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='triwulan')),
                        ('dibuka', models.BooleanField(default=True, verbose_name='dibuka')),
                        ('mulai', models.DateField(blank=True, help_text='Kosong: sejak dibuka.', null=True, verbose_name='mulai')),
                        ('selesai', models.DateField(blank=True, help_text='Kosong: sampai ditutup.', null=True, verbose_name='selesai')),
                        ('opd', models.ForeignKey(blank=True, help_text='Kosong: berlaku untuk semua perangkat daerah.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='jendela_input', to='portal.perangkatdaerah', verbose_name='perangkat daerah')),
                    ],
                    options={
                        'db_table': 'indikator_jendelainput',
                        'verbose_name': 'jendela input',
                        'verbose_name_plural': 'jendela input',
                        'ordering': ['-tahun', '-triwulan', 'opd'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('opd__isnull', False)), fields=('opd', 'tahun', 'triwulan'), name='jendela_unik_per_opd'), models.UniqueConstraint(condition=models.Q(('opd__isnull', True)), fields=('tahun', 'triwulan'), name='jendela_unik_semua_opd'), models.CheckConstraint(condition=models.Q(('triwulan__gte', 1), ('triwulan__lte', 4)), name='jendela_triwulan_1_4'), models.CheckConstraint(condition=models.Q(('mulai__isnull', True), ('selesai__isnull', True), ('selesai__gte', models.F('mulai')), _connector='OR'), name='jendela_selesai_setelah_mulai')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
