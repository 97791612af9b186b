"""Filters of the dashboard pages: a figure or "belum diisi", a status badge with its text.

Filters rather than {% include %} of tiny templates: the dashboard renders
them per table cell, and an include costs a template lookup and a context
push each time.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal import angka

register = template.Library()

BELUM_DIISI = mark_safe('<span class="belum-diisi">belum diisi</span>')
BADGE = {
    "tercapai": mark_safe('<span class="badge text-bg-success">Tercapai</span>'),
    "perhatian": mark_safe('<span class="badge text-bg-warning">Perlu perhatian</span>'),
    "kritis": mark_safe('<span class="badge text-bg-danger">Kritis</span>'),
}
BADGE_KOSONG = mark_safe('<span class="badge text-bg-light border belum-diisi">Belum diisi</span>')


@register.filter
def nilai_atau_kosong(nilai, teks=""):
    """A predicate text, else the number as the LKIP prints it, else "belum diisi" (a blank is never 0)."""
    if teks:
        return format_html("{}", teks)
    if nilai is None:
        return BELUM_DIISI
    return angka.format_nilai(nilai)


@register.filter
def label_status(status):
    """The status as a coloured badge that also says it in words (colour is never the only signal)."""
    return BADGE.get(status, BADGE_KOSONG)
