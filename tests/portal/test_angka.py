from decimal import Decimal as D

import pytest

from portal import angka


def test_money_is_printed_indonesian_style():
    assert angka.format_rupiah(32019890719) == "Rp 32.019.890.719"
    assert angka.format_angka(D("1234567.891"), places=2) == "1.234.567,89"
    assert angka.format_persen(D("85.6249")) == "85,62"
    assert angka.format_angka(None) == "–"


def test_floats_are_refused():
    with pytest.raises(TypeError):
        angka.format_angka(0.1)
    with pytest.raises(TypeError):
        angka.parse_angka(0.1)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("85,77", "85.77"), ("85.77", "85.77"), ("1.234.567,89", "1234567.89"),
     ("Rp 3.000.000", "3000000"), ("100 %", "100"), ("-2,5", "-2.5"), ("14", "14")],
)
def test_users_may_type_a_decimal_comma(typed, value):
    assert angka.parse_angka(typed) == D(value)


@pytest.mark.parametrize("typed", ["abc", "", "1,2,3", "12.34.5", "1.2345,6", "--1"])
def test_garbage_is_refused_in_indonesian(typed):
    with pytest.raises(ValueError, match="angka|Angka"):
        angka.parse_angka(typed)


def test_terbilang_matches_the_seed_wording():
    assert angka.terbilang_rupiah(3266735000) == (
        "Tiga miliar dua ratus enam puluh enam juta tujuh ratus tiga puluh lima ribu rupiah"
    )
    assert angka.terbilang_rupiah(D("10862021300")) == (
        "Sepuluh miliar delapan ratus enam puluh dua juta dua puluh satu ribu tiga ratus rupiah"
    )


def test_terbilang_refuses_fractions():
    with pytest.raises(ValueError):
        angka.terbilang(D("1.5"))


def test_terbilang_rupiah_says_the_sen_of_an_amount_that_has_them():
    assert angka.terbilang_rupiah(D("1250000.50")) == "Satu juta dua ratus lima puluh ribu rupiah lima puluh sen"
    assert angka.terbilang_rupiah(D("7.05")) == "Tujuh rupiah lima sen"
    assert angka.terbilang_rupiah(D("3000000.00")) == "Tiga juta rupiah"
