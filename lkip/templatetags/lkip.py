"""Filters of the LKIP templates."""

from django import template

from lkip.services import angka_teks, nilai_teks

register = template.Library()


@register.filter
def lkip_bagian(narasi, kunci):
    """A narrative section by its key (None when it was not written)."""
    return narasi.get(kunci) if narasi else None



@register.filter
def lkip_nilai(obj):
    """A target/realisasi record as printed (predicate, or the number rounded to 2 decimals)."""
    return nilai_teks(obj) or "–"


@register.filter
def lkip_angka(value):
    return angka_teks(value) or "–"
