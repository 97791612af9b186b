"""Filters of the performance pages: a target or realisasi as users read it."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.angka import bulatkan, format_angka

register = template.Library()


@register.filter
def nilai(obj, kosong=None):
    """A NilaiMixin value: its predicate, or its number (a computed fraction to 2 decimals)."""
    if obj is None or obj.kosong:
        if kosong is not None:
            return kosong
        return mark_safe('<span class="belum-diisi">belum diisi</span>')  # noqa: S308 constant markup
    if obj.predikat:
        return obj.predikat
    if obj.pembilang is not None and obj.penyebut:
        return format_angka(bulatkan(obj.nilai_eksak, 2))
    return format_angka(obj.nilai)


STATUS_WARNA = {
    "draft": "secondary",
    "diajukan": "primary",
    "dikembalikan": "danger",
    "diverifikasi": "success",
}


@register.filter
def status_badge(realisasi):
    if realisasi is None or realisasi.kosong:
        return mark_safe('<span class="badge text-bg-light border">Belum diisi</span>')  # noqa: S308 constant markup
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        STATUS_WARNA.get(realisasi.status, "secondary"),
        realisasi.get_status_display(),
    )

@register.filter
def tanda_tahun(nilai_tahun):
    """What the one year figure (indikator.pengukuran.RealisasiTahun) carries besides its number:
    its period, two sources that disagree, quarters not yet verified, a sum not yet complete.

    Every page and document that prints the figure prints these marks the same way.
    """
    if nilai_tahun is None:
        return ""
    bagian = []
    if nilai_tahun.periode_teks:
        bagian.append(format_html('<span class="small text-muted">{}</span>', nilai_tahun.periode_teks))
    if nilai_tahun.konflik:
        bagian.append(format_html('<span class="badge text-bg-danger" title="{}">dua sumber tidak sama</span>',
                                  nilai_tahun.konflik))
    if nilai_tahun.sebagian:
        bagian.append(mark_safe('<span class="badge text-bg-light border">belum lengkap</span>'))  # noqa: S308
    if nilai_tahun.belum_diverifikasi:
        bagian.append(mark_safe('<span class="badge text-bg-warning">belum diverifikasi</span>'))  # noqa: S308
    return format_html('<div class="tanda-tahun">{}</div>', mark_safe(" ".join(bagian))) if bagian else ""  # noqa: S308


@register.filter
def ambil(mapping, key):
    """mapping[int(key)] in a template (triwulan targets keyed by number)."""
    return mapping.get(int(key)) if mapping else None


@register.filter
def pk_cell(form, row):
    return (form, row)


@register.filter
def pk_tw(pair, tw):
    form, row = pair
    return form.cell(row, int(tw))


@register.filter
def pk_mendukung(form, row):
    """The row's choice of the indicator one level up (a position's PK grid)."""
    return form.pilihan_mendukung(row)
