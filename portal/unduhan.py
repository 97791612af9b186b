"""Download names: every file the portal sends (XLSX, PDF, evidence) is named through `lampiran`.

Names are built from data people type (an indicator code, an OPD's
abbreviation), and a CR/LF in a header value makes Django refuse the whole
response, while a quote or semicolon would let the name spill into the rest of
the header. So the name is rebuilt from safe characters: an ASCII fallback for
old clients and `filename*=UTF-8''…` (RFC 6266 / RFC 5987) for the real one.
"""

import re
import unicodedata
from urllib.parse import quote

NAMA_CADANGAN = "unduhan"
MAKS_PANJANG = 150  # browsers and file systems cut long names in their own ways; cut it here, extension kept

_BUKAN_ASCII_AMAN = re.compile(r"[^A-Za-z0-9._-]+")
_BUKAN_AMAN = re.compile(r'[\\/:*?"<>|;,]+')


def nama_berkas(nama):
    """The name as the user will see it: no control or format characters, no path or header separators."""
    teks = unicodedata.normalize("NFC", str(nama or ""))
    # Category C covers control (Cc: CR, LF, NUL), format (Cf: bidi overrides that disguise
    # an extension), surrogates and unassigned code points.
    teks = "".join(" " if unicodedata.category(ch).startswith(("C", "Z")) else ch for ch in teks)
    teks = _BUKAN_AMAN.sub("-", teks)
    teks = re.sub(r"\s+", "-", teks.strip()).strip(".-")
    return _potong(teks) or NAMA_CADANGAN


def nama_ascii(nama):
    """The same name in plain ASCII for clients that do not read filename*."""
    # é -> e (its accent is a separate mark after NFKD); a dash or a letter with no ASCII form -> "-".
    teks = "".join(
        ch if ch.isascii() else ("" if unicodedata.category(ch) == "Mn" else "-")
        for ch in unicodedata.normalize("NFKD", nama)
    )
    teks = _BUKAN_ASCII_AMAN.sub("-", teks).strip(".-")
    teks = re.sub(r"-{2,}", "-", teks)
    if not teks or teks.startswith("."):
        teks = NAMA_CADANGAN + teks
    return _potong(teks)


def content_disposition(nama, *, lampiran=True):
    """The Content-Disposition value for a file named `nama`; nothing in `nama` can break the header."""
    utuh = nama_berkas(nama)
    jenis = "attachment" if lampiran else "inline"
    return f"{jenis}; filename=\"{nama_ascii(utuh)}\"; filename*=UTF-8''{quote(utuh, safe='')}"


def lampiran(response, nama):
    """Mark `response` as a download named `nama` and return it."""
    response["Content-Disposition"] = content_disposition(nama)
    return response


def _potong(teks):
    if len(teks) <= MAKS_PANJANG:
        return teks
    akar, titik, ext = teks.rpartition(".")
    if titik and 0 < len(ext) <= 5:
        return akar[: MAKS_PANJANG - len(ext) - 1] + "." + ext
    return teks[:MAKS_PANJANG]
