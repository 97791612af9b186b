"""The tables of the LKIP, each built from the records by a named builder, and their numbering.

lkip.services.lkip_context composes these builders into the one context
the HTML preview, the PDF and the consistency check read. Every figure
comes from the service that computes it (anggaran.rekap,
indikator.capaian); a builder only arranges figures into the rows of one
part of the document (DOMAIN.md §8).
"""

import html as html_lib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from anggaran.rekap import anggaran_program, efisiensi
from evaluasi.models import EvaluasiAkip, SurveiKepuasan
from indikator.capaian import capaian_nilai, mutu_ikm, selisih_target_triwulan
from indikator.models import Indikator, PerjanjianKinerja, PkIndikator, Realisasi, Renstra, Target, Tujuan
from indikator.pengukuran import realisasi_tahun
from lkip.models import BagianLkip
from portal.angka import bulatkan, format_nilai, format_persen, format_rupiah, terbilang_rupiah
from portal.markdown import render_markdown

# --- table numbering ------------------------------------------------------------


@dataclass
class Tabel:
    bab: int
    urut: int
    judul: str

    @property
    def nomor(self):
        return f"{self.bab}.{self.urut}"

    @property
    def anchor(self):
        return f"tabel-{self.bab}-{self.urut}"

    @property
    def label(self):
        return f"Tabel {self.nomor} {self.judul}"


class Penomoran:
    """Numbers tables per chapter in the order the document prints them (Daftar Tabel reads the list)."""

    def __init__(self):
        self.daftar = []
        self._urut = {}

    def tabel(self, bab, judul):
        self._urut[bab] = self._urut.get(bab, 0) + 1
        tabel = Tabel(bab, self._urut[bab], judul)
        self.daftar.append(tabel)
        return tabel


# A table written in the narrative is numbered like the generated ones when the paragraph just
# above it reads "Tabel: <judul>" (the Markdown has no caption syntax).
_TABEL_NARASI = re.compile(r"<p>\s*Tabel\s*:\s*(.+?)</p>\s*<table>", re.S)


def nomori_tabel_narasi(html, bab, nomor):
    """Turn the "Tabel: judul" paragraphs of sanitised narrative HTML into numbered captions."""
    if not html or "Tabel" not in html:
        return html

    def ganti(match):
        judul = html_lib.unescape(strip_tags(match.group(1))).strip()
        tb = nomor.tabel(bab, judul)
        return f'<table class="tabel-narasi" id="{tb.anchor}"><caption>{escape(tb.label)}</caption>'

    return mark_safe(_TABEL_NARASI.sub(ganti, str(html)))  # noqa: S308 - sanitised HTML, escaped caption


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


# --- values of an indicator in a year -------------------------------------------


def nilai_teks(obj):
    """A target/realisasi as printed: the predicate, or the number Indonesian style."""
    if obj is None or obj.kosong:
        return None
    if obj.predikat:
        return obj.predikat
    return format_nilai(obj.nilai_eksak)


@dataclass
class NilaiIku:
    """An indicator's target, realisasi and capaian of one year as the LKIP prints them.

    `realisasi` is the year's figure from indikator.pengukuran.realisasi_tahun
    (None when there is none); `nilai_tahun` keeps its marks (two sources
    that disagree, quarters not verified) for the check and the preview.
    """

    indikator: Indikator
    target: object = None
    realisasi: object = None
    capaian: Decimal | None = None
    nilai_tahun: object = None

    @property
    def target_teks(self):
        return nilai_teks(self.target)

    @property
    def realisasi_teks(self):
        return nilai_teks(self.realisasi)


def muat_nilai(indikator_ids, tahun_list):
    """Renstra targets and realisasi of indicators over some years: two queries.

    Returns ({(indikator_id, tahun): Target}, {(indikator_id, tahun): [Realisasi]}).
    """
    targets = {}
    for t in Target.objects.filter(indikator_id__in=indikator_ids, tahun__in=tahun_list):
        targets[(t.indikator_id, t.tahun)] = t
    realisasi = {}
    for r in Realisasi.objects.filter(indikator_id__in=indikator_ids, tahun__in=tahun_list):
        realisasi.setdefault((r.indikator_id, r.tahun), []).append(r)
    return targets, realisasi


def nilai_iku(indikator, target, realisasi_list, skala):
    """The year's figure of an annual report: to TW IV, by the one rule every output uses."""
    tahun = realisasi_tahun(indikator, realisasi_list, sampai_triwulan=4)
    real = None if tahun.kosong else tahun
    return NilaiIku(indikator, target, real, capaian_nilai(indikator, target, real, skala), tahun)


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


def iku_tahun(opd, tahun):
    """(the Perjanjian Kinerja of the year, its indicators): the IKU the LKIP reports on. Four queries.

    A PK perubahan, when there is one, replaces the murni.
    """
    perjanjian = (PerjanjianKinerja.objects.tingkat_opd().berlaku().filter(opd=opd, tahun=tahun)
                  .order_by("-jenis").first())
    if perjanjian is None:
        return None, []
    return perjanjian, list(
        PkIndikator.objects.filter(perjanjian=perjanjian)
        .select_related("indikator__sasaran__tujuan", "indikator__penanggung_jawab")
        .prefetch_related("triwulan", "indikator__sasaran__program_pendukung")
        .order_by("urutan", "pk")
    )


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


# --- BAB III: what the IKU blocks of 3.2 read -------------------------------------------


@dataclass
class PenilaianTahun:
    """The LHE and the satisfaction survey of the year: the records behind the Nilai AKIP and IKM IKU."""

    evaluasi: EvaluasiAkip | None
    komponen: list
    nilai_akip: Decimal | None
    predikat_akip: object
    survei: SurveiKepuasan | None
    nilai_ikm: Decimal | None
    mutu: tuple | None


def penilaian_tahun(opd, tahun, skala):
    """The year's LHE with its component scores and predicate, and its survey with IKM and mutu: four queries."""
    evaluasi = EvaluasiAkip.objects.filter(opd=opd, tahun_lhe=tahun).prefetch_related("komponen").first()
    komponen = list(evaluasi.komponen.all()) if evaluasi else []
    nilai_akip = evaluasi.nilai_akhir(komponen) if evaluasi else None
    predikat_akip = skala.predikat_untuk(nilai_akip) if (skala and nilai_akip is not None) else None
    survei = SurveiKepuasan.objects.filter(opd=opd, tahun=tahun).prefetch_related("unsur").first()
    nilai_ikm = survei.ikm() if survei else None
    return PenilaianTahun(evaluasi, komponen, nilai_akip, predikat_akip, survei, nilai_ikm, mutu_ikm(nilai_ikm))


@dataclass
class IndikatorProgram:
    """The indicators of the programs behind the IKU's sasaran, with their target and realisasi of the year."""

    indikator: list
    targets: dict
    realisasi: dict


def indikator_program(opd, tahun, pk_items):
    """The indicators of every program that supports the sasaran of an IKU: three queries."""
    programs_by_id = {}
    for item in pk_items:
        sasaran = item.indikator.sasaran
        for program in (sasaran.program_pendukung.all() if sasaran else []):
            programs_by_id[program.pk] = program
    indikator = list(
        Indikator.objects.filter(opd=opd, program_id__in=programs_by_id.keys())
        .select_related("program").order_by("program__kode_lengkap", "urutan", "pk")
    )
    targets, realisasi = muat_nilai([i.pk for i in indikator], [tahun])
    return IndikatorProgram(indikator, targets, realisasi)


@dataclass
class BahanIku:
    """Everything an IKU block is built from, loaded once for all the blocks."""

    tahun: int
    tahun_akhir: int | None  # the Renstra's last year, whose target 3.2 compares the realisasi with
    skala: object
    targets: dict  # muat_nilai's, over the year, the year before and the Renstra years
    realisasi: dict
    program: IndikatorProgram
    anggaran: object  # the OPD's budget tree of the year (anggaran.rekap.BarisAnggaran)
    analisis: dict  # AnalisisIku by indikator id
    penilaian: PenilaianTahun


# --- BAB III: one IKU (3.2) ----------------------------------------------------------------


@dataclass
class BlokIku:
    """Section 3.2 for one IKU: its figures, tables and words."""

    nomor: int
    indikator: Indikator
    sasaran: object
    ini: NilaiIku
    lalu: NilaiIku
    akhir_renstra: NilaiIku
    tahun_akhir_renstra: int | None
    program_indikator: list
    anggaran: object
    anggaran_rows: list
    efisiensi: Decimal | None
    analisis: dict
    tabel: dict = field(default_factory=dict)
    baris: dict = field(default_factory=dict)
    komponen_akip: list = None
    evaluasi_akip: object = None
    predikat_akip: object = None
    survei: object = None
    ikm: Decimal | None = None
    mutu: tuple | None = None
    sasaran_nomor: int | None = None
    sasaran_baru: bool = False  # the first IKU of its sasaran: the sasaran heading is printed before it
    tren: str | None = None  # capaian against last year's: meningkat / tetap / menurun
    jumlah_anggaran: dict = field(default_factory=dict)  # how many program, kegiatan, sub_kegiatan rows
    anggaran_sama: object = None  # the earlier BlokIku whose budget table (same programs) this one refers to


def blok_iku(nomor, item, bahan):
    """Section 3.2 for the PK indicator `item`: this year, last year, the Renstra end target, programs, budget."""
    ind, tahun, skala = item.indikator, bahan.tahun, bahan.skala
    ini = nilai_iku(ind, item, bahan.realisasi.get((ind.pk, tahun), []), skala)
    lalu = nilai_iku(ind, bahan.targets.get((ind.pk, tahun - 1)), bahan.realisasi.get((ind.pk, tahun - 1), []), skala)
    akhir = nilai_iku(ind, bahan.targets.get((ind.pk, bahan.tahun_akhir)) if bahan.tahun_akhir else None, [], skala)
    # realisasi of this year against the Renstra end target
    akhir.realisasi = ini.realisasi
    akhir.capaian = capaian_nilai(ind, akhir.target, ini.realisasi, skala)
    sasaran = ind.sasaran
    programs = list(sasaran.program_pendukung.all()) if sasaran else []
    prog_ids = {p.pk for p in programs}
    program = bahan.program
    prog_ind = [
        nilai_iku(pi, program.targets.get((pi.pk, tahun)), program.realisasi.get((pi.pk, tahun), []), skala)
        for pi in program.indikator if pi.program_id in prog_ids
    ]
    anggaran = anggaran_program(bahan.anggaran, programs)
    rows = [r for program_row in anggaran.anak for r in program_row.iter_rows()]
    for r in rows:
        r.efisiensi = efisiensi_baris(r, ini.capaian)
    jumlah = {level: sum(1 for r in rows if r.level == level) for level in ("program", "kegiatan", "sub_kegiatan")}
    a = bahan.analisis.get(ind.pk)
    teks = {key: render_markdown(getattr(a, key, "")) for key in ("uraian", "faktor", "solusi", "langkah")}
    blok = BlokIku(
        nomor=nomor, indikator=ind, sasaran=sasaran, ini=ini, lalu=lalu, akhir_renstra=akhir,
        tahun_akhir_renstra=bahan.tahun_akhir, program_indikator=prog_ind, anggaran=anggaran,
        anggaran_rows=rows, efisiensi=efisiensi_baris(anggaran, ini.capaian), analisis=teks,
        jumlah_anggaran=jumlah,
    )
    if ini.capaian is not None and lalu.capaian is not None:
        beda = bulatkan(ini.capaian, 2) - bulatkan(lalu.capaian, 2)
        blok.tren = "meningkat" if beda > 0 else "menurun" if beda < 0 else "tetap"
    blok.baris = {
        "target": [(f"Tahun {tahun}", ini)],
        "lalu": [(f"Tahun {tahun - 1}", lalu), (f"Tahun {tahun}", ini)],
        "renstra": [(f"Target akhir Renstra ({bahan.tahun_akhir or '–'}) dan realisasi {tahun}", akhir)],
    }
    penilaian = bahan.penilaian
    if ind.is_predikat and penilaian.evaluasi is not None:
        blok.evaluasi_akip, blok.komponen_akip = penilaian.evaluasi, penilaian.komponen
        blok.predikat_akip = penilaian.predikat_akip
    if penilaian.survei is not None and "IKM" in ind.nama.upper() and not ind.is_predikat:
        blok.survei, blok.ikm, blok.mutu = penilaian.survei, penilaian.nilai_ikm, penilaian.mutu
    return blok


def kelompokkan_per_sasaran(blok_list):
    """3.2 groups the IKU under their sasaran strategis, numbered in order of first appearance."""
    sasaran_nomor = {}
    for blok in blok_list:
        kunci = blok.sasaran.pk if blok.sasaran else None
        blok.sasaran_baru = kunci not in sasaran_nomor
        sasaran_nomor.setdefault(kunci, len(sasaran_nomor) + 1)
        blok.sasaran_nomor = sasaran_nomor[kunci]


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


def efisiensi_baris(row, capaian):
    """Efisiensi of a budget row; none for a sum that lacks some lines' realisasi."""
    return efisiensi(row.serapan, capaian) if row.realisasi_lengkap else None


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
