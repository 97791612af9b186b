"""The LKIP as a document: its one context, the consistency check, the PDF, publishing; the PK document.

The context (`lkip_context`) is composed of the named builders of
lkip.tabel and feeds the HTML preview, the PDF and the check alike, so the
three always agree. Every figure comes from the records through the
services that compute it (anggaran.rekap, indikator.capaian).
"""

from decimal import Decimal
from typing import TypedDict

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from anggaran.rekap import BarisAnggaran, anggaran_opd
from evaluasi.models import EvaluasiAkip, SurveiKepuasan
from indikator.models import PerjanjianKinerja, PkIndikator, Renstra, SkalaPredikat
from lkip.models import AnalisisIku, BagianLkip, Lkip, VersiTerbit
from lkip.tabel import (
    BahanIku,
    BlokIku,
    NilaiIku,
    Tabel,
    baris_kas,
    baris_pk,
    blok_iku,
    iku_tahun,
    indikator_program,
    isi_target_renstra,
    kalimat_anggaran,
    kelompokkan_per_sasaran,
    muat_nilai,
    narasi_lkip,
    nomori_tabel,
    penilaian_tahun,
    renstra_lkip,
    ringkasan_lkip,
)
from portal.angka import format_angka, format_rupiah
from portal.dokumen import dokumen_ambil, dokumen_antrekan, dokumen_tersimpan
from portal.models import BerkasDokumen, PerangkatDaerah
from portal.pdf import html_to_pdf, render_html, sidik

TEMPLATE_PRINT = "lkip/print.html"


# --- the context -----------------------------------------------------------------


class KonteksLkip(TypedDict):
    """Every key the LKIP templates (lkip/print.html and the preview) and the check read, described once."""

    lkip: Lkip
    opd: PerangkatDaerah
    tahun: int
    narasi: dict  # kunci -> {"judul", "html" (sanitised, its tables numbered), "obj": BagianLkip}
    ringkasan: dict  # the counts the generated sentences state beside Tabel 2.1, 2.3 and 3.1
    # BAB II
    renstra: Renstra | None  # the Renstra in force in the year
    tahun_renstra: list[int]  # the target columns of Tabel 2.1
    renstra_rows: list[dict]  # Tabel 2.1: tujuan, sasaran, indikator, target per year, target_tahun
    iku_rows: list[dict]  # Tabel 2.2: the IKU among renstra_rows
    perjanjian: PerjanjianKinerja | None  # the PK of the year (perubahan over murni)
    pk_rows: list[dict]  # Tabel 2.3: item, indikator, four triwulan targets, selisih from the annual one
    anggaran: BarisAnggaran  # the OPD's budget tree of the year (Tabel 3.x pagu and serapan)
    sub_rows: list[BarisAnggaran]  # its sub-kegiatan rows
    kas_rows: list[dict]  # Tabel 2.4: program subtotals above their numbered sub-kegiatan
    # BAB III
    capaian_rows: list[NilaiIku]  # Tabel 3.1: one per IKU, the same objects as each block's `ini`
    blok_list: list[BlokIku]  # 3.2: one block per IKU, in PK order
    evaluasi_akip: EvaluasiAkip | None
    nilai_akip: Decimal | None
    predikat_akip: object
    survei: SurveiKepuasan | None
    nilai_ikm: Decimal | None
    mutu_ikm: tuple | None
    kalimat_serapan: str  # the sentence beside the serapan table of 3.3
    # numbering
    tabel: dict[str, Tabel]  # the generated tables outside 3.2 by key (each block holds its own)
    daftar_tabel: list[Tabel]  # Daftar Tabel: every table in print order


def lkip_context(lkip) -> KonteksLkip:
    """Everything the LKIP prints, for the HTML preview and the PDF alike (a fixed number of queries)."""
    opd, tahun = lkip.opd, lkip.tahun
    skala = SkalaPredikat.for_tahun(tahun)
    narasi = narasi_lkip(lkip)
    renstra = renstra_lkip(opd, tahun)
    perjanjian, pk_items = iku_tahun(opd, tahun)
    # One load of targets and realisasi serves Tabel 2.1 and every IKU block of 3.2.
    tahun_list = sorted({tahun, tahun - 1, *renstra.tahun_renstra,
                         *([renstra.tahun_akhir] if renstra.tahun_akhir else [])})
    targets, realisasi = muat_nilai({p.indikator_id for p in pk_items} | set(renstra.indikator_ids), tahun_list)
    isi_target_renstra(renstra, targets, tahun)
    tree = anggaran_opd(opd, tahun)
    bahan = BahanIku(
        tahun=tahun, tahun_akhir=renstra.tahun_akhir, skala=skala, targets=targets, realisasi=realisasi,
        program=indikator_program(opd, tahun, pk_items), anggaran=tree,
        penilaian=penilaian_tahun(opd, tahun, skala),
        analisis={a.indikator_id: a for a in AnalisisIku.objects.filter(lkip=lkip)},
    )
    blok_list = [blok_iku(urut, item, bahan) for urut, item in enumerate(pk_items, start=1)]
    kelompokkan_per_sasaran(blok_list)
    tabel, daftar_tabel = nomori_tabel(opd=opd, tahun=tahun, renstra=renstra.renstra, narasi=narasi,
                                       blok_list=blok_list)
    capaian_rows = [blok.ini for blok in blok_list]
    penilaian = bahan.penilaian
    return KonteksLkip(
        lkip=lkip, opd=opd, tahun=tahun, narasi=narasi,
        ringkasan=ringkasan_lkip(renstra, pk_items, capaian_rows),
        renstra=renstra.renstra, tahun_renstra=renstra.tahun_renstra, renstra_rows=renstra.rows,
        iku_rows=renstra.iku_rows, perjanjian=perjanjian, pk_rows=baris_pk(pk_items),
        anggaran=tree, sub_rows=[r for r in tree.iter_rows() if r.level == "sub_kegiatan"],
        kas_rows=baris_kas(tree),
        capaian_rows=capaian_rows, blok_list=blok_list,
        evaluasi_akip=penilaian.evaluasi, nilai_akip=penilaian.nilai_akip, predikat_akip=penilaian.predikat_akip,
        survei=penilaian.survei, nilai_ikm=penilaian.nilai_ikm, mutu_ikm=penilaian.mutu,
        kalimat_serapan=kalimat_anggaran(tree),
        tabel=tabel, daftar_tabel=daftar_tabel,
    )


# --- consistency check ------------------------------------------------------------


def _masalah_realisasi(nilai_iku, tahun):
    """A year figure that may not be published yet: two sources disagreeing, quarters missing or unverified."""
    return [f"Realisasi {tahun} \"{nilai_iku.indikator.nama}\": {m}." .replace("..", ".")
            for m in nilai_iku.nilai_tahun.masalah]


def pemeriksaan(ctx):
    """What would make the document wrong or incomplete, as sentences (empty: ready to publish)."""
    masalah = []
    tahun = ctx["tahun"]
    if ctx["renstra"] is None:
        masalah.append(f"Belum ada Renstra yang mencakup tahun {tahun}: Tabel tujuan dan sasaran kosong.")
    if ctx["perjanjian"] is None:
        masalah.append(f"Perjanjian Kinerja tahun {tahun} belum ada: IKU tahun ini tidak dapat ditentukan.")
    if not ctx["sub_rows"]:
        masalah.append(f"Anggaran (DPA) tahun {tahun} belum dicatat: tabel anggaran kas dan realisasi kosong.")
    for kunci, judul in BagianLkip.Kunci.choices:
        bagian = ctx["narasi"].get(kunci)
        if bagian is None or not bagian["obj"].markdown.strip():
            masalah.append(f"Bagian narasi \"{judul}\" belum diisi.")
    for row in ctx["capaian_rows"]:
        masalah += _masalah_realisasi(row, tahun)
        if row.realisasi is None and not row.nilai_tahun.masalah:
            masalah.append(f"Realisasi tahun {tahun} \"{row.indikator.nama}\" belum diisi.")
        if row.target is None or row.target.kosong:
            masalah.append(f"Target tahun {tahun} \"{row.indikator.nama}\" belum diisi.")
    for row in ctx["pk_rows"]:
        if row["selisih"] not in (None, 0):
            masalah.append(
                f"Target triwulan \"{row['indikator'].nama}\" berjumlah tidak sama dengan target tahunan "
                f"(selisih {format_angka(row['selisih'])}).")
    for blok in ctx["blok_list"]:
        if not blok.anggaran.anak:
            masalah.append(f"IKU \"{blok.indikator.nama}\" tidak memiliki program pendukung (dengan anggaran).")
        for p in blok.program_indikator:
            masalah += _masalah_realisasi(p, tahun)
            if p.realisasi is None and not p.nilai_tahun.masalah:
                masalah.append(f"Realisasi indikator program \"{p.indikator.nama}\" belum diisi.")
    program_tanpa_realisasi = {
        r.obj.pk for r in ctx["anggaran"].anak if r.realisasi is None and r.obj is not None
    }
    for row in ctx["sub_rows"]:
        if row.selisih_kas is None:
            masalah.append(f"Anggaran kas sub kegiatan {row.kode} {row.nama} belum lengkap.")
        elif row.selisih_kas != 0:
            masalah.append(f"Anggaran kas sub kegiatan {row.kode} {row.nama} tidak sama dengan pagu "
                           f"(selisih {format_rupiah(row.selisih_kas)}).")
        # A realisasi the source gives only per program (AnggaranAgregat) is complete at that level.
        if row.realisasi is None and row.obj.kegiatan.program_id in program_tanpa_realisasi:
            masalah.append(f"Realisasi anggaran sub kegiatan {row.kode} {row.nama} belum diisi.")
    for row in ctx["anggaran"].iter_rows():
        if row.realisasi is not None and row.pagu is not None and row.realisasi > row.pagu:
            masalah.append(f"Realisasi {row.kode} {row.nama} ({format_rupiah(row.realisasi)}) melebihi pagu "
                           f"({format_rupiah(row.pagu)}).")
    if ctx["evaluasi_akip"] is None:
        masalah.append(f"Evaluasi AKIP (LHE {tahun}) belum dicatat.")
    if ctx["survei"] is None:
        masalah.append(f"Survei kepuasan masyarakat tahun {tahun} belum dicatat.")
    if not ctx["lkip"].ttd_nama or not ctx["lkip"].ttd_nip:
        masalah.append("Nama atau NIP penandatangan belum diisi.")
    return masalah


# --- rendering and publishing -------------------------------------------------------


def lkip_html(lkip, ctx=None):
    return render_html(TEMPLATE_PRINT, ctx or lkip_context(lkip))


def lkip_pdf(lkip):
    """PDF bytes of the LKIP; the same HTML is rendered once and then served from its stored file."""
    return lkip_berkas(lkip=lkip, html=lkip_html(lkip)).baca()


def _dokumen(lkip):
    """What the stored PDFs of an LKIP are keyed by, besides their HTML."""
    return {"jenis": BerkasDokumen.Jenis.LKIP, "opd": lkip.opd, "tahun": lkip.tahun}


def lkip_berkas(*, lkip, html):
    """The stored PDF of this exact HTML, rendering it now if it is not there yet."""
    return dokumen_ambil(**_dokumen(lkip), html=html, buat=html_to_pdf)


def lkip_antrekan_pdf(*, lkip, html):
    """(the stored PDF of this HTML, whether a task must now render it): for the background render."""
    return dokumen_antrekan(**_dokumen(lkip), html=html)


def berkas_tersimpan(lkip):
    """The stored PDF of the document exactly as it is now, or None (nothing is rendered)."""
    return dokumen_tersimpan(**_dokumen(lkip), html=lkip_html(lkip))


def berkas_lkip(lkip):
    """Every stored PDF of the LKIP, newest first (the status shows the first)."""
    return BerkasDokumen.objects.dokumen(**_dokumen(lkip))


class BelumSiap(Exception):
    def __init__(self, masalah):
        super().__init__("; ".join(masalah))
        self.masalah = masalah


def lkip_terbitkan(*, lkip, user):
    """Freeze a version: the PDF as it is now, its SHA-256, who and when. Refused while the check lists problems."""
    ctx = lkip_context(lkip)
    masalah = pemeriksaan(ctx)
    if masalah:
        raise BelumSiap(masalah)
    html = render_html(TEMPLATE_PRINT, ctx)
    data = lkip_berkas(lkip=lkip, html=html).baca()
    hash_pdf = sidik(data)
    with transaction.atomic():
        Lkip.objects.select_for_update().get(pk=lkip.pk)
        ada = VersiTerbit.objects.filter(sha256=hash_pdf).first()
        if ada is not None:
            return ada
        nomor = (VersiTerbit.objects.filter(lkip=lkip).aggregate(m=Max("nomor"))["m"] or 0) + 1
        versi = VersiTerbit(lkip=lkip, nomor=nomor, sha256=hash_pdf, ukuran=len(data),
                            diterbitkan_oleh=user, diterbitkan_pada=timezone.now())
        versi.berkas.save(f"lkip-{lkip.opd.singkatan}-{lkip.tahun}-v{nomor}.pdf", ContentFile(data), save=False)
        versi.save()
    return versi


# --- Perjanjian Kinerja document ----------------------------------------------------


def pk_context(perjanjian):
    """The Perjanjian Kinerja of a year as signed: the statement, the lampiran of targets and programs.

    A PK murni is signed on the APBD murni, a PK perubahan on the APBD-P: the program amounts follow.
    """
    opd, tahun = perjanjian.opd, perjanjian.tahun
    items = list(
        PkIndikator.objects.filter(perjanjian=perjanjian)
        .select_related("indikator__sasaran", "mendukung").prefetch_related("triwulan").order_by("urutan", "pk")
    )
    if perjanjian.jabatan_id:
        # Rows supporting the same indicator above sit together, under one merged cell.
        items.sort(key=lambda i: (i.mendukung_id is None, i.mendukung_id or 0, i.urutan, i.pk))
    rows = [{"item": i, "indikator": i.indikator, "triwulan": [
        next((t for t in i.triwulan.all() if t.triwulan == n), None) for n in range(1, 5)]} for i in items]
    tree = anggaran_opd(opd, tahun)
    murni = perjanjian.jenis == PerjanjianKinerja.Jenis.MURNI
    lkip = Lkip.objects.filter(opd=opd, tahun=tahun).only("tempat").first()
    pertama, kedua = perjanjian.pihak()
    if perjanjian.jabatan_id is None:
        # The first party is the head of the OPD unless the agreement names someone else (a Plt).
        pertama = {"nama": pertama["nama"] or opd.kepala_nama, "nip": pertama["nip"] or opd.kepala_nip,
                   "jabatan": pertama["jabatan"] or opd.kepala_jabatan,
                   "pangkat": opd.kepala_pangkat if not perjanjian.pihak_pertama_nama else ""}
        nodes = tree.anak
    else:
        nodes = _anggaran_indikator(tree, [i.indikator for i in items])
    program_rows = [{"nama": p.nama, "kode": p.kode, "pagu": p.pagu_murni if murni else p.pagu} for p in nodes]
    if perjanjian.jabatan_id:
        # Blank is not zero: without budget lines for its indicators a position's PK states no amount.
        known = [r["pagu"] for r in program_rows if r["pagu"] is not None]
        total = sum(known) if known else None
    else:
        total = tree.pagu_murni if murni else tree.pagu
    jabatan = perjanjian.jabatan
    return {
        "perjanjian": perjanjian, "opd": opd, "tahun": tahun, "pk_rows": rows, "anggaran": tree,
        "program_rows": program_rows, "jabatan": jabatan,
        # The demo's holders other than the Kepala Dinas are invented; the document says so.
        "nama_ilustrasi": bool(jabatan and (jabatan.pemegang_ilustrasi
                                            or (jabatan.atasan and jabatan.atasan.pemegang_ilustrasi))),
        "total_pagu": total,
        "tempat": lkip.tempat if lkip else "",
        "pihak_pertama": pertama, "pihak_kedua": kedua,
    }


def _anggaran_indikator(tree, indikator_list):
    """The budget nodes (program, kegiatan or sub-kegiatan) a position's indicators measure, in tree order."""
    kunci = {("program", i.program_id) for i in indikator_list if i.program_id}
    kunci |= {("kegiatan", i.kegiatan_id) for i in indikator_list if i.kegiatan_id}
    kunci |= {("sub_kegiatan", i.sub_kegiatan_id) for i in indikator_list if i.sub_kegiatan_id}
    hasil = []

    def turun(node):
        for anak in node.anak:
            if (anak.level, getattr(anak.obj, "pk", None)) in kunci:
                hasil.append(anak)
            turun(anak)

    turun(tree)
    return hasil


def pk_pdf(perjanjian):
    return html_to_pdf(render_html("lkip/pk_print.html", pk_context(perjanjian)))
