"""Pages of the LKIP: list, preview with its consistency check, editing, PDF in the background, publishing.

Perencana of the OPD (and admins) edit and publish; pimpinan and evaluator
read the preview; operators see the list and download the published
versions. Anyone, signed in or not, may verify a published PDF by its
SHA-256: a citizen who received the PDF must be able to check it, and what
the check reveals (OPD, year, version, date, the published file itself) is
what publishing made public anyway.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from simple_history.utils import bulk_create_with_history

from indikator.models import Indikator, PerjanjianKinerja
from lkip import services
from lkip.forms import (
    SHA256_RE,
    UKURAN_MAKS_VERIFIKASI,
    AnalisisForm,
    BagianForm,
    LkipBaruForm,
    PenandatanganForm,
    SaringLkipForm,
    VerifikasiForm,
)
from lkip.kota import boleh_kota
from lkip.models import AnalisisIku, BagianLkip, Lkip, VersiTerbit
from lkip.tasks import render_lkip_pdf
from portal.access import Role, can_edit_opd_data, get_scoped_or_404, opd_queryset, scope_by_opd
from portal.markdown import render_markdown
from portal.models import BerkasDokumen, EditConflict
from portal.unduhan import lampiran
from portal.xlsx import xlsx_response

logger = logging.getLogger(__name__)
PEMBACA = {Role.PERENCANA, Role.PIMPINAN, Role.EVALUATOR, Role.ADMIN}
PER_HALAMAN = 25
# Where each narrative section sits in the preview (the ids of lkip/_isi.html), to read it and to return to it.
JANGKAR_BAGIAN = {
    "kata_pengantar": "kata-pengantar", "bab1_latar_belakang": "sub-1-1", "bab1_tugas_fungsi": "sub-1-2",
    "bab1_aspek_strategis": "sub-1-3", "bab1_kegiatan_layanan": "sub-1-4", "bab1_sistematika": "sub-1-5",
    "bab2_pengantar": "sub-2-1", "bab2_iku_pengantar": "sub-2-1", "bab2_pk_pengantar": "sub-2-2",
    "bab3_pengantar": "bab3", "bab3_capaian_pengantar": "sub-3-1", "bab3_realisasi_anggaran_faktor": "sub-3-3",
    "bab3_sdm": "sub-3-4", "bab4_kesimpulan": "sub-4-1", "bab4_rencana_tindak": "sub-4-2",
}
PRATINJAU_KOLOM = {"markdown", "uraian", "faktor", "solusi", "langkah"}


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
    return lampiran(response, filename)


def _nama_versi(versi):
    return f"lkip-{versi.lkip.opd.singkatan}-{versi.lkip.tahun}-v{versi.nomor}.pdf"


# --- list -------------------------------------------------------------------------


@login_required
def indeks(request):
    """The LKIP the user may read with their published versions; readers of every OPD filter by OPD."""
    user = request.user
    saring = SaringLkipForm(request.GET or None, opd_queryset=opd_queryset(user) if user.sees_all_opd else None)
    daftar = (
        scope_by_opd(Lkip.objects.select_related("opd"), user)
        .prefetch_related(Prefetch("versi_terbit", queryset=VersiTerbit.objects.order_by("-nomor")))
        .order_by("opd__nama", "-tahun")
    )
    if saring.is_valid():
        if saring.cleaned_data.get("opd"):
            daftar = daftar.filter(opd=saring.cleaned_data["opd"])
        if saring.cleaned_data.get("tahun"):
            daftar = daftar.filter(tahun=saring.cleaned_data["tahun"])
    if request.GET.get("format") == "xlsx":
        return _indeks_xlsx(daftar)
    page = Paginator(daftar, PER_HALAMAN).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(request, "lkip/indeks.html", {
        "page": page, "saring": saring, "query": query.urlencode(), "boleh_baca": _boleh_baca(user),
        "boleh_kota": boleh_kota(user),
        "form": LkipBaruForm(user=user) if _boleh_buat(user) else None,
    })


def _boleh_buat(user):
    if user.opd_id:
        return can_edit_opd_data(user, user.opd)
    return user.is_superuser or user.role == Role.ADMIN


def _indeks_xlsx(daftar):
    headers = ["Perangkat daerah", "Tahun", "Jumlah versi terbit", "Versi terakhir", "Diterbitkan pada",
               "SHA-256 versi terakhir"]
    rows = []
    for lkip in daftar:
        versi = list(lkip.versi_terbit.all())
        akhir = versi[0] if versi else None
        rows.append([lkip.opd.nama, lkip.tahun, len(versi), akhir.nomor if akhir else None,
                     timezone.localtime(akhir.diterbitkan_pada).strftime("%Y-%m-%d %H:%M") if akhir else None,
                     akhir.sha256 if akhir else None])
    return xlsx_response("daftar-lkip.xlsx", [("LKIP", headers, rows)])


@login_required
@require_POST
def baru(request):
    """Create the LKIP of a year with every narrative section, empty."""
    if not _boleh_buat(request.user):
        raise PermissionDenied("Hanya perencana perangkat daerah yang dapat membuat LKIP.")
    form = LkipBaruForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "LKIP belum dibuat: " + " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("lkip:indeks")
    opd, tahun = form.cleaned_data["opd"], form.cleaned_data["tahun"]
    if not can_edit_opd_data(request.user, opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat membuat LKIP.")
    try:
        with transaction.atomic():
            lkip = Lkip.objects.create(opd=opd, tahun=tahun)
            # With their history rows: the audit trail starts at creation.
            bulk_create_with_history(
                [BagianLkip(lkip=lkip, kunci=kunci, judul=label) for kunci, label in BagianLkip.Kunci.choices],
                BagianLkip, default_user=request.user,
            )
    except IntegrityError:
        # Someone created the same year between the form check and this insert.
        messages.error(request, f"LKIP tahun {tahun} sudah ada.")
        return redirect("lkip:indeks")
    messages.success(request, f"LKIP tahun {lkip.tahun} dibuat. Isi narasinya, lalu periksa dan terbitkan.")
    return redirect(lkip)


# --- preview ------------------------------------------------------------------------


@login_required
def detail(request, pk):
    """HTML preview of the whole document (the same context and table snippets as the PDF)."""
    lkip = _lkip(request.user, pk)
    context = services.lkip_context(lkip)
    # The hash of the print HTML tells whether the latest PDF is still the document as it is now.
    sidik_sekarang = services.sidik(services.lkip_html(lkip, context))
    bagian = {kunci: v["obj"] for kunci, v in context["narasi"].items()}
    analisis = {a.indikator_id: a for a in AnalisisIku.objects.filter(lkip=lkip)}
    berkas_terakhir = services.berkas_lkip(lkip).first()
    context.update({
        "pemeriksaan": services.pemeriksaan(context),
        "boleh_ubah": can_edit_opd_data(request.user, lkip.opd),
        "berkas_terakhir": berkas_terakhir,
        "sidik_sekarang": sidik_sekarang,
        "versi_list": lkip.versi_terbit.select_related("diterbitkan_oleh").order_by("-nomor"),
        "bagian_list": [(kunci, label, bagian.get(kunci), JANGKAR_BAGIAN.get(kunci, ""))
                        for kunci, label in BagianLkip.Kunci.choices],
        "iku_list": [(blok.indikator, analisis.get(blok.indikator.pk), f"iku-{blok.nomor}")
                     for blok in context["blok_list"]],
    })
    return render(request, "lkip/detail.html", context)


# --- editing ----------------------------------------------------------------------


def _simpan(request, form, lkip, pesan):
    """Save a bound form with optimistic locking: True when saved, False (with the message why) when refused."""
    try:
        with transaction.atomic():
            form.instance.save_versioned(form.cleaned_data["versi_dibaca"])
    except EditConflict as exc:
        messages.error(request, exc.message)
        return False
    except IntegrityError:
        # Two people wrote the first version of the same section at the same time.
        messages.error(request, EditConflict.message)
        return False
    messages.success(request, pesan)
    return True


@login_required
def ubah_bagian(request, pk, kunci):
    """Edit one narrative section as Markdown; a section never written is created on its first save."""
    lkip = _lkip_ubah(request.user, pk)
    if kunci not in BagianLkip.Kunci.values:
        raise Http404("Bagian LKIP tidak dikenal.")
    bagian = (BagianLkip.objects.filter(lkip=lkip, kunci=kunci).first()
              or BagianLkip(lkip=lkip, kunci=kunci, judul=BagianLkip.Kunci(kunci).label))
    form = BagianForm(request.POST or None, instance=bagian, initial={"versi_dibaca": bagian.versi})
    if request.method == "POST" and form.is_valid() and _simpan(
            request, form, lkip, f"Bagian \"{BagianLkip.Kunci(kunci).label}\" disimpan."):
        return redirect(f"{lkip.get_absolute_url()}#{JANGKAR_BAGIAN.get(kunci, '')}")
    return render(request, "lkip/form.html", {
        "lkip": lkip, "form": form, "judul": BagianLkip.Kunci(kunci).label, "markdown": True,
    })


@login_required
def ubah_analisis(request, pk, indikator_pk):
    """Edit the words of section 3.2 for one IKU of the year (the IKU of its Perjanjian Kinerja)."""
    lkip = _lkip_ubah(request.user, pk)
    indikator = get_object_or_404(
        Indikator.objects.filter(opd=lkip.opd, pk_indikator__perjanjian__opd=lkip.opd,
                                 pk_indikator__perjanjian__jabatan__isnull=True,
                                 pk_indikator__perjanjian__tahun=lkip.tahun).distinct(),
        pk=indikator_pk,
    )
    analisis = (AnalisisIku.objects.filter(lkip=lkip, indikator=indikator).first()
                or AnalisisIku(lkip=lkip, indikator=indikator))
    form = AnalisisForm(request.POST or None, instance=analisis, initial={"versi_dibaca": analisis.versi})
    # The figures the words explain, as the document prints them.
    blok = next((b for b in services.lkip_context(lkip)["blok_list"] if b.indikator.pk == indikator.pk), None)
    if request.method == "POST" and form.is_valid() and _simpan(
            request, form, lkip, f"Analisis \"{indikator.nama}\" disimpan."):
        return redirect(f"{lkip.get_absolute_url()}#{f'iku-{blok.nomor}' if blok else 'sub-3-2'}")
    return render(request, "lkip/form.html", {
        "lkip": lkip, "form": form, "judul": f"Analisis IKU: {indikator.nama}", "markdown": True, "blok": blok,
    })


@login_required
@require_POST
def pratinjau(request):
    """The rendering of the Markdown being typed (htmx), through the same allow-list as the document."""
    if not _boleh_baca(request.user):
        raise PermissionDenied("Peran Anda tidak berwenang membuka halaman ini.")
    kolom = request.POST.get("kolom", "")
    if kolom not in PRATINJAU_KOLOM:
        return HttpResponse("Kolom pratinjau tidak dikenal.", status=400, content_type="text/plain; charset=utf-8")
    # render_markdown's output is sanitised HTML; nothing else goes into the response.
    return HttpResponse(render_markdown(request.POST.get(kolom, "")) or '<p class="text-muted mb-0">Kosong.</p>')


@login_required
def ubah_penandatangan(request, pk):
    lkip = _lkip_ubah(request.user, pk)
    form = PenandatanganForm(request.POST or None, instance=lkip, initial={"versi_dibaca": lkip.versi})
    if request.method == "POST" and form.is_valid() and _simpan(request, form, lkip, "Penandatangan disimpan."):
        return redirect(lkip)
    return render(request, "lkip/form.html", {"lkip": lkip, "form": form, "judul": "Penandatangan"})


# --- PDF ----------------------------------------------------------------------------


@login_required
@require_POST
def buat_pdf(request, pk):
    """Queue the PDF of the document as it is now; an unchanged document is not rendered again.

    Rendering costs seconds of a worker: it is the perencana's action, readers download the result.
    """
    lkip = _lkip_ubah(request.user, pk)
    berkas, perlu_tugas = services.lkip_antrekan_pdf(lkip=lkip, html=services.lkip_html(lkip))
    if berkas.siap:
        messages.info(request, "Dokumen tidak berubah sejak PDF terakhir dibuat: PDF yang tersimpan dipakai.")
        return redirect(lkip)
    if not perlu_tugas:
        # Already queued by an earlier click; a task older than BerkasDokumen.BATAS_TUGAS is queued again.
        messages.info(request, "PDF dokumen ini sedang dibuat.")
        return redirect(lkip)
    try:
        render_lkip_pdf.delay(berkas.pk)
    except Exception as exc:  # noqa: BLE001 - eager: the render failed here; broker: it could not be reached
        logger.exception("PDF LKIP %s gagal dibuat", lkip.pk)
        # Eager, the task has recorded why it failed; only a task never started is marked here.
        berkas.tandai(BerkasDokumen.Status.GAGAL, f"Tugas tidak dapat dijalankan: {exc}",
                      hanya_dari=BerkasDokumen.Status.ANTRE)
        messages.error(request, "PDF gagal dibuat. Lihat keterangan pada status PDF.")
    return redirect(lkip)


@login_required
def status_pdf(request, pk):
    """The status of the latest PDF (polled by the preview page while it renders)."""
    lkip = _lkip(request.user, pk)
    return render(request, "lkip/_status_pdf.html", {
        "lkip": lkip, "berkas_terakhir": services.berkas_lkip(lkip).first(),
        "sidik_sekarang": sidik if SHA256_RE.match(sidik := request.GET.get("sidik", "")) else "",
    })


@login_required
def unduh_berkas(request, pk, berkas_pk):
    """A stored PDF exactly as it was rendered."""
    lkip = _lkip(request.user, pk)
    berkas = get_object_or_404(services.berkas_lkip(lkip), pk=berkas_pk, status=BerkasDokumen.Status.SELESAI)
    if not berkas.siap:  # a file gone from disk is rendered again by "Buat PDF", not served broken
        raise Http404("Berkas PDF tidak ada.")
    return _pdf_response(berkas.berkas.open("rb"),
                         f"lkip-{lkip.opd.singkatan}-{lkip.tahun}-{berkas.sidik_html[:8]}.pdf")


@login_required
def unduh_pdf(request, pk):
    """The PDF of the document as it is now, from its stored file when it was rendered before.

    Only the perencana may cause a render here; a reader gets the stored file or is told it is not made yet.
    """
    lkip = _lkip(request.user, pk)
    if not can_edit_opd_data(request.user, lkip.opd):
        berkas = services.berkas_tersimpan(lkip)
        if berkas is None:
            messages.info(request, "PDF dokumen terbaru belum dibuat. Perencana dapat membuatnya dengan \"Buat PDF\".")
            return redirect(lkip)
        return _pdf_response(berkas.baca(), f"lkip-{lkip.opd.singkatan}-{lkip.tahun}.pdf")
    try:
        data = services.lkip_pdf(lkip)
    except Exception:  # noqa: BLE001 - the failure is recorded on the file's status; the page shows it
        logger.exception("PDF LKIP %s gagal dibuat", lkip.pk)
        messages.error(request, "PDF gagal dibuat. Lihat keterangan pada status PDF.")
        return redirect(lkip)
    return _pdf_response(data, f"lkip-{lkip.opd.singkatan}-{lkip.tahun}.pdf")


# --- publishing and verification ------------------------------------------------------


@login_required
@require_POST
def terbitkan(request, pk):
    """Freeze a version; refused with the list of problems while the consistency check finds any."""
    lkip = _lkip_ubah(request.user, pk)
    try:
        versi = services.lkip_terbitkan(lkip=lkip, user=request.user)
    except services.BelumSiap as exc:
        messages.error(request, "LKIP belum dapat diterbitkan: " + " ".join(exc.masalah))
    except Exception:  # noqa: BLE001 - a failed render is recorded on the file's status; nothing was published
        logger.exception("PDF LKIP %s gagal dibuat saat diterbitkan", lkip.pk)
        messages.error(request, "LKIP belum diterbitkan: PDF gagal dibuat. Lihat keterangan pada status PDF.")
    else:
        messages.success(request, f"LKIP diterbitkan sebagai versi {versi.nomor} (SHA-256 {versi.sha256}).")
    return redirect(lkip)


@login_required
def unduh_versi(request, versi_pk):
    """A published version: every role of the OPD (operators too) may read it."""
    versi = get_scoped_or_404(VersiTerbit.objects.select_related("lkip__opd"), request.user, "lkip__opd",
                              pk=versi_pk)
    return _pdf_response(versi.berkas.open("rb"), _nama_versi(versi))


def verifikasi(request):
    """Public: is this PDF a published LKIP? Found by its SHA-256 (typed, or computed from an upload)."""
    if request.method == "POST" and _terlalu_besar(request):
        # Refused before Django reads the body: an anonymous page must not spool arbitrary uploads to disk.
        galat = f"Berkas terlalu besar (maksimal {UKURAN_MAKS_VERIFIKASI // (1024 * 1024)} MB)."
        return render(request, "lkip/verifikasi.html", {"form": VerifikasiForm(), "galat": galat}, status=413)
    data = request.POST if request.method == "POST" else (request.GET if request.GET else None)
    form = VerifikasiForm(data, request.FILES or None)
    versi = sha256 = beku = lhe = None
    if form.is_bound and form.is_valid():
        sha256 = form.cleaned_data["sidik"]
        versi = (VersiTerbit.objects.select_related("lkip__opd", "diterbitkan_oleh")
                 .filter(sha256=sha256).first())
        # The other versions of record: a Renja frozen on Penetapan (the document store), an issued LHE.
        beku = None if versi else _berkas_beku(sha256)
        lhe = None if versi or beku else _lhe_terbit(sha256)
    return render(request, "lkip/verifikasi.html",
                  {"form": form, "sha256": sha256, "versi": versi, "beku": beku, "lhe": lhe})


def _lhe_terbit(sha256):
    from evaluasi.models import PenilaianLke

    return (PenilaianLke.objects.select_related("opd").exclude(lhe_pdf="")
            .filter(lhe_sha256=sha256).first())


def _berkas_beku(sha256):
    return (BerkasDokumen.objects.beku().select_related("opd", "dibekukan_oleh")
            .filter(sidik_berkas=sha256).first())


def _terlalu_besar(request):
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return panjang > UKURAN_MAKS_VERIFIKASI + 64 * 1024  # room for the multipart envelope


def verifikasi_pdf(request, sha256):
    """Public: the published PDF with this SHA-256, byte for byte."""
    versi = VersiTerbit.objects.select_related("lkip__opd").filter(sha256=sha256).first()
    if versi is None:
        beku = _berkas_beku(sha256)
        if beku is None or not beku.siap:
            lhe = _lhe_terbit(sha256)
            if lhe is None:
                raise Http404("Tidak ada dokumen terbit dengan sidik ini.")
            return _pdf_response(lhe.lhe_pdf.open("rb"), f"lhe-{lhe.opd.singkatan}-{lhe.tahun}.pdf")
        nama = f"{beku.jenis}-{beku.opd.singkatan}-{beku.tahun}-ditetapkan.pdf"
        return _pdf_response(beku.berkas.open("rb"), nama)
    return _pdf_response(versi.berkas.open("rb"), _nama_versi(versi))


# --- Perjanjian Kinerja -----------------------------------------------------------------


@login_required
def pk_pdf(request, pk):
    """The Perjanjian Kinerja of a year as a PDF with both signatories; everyone of the OPD reads the PK."""
    perjanjian = get_scoped_or_404(PerjanjianKinerja.objects.select_related("opd", "jabatan__atasan"),
                                   request.user, pk=pk)
    akhiran = (f"-jabatan{perjanjian.jabatan_id}" if perjanjian.jabatan_id else "") + (
        f"-revisi{perjanjian.revisi_ke}" if perjanjian.revisi_ke else "")
    return _pdf_response(services.pk_pdf(perjanjian), f"perjanjian-kinerja-{perjanjian.opd.singkatan}-"
                                                      f"{perjanjian.tahun}-{perjanjian.jenis}{akhiran}.pdf")
