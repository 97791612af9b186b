"""Dashboard computations: status bands, projections, capaian of a set, the city budget."""

from decimal import Decimal

import pytest

from anggaran.rekap import anggaran_opd, anggaran_per_opd, proyeksi_serapan
from indikator.capaian import Kumulatif, Status, proyeksi_realisasi, status_capaian
from indikator.models import Indikator, Renstra
from indikator.pengukuran import capaian_indikator, hitung_status
from tests.factories import (
    IndikatorFactory,
    PerangkatDaerahFactory,
    PkIndikatorFactory,
    RealisasiFactory,
    RenstraFactory,
    SasaranFactory,
    TargetTriwulanFactory,
    TujuanFactory,
)

D = Decimal


def test_it_bands_capaian_with_the_default_thresholds():
    assert status_capaian(D(100)) == Status.TERCAPAI
    assert status_capaian(D("242.83")) == Status.TERCAPAI
    assert status_capaian(D("99.99")) == Status.PERHATIAN
    assert status_capaian(D(75)) == Status.PERHATIAN
    assert status_capaian(D("74.99")) == Status.KRITIS
    assert status_capaian(D(0)) == Status.KRITIS


def test_it_bands_on_the_printed_value_so_colour_and_number_agree():
    # 99,995 prints as 100,00: it must not be coloured "perlu perhatian".
    assert status_capaian(D("99.995")) == Status.TERCAPAI
    assert status_capaian(D("74.994")) == Status.KRITIS


def test_it_never_bands_a_blank_capaian():
    assert status_capaian(None) == Status.KOSONG


def test_it_uses_the_thresholds_an_opd_sets():
    assert status_capaian(D(92), D(90), D(60)) == Status.TERCAPAI
    assert status_capaian(D(61), D(90), D(60)) == Status.PERHATIAN
    assert status_capaian(D(59), D(90), D(60)) == Status.KRITIS


def test_it_projects_a_sum_indicator_along_its_quarterly_plan():
    # PPKS PK 2023: targets 1, 3, 5, 5 (annual 14). Half the plan by TW II -> half the year.
    kum = Kumulatif(target=D(4), realisasi=D(2), sampai_triwulan=2)
    assert proyeksi_realisasi(Indikator.Agregasi.JUMLAH, D(14), kum) == D(7)


def test_it_projects_a_sum_indicator_linearly_without_quarterly_targets():
    kum = Kumulatif(target=None, realisasi=D(3), sampai_triwulan=1)
    assert proyeksi_realisasi(Indikator.Agregasi.JUMLAH, D(14), kum) == D(12)


def test_it_carries_the_latest_value_of_a_last_value_indicator():
    kum = Kumulatif(target=D(100), realisasi=D(80), sampai_triwulan=3)
    assert proyeksi_realisasi(Indikator.Agregasi.NILAI_AKHIR, D(100), kum) == D(80)


def test_it_does_not_project_a_year_end_only_indicator():
    kum = Kumulatif(target=None, realisasi=None, sampai_triwulan=2)
    assert proyeksi_realisasi(Indikator.Agregasi.AKHIR_TAHUN, D("80.5"), kum) is None


def test_it_projects_serapan_from_the_pace_against_anggaran_kas():
    # 30 spent of 40 planned so far -> 75% of the pagu at year end.
    assert proyeksi_serapan(D(1000), D(40), D(30)) == D(75)
    assert proyeksi_serapan(D(1000), None, D(30)) is None
    assert proyeksi_serapan(D(1000), D(40), None) is None


def test_renstra_in_force_is_the_newer_of_two_overlapping(db):
    opd = PerangkatDaerahFactory()
    lama = RenstraFactory(opd=opd, tahun_awal=2024, tahun_akhir=2026)
    baru = RenstraFactory(opd=opd, tahun_awal=2025, tahun_akhir=2029, nama="baru")
    assert Renstra.berlaku([lama, baru], 2024) == lama
    assert Renstra.berlaku([lama, baru], 2026) == baru
    assert Renstra.berlaku([lama, baru], 2030) is None


def _indikator_jumlah():
    renstra = RenstraFactory()
    sasaran = SasaranFactory(tujuan=TujuanFactory(renstra=renstra))
    indikator = IndikatorFactory(sasaran=sasaran, agregasi=Indikator.Agregasi.JUMLAH)
    pk = PkIndikatorFactory(indikator=indikator, perjanjian__opd=indikator.opd, nilai=D(14))
    for tw, nilai in enumerate(["1", "3", "5", "5"], start=1):
        TargetTriwulanFactory(pk_indikator=pk, triwulan=tw, nilai=D(nilai))
    return indikator


def test_it_measures_a_sum_indicator_cumulatively_and_warns_when_the_projection_misses(db):
    indikator = _indikator_jumlah()
    RealisasiFactory(indikator=indikator, triwulan=1, nilai=D(1))
    RealisasiFactory(indikator=indikator, triwulan=2, nilai=D(2))
    [row] = capaian_indikator(Indikator.objects.filter(pk=indikator.pk), 2023)
    assert row.periode == "triwulan"
    assert row.sampai_triwulan == 2
    assert (row.target, row.realisasi) == (D(4), D(3))
    assert row.capaian == D(75)
    assert row.status == Status.PERHATIAN
    assert row.proyeksi == D("10.5")
    assert row.proyeksi_capaian == D(75)
    assert row.proyeksi_meleset


def test_it_shows_a_blank_realisasi_as_belum_diisi_not_zero(db):
    indikator = _indikator_jumlah()
    [row] = capaian_indikator(Indikator.objects.filter(pk=indikator.pk), 2023)
    assert row.capaian is None
    assert row.realisasi is None
    assert row.status == Status.KOSONG
    assert hitung_status([row])["kosong"] == 1


def test_a_missing_quarter_leaves_a_sum_unknown_rather_than_zero(db):
    indikator = _indikator_jumlah()
    RealisasiFactory(indikator=indikator, triwulan=1, nilai=D(1))
    RealisasiFactory(indikator=indikator, triwulan=3, nilai=D(5))
    [row] = capaian_indikator(Indikator.objects.filter(pk=indikator.pk), 2023)
    assert row.sampai_triwulan == 3
    assert row.capaian is None
    assert row.status == Status.KOSONG


def test_an_annual_figure_is_the_years_figure_not_a_quarterly_curve(demo):
    ppks = Indikator.objects.filter(opd=demo, kode="R2426-IKU-PPKS")
    [row] = capaian_indikator(ppks, 2024)
    assert row.periode == "tahunan"
    assert row.realisasi_tw == {}
    # 15.216 / 6.266 people (DOMAIN.md §10.7), exact.
    assert row.capaian.quantize(D("0.01")) == D("242.83")
    assert row.status == Status.TERCAPAI


def test_the_demo_ikm_2023_capaian_is_exact(demo):
    [row] = capaian_indikator(Indikator.objects.filter(opd=demo, kode="IKU-IKM"), 2023)
    assert row.capaian.quantize(D("0.01")) == D("106.55")


def test_the_city_budget_agrees_with_the_opd_budget_tree_on_the_demo(demo):
    for tahun in (2023, 2024):
        kota = anggaran_per_opd(tahun)[demo.pk]
        opd = anggaran_opd(demo, tahun)
        assert (kota.pagu, kota.realisasi, kota.kas, kota.realisasi_tw) == (
            opd.pagu, opd.realisasi, opd.kas, opd.realisasi_tw
        )
    assert anggaran_per_opd(2023)[demo.pk].pagu == D("32019890719")
    assert anggaran_per_opd(2023)[demo.pk].realisasi == D("27416231841")


@pytest.mark.django_db
def test_the_city_budget_does_not_double_count_kas_and_realisasi_rows():
    from tests.factories import AnggaranKasFactory, DpaFactory, RealisasiAnggaranFactory

    dpa = DpaFactory(pagu_perubahan=D(1000))
    for tw in range(1, 5):
        AnggaranKasFactory(dpa=dpa, triwulan=tw, jumlah=D(250))
    RealisasiAnggaranFactory(dpa=dpa, triwulan=1, jumlah=D(200))
    RealisasiAnggaranFactory(dpa=dpa, triwulan=2, jumlah=D(100))
    row = anggaran_per_opd(2023)[dpa.opd_id]
    assert row.pagu == D(1000)
    assert row.kas_sd(2) == D(500)
    assert row.realisasi == D(300)
    assert row.realisasi_sd(2) == D(300)


def test_a_year_end_indicator_before_tw_iv_is_not_due_rather_than_blank(db):
    indikator = _indikator_jumlah()
    ikm = IndikatorFactory(sasaran=indikator.sasaran, agregasi=Indikator.Agregasi.AKHIR_TAHUN)
    PkIndikatorFactory(indikator=ikm, perjanjian=indikator.pk_indikator.get().perjanjian, nilai=D("80.5"))
    RealisasiFactory(indikator=indikator, triwulan=1, nilai=D(1))
    rows = capaian_indikator(Indikator.objects.filter(pk__in=[indikator.pk, ikm.pk]), 2023)
    row = next(r for r in rows if r.indikator == ikm)
    assert row.akhir_tahun_nanti
    assert row.target == D("80.5")
    assert row.capaian is None
    counts = hitung_status(rows)
    assert counts["akhir_tahun"] == 1
    assert counts["kosong"] == 0
