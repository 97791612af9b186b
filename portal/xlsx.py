"""Every table page exports all its rows to XLSX through this one helper."""

import io
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
