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


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


@register.inclusion_tag("indikator/_tugas_beranda.html", takes_context=True)
def tugas_beranda(context):
    """What the user should do now, for the home page ("Realisasi TW III belum diisi: 3 indikator")."""
    from django.urls import reverse
    from django.utils import timezone

    from indikator import services
    from portal.access import can_edit_opd_data

    user = context["request"].user
    tahun, triwulan = services.triwulan_pengisian(timezone.localdate())
    label = f"TW {ROMAWI[triwulan]} {tahun}"
    tugas = []
    if user.opd_id is None:
        return {"tugas": tugas, "label": label,
                "tautan": [("Realisasi kinerja per perangkat daerah", reverse("indikator:indeks"))]}
    opd = user.opd
    kwargs = {"opd": opd.pk, "tahun": tahun, "triwulan": triwulan}
    qs = services.indikator_tahun(opd, tahun)
    if user.role == "operator":
        qs = qs.filter(penanggung_jawab=user.unit_kerja_id)
    rekap = services.rekap_pengisian(services.baris_realisasi(qs, tahun, triwulan))
    belum = sum(r.belum_diisi for r in rekap)
    draft = sum(r.draft for r in rekap)
    kembali = sum(r.dikembalikan for r in rekap)
    diajukan = sum(r.diajukan for r in rekap)
    jumlah = sum(r.jumlah for r in rekap)
    if user.role == "operator":
        url = reverse("indikator:realisasi_unit", kwargs={**kwargs, "unit": user.unit_kerja_id})
        if belum:
            tugas.append(("danger", f"Realisasi {label} belum diisi: {belum} indikator", url))
        if kembali:
            tugas.append(("danger", f"Dikembalikan perencana, perlu diperbaiki: {kembali} realisasi", url))
        if draft:
            tugas.append(("warning", f"Sudah diisi tetapi belum diajukan: {draft} realisasi", url))
        if diajukan:
            tugas.append(("info", f"Menunggu verifikasi perencana: {diajukan} realisasi", url))
    else:
        url = reverse("indikator:realisasi_rekap", kwargs=kwargs)
        if diajukan and can_edit_opd_data(user, opd):
            tugas.append(("danger", f"Realisasi {label} menunggu verifikasi Anda: {diajukan} indikator", url))
        unit_belum = [r for r in rekap if r.belum_diisi]
        if unit_belum:
            tugas.append(("warning", f"Realisasi {label} belum diisi: {belum} indikator dari "
                                     f"{len(unit_belum)} unit kerja", url))
        if draft + kembali:
            tugas.append(("warning", f"Realisasi {label} belum diajukan unit: {draft + kembali} indikator", url))
    selesai = jumlah and all(r.selesai for r in rekap)
    return {"tugas": tugas, "label": label, "selesai": selesai, "jumlah": jumlah,
            "diverifikasi": sum(r.diverifikasi for r in rekap), "tautan": []}


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
