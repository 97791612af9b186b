"""Numbers and money typed into any form follow one rule (portal/forms.py, portal/angka.py)."""

from decimal import Decimal as D

import pytest
from django import forms

from portal.forms import angka_isian, rupiah_isian
from portal.xlsx import uang_sel


def test_a_number_with_a_decimal_comma_is_exact_and_blank_stays_unknown():
    assert angka_isian("80,50", "Realisasi") == D("80.50")
    assert angka_isian("", "Realisasi") is None
    assert angka_isian("-3", "Selisih") == D("-3")


def test_the_error_names_the_field():
    with pytest.raises(forms.ValidationError, match="Target: "):
        angka_isian("lima", "Target")
    with pytest.raises(forms.ValidationError, match="Target: tidak boleh negatif"):
        angka_isian("-1", "Target", boleh_negatif=False)


@pytest.mark.parametrize(("ketik", "pesan"), [("-5", "jumlah uang tidak boleh negatif"),
                                               ("1.000,005", "paling banyak dua angka")])
def test_money_in_a_form_and_in_a_spreadsheet_cell_is_refused_for_the_same_reasons(ketik, pesan):
    with pytest.raises(forms.ValidationError, match=pesan):
        rupiah_isian(ketik, "Pagu")
    with pytest.raises(ValueError, match=pesan):
        uang_sel(ketik, "Pagu")


def test_money_keeps_its_sen():
    assert rupiah_isian("1.250.000,50", "Pagu") == D("1250000.50")
    assert uang_sel("1.250.000,50", "Pagu") == D("1250000.50")


def test_xlsx_cells_keep_exact_numbers_with_an_indonesian_reader_format():
    from portal.xlsx import DESIMAL_FORMAT, RUPIAH_FORMAT, build_workbook

    sheet = build_workbook([("T", ["Pagu", "Serapan"], [[D("32019890719"), D("85.62")], [D("100"), D("97.10")]])])["T"]
    assert sheet["A2"].value == 32019890719 and sheet["A2"].number_format == RUPIAH_FORMAT
    assert sheet["B2"].value == D("85.62") and sheet["B2"].number_format == DESIMAL_FORMAT
    assert sheet["B3"].number_format == DESIMAL_FORMAT
