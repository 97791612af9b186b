"""The tables of the LKIP, each built from the records by a named builder, and their numbering.

The builders an LKIP shares with the Renja of year n+2 (IKU blocks, LHE and
survey, program indicators, budget rows) live in evaluasi.dokumen.

lkip.services.lkip_context composes these builders into the one context
the HTML preview, the PDF and the consistency check read. Every figure
comes from the service that computes it (anggaran.rekap,
indikator.capaian); a builder only arranges figures into the rows of one
part of the document (DOMAIN.md §8).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from evaluasi.dokumen import (  # noqa: F401 - the shared builders, re-exported for the LKIP's callers
    BahanIku,
    BlokIku,
    IndikatorProgram,
    NilaiIku,
    PenilaianTahun,
    Penomoran,
    Tabel,
    blok_iku,
    efisiensi_baris,
    iku_tahun,
    indikator_program,
    kelompokkan_per_sasaran,
    muat_nilai,
    nilai_iku,
    nilai_teks,
    nomori_tabel_narasi,
    penilaian_tahun,
)
from indikator.capaian import selisih_target_triwulan
from indikator.models import Indikator, Renstra, Tujuan
from lkip.models import BagianLkip
from portal.angka import format_persen, format_rupiah, terbilang_rupiah
from portal.markdown import render_markdown

# --- table numbering (the LKIP's own sequence) -----------------------------------


def nomori_tabel(*, opd, tahun, renstra, narasi, blok_list):
    """Number every table, generated or written in the narrative, in print order: (tabel by key, daftar).

    The order is the one templates/lkip/_isi.html and _iku.html print in; the
    narrative's own tables take their numbers between the generated ones.
    """
    nomor = Penomoran()

    def narasi_bab(bab, *kunci):
        for k in kunci:
            if k in narasi:
                narasi[k]["html"] = nomori_tabel_narasi(narasi[k]["html"], bab, nomor)

    t = {}
    narasi_bab(1, "bab1_latar_belakang", "bab1_tugas_fungsi", "bab1_aspek_strategis", "bab1_kegiatan_layanan")
    t["kegiatan"] = nomor.tabel(1, f"Program dan Kegiatan {opd.nama} Tahun {tahun}")
    narasi_bab(1, "bab1_sistematika")
    narasi_bab(2, "bab2_pengantar")
    t["renstra"] = nomor.tabel(2, f"Tujuan, Sasaran dan Target Kinerja {renstra.nama if renstra else 'Renstra'}")
    narasi_bab(2, "bab2_iku_pengantar")
    t["iku"] = nomor.tabel(2, "Indikator Kinerja Utama")
    narasi_bab(2, "bab2_pk_pengantar")
    t["pk"] = nomor.tabel(2, f"Perjanjian Kinerja Tahun {tahun} dan Target per Triwulan")
    t["kas"] = nomor.tabel(2, f"Anggaran Kas per Triwulan per Sub Kegiatan Tahun {tahun}")
    narasi_bab(3, "bab3_pengantar", "bab3_capaian_pengantar")
    t["capaian"] = nomor.tabel(3, f"Capaian Kinerja Organisasi Tahun {tahun}")
    tabel_anggaran = {}
    for blok in blok_list:
        _nomori_blok(blok, nomor, tahun, tabel_anggaran)
    t["pagu"] = nomor.tabel(3, f"Pagu Anggaran Awal dan Perubahan per Program Tahun {tahun}")
    t["serapan"] = nomor.tabel(3, f"Pagu dan Realisasi Anggaran per Program Tahun {tahun}")
    narasi_bab(3, "bab3_realisasi_anggaran_faktor", "bab3_sdm")
    narasi_bab(4, "bab4_kesimpulan", "bab4_rencana_tindak")
    return t, nomor.daftar


def _nomori_blok(blok, nomor, tahun, tabel_anggaran):
    """The tables of one IKU block of 3.2, in the order _iku.html prints them."""
    nama = blok.indikator.nama
    blok.analisis["uraian"] = nomori_tabel_narasi(blok.analisis["uraian"], 3, nomor)
    if blok.komponen_akip:
        blok.tabel["akip"] = nomor.tabel(3, f"Komponen Evaluasi AKIP (LHE {tahun})")
    if blok.survei is not None:
        blok.tabel["ikm"] = nomor.tabel(3, "Kategori Mutu Pelayanan (IKM)")
    blok.tabel["target"] = nomor.tabel(3, f"Target dan Realisasi {nama} Tahun {tahun}")
    blok.tabel["lalu"] = nomor.tabel(3, f"Realisasi {nama} Tahun {tahun} dan Tahun {tahun - 1}")
    blok.tabel["renstra"] = nomor.tabel(3, f"Realisasi {nama} terhadap Target Akhir Renstra")
    if blok.program_indikator:
        blok.tabel["program"] = nomor.tabel(3, f"Indikator Program Pendukung {nama}")
    # IKU of one sasaran share its programs: their budget table is printed once and referred to.
    program_kunci = tuple(r.obj.pk for r in blok.anggaran.anak if r.obj is not None)
    if program_kunci and program_kunci in tabel_anggaran:
        blok.anggaran_sama = tabel_anggaran[program_kunci]
        blok.tabel["anggaran"] = blok.anggaran_sama.tabel["anggaran"]
    else:
        blok.tabel["anggaran"] = nomor.tabel(3, f"Alokasi dan Realisasi Anggaran Pendukung {nama}")
        tabel_anggaran[program_kunci] = blok
    for key in ("faktor", "solusi", "langkah"):
        blok.analisis[key] = nomori_tabel_narasi(blok.analisis[key], 3, nomor)


# --- narrative ---------------------------------------------------------------------


def narasi_lkip(lkip):
    """The narrative sections by key, rendered through the allow-list sanitiser: one query."""
    return {
        bagian.kunci: {"judul": bagian.judul, "html": render_markdown(bagian.markdown), "obj": bagian}
        for bagian in BagianLkip.objects.filter(lkip=lkip)
    }


# --- BAB II: Renstra (Tabel 2.1, 2.2) ------------------------------------------------


@dataclass
class RenstraLkip:
    """The Renstra in force in the year with its tujuan, sasaran and indicators, one row per indicator."""

    renstra: Renstra | None = None
    tahun_renstra: list = field(default_factory=list)  # the target columns of Tabel 2.1: its last five years
    tujuan_list: list = field(default_factory=list)
    # {"tujuan", "sasaran" (None for a tujuan's indicator), "indikator"}; isi_target_renstra adds the targets.
    rows: list = field(default_factory=list)

    @property
    def tahun_akhir(self):
        return self.renstra.tahun_akhir if self.renstra else None

    @property
    def indikator_ids(self):
        return [row["indikator"].pk for row in self.rows]

    @property
    def iku_rows(self):
        """Tabel 2.2: the IKU among the sasaran indicators."""
        return [r for r in self.rows if r["indikator"].is_iku and r["sasaran"] is not None]


def renstra_lkip(opd, tahun):
    """The Renstra of Tabel 2.1 and 2.2 without its targets (isi_target_renstra adds them): five queries."""
    renstra = Renstra.berlaku(list(Renstra.objects.filter(opd=opd)), tahun)
    if renstra is None:
        return RenstraLkip()
    tahun_renstra = list(range(max(renstra.tahun_awal + 1, renstra.tahun_akhir - 4), renstra.tahun_akhir + 1))
    tujuan_list = list(
        Tujuan.objects.filter(renstra=renstra).order_by("urutan").prefetch_related(
            Prefetch("indikator", queryset=Indikator.objects.order_by("urutan", "pk")),
            "sasaran",
            Prefetch("sasaran__indikator", queryset=Indikator.objects.order_by("urutan", "pk")),
        )
    )
    rows = []
    for tujuan in tujuan_list:
        for ind in tujuan.indikator.all():
            rows.append({"tujuan": tujuan, "sasaran": None, "indikator": ind})
        for sasaran in sorted(tujuan.sasaran.all(), key=lambda s: s.urutan):
            for ind in sasaran.indikator.all():
                rows.append({"tujuan": tujuan, "sasaran": sasaran, "indikator": ind})
    return RenstraLkip(renstra, tahun_renstra, tujuan_list, rows)


def isi_target_renstra(renstra_lkip, targets, tahun):
    """Each row's target per Renstra year and its target of the LKIP year, from muat_nilai's targets."""
    for row in renstra_lkip.rows:
        row["target"] = [targets.get((row["indikator"].pk, t)) for t in renstra_lkip.tahun_renstra]
        row["target_tahun"] = targets.get((row["indikator"].pk, tahun))


# --- BAB II: Perjanjian Kinerja and anggaran kas (Tabel 2.3, 2.4) ---------------------


def baris_pk(pk_items):
    """Tabel 2.3: each PK indicator with its four triwulan targets and how far they miss the annual one."""
    rows = []
    for item in pk_items:
        tw = {t.triwulan: t for t in item.triwulan.all()}
        values = {n: t.nilai_eksak for n, t in tw.items() if not t.kosong}
        selisih = None if item.kosong else selisih_target_triwulan(
            item.indikator.agregasi, item.nilai_eksak, values)
        rows.append({"item": item, "indikator": item.indikator,
                     "triwulan": [tw.get(n) for n in range(1, 5)], "selisih": selisih})
    return rows


def baris_kas(tree):
    """Tabel 2.4: each program's subtotal (its APBD-P pagu, as in the pagu table) above its sub-kegiatan.

    The sub-kegiatan rows are numbered through the table; program rows carry no number.
    """
    rows = []
    for program in tree.anak:
        rows.append({"row": program, "nomor": None})
        rows.extend({"row": r, "nomor": None} for r in program.iter_rows() if r.level == "sub_kegiatan")
    for urut, item in enumerate((i for i in rows if i["row"].level == "sub_kegiatan"), start=1):
        item["nomor"] = urut
    return rows


def ringkasan_lkip(renstra_lkip, pk_items, capaian_rows):
    """The counts the generated sentences state next to Tabel 2.1, 2.3 and 3.1."""
    dinilai = [r for r in capaian_rows if r.capaian is not None]
    return {
        "tujuan": len(renstra_lkip.tujuan_list),
        "sasaran": len({r["sasaran"].pk for r in renstra_lkip.rows if r["sasaran"] is not None}),
        "indikator_renstra": len(renstra_lkip.rows),
        "iku": len(pk_items),
        "sasaran_pk": len({item.indikator.sasaran_id for item in pk_items if item.indikator.sasaran_id}),
        "tercapai": sum(1 for r in dinilai if r.capaian >= 100),
        "belum_tercapai": [r for r in dinilai if r.capaian < 100],
        "belum_diukur": len(capaian_rows) - len(dinilai),
    }


# --- budget sentences (3.2 and 3.3) -------------------------------------------------------


KALIMAT_BELUM_LENGKAP = " (belum lengkap: sebagian sub kegiatan belum mencatat realisasi)"


def kalimat_anggaran(row, capaian=None):
    """The sentence that states a budget table's figures next to it."""
    if row.pagu is None:
        return ""
    teks = f"Total anggaran sebesar {format_rupiah(row.pagu)} ({terbilang_rupiah(row.pagu)})"
    if row.realisasi is None:
        return teks + "; realisasinya belum tercatat."
    teks += (f" dengan realisasi {format_rupiah(row.realisasi)} ({terbilang_rupiah(row.realisasi)}), "
             f"atau serapan {format_persen(row.serapan)}%")
    if not row.realisasi_lengkap:
        # A sum over only the lines that have a realisasi must not read as the total.
        return teks + KALIMAT_BELUM_LENGKAP + "."
    ef = efisiensi_baris(row, capaian)
    if ef is not None:
        teks += f"; dengan capaian kinerja {format_persen(capaian)}% tingkat efisiensi {format_persen(ef)}%"
    return teks + "."
