"""Pages of the performance chain for planning staff and unit operators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from anggaran.rekap import baris_dpa, dpa_queryset
from indikator import impor, pengisian, services
from indikator.forms import IndikatorForm, KembalikanForm, RealisasiForm, SasaranForm, TujuanForm
from indikator.models import Indikator, Realisasi, Renstra, Sasaran, Tujuan
from portal.access import (
    Role,
    can_edit_opd_data,
    can_enter_realisasi,
    get_opd_for,
    get_scoped_or_404,
    hanya_unit_sendiri,
)
from portal.angka import ROMAWI, parse_angka
from portal.halaman import impor_bertahap, periksa_periode, pilih_opd, riwayat_response
from portal.kiriman import SudahDikirim, klaim_token, periksa_token
from portal.models import AksiDitolak, EditConflict, JendelaInput, UnitKerja
from portal.riwayat import riwayat_perubahan
from portal.unduhan import lampiran
from portal.xlsx import xlsx_response

PER_HALAMAN = 25


def _periode_links(name, tahun, triwulan, **kwargs):
    """Links to the other triwulan of the year and to the neighbouring years."""

    def url(th, tw):
        return reverse(name, kwargs={**kwargs, "tahun": th, "triwulan": tw})

    links = [(f"« {tahun - 1}", url(tahun - 1, 4), False)]
    links += [(f"TW {ROMAWI[tw]} {tahun}", url(tahun, tw), tw == triwulan) for tw in range(1, 5)]
    links.append((f"{tahun + 1} »", url(tahun + 1, 1), False))
    return links


def _unit_for(user, opd, unit_pk):
    """The unit a page is about; an operator sees only its own (another unit answers 404)."""
    unit = get_object_or_404(UnitKerja, opd=opd, pk=unit_pk)
    hanya_unit_sendiri(user, unit.pk, "Unit kerja tidak ditemukan.")
    return unit


def _indikator_unit(user, pk):
    """An indicator of the user's OPD (and, for an operator, of its unit); any other answers 404."""
    indikator = get_scoped_or_404(Indikator.objects.select_related("opd", "penanggung_jawab"), user, pk=pk)
    hanya_unit_sendiri(user, indikator.penanggung_jawab_id, "Indikator tidak ditemukan.")
    return indikator


@login_required
def indeks(request):
    """Where the realisasi pages start: the user's OPD in the triwulan due now."""
    tahun, triwulan = pengisian.triwulan_pengisian(timezone.localdate())
    user = request.user
    if user.opd_id is None:
        return pilih_opd(request, "indikator/pilih_opd.html", {"tahun": tahun, "triwulan": triwulan})
    if user.role == Role.OPERATOR and user.unit_kerja_id:
        return redirect("indikator:realisasi_unit", opd=user.opd_id, tahun=tahun, triwulan=triwulan,
                        unit=user.unit_kerja_id)
    return redirect("indikator:realisasi_rekap", opd=user.opd_id, tahun=tahun, triwulan=triwulan)


@login_required
def realisasi_rekap(request, opd, tahun, triwulan):
    """Every unit's progress with a triwulan's realisasi: who has not filled or submitted what."""
    periksa_periode(tahun, triwulan)
    opd = get_opd_for(request.user, opd)
    if request.user.role == Role.OPERATOR and request.user.unit_kerja_id:
        return redirect("indikator:realisasi_unit", opd=opd.pk, tahun=tahun, triwulan=triwulan,
                        unit=request.user.unit_kerja_id)
    rekap = pengisian.rekap_opd(opd, tahun, triwulan)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"rekap-realisasi-{opd.singkatan}-{tahun}-tw{triwulan}.xlsx",
            [("Rekap", ["Unit kerja", "Indikator", "Belum diisi", "Draf", "Diajukan", "Dikembalikan",
                        "Diverifikasi", "Indikator belum diisi", "Sub kegiatan tanpa realisasi anggaran"],
              [[str(r.unit or "(tanpa penanggung jawab)"), r.jumlah, r.belum_diisi, r.draft, r.diajukan,
                r.dikembalikan, r.diverifikasi, "; ".join(i.kode for i in r.belum_diisi_nama),
                "; ".join(d.sub_kegiatan.kode_lengkap for d in r.anggaran_belum)]
               for r in rekap])],
        )
    page = Paginator(rekap, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "indikator/realisasi_rekap.html", {
        "opd": opd, "tahun": tahun, "triwulan": triwulan, "romawi": ROMAWI[triwulan],
        "page": page, "periode_links": _periode_links("indikator:realisasi_rekap", tahun, triwulan, opd=opd.pk),
    })


def _render_unit(request, opd, unit, tahun, triwulan, bound=None, status=200):
    user = request.user
    qs = Indikator.objects.dilaporkan(opd, tahun).filter(penanggung_jawab=unit)
    rows = pengisian.baris_realisasi(qs, tahun, triwulan)
    if request.GET.get("format") == "xlsx":
        return _unit_xlsx(opd, unit, tahun, triwulan, rows, _anggaran_unit(opd, unit, tahun, triwulan))
    page = Paginator(rows, PER_HALAMAN).get_page(request.GET.get("halaman"))
    izin = JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=user)
    jendela, terbuka = izin
    items = []
    for row in page.object_list:
        realisasi = row.realisasi or Realisasi(indikator=row.indikator, tahun=tahun, triwulan=triwulan)
        boleh = realisasi.boleh_diubah(user, jendela=izin)
        form = None
        if boleh:
            form = (bound or {}).get(row.indikator.pk) or RealisasiForm(
                instance=realisasi, indikator=row.indikator, prefix=f"r{row.indikator.pk}", skala=row.skala,
                capaian_url=_capaian_url(tahun, triwulan, row.indikator))
        items.append({"row": row, "form": form, "capaian": row.capaian(),
                      "boleh_verifikasi": (row.realisasi is not None and row.realisasi.menunggu_verifikasi
                                           and row.realisasi.boleh_memverifikasi(user))})
    # The unit's budget lines with their realisasi anggaran of this triwulan (entered on each line's page).
    anggaran = _anggaran_unit(opd, unit, tahun, triwulan)
    boleh_ajukan = terbuka and can_enter_realisasi(user, opd, unit.pk) and any(
        r.realisasi is not None and not r.realisasi.kosong and r.realisasi.status == Realisasi.Status.DRAFT
        for r in rows)
    return render(request, "indikator/realisasi_unit.html", {
        "opd": opd, "unit": unit, "tahun": tahun, "triwulan": triwulan, "romawi": ROMAWI[triwulan],
        "items": items, "page": page, "boleh_ajukan": boleh_ajukan, "jendela": jendela, "terbuka": terbuka,
        "anggaran": anggaran,
        "boleh_impor": terbuka and can_enter_realisasi(user, opd, unit.pk),
        "periode_links": _periode_links("indikator:realisasi_unit", tahun, triwulan, opd=opd.pk, unit=unit.pk),
    }, status=status)


def _anggaran_unit(opd, unit, tahun, triwulan):
    """(line, anggaran kas, realisasi anggaran) of the triwulan for each of the unit's DPA lines."""
    result = []
    for dpa in dpa_queryset(opd, tahun).filter(unit_kerja=unit):
        b = baris_dpa(dpa)
        result.append((b, b.kas[triwulan - 1], b.realisasi_tw[triwulan - 1]))
    return result


def _capaian_url(tahun, triwulan, indikator):
    return reverse("indikator:realisasi_capaian",
                   kwargs={"tahun": tahun, "triwulan": triwulan, "indikator": indikator.pk})


def _unit_xlsx(opd, unit, tahun, triwulan, rows, anggaran):
    data = []
    for row in rows:
        r = row.realisasi
        target = row.target
        data.append([
            row.indikator.kode, row.indikator.nama, row.indikator.satuan,
            _nilai_cell(target), _nilai_cell(r), row.capaian(),
            r.get_status_display() if r else "Belum diisi",
            r.analisis if r else "", r.kendala if r else "",
        ])
    return xlsx_response(
        f"realisasi-{opd.singkatan}-{tahun}-tw{triwulan}-unit{unit.pk}.xlsx",
        [(f"TW {ROMAWI[triwulan]}", ["Kode", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)",
                                      "Status", "Analisis", "Kendala"], data),
         ("Anggaran", ["Kode sub kegiatan", "Sub kegiatan", "Pagu", f"Anggaran kas TW {ROMAWI[triwulan]}",
                       f"Realisasi TW {ROMAWI[triwulan]}"],
          [[b.kode, b.nama, b.pagu, kas, realisasi] for b, kas, realisasi in anggaran])],
    )


def _nilai_cell(obj):
    if obj is None or obj.kosong:
        return None
    return obj.predikat or obj.nilai_eksak


@login_required
def realisasi_unit(request, opd, tahun, triwulan, unit):
    """One unit's indicators of a triwulan: value, analysis, evidence, capaian, status."""
    periksa_periode(tahun, triwulan)
    opd = get_opd_for(request.user, opd)
    unit = _unit_for(request.user, opd, unit)
    return _render_unit(request, opd, unit, tahun, triwulan)


@require_POST
@login_required
def realisasi_simpan(request, tahun, triwulan, indikator):
    """Save one row of a unit's page; a concurrent edit or a bad value re-shows the page."""
    periksa_periode(tahun, triwulan)
    indikator = _indikator_unit(request.user, indikator)
    opd, unit = indikator.opd, indikator.penanggung_jawab
    row = pengisian.baris_realisasi(Indikator.objects.filter(pk=indikator.pk), tahun, triwulan)[0]
    realisasi = row.realisasi or Realisasi(indikator=indikator, tahun=tahun, triwulan=triwulan)
    pesan = realisasi.alasan_ditolak(request.user) or indikator.alasan_tahun_ditolak(tahun)
    if pesan:
        raise PermissionDenied(pesan)
    form = RealisasiForm(request.POST, request.FILES, instance=realisasi, indikator=indikator, skala=row.skala,
                         prefix=f"r{indikator.pk}", capaian_url=_capaian_url(tahun, triwulan, indikator))
    back = reverse("indikator:realisasi_unit", kwargs={
        "opd": opd.pk, "tahun": tahun, "triwulan": triwulan, "unit": unit.pk}) + f"#indikator-{indikator.pk}"
    if form.is_valid():
        try:
            form.save(commit=False).simpan_isian(user=request.user, versi=form.cleaned_data.get("versi"),
                                                 alasan=form.cleaned_data.get("alasan", ""))
        except (EditConflict, AksiDitolak) as exc:
            messages.error(request, f"{indikator.kode}: {exc.message}")
            return redirect(back)
        messages.success(request, f"Realisasi {indikator.kode} tersimpan.")
        return redirect(back)
    messages.error(request, f"Realisasi {indikator.kode} belum tersimpan: periksa isian yang ditandai.")
    return _render_unit(request, opd, unit, tahun, triwulan, bound={indikator.pk: form}, status=422)


@require_POST
@login_required
def realisasi_capaian(request, tahun, triwulan, indikator):
    """Capaian of the value being typed (htmx), computed by the same service as everywhere."""
    periksa_periode(tahun, triwulan)
    indikator = get_scoped_or_404(Indikator.objects.all(), request.user, pk=indikator)
    hanya_unit_sendiri(request.user, indikator.penanggung_jawab_id, "Indikator tidak ditemukan.")
    row = pengisian.baris_realisasi(Indikator.objects.filter(pk=indikator.pk), tahun, triwulan)[0]
    raw = request.POST.get(f"r{indikator.pk}-predikat" if indikator.is_predikat else f"r{indikator.pk}-nilai", "")
    ketik = Realisasi(indikator=indikator, tahun=tahun, triwulan=triwulan)
    pesan = ""
    try:
        if indikator.is_predikat:
            ketik.predikat = raw.strip().upper()
        elif raw.strip():
            ketik.nilai = parse_angka(raw)
    except ValueError as exc:
        pesan = str(exc)
    capaian = None if pesan or ketik.kosong else row.capaian(realisasi=ketik)
    return render(request, "indikator/_capaian.html", {"capaian": capaian, "pesan": pesan})


@require_POST
@login_required
def realisasi_ajukan(request, opd, tahun, triwulan, unit):
    """Submit a unit's filled rows to the perencana."""
    periksa_periode(tahun, triwulan)
    opd = get_opd_for(request.user, opd)
    unit = _unit_for(request.user, opd, unit)
    if not can_enter_realisasi(request.user, opd, unit.pk):
        raise PermissionDenied("Peran Anda tidak dapat mengajukan realisasi.")
    jendela, terbuka = JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=request.user)
    if not terbuka:
        raise PermissionDenied(JendelaInput.pesan_tertutup(jendela, tahun, triwulan, opd=opd))
    rows = pengisian.baris_realisasi(Indikator.objects.dilaporkan(opd, tahun).filter(penanggung_jawab=unit),
                                    tahun, triwulan)
    try:
        count = services.realisasi_ajukan(rows=rows, user=request.user)
    except (EditConflict, AksiDitolak) as exc:
        messages.error(request, exc.message)
    else:
        if count:
            messages.success(request, f"{count} realisasi diajukan untuk diverifikasi.")
        else:
            messages.info(request, "Tidak ada realisasi berstatus draf yang dapat diajukan.")
    return redirect("indikator:realisasi_unit", opd=opd.pk, tahun=tahun, triwulan=triwulan, unit=unit.pk)


def _realisasi_for_verifier(user, pk):
    realisasi = get_scoped_or_404(Realisasi.objects.select_related("indikator__opd"), user,
                                  opd_field="indikator__opd", pk=pk)
    if not realisasi.boleh_memverifikasi(user):
        raise PermissionDenied("Hanya perencana perangkat daerah yang memverifikasi realisasi.")
    return realisasi


def _versi(request):
    """The version a form was read at; a missing or malformed one can match no row (a conflict)."""
    try:
        return int(request.POST.get("versi", -1))
    except (TypeError, ValueError):
        return -1


def _kembali_ke_unit(realisasi):
    ind = realisasi.indikator
    return redirect(reverse("indikator:realisasi_unit", kwargs={
        "opd": ind.opd_id, "tahun": realisasi.tahun, "triwulan": realisasi.triwulan or 4,
        "unit": ind.penanggung_jawab_id}) + f"#indikator-{ind.pk}")


@require_POST
@login_required
def realisasi_verifikasi(request, pk):
    realisasi = _realisasi_for_verifier(request.user, pk)
    try:
        realisasi.verifikasi(user=request.user, versi=_versi(request))
    except (EditConflict, AksiDitolak) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Realisasi {realisasi.indikator.kode} diverifikasi.")
    return _kembali_ke_unit(realisasi)


@require_POST
@login_required
def realisasi_kembalikan(request, pk):
    realisasi = _realisasi_for_verifier(request.user, pk)
    form = KembalikanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan catatan: apa yang harus diperbaiki unit.")
        return _kembali_ke_unit(realisasi)
    try:
        realisasi.kembalikan(user=request.user, versi=form.cleaned_data["versi"],
                             catatan=form.cleaned_data["catatan"])
    except (EditConflict, AksiDitolak) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Realisasi {realisasi.indikator.kode} dikembalikan ke unit.")
    return _kembali_ke_unit(realisasi)


@login_required
def realisasi_bukti(request, pk):
    """The evidence file, only to those who may read the row (media is never served directly)."""
    realisasi = get_scoped_or_404(Realisasi.objects.select_related("indikator"), request.user,
                                  opd_field="indikator__opd", pk=pk)
    user = request.user
    hanya_unit_sendiri(user, realisasi.indikator.penanggung_jawab_id, "Berkas tidak ditemukan.")
    if not realisasi.bukti:
        raise Http404("Realisasi ini tidak memiliki bukti dukung.")
    ext = realisasi.bukti.name.rsplit(".", 1)[-1].lower()
    name = f"bukti-{realisasi.indikator.kode}-{realisasi.tahun}-tw{realisasi.triwulan or 'tahunan'}.{ext}"
    return lampiran(FileResponse(realisasi.bukti.open("rb")), name)



# --- Renstra -------------------------------------------------------------------


@login_required
def renstra_indeks(request):
    if request.user.opd_id is None:
        return pilih_opd(request, "indikator/pilih_opd.html", {"renstra": True})
    return redirect("indikator:renstra_list", opd=request.user.opd_id)


@login_required
def renstra_list(request, opd):
    opd = get_opd_for(request.user, opd)
    renstra_qs = Renstra.objects.filter(opd=opd).order_by("-tahun_awal")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"renstra-{opd.singkatan}.xlsx", [("Renstra", ["Nama", "Tahun awal", "Tahun akhir"], [
            [r.nama, r.tahun_awal, r.tahun_akhir] for r in renstra_qs])])
    page = Paginator(renstra_qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "indikator/renstra_list.html", {"opd": opd, "page": page})


def _renstra_tree(renstra):
    from django.db.models import Prefetch

    from indikator.models import Target

    indikator_qs = Indikator.objects.select_related("penanggung_jawab").prefetch_related(
        Prefetch("target", queryset=Target.objects.filter(tahun__gte=renstra.tahun_awal,
                                                          tahun__lte=renstra.tahun_akhir)))
    return Tujuan.objects.filter(renstra=renstra).prefetch_related(
        Prefetch("indikator", queryset=indikator_qs),
        Prefetch("sasaran", queryset=Sasaran.objects.prefetch_related(
            Prefetch("indikator", queryset=indikator_qs), "program_pendukung")),
    )


@login_required
def renstra_detail(request, pk):
    """Tujuan → sasaran → indikator of a Renstra with the target of every year."""
    renstra = get_scoped_or_404(Renstra.objects.select_related("opd"), request.user, pk=pk)
    tujuan_list = list(_renstra_tree(renstra))
    tahun_list = renstra.tahun_list
    if request.GET.get("format") == "xlsx":
        data = []
        for tujuan in tujuan_list:
            for level, induk, ind in _indikator_renstra(tujuan):
                targets = {t.tahun: t for t in ind.target.all()}
                data.append([tujuan.uraian, induk if level == "sasaran" else "", ind.kode, ind.nama, ind.satuan,
                             "Ya" if ind.is_iku else "", str(ind.penanggung_jawab or ""),
                             *[_nilai_cell(targets.get(th)) for th in tahun_list]])
        return xlsx_response(f"renstra-{renstra.opd.singkatan}-{renstra.tahun_awal}-{renstra.tahun_akhir}.xlsx", [(
            "Renstra", ["Tujuan", "Sasaran", "Kode", "Indikator", "Satuan", "IKU", "Penanggung jawab",
                        *[f"Target {th}" for th in tahun_list]], data)])
    return render(request, "indikator/renstra_detail.html", {
        "renstra": renstra, "tujuan_list": tujuan_list, "tahun_list": tahun_list,
        "boleh": can_edit_opd_data(request.user, renstra.opd),
    })


def _indikator_renstra(tujuan):
    for ind in tujuan.indikator.all():
        yield "tujuan", tujuan.uraian, ind
    for sasaran in tujuan.sasaran.all():
        for ind in sasaran.indikator.all():
            yield "sasaran", sasaran.uraian, ind


def _perencana(user, opd):
    if not can_edit_opd_data(user, opd):
        raise PermissionDenied("Hanya perencana perangkat daerah yang menyusun Renstra.")


def _form_renstra(request, form, renstra, judul, simpan, obj=None):
    """Shared edit flow of the Renstra forms: valid → save with version check → back to the Renstra."""
    back = reverse("indikator:renstra_detail", args=[renstra.pk])
    baru = obj is None or obj.pk is None
    try:
        # A new tujuan, sasaran or indikator sent twice (a double click) is created once; asked
        # before validating, or the second submit of an indicator would hear that its code is taken.
        if request.method == "POST" and baru:
            periksa_token(request)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                klaim = klaim_token(request) if baru else None
                simpan(form)
                if klaim:
                    klaim.selesai(back)
            messages.success(request, "Tersimpan.")
            return redirect(back)
    except SudahDikirim as exc:
        messages.info(request, exc.pesan)
        return redirect(exc.tujuan or back)
    except EditConflict as exc:
        messages.error(request, exc.message)
        return redirect(request.path)
    return render(request, "indikator/renstra_form.html", {
        "form": form, "judul": judul, "renstra": renstra, "back": back, "obj": obj,
    }, status=422 if request.method == "POST" else 200)


def _simpan_model(form):
    form.save(commit=False).simpan_atau_buat(form.cleaned_data.get("versi"))
    form.save_m2m()


@login_required
def tujuan_form(request, renstra=None, pk=None):
    if pk:
        tujuan = get_scoped_or_404(Tujuan.objects.select_related("renstra__opd"), request.user,
                                   opd_field="renstra__opd", pk=pk)
        renstra = tujuan.renstra
    else:
        renstra = get_scoped_or_404(Renstra.objects.select_related("opd"), request.user, pk=renstra)
        tujuan = Tujuan(renstra=renstra, urutan=renstra.tujuan.count() + 1)
    _perencana(request.user, renstra.opd)
    form = TujuanForm(request.POST or None, instance=tujuan)
    return _form_renstra(request, form, renstra, "Ubah tujuan" if pk else "Tambah tujuan", _simpan_model, tujuan)


@login_required
def sasaran_form(request, tujuan=None, pk=None):
    if pk:
        sasaran = get_scoped_or_404(Sasaran.objects.select_related("tujuan__renstra__opd"), request.user,
                                    opd_field="tujuan__renstra__opd", pk=pk)
    else:
        tujuan = get_scoped_or_404(Tujuan.objects.select_related("renstra__opd"), request.user,
                                   opd_field="renstra__opd", pk=tujuan)
        sasaran = Sasaran(tujuan=tujuan, urutan=tujuan.sasaran.count() + 1)
    renstra = sasaran.tujuan.renstra
    _perencana(request.user, renstra.opd)
    form = SasaranForm(request.POST or None, instance=sasaran, tahun=renstra.tahun_akhir)
    return _form_renstra(request, form, renstra, "Ubah sasaran" if pk else "Tambah sasaran", _simpan_model,
                         sasaran)


@login_required
def indikator_form(request, tujuan=None, sasaran=None, pk=None):
    """An indicator of a tujuan or sasaran with its targets for every year of the Renstra."""
    if pk:
        indikator = get_scoped_or_404(Indikator.objects.select_related("tujuan__renstra", "sasaran__tujuan__renstra"),
                                      request.user, pk=pk)
        parent = indikator.sasaran or indikator.tujuan
        if parent is None:
            raise Http404("Indikator program/kegiatan diubah dari halaman anggarannya.")
    elif sasaran:
        parent = get_scoped_or_404(Sasaran.objects.select_related("tujuan__renstra__opd"), request.user,
                                   opd_field="tujuan__renstra__opd", pk=sasaran)
        indikator = Indikator(sasaran=parent)
    else:
        parent = get_scoped_or_404(Tujuan.objects.select_related("renstra__opd"), request.user,
                                   opd_field="renstra__opd", pk=tujuan)
        indikator = Indikator(tujuan=parent)
    renstra = parent.renstra if isinstance(parent, Tujuan) else parent.tujuan.renstra
    _perencana(request.user, renstra.opd)
    indikator.opd = renstra.opd
    form = IndikatorForm(request.POST or None, instance=indikator, opd=renstra.opd, tahun_list=renstra.tahun_list)

    def simpan(form):
        services.indikator_simpan(indikator=form.save(commit=False), versi=form.cleaned_data.get("versi"),
                                  target=form.target)

    return _form_renstra(request, form, renstra, "Ubah indikator" if pk else "Tambah indikator", simpan, indikator)


# --- Spreadsheet template and import of a triwulan --------------------------------


@login_required
def realisasi_template(request, opd, tahun, triwulan, unit):
    """The XLSX template of a unit's triwulan (performance and budget), pre-filled with its rows."""
    periksa_periode(tahun, triwulan)
    opd = get_opd_for(request.user, opd)
    unit = _unit_for(request.user, opd, unit)
    sheets = impor.realisasi_lembar_templat(opd=opd, tahun=tahun, triwulan=triwulan, unit=unit)
    return xlsx_response(f"templat-realisasi-{opd.singkatan}-{tahun}-tw{triwulan}-unit{unit.pk}.xlsx", sheets)


@login_required
def realisasi_impor(request, opd, tahun, triwulan, unit):
    """Upload the filled template → preview of what will change → commit (all or nothing)."""
    periksa_periode(tahun, triwulan)
    opd = get_opd_for(request.user, opd)
    unit = _unit_for(request.user, opd, unit)
    if not can_enter_realisasi(request.user, opd, unit.pk):
        raise PermissionDenied("Peran Anda hanya dapat membaca realisasi.")

    def run(file, commit):
        return impor.realisasi_impor_xlsx(file=file, opd=opd, tahun=tahun, triwulan=triwulan,
                                              user=request.user, commit=commit)

    kwargs = {"opd": opd.pk, "tahun": tahun, "triwulan": triwulan, "unit": unit.pk}
    return impor_bertahap(request, f"impor-realisasi-{opd.pk}-{tahun}-{triwulan}", run, "portal/impor.html", {
        "opd": opd, "unit": unit, "judul": f"Impor realisasi TW {ROMAWI[triwulan]} {tahun}",
        "templat_url": reverse("indikator:realisasi_template", kwargs=kwargs),
        "kembali_url": reverse("indikator:realisasi_unit", kwargs=kwargs),
    })


@login_required
def indikator_riwayat(request, pk):
    """Audit trail of an indicator: its definition, its targets and its realisasi."""
    from indikator.models import PkIndikator, Target, TargetTriwulan

    indikator = get_scoped_or_404(Indikator.objects.all(), request.user, pk=pk)
    hanya_unit_sendiri(request.user, indikator.penanggung_jawab_id, "Indikator tidak ditemukan.")
    pk_ids = list(PkIndikator.objects.filter(indikator=indikator).values_list("pk", flat=True))
    entries = riwayat_perubahan(
        (Indikator.history.filter(id=indikator.pk), lambda r: "Indikator"),
        (Target.history.filter(indikator_id=indikator.pk), lambda r: f"Target Renstra {r.tahun}"),
        (PkIndikator.history.filter(indikator_id=indikator.pk), lambda r: "Target PK tahunan"),
        (TargetTriwulan.history.filter(pk_indikator_id__in=pk_ids), lambda r: f"Target PK TW {r.triwulan}"),
        (Realisasi.history.filter(indikator_id=indikator.pk),
         lambda r: f"Realisasi {r.tahun} TW {r.triwulan}" if r.triwulan else f"Realisasi {r.tahun}"),
    )
    return riwayat_response(request, entries, f"riwayat-{indikator.kode}.xlsx", {
        "judul": f"Riwayat {indikator.kode} {indikator.nama}",
        "kembali_url": request.GET.get("kembali") if url_has_allowed_host_and_scheme(
            request.GET.get("kembali"), allowed_hosts={request.get_host()}) else reverse("indikator:indeks"),
    })
