"""Template filters for Indonesian numbers; available in every template (builtins)."""

from django import template

from portal import angka

register = template.Library()


@register.filter
def rupiah(value):
    return angka.format_rupiah(value)


@register.filter
def nominal(value):
    """Whole rupiah without the "Rp" prefix, for table columns headed (Rp)."""
    return angka.format_angka(value, places=0)


@register.filter
def angka_id(value, places=None):
    if places in (None, ""):
        return angka.format_angka(value)
    return angka.format_angka(value, places=int(places))


@register.filter
def persen(value):
    return angka.format_persen(value)


@register.filter
def terbilang_rp(value):
    return angka.terbilang_rupiah(value) if value is not None else ""


@register.filter
def durasi(value):
    """A timedelta as people say it ("30 menit"); axes gives the lockout's cool-off as one."""
    return angka.format_durasi(value) if value else ""


@register.filter
def romawi_tw(triwulan):
    """4 -> "TW IV": a triwulan as documents name it."""
    return f"TW {angka.ROMAWI[int(triwulan)]}" if triwulan else ""
