"""An uploaded spreadsheet for import tests, built by the same helper as the portal's exports."""

import io

from portal.xlsx import workbook_bytes


def berkas_xlsx(nama, sheets):
    """`sheets`: (title, headers, rows) as portal.xlsx.workbook_bytes takes them; a file-like upload named `nama`."""
    berkas = io.BytesIO(workbook_bytes(sheets))
    berkas.name = nama
    return berkas
