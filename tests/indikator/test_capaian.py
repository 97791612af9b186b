"""The capaian formulas of DOMAIN.md §3 on their edges."""

from decimal import Decimal as D

import pytest

from indikator.capaian import capaian, capaian_predikat, kumulatif, selisih_target_triwulan
from indikator.models import Indikator
from portal.angka import bulatkan

POS, NEG = Indikator.Polaritas.POSITIF, Indikator.Polaritas.NEGATIF
JUMLAH, AKHIR, AKHIR_TAHUN = (
    Indikator.Agregasi.JUMLAH,
    Indikator.Agregasi.NILAI_AKHIR,
    Indikator.Agregasi.AKHIR_TAHUN,
)


def test_positive_indicator_is_realisasi_over_target():
    assert capaian(D("80.50"), D("85.77")) == D("85.77") / D("80.50") * 100
    assert bulatkan(capaian(D("80.50"), D("85.77"))) == D("106.55")


def test_capaian_is_not_capped():
    assert capaian(D("5"), D("12")) == D("240")


def test_negative_indicator_uses_two_times_target_by_default():
    # A poverty rate of 4 against a target of 5 is better than planned.
    assert capaian(D("5"), D("4"), NEG) == D("120")
    assert capaian(D("5"), D("6"), NEG) == D("80")


def test_negative_indicator_can_use_target_over_realisasi():
    result = capaian(D("5"), D("4"), NEG, Indikator.RumusNegatif.TARGET_PER_REALISASI)
    assert result == D("125")


def test_zero_target_has_no_capaian():
    assert capaian(D("0"), D("3")) is None
    assert capaian(D("0"), D("3"), NEG) is None
    assert capaian(D("5"), D("0"), NEG, Indikator.RumusNegatif.TARGET_PER_REALISASI) is None


def test_blank_realisasi_is_blank_not_zero():
    assert capaian(D("14"), None) is None
    assert capaian(None, D("14")) is None


def test_predicate_reaching_target_rank_is_100():
    assert capaian_predikat(5, 5) == D("100")
    assert capaian_predikat(5, 6) == D("100")


def test_predicate_below_target_is_rank_ratio():
    assert capaian_predikat(5, 4) == D("80")
    assert capaian_predikat(5, None) is None


def test_sum_rule_accumulates_quarters():
    targets = {1: D("1"), 2: D("3"), 3: D("5"), 4: D("5")}
    values = {1: D("1"), 2: D("2"), 3: D("6")}
    result = kumulatif(JUMLAH, targets, values, 3)
    assert (result.target, result.realisasi) == (D("9"), D("9"))
    assert capaian(result.target, result.realisasi) == D("100")


def test_sum_rule_with_a_missing_quarter_is_unknown():
    targets = {1: D("1"), 2: D("3"), 3: D("5"), 4: D("5")}
    result = kumulatif(JUMLAH, targets, {1: D("1"), 3: D("6")}, 3)
    assert result.realisasi is None
    assert not result.lengkap


def test_last_value_rule_compares_the_quarter_itself():
    targets = {tw: D("100") for tw in range(1, 5)}
    result = kumulatif(AKHIR, targets, {1: D("90"), 2: D("100")}, 2)
    assert (result.target, result.realisasi) == (D("100"), D("100"))


def test_year_end_rule_has_nothing_before_tw4():
    result = kumulatif(AKHIR_TAHUN, {4: D("80.50")}, {4: D("85.77")}, 3)
    assert (result.target, result.realisasi) == (None, None)
    result = kumulatif(AKHIR_TAHUN, {4: D("80.50")}, {4: D("85.77")}, 4)
    assert result.realisasi == D("85.77")


def test_quarter_targets_of_a_sum_indicator_must_add_up():
    assert selisih_target_triwulan(JUMLAH, D("14"), {1: D(1), 2: D(3), 3: D(5), 4: D(5)}) == 0
    assert selisih_target_triwulan(JUMLAH, D("14"), {1: D(1), 2: D(3), 3: D(5), 4: D(4)}) == -1
    assert selisih_target_triwulan(AKHIR, D("100"), {tw: D(100) for tw in range(1, 5)}) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("85.625", "85.63"), ("85.624", "85.62"), ("82.415", "82.42"), ("-1.005", "-1.01")],
)
def test_rounding_is_half_up(value, expected):
    assert bulatkan(D(value)) == D(expected)
