"""The tables an annual performance report is built from, each by one named builder: one builder, two documents.

The LKIP of a year (lkip.tabel, lkip.services) and the Renja of year n+2
(its BAB II §2.2 re-uses the analysis of year n, renja.tabel) arrange the
same records with these builders, so the two documents print the same
figures for the same year: an IKU's target, realisasi and capaian
(indikator.pengukuran.realisasi_tahun, indikator.capaian), the LHE and the
survey behind Nilai AKIP and IKM, the program indicators and the budget
rows behind an IKU (anggaran.rekap). Each document numbers the tables in
its own sequence (Penomoran).
"""

import html as html_lib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from anggaran.rekap import anggaran_program, efisiensi
from evaluasi.models import EvaluasiAkip, SurveiKepuasan
from indikator.capaian import capaian_nilai, mutu_ikm
from indikator.models import Indikator, PerjanjianKinerja, PkIndikator, Realisasi, Target
from indikator.pengukuran import realisasi_tahun
from portal.angka import bulatkan, format_nilai
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


def iku_tahun(opd, tahun):
    """(the Perjanjian Kinerja of the year, its indicators): the IKU the LKIP reports on. Four queries.

    A PK perubahan, when there is one, replaces the murni.
    """
    # The OPD's own agreement in force: not a position's, not a revision still being drafted.
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
    # By program code: an indicator recorded on a program of one nomenclature version still measures the
    # program of that code in a year whose Renstra names the next version's record (2024 of Renstra 2024–2026).
    indikator = list(
        Indikator.objects.filter(opd=opd, program__kode_lengkap__in={p.kode_lengkap for p in programs_by_id.values()})
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
    prog_kode = {p.kode_lengkap for p in programs}
    program = bahan.program
    prog_ind = [
        nilai_iku(pi, program.targets.get((pi.pk, tahun)), program.realisasi.get((pi.pk, tahun), []), skala)
        for pi in program.indikator if pi.program.kode_lengkap in prog_kode
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


def efisiensi_baris(row, capaian):
    """Efisiensi of a budget row; none for a sum that lacks some lines' realisasi."""
    return efisiensi(row.serapan, capaian) if row.realisasi_lengkap else None


# --- two years side by side --------------------------------------------------------------


def komponen_dua_tahun(lalu, ini):
    """The LHE components of the year beside those of the year before, by component name, in the year's order.

    `lalu` and `ini` are PenilaianTahun; a component one of the years lacks
    is None there (an LHE recorded as a total only has no components).
    """
    nilai_lalu = {k.nama: k for k in lalu.komponen}
    rows = [{"nama": k.nama, "bobot": k.bobot, "lalu": nilai_lalu.get(k.nama), "ini": k} for k in ini.komponen]
    baru = {k.nama for k in ini.komponen}
    rows += [{"nama": k.nama, "bobot": k.bobot, "lalu": k, "ini": None} for k in lalu.komponen if k.nama not in baru]
    return rows


def sambung_pendahulu(indikator_list, tahun, targets, realisasi):
    """The year before a Renstra began, read from the indicator of the same name in the Renstra before it.

    An IKU carried over into a new Renstra is a new record with the same
    name; its figure of the year before is the predecessor's. Adds those
    targets and realisasi under the new indicator's id (one query) and
    returns {indikator id: predecessor}.
    """
    kurang = [i for i in indikator_list if (i.pk, tahun - 1) not in targets and (i.pk, tahun - 1) not in realisasi]
    if not kurang:
        return {}
    calon = Indikator.objects.filter(
        opd_id__in={i.opd_id for i in kurang}, is_iku=True,
        sasaran__tujuan__renstra__tahun_awal__lte=tahun - 1, sasaran__tujuan__renstra__tahun_akhir__gte=tahun - 1,
    ).exclude(pk__in=[i.pk for i in kurang])
    per_nama = {(c.opd_id, c.nama.strip().lower()): c for c in calon}
    pasangan = {i.pk: per_nama[(i.opd_id, i.nama.strip().lower())] for i in kurang
                if (i.opd_id, i.nama.strip().lower()) in per_nama}
    if pasangan:
        t_lalu, r_lalu = muat_nilai([p.pk for p in pasangan.values()], [tahun - 1])
        for baru, lama in pasangan.items():
            if (lama.pk, tahun - 1) in t_lalu:
                targets[(baru, tahun - 1)] = t_lalu[(lama.pk, tahun - 1)]
            if (lama.pk, tahun - 1) in r_lalu:
                realisasi[(baru, tahun - 1)] = r_lalu[(lama.pk, tahun - 1)]
    return pasangan
