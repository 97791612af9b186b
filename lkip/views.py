"""Pages of the LKIP: list, preview with its consistency check, editing, PDF in the background, publishing.

Perencana of the OPD edit and publish; pimpinan and evaluator read the
preview; operators only see the published versions. Anyone may verify a
published PDF by its SHA-256.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from indikator.models import PerjanjianKinerja
from lkip import services
from lkip.forms import AnalisisForm, BagianForm, LkipBaruForm, PenandatanganForm
from lkip.models import AnalisisIku, BagianLkip, BerkasLkip, Lkip, VersiTerbit
from lkip.tasks import render_lkip_pdf
from portal.access import Role, can_edit_opd_data, get_opd_for, get_scoped_or_404, scope_by_opd
from portal.models import EditConflict

PEMBACA = {Role.PERENCANA, Role.PIMPINAN, Role.EVALUATOR, Role.ADMIN}


def _boleh_baca(user):
    return user.is_superuser or user.role in PEMBACA


def _lkip(user, pk):
    """The LKIP behind a page: 404 for another OPD, 403 for roles that do not read drafts."""
    lkip = get_scoped_or_404(Lkip.objects.select_related("opd"), user, pk=pk)
    if not _boleh_baca(user):
        raise PermissionDenied("Operator hanya dapat membaca LKIP yang sudah diterbitkan.")
    return lkip


def _lkip_ubah(user, pk):
    lkip = _lkip(user, pk)
    if not can_edit_opd_data(user, lkip.opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat mengubah LKIP.")
    return lkip


def _pdf_response(data_or_file, filename):
    if isinstance(data_or_file, bytes):
        response = HttpResponse(data_or_file, content_type="application/pdf")
    else:
        response = FileResponse(data_or_file, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def indeks(request):
    """The LKIP the user may read with their published versions, newest first."""
    daftar = (
        scope_by_opd(Lkip.objects.select_related("opd"), request.user)
        .prefetch_related(Prefetch("versi_terbit", queryset=VersiTerbit.objects.select_related("diterbitkan_oleh")))
        .order_by("opd__nama", "-tahun")
    )
    boleh_buat = request.user.opd_id and can_edit_opd_data(request.user, request.user.opd)
    return render(request, "lkip/indeks.html", {
        "daftar": daftar, "boleh_baca": _boleh_baca(request.user),
        "form": LkipBaruForm() if boleh_buat else None,
    })


@login_required
@require_POST
def baru(request):
    opd = get_opd_for(request.user)
    if not can_edit_opd_data(request.user, opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat membuat LKIP.")
    form = LkipBaruForm(request.POST, opd=opd)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("lkip:indeks")
    lkip = Lkip.objects.create(opd=opd, tahun=form.cleaned_data["tahun"])
    for kunci, label in BagianLkip.Kunci.choices:
        BagianLkip.objects.create(lkip=lkip, kunci=kunci, judul=label)
    messages.success(request, f"LKIP tahun {lkip.tahun} dibuat. Isi narasinya, lalu periksa dan terbitkan.")
    return redirect(lkip)


@login_required
def detail(request, pk):
    """HTML preview of the whole document (the same context and table snippets as the PDF)."""
    lkip = _lkip(request.user, pk)
    context = services.lkip_context(lkip)
    context.update({
        "pemeriksaan": services.pemeriksaan(context),
        "boleh_ubah": can_edit_opd_data(request.user, lkip.opd),
        "berkas_terakhir": lkip.berkas.order_by("-dibuat_pada").first(),
        "versi_list": lkip.versi_terbit.select_related("diterbitkan_oleh"),
        "analisis_list": AnalisisIku.objects.filter(lkip=lkip).select_related("indikator"),
        "bagian_list": BagianLkip.objects.filter(lkip=lkip).order_by("pk"),
    })
    return render(request, "lkip/detail.html", context)


@login_required
def ubah_bagian(request, pk, kunci):
    lkip = _lkip_ubah(request.user, pk)
    bagian = get_object_or_404(BagianLkip, lkip=lkip, kunci=kunci)
    form = BagianForm(request.POST or None, instance=bagian, initial={"versi_dibaca": bagian.versi})
    if request.method == "POST" and form.is_valid():
        try:
            form.instance.save_versioned(form.cleaned_data["versi_dibaca"])
        except EditConflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Bagian \"{bagian.judul}\" disimpan.")
            return redirect(lkip)
    return render(request, "lkip/form.html", {"lkip": lkip, "form": form, "judul": bagian.judul,
                                               "markdown": True})


@login_required
def ubah_analisis(request, pk, analisis_pk):
    lkip = _lkip_ubah(request.user, pk)
    analisis = get_object_or_404(AnalisisIku.objects.select_related("indikator"), lkip=lkip, pk=analisis_pk)
    form = AnalisisForm(request.POST or None, instance=analisis, initial={"versi_dibaca": analisis.versi})
    if request.method == "POST" and form.is_valid():
        try:
            form.instance.save_versioned(form.cleaned_data["versi_dibaca"])
        except EditConflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Analisis \"{analisis.indikator.nama}\" disimpan.")
            return redirect(lkip)
    return render(request, "lkip/form.html", {"lkip": lkip, "form": form, "judul": analisis.indikator.nama,
                                               "markdown": True})


@login_required
def ubah_penandatangan(request, pk):
    lkip = _lkip_ubah(request.user, pk)
    form = PenandatanganForm(request.POST or None, instance=lkip, initial={"versi_dibaca": lkip.versi})
    if request.method == "POST" and form.is_valid():
        try:
            form.instance.save_versioned(form.cleaned_data["versi_dibaca"])
        except EditConflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Penandatangan disimpan.")
            return redirect(lkip)
    return render(request, "lkip/form.html", {"lkip": lkip, "form": form, "judul": "Penandatangan"})


@login_required
@require_POST
def buat_pdf(request, pk):
    """Queue the PDF of the document as it is now; an unchanged document is not rendered again."""
    lkip = _lkip(request.user, pk)
    html = services.lkip_html(lkip)
    berkas, _ = BerkasLkip.objects.get_or_create(lkip=lkip, sidik_html=services.sidik(html))
    if berkas.status != BerkasLkip.Status.SELESAI or not berkas.berkas:
        render_lkip_pdf.delay(berkas.pk)
    return redirect(lkip)


@login_required
def status_pdf(request, pk):
    """The status of the latest PDF (polled by the preview page while it renders)."""
    lkip = _lkip(request.user, pk)
    return render(request, "lkip/_status_pdf.html", {
        "lkip": lkip, "berkas_terakhir": lkip.berkas.order_by("-dibuat_pada").first(),
    })


@login_required
def unduh_pdf(request, pk):
    """The PDF of the document as it is now, from its stored file when it was rendered before."""
    lkip = _lkip(request.user, pk)
    return _pdf_response(services.lkip_pdf(lkip), f"lkip-{lkip.opd.singkatan}-{lkip.tahun}.pdf")


@login_required
@require_POST
def terbitkan(request, pk):
    lkip = _lkip_ubah(request.user, pk)
    try:
        versi = services.lkip_publish(lkip=lkip, user=request.user)
    except services.BelumSiap as exc:
        messages.error(request, "LKIP belum dapat diterbitkan: " + "; ".join(exc.masalah))
    else:
        messages.success(request, f"LKIP diterbitkan sebagai versi {versi.nomor} (SHA-256 {versi.sha256}).")
    return redirect(lkip)


@login_required
def unduh_versi(request, versi_pk):
    """A published version: every role of the OPD (operators too) may read it."""
    versi = get_scoped_or_404(VersiTerbit.objects.select_related("lkip__opd"), request.user, "lkip__opd",
                              pk=versi_pk)
    return _pdf_response(versi.berkas.open("rb"),
                         f"lkip-{versi.lkip.opd.singkatan}-{versi.lkip.tahun}-v{versi.nomor}.pdf")


def verifikasi(request):
    """Public: is this PDF a published LKIP? Found by its SHA-256 (typed, or computed from an upload)."""
    sha256 = (request.GET.get("sha256") or "").strip().lower()
    if request.method == "POST" and request.FILES.get("berkas"):
        sha256 = services.sidik(request.FILES["berkas"].read())
    versi = None
    if sha256:
        versi = VersiTerbit.objects.select_related("lkip__opd", "diterbitkan_oleh").filter(sha256=sha256).first()
    return render(request, "lkip/verifikasi.html", {"sha256": sha256, "versi": versi})


def verifikasi_pdf(request, sha256):
    versi = VersiTerbit.objects.select_related("lkip__opd").filter(sha256=sha256.lower()).first()
    if versi is None:
        raise Http404("Tidak ada LKIP terbit dengan sidik ini.")
    return _pdf_response(versi.berkas.open("rb"),
                         f"lkip-{versi.lkip.opd.singkatan}-{versi.lkip.tahun}-v{versi.nomor}.pdf")


@login_required
def pk_pdf(request, pk):
    """The Perjanjian Kinerja of a year as a PDF with both signatories (annexed to the LKIP)."""
    if not _boleh_baca(request.user):
        raise PermissionDenied("Peran Anda tidak berwenang membuka dokumen ini.")
    perjanjian = get_scoped_or_404(PerjanjianKinerja.objects.select_related("opd"), request.user, pk=pk)
    return _pdf_response(services.pk_pdf(perjanjian),
                         f"perjanjian-kinerja-{perjanjian.opd.singkatan}-{perjanjian.tahun}.pdf")
