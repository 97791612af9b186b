"""Budget pages: the DPA of a year with serapan per level, and the quarters of one line."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from anggaran import rekap, services
from anggaran.forms import DpaForm, TriwulanForm
from anggaran.models import DpaSubKegiatan
from portal.access import (
    can_edit_opd_data,
    can_enter_realisasi,
    get_opd_for,
    get_scoped_or_404,
    hanya_unit_sendiri,
    unit_operator,
)
from portal.halaman import PER_HALAMAN, impor_bertahap, periksa_periode, pilih_opd, riwayat_response
from portal.models import AksiDitolak, EditConflict
from portal.riwayat import riwayat_perubahan
from portal.xlsx import xlsx_response

LEVEL_LABEL = {"opd": "Perangkat daerah", "program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}


@login_required
def indeks(request):
    """The budget of the user's OPD in the latest year that has DPA lines."""
    user = request.user
    if user.opd_id is None:
        return pilih_opd(request, "anggaran/pilih_opd.html", {})
    return redirect("anggaran:dpa_list", opd=user.opd_id, tahun=_tahun_terakhir(user.opd_id))


def _tahun_terakhir(opd_id):
    tahun = (DpaSubKegiatan.objects.filter(opd_id=opd_id).order_by("-tahun")
             .values_list("tahun", flat=True).first())
    return tahun or timezone.localdate().year


@login_required
def opd_pilih(request, opd):
    opd = get_opd_for(request.user, opd)
    return redirect("anggaran:dpa_list", opd=opd.pk, tahun=_tahun_terakhir(opd.pk))


@login_required
def dpa_list(request, opd, tahun):
    """DPA lines of a year with pagu, anggaran kas, realisasi and serapan per sub-kegiatan, kegiatan, program."""
    periksa_periode(tahun)
    opd = get_opd_for(request.user, opd)
    unit = unit_operator(request.user)
    tree = rekap.anggaran_opd(opd, tahun, unit)
    rows = list(tree.iter_rows())[1:]
    if request.GET.get("format") == "xlsx":
        return _xlsx(opd, tahun, tree, rows)
    page = Paginator(rows, PER_HALAMAN).get_page(request.GET.get("halaman"))
    tahun_list = sorted(set(DpaSubKegiatan.objects.filter(opd=opd).values_list("tahun", flat=True)) | {tahun})
    return render(request, "anggaran/dpa_list.html", {
        "opd": opd, "tahun": tahun, "total": tree, "page": page, "tahun_list": tahun_list,
        "boleh_impor": can_edit_opd_data(request.user, opd),
        "unit": request.user.unit_kerja if unit else None,
    })


def _xlsx(opd, tahun, tree, rows):
    headers = ["Tingkat", "Kode", "Nama", "Pagu murni", "Pagu perubahan", "Kas TW I", "Kas TW II", "Kas TW III",
               "Kas TW IV", "Selisih kas − pagu", "Realisasi TW I", "Realisasi TW II", "Realisasi TW III",
               "Realisasi TW IV", "Realisasi", "Serapan (%)"]
    data = [
        [LEVEL_LABEL[r.level], r.kode, r.nama, r.pagu_murni, r.pagu_perubahan, *r.kas, r.selisih_kas,
         *r.realisasi_tw, r.realisasi, r.serapan]
        for r in [tree, *rows]
    ]
    return xlsx_response(f"dpa-{opd.singkatan}-{tahun}.xlsx", [(f"DPA {tahun}", headers, data)])


@login_required
def dpa_detail(request, pk):
    """One DPA line: its pagu (perencana) and its quarters (anggaran kas: perencana; realisasi: the unit)."""
    dpa = get_scoped_or_404(
        DpaSubKegiatan.objects.select_related("opd", "sub_kegiatan__kegiatan__program", "unit_kerja"),
        request.user, pk=pk)
    hanya_unit_sendiri(request.user, dpa.unit_kerja_id, "Baris DPA tidak ditemukan.")
    user, opd = request.user, dpa.opd
    boleh_pagu = can_edit_opd_data(user, opd)
    boleh_realisasi = can_enter_realisasi(user, opd, dpa.unit_kerja_id)
    baris = rekap.baris_dpa(dpa)
    pagu_form = DpaForm(instance=dpa) if boleh_pagu else None
    tw_form = None
    terbuka = [tw for tw in range(1, 5) if dpa.alasan_ditolak_realisasi(user, tw) is None]
    # A unit whose every triwulan is closed has nothing left to enter here.
    if boleh_pagu or (boleh_realisasi and terbuka):
        tw_form = TriwulanForm(dpa=dpa, kas=baris.kas, realisasi=baris.realisasi_tw,
                               boleh_kas=boleh_pagu, boleh_realisasi=boleh_realisasi, terbuka=terbuka)
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        if aksi == "pagu" and boleh_pagu:
            pagu_form = DpaForm(request.POST, instance=dpa)
            if pagu_form.is_valid():
                return _simpan(request, dpa, lambda: pagu_form.save(commit=False).save_versioned(
                    pagu_form.cleaned_data["versi"]))
        elif aksi == "triwulan" and tw_form is not None:
            tw_form = TriwulanForm(request.POST, dpa=dpa, kas=baris.kas, realisasi=baris.realisasi_tw,
                                   boleh_kas=boleh_pagu, boleh_realisasi=boleh_realisasi, terbuka=terbuka)
            if tw_form.is_valid():
                return _simpan(request, dpa, lambda: dpa.simpan_triwulan(
                    user=user, versi=tw_form.cleaned_data["versi"], kas=tw_form.kas(),
                    realisasi=tw_form.realisasi()))
        else:
            raise PermissionDenied("Peran Anda hanya dapat membaca anggaran ini.")
        messages.error(request, "Belum tersimpan: periksa isian yang ditandai.")
    return render(request, "anggaran/dpa_detail.html", {
        "dpa": dpa, "baris": baris, "pagu_form": pagu_form, "tw_form": tw_form,
        "tahunan": next((r for r in dpa.realisasi.all() if r.triwulan is None), None),
    }, status=422 if request.method == "POST" else 200)


def _simpan(request, dpa, action):
    try:
        action()
    except (EditConflict, AksiDitolak) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Baris DPA {dpa.sub_kegiatan.kode_lengkap} tersimpan.")
    return redirect("anggaran:dpa_detail", pk=dpa.pk)




@login_required
def dpa_template(request, opd, tahun):
    """The DPA of a year as the import template: one row per line, pre-filled."""
    periksa_periode(tahun)
    opd = get_opd_for(request.user, opd)
    rows = []
    for dpa in rekap.dpa_queryset(opd, tahun, unit_operator(request.user)):
        b = rekap.baris_dpa(dpa)
        rows.append([b.kode, b.nama, dpa.unit_kerja.nama if dpa.unit_kerja else None, dpa.pagu_murni,
                     dpa.pagu_perubahan, dpa.sumber_dana, dpa.lokasi, *b.kas])
    # The name column helps the reader (the import reads columns by header and ignores it);
    # "Unit kerja" names the unit that enters the line's realisasi.
    kolom = [services.DPA_KOLOM[0], "Sub kegiatan", "Unit kerja", *services.DPA_KOLOM[1:]]
    return xlsx_response(f"templat-dpa-{opd.singkatan}-{tahun}.xlsx", [("DPA", kolom, rows)])


@login_required
def dpa_impor(request, opd, tahun):
    """Import the DPA of a year from XLSX (perencana): preview, then all or nothing."""
    periksa_periode(tahun)
    opd = get_opd_for(request.user, opd)
    if not can_edit_opd_data(request.user, opd):
        raise PermissionDenied("Hanya perencana perangkat daerah yang mengimpor DPA.")

    def run(file, commit):
        return services.dpa_impor_xlsx(file=file, opd=opd, tahun=tahun, user=request.user, commit=commit)

    return impor_bertahap(request, f"impor-dpa-{opd.pk}-{tahun}", run, "portal/impor.html", {
        "opd": opd, "tahun": tahun, "judul": f"Impor DPA {tahun}",
        "templat_url": reverse("anggaran:dpa_template", kwargs={"opd": opd.pk, "tahun": tahun}),
        "kembali_url": reverse("anggaran:dpa_list", kwargs={"opd": opd.pk, "tahun": tahun}),
    })


@login_required
def dpa_riwayat(request, pk):
    """Audit trail of a DPA line: the line, its anggaran kas and its realisasi."""
    from anggaran.models import AnggaranKas, RealisasiAnggaran

    dpa = get_scoped_or_404(DpaSubKegiatan.objects.select_related("sub_kegiatan"), request.user, pk=pk)
    hanya_unit_sendiri(request.user, dpa.unit_kerja_id, "Baris DPA tidak ditemukan.")
    entries = riwayat_perubahan(
        (DpaSubKegiatan.history.filter(id=dpa.pk), lambda r: "Baris DPA"),
        (AnggaranKas.history.filter(dpa_id=dpa.pk), lambda r: f"Anggaran kas TW {r.triwulan}"),
        (RealisasiAnggaran.history.filter(dpa_id=dpa.pk),
         lambda r: f"Realisasi TW {r.triwulan}" if r.triwulan else "Realisasi setahun"),
    )
    return riwayat_response(request, entries, f"riwayat-dpa-{dpa.sub_kegiatan.kode_lengkap}.xlsx", {
        "judul": f"Riwayat {dpa.sub_kegiatan.kode_lengkap} {dpa.sub_kegiatan.nama} ({dpa.tahun})",
        "kembali_url": reverse("anggaran:dpa_detail", args=[dpa.pk]),
    })


