"""Filters of the LKIP templates."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from lkip.services import angka_teks, nilai_teks

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
    return angka_teks(value) or "–"


@register.filter
def per_sasaran(rows):
    """Table rows as (row, rowspan): the sasaran cell spans the rows of one sasaran (0 on the rows it covers).

    A row is a NilaiIku-like object or a dict with "indikator"; rows of one sasaran are adjacent.
    """
    def sasaran_id(row):
        indikator = row["indikator"] if isinstance(row, dict) else row.indikator
        return indikator.sasaran_id

    rows = list(rows)
    hasil = []
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and sasaran_id(rows[j]) == sasaran_id(rows[i]):
            j += 1
        hasil.append((rows[i], j - i))
        hasil.extend((row, 0) for row in rows[i + 1:j])
        i = j
    return hasil
