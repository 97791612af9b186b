"""The input-window page of an OPD: its perencana opens and closes a triwulan and answers the units' requests.

Readers of the OPD (pimpinan, evaluator) see the page without its forms;
an operator sees a window only on its unit's pages, where it asks for a
closed triwulan to be opened. Another OPD's page or request answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from portal.access import Role, can_edit_opd_data, get_opd_for, get_scoped_or_404, hanya_unit_sendiri
from portal.angka import ROMAWI
from portal.forms import JawabPermintaanForm, JendelaForm, PermintaanJendelaForm
from portal.halaman import periksa_periode
from portal.jendela import (
    jendela_atur,
    permintaan_jendela_ajukan,
    permintaan_jendela_penuhi,
    riwayat_permintaan,
    triwulan_jendela,
)
from portal.models import AksiDitolak, EditConflict, PermintaanJendela, UnitKerja
from portal.teks import alasan_teks_ditolak
from portal.xlsx import xlsx_response


def _opd_dibaca(user, pk):
    """The OPD whose windows `user` reads here: another OPD 404, an operator 403 (it reads them on its unit page)."""
    opd = get_opd_for(user, pk)
    if user.role == Role.OPERATOR:
        raise PermissionDenied("Operator melihat keadaan pengisian di halaman realisasi unitnya.")
    return opd


def _opd_diatur(user, pk):
    opd = get_opd_for(user, pk)
    if not can_edit_opd_data(user, opd):
        raise PermissionDenied("Hanya perencana perangkat daerah yang membuka dan menutup pengisian.")
    return opd


def _halaman_url(opd, tahun, triwulan=None):
    url = reverse("jendela:halaman", kwargs={"opd": opd.pk, "tahun": tahun})
    return url + (f"#tw{triwulan}" if triwulan else "")


def _galat(form):
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_GET
@login_required
def halaman(request, opd, tahun):
    """The four triwulan of a year: state, dates and who changed them, the units' waiting requests."""
    periksa_periode(tahun)
    opd = _opd_dibaca(request.user, opd)
    if request.GET.get("format") == "xlsx":
        return _xlsx(opd, tahun)
    return _render(request, opd, tahun)


def _xlsx(opd, tahun):
    """The year's windows and every request of the year, as the window page shows them."""
    jendela = []
    for r in triwulan_jendela(opd, tahun):
        berlaku = "Perangkat daerah ini" if r.milik else "Semua perangkat daerah" if r.jendela else "-"
        jendela.append([f"TW {r.romawi}", r.label, berlaku, r.jendela and r.jendela.mulai,
                        r.jendela and r.jendela.selesai, r.ditutup_sejak])
    permintaan = [[f"TW {ROMAWI[p.triwulan]}", str(p.unit_kerja), str(p.diminta_oleh or "-"), _waktu(p.diminta_pada),
                   p.catatan, p.get_status_display(), str(p.dijawab_oleh or ""), _waktu(p.dijawab_pada), p.jawaban]
                  for p in PermintaanJendela.objects.filter(opd=opd, tahun=tahun)
                  .select_related("unit_kerja", "diminta_oleh", "dijawab_oleh").order_by("diminta_pada", "pk")]
    return xlsx_response(f"jendela-input-{opd.singkatan}-{tahun}.xlsx", [
        ("Jendela", ["Triwulan", "Keadaan", "Berlaku", "Mulai", "Selesai", "Ditutup sejak"], jendela),
        ("Permintaan", ["Triwulan", "Unit kerja", "Diminta oleh", "Diminta pada", "Keterangan", "Status",
                        "Dijawab oleh", "Dijawab pada", "Jawaban"], permintaan)])


def _render(request, opd, tahun, bound=None, status=200):
    boleh = can_edit_opd_data(request.user, opd)
    rows = triwulan_jendela(opd, tahun)
    for row in rows:
        if not boleh:
            continue
        if bound is not None and (bound.cleaned_data.get("tahun"), bound.cleaned_data.get("triwulan")) == (
                tahun, row.triwulan):
            row.form = bound
        else:
            milik = row.milik
            row.form = JendelaForm(initial={
                "tahun": tahun, "triwulan": row.triwulan, "aksi": "buka", "versi": row.versi,
                "mulai": milik.mulai if milik else None, "selesai": milik.selesai if milik else None},
                auto_id=f"tw{row.triwulan}-%s")
    return render(request, "portal/jendela.html", {
        "opd": opd, "tahun": tahun, "rows": rows, "boleh": boleh, "riwayat": riwayat_permintaan(opd, tahun),
        "hari": timezone.localdate(), "tahun_lalu": tahun - 1 if tahun > 2000 else None,
        "tahun_depan": tahun + 1 if tahun < 2100 else None,
        # Errors of a form that belongs to no triwulan on the page (a tampered year or triwulan).
        "galat_lepas": _galat(bound) if bound is not None and not any(r.form is bound for r in rows) else "",
    }, status=status)


@require_POST
@login_required
def simpan(request, opd):
    """Open (with optional dates) or close a triwulan for the OPD's units; a stale page is refused."""
    opd = _opd_diatur(request.user, opd)
    form = JendelaForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Jendela input belum tersimpan: {_galat(form)}")
        return _render(request, opd, form.cleaned_data.get("tahun") or timezone.localdate().year, bound=form,
                       status=422)
    data = form.cleaned_data
    tahun, triwulan, buka = data["tahun"], data["triwulan"], data["aksi"] == "buka"
    periode = f"TW {ROMAWI[triwulan]} {tahun}"
    try:
        hasil = jendela_atur(opd=opd, tahun=tahun, triwulan=triwulan, dibuka=buka,
                             tanggal=(data["mulai"], data["selesai"]) if buka else None, versi=data["versi"],
                             user=request.user, alasan="Dibuka perencana" if buka else "Ditutup perencana")
    except EditConflict as exc:
        messages.error(request, exc.message)
    else:
        if not hasil.berubah:
            messages.info(request, f"Pengisian {periode} sudah dalam keadaan itu; tidak ada yang diubah.")
        else:
            pesan = f"Pengisian realisasi {periode} {'dibuka' if buka else 'ditutup'} untuk unit {opd.nama}."
            if hasil.dipenuhi:
                pesan += f" {hasil.dipenuhi} permintaan unit ditandai dipenuhi."
            messages.success(request, pesan)
    return redirect(_halaman_url(opd, tahun, triwulan))


def _waktu(nilai):
    return timezone.localtime(nilai).replace(tzinfo=None) if nilai else None


def _kembali(request, url):
    """Where a request form sends its user back: a path of this site, without control characters."""
    # Only a path: anything else ("999", "beranda") would be taken by redirect() for a view name and fail.
    if url and url.startswith("/") and not alasan_teks_ditolak(url, "kembali", baris_tunggal=True) and \
            url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                            require_https=request.is_secure()):
        return url
    return reverse("beranda")


@require_POST
@login_required
def minta(request, opd, unit):
    """An operator asks its perencana to open a closed triwulan for its unit (from the unit or DPA page)."""
    opd = get_opd_for(request.user, opd)
    unit = get_object_or_404(UnitKerja, opd=opd, pk=unit)
    hanya_unit_sendiri(request.user, unit.pk, "Unit kerja tidak ditemukan.")
    if request.user.role != Role.OPERATOR:
        raise PermissionDenied("Permintaan dibuat oleh operator unit; perencana membuka pengisian di halaman "
                               "jendela input.")
    form = PermintaanJendelaForm(request.POST)
    kembali = _kembali(request, request.POST.get("kembali"))
    if not form.is_valid():
        messages.error(request, f"Permintaan belum terkirim: {_galat(form)}")
        return redirect(kembali)
    data = form.cleaned_data
    try:
        permintaan_jendela_ajukan(unit=unit, tahun=data["tahun"], triwulan=data["triwulan"], user=request.user,
                                  catatan=data["catatan"])
    except AksiDitolak as exc:
        messages.warning(request, exc.message)
    else:
        messages.success(request, f"Permintaan membuka TW {ROMAWI[data['triwulan']]} {data['tahun']} terkirim "
                                  f"ke perencana {opd.nama}. Jawabannya tampil di halaman ini.")
    return redirect(kembali)


@require_POST
@login_required
def jawab(request, pk):
    """The perencana grants a unit's request (the triwulan opens for the OPD) or declines it with a note."""
    permintaan = get_scoped_or_404(PermintaanJendela.objects.select_related("opd", "unit_kerja"), request.user,
                                   pk=pk)
    opd = _opd_diatur(request.user, permintaan.opd_id)
    kembali = _halaman_url(opd, permintaan.tahun, permintaan.triwulan)
    form = JawabPermintaanForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Permintaan {permintaan.unit_kerja} belum dijawab: {_galat(form)}")
        return redirect(kembali)
    data = form.cleaned_data
    try:
        if data["aksi"] == "penuhi":
            permintaan_jendela_penuhi(permintaan=permintaan, user=request.user, versi=data["versi"],
                                      selesai=data["selesai"])
        else:
            permintaan.jawab(status=PermintaanJendela.Status.DITOLAK, user=request.user, jawaban=data["jawaban"])
    except (EditConflict, AksiDitolak) as exc:
        messages.error(request, exc.message)
    else:
        if data["aksi"] == "penuhi":
            messages.success(request, f"Pengisian {permintaan.periode} dibuka; permintaan {permintaan.unit_kerja} "
                                      f"dipenuhi.")
        else:
            messages.success(request, f"Permintaan {permintaan.unit_kerja} untuk {permintaan.periode} ditolak; "
                                      f"alasannya tampil di halaman unit.")
    return redirect(kembali)
