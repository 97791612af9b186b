"""Download names: whatever an indicator code or an OPD name holds, the header stays one valid header."""

import pytest
from django.http import HttpResponse

from portal.unduhan import content_disposition, lampiran


@pytest.mark.parametrize("nama", [
    "riwayat-IKU\r\n1.xlsx", 'riwayat-"a";b.xlsx', "riwayat-IKU\n\rSet-Cookie: x=1.xlsx", "../../etc/passwd",
    "renja-Dinsos \u202egpj.exe.pdf", "\x00\x1b.xlsx", "", "bukti-" + "x" * 400 + ".pdf",
])
def test_any_name_gives_a_header_django_accepts_with_no_line_break_or_quote_inside(nama):
    response = lampiran(HttpResponse(b""), nama)
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    ascii_part = header.split('filename="', 1)[1].split('"', 1)[0]
    assert ascii_part and all(c.isascii() and (c.isalnum() or c in "._-") for c in ascii_part)
    assert "/" not in ascii_part and not ascii_part.startswith(".")
    assert len(ascii_part) <= 150
    assert "\u202e" not in header


def test_a_plain_name_reads_the_same_in_both_forms():
    assert content_disposition("lkip-DINSOS-2023.pdf") == (
        "attachment; filename=\"lkip-DINSOS-2023.pdf\"; filename*=UTF-8''lkip-DINSOS-2023.pdf"
    )


def test_a_name_beyond_ascii_keeps_its_letters_in_filename_star():
    header = content_disposition("renja-Dinas Sosial Kota Bekasi–2026.xlsx")
    assert 'filename="renja-Dinas-Sosial-Kota-Bekasi-2026.xlsx"' in header
    assert "filename*=UTF-8''renja-Dinas-Sosial-Kota-Bekasi%E2%80%932026.xlsx" in header


def test_a_long_name_keeps_its_extension():
    header = content_disposition("bukti-" + "x" * 400 + ".pdf")
    assert header.split('filename="')[1].split('"')[0].endswith(".pdf")
