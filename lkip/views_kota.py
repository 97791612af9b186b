"""The evaluator's and admin's "LKIP semua OPD": start a city-wide render, follow it, download the ZIP.

The workflow and its reads live in lkip.kota; these views check the role,
call it and answer.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lkip.kota import boleh_kota, item_pembuatan, kemajuan, lkip_kota_mulai, lkip_kota_ulangi, zip_pembuatan
from lkip.models import Lkip, PembuatanKota
from portal.halaman import PER_HALAMAN
from portal.models import AksiDitolak
from portal.unduhan import content_disposition
from portal.xlsx import xlsx_response


def _cek(user):
    if not boleh_kota(user):
        raise PermissionDenied("LKIP semua perangkat daerah disediakan untuk evaluator dan admin.")


@login_required
def kota(request):
    """Start "LKIP semua OPD" for a year; the earlier runs, newest first."""
    _cek(request.user)
    tahun_list = sorted(set(Lkip.objects.values_list("tahun", flat=True)), reverse=True)
    if request.method == "POST":
        try:
            tahun = int(request.POST.get("tahun", ""))
        except ValueError:
            tahun = None
        if tahun not in tahun_list:
            messages.error(request, "Pilih tahun yang memiliki LKIP.")
            return redirect("lkip:kota")
        try:
            pembuatan = lkip_kota_mulai(tahun=tahun, user=request.user)
        except AksiDitolak as exc:
            messages.error(request, str(exc))
            return redirect("lkip:kota")
        messages.success(request, f"Pembuatan LKIP {tahun} semua perangkat daerah dimulai.")
        return redirect(pembuatan)
    page = Paginator(PembuatanKota.objects.select_related("dibuat_oleh"), PER_HALAMAN).get_page(
        request.GET.get("halaman"))
    return render(request, "lkip/kota.html", {"tahun_list": tahun_list, "page": page})


def _pembuatan(user, pk):
    _cek(user)
    return get_object_or_404(PembuatanKota.objects.select_related("dibuat_oleh"), pk=pk)


@login_required
def kota_detail(request, pk):
    """The progress of one run: n of N, each OPD's status and reason; XLSX of the same table."""
    pembuatan = _pembuatan(request.user, pk)
    items = item_pembuatan(pembuatan)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"lkip-{pembuatan.tahun}-semua-opd.xlsx", [("LKIP semua OPD", [
            "Perangkat daerah", "Status", "Lama (detik)", "Keterangan"], [
            [i.lkip.opd.nama, i.get_status_display(), i.detik, i.pesan] for i in items])])
    konteks = {"pembuatan": pembuatan, "items": items, "kemajuan": kemajuan(pembuatan)}
    template = "lkip/_kota_kemajuan.html" if request.headers.get("HX-Request") else "lkip/kota_detail.html"
    return render(request, template, konteks)


@login_required
@require_POST
def kota_ulangi(request, pk):
    pembuatan = _pembuatan(request.user, pk)
    n = lkip_kota_ulangi(pembuatan=pembuatan, user=request.user)
    messages.info(request, f"{n} LKIP yang gagal diantrekan lagi." if n else "Tidak ada LKIP yang gagal.")
    return redirect(pembuatan)


@login_required
def kota_zip(request, pk):
    pembuatan = _pembuatan(request.user, pk)
    if not kemajuan(pembuatan).tuntas:
        messages.error(request, "ZIP tersedia setelah semua LKIP selesai dibuat atau gagal.")
        return redirect(pembuatan)
    response = FileResponse(zip_pembuatan(pembuatan), content_type="application/zip")
    response["Content-Disposition"] = content_disposition(f"lkip-{pembuatan.tahun}-semua-opd.zip")
    return response
