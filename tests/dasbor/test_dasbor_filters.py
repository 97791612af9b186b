"""The dashboard filters: blanks say "belum diisi", statuses say their name, user text stays escaped."""

from decimal import Decimal

from dasbor.templatetags.dasbor import label_status, nilai_atau_kosong


def test_a_blank_figure_is_belum_diisi_and_a_zero_stays_zero():
    assert "belum diisi" in nilai_atau_kosong(None)
    assert nilai_atau_kosong(Decimal("0")) == "0"
    assert nilai_atau_kosong(Decimal("14.00")) == "14"  # as the LKIP prints it
    assert nilai_atau_kosong(Decimal("85.765")) == "85,77"


def test_a_predicate_text_is_shown_escaped():
    assert nilai_atau_kosong(None, "<b>BB</b>") == "&lt;b&gt;BB&lt;/b&gt;"


def test_every_status_badge_carries_its_name_in_words():
    assert ">Tercapai<" in label_status("tercapai")
    assert ">Perlu perhatian<" in label_status("perhatian")
    assert ">Kritis<" in label_status("kritis")
    assert ">Belum diisi<" in label_status("kosong")
