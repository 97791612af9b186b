"""Pages of the AKIP evaluation: the list, the worksheet per component, the differences, the result.

Perencana of the OPD fill the self-assessment; evaluators (Inspektorat) score
beside it and a second evaluator approves; pimpinan read. Operators have no
page here. Another OPD's evaluation answers 404 (portal.access).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from evaluasi import services, skm, skm_impor
from evaluasi.ekspor import lke_xlsx
from evaluasi.forms import (
    MulaiForm,
    NilaiEvaluatorForm,
    RespondenForm,
    SurveiBaruForm,
    TindakLanjutForm,
    UsulanForm,
    VersiForm,
    form_halaman,
)
from evaluasi.ikm import ikm_per_unit
from evaluasi.models import JawabanLke, PenilaianLke, SurveiKepuasan, TindakLanjut
from evaluasi.models.hasil import UNSUR_SKM
from evaluasi.models.penilaian import adalah_evaluator
from evaluasi.prefill import saran_untuk
from portal.access import Role, can_edit_opd_data, get_opd_for, get_scoped_or_404, opd_queryset, scope_by_opd
from portal.halaman import impor_bertahap
from portal.models import AksiDitolak, EditConflict
from portal.unduhan import lampiran

PEMBACA = {Role.PERENCANA, Role.PIMPINAN, Role.EVALUATOR, Role.ADMIN}


def _boleh_baca(user):
    return user.is_superuser or user.role in PEMBACA


def _penilaian(user, pk):
    penilaian = get_scoped_or_404(PenilaianLke.objects.select_related("opd", "lke"), user, pk=pk)
    if not _boleh_baca(user):
        raise PermissionDenied("Peran Anda tidak membuka evaluasi AKIP.")
    return penilaian


def _aksi(request, fungsi, **kwargs):
    """(done, result) of a workflow; its refusal or a conflict becomes the message the user reads."""
    try:
        return True, fungsi(**kwargs)
    except AksiDitolak as exc:
        messages.error(request, str(exc))
    except EditConflict as exc:
        messages.error(request, exc.message)
    return False, None


@login_required
def indeks(request):
    """Evaluations the user may read; the perencana starts its OPD's, the evaluator sees every OPD's status."""
    user = request.user
    if not _boleh_baca(user):
        raise PermissionDenied("Peran Anda tidak membuka evaluasi AKIP.")
    tahun = _tahun(request.GET.get("tahun"))
    daftar = scope_by_opd(PenilaianLke.objects.select_related("opd"), user).order_by("-tahun", "opd__nama")
    konteks = {"daftar": daftar, "tahun": tahun, "form": None}
    if user.opd_id and can_edit_opd_data(user, user.opd):
        konteks["form"] = MulaiForm(initial={"tahun": timezone.localdate().year - 1})
    if user.sees_all_opd:
        konteks["status_opd"] = services.status_per_opd(opd_queryset(user), tahun)
        konteks["tabel_kota"] = services.tabel_akip_kota(opd_queryset(user))
    return render(request, "evaluasi/indeks.html", konteks)


def _tahun(value):
    try:
        tahun = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year - 1
    return tahun if 2000 <= tahun <= 2100 else timezone.localdate().year - 1


@require_POST
@login_required
def mulai(request):
    opd = get_opd_for(request.user)
    form = MulaiForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("evaluasi:indeks")
    try:
        penilaian, _ = services.penilaian_mulai(opd=opd, tahun=form.cleaned_data["tahun"], user=request.user)
    except AksiDitolak as exc:
        raise PermissionDenied(str(exc)) from exc
    return redirect(penilaian)


@login_required
def ringkasan(request, pk):
    """Progress and scores per component, both sides, and what may be done next."""
    penilaian = _penilaian(request.user, pk)
    struktur, jawaban = services.penilaian_struktur(penilaian)
    usulan = services.penilaian_hasil(penilaian, services.USULAN, struktur, jawaban)
    evaluator = services.penilaian_hasil(penilaian, services.EVALUATOR, struktur, jawaban)
    return render(request, "evaluasi/ringkasan.html", {
        "penilaian": penilaian, "struktur": struktur, "usulan": usulan, "evaluator": evaluator,
        "rekomendasi": "\n".join(r.uraian for r in penilaian.rekomendasi.all()),
        "pasangan": list(zip(usulan.komponen, evaluator.komponen, strict=True)),
        **_boleh(request.user, penilaian),
    })


def _boleh(user, penilaian):
    return {
        "boleh_isi": penilaian.alasan_isian_ditolak(user) is None,
        "boleh_nilai": penilaian.alasan_penilaian_ditolak(user) is None,
        "boleh_setujui": penilaian.alasan_persetujuan_ditolak(user) is None,
        "adalah_evaluator": adalah_evaluator(user),
    }


@login_required
def komponen(request, pk, nomor):
    """One component's criteria: the OPD's answer and evidence, and the evaluator's answer beside it."""
    penilaian = _penilaian(request.user, pk)
    struktur, jawaban = services.penilaian_struktur(penilaian)
    komponen_lke = next((k for k in struktur if k.nomor == nomor), None)
    if komponen_lke is None:
        raise Http404("Komponen tidak ditemukan.")
    boleh = _boleh(request.user, penilaian)
    sisi = services.USULAN if boleh["boleh_isi"] else services.EVALUATOR if boleh["boleh_nilai"] else None
    kelas = UsulanForm if sisi == services.USULAN else NilaiEvaluatorForm
    saran = saran_untuk(penilaian, komponen_lke) if sisi == services.USULAN else {}
    baris = [services.BarisLke(kr, jawaban.get(kr.pk), saran.get(kr.kode))
             for s in komponen_lke.sub.all() for kr in s.kriteria.all()]
    if request.method == "POST":
        if sisi is None:
            raise PermissionDenied(penilaian.alasan_isian_ditolak(request.user))
        forms_ = form_halaman(kelas, request.POST, request.FILES, baris)
        if all(f.is_valid() for f in forms_):
            ok, jumlah = _aksi(request, services.jawaban_simpan, penilaian=penilaian, user=request.user, sisi=sisi,
                               isian=[(f.kriteria, f.cleaned_data) for f in forms_])
            if ok:
                messages.success(request, f"{jumlah} kriteria disimpan." if jumlah else "Tidak ada perubahan.")
            return redirect("evaluasi:komponen", pk=penilaian.pk, nomor=nomor)
        messages.error(request, "Ada isian yang belum benar; periksa kriteria yang ditandai.")
    else:
        forms_ = form_halaman(kelas, None, None, baris) if sisi else [None] * len(baris)
    per_baris = dict(zip((b.kriteria.pk for b in baris), zip(baris, forms_, strict=True), strict=True))
    return render(request, "evaluasi/komponen.html", {
        "penilaian": penilaian, "struktur": struktur, "komponen": komponen_lke, "sisi": sisi, "ada_saran": bool(saran),
        "sub_baris": [(s, [per_baris[kr.pk] for kr in s.kriteria.all()]) for s in komponen_lke.sub.all()],
        "usulan": services.penilaian_hasil(penilaian, services.USULAN, struktur, jawaban),
        "evaluator": services.penilaian_hasil(penilaian, services.EVALUATOR, struktur, jawaban),
        **boleh,
    })


@require_POST
@login_required
def aksi(request, pk, nama):
    """ajukan (perencana), kembalikan / selesai (evaluator), setujui (a second evaluator)."""
    penilaian = _penilaian(request.user, pk)
    fungsi = {"ajukan": services.penilaian_ajukan, "kembalikan": services.penilaian_kembalikan,
              "selesai": services.penilaian_selesai_dinilai, "setujui": services.penilaian_setujui,
              "rekomendasi": services.rekomendasi_simpan, "terbitkan": services.lhe_terbitkan_ulang}.get(nama)
    if fungsi is None:
        raise Http404("Aksi tidak dikenal.")
    # The role decides 403; a role that acts at some stage is told by a message why not now.
    if nama == "ajukan" and not can_edit_opd_data(request.user, penilaian.opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang mengajukan penilaian mandiri.")
    if nama != "ajukan" and not adalah_evaluator(request.user):
        raise PermissionDenied("Hanya evaluator yang menilai dan menyetujui evaluasi AKIP.")
    form = VersiForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Versi formulir tidak sah; muat ulang halaman.")
        return redirect(penilaian)
    kwargs = {"penilaian": penilaian, "user": request.user, "versi": form.cleaned_data["versi"]}
    if nama == "kembalikan":
        kwargs["catatan"] = form.cleaned_data["catatan"]
    if nama == "setujui":
        kwargs.update({f: request.POST.get(f, "").strip()[:150]
                       for f in ("nomor_lhe", "penandatangan_nama", "penandatangan_nip")})
    if nama == "rekomendasi":
        kwargs["teks"] = request.POST.get("teks", "")
    if _aksi(request, fungsi, **kwargs)[0]:
        messages.success(request, {"ajukan": "Penilaian mandiri diajukan ke evaluator.",
                                   "kembalikan": "Penilaian dikembalikan ke OPD.",
                                   "selesai": "Penilaian evaluator selesai; menunggu persetujuan reviewer.",
                                   "setujui": "Hasil evaluasi disetujui dan menjadi final; LHE diterbitkan.",
                                   "rekomendasi": "Rekomendasi disimpan.",
                                   "terbitkan": "LHE diterbitkan."}[nama])
    return redirect(penilaian)


@login_required
def selisih(request, pk):
    """The criteria where the evaluator answered otherwise than the OPD proposed."""
    penilaian = _penilaian(request.user, pk)
    daftar = [j for j in penilaian.jawaban.select_related("kriteria__sub__komponen", "usulan", "nilai_evaluator")
              .order_by("kriteria__sub__komponen__nomor", "kriteria__sub__nomor", "kriteria__nomor") if j.berbeda]
    return render(request, "evaluasi/selisih.html", {"penilaian": penilaian, "daftar": daftar})


@login_required
def xlsx(request, pk):
    penilaian = _penilaian(request.user, pk)
    return lke_xlsx(penilaian)


@login_required
def bukti(request, pk):
    """An evidence file, only to those who may read the evaluation (media is never served directly)."""
    jawaban = get_scoped_or_404(JawabanLke.objects.select_related("penilaian", "kriteria"), request.user,
                                opd_field="penilaian__opd", pk=pk)
    if not _boleh_baca(request.user):
        raise PermissionDenied("Peran Anda tidak membuka evaluasi AKIP.")
    if not jawaban.bukti:
        raise Http404("Kriteria ini tidak memiliki bukti dukung.")
    ext = jawaban.bukti.name.rsplit(".", 1)[-1].lower()
    nama = f"bukti-lke-{jawaban.kriteria.kode}-{jawaban.penilaian.tahun}.{ext}"
    return lampiran(FileResponse(jawaban.bukti.open("rb")), nama)


@login_required
def lhe(request, pk):
    """The issued LHE (the frozen PDF), to those who read the evaluation."""
    penilaian = _penilaian(request.user, pk)
    if penilaian.status != PenilaianLke.Status.FINAL or not penilaian.lhe_pdf:
        raise Http404("LHE belum diterbitkan.")
    nama = f"LHE-AKIP-{penilaian.opd.singkatan}-{penilaian.tahun}.pdf"
    return lampiran(FileResponse(penilaian.lhe_pdf.open("rb"), content_type="application/pdf"), nama)


@login_required
def tindak_lanjut(request, pk):
    """The LHE's recommendations with their follow-up; the perencana records one at a time."""
    penilaian = _penilaian(request.user, pk)
    if penilaian.status != PenilaianLke.Status.FINAL:
        raise Http404("Tindak lanjut tersedia setelah LHE terbit.")
    boleh = can_edit_opd_data(request.user, penilaian.opd)
    daftar = list(penilaian.rekomendasi.select_related("tindak_lanjut__unit_kerja"))
    dikirim = request.POST.get("rekomendasi") if request.method == "POST" else None
    if request.method == "POST" and not boleh:
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang mencatat tindak lanjut.")
    baris = []
    for r in daftar:
        tl = getattr(r, "tindak_lanjut", None) or TindakLanjut(rekomendasi=r)
        tl.rekomendasi = r
        kwargs = {"prefix": f"r{r.pk}", "opd": penilaian.opd, "initial": {
            "rencana": tl.rencana, "unit_kerja": tl.unit_kerja_id, "tenggat": tl.tenggat, "status": tl.status,
            "versi": tl.versi if tl.pk else ""}}
        form = TindakLanjutForm(request.POST, request.FILES, **kwargs) if dikirim == str(r.pk) else \
            TindakLanjutForm(**kwargs)
        if dikirim == str(r.pk) and form.is_valid():
            data = form.cleaned_data
            ok, _ = _aksi(request, tl.simpan, user=request.user, versi=data["versi"], rencana=data["rencana"],
                          unit_kerja=data["unit_kerja"], tenggat=data["tenggat"], status=data["status"],
                          bukti=data["bukti"])
            if ok:
                messages.success(request, f"Tindak lanjut rekomendasi {r.urutan} disimpan.")
            return redirect("evaluasi:tindak_lanjut", pk=penilaian.pk)
        baris.append((r, tl, form if boleh else None))
    return render(request, "evaluasi/tindak_lanjut.html", {"penilaian": penilaian, "baris": baris,
                                                            "struktur": penilaian.lke.struktur()})


@login_required
def bukti_tindak_lanjut(request, pk):
    tl = get_scoped_or_404(TindakLanjut.objects.select_related("rekomendasi__penilaian"), request.user,
                           opd_field="rekomendasi__penilaian__opd", pk=pk)
    if not _boleh_baca(request.user):
        raise PermissionDenied("Peran Anda tidak membuka evaluasi AKIP.")
    if not tl.bukti:
        raise Http404("Tindak lanjut ini tidak memiliki bukti dukung.")
    ext = tl.bukti.name.rsplit(".", 1)[-1].lower()
    return lampiran(FileResponse(tl.bukti.open("rb")), f"bukti-tindak-lanjut-{tl.rekomendasi_id}.{ext}")


# --- Survei Kepuasan Masyarakat ------------------------------------------------------------------


def _survei(user, pk):
    survei = get_scoped_or_404(SurveiKepuasan.objects.select_related("opd"), user, pk=pk)
    if not _boleh_baca(user):
        raise PermissionDenied("Peran Anda tidak membuka survei kepuasan masyarakat.")
    return survei


@login_required
def skm_indeks(request):
    """The surveys the user may read; the perencana opens one for a year and period."""
    user = request.user
    if not _boleh_baca(user):
        raise PermissionDenied("Peran Anda tidak membuka survei kepuasan masyarakat.")
    boleh = user.opd_id is not None and can_edit_opd_data(user, user.opd)
    form = SurveiBaruForm(request.POST or None) if boleh else None
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya perencana perangkat daerah yang membuat survei.")
        if form.is_valid():
            survei = skm.survei_buat(opd=user.opd, tahun=form.cleaned_data["tahun"],
                                     periode=form.cleaned_data["periode"].strip(), user=user)
            return redirect("evaluasi:skm_detail", pk=survei.pk)
    daftar = scope_by_opd(SurveiKepuasan.objects.select_related("opd"), user).order_by("-tahun", "opd__nama")
    return render(request, "evaluasi/skm_indeks.html", {"daftar": daftar, "form": form})


@login_required
def skm_detail(request, pk):
    """NRR per unsur, IKM and mutu for the OPD and per service unit; respondents; the perencana adds one."""
    survei = _survei(request.user, pk)
    boleh = can_edit_opd_data(request.user, survei.opd)
    form = RespondenForm(request.POST or None) if boleh else None
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya perencana perangkat daerah ini yang mengisi jawaban responden.")
        if form.is_valid():
            ok, responden = _aksi(request, skm.survei_tambah_responden, survei=survei, user=request.user,
                                  data=form.cleaned_data)
            if ok:
                messages.success(request, f"Responden {responden.nomor} disimpan.")
            return redirect("evaluasi:skm_detail", pk=survei.pk)
    responden = list(survei.responden.all())
    return render(request, "evaluasi/skm_detail.html", {
        "survei": survei, "responden": responden, "hasil": ikm_per_unit(responden), "form": form,
        "unsur": list(enumerate(UNSUR_SKM, start=1)), "boleh": boleh,
    })


@require_POST
@login_required
def skm_tetapkan(request, pk):
    survei = _survei(request.user, pk)
    if not can_edit_opd_data(request.user, survei.opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang menetapkan hasil survei.")
    ok, realisasi = _aksi(request, skm.survei_tetapkan, survei=survei, user=request.user)
    if ok:
        messages.success(request, f"IKM menjadi realisasi {realisasi.indikator.nama} tahun {realisasi.tahun}.")
    return redirect("evaluasi:skm_detail", pk=survei.pk)


@login_required
def skm_templat(request, pk):
    survei = _survei(request.user, pk)
    return skm_impor.skm_templat(survei)


@login_required
def skm_impor_view(request, pk):
    """Upload the filled template → preview of the respondents → commit (all or nothing)."""
    survei = _survei(request.user, pk)
    if not can_edit_opd_data(request.user, survei.opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang mengimpor jawaban responden.")

    def run(file, commit):
        return skm_impor.skm_impor_xlsx(file=file, survei=survei, user=request.user, commit=commit)

    return impor_bertahap(request, f"impor-skm-{survei.pk}", run, "portal/impor.html", {
        "opd": survei.opd, "judul": f"Impor responden SKM {survei.tahun} {survei.periode}".strip(),
        "templat_url": reverse("evaluasi:skm_templat", args=[survei.pk]),
        "kembali_url": reverse("evaluasi:skm_detail", args=[survei.pk]),
    })
