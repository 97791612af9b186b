"""The AKIP predicate scales are reference data every installation needs.

PermenPANRB 88/2021 (LHE from 2022) and the older PermenPAN 12/2015. Bounds
are exclusive ("AA > 90–100") except the lowest band, which starts at 0.
"""

from decimal import Decimal

from django.db import migrations

SKALA = [
    (
        "permenpanrb-88-2021",
        "PermenPANRB Nomor 88 Tahun 2021",
        2022,
        [
            ("AA", "90", "100", "Sangat Memuaskan", 7),
            ("A", "80", "90", "Memuaskan", 6),
            ("BB", "70", "80", "Sangat Baik", 5),
            ("B", "60", "70", "Baik", 4),
            ("CC", "50", "60", "Cukup", 3),
            ("C", "30", "50", "Kurang", 2),
            ("D", "0", "30", "Sangat Kurang", 1),
        ],
    ),
    (
        "permenpan-12-2015",
        "PermenPAN dan RB Nomor 12 Tahun 2015",
        2015,
        [
            ("AA", "85", "100", "Memuaskan", 7),
            ("A", "75", "85", "Sangat Baik", 6),
            ("BB", "65", "75", "Baik", 5),
            ("B", "50", "65", "Cukup Baik", 4),
            ("CC", "30", "50", "Agak Kurang", 3),
            ("C", "20", "30", "Kurang", 2),
            ("D", "0", "20", "Sangat Kurang", 1),
        ],
    ),
]


def create_scales(apps, schema_editor):
    SkalaPredikat = apps.get_model("indikator", "SkalaPredikat")
    PredikatAkip = apps.get_model("indikator", "PredikatAkip")
    for kode, nama, tahun_mulai, bands in SKALA:
        skala, _ = SkalaPredikat.objects.update_or_create(
            kode=kode, defaults={"nama": nama, "tahun_mulai": tahun_mulai}
        )
        for predikat, bawah, atas, keterangan, peringkat in bands:
            PredikatAkip.objects.update_or_create(
                skala=skala,
                predikat=predikat,
                defaults={
                    "batas_bawah": Decimal(bawah),
                    "batas_atas": Decimal(atas),
                    "bawah_inklusif": bawah == "0",
                    "keterangan": keterangan,
                    "peringkat": peringkat,
                },
            )


def remove_scales(apps, schema_editor):
    apps.get_model("indikator", "SkalaPredikat").objects.filter(
        kode__in=[kode for kode, *_ in SKALA]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indikator", "0002_initial")]

    operations = [migrations.RunPython(create_scales, remove_scales)]
