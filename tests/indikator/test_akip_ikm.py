"""AKIP predicates under both scales, and IKM with its mutu bands."""

from decimal import Decimal as D

import pytest

from evaluasi.models import ikm_dari_nrr
from indikator.capaian import mutu_ikm
from indikator.models import SkalaPredikat

pytestmark = pytest.mark.django_db


def predikat(tahun_lhe, nilai):
    return SkalaPredikat.for_tahun(tahun_lhe).predikat_untuk(D(nilai)).predikat


def test_the_scale_is_chosen_by_evaluation_year():
    assert SkalaPredikat.for_tahun(2023).kode == "permenpanrb-88-2021"
    assert SkalaPredikat.for_tahun(2019).kode == "permenpan-12-2015"


def test_77_26_is_bb_under_88_2021_but_a_under_12_2015():
    assert predikat(2023, "77.26") == "BB"
    assert predikat(2019, "77.26") == "A"


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [("90.01", "AA"), ("90", "A"), ("80", "BB"), ("70.00", "B"), ("60", "CC"),
     ("50", "C"), ("30.01", "C"), ("30", "D"), ("0", "D"), ("100", "AA")],
)
def test_band_edges_of_88_2021_are_exclusive_below(nilai, expected):
    assert predikat(2024, nilai) == expected


def test_88_2021_has_no_gap_between_cc_and_c():
    # The seed prints "CC (>30-50)", skipping a band; the scale as data does not.
    assert predikat(2024, "55") == "CC"
    assert predikat(2024, "45") == "C"


def test_ikm_uses_exactly_one_ninth():
    nrr = [D("3.5")] * 4 + [D("3.2")] * 5
    expected = (D("3.5") * 4 + D("3.2") * 5) / 9 * 25
    assert ikm_dari_nrr(nrr) == expected
    assert ikm_dari_nrr(nrr) != sum(n * D("0.11") for n in nrr) * 25


def test_ikm_needs_nine_unsur():
    with pytest.raises(ValueError, match="9 unsur"):
        ikm_dari_nrr([D("3")] * 8)


@pytest.mark.parametrize(
    ("nilai", "mutu"),
    [("88.31", "A"), ("88.305", "A"), ("88.304", "B"), ("76.61", "B"), ("76.60", "C"),
     ("65.00", "C"), ("64.99", "D"), ("25", "D"), ("85.77", "B"), ("92.06", "A"), ("82.90", "B")],
)
def test_mutu_bands_classify_the_rounded_value(nilai, mutu):
    assert mutu_ikm(D(nilai))[0] == mutu
