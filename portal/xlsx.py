"""Spreadsheets: every XLSX the portal writes goes through `build_workbook`; every import reads through here.

Reading: `buka_xlsx` opens an upload, `baca_sheet` gives its rows by header
name within fixed limits, `baris_berkode` pairs each row with the record its
code names, and `angka_sel` / `uang_sel` read a cell under the same number
rules as a form field. Problems go into a `HasilImpor`, by sheet and row.
"""

import datetime
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse  # openpyxl's own parser choice (defusedxml when installed)

from portal.angka import format_angka, parse_angka, periksa_uang
from portal.teks import alasan_teks_ditolak
from portal.unduhan import lampiran

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH_FORMAT = "#,##0"
DESIMAL_FORMAT = "#,##0.00"


# Excel keeps at most this many characters in a cell; openpyxl would cut a longer text silently.
BATAS_SEL = 32767
LEMBAR_TEKS_LENGKAP = "Teks lengkap"
TANDA_TERPOTONG = f" … [TERPOTONG: teks lengkap di lembar '{LEMBAR_TEKS_LENGKAP}']"
# Characters XML 1.0 cannot carry (openpyxl refuses the whole workbook for one of them),
# lone surrogates and the two non-characters Excel reports as a corrupt file.
_KARAKTER_TERLARANG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A text starting with one of these is a formula to Excel (or becomes one when the cell is
# edited): "=HYPERLINK(...)" typed into an analysis must stay text in every export.
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")
_JUDUL_TERLARANG = re.compile(r"[\\/*?:\[\]]")


def teks_ekspor(text):
    """The text a cell holds for `text`: control characters removed, cut and marked at Excel's limit.

    The imports compare a cell with this to tell "unchanged" from "edited" (see `teks_sel`).
    """
    bersih = _KARAKTER_TERLARANG.sub("", str(text))
    if len(bersih) > BATAS_SEL:
        return bersih[: BATAS_SEL - len(TANDA_TERPOTONG)] + TANDA_TERPOTONG
    return bersih


def teks_terpotong(text):
    """True for a cell text the portal cut at Excel's limit (its full text is not in the cell)."""
    return isinstance(text, str) and text.rstrip().endswith(TANDA_TERPOTONG.strip())


def teks_sel(value, tersimpan, label):
    """The text an import stores from a cell, given the text stored now.

    A cell holding exactly what the export wrote for the stored text keeps the
    stored text (control characters and all), so a round trip of the template
    changes nothing. A cut text that is not the export of the stored one is
    refused: storing it would throw away the rest of a longer text. So is a
    new text with a control character (portal.teks), as a form refuses it.
    Raises ValueError naming the column.
    """
    teks = "" if value is None else str(value)
    if tersimpan and teks.strip() == teks_ekspor(tersimpan).strip():
        return tersimpan
    if teks_terpotong(teks):
        raise ValueError(
            f"{label}: teks di berkas terpotong pada batas Excel ({format_angka(BATAS_SEL)} karakter) dan "
            "tidak sama dengan teks yang tersimpan; ubah teks sepanjang ini di halaman isian, bukan lewat impor."
        )
    pesan = alasan_teks_ditolak(teks, label)
    if pesan:
        raise ValueError(pesan)
    return teks.strip()


def build_workbook(sheets):
    """`sheets`: list of (title, headers, rows). Decimals stay exact numbers in the cells.

    Every cell goes through `_isi`: text never becomes a live formula, characters
    XML cannot carry are removed, and a text longer than a cell holds is cut with
    a mark and written whole on the sheet "Teks lengkap".
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    panjang = []  # (sheet, coordinate, full text) of every cut cell
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=_judul(title))
        for column, header in enumerate(headers, start=1):
            cell = sheet.cell(row=1, column=column)
            _isi(cell, header, panjang)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                _isi(sheet.cell(row=number, column=column), value, panjang)
        for index, header in enumerate(headers, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = min(max(len(str(header)) + 2, 12), 60)
            for cell in sheet[letter][1:]:
                if isinstance(cell.value, (int, float, Decimal)) and not isinstance(cell.value, bool):
                    cell.number_format = RUPIAH_FORMAT if cell.value == int(cell.value) else DESIMAL_FORMAT
        sheet.freeze_panes = "A2"
    if panjang:
        _lembar_teks_lengkap(workbook, panjang)
    return workbook


def _isi(cell, value, panjang):
    value = _cell_value(value)
    if not isinstance(value, str):
        cell.value = value
        return
    teks = teks_ekspor(value)
    if teks != _KARAKTER_TERLARANG.sub("", value):
        panjang.append((cell.parent.title, cell.coordinate, value))
    cell.value = teks
    if teks.startswith(_AWAL_RUMUS) or cell.data_type != "s":
        # openpyxl makes "=..." a formula and "#N/A" an error; both stay the text the user typed.
        # quotePrefix is Excel's own apostrophe: the text stays text when the cell is edited.
        cell.data_type = "s"
        cell.quotePrefix = True


def _lembar_teks_lengkap(workbook, panjang):
    """The whole text of every cut cell, in parts that each fit a cell, in reading order."""
    sheet = workbook.create_sheet(title=_judul(LEMBAR_TEKS_LENGKAP))
    sheet.append(["Lembar", "Sel", "Bagian", "Jumlah karakter", "Teks"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for title, coordinate, text in panjang:
        bersih = _KARAKTER_TERLARANG.sub("", text)
        bagian = [bersih[i:i + BATAS_SEL] for i in range(0, len(bersih), BATAS_SEL)]
        for nomor, isi in enumerate(bagian, start=1):
            row = sheet.max_row + 1
            for column, value in enumerate([title, coordinate, nomor, len(bersih), isi], start=1):
                _isi(sheet.cell(row=row, column=column), value, [])
    sheet.column_dimensions["E"].width = 100


def _judul(title):
    # A sheet title may not hold []:*?/\ and is at most 31 characters; a clash would make openpyxl rename it.
    judul = _JUDUL_TERLARANG.sub("-", _KARAKTER_TERLARANG.sub("", str(title))).strip("'")[:31] or "Lembar"
    return judul


def _cell_value(value):
    # openpyxl writes Decimal as a number; keep integers integral for money.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return value


def workbook_bytes(sheets):
    buffer = io.BytesIO()
    build_workbook(sheets).save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, sheets):
    return lampiran(HttpResponse(workbook_bytes(sheets), content_type=XLSX_MIME), filename)


# --- Reading an upload ---------------------------------------------------------


# Limits of a spreadsheet import: the template of the largest OPD has a few hundred rows.
MAKS_BARIS_IMPOR = 5000
MAKS_KOLOM_IMPOR = 100
MAKS_KESALAHAN_DITAMPILKAN = 100


@dataclass
class HasilImpor:
    """What an import would change (or changed), and every bad row with its sheet and row number."""

    perubahan: list = field(default_factory=list)  # (sheet, row, kode, nama, kolom, lama, baru)
    kesalahan: list = field(default_factory=list)  # (sheet, row, message)
    kesalahan_lain: int = 0  # bad rows beyond the ones listed
    disimpan: bool = False

    @property
    def sah(self):
        return not self.kesalahan

    def salah(self, sheet, row, message):
        # A file of thousands of bad rows would make a page of megabytes; the count says the rest.
        if len(self.kesalahan) < MAKS_KESALAHAN_DITAMPILKAN:
            self.kesalahan.append((sheet, row, message))
        else:
            self.kesalahan_lain += 1

    @property
    def jumlah_kesalahan(self):
        return len(self.kesalahan) + self.kesalahan_lain

    def sidik(self):
        """A fingerprint of the planned changes: the commit is refused if they moved since the preview."""
        return hashlib.sha256(repr(self.perubahan).encode()).hexdigest()


def baca_sheet(workbook, title, kolom, hasil, opsional=()):
    """Rows of a sheet as (row number, {column: value}) by header name; missing headers are errors.

    `opsional` columns are read when their header is there and left out of the row otherwise.
    """
    if title not in workbook.sheetnames:
        hasil.salah(title, 0, f"Lembar '{title}' tidak ada di berkas.")
        return []
    sheet = workbook[title]
    # The size a file declares is not trusted: a declared A1:XFD200000 would make
    # every row 16 384 cells wide. Read only the columns the header names.
    sheet.reset_dimensions()
    first = next(sheet.iter_rows(min_row=1, max_row=1, max_col=MAKS_KOLOM_IMPOR, values_only=True), ())
    header = [str(h).strip() if h is not None else "" for h in first]
    hilang = [k for k in kolom if k not in header]
    if hilang:
        hasil.salah(title, 1, "Kolom tidak ditemukan: " + ", ".join(hilang) + ".")
        return []
    index = {k: header.index(k) for k in [*kolom, *(k for k in opsional if k in header)]}
    lebar = max(index.values()) + 1
    tanpa_nilai = _rumus_tanpa_nilai(workbook, sheet, lebar)
    result = []
    rows = sheet.iter_rows(min_row=2, max_col=lebar, values_only=True)
    for number, row in enumerate(rows, start=2):
        if number > MAKS_BARIS_IMPOR + 1:
            hasil.salah(title, number, f"Lembar '{title}' lebih dari {format_angka(MAKS_BARIS_IMPOR)} baris; "
                                       "bagi menjadi beberapa berkas.")
            return []
        if tanpa_nilai.get(number):
            # The row cannot be read as the user sees it: say so rather than take the blank for "empty".
            nama = [k for k, i in index.items() if i + 1 in tanpa_nilai[number]]
            if nama:
                hasil.salah(title, number, f"{', '.join(nama)}: {RUMUS_TANPA_NILAI}")
                continue
        if row is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        result.append((number, {k: (row[i] if i < len(row) else None) for k, i in index.items()}))
    return result


RUMUS_TANPA_NILAI = "nilai rumus tidak tersimpan; simpan ulang berkas di Excel atau ketik nilainya."


def _rumus_tanpa_nilai(workbook, sheet, lebar):
    """{row: {column, …}} of the formula cells of `sheet` that carry no computed value.

    Imports open files with data_only=True, where openpyxl gives such a cell as
    None, exactly like an empty cell: a file written by a program that does not
    calculate (openpyxl itself, some converters) would lose those numbers without
    a word. The sheet's XML says it: an <f> whose <v> is missing or empty, while
    a formula that computed an empty text is marked t="str".
    """
    archive, path = getattr(workbook, "_archive", None), getattr(sheet, "_worksheet_path", None)
    if archive is None or path is None:
        # Only a read-only workbook (what buka_xlsx opens) keeps its archive to look into.
        return {}
    tag_c, tag_f, tag_v, tag_row = (f"{{{SHEET_MAIN_NS}}}{t}" for t in ("c", "f", "v", "row"))
    found = {}
    baris = kolom = 0
    with archive.open(path) as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == tag_row:
                    baris = int(element.get("r") or baris + 1)
                    kolom = 0
                continue
            if element.tag == tag_c:
                ref = element.get("r")
                kolom = coordinate_to_tuple(ref)[1] if ref else kolom + 1
                if kolom <= lebar and element.find(tag_f) is not None and element.get("t") != "str":
                    v = element.find(tag_v)
                    if v is None or not (v.text or "").strip():
                        found.setdefault(baris, set()).add(kolom)
                element.clear()
            elif element.tag == tag_row:
                element.clear()
                if baris > MAKS_BARIS_IMPOR + 1:
                    break
    return found


def baris_berkode(rows, hasil, lembar, kolom_kode, dikenal, pesan_tidak_dikenal):
    """Each sheet row with the record its code names, as (row number, row, code, record).

    A code not in `dikenal` (reported with `pesan_tidak_dikenal`, which may use
    {kode}) or seen on an earlier row is reported with its row number and skipped.
    """
    seen = set()
    for number, row in rows:
        kode = str(row[kolom_kode] or "").strip()
        record = dikenal.get(kode)
        if record is None:
            hasil.salah(lembar, number, pesan_tidak_dikenal.format(kode=kode))
            continue
        if kode in seen:
            hasil.salah(lembar, number, f"{kolom_kode} {kode} muncul lebih dari sekali.")
            continue
        seen.add(kode)
        yield number, row, kode, record


def angka_sel(value, label):
    """A number from a spreadsheet cell, exactly; None for an empty cell. Raises ValueError naming the column."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{label}: '{value}' bukan angka.")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{label}: '{value}' bukan angka.")
        # openpyxl reads numeric cells as float. Excel keeps and shows 15 significant digits:
        # a typed 0.3 is 0.3, and =0.1+0.2 (stored as 0.30000000000000004) is the 0.3 the user sees.
        return Decimal(format(value, ".15g"))
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        raise ValueError(f"{label}: sel berisi tanggal atau waktu, bukan angka.")
    try:
        return parse_angka(value)
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}") from exc


def uang_sel(value, label):
    """An amount of money from a spreadsheet cell, under the same rule as a form field."""
    return periksa_uang(angka_sel(value, label), label)


def buka_xlsx(file, hasil):
    try:
        return load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises zipfile, KeyError, InvalidFileException… for a non-XLSX file
        hasil.salah("", 0, "Berkas bukan XLSX yang dapat dibaca.")
        return None
