"""Filters of the dashboard pages: a figure or "belum diisi", a status badge with its text.

Filters rather than {% include %} of tiny templates: the dashboard renders
them per table cell, and an include costs a template lookup and a context
push each time.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dasbor.konteks import singkat_nama
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


# A traffic light that survives grey print and colour-blind eyes: a shape and a word beside the colour.
LAMPU = {
    "tercapai": ("✔", "Tercapai"),
    "perhatian": ("▲", "Perlu perhatian"),
    "kritis": ("✖", "Kritis"),
    "kosong": ("○", "Belum diisi"),
}


@register.filter
def lampu(status):
    """The status as a traffic light: symbol, word, and the colour class (dasbor.css)."""
    simbol, kata = LAMPU.get(status, LAMPU["kosong"])
    return format_html('<span class="lampu lampu-{}"><span aria-hidden="true">{}</span> {}</span>',
                       status if status in LAMPU else "kosong", simbol, kata)


@register.filter
def poin(nilai):
    """A change of capaian in percentage points, signed: "+12,30", "−5,00", "0,00"."""
    if nilai is None:
        return ""
    teks = angka.format_persen(abs(nilai))
    if angka.bulatkan(nilai, 2) > 0:
        return f"+{teks}"
    if angka.bulatkan(nilai, 2) < 0:
        return f"−{teks}"
    return teks


@register.filter
def target_iku(c):
    """The target an IKU row is measured against, as the table and the cards print it."""
    if c.target is None and c.target_teks == "" and c.target_tahunan is not None:
        return format_html('{} <span class="small text-muted">setahun</span>', angka.format_nilai(c.target_tahunan))
    if c.target is None and c.target_teks == "" and c.target_predikat:
        return format_html('{} <span class="small text-muted">setahun</span>', c.target_predikat)
    return nilai_atau_kosong(c.target, c.target_teks)


@register.filter
def realisasi_iku(c):
    """The realisasi of an IKU row; "–" for a year-end-only indicator not due yet."""
    return "–" if c.akhir_tahun_nanti else nilai_atau_kosong(c.realisasi, c.realisasi_teks)


@register.filter
def capaian_iku(c):
    """The capaian of an IKU row: the percentage, "–" when not due, else why it is blank."""
    if c.akhir_tahun_nanti:
        return "–"
    if c.capaian is None:
        kata = "belum lengkap" if c.nilai_tahun and c.nilai_tahun.sebagian else "belum diisi"
        return format_html('<span class="belum-diisi">{}</span>', kata)
    return angka.format_persen(c.capaian)


@register.filter
def singkat(teks, panjang=40):
    """A name cut at a word, with "…" (the full name goes in title=): what the charts label with."""
    return singkat_nama(teks, int(panjang))


@register.filter
def rupiah_mutlak(value):
    """The size of a gap in rupiah, without its sign (the words around it say which way)."""
    return angka.format_rupiah(abs(value) if value is not None else None)
