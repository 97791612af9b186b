"""Pages of the rencana aksi: a year's plans (the perencana's) and each quarter's progress (the units')."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from indikator import aksi
from indikator.forms import AksiIsianForm, RencanaAksiForm
from portal.access import can_edit_opd_data, can_enter_realisasi, get_opd_for, hanya_unit_sendiri
from portal.angka import ROMAWI, format_angka
from portal.halaman import periksa_periode
from portal.models import AksiDitolak, EditConflict, JendelaInput
from portal.xlsx import xlsx_response


@login_required
def rencana_aksi(request, opd, tahun):
    """The rencana aksi of a year for every PK indicator; the perencana adds and changes plans here."""
    periksa_periode(tahun)
    opd = get_opd_for(request.user, opd)
    rencana_list = aksi.rencana_aksi_tahun(opd, tahun, request.user)
    if request.GET.get("format") == "xlsx":
        return _xlsx(opd, tahun, rencana_list)
    boleh = can_edit_opd_data(request.user, opd)
    here = reverse("indikator:rencana_aksi", kwargs={"opd": opd.pk, "tahun": tahun})
    form = None
    if boleh:
        ubah = _rencana_diubah(request, rencana_list)
        targets = {t.triwulan: t.target for t in ubah.triwulan.all()} if ubah else None
        kwargs = {"pk_indikator_qs": aksi.pk_indikator_tahun(opd, tahun), "opd": opd, "targets": targets,
                  "instance": ubah}
        form = RencanaAksiForm(request.POST or None, **kwargs)
        if request.method == "POST" and form.is_valid():
            try:
                aksi.rencana_aksi_simpan(rencana=form.save(commit=False), versi=form.cleaned_data["versi"],
                                         target=form.target)
            except (AksiDitolak, EditConflict) as exc:
                messages.error(request, exc.message)
                return redirect(here)
            messages.success(request, "Rencana aksi tersimpan.")
            return redirect(here)
    elif request.method == "POST":
        raise PermissionDenied("Hanya perencana perangkat daerah yang menyusun rencana aksi.")
    return render(request, "indikator/rencana_aksi.html", {
        "opd": opd, "tahun": tahun, "rencana_list": rencana_list, "form": form, "boleh": boleh,
        "triwulan_list": [(tw, ROMAWI[tw]) for tw in range(1, 5)],
    }, status=422 if request.method == "POST" else 200)


def _rencana_diubah(request, rencana_list):
    nilai = request.GET.get("ubah") or request.POST.get("id")
    if not nilai:
        return None
    rencana = next((r for r in rencana_list if str(r.pk) == nilai), None)
    if rencana is None:
        raise Http404("Rencana aksi tidak ditemukan.")
    return rencana


def _xlsx(opd, tahun, rencana_list):
    data = []
    for r in rencana_list:
        for tw, baris in enumerate(r.per_tw, start=1):
            data.append([
                str(r.pk_indikator.perjanjian.jabatan or "PK perangkat daerah"), r.pk_indikator.indikator.kode,
                r.uraian, r.output, r.satuan, r.unit.nama, str(r.jabatan or ""),
                r.sub_kegiatan.kode_lengkap if r.sub_kegiatan else "", f"TW {ROMAWI[tw]}",
                baris.target if baris else None, baris.realisasi if baris else None,
                baris.get_keadaan_display() if baris and baris.keadaan else "",
                baris.kendala if baris else "", baris.tindak_lanjut if baris else "",
                baris.get_status_display() if baris and not baris.kosong else "belum diisi"])
    return xlsx_response(f"rencana-aksi-{opd.singkatan}-{tahun}.xlsx", [(f"Rencana aksi {tahun}", [
        "PK", "Indikator", "Rencana aksi", "Output", "Satuan", "Unit", "Jabatan", "Sub kegiatan", "Triwulan",
        "Target", "Realisasi", "Status aksi", "Kendala", "Tindak lanjut", "Status isian"], data)])


@login_required
def aksi_triwulan(request, opd, tahun, triwulan):
    """One quarter's progress of every rencana aksi: the unit enters, submits; the perencana verifies."""
    periksa_periode(tahun, triwulan)
    opd = get_opd_for(request.user, opd)
    rencana_list = aksi.rencana_aksi_tahun(opd, tahun, request.user)
    rows = aksi.aksi_triwulan(rencana_list, triwulan)
    jendela = JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=request.user)
    here = reverse("indikator:aksi_triwulan", kwargs={"opd": opd.pk, "tahun": tahun, "triwulan": triwulan})
    if request.method == "POST":
        rencana, baris = _baris_dari(request, rows)
        verifikasi = request.POST.get("aksi") in ("verifikasi", "kembalikan")
        if not (can_edit_opd_data(request.user, opd) if verifikasi
                else can_enter_realisasi(request.user, opd, rencana.unit_id)):
            raise PermissionDenied("Peran Anda hanya dapat membaca progres rencana aksi ini.")
        try:
            _aksi(request, baris, jendela)
        except (AksiDitolak, EditConflict) as exc:
            messages.error(request, exc.message)
        return redirect(f"{here}#aksi-{rencana.pk}")
    tabel = [{"rencana": r, "baris": b, "boleh": b.boleh_diubah(request.user, jendela=jendela),
              "alasan": b.alasan_ditolak(request.user, jendela=jendela),
              "form": AksiIsianForm(initial={"versi": b.versi if b.pk else None, "keadaan": b.keadaan,
                                             "realisasi": format_angka(b.realisasi, kosong=""),
                                             "kendala": b.kendala, "tindak_lanjut": b.tindak_lanjut})}
             for r, b in rows]
    return render(request, "indikator/aksi_triwulan.html", {
        "opd": opd, "tahun": tahun, "triwulan": triwulan, "romawi": ROMAWI[triwulan], "tabel": tabel,
        "verifikator": can_edit_opd_data(request.user, opd),
        "tw_list": [(tw, ROMAWI[tw]) for tw in range(1, 5)],
    })


def _baris_dari(request, rows):
    nilai = request.POST.get("rencana", "")
    pasangan = next(((r, b) for r, b in rows if str(r.pk) == nilai), None)
    if pasangan is None:
        raise Http404("Rencana aksi tidak ditemukan.")
    hanya_unit_sendiri(request.user, pasangan[0].unit_id, "Rencana aksi tidak ditemukan.")
    return pasangan


def _aksi(request, baris, jendela):
    """Apply one POSTed action to a quarter's row; every rule is the cycle's (SiklusTriwulan)."""
    tindakan = request.POST.get("aksi")
    versi = request.POST.get("versi")
    versi = int(versi) if versi and versi.isdigit() else None
    if tindakan == "simpan":
        form = AksiIsianForm(request.POST)
        if not form.is_valid():
            raise AksiDitolak(" ".join(e for errs in form.errors.values() for e in errs))
        for name in ("realisasi", "keadaan", "kendala", "tindak_lanjut"):
            setattr(baris, name, form.cleaned_data[name])
        baris.simpan_isian(user=request.user, versi=versi, alasan=form.cleaned_data["alasan"], jendela=jendela)
        messages.success(request, "Progres rencana aksi tersimpan.")
    elif tindakan == "ajukan":
        baris.ajukan(user=request.user, versi=versi, jendela=jendela)
        messages.success(request, "Progres diajukan untuk diverifikasi.")
    elif tindakan == "verifikasi":
        baris.verifikasi(user=request.user, versi=versi)
        messages.success(request, "Progres diverifikasi.")
    elif tindakan == "kembalikan":
        baris.kembalikan(user=request.user, versi=versi, catatan=request.POST.get("catatan"))
        messages.success(request, "Progres dikembalikan ke unit dengan catatan.")
    else:
        raise AksiDitolak("Tindakan tidak dikenal.")

