"""generate_city: realistic synthetic OPDs the dashboards read as real data."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from anggaran.models import AnggaranKas, DpaSubKegiatan, RealisasiAnggaran
from anggaran.rekap import anggaran_opd, anggaran_per_opd
from indikator.models import Indikator, Realisasi
from portal.models import PerangkatDaerah


def generate(*flags, **kwargs):
    args = {"opd": 2, "tahun_awal": 2024, "tahun_akhir": 2025, "sub_kegiatan": 12, **kwargs}
    options = [f"--{k.replace('_', '-')}={v}" for k, v in args.items()]
    call_command("generate_city", *options, *flags, stdout=io.StringIO())


@pytest.mark.django_db
def test_it_creates_the_asked_number_of_opds_with_codes_that_do_not_collide():
    generate(opd=3)
    kodes = sorted(PerangkatDaerah.objects.filter(kode__startswith="GEN-").values_list("kode", flat=True))
    assert kodes == ["GEN-01", "GEN-02", "GEN-03"]


@pytest.mark.django_db
def test_anggaran_kas_adds_up_to_the_pagu_on_every_line():
    generate()
    for dpa in DpaSubKegiatan.objects.filter(opd__kode__startswith="GEN-"):
        total = AnggaranKas.objects.filter(dpa=dpa).aggregate(s=Sum("jumlah"))["s"]
        assert total == dpa.pagu


@pytest.mark.django_db
def test_the_last_year_is_filled_only_to_the_asked_triwulan():
    generate(sampai_triwulan=2)
    realisasi = Realisasi.objects.filter(indikator__opd__kode__startswith="GEN-")
    assert not realisasi.filter(tahun=2025, triwulan__gt=2).exists()
    assert not RealisasiAnggaran.objects.filter(dpa__opd__kode__startswith="GEN-", dpa__tahun=2025,
                                                triwulan__gt=2).exists()
    assert realisasi.filter(tahun=2024, triwulan=4).exists()
    # Realisasi is quarterly, never an annual figure: the dashboards get real quarters.
    assert not realisasi.filter(triwulan__isnull=True).exists()


@pytest.mark.django_db
def test_each_opd_has_ikus_program_and_sub_kegiatan_indicators():
    generate(opd=1)
    opd = PerangkatDaerah.objects.get(kode="GEN-01")
    assert Indikator.objects.filter(opd=opd, is_iku=True).count() == 5
    assert Indikator.objects.filter(opd=opd, program__isnull=False).count() == 6
    sub_count = DpaSubKegiatan.objects.filter(opd=opd, tahun=2025).count()
    assert Indikator.objects.filter(opd=opd, sub_kegiatan__isnull=False).count() == sub_count


@pytest.mark.django_db
def test_it_is_deterministic_for_a_seed():
    generate(opd=1)
    generated = DpaSubKegiatan.objects.filter(opd__kode__startswith="GEN-")
    first = generated.aggregate(s=Sum("pagu_murni"))["s"]
    generate("--ganti", opd=1)
    assert generated.aggregate(s=Sum("pagu_murni"))["s"] == first


@pytest.mark.django_db
def test_it_refuses_to_generate_twice_without_ganti():
    generate(opd=1)
    with pytest.raises(CommandError):
        generate(opd=1)


@pytest.mark.django_db
def test_the_set_based_city_budget_matches_each_opd_tree_on_generated_data():
    generate(opd=3)
    for tahun in (2024, 2025):
        kota = anggaran_per_opd(tahun)
        for opd in PerangkatDaerah.objects.filter(kode__startswith="GEN-"):
            tree = anggaran_opd(opd, tahun)
            row = kota[opd.pk]
            assert (row.pagu, row.realisasi, row.kas, row.realisasi_tw) == (
                tree.pagu, tree.realisasi, tree.kas, tree.realisasi_tw
            )
            assert row.pagu > Decimal(0)


def test_every_generated_indicator_has_a_unit_that_reports_it(db):
    call_command("generate_city", "--opd=1", "--tahun-awal=2025", "--tahun-akhir=2025", stdout=io.StringIO())
    assert Indikator.objects.exists()
    assert not Indikator.objects.filter(penanggung_jawab__isnull=True).exists()
