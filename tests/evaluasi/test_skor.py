"""LKE scores are computed exactly from the answers, and the seed's LHE totals come out of the same sums."""

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from evaluasi.models import EvaluasiAkip, Lke, PilihanJawaban
from evaluasi.skor import bulatkan, hitung_lke, nilai_total
from indikator.models import SkalaPredikat

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "dinsos_bekasi" / "akip.json"


def _lke():
    lke = Lke.objects.get(kode="permenpanrb-88-2021")
    return lke, lke.struktur()


def _semua(struktur, kode):
    """{criterion id: the value of answer `kode`} for every criterion of the worksheet."""
    nilai = {p.skala_id: p.nilai for p in PilihanJawaban.objects.filter(kode=kode)}
    return {kr.pk: nilai[kr.skala_id] for k in struktur for s in k.sub.all() for kr in s.kriteria.all()}


@pytest.mark.django_db
def test_the_88_2021_worksheet_is_loaded_with_its_weights():
    lke, struktur = _lke()
    assert sum(len(s.kriteria.all()) for k in struktur for s in k.sub.all()) == 80
    assert sum(k.bobot for k in struktur) == 100
    for k in struktur:  # each component splits 20 / 30 / 50
        assert [s.bobot for s in k.sub.all()] == [k.bobot * p / 100 for p in (20, 30, 50)]


@pytest.mark.django_db
@pytest.mark.parametrize(("tahun", "total"), [(2024, "77.29"), (2023, "77.26")])
def test_the_seed_lhe_component_scores_give_its_total_and_bb(demo, tahun, total):
    evaluasi = EvaluasiAkip.objects.get(opd=demo, tahun_lhe=tahun)
    seed = next(e for e in json.loads(SEED.read_text())["evaluasi"] if e["tahun_lhe"] == tahun)
    assert [k.nilai for k in evaluasi.komponen.all()] == [Decimal(k["nilai"]) for k in seed["komponen"]]
    # The worksheet's own total, the one EvaluasiAkip.nilai_akhir and hitung_lke both use.
    assert nilai_total(k.nilai for k in evaluasi.komponen.all()) == Decimal(total)
    assert evaluasi.nilai_akhir() == Decimal(total)
    assert evaluasi.predikat().predikat == "BB"


@pytest.mark.django_db
def test_all_e_gives_zero_and_d():
    lke, struktur = _lke()
    hasil = hitung_lke(struktur, _semua(struktur, "E"), SkalaPredikat.for_tahun(2025))
    assert [k.nilai for k in hasil.komponen] == [Decimal(0)] * 4
    assert hasil.total == 0
    assert hasil.predikat.predikat == "D"
    assert hasil.lengkap


@pytest.mark.django_db
def test_all_aa_gives_hundred_and_aa():
    lke, struktur = _lke()
    hasil = hitung_lke(struktur, _semua(struktur, "AA"), SkalaPredikat.for_tahun(2025))
    assert [k.nilai for k in hasil.komponen] == [k.bobot for k in struktur]
    assert hasil.total == 100
    assert hasil.predikat.predikat == "AA"


@pytest.mark.django_db
def test_a_component_without_answers_is_belum_dinilai_not_zero():
    lke, struktur = _lke()
    semua = _semua(struktur, "BB")
    tanpa_pelaporan = {pk: v for pk, v in semua.items()
                       if pk not in {kr.pk for s in struktur[2].sub.all() for kr in s.kriteria.all()}}
    hasil = hitung_lke(struktur, tanpa_pelaporan, SkalaPredikat.for_tahun(2025))
    assert hasil.komponen[2].nilai is None
    assert hasil.komponen[2].terjawab == 0
    assert hasil.komponen[0].nilai == struktur[0].bobot * Decimal("0.8")
    assert hasil.total is None and hasil.predikat is None
    assert not hasil.lengkap


@pytest.mark.django_db
def test_a_sub_component_is_its_weight_times_the_mean_rounded_once_at_the_component():
    lke, struktur = _lke()
    sub = struktur[0].sub.all()[0]  # 1.1: seven criteria, bobot 6
    kriteria = list(sub.kriteria.all())
    aa, e = (PilihanJawaban.objects.get(skala=kriteria[0].skala, kode=kode).nilai for kode in ("AA", "E"))
    jawaban = {kr.pk: aa for kr in kriteria[:6]} | {kriteria[6].pk: e}
    hasil = hitung_lke(struktur, jawaban)
    exact = Fraction(sub.bobot) * (6 * Fraction(aa) + Fraction(e)) / 7 / 100  # 6 × 6/7 = 5,142857…
    assert hasil.komponen[0].nilai == bulatkan(exact) == Decimal("5.14")
    assert hasil.komponen[0].terjawab == 7 and hasil.komponen[0].jumlah == 25


def test_rounding_is_half_up_on_the_exact_fraction():
    assert bulatkan(Fraction(12345, 1000)) == Decimal("12.35")
    assert bulatkan(Fraction(12344999, 1000000)) == Decimal("12.34")
    assert bulatkan(Fraction(2, 3)) == Decimal("0.67")
