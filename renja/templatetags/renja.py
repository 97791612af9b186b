"""Filters of the Renja templates."""

from django import template

from renja.tabel import angka_teks, nilai_teks

register = template.Library()


@register.filter
def nilai(value):
    """A stored target/realisasi text: numbers the Indonesian way ("6000" → "6.000"), other text as is."""
    return nilai_teks(value)


@register.filter
def sel_angka(value):
    """The CSS class of a cell holding a stored text value: right-aligned only when it is a number."""
    return "kanan" if angka_teks(value) is not None else ""


@register.filter
def ambil(mapping, key):
    """mapping[key] in a template (the narrative sections by their key)."""
    return mapping.get(key) if mapping else None


@register.filter
def split_kunci(value):
    return value.split()
