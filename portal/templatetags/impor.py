"""Filters of the import preview, whose cells hold numbers and text side by side."""

from decimal import Decimal

from django import template

from portal.angka import format_angka

register = template.Library()


@register.filter
def sel(value):
    """A preview cell: numbers the Indonesian way, text as it is, blank as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return format_angka(value)
    return value
