"""The LKIP: one context builder for the HTML preview and the PDF, its consistency check, publishing.

Every figure comes from the records through the services that compute it
(anggaran.services, indikator.services); this module only arranges them
into the tables of the document (DOMAIN.md §8) and numbers the tables.
"""

import html as html_lib
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from anggaran.rekap import anggaran_opd, anggaran_program, efisiensi
from indikator.capaian import capaian_nilai, mutu_ikm, selisih_target_triwulan
from indikator.models import (
    EvaluasiAkip,
    Indikator,
    PerjanjianKinerja,
    PkIndikator,
    Realisasi,
    Renstra,
    SkalaPredikat,
    SurveiKepuasan,
    Target,
    Tujuan,
)
from lkip.models import AnalisisIku, BagianLkip, BerkasLkip, Lkip, VersiTerbit
from portal.angka import bulatkan, format_angka, format_nilai, format_persen, format_rupiah, terbilang_rupiah
from portal.markdown import render_markdown
from portal.pdf import html_to_pdf, render_html, sidik

TEMPLATE_PRINT = "lkip/print.html"


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


def realisasi_tahunan(indikator, realisasi_list):
    """The year's realisasi of an indicator as a NilaiMixin object, or None.

    The annual figure (triwulan empty) when recorded; otherwise a sum
    indicator adds its four quarters (all four needed: a blank is not a zero)
    and the other rules take TW IV.
    """
    by_tw = {r.triwulan: r for r in realisasi_list if not r.kosong}
    if None in by_tw:
        return by_tw[None]
    if indikator.agregasi == Indikator.Agregasi.JUMLAH:
        if all(tw in by_tw for tw in range(1, 5)):
            return Realisasi(indikator=indikator, nilai=sum((by_tw[tw].nilai_eksak for tw in range(1, 5)),
                                                            Decimal(0)))
        return None
    return by_tw.get(4)


def nilai_teks(obj):
    """A target/realisasi as printed: the predicate, or the number Indonesian style."""
    if obj is None or obj.kosong:
        return None
    if obj.predikat:
        return obj.predikat
    return format_nilai(obj.nilai_eksak)


@dataclass
class NilaiIku:
    indikator: Indikator
    target: object = None
    realisasi: object = None
    capaian: Decimal | None = None

    @property
    def target_teks(self):
        return nilai_teks(self.target)

    @property
    def realisasi_teks(self):
        return nilai_teks(self.realisasi)


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


def _muat_nilai(indikator_ids, tahun_list):
    """Renstra targets and realisasi of indicators over some years: two queries."""
    targets = {}
    for t in Target.objects.filter(indikator_id__in=indikator_ids, tahun__in=tahun_list):
        targets[(t.indikator_id, t.tahun)] = t
    realisasi = {}
    for r in Realisasi.objects.filter(indikator_id__in=indikator_ids, tahun__in=tahun_list):
        realisasi.setdefault((r.indikator_id, r.tahun), []).append(r)
    return targets, realisasi


def _nilai(indikator, target, realisasi_list, skala):
    real = realisasi_tahunan(indikator, realisasi_list)
    return NilaiIku(indikator, target, real, capaian_nilai(indikator, target, real, skala))


# --- the context -----------------------------------------------------------------


def lkip_context(lkip):
    """Everything the LKIP prints, for the HTML preview and the PDF alike."""
    opd, tahun = lkip.opd, lkip.tahun
    nomor = Penomoran()
    skala = SkalaPredikat.for_tahun(tahun)

    narasi = {}
    for bagian in BagianLkip.objects.filter(lkip=lkip):
        narasi[bagian.kunci] = {"judul": bagian.judul, "html": render_markdown(bagian.markdown), "obj": bagian}

    # BAB II — Renstra in force, its tujuan/sasaran/indikator with a target per year.
    renstra = Renstra.berlaku(list(Renstra.objects.filter(opd=opd)), tahun)
    tujuan_list = []
    tahun_renstra = []
    if renstra is not None:
        tahun_renstra = list(range(max(renstra.tahun_awal + 1, renstra.tahun_akhir - 4), renstra.tahun_akhir + 1))
        tujuan_list = list(
            Tujuan.objects.filter(renstra=renstra).order_by("urutan").prefetch_related(
                Prefetch("indikator", queryset=Indikator.objects.order_by("urutan", "pk")),
                "sasaran",
                Prefetch("sasaran__indikator", queryset=Indikator.objects.order_by("urutan", "pk")),
            )
        )
    renstra_rows = []
    renstra_ids = []
    for tujuan in tujuan_list:
        for ind in tujuan.indikator.all():
            renstra_rows.append({"tujuan": tujuan, "sasaran": None, "indikator": ind})
            renstra_ids.append(ind.pk)
        for sasaran in sorted(tujuan.sasaran.all(), key=lambda s: s.urutan):
            for ind in sasaran.indikator.all():
                renstra_rows.append({"tujuan": tujuan, "sasaran": sasaran, "indikator": ind})
                renstra_ids.append(ind.pk)

    # The IKU of the year are the indicators of its Perjanjian Kinerja (perubahan over murni).
    perjanjian = (
        PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("-jenis").first()
    )
    pk_items = []
    if perjanjian is not None:
        pk_items = list(
            PkIndikator.objects.filter(perjanjian=perjanjian)
            .select_related("indikator__sasaran__tujuan", "indikator__penanggung_jawab")
            .prefetch_related("triwulan", "indikator__sasaran__program_pendukung")
            .order_by("urutan", "pk")
        )
    iku_ids = [p.indikator_id for p in pk_items]
    tahun_akhir = renstra.tahun_akhir if renstra else None
    tahun_list = sorted({tahun, tahun - 1, *(tahun_renstra or []), *([tahun_akhir] if tahun_akhir else [])})
    targets, realisasi = _muat_nilai(set(iku_ids) | set(renstra_ids), tahun_list)
    for row in renstra_rows:
        row["target"] = [targets.get((row["indikator"].pk, t)) for t in tahun_renstra]
        row["target_tahun"] = targets.get((row["indikator"].pk, tahun))

    pk_rows = []
    for item in pk_items:
        tw = {t.triwulan: t for t in item.triwulan.all()}
        values = {n: t.nilai_eksak for n, t in tw.items() if not t.kosong}
        selisih = None if item.kosong else selisih_target_triwulan(
            item.indikator.agregasi, item.nilai_eksak, values)
        pk_rows.append({"item": item, "indikator": item.indikator,
                        "triwulan": [tw.get(n) for n in range(1, 5)], "selisih": selisih})

    tree = anggaran_opd(opd, tahun)
    sub_rows = [r for r in tree.iter_rows() if r.level == "sub_kegiatan"]
    # Tabel 2.4: each program's subtotal (its APBD-P pagu, as in the pagu table) above its sub-kegiatan.
    kas_rows = []
    for program in tree.anak:
        kas_rows.append({"row": program, "nomor": None})
        kas_rows.extend({"row": r, "nomor": None} for r in program.iter_rows() if r.level == "sub_kegiatan")
    for urut, item in enumerate((i for i in kas_rows if i["row"].level == "sub_kegiatan"), start=1):
        item["nomor"] = urut

    # BAB III — capaian per IKU.
    programs_by_id = {}
    for item in pk_items:
        sasaran = item.indikator.sasaran
        for program in (sasaran.program_pendukung.all() if sasaran else []):
            programs_by_id[program.pk] = program
    program_indikator = list(
        Indikator.objects.filter(opd=opd, program_id__in=programs_by_id.keys())
        .select_related("program").order_by("program__kode_lengkap", "urutan", "pk")
    )
    p_targets, p_realisasi = _muat_nilai([i.pk for i in program_indikator], [tahun])

    evaluasi = (
        EvaluasiAkip.objects.filter(opd=opd, tahun_lhe=tahun).prefetch_related("komponen").first()
    )
    komponen = list(evaluasi.komponen.all()) if evaluasi else []
    nilai_akip = evaluasi.nilai_akhir(komponen) if evaluasi else None
    predikat_akip = skala.predikat_untuk(nilai_akip) if (skala and nilai_akip is not None) else None
    survei = SurveiKepuasan.objects.filter(opd=opd, tahun=tahun).prefetch_related("unsur").first()
    nilai_ikm = survei.ikm() if survei else None
    mutu = mutu_ikm(nilai_ikm)

    analisis = {a.indikator_id: a for a in AnalisisIku.objects.filter(lkip=lkip)}

    capaian_rows = []
    blok_list = []
    for urut, item in enumerate(pk_items, start=1):
        ind = item.indikator
        ini = _nilai(ind, item, realisasi.get((ind.pk, tahun), []), skala)
        capaian_rows.append(ini)
        lalu = _nilai(ind, targets.get((ind.pk, tahun - 1)), realisasi.get((ind.pk, tahun - 1), []), skala)
        akhir = _nilai(ind, targets.get((ind.pk, tahun_akhir)) if tahun_akhir else None, [], skala)
        # realisasi of this year against the Renstra end target
        akhir.realisasi = ini.realisasi
        akhir.capaian = capaian_nilai(ind, akhir.target, ini.realisasi, skala)
        sasaran = ind.sasaran
        programs = list(sasaran.program_pendukung.all()) if sasaran else []
        prog_ids = {p.pk for p in programs}
        prog_ind = [
            _nilai(pi, p_targets.get((pi.pk, tahun)), p_realisasi.get((pi.pk, tahun), []), skala)
            for pi in program_indikator if pi.program_id in prog_ids
        ]
        anggaran = anggaran_program(tree, programs)
        rows = [r for program_row in anggaran.anak for r in program_row.iter_rows()]
        for r in rows:
            r.efisiensi = efisiensi_baris(r, ini.capaian)
        jumlah = {level: sum(1 for r in rows if r.level == level) for level in ("program", "kegiatan", "sub_kegiatan")}
        a = analisis.get(ind.pk)
        teks = {key: render_markdown(getattr(a, key, "")) for key in ("uraian", "faktor", "solusi", "langkah")}
        blok = BlokIku(
            nomor=urut, indikator=ind, sasaran=sasaran, ini=ini, lalu=lalu, akhir_renstra=akhir,
            tahun_akhir_renstra=tahun_akhir, program_indikator=prog_ind, anggaran=anggaran,
            anggaran_rows=rows, efisiensi=efisiensi_baris(anggaran, ini.capaian), analisis=teks,
            jumlah_anggaran=jumlah,
        )
        if ini.capaian is not None and lalu.capaian is not None:
            beda = bulatkan(ini.capaian, 2) - bulatkan(lalu.capaian, 2)
            blok.tren = "meningkat" if beda > 0 else "menurun" if beda < 0 else "tetap"
        blok.baris = {
            "target": [(f"Tahun {tahun}", ini)],
            "lalu": [(f"Tahun {tahun - 1}", lalu), (f"Tahun {tahun}", ini)],
            "renstra": [(f"Target akhir Renstra ({tahun_akhir or '–'}) dan realisasi {tahun}", akhir)],
        }
        if ind.is_predikat and evaluasi is not None:
            blok.evaluasi_akip, blok.komponen_akip, blok.predikat_akip = evaluasi, komponen, predikat_akip
        if survei is not None and "IKM" in ind.nama.upper() and not ind.is_predikat:
            blok.survei, blok.ikm, blok.mutu = survei, nilai_ikm, mutu
        blok_list.append(blok)

    # 3.2 groups the IKU under their sasaran strategis, numbered in order of first appearance.
    sasaran_nomor = {}
    for blok in blok_list:
        kunci = blok.sasaran.pk if blok.sasaran else None
        blok.sasaran_baru = kunci not in sasaran_nomor
        sasaran_nomor.setdefault(kunci, len(sasaran_nomor) + 1)
        blok.sasaran_nomor = sasaran_nomor[kunci]

    # Numbering, in print order (templates/lkip/_isi.html and _iku.html print in this order).
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
    t["pagu"] = nomor.tabel(3, f"Pagu Anggaran Awal dan Perubahan per Program Tahun {tahun}")
    t["serapan"] = nomor.tabel(3, f"Pagu dan Realisasi Anggaran per Program Tahun {tahun}")
    narasi_bab(3, "bab3_realisasi_anggaran_faktor", "bab3_sdm")
    narasi_bab(4, "bab4_kesimpulan", "bab4_rencana_tindak")

    # Counts the generated sentences state next to Tabel 2.1, 2.3 and 3.1.
    dinilai = [r for r in capaian_rows if r.capaian is not None]
    ringkasan = {
        "tujuan": len(tujuan_list),
        "sasaran": len({r["sasaran"].pk for r in renstra_rows if r["sasaran"] is not None}),
        "indikator_renstra": len(renstra_rows),
        "iku": len(pk_items),
        "sasaran_pk": len({item.indikator.sasaran_id for item in pk_items if item.indikator.sasaran_id}),
        "tercapai": sum(1 for r in dinilai if r.capaian >= 100),
        "belum_tercapai": [r for r in dinilai if r.capaian < 100],
        "belum_diukur": len(capaian_rows) - len(dinilai),
    }

    return {
        "lkip": lkip,
        "ringkasan": ringkasan,
        "opd": opd,
        "tahun": tahun,
        "narasi": narasi,
        "renstra": renstra,
        "tahun_renstra": tahun_renstra,
        "renstra_rows": renstra_rows,
        "iku_rows": [r for r in renstra_rows if r["indikator"].is_iku and r["sasaran"] is not None],
        "perjanjian": perjanjian,
        "pk_rows": pk_rows,
        "anggaran": tree,
        "sub_rows": sub_rows,
        "kas_rows": kas_rows,
        "capaian_rows": capaian_rows,
        "blok_list": blok_list,
        "evaluasi_akip": evaluasi,
        "nilai_akip": nilai_akip,
        "predikat_akip": predikat_akip,
        "survei": survei,
        "nilai_ikm": nilai_ikm,
        "mutu_ikm": mutu,
        "tabel": t,
        "daftar_tabel": nomor.daftar,
        "kalimat_serapan": kalimat_anggaran(tree),
    }


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


# --- consistency check ------------------------------------------------------------


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
        if row.realisasi is None:
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
            if p.realisasi is None:
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
    html = lkip_html(lkip)
    berkas = lkip_berkas(lkip=lkip, html=html)
    return berkas.berkas.open("rb").read() if berkas.berkas else html_to_pdf(html)


def lkip_berkas(*, lkip, html):
    """The stored PDF of this exact HTML, rendering it now if it is not there yet."""
    berkas, _ = BerkasLkip.objects.get_or_create(lkip=lkip, sidik_html=sidik(html))
    if berkas.siap:
        return berkas
    mulai = time.perf_counter()
    BerkasLkip.objects.filter(pk=berkas.pk).update(status=BerkasLkip.Status.PROSES)
    try:
        data = html_to_pdf(html)
    except Exception as exc:
        BerkasLkip.objects.filter(pk=berkas.pk).update(status=BerkasLkip.Status.GAGAL, pesan=str(exc)[:2000])
        raise
    berkas.berkas.save(f"lkip-{lkip.opd.singkatan}-{lkip.tahun}-{berkas.sidik_html[:12]}.pdf",
                       ContentFile(data), save=False)
    berkas.status = BerkasLkip.Status.SELESAI
    berkas.detik = Decimal(f"{time.perf_counter() - mulai:.2f}")
    berkas.selesai_pada = timezone.now()
    berkas.pesan = ""
    berkas.save()
    return berkas


class BelumSiap(Exception):
    def __init__(self, masalah):
        super().__init__("; ".join(masalah))
        self.masalah = masalah


def lkip_publish(*, lkip, user):
    """Freeze a version: the PDF as it is now, its SHA-256, who and when. Refused while the check lists problems."""
    ctx = lkip_context(lkip)
    masalah = pemeriksaan(ctx)
    if masalah:
        raise BelumSiap(masalah)
    html = render_html(TEMPLATE_PRINT, ctx)
    berkas = lkip_berkas(lkip=lkip, html=html)
    data = berkas.berkas.open("rb").read()
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
        .select_related("indikator__sasaran").prefetch_related("triwulan").order_by("urutan", "pk")
    )
    rows = [{"item": i, "indikator": i.indikator, "triwulan": [
        next((t for t in i.triwulan.all() if t.triwulan == n), None) for n in range(1, 5)]} for i in items]
    tree = anggaran_opd(opd, tahun)
    murni = perjanjian.jenis == PerjanjianKinerja.Jenis.MURNI
    program_rows = [{"nama": p.nama, "kode": p.kode, "pagu": p.pagu_murni if murni else p.pagu} for p in tree.anak]
    lkip = Lkip.objects.filter(opd=opd, tahun=tahun).only("tempat").first()
    return {
        "perjanjian": perjanjian, "opd": opd, "tahun": tahun, "pk_rows": rows, "anggaran": tree,
        "program_rows": program_rows,
        "total_pagu": tree.pagu_murni if murni else tree.pagu,
        "tempat": lkip.tempat if lkip else "",
        # The first party is the head of the OPD unless the agreement names someone else (a Plt).
        "pihak_pertama": {
            "nama": perjanjian.pihak_pertama_nama or opd.kepala_nama,
            "nip": perjanjian.pihak_pertama_nip or opd.kepala_nip,
            "jabatan": perjanjian.pihak_pertama_jabatan or opd.kepala_jabatan,
            "pangkat": opd.kepala_pangkat if not perjanjian.pihak_pertama_nama else "",
        },
        "pihak_kedua": {
            "nama": perjanjian.pihak_kedua_nama,
            "nip": perjanjian.pihak_kedua_nip,
            "jabatan": perjanjian.pihak_kedua_jabatan,
        },
    }


def pk_pdf(perjanjian):
    return html_to_pdf(render_html("lkip/pk_print.html", pk_context(perjanjian)))


def berkas_tersimpan(lkip):
    """The stored PDF of the document exactly as it is now, or None (nothing is rendered)."""
    berkas = BerkasLkip.objects.filter(lkip=lkip, sidik_html=sidik(lkip_html(lkip))).first()
    return berkas if berkas is not None and berkas.siap else None
