"""Page flows every app shares: choosing an OPD, upload → preview → commit of an import, an audit-trail page."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from portal.access import opd_queryset
from portal.angka import format_angka
from portal.models import EditConflict
from portal.xlsx import xlsx_response

PER_HALAMAN = 50
# A 5 000-row file changes ~35 000 cells: the page lists this many, the XLSX all of them.
MAKS_PRATINJAU = 300
TAHUN_TERKECIL, TAHUN_TERBESAR = 2000, 2100  # as portal.models.TAHUN_VALIDATORS
XLSX_AWAL = b"PK\x03\x04"  # an XLSX is a ZIP archive; its first bytes say so


def pilih_opd(request, template, context):
    """The OPDs a reader of every OPD chooses from (paginated, or all of them as XLSX)."""
    opd_list = opd_queryset(request.user).order_by("nama")
    if request.GET.get("format") == "xlsx":
        return xlsx_response("perangkat-daerah.xlsx", [("Perangkat daerah", ["Kode", "Singkatan", "Nama"], [
            [o.kode, o.singkatan, o.nama] for o in opd_list])])
    page = Paginator(opd_list, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, template, {**context, "page": page})


def impor_bertahap(request, key, run, template, context):
    """Upload an XLSX, preview what would change, then commit it; shared by every import page.

    The uploaded file is kept (under MEDIA_ROOT/impor) between the preview and
    the commit, and the commit is refused when the planned changes differ from
    what the user saw (someone changed the data in between).
    """
    hasil = None
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    if request.method == "GET" and request.GET.get("format") == "xlsx":
        return _perubahan_xlsx(request, key, run)
    if aksi == "pratinjau":
        # A new upload replaces the one previewed before; its staged copy is not kept.
        lama = request.session.pop(key, None)
        if lama:
            default_storage.delete(lama["berkas"])
        upload = request.FILES.get("berkas")
        maks = getattr(settings, "IMPOR_MAKS_BYTES", 10 * 1024 * 1024)
        if upload is None:
            messages.error(request, "Pilih berkas XLSX untuk diunggah.")
        elif upload.size > maks:
            messages.error(request, f"Berkas terlalu besar ({format_angka(upload.size // 1024)} KB); "
                                    f"batasnya {format_angka(maks // 1024)} KB.")
        elif upload.read(4) != XLSX_AWAL:
            # Checked by content before anything is stored: a renamed .xls, CSV or PDF is not read at all.
            messages.error(request, "Berkas bukan XLSX: isinya tidak dikenali sebagai buku kerja Excel (.xlsx).")
        else:
            upload.seek(0)
            name = default_storage.save(f"impor/{uuid.uuid4().hex}.xlsx", ContentFile(upload.read()))
            with default_storage.open(name, "rb") as handle:
                hasil = run(file=handle, commit=False)
            if hasil.sah and hasil.perubahan:
                request.session[key] = {"berkas": name, "sidik": hasil.sidik()}
            else:
                default_storage.delete(name)  # nothing to commit: a bad or unchanged file is not kept
    elif aksi == "simpan":
        staged = request.session.pop(key, None)
        if not staged or not default_storage.exists(staged["berkas"]):
            messages.error(request, "Pratinjau sudah kedaluwarsa; unggah berkasnya lagi.")
            return redirect(request.path)
        try:
            with default_storage.open(staged["berkas"], "rb") as handle:
                if run(file=handle, commit=False).sidik() != staged["sidik"]:
                    messages.error(request, EditConflict.message)
                    return redirect(request.path)
                handle.seek(0)
                hasil = run(file=handle, commit=True)
        except EditConflict:
            # Someone saved the same lines between the check and the write (another import, a form).
            messages.error(request, EditConflict.message)
            return redirect(request.path)
        finally:
            default_storage.delete(staged["berkas"])
        if hasil.disimpan:
            messages.success(request, f"Impor selesai: {len(hasil.perubahan)} perubahan disimpan.")
            return redirect(request.path)
    return render(request, template, {**context, "hasil": hasil, "maks_pratinjau": MAKS_PRATINJAU,
                                      "perubahan_tampil": hasil.perubahan[:MAKS_PRATINJAU] if hasil else []})


def _perubahan_xlsx(request, key, run):
    """Every change of the import being previewed, as XLSX (the page lists the first MAKS_PRATINJAU)."""
    staged = request.session.get(key)
    if not staged or not default_storage.exists(staged["berkas"]):
        messages.error(request, "Pratinjau sudah kedaluwarsa; unggah berkasnya lagi.")
        return redirect(request.path)
    with default_storage.open(staged["berkas"], "rb") as handle:
        hasil = run(file=handle, commit=False)
    return xlsx_response("pratinjau-impor.xlsx", [(
        "Perubahan", ["Lembar", "Baris", "Kode", "Nama", "Kolom", "Lama", "Baru"],
        [list(p) for p in hasil.perubahan])])


def riwayat_response(request, entries, filename, context):
    """The audit-trail page (paginated) or all its entries as XLSX."""
    if request.GET.get("format") == "xlsx":
        rows = [[e.waktu.replace(tzinfo=None), str(e.pengguna or "sistem"), e.objek, e.jenis, kolom,
                 _teks(lama), _teks(baru), e.alasan]
                for e in entries for kolom, lama, baru in (e.perubahan or [("", None, None)])]
        return xlsx_response(filename, [("Riwayat", ["Waktu", "Pengguna", "Data", "Jenis", "Kolom", "Lama", "Baru",
                                                     "Alasan"], rows)])
    page = Paginator(entries, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "portal/riwayat.html", {**context, "page": page})


def _teks(value):
    return None if value is None else str(value)


def periksa_periode(tahun, triwulan=None):
    """A year (and triwulan) taken from a URL: outside what the portal records it answers 404, never a 500."""
    if not TAHUN_TERKECIL <= tahun <= TAHUN_TERBESAR or (triwulan is not None and not 1 <= triwulan <= 4):
        raise Http404("Periode tidak dikenal.")
