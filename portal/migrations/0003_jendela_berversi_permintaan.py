"""Input windows carry a version (optimistic lock) and the moment they were closed; units' requests to open one.

Existing windows keep every value: `versi` starts at 0, and a window closed
today gets `ditutup_pada` from its audit trail (the change that closed it),
so a unit is told since when, not nothing.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def ditutup_dari_riwayat(apps, schema_editor):
    JendelaInput = apps.get_model("portal", "JendelaInput")
    Riwayat = apps.get_model("portal", "HistoricalJendelaInput")
    for jendela in JendelaInput.objects.filter(dibuka=False):
        ditutup = None
        # The latest record that turned it from open (or from nothing) to closed.
        for catatan in Riwayat.objects.filter(id=jendela.pk).order_by("history_date", "history_id"):
            if catatan.dibuka:
                ditutup = None
            elif ditutup is None:
                ditutup = catatan.history_date
        if ditutup is not None:
            JendelaInput.objects.filter(pk=jendela.pk).update(ditutup_pada=ditutup)


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0002_jendela_input'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaljendelainput',
            name='ditutup_pada',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='ditutup pada'),
        ),
        migrations.AddField(
            model_name='historicaljendelainput',
            name='versi',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='jendelainput',
            name='ditutup_pada',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='ditutup pada'),
        ),
        migrations.AddField(
            model_name='jendelainput',
            name='versi',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.CreateModel(
            name='HistoricalPermintaanJendela',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('tahun', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                ('triwulan', models.PositiveSmallIntegerField(choices=[(1, 'Triwulan I'), (2, 'Triwulan II'), (3, 'Triwulan III'), (4, 'Triwulan IV')], validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='triwulan')),
                ('catatan', models.TextField(blank=True, verbose_name='catatan peminta')),
                ('status', models.CharField(choices=[('menunggu', 'Menunggu jawaban'), ('dipenuhi', 'Dipenuhi'), ('ditolak', 'Ditolak')], default='menunggu', max_length=10, verbose_name='status')),
                ('diminta_pada', models.DateTimeField(default=django.utils.timezone.now, verbose_name='diminta pada')),
                ('dijawab_pada', models.DateTimeField(blank=True, null=True, verbose_name='dijawab pada')),
                ('jawaban', models.TextField(blank=True, verbose_name='jawaban perencana')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('dijawab_oleh', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='dijawab oleh')),
                ('diminta_oleh', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diminta oleh')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('opd', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='portal.perangkatdaerah', verbose_name='perangkat daerah')),
                ('unit_kerja', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='portal.unitkerja', verbose_name='unit kerja')),
            ],
            options={
                'verbose_name': 'historical permintaan pembukaan jendela',
                'verbose_name_plural': 'historical permintaan pembukaan jendela',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PermintaanJendela',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tahun', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                ('triwulan', models.PositiveSmallIntegerField(choices=[(1, 'Triwulan I'), (2, 'Triwulan II'), (3, 'Triwulan III'), (4, 'Triwulan IV')], validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='triwulan')),
                ('catatan', models.TextField(blank=True, verbose_name='catatan peminta')),
                ('status', models.CharField(choices=[('menunggu', 'Menunggu jawaban'), ('dipenuhi', 'Dipenuhi'), ('ditolak', 'Ditolak')], default='menunggu', max_length=10, verbose_name='status')),
                ('diminta_pada', models.DateTimeField(default=django.utils.timezone.now, verbose_name='diminta pada')),
                ('dijawab_pada', models.DateTimeField(blank=True, null=True, verbose_name='dijawab pada')),
                ('jawaban', models.TextField(blank=True, verbose_name='jawaban perencana')),
                ('dijawab_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='dijawab oleh')),
                ('diminta_oleh', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diminta oleh')),
                ('opd', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='permintaan_jendela', to='portal.perangkatdaerah', verbose_name='perangkat daerah')),
                ('unit_kerja', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='permintaan_jendela', to='portal.unitkerja', verbose_name='unit kerja')),
            ],
            options={
                'verbose_name': 'permintaan pembukaan jendela',
                'verbose_name_plural': 'permintaan pembukaan jendela',
                'ordering': ['-diminta_pada'],
                'indexes': [models.Index(fields=['opd', 'status'], name='permintaan_jendela_opd_status')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'menunggu')), fields=('unit_kerja', 'tahun', 'triwulan'), name='permintaan_jendela_satu_menunggu'), models.CheckConstraint(condition=models.Q(('triwulan__gte', 1), ('triwulan__lte', 4)), name='permintaan_jendela_triwulan_1_4')],
            },
        ),
        migrations.RunPython(ditutup_dari_riwayat, migrations.RunPython.noop),
    ]
