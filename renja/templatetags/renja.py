"""Filters of the Renja templates."""

from django import template

from renja.services import nilai_teks

register = template.Library()


@register.filter
def nilai(value):
    """A stored target/realisasi text: numbers the Indonesian way ("6000" → "6.000"), other text as is."""
    return nilai_teks(value)


@register.filter
def ambil(mapping, key):
    """mapping[key] in a template (the narrative sections by their key)."""
    return mapping.get(key) if mapping else None


@register.filter
def split_kunci(value):
    return value.split()
