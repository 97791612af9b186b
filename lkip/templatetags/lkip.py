"""Filters of the LKIP templates."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from lkip.tabel import nilai_teks
from portal.angka import format_nilai

register = template.Library()

# "Berdasarkan: 1. UU ...; 2. PP ..." typed on one line: each numbered item starts a line.
_BUTIR = re.compile(r"(?<=[;:.])\s+(?=\d{1,2}\.\s)")


@register.filter
def lkip_bagian(narasi, kunci):
    """A narrative section by its key (None when it was not written)."""
    return narasi.get(kunci) if narasi else None


@register.filter
def lkip_butir(text):
    """Plain text (never Markdown) with its numbered items on their own lines; escaped."""
    if not text:
        return ""
    lines = [_BUTIR.sub("\n", line) for line in str(text).splitlines()]
    return mark_safe("<br>".join(escape(line) for line in "\n".join(lines).splitlines()))  # noqa: S308 - escaped

@register.filter
def lkip_nilai(obj):
    """A target/realisasi record as printed (predicate, or the number rounded to 2 decimals)."""
    return nilai_teks(obj) or "–"


@register.filter
def lkip_angka(value):
    return format_nilai(value) or "–"


def _indikator(row):
    return row["indikator"] if isinstance(row, dict) else row.indikator


_KUNCI_RENTANG = {
    "sasaran": lambda row: _indikator(row).sasaran_id,
    "alasan": lambda row: _indikator(row).alasan.strip() or object(),  # an empty reason is never merged
    # A position's PK: the indicator one level up that its rows support (an unlinked row stands alone).
    "mendukung": lambda row: row["item"].mendukung_id or object(),
}


def _rentang(rows, fungsi):
    """Per row, how many rows its cell spans: n on the first of n adjacent equal values, 0 on the others."""
    hasil = []
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and fungsi(rows[j]) == fungsi(rows[i]):
            j += 1
        hasil.extend([j - i] + [0] * (j - i - 1))
        i = j
    return hasil


@register.filter
def rentang(rows, kunci):
    """Table rows as (row, {kunci: rowspan}) for merged cells, e.g. rows|rentang:"sasaran,alasan".

    A row is a NilaiIku-like object or a dict with "indikator"; equal values must be adjacent.
    """
    rows = list(rows)
    kolom = {k: _rentang(rows, _KUNCI_RENTANG[k]) for k in kunci.split(",")}
    return [(row, {k: spans[i] for k, spans in kolom.items()}) for i, row in enumerate(rows)]


@register.filter
def per_induk(rows, jabatan=None):
    """A PK's rows with the rowspan of their parent cell: the sasaran (the OPD's PK) or the supported indicator."""
    kunci = "mendukung" if jabatan else "sasaran"
    return [(row, span[kunci]) for row, span in rentang(rows, kunci)]


@register.filter
def per_sasaran(rows):
    """Table rows as (row, rowspan of the sasaran cell): the cell spans the rows of one sasaran."""
    return [(row, span["sasaran"]) for row, span in rentang(rows, "sasaran")]
