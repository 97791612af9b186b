"""The per-OPD data version counters of the dashboard cache (indikator/dasbor_versi.py).

A plain table without a Django model: only dasbor_versi reads and writes it,
with one upsert per save and one lookup per dashboard request.
"""

from django.db import migrations

SQL = "CREATE TABLE indikator_dasborversi (opd_id bigint NOT NULL PRIMARY KEY, versi bigint NOT NULL)"


class Migration(migrations.Migration):

    dependencies = [
        ("indikator", "0006_riwayat_unsur_skm"),
    ]

    operations = [
        migrations.RunSQL(SQL, reverse_sql="DROP TABLE indikator_dasborversi"),
    ]
