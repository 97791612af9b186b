"""Pages of the Perjanjian Kinerja at every level: the grid of one agreement, its versions, the cascade."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from indikator import jenjang, services
from indikator.forms import PemegangJabatanForm, PkGridForm, PkRevisiForm
from indikator.models import Jabatan, PerjanjianKinerja, PkIndikator, SkalaPredikat
from indikator.views import PER_HALAMAN, _nilai_cell
from portal.access import can_edit_opd_data, get_opd_for, get_scoped_or_404
from portal.halaman import periksa_periode, pilih_opd
from portal.models import AksiDitolak, EditConflict
from portal.xlsx import xlsx_response


@login_required
def pk_indeks(request):
    """The PK of this year of the user's OPD (readers of every OPD choose one first)."""
    tahun = timezone.localdate().year
    if request.user.opd_id is None:
        return pilih_opd(request, "indikator/pilih_opd.html", {"tahun": tahun, "pk": True})
    return redirect("indikator:pk", opd=request.user.opd_id, tahun=tahun)


def _jabatan_dari(request, opd):
    """The position a PK page is about (?jabatan=id, of this OPD), or None for the OPD's own PK."""
    nilai = request.GET.get("jabatan")
    if not nilai:
        return None
    if not nilai.isdigit():
        raise Http404("Jabatan tidak dikenal.")
    jabatan = get_object_or_404(Jabatan.objects.select_related("atasan", "unit"), opd=opd, pk=int(nilai))
    # The head of the OPD signs the OPD's own PK.
    return None if jabatan.kepala_opd else jabatan


def _di_atas(opd, tahun, jenis, jabatan):
    """The indicators of the PK one level up that a position's indicators may support."""
    if jabatan is None:
        return None
    atasan = jabatan.atasan
    pk_atas = jenjang.pk_berlaku(opd=opd, tahun=tahun, jenis=jenis,
                                 jabatan=None if atasan is None or atasan.kepala_opd else atasan)
    if pk_atas is None:
        return []
    return [i.indikator for i in PkIndikator.objects.filter(perjanjian=pk_atas).select_related("indikator")
            .order_by("urutan", "pk")]


@login_required
def pk_grid(request, opd, tahun):
    """The Perjanjian Kinerja of a year: annual and triwulan targets of every indicator in one grid.

    Without ?jabatan it is the OPD's own (the IKU, signed by the Kepala Dinas);
    with it, a position's, whose rows each name the indicator one level up they support.
    """
    periksa_periode(tahun)
    opd = get_opd_for(request.user, opd)
    jenis = request.GET.get("jenis") or PerjanjianKinerja.Jenis.MURNI
    if jenis not in PerjanjianKinerja.Jenis.values:
        raise Http404("Jenis PK tidak dikenal.")
    jabatan = _jabatan_dari(request, opd)
    perjanjian = jenjang.pk_berlaku(opd=opd, tahun=tahun, jenis=jenis, jabatan=jabatan, terbaru=True)
    boleh = can_edit_opd_data(request.user, opd)
    rows = services.baris_pk(perjanjian, opd, tahun, jabatan)
    skala = SkalaPredikat.for_tahun(tahun) if any(r.indikator.is_predikat for r in rows) else None
    if request.GET.get("format") == "xlsx":
        return _pk_xlsx(opd, tahun, jenis, rows, jabatan)
    page = Paginator(rows, PER_HALAMAN).get_page(request.GET.get("halaman"))
    here = reverse("indikator:pk", kwargs={"opd": opd.pk, "tahun": tahun}) + f"?jenis={jenis}"
    if jabatan is not None:
        here += f"&jabatan={jabatan.pk}"
    if page.number > 1:
        here += f"&halaman={page.number}"
    di_atas = _di_atas(opd, tahun, jenis, jabatan)
    form = None
    # The grid edits the rows of its page; setting the PK looks at every row.
    if boleh and perjanjian is not None and not perjanjian.terkunci:
        form = PkGridForm(rows=page.object_list, versi=perjanjian.versi, skala=skala, di_atas=di_atas)
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya perencana perangkat daerah yang menyusun PK.")
        hasil = _pk_aksi(request, opd, tahun, jenis, jabatan, perjanjian, page, rows, skala, di_atas)
        if hasil is None:
            return redirect(here)
        form = hasil
    return render(request, "indikator/pk_grid.html", {
        "opd": opd, "tahun": tahun, "jenis": jenis, "perjanjian": perjanjian, "rows": page.object_list,
        "page": page, "form": form, "jabatan": jabatan, "di_atas": di_atas,
        # The PK in force has earlier versions only when it is a revision.
        "versi_list": jenjang.riwayat_versi(perjanjian) if perjanjian and perjanjian.revisi_ke else [],
        "revisi_form": PkRevisiForm(initial={"versi": perjanjian.versi}) if boleh and perjanjian
        and perjanjian.terkunci else None,
        "boleh": boleh, "jenis_list": PerjanjianKinerja.Jenis.choices,
        "ada_selisih": any(r.tidak_cocok for r in rows),
    }, status=422 if request.method == "POST" else 200)


def _pk_aksi(request, opd, tahun, jenis, jabatan, perjanjian, page, rows, skala, di_atas):
    """Make, save or set a PK from the grid's POST; None when done (redirect), else the form with errors."""
    aksi = request.POST.get("aksi")
    try:
        if aksi == "buat":
            _, dibuat = jenjang.pk_buat(opd=opd, tahun=tahun, jenis=jenis, jabatan=jabatan)
            if dibuat:
                messages.success(request, f"PK {tahun} dibuat sebagai draf.")
            else:
                messages.info(request, f"PK {tahun} sudah dibuat; tidak dibuat dua kali.")
            return None
        if perjanjian is None or perjanjian.terkunci:
            raise PermissionDenied("PK ini sudah ditetapkan dan terkunci.")
        if aksi == "simpan":
            form = PkGridForm(request.POST, rows=page.object_list, versi=perjanjian.versi, skala=skala,
                              di_atas=di_atas)
            if form.is_valid():
                services.pk_simpan_target(perjanjian=perjanjian, versi=form.cleaned_data["versi"],
                                          nilai=form.nilai, urutan_awal=page.start_index(),
                                          mendukung=form.mendukung)
                messages.success(request, "Target PK tersimpan.")
                return None
            messages.error(request, "Target PK belum tersimpan: periksa sel yang ditandai.")
            return form
        if aksi == "tetapkan":
            try:
                tanggal_dpa = parse_date(request.POST.get("tanggal_dpa") or "")
            except ValueError:
                tanggal_dpa = None
            if request.POST.get("tanggal_dpa") and tanggal_dpa is None:
                raise ValueError("Tanggal DPA tidak dikenal; isi dengan format tanggal.")
            services.pk_tetapkan(perjanjian=perjanjian, versi=int(request.POST.get("versi", -1)), rows=rows,
                                 tanggal_dpa=tanggal_dpa)
            messages.success(request, f"PK {tahun} ditetapkan dan sekarang terkunci.")
    except EditConflict as exc:
        messages.error(request, exc.message)
    except ValueError as exc:
        messages.error(request, str(exc))
    return None


def _pk_xlsx(opd, tahun, jenis, rows, jabatan=None):
    data = []
    for r in rows:
        cells = [_nilai_cell(r.pk_indikator)] + [_nilai_cell(r.triwulan.get(tw)) for tw in range(1, 5)]
        baris = [r.indikator.kode, r.indikator.nama, r.indikator.satuan, r.indikator.get_agregasi_display(),
                 *cells, r.selisih]
        if jabatan is not None:
            baris.append(r.pk_indikator.mendukung.kode if r.pk_indikator and r.pk_indikator.mendukung else "")
        data.append(baris)
    kolom = ["Kode", "Indikator", "Satuan", "Agregasi", "Target tahunan", "TW I", "TW II", "TW III", "TW IV",
             "Selisih Σ TW − tahunan"] + (["Mendukung"] if jabatan is not None else [])
    akhiran = f"-jabatan{jabatan.pk}" if jabatan else ""
    return xlsx_response(f"pk-{opd.singkatan}-{tahun}-{jenis}{akhiran}.xlsx", [(f"PK {tahun}", kolom, data)])


@login_required
@require_POST
def pk_revisi(request, pk):
    """Start a revision of a signed PK for one of the allowed reasons; the earlier one stays as signed."""
    perjanjian = get_scoped_or_404(PerjanjianKinerja.objects.select_related("opd", "jabatan__atasan"),
                                   request.user, pk=pk)
    if not can_edit_opd_data(request.user, perjanjian.opd):
        raise PermissionDenied("Hanya perencana perangkat daerah yang merevisi PK.")
    form = PkRevisiForm(request.POST)
    url = _url_pk(perjanjian)
    if not form.is_valid():
        messages.error(request, "Revisi ditolak: " + " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(url)
    try:
        baru = jenjang.pk_revisi(perjanjian=perjanjian, versi=form.cleaned_data["versi"],
                                 alasan=form.cleaned_data["alasan"], catatan=form.cleaned_data["catatan"])
    except (AksiDitolak, EditConflict) as exc:
        messages.error(request, exc.message)
        return redirect(url)
    messages.success(request, f"Revisi ke-{baru.revisi_ke} dibuat sebagai draf; PK sebelumnya tetap tersimpan.")
    return redirect(url)


def _url_pk(perjanjian):
    url = reverse("indikator:pk", kwargs={"opd": perjanjian.opd_id, "tahun": perjanjian.tahun})
    url += f"?jenis={perjanjian.jenis}"
    return url + (f"&jabatan={perjanjian.jabatan_id}" if perjanjian.jabatan_id else "")


@login_required
def pk_versi(request, pk):
    """One version of a PK as it was signed, read-only (an earlier version stays readable)."""
    perjanjian = get_scoped_or_404(PerjanjianKinerja.objects.select_related("opd", "jabatan"), request.user, pk=pk)
    rows = services.baris_pk(perjanjian, perjanjian.opd, perjanjian.tahun, perjanjian.jabatan)
    rows = [r for r in rows if r.pk_indikator is not None]
    return render(request, "indikator/pk_versi.html", {
        "perjanjian": perjanjian, "opd": perjanjian.opd, "tahun": perjanjian.tahun, "rows": rows,
        "versi_list": jenjang.riwayat_versi(perjanjian), "url_berlaku": _url_pk(perjanjian),
    })


@login_required
def pk_berjenjang(request, opd, tahun):
    """Every position's PK of a year, from the Kepala Dinas down, with what the cascade check finds."""
    periksa_periode(tahun)
    opd = get_opd_for(request.user, opd)
    data = jenjang.jenjang_muat(opd, tahun)
    baris = []
    for j in sorted(data.jabatan, key=lambda j: (j.eselon, j.urutan, j.nama)):
        p = data.pk_dari(j)
        baris.append({"jabatan": j, "perjanjian": p, "jumlah": len(data.item.get(p.pk, [])) if p else 0})
    return render(request, "indikator/pk_berjenjang.html", {
        "opd": opd, "tahun": tahun, "baris": _urut_pohon(baris), "pk_opd": data.pk_opd,
        "boleh": can_edit_opd_data(request.user, opd),
        "temuan": jenjang.periksa_jenjang(data),
    })


def _urut_pohon(baris):
    """Rows in tree order: each position followed by the ones under it."""
    anak = {}
    for b in baris:
        anak.setdefault(b["jabatan"].atasan_id, []).append(b)
    hasil = []

    def turun(atasan_id, kedalaman):
        for b in anak.get(atasan_id, []):
            b["kedalaman"] = kedalaman
            hasil.append(b)
            turun(b["jabatan"].pk, kedalaman + 1)

    turun(None, 0)
    return hasil


@login_required
def jabatan_ubah(request, pk):
    """The perencana records a change of official; a PK signed by the previous one is then revised."""
    jabatan = get_scoped_or_404(Jabatan.objects.select_related("opd", "unit"), request.user, pk=pk)
    if not can_edit_opd_data(request.user, jabatan.opd):
        raise PermissionDenied("Hanya perencana perangkat daerah yang mencatat pergantian pejabat.")
    form = PemegangJabatanForm(request.POST or None, instance=jabatan)
    if request.method == "POST" and form.is_valid():
        try:
            jabatan = jenjang.jabatan_ganti_pemegang(jabatan=form.save(commit=False), versi=form.cleaned_data["versi"])
        except EditConflict as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        messages.success(request, f"Pemegang {jabatan.nama} tersimpan. PK yang sudah ditetapkan dengan pejabat "
                                  "sebelumnya direvisi dengan alasan pergantian pejabat.")
        return redirect("indikator:pk_berjenjang", opd=jabatan.opd_id, tahun=timezone.localdate().year)
    return render(request, "indikator/jabatan_form.html", {"jabatan": jabatan, "form": form, "opd": jabatan.opd},
                  status=422 if request.method == "POST" else 200)
