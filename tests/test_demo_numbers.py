"""DOMAIN.md §10: the worked numbers, recomputed from the loaded demo records.

The expected figures are the ones of the seed documents (corrected where the
seed is wrong, DOMAIN.md §11); the values compared are computed by the same
services every page and document uses.
"""

from decimal import Decimal as D

import pytest

from anggaran.rekap import anggaran_opd, efisiensi
from indikator.capaian import capaian_nilai
from indikator.models import Indikator, Realisasi, Sasaran, Target
from portal.angka import bulatkan, format_rupiah

PROGRAM_2023 = {
    "1.06.01": ("12713646335", "90.36"),
    "1.06.02": ("3266735000", "86.21"),
    "1.06.04": ("7650364300", "86.64"),
    "1.06.05": ("4628963084", "78.35"),
    "1.06.06": ("3211657000", "72.38"),
    "1.06.07": ("548525000", "97.10"),
}


@pytest.fixture
def tree_2023(demo):
    return anggaran_opd(demo, 2023)


def sasaran_of(opd, tahun, nama_indikator):
    indikator = Indikator.objects.get(
        opd=opd, is_iku=True, sasaran__isnull=False, nama__iexact=nama_indikator,
        sasaran__tujuan__renstra__tahun_awal__lte=tahun, sasaran__tujuan__renstra__tahun_akhir__gte=tahun,
    )
    return indikator.sasaran


def test_item1_every_anggaran_kas_row_adds_up_to_its_pagu(tree_2023):
    rows = [r for r in tree_2023.iter_rows() if r.level == "sub_kegiatan"]
    assert len(rows) == 40
    assert all(r.selisih_kas == 0 for r in rows)


def test_item1_triwulan_totals(tree_2023):
    assert tree_2023.kas == [D("5441922139"), D("10009402023"), D("5618646165"), D("10949920392")]
    assert tree_2023.pagu == D("32019890719")
    assert tree_2023.selisih_kas == 0


def test_item1_and_2_program_pagu_and_serapan(tree_2023):
    programs = {row.kode: row for row in tree_2023.anak}
    assert set(programs) == set(PROGRAM_2023)
    for kode, (pagu, serapan) in PROGRAM_2023.items():
        assert programs[kode].pagu_perubahan == D(pagu), kode
        assert programs[kode].kas_total == D(pagu), kode
        assert bulatkan(programs[kode].serapan) == D(serapan), kode


def test_item2_total_serapan(tree_2023):
    assert tree_2023.realisasi == D("27416231841")
    assert bulatkan(tree_2023.serapan) == D("85.62")


def test_pagu_murni_total_is_the_sum_of_its_rows_not_the_printed_figure(tree_2023):
    # Tabel 3.17 prints 25.106.563.484; its rows add up to 25.106.561.484.
    assert tree_2023.pagu_murni == D("25106561484")


def test_item3_ppks_budget_and_efisiensi(demo, tree_2023):
    sasaran = sasaran_of(demo, 2023, "Persentase PPKS binaan yang mandiri")
    budget = sasaran.anggaran(2023, tree_2023)
    assert (budget.pagu, budget.realisasi) == (D("10862021300"), D("8952451057"))
    assert bulatkan(budget.serapan) == D("82.42")
    assert bulatkan(efisiensi(budget.serapan, D(100))) == D("17.58")
    assert format_rupiah(budget.pagu) == "Rp 10.862.021.300"


def test_item4_psks_budget(demo, tree_2023):
    sasaran = sasaran_of(demo, 2023, "Persentase PSKS yang berfungsi")
    budget = sasaran.anggaran(2023, tree_2023)
    assert (budget.realisasi, budget.pagu) == (D("2816187400"), D("3266735000"))
    assert bulatkan(budget.serapan) == D("86.21")


def test_item5_budget_2024(demo):
    tree = anggaran_opd(demo, 2024)
    assert (tree.realisasi, tree.pagu) == (D("27935447177"), D("31132479236"))
    assert bulatkan(tree.serapan) == D("89.73")
    sasaran = sasaran_of(demo, 2024, "Persentase PPKS binaan yang mandiri")
    budget = sasaran.anggaran(2024, tree)
    assert (budget.realisasi, budget.pagu) == (D("8915908979"), D("9604306296"))
    assert bulatkan(budget.serapan) == D("92.83")


def test_item7_ppks_2024_capaian_is_computed_from_people_not_percentages(demo):
    indikator = Indikator.objects.get(
        opd=demo, is_iku=True, sasaran__isnull=False, nama__iexact="Persentase PPKS binaan yang mandiri",
        target__tahun=2024,
    )
    target = Target.objects.get(indikator=indikator, tahun=2024)
    realisasi = Realisasi.objects.get(indikator=indikator, tahun=2024)
    assert bulatkan(capaian_nilai(indikator, target, realisasi)) == D("242.83")


def test_iku_capaian_2023(demo):
    from indikator.models import PkIndikator, SkalaPredikat

    skala = SkalaPredikat.for_tahun(2023)
    hasil = {}
    for item in PkIndikator.objects.filter(perjanjian__opd=demo, perjanjian__tahun=2023).select_related(
        "indikator"
    ):
        realisasi = Realisasi.objects.filter(indikator=item.indikator, tahun=2023).order_by("-triwulan").first()
        hasil[item.indikator.nama.lower()] = capaian_nilai(item.indikator, item, realisasi, skala)
    assert len(hasil) == 4
    by_start = {name.split("(")[0].strip()[:30]: value for name, value in hasil.items()}
    values = sorted(bulatkan(v) for v in by_start.values())
    # AKIP BB vs BB, PPKS 14 vs 14, PSKS 100 vs 100: 100%; IKM 85,77 vs 80,50: 106,55%.
    assert values == [D("100.00"), D("100.00"), D("100.00"), D("106.55")]


def test_akip_and_ikm_history(demo):
    from evaluasi.models import EvaluasiAkip, SurveiKepuasan
    from indikator.capaian import mutu_ikm

    scores = {e.tahun_lhe: (e.nilai_akhir(), e.predikat().predikat) for e in EvaluasiAkip.objects.filter(opd=demo)}
    assert scores[2022] == (D("77.23"), "BB")
    assert scores[2023] == (D("77.26"), "BB")
    assert scores[2024] == (D("77.29"), "BB")
    ikm = {s.tahun: s.ikm() for s in SurveiKepuasan.objects.filter(opd=demo)}
    assert {t: mutu_ikm(v)[0] for t, v in ikm.items()} == {2022: "B", 2023: "B", 2024: "A"}
    assert ikm[2023] == D("85.77")


def test_sasaran_2023_are_supported_by_programs(demo):
    for sasaran in Sasaran.objects.filter(tujuan__renstra__opd=demo, tujuan__renstra__tahun_akhir=2023):
        assert sasaran.program_pendukung.exists(), sasaran


def test_load_demo_twice_changes_nothing(demo):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "0 dibuat, 0 diperbarui" in out.getvalue()
