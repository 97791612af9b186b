"""Pages of the Renja: the list, the preview with its consistency check, downloads and editing."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.access import can_edit_opd_data, get_scoped_or_404, role_required, scope_by_opd
from portal.docx import DOCX_MIME, DocxTidakTersedia, docx_tersedia
from portal.kiriman import SudahDikirim, klaim_token
from portal.markdown import render_markdown
from portal.models import EditConflict, User
from portal.unduhan import lampiran
from portal.xlsx import XLSX_MIME, xlsx_response
from renja import services
from renja.forms import (
    PER_HALAMAN_KELOLA,
    BarisBaruForm,
    BarisRencanaForm,
    EvaluasiFormSet,
    IndikatorFormSet,
    KinerjaFormSet,
    NarasiForm,
    ReviewFormSet,
    SalinForm,
    SpmFormSet,
    TahapForm,
    UsulanFormSet,
    VersiNomenklaturForm,
)
from renja.models import (
    BagianNarasi,
    BarisRencana,
    BarisReview,
    EvaluasiRenja,
    KinerjaPelayanan,
    Renja,
    RiwayatTahap,
    TargetSpm,
    Usulan,
)


def _renja(user, pk):
    return get_scoped_or_404(Renja.objects.select_related("opd"), user, pk=pk)


def _boleh_ubah(user, opd):
    """Only the perencana of the OPD (and admins) change a Renja; readers get 403 on a write."""
    if not can_edit_opd_data(user, opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat mengubah Renja.")


def _boleh_ubah_isi(user, renja):
    """The content of a Renja in tahap Penetapan is fixed: its tahap must go back first (kept in the history)."""
    _boleh_ubah(user, renja.opd)
    if renja.tahap == Renja.Tahap.PENETAPAN:
        raise PermissionDenied("Renja ini sudah ditetapkan. Kembalikan tahapnya (dengan keterangan) untuk "
                               "mengubah isinya.")


PER_HALAMAN = 25


@login_required
def indeks(request):
    """The Renja the user may read, newest first; all of them as XLSX with ?format=xlsx."""
    daftar = scope_by_opd(Renja.objects.select_related("opd"), request.user).order_by("opd__nama", "-tahun")
    if request.GET.get("format") == "xlsx":
        headers = ["Perangkat daerah", "Tahun", "Tahap"]
        rows = [[r.opd.nama, r.tahun, r.get_tahap_display()] for r in daftar]
        return xlsx_response("daftar-renja.xlsx", [("Daftar Renja", headers, rows)])
    page = Paginator(daftar, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "renja/indeks.html", {"page": page})


@login_required
def detail(request, pk):
    """HTML preview of the whole document, with the consistency check and the tahap history."""
    renja = _renja(request.user, pk)
    context = services.renja_context(renja)
    context.update({
        "boleh_ubah": can_edit_opd_data(request.user, renja.opd) and renja.tahap != Renja.Tahap.PENETAPAN,
        "boleh_ubah_tahap": can_edit_opd_data(request.user, renja.opd),
        "tahap_form": TahapForm(initial={"tahap": renja.tahap, "versi_dibaca": renja.versi}),
        "salin_form": SalinForm(initial={"tahun": renja.tahun + 1}),
        "versi_form": VersiNomenklaturForm(initial={"versi": renja.versi_nomenklatur_id}),
        "versi_tetap": services.renja_versi_tetap(renja) if renja.tahap == Renja.Tahap.PENETAPAN else None,
    })
    return render(request, "renja/detail.html", context)


@login_required
def unduh_pdf(request, pk):
    renja = _renja(request.user, pk)
    response = HttpResponse(services.renja_pdf(renja), content_type="application/pdf")
    return lampiran(response, f"renja-{renja.opd.singkatan}-{renja.tahun}.pdf")


@login_required
def unduh_docx(request, pk):
    """The Renja in Word, to finish there; the PDF stays the version of record."""
    renja = _renja(request.user, pk)
    if not docx_tersedia():
        return HttpResponse(DocxTidakTersedia().args[0], status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(services.renja_docx(renja), content_type=DOCX_MIME)
    return lampiran(response, f"renja-{renja.opd.singkatan}-{renja.tahun}.docx")


@login_required
def pemeriksaan(request, pk):
    """The consistency check as its own report on screen (the signed Renja never carries it)."""
    renja = _renja(request.user, pk)
    return render(request, "renja/pemeriksaan.html", services.renja_laporan_pemeriksaan(renja))


@login_required
def pemeriksaan_pdf(request, pk):
    renja = _renja(request.user, pk)
    response = HttpResponse(services.renja_pemeriksaan_pdf(renja), content_type="application/pdf")
    return lampiran(response, f"pemeriksaan-renja-{renja.opd.singkatan}-{renja.tahun}.pdf")


@login_required
def unduh_xlsx(request, pk):
    renja = _renja(request.user, pk)
    semua = request.GET.get("tabel") == "semua"
    response = HttpResponse(services.renja_xlsx(renja, semua=semua), content_type=XLSX_MIME)
    nama = "semua-tabel" if semua else "T-C.33"
    return lampiran(response, f"renja-{renja.opd.singkatan}-{renja.tahun}-{nama}.xlsx")


@login_required
@require_POST
def ubah_tahap(request, pk):
    renja = _renja(request.user, pk)
    _boleh_ubah(request.user, renja.opd)
    form = TahapForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tahap tidak dapat diubah: " + "; ".join(
            f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}" for f, e in form.errors.items()
        ))
        return redirect(renja)
    lama = renja.tahap
    baru = form.cleaned_data["tahap"]
    if baru == lama:
        messages.info(request, "Tahap tidak berubah.")
        return redirect(renja)
    try:
        with transaction.atomic():
            renja.tahap = baru
            renja.save_versioned(form.cleaned_data["versi_dibaca"])
            RiwayatTahap.objects.create(
                renja=renja, dari=lama, ke=baru, oleh=request.user, keterangan=form.cleaned_data["keterangan"]
            )
            if baru == Renja.Tahap.PENETAPAN:
                # The document as set is frozen with it; a render that fails leaves the tahap unchanged.
                services.renja_tetapkan(renja=renja, user=request.user)
    except EditConflict as exc:
        messages.error(request, exc.message)
        return redirect(renja)
    messages.success(request, f"Tahap Renja menjadi {renja.get_tahap_display()}.")
    return redirect(renja)


@login_required
@require_POST
def salin(request, pk):
    """Start the Renja of another year from this one (copy forward)."""
    renja = _renja(request.user, pk)
    _boleh_ubah(request.user, renja.opd)
    form = SalinForm(request.POST)
    if form.is_valid():
        try:
            baru = services.renja_salin_ke_tahun(
                renja_sumber=renja, tahun=form.cleaned_data["tahun"], user=request.user
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Renja {baru.tahun} dibuat dari Renja {renja.tahun}.")
            return redirect(baru)
    else:
        messages.error(request, "Tahun tidak sah: " + " ".join(form.errors.get("tahun", [])))
    return redirect(renja)


@login_required
@require_POST
def tautkan_nomenklatur(request, pk):
    """Choose the nomenclature version of the Renja and link every row whose code it holds."""
    renja = _renja(request.user, pk)
    _boleh_ubah_isi(request.user, renja)
    form = VersiNomenklaturForm(request.POST)
    if form.is_valid():
        tanpa = services.renja_tautkan_nomenklatur(renja=renja, versi=form.cleaned_data["versi"])
        if form.cleaned_data["versi"] is None:
            messages.info(request, "Versi nomenklatur dikosongkan; tautan baris dilepas.")
        else:
            messages.success(request, f"Kode baris dicocokkan dengan {renja.versi_nomenklatur}; "
                                      f"{len(tanpa)} baris tidak ditemukan di versi itu.")
    else:
        messages.error(request, "Versi nomenklatur tidak dikenal.")
    return redirect(renja)


@login_required
def baris_ubah(request, pk):
    """Edit one plan row and its indicators; a concurrent edit is refused, not overwritten."""
    baris = get_scoped_or_404(
        BarisRencana.objects.select_related("renja__opd"), request.user, opd_field="renja__opd", pk=pk
    )
    _boleh_ubah_isi(request.user, baris.renja)
    if request.method == "POST":
        form = BarisRencanaForm(request.POST, instance=baris)
        formset = IndikatorFormSet(request.POST, instance=baris)
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    form.instance.save_versioned(form.cleaned_data["versi_dibaca"])
                    formset.save()
                    # The code may have changed: relink this row in the Renja's version.
                    services.renja_tautkan_nomenklatur(
                        renja=baris.renja, versi=baris.renja.versi_nomenklatur, rows=[form.instance]
                    )
            except EditConflict as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Baris \"{baris.nama}\" disimpan.")
                return redirect(f"{baris.renja.get_absolute_url()}#baris-{baris.pk}")
    else:
        form = BarisRencanaForm(instance=baris)
        formset = IndikatorFormSet(instance=baris)
    return render(request, "renja/baris_form.html", {"baris": baris, "renja": baris.renja, "form": form,
                                                     "formset": formset})


@login_required
@require_POST
def baris_hapus(request, pk):
    """Delete a plan row with everything under it (the audit trail keeps what was deleted)."""
    baris = get_scoped_or_404(
        BarisRencana.objects.select_related("renja__opd"), request.user, opd_field="renja__opd", pk=pk
    )
    _boleh_ubah_isi(request.user, baris.renja)
    renja = baris.renja
    with transaction.atomic():
        # Children first, so each deletion is recorded in the history one by one.
        for row in _keturunan(baris)[::-1]:
            row.delete()
    messages.success(request, f"Baris \"{baris.nama}\" dan baris di bawahnya dihapus.")
    return redirect(renja)


def _keturunan(baris):
    rows = list(BarisRencana.objects.filter(renja=baris.renja_id).order_by("urutan"))
    hasil, ids = [baris], {baris.pk}
    for row in rows:
        if row.induk_id in ids:
            ids.add(row.pk)
            hasil.append(row)
    return hasil


@login_required
def narasi_ubah(request, pk):
    bagian = get_scoped_or_404(
        BagianNarasi.objects.select_related("renja__opd"), request.user, opd_field="renja__opd", pk=pk
    )
    _boleh_ubah_isi(request.user, bagian.renja)
    form = NarasiForm(request.POST or None, instance=bagian)
    if request.method == "POST" and form.is_valid():
        try:
            form.instance.save_versioned(form.cleaned_data["versi_dibaca"])
        except EditConflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Bagian \"{bagian.judul}\" disimpan.")
            return redirect(bagian.renja)
    return render(request, "renja/narasi_form.html", {"bagian": bagian, "renja": bagian.renja, "form": form})


@role_required(User.Role.PERENCANA)
@require_POST
def pratinjau_narasi(request):
    """The Markdown being typed, rendered through the document's sanitiser (htmx on the narrative page)."""
    # render_markdown's output is sanitised HTML; nothing else goes into the response.
    return HttpResponse(render_markdown(request.POST.get("isi", "")) or '<p class="text-muted mb-0">Kosong.</p>')


# What the "kelola" pages edit: the model's rows of one Renja as a table of forms.
KELOLA = {
    "evaluasi": ("Evaluasi Renja tahun n-2 (T-C.29)", EvaluasiRenja, EvaluasiFormSet),
    "kinerja": ("Kinerja pelayanan dan SPM (T-C.30)", KinerjaPelayanan, KinerjaFormSet),
    "spm": ("Target SPM", TargetSpm, SpmFormSet),
    "usulan": ("Usulan program dan kegiatan (T-C.32)", Usulan, UsulanFormSet),
}


@login_required
def kelola(request, pk, jenis):
    """Edit the SPM targets or the usulan of a Renja: rows added, changed or deleted at once."""
    if jenis not in KELOLA:
        raise Http404("Halaman tidak dikenal.")
    judul, model, formset_class = KELOLA[jenis]
    renja = _renja(request.user, pk)
    _boleh_ubah_isi(request.user, renja)
    semua = model.objects.filter(renja=renja).order_by("urutan", "id")
    # One page of rows at a time: a long table (T-C.29 has ~90 rows) would exceed the
    # number of fields a request may carry.
    page = Paginator(semua, PER_HALAMAN_KELOLA).get_page(request.GET.get("halaman"))
    queryset = semua.filter(pk__in=[obj.pk for obj in page.object_list])
    formset = formset_class(request.POST or None, queryset=queryset, prefix=jenis)
    if request.method == "POST" and formset.is_valid():
        akhir = semua.aggregate(m=Max("urutan"))["m"] or 0

        def siapkan_baru(obj):
            nonlocal akhir
            akhir += 1
            obj.renja, obj.urutan = renja, akhir

        if _simpan_baris(request, formset, siapkan_baru):
            messages.success(request, f"{judul} disimpan.")
            if page.paginator.num_pages > 1:
                return redirect(f"{request.path}?halaman={page.number}")
            return redirect(renja)
    kolom = [_label_tahun(field.label, renja.tahun) for field in formset.empty_form.visible_fields()]
    return render(request, "renja/kelola.html", {"renja": renja, "judul": judul, "formset": formset,
                                                 "page": page, "kolom": kolom})


def _simpan_baris(request, formset, siapkan_baru=None):
    """Save the changed and deleted rows of a table of forms, all or nothing.

    Each row carries the version it was read at: a row changed or deleted by
    someone else since then refuses the whole save (nothing is overwritten).
    Returns False, with a message, when refused.
    """
    try:
        with transaction.atomic():
            # The same table sent twice (a double click) would add its new rows twice.
            klaim_token(request)
            for form in formset.deleted_forms:
                obj = form.instance
                if obj.pk is None:
                    continue
                if not type(obj).objects.filter(pk=obj.pk, versi=form.cleaned_data.get("versi_dibaca")).exists():
                    raise EditConflict()
                obj.delete()
            for form in formset.forms:
                if form in formset.deleted_forms or not form.has_changed():
                    continue
                obj = form.save(commit=False)
                if obj.pk is None and siapkan_baru is not None:
                    siapkan_baru(obj)
                obj.simpan_atau_buat(form.cleaned_data.get("versi_dibaca"))
    except EditConflict as exc:
        messages.error(request, exc.message)
        return False
    except SudahDikirim as exc:
        # The first submit saved this very table: report it saved, once.
        messages.info(request, exc.pesan)
    return True


_TAHUN_RELATIF = re.compile(r"(?<!\w)n([+-]\d)?(?!\w)")


def _label_tahun(label, tahun):
    """A column label with its relative year ("target n-2") as the year itself ("Target 2024")."""
    label = _TAHUN_RELATIF.sub(lambda m: str(tahun + int(m.group(1) or 0)), str(label))
    return label[:1].upper() + label[1:]


@login_required
def review_ubah(request, pk, nomor):
    """Edit the hasil analisis and catatan of the lines of one review table (T-C.31)."""
    renja = _renja(request.user, pk)
    _boleh_ubah_isi(request.user, renja)
    tabel = get_object_or_404(renja.tabel_review, nomor=nomor)
    queryset = BarisReview.objects.filter(tabel=tabel).order_by("urutan")
    formset = ReviewFormSet(request.POST or None, queryset=queryset, prefix="review")
    if request.method == "POST" and formset.is_valid() and _simpan_baris(request, formset):
        messages.success(request, f"{tabel.judul} disimpan.")
        return redirect(renja)
    return render(request, "renja/review_form.html", {"renja": renja, "tabel": tabel, "formset": formset})


@login_required
def baris_tambah(request, pk):
    """Add a program, kegiatan or sub-kegiatan row, placed after the last row under its parent."""
    renja = _renja(request.user, pk)
    _boleh_ubah_isi(request.user, renja)
    form = BarisBaruForm(request.POST or None, renja=renja, instance=BarisRencana(renja=renja))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                klaim = klaim_token(request)  # a double click adds the row once
                baris = form.save(commit=False)
                baris.urutan = _urutan_baru(renja, baris.induk)
                BarisRencana.objects.filter(renja=renja, urutan__gte=baris.urutan).update(urutan=F("urutan") + 1)
                baris.save()
                services.renja_tautkan_nomenklatur(renja=renja, versi=renja.versi_nomenklatur, rows=[baris])
                tujuan = f"{renja.get_absolute_url()}#baris-{baris.pk}"
                klaim.selesai(tujuan)
        except SudahDikirim as exc:
            messages.info(request, exc.pesan)
            return redirect(exc.tujuan or renja.get_absolute_url())
        messages.success(request, f"Baris \"{baris.nama}\" ditambahkan.")
        return redirect(tujuan)
    return render(request, "renja/baris_baru.html", {"renja": renja, "form": form})


def _urutan_baru(renja, induk):
    """The position right after the last descendant of `induk` (or at the end for a program)."""
    rows = list(BarisRencana.objects.filter(renja=renja).order_by("urutan").values("pk", "induk_id", "urutan"))
    if induk is None or not rows:
        return (rows[-1]["urutan"] + 10) if rows else 10
    keturunan = {induk.pk}
    akhir = induk.urutan
    for row in rows:
        if row["induk_id"] in keturunan:
            keturunan.add(row["pk"])
            akhir = max(akhir, row["urutan"])
    return akhir + 1
