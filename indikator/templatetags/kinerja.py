"""Filters of the performance pages: a target or realisasi as users read it."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.angka import ROMAWI, bulatkan, format_angka

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




@register.inclusion_tag("indikator/_tugas_beranda.html", takes_context=True)
def tugas_beranda(context):
    """What the user should do now, for the home page ("Realisasi TW III belum diisi: 3 indikator").

    Tasks (coloured, linked) come from the triwulan due now: performance
    realisasi, realisasi anggaran, the input window, and for the perencana
    the PK and DPA of the year. Links (`tautan`) are where a reader starts.
    """
    from django.urls import reverse
    from django.utils import timezone

    from anggaran.models import DpaSubKegiatan
    from anggaran.rekap import anggaran_belum_diisi
    from indikator.models import Indikator, PerjanjianKinerja
    from indikator.pengisian import baris_realisasi, rekap_pengisian, triwulan_pengisian
    from portal.access import can_edit_opd_data
    from portal.models import JendelaInput

    user = context["request"].user
    tahun, triwulan = triwulan_pengisian(timezone.localdate())
    label = f"TW {ROMAWI[triwulan]} {tahun}"
    tugas, tautan = [], []
    if user.opd_id is None:
        tautan.append(("Realisasi kinerja per perangkat daerah", reverse("indikator:indeks")))
        tautan.append(("Anggaran dan serapan per perangkat daerah", reverse("anggaran:indeks")))
        tautan.append(("Dasbor kota", reverse("dasbor:kota")))
        if user.is_superuser or user.role == "admin":
            jendela = JendelaInput.untuk(None, tahun, triwulan)
            buka = jendela is not None and jendela.terbuka_pada(timezone.localdate())
            tugas.append(("info" if buka else "warning",
                          f"Pengisian realisasi {label} untuk semua perangkat daerah "
                          f"{'dibuka' if buka else 'belum dibuka'}: atur jendela input",
                          reverse("admin:portal_jendelainput_changelist")))
        return {"tugas": tugas, "label": label, "tautan": tautan}
    opd = user.opd
    operator = user.role == "operator"
    kwargs = {"opd": opd.pk, "tahun": tahun, "triwulan": triwulan}
    qs = Indikator.objects.dilaporkan(opd, tahun)
    if operator:
        qs = qs.filter(penanggung_jawab=user.unit_kerja_id)
    rekap = rekap_pengisian(baris_realisasi(qs, tahun, triwulan))
    belum = sum(r.belum_diisi for r in rekap)
    draft = sum(r.draft for r in rekap)
    kembali = sum(r.dikembalikan for r in rekap)
    diajukan = sum(r.diajukan for r in rekap)
    jumlah = sum(r.jumlah for r in rekap)
    anggaran_belum = anggaran_belum_diisi(opd, tahun, triwulan)
    jendela = JendelaInput.untuk(opd, tahun, triwulan)
    terbuka = jendela is not None and jendela.terbuka_pada(timezone.localdate())
    if (operator or can_edit_opd_data(user, opd)) and not terbuka and (belum or draft or kembali):
        tugas.append(("secondary", f"Pengisian realisasi {label} sedang ditutup; minta admin membukanya "
                                   f"bila masih ada yang harus diisi", reverse("indikator:indeks")))
    if operator:
        url = reverse("indikator:realisasi_unit", kwargs={**kwargs, "unit": user.unit_kerja_id})
        if belum:
            tugas.append(("danger", f"Realisasi {label} belum diisi: {belum} indikator", url))
        if kembali:
            tugas.append(("danger", f"Dikembalikan perencana, perlu diperbaiki: {kembali} realisasi", url))
        if draft:
            tugas.append(("warning", f"Sudah diisi tetapi belum diajukan: {draft} realisasi", url))
        if diajukan:
            tugas.append(("info", f"Menunggu verifikasi perencana: {diajukan} realisasi", url))
        lines = anggaran_belum.get(user.unit_kerja_id, [])
        if lines:
            # The unit's page lists its budget lines of the triwulan, each linked to where it is entered.
            tugas.append(("danger", f"Realisasi anggaran {label} belum diisi: {len(lines)} sub kegiatan",
                          url + "#judul-anggaran"))
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
        lines = sum(len(v) for v in anggaran_belum.values())
        if lines:
            tugas.append(("warning", f"Realisasi anggaran {label} belum diisi: {lines} sub kegiatan", url))
        if can_edit_opd_data(user, opd):
            pk = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("jenis").first()
            pk_url = reverse("indikator:pk", kwargs={"opd": opd.pk, "tahun": tahun})
            if pk is None:
                tugas.append(("warning", f"Perjanjian Kinerja {tahun} belum dibuat", pk_url))
            elif pk.status != PerjanjianKinerja.Status.DITETAPKAN:
                tugas.append(("warning", f"Perjanjian Kinerja {tahun} masih draf: lengkapi target triwulan "
                                         f"lalu tetapkan", pk_url))
            if not DpaSubKegiatan.objects.filter(opd=opd, tahun=tahun).exists():
                tugas.append(("warning", f"DPA {tahun} belum diisi: impor dari XLSX",
                              reverse("anggaran:dpa_impor", kwargs={"opd": opd.pk, "tahun": tahun})))
        if user.role == "pimpinan":
            tautan.append(("Dasbor kinerja perangkat daerah", reverse("dasbor:opd")))
    selesai = jumlah and all(r.selesai for r in rekap)
    return {"tugas": tugas, "label": label, "selesai": selesai, "jumlah": jumlah,
            "diverifikasi": sum(r.diverifikasi for r in rekap), "tautan": tautan}


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
