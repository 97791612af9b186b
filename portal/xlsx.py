"""Spreadsheets: every XLSX the portal writes goes through `build_workbook`; every import reads through here.

Reading: `buka_xlsx` opens an upload, `baca_sheet` gives its rows by header
name within fixed limits, `baris_berkode` pairs each row with the record its
code names, and `angka_sel` / `uang_sel` read a cell under the same number
rules as a form field. Problems go into a `HasilImpor`, by sheet and row.
"""

import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from portal.angka import format_angka, parse_angka, periksa_uang

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH_FORMAT = "#,##0"
DESIMAL_FORMAT = "#,##0.00"


def build_workbook(sheets):
    """`sheets`: list of (title, headers, rows). Decimals stay exact numbers in the cells."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append([_cell_value(v) for v in row])
        for index, header in enumerate(headers, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = min(max(len(str(header)) + 2, 12), 60)
            for cell in sheet[letter][1:]:
                if isinstance(cell.value, (int, float, Decimal)) and not isinstance(cell.value, bool):
                    cell.number_format = RUPIAH_FORMAT if cell.value == int(cell.value) else DESIMAL_FORMAT
        sheet.freeze_panes = "A2"
    return workbook


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
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    result = []
    rows = sheet.iter_rows(min_row=2, max_col=max(index.values()) + 1, values_only=True)
    for number, row in enumerate(rows, start=2):
        if number > MAKS_BARIS_IMPOR + 1:
            hasil.salah(title, number, f"Lembar '{title}' lebih dari {format_angka(MAKS_BARIS_IMPOR)} baris; "
                                       "bagi menjadi beberapa berkas.")
            return []
        if row is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        result.append((number, {k: (row[i] if i < len(row) else None) for k, i in index.items()}))
    return result


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
        # openpyxl reads numeric cells as float; its shortest repr is the number the user typed.
        return Decimal(repr(value))
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
