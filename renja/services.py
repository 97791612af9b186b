"""The Renja as a document: its tables built from records, its consistency check, copy-forward.

One context builder (`renja_context`) feeds the HTML preview, the PDF and
the XLSX, so the three always agree. Every total is computed here from the
rows below it. A figure a program/kegiatan row or the Renja itself carries
is what the source printed: it is used only where the rows cannot give the
total, it is then labelled as recorded, and the consistency check says
where it differs from or is not covered by the rows.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch, Q

from portal.angka import bulatkan, format_angka, format_rupiah
from portal.markdown import render_markdown
from renja.models import (
    BagianNarasi,
    BarisRencana,
    BarisReview,
    EvaluasiRenja,
    IndikatorRencana,
    Level,
    Renja,
    RiwayatTahap,
    TabelReview,
)

NOL = Decimal(0)
SERATUS = Decimal(100)
_ANGKA = re.compile(r"^-?\d+(\.\d+)?$")


def angka_teks(value):
    """The Decimal in a stored text value ("6000", "80.50"); None for text such as "PBI : …"."""
    if value is None:
        return None
    value = str(value).strip()
    return Decimal(value) if _ANGKA.match(value) else None


def nilai_teks(value):
    """A stored text value for print: numbers the Indonesian way, other text as it is."""
    number = angka_teks(value)
    if number is not None:
        return format_angka(number)
    return value or ""


# --- Permendagri 86/2017: tingkat realisasi and its band -------------------

# Lower bounds of the bands, best first (values above 100 are "Sangat Tinggi").
KATEGORI_REALISASI = [
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
]


def tingkat_realisasi(target, realisasi):
    """Tingkat realisasi (%) = realisasi / target × 100, exact; None when either is unknown or target 0."""
    if target is None or realisasi is None or target == 0:
        return None
    return realisasi / target * SERATUS


def kategori_realisasi(persen):
    """The Permendagri 86/2017 band of a tingkat realisasi/capaian.

    Sangat Tinggi 91–100, Tinggi 76–90, Sedang 66–75, Rendah 51–65, Sangat
    Rendah ≤ 50. The printed bands leave gaps between integers (90–91), so
    the value is classified as printed (half-up, 2 decimals) against the
    lower bounds: 90,99 is Tinggi.
    """
    if persen is None:
        return None
    rounded = bulatkan(persen, 2)
    for batas, nama in KATEGORI_REALISASI:
        if rounded >= batas:
            return nama
    return "Sangat Rendah"


# --- T-C.33: rencana kerja dan pendanaan ------------------------------------


def _jumlah_lengkap(values):
    """Sum only when every value is known (None otherwise): a blank is not a zero."""
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return sum(values, NOL)


@dataclass
class NodeRencana:
    """A plan row with its computed pagu and prakiraan maju."""

    baris: BarisRencana
    anak: list = field(default_factory=list)
    pagu: Decimal | None = None
    pagu_maju: Decimal | None = None
    # True when the figure is the row's recorded (printed) one because the
    # rows below cannot give it.
    pagu_tercatat: bool = False
    pagu_maju_tercatat: bool = False

    @property
    def level(self):
        return self.baris.level

    def iter_rows(self):
        yield self
        for child in self.anak:
            yield from child.iter_rows()


def _hitung(node):
    for child in node.anak:
        _hitung(child)
    if node.level == Level.SUB_KEGIATAN or not node.anak:
        node.pagu = node.baris.pagu
        node.pagu_maju = node.baris.pagu_maju
        return
    for name in ("pagu", "pagu_maju"):
        dari_baris = _jumlah_lengkap(getattr(c, name) for c in node.anak)
        if dari_baris is not None:
            setattr(node, name, dari_baris)
        elif getattr(node.baris, name) is not None:
            setattr(node, name, getattr(node.baris, name))
            setattr(node, f"{name}_tercatat", True)


@dataclass
class Total:
    """The Renja total of one figure: from the rows where they give it, else the recorded one."""

    dari_baris: Decimal | None
    tercatat: Decimal | None
    # Sum of the programs whose figure is known (a partial sum, for the check).
    diketahui: Decimal = NOL
    program_tanpa_angka: list = field(default_factory=list)

    @property
    def nilai(self):
        return self.dari_baris if self.dari_baris is not None else self.tercatat

    @property
    def memakai_tercatat(self):
        return self.dari_baris is None and self.tercatat is not None

    @property
    def selisih_tercatat(self):
        """Recorded total minus what the known rows account for."""
        if self.tercatat is None:
            return None
        return self.tercatat - (self.dari_baris if self.dari_baris is not None else self.diketahui)


def _total(programs, name, tercatat):
    values = [getattr(p, name) for p in programs]
    return Total(
        dari_baris=_jumlah_lengkap(values),
        tercatat=tercatat,
        diketahui=sum((v for v in values if v is not None), NOL),
        program_tanpa_angka=[p for p in programs if getattr(p, name) is None],
    )


def rencana_queryset(renja):
    return (
        BarisRencana.objects.filter(renja=renja)
        .prefetch_related(
            Prefetch("indikator", queryset=IndikatorRencana.objects.order_by("urutan", "id"))
        )
        .order_by("urutan", "id")
    )


def pohon_rencana(renja):
    """The programs of a Renja as trees of NodeRencana, with computed figures. Two queries."""
    nodes = {}
    roots = []
    for baris in rencana_queryset(renja):
        node = NodeRencana(baris)
        nodes[baris.pk] = node
        parent = nodes.get(baris.induk_id)
        if parent is None:
            roots.append(node)
        else:
            parent.anak.append(node)
    for root in roots:
        _hitung(root)
    return roots


# --- T-C.31: review Rancangan RKPD -----------------------------------------


@dataclass
class NodeReview:
    baris: BarisReview
    anak: list = field(default_factory=list)
    rkpd_dari_baris: Decimal | None = None
    analisis_dari_baris: Decimal | None = None

    def iter_rows(self):
        yield self
        for child in self.anak:
            yield from child.iter_rows()

    @property
    def rkpd_pagu(self):
        return self.rkpd_dari_baris if self.rkpd_dari_baris is not None else self.baris.rkpd_pagu

    @property
    def analisis_pagu(self):
        return self.analisis_dari_baris if self.analisis_dari_baris is not None else self.baris.analisis_pagu


_URUT_LEVEL = {Level.URUSAN: 0, Level.PROGRAM: 1, Level.KEGIATAN: 2, Level.SUB_KEGIATAN: 3}


def _review_tree(rows):
    """Nest review lines by level and order (the printed table has no parent column)."""
    roots, stack = [], []
    for baris in rows:
        node = NodeReview(baris)
        depth = _URUT_LEVEL[baris.level]
        while stack and _URUT_LEVEL[stack[-1].baris.level] >= depth:
            stack.pop()
        (stack[-1].anak if stack else roots).append(node)
        stack.append(node)
    for root in roots:
        _review_sum(root)
    return roots


def _review_sum(node):
    for child in node.anak:
        _review_sum(child)
    if not node.anak:
        return
    node.rkpd_dari_baris = _jumlah_lengkap(c.rkpd_pagu for c in node.anak)
    node.analisis_dari_baris = _jumlah_lengkap(c.analisis_pagu for c in node.anak)


@dataclass
class Review:
    tabel: TabelReview
    pohon: list

    def iter_rows(self):
        for root in self.pohon:
            yield from root.iter_rows()

    @property
    def puncak(self):
        """The top rows that make the table total (programs, or the urusan row when printed)."""
        return self.pohon

    @property
    def total_rkpd(self):
        return _jumlah_lengkap(n.rkpd_pagu for n in self.pohon)

    @property
    def total_analisis(self):
        return _jumlah_lengkap(n.analisis_pagu for n in self.pohon)


def review_rkpd(renja):
    tabel_list = list(TabelReview.objects.filter(renja=renja).order_by("nomor"))
    rows = BarisReview.objects.filter(tabel__renja=renja).order_by("tabel__nomor", "urutan")
    by_tabel = {t.pk: [] for t in tabel_list}
    for row in rows:
        by_tabel[row.tabel_id].append(row)
    return [Review(t, _review_tree(by_tabel[t.pk])) for t in tabel_list]


# --- T-C.29: evaluation of the Renja of n-2 -------------------------------


@dataclass
class BarisEvaluasi:
    baris: EvaluasiRenja

    @property
    def tingkat_realisasi(self):
        return tingkat_realisasi(angka_teks(self.baris.target_n2), angka_teks(self.baris.realisasi_n2))

    @property
    def kategori_realisasi(self):
        return kategori_realisasi(self.tingkat_realisasi)

    @property
    def tingkat_capaian_renstra(self):
        return tingkat_realisasi(
            angka_teks(self.baris.target_renstra), angka_teks(self.baris.prakiraan_realisasi)
        )

    @property
    def kategori_capaian_renstra(self):
        return kategori_realisasi(self.tingkat_capaian_renstra)


def evaluasi_renja(renja):
    return [BarisEvaluasi(b) for b in EvaluasiRenja.objects.filter(renja=renja).order_by("urutan", "id")]


# --- Records of year n-2: performance and budget ---------------------------


@dataclass
class CapaianN2:
    """An indicator's target, realisasi and capaian in year n-2, from the indikator records."""

    hasil: object  # indikator.services.CapaianIndikator

    @property
    def indikator(self):
        return self.hasil.indikator

    @property
    def kategori(self):
        return kategori_realisasi(self.hasil.capaian)


def capaian_n2(renja):
    """IKU and program indicators with a target in year n-2, measured by indikator.services.

    Returns (iku rows, program rows). The IKU are those of the Renstra in
    force in n-2; program indicators are those the OPD records for programs.
    """
    from indikator.models import Indikator
    from indikator.pengukuran import capaian_indikator

    tahun = renja.tahun_evaluasi
    qs = (
        Indikator.objects.filter(opd=renja.opd, target__tahun=tahun)
        .filter(Q(is_iku=True, sasaran__tujuan__renstra__tahun_awal__lte=tahun,
                  sasaran__tujuan__renstra__tahun_akhir__gte=tahun) | Q(program__isnull=False))
        .select_related("program", "sasaran")
        .order_by("program__kode_lengkap", "urutan", "pk")
        .distinct()
    )
    rows = [CapaianN2(h) for h in capaian_indikator(qs, tahun)]
    return ([r for r in rows if r.indikator.program_id is None],
            [r for r in rows if r.indikator.program_id is not None])


def anggaran_n2(renja):
    """The budget tree of year n-2 (pagu, realisasi, serapan) from anggaran.services."""
    from anggaran.rekap import anggaran_opd

    return anggaran_opd(renja.opd, renja.tahun_evaluasi)


def _jumlah_program(opd_row):
    from anggaran.rekap import anggaran_program

    return anggaran_program(opd_row, [r.obj for r in opd_row.anak if r.obj is not None])


# --- IKU targets of the Renstra in force ------------------------------------


def iku_renstra(renja):
    """Tujuan and sasaran indicators of the Renstra covering the Renja year, with yearly targets."""
    from indikator.models import Indikator, Renstra, Target

    renstra = (
        Renstra.objects.filter(opd=renja.opd, tahun_awal__lte=renja.tahun, tahun_akhir__gte=renja.tahun)
        .order_by("-tahun_awal")
        .first()
    )
    if renstra is None:
        return None, []
    indikator = list(
        Indikator.objects.filter(opd=renja.opd)
        .filter(Q(tujuan__renstra=renstra) | Q(sasaran__tujuan__renstra=renstra))
        .select_related("tujuan", "sasaran__tujuan")
        .order_by("urutan", "pk")
    )
    targets = {}
    for target in Target.objects.filter(indikator__in=[i.pk for i in indikator]):
        targets.setdefault(target.indikator_id, {})[target.tahun] = target
    rows = []
    for item in indikator:
        rows.append({
            "indikator": item,
            "tujuan": item.tujuan or item.sasaran.tujuan,
            "sasaran": item.sasaran,
            "target": [targets.get(item.pk, {}).get(t) for t in renstra.tahun_list],
        })
    return renstra, rows


# --- Consistency check ------------------------------------------------------


@dataclass
class Temuan:
    tingkat: str  # "beda" (a figure disagrees), "info" (a gap the reader must know)
    pesan: str


def _rp(value):
    return format_rupiah(value)


def pemeriksaan(renja, pohon=None, total_pagu=None, total_maju=None, reviews=None):
    """What the Renja's stored figures and rows do not agree on, in Bahasa Indonesia."""
    if pohon is None:
        pohon = pohon_rencana(renja)
        total_pagu = _total(pohon, "pagu", renja.pagu_total_tercetak)
        total_maju = _total(pohon, "pagu_maju", renja.pagu_maju_total_tercetak)
    if reviews is None:
        reviews = review_rkpd(renja)
    temuan = []
    tahun_maju = renja.tahun_maju

    rows = [n for root in pohon for n in root.iter_rows()]
    for node in rows:
        baris = node.baris
        label = f"{baris.get_level_display()} {baris.kode or ''} {baris.nama}".replace("  ", " ")
        for name, judul in (("pagu", f"pagu {renja.tahun}"), ("pagu_maju", f"prakiraan maju {tahun_maju}")):
            if not node.anak:
                continue
            tercatat = getattr(baris, name)
            dihitung = getattr(node, name)
            if tercatat is not None and not getattr(node, f"{name}_tercatat") and tercatat != dihitung:
                temuan.append(Temuan("beda", f"{label}: {judul} tercatat {_rp(tercatat)}, "
                                             f"jumlah barisnya {_rp(dihitung)}."))
    if total_pagu.tercatat is not None and total_pagu.dari_baris is not None \
            and total_pagu.tercatat != total_pagu.dari_baris:
        temuan.append(Temuan("beda", f"Total pagu {renja.tahun} tercatat {_rp(total_pagu.tercatat)}, "
                                     f"jumlah baris {_rp(total_pagu.dari_baris)}."))
    if total_pagu.dari_baris is None and rows:
        subs = [n for n in rows if n.level == Level.SUB_KEGIATAN]
        sub_tanpa = [n.baris for n in subs if n.baris.pagu is None]
        sub_diketahui = sum((n.baris.pagu for n in subs if n.baris.pagu is not None), NOL)
        tanpa = ", ".join(p.baris.kode or p.baris.nama for p in total_pagu.program_tanpa_angka)
        temuan.append(Temuan(
            "info",
            f"Pagu {renja.tahun} belum dapat dijumlah dari baris: {len(sub_tanpa)} dari {len(subs)} sub kegiatan "
            f"belum punya pagu (sub kegiatan yang diketahui berjumlah {_rp(sub_diketahui)})"
            + (f"; program tanpa angka: {tanpa}" if tanpa else "") + ".",
        ))
    if total_maju.memakai_tercatat:
        tanpa = ", ".join(p.baris.kode or p.baris.nama for p in total_maju.program_tanpa_angka)
        subs = [n for n in rows if n.level == Level.SUB_KEGIATAN]
        sub_tanpa = [n for n in subs if n.baris.pagu_maju is None]
        sub_diketahui = sum((n.baris.pagu_maju for n in subs if n.baris.pagu_maju is not None), NOL)
        temuan.append(Temuan(
            "info",
            f"Prakiraan maju {tahun_maju}: baris rencana belum menjelaskan total tercatat "
            f"{_rp(total_maju.tercatat)}. Program {tanpa} tidak punya angka {tahun_maju}; program yang "
            f"diketahui berjumlah {_rp(total_maju.diketahui)}, selisih {_rp(total_maju.selisih_tercatat)}. "
            f"{len(sub_tanpa)} dari {len(subs)} sub kegiatan tanpa angka {tahun_maju}; sub kegiatan yang "
            f"diketahui berjumlah {_rp(sub_diketahui)} (selisih {_rp(total_maju.tercatat - sub_diketahui)}).",
        ))
    elif total_maju.tercatat is not None and total_maju.dari_baris != total_maju.tercatat:
        temuan.append(Temuan("beda", f"Prakiraan maju {tahun_maju} tercatat {_rp(total_maju.tercatat)}, "
                                     f"jumlah baris {_rp(total_maju.dari_baris)}."))

    if renja.versi_nomenklatur_id is None:
        temuan.append(Temuan("info", "Versi nomenklatur Renja belum ditetapkan: kode baris belum dicocokkan "
                                     "dengan nomenklatur program/kegiatan/sub kegiatan."))
    else:
        lepas = [n.baris for n in rows if n.baris.kode
                 and getattr(n.baris, f"{_FK_LEVEL[n.baris.level]}_id") is None]
        if lepas:
            temuan.append(Temuan("info", f"{len(lepas)} baris dengan kode yang tidak ada di versi nomenklatur "
                                         f"Renja: " + "; ".join(f"{b.kode} {b.nama}" for b in lepas) + "."))
    tanpa_kode = [n.baris for n in rows if not n.baris.kode]
    if tanpa_kode:
        temuan.append(Temuan("info", f"{len(tanpa_kode)} baris tanpa kode: "
                                     + "; ".join(b.nama for b in tanpa_kode) + "."))
    bukan_sipd = [n.baris for n in rows if n.baris.sumber not in (BarisRencana.Sumber.SIPD,
                                                                   BarisRencana.Sumber.ISIAN)]
    if bukan_sipd:
        per_sumber = {}
        for b in bukan_sipd:
            per_sumber.setdefault(b.get_sumber_display(), []).append(b)
        for sumber, items in per_sumber.items():
            temuan.append(Temuan("info", f"{len(items)} baris berasal dari {sumber}: "
                                         + "; ".join(f"{b.kode or '(tanpa kode)'} {b.nama}" for b in items)
                                         + "."))

    if renja.disalin_dari_id is not None:
        # A narrative never saved since the copy still speaks of the source year.
        salinan = [b.judul for b in BagianNarasi.objects.filter(renja=renja, versi=0).order_by("urutan")]
        if salinan:
            temuan.append(Temuan("info", f"{len(salinan)} bagian narasi belum diubah sejak disalin dari Renja "
                                         f"{renja.disalin_dari.tahun}: "
                                         + "; ".join(salinan) + "."))

    for review in reviews:
        judul = review.tabel.judul
        for node in review.iter_rows():
            baris = node.baris
            if baris.analisis_pagu_tercetak:
                temuan.append(Temuan("beda", f"{judul}: sel pagu hasil analisis \"{baris.nama}\" tercetak "
                                             f"\"{baris.analisis_pagu_tercetak}\", dicatat "
                                             f"{_rp(baris.analisis_pagu)}."))
            if not node.anak:
                continue
            for kolom, tercatat, dihitung in (
                ("RKPD", baris.rkpd_pagu, node.rkpd_dari_baris),
                ("hasil analisis", baris.analisis_pagu, node.analisis_dari_baris),
            ):
                if tercatat is not None and dihitung is not None and tercatat != dihitung:
                    nomor = f"{baris.nomor} " if baris.nomor else ""
                    temuan.append(Temuan(
                        "beda", f"{judul}, {baris.get_level_display().lower()} {nomor}\"{baris.nama}\": "
                                f"pagu {kolom} tercetak {_rp(tercatat)}, jumlah barisnya {_rp(dihitung)}.",
                    ))
        if review.tabel.total_tercetak is not None and review.total_rkpd is not None \
                and review.tabel.total_tercetak != review.total_rkpd:
            temuan.append(Temuan(
                "beda", f"{judul}: total tercetak ({review.tabel.sumber_total}) "
                        f"{_rp(review.tabel.total_tercetak)}, jumlah barisnya {_rp(review.total_rkpd)}.",
            ))
    return temuan


# --- The document -----------------------------------------------------------


def renja_context(renja):
    """Everything the preview, the PDF and the XLSX print, computed once."""
    pohon = pohon_rencana(renja)
    total_pagu = _total(pohon, "pagu", renja.pagu_total_tercetak)
    total_maju = _total(pohon, "pagu_maju", renja.pagu_maju_total_tercetak)
    reviews = review_rkpd(renja)
    narasi = {
        b.kunci: {"judul": b.judul, "html": render_markdown(b.isi), "obj": b}
        for b in BagianNarasi.objects.filter(renja=renja)
    }
    renstra, iku = iku_renstra(renja)
    iku_n2, program_n2 = capaian_n2(renja)
    anggaran = anggaran_n2(renja)
    return {
        "iku_n2": iku_n2,
        "program_n2": program_n2,
        "anggaran_n2": anggaran,
        "anggaran_n2_rows": [r for r in anggaran.iter_rows() if r.level != "opd"],
        # The printed program rows summed: differs from the OPD row when the source
        # gives the OPD total over programs that are not itemised (Renja 2026 §2.1).
        "anggaran_n2_jumlah_program": _jumlah_program(anggaran),
        "renja": renja,
        "opd": renja.opd,
        "pohon": pohon,
        "rencana_rows": [n for root in pohon for n in root.iter_rows()],
        "total_pagu": total_pagu,
        "total_maju": total_maju,
        "reviews": reviews,
        "review_utama": reviews[0] if reviews else None,
        "evaluasi": evaluasi_renja(renja),
        "kinerja_pelayanan": list(renja.kinerja_pelayanan.all()),
        "spm": list(renja.target_spm.all()),
        "usulan": list(renja.usulan.all()),
        "narasi": narasi,
        "renstra": renstra,
        "iku": iku,
        "temuan": pemeriksaan(renja, pohon, total_pagu, total_maju, reviews),
        "riwayat_tahap": list(renja.riwayat_tahap.select_related("oleh")),
    }


# --- T-C.33 as a spreadsheet in the SIPD column layout ----------------------

KOLOM_SIPD = [
    "No", "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja Program/Kegiatan/Sub Kegiatan", "Target Akhir Renstra",
    "Realisasi Capaian {n2}", "Prakiraan Capaian {n1}", "Target Capaian {n}", "Satuan",
    "Pagu Indikatif {n} (Rp)", "Lokasi", "Sumber Dana", "Prioritas Nasional", "Prioritas Daerah",
    "Kelompok Sasaran", "Target {n_plus}", "Prakiraan Maju {n_plus} (Rp)",
    "Perangkat Daerah Penanggung Jawab", "Asal Baris", "Keterangan Angka",
]


def lembar_sipd(ctx):
    """(title, headers, rows) of T-C.33 for portal.xlsx: every row, then the totals."""
    renja = ctx["renja"]
    years = {"n": renja.tahun, "n1": renja.tahun - 1, "n2": renja.tahun - 2, "n_plus": renja.tahun_maju}
    headers = [h.format(**years) for h in KOLOM_SIPD]
    rows = []
    for nomor, node in enumerate(ctx["rencana_rows"], start=1):
        baris = node.baris
        indikator = list(baris.indikator.all()) or [None]
        for i, ind in enumerate(indikator):
            first = i == 0
            keterangan = []
            if first and node.pagu_tercatat:
                keterangan.append(f"pagu {renja.tahun} = angka tercatat baris (rincian tidak lengkap)")
            if first and node.pagu_maju_tercatat:
                keterangan.append(f"prakiraan maju {renja.tahun_maju} = angka tercatat baris (rincian tidak lengkap)")
            if first and node.pagu_maju is None:
                keterangan.append(f"prakiraan maju {renja.tahun_maju} tidak diketahui")
            rows.append([
                nomor if first else None,
                baris.kode if first else "",
                baris.nama if first else "",
                ind.nama if ind else "",
                baris.target_akhir_renstra if first else "",
                baris.realisasi_n2 if first else "",
                baris.prakiraan_n1 if first else "",
                _sel_angka(ind.target) if ind else "",
                ind.satuan if ind else "",
                node.pagu if first else None,
                baris.lokasi if first else "",
                baris.sumber_dana if first else "",
                baris.prioritas_nasional if first else "",
                baris.prioritas_daerah if first else "",
                baris.kelompok_sasaran if first else "",
                _sel_angka(ind.target_maju) if ind else "",
                node.pagu_maju if first else None,
                baris.penanggung_jawab if first else "",
                baris.get_sumber_display() if first else "",
                "; ".join(keterangan),
            ])
    total_pagu, total_maju = ctx["total_pagu"], ctx["total_maju"]
    empty = [None] * len(headers)
    jumlah = list(empty)
    jumlah[2] = "JUMLAH (dihitung dari baris)"
    jumlah[9] = total_pagu.dari_baris
    jumlah[16] = total_maju.dari_baris
    if total_maju.dari_baris is None:
        jumlah[19] = (f"prakiraan maju {renja.tahun_maju}: baris belum lengkap; program yang diketahui "
                      f"berjumlah {format_angka(total_maju.diketahui)}")
    rows.append(jumlah)
    if total_pagu.tercatat is not None or total_maju.tercatat is not None:
        tercatat = list(empty)
        tercatat[2] = "TOTAL TERCATAT (angka Dinas tercetak di dokumen sumber)"
        tercatat[9] = total_pagu.tercatat
        tercatat[16] = total_maju.tercatat
        if total_maju.memakai_tercatat:
            tercatat[19] = (f"prakiraan maju total tercatat; baris belum menjelaskan "
                            f"{format_angka(total_maju.selisih_tercatat)}")
        rows.append(tercatat)
    return (f"T-C.33 Renja {renja.tahun}", headers, rows)


def lembar_dokumen(ctx):
    """Every table of the document as (title, headers, rows) sheets: T-C.29 to T-C.33 and the SPM targets.

    Figures are those the PDF prints, from the same context; numbers stored as
    text become numbers where they are numbers.
    """
    renja = ctx["renja"]
    n = renja.tahun
    sheets = []
    t29 = [
        [r.baris.get_level_display(), r.baris.kode, r.baris.nama, r.baris.indikator, r.baris.satuan,
         _sel_angka(r.baris.target_renstra), _sel_angka(r.baris.realisasi_sd_n3), _sel_angka(r.baris.target_n2),
         _sel_angka(r.baris.realisasi_n2), bulatkan(r.tingkat_realisasi, 2), r.kategori_realisasi or "",
         _sel_angka(r.baris.target_n1), _sel_angka(r.baris.prakiraan_realisasi),
         bulatkan(r.tingkat_capaian_renstra, 2), r.kategori_capaian_renstra or ""]
        for r in ctx["evaluasi"]
    ]
    sheets.append((f"T-C.29 Evaluasi {renja.tahun_evaluasi}", [
        "Tingkat", "Kode", "Urusan/Program/Kegiatan", "Indikator Kinerja", "Satuan", "Target Renstra",
        f"Realisasi s.d. {n - 3}", f"Target {n - 2}", f"Realisasi {n - 2}", "Tingkat Realisasi (%)", "Kategori",
        f"Target {n - 1}", f"Prakiraan Realisasi s.d. {n}", "Tingkat Capaian Renstra (%)", "Kategori Capaian",
    ], t29))
    t30 = [
        [k.nomor, k.indikator, k.spm, k.ikk, k.satuan, *(_sel_angka(getattr(k, f)) for f in (
            "target_n3", "target_n2", "target_n1", "target_n", "realisasi_n3", "realisasi_n2", "proyeksi_n1",
            "proyeksi_n")), k.catatan]
        for k in ctx["kinerja_pelayanan"]
    ]
    sheets.append(("T-C.30 Kinerja Pelayanan", [
        "No", "Indikator", "SPM / Standar Nasional", "IKK", "Satuan", f"Target Renstra {n - 3}",
        f"Target Renstra {n - 2}", f"Target Renstra {n - 1}", f"Target Renstra {n}", f"Realisasi {n - 3}",
        f"Realisasi {n - 2}", f"Proyeksi {n - 1}", f"Proyeksi {n}", "Catatan Analisis",
    ], t30))
    for review in ctx["reviews"]:
        rows = []
        for node in review.iter_rows():
            b = node.baris
            rows.append([b.nomor, b.get_level_display(), b.kode, b.nama, b.rkpd_lokasi, b.rkpd_indikator,
                         _sel_angka(b.rkpd_target), b.rkpd_satuan, node.rkpd_pagu, b.analisis_lokasi,
                         b.analisis_indikator, _sel_angka(b.analisis_target), b.analisis_satuan,
                         node.analisis_pagu, b.catatan])
        rows.append([None, None, None, "JUMLAH (dihitung dari baris)", None, None, None, None, review.total_rkpd,
                     None, None, None, None, review.total_analisis,
                     f"Total tercetak ({review.tabel.sumber_total}): {format_angka(review.tabel.total_tercetak)}"
                     if review.tabel.total_tercetak is not None else None])
        sheets.append((f"T-C.31 Review {review.tabel.nomor}", [
            "No", "Tingkat", "Kode", "Program/Kegiatan/Sub Kegiatan", "Lokasi (RKPD)", "Indikator (RKPD)",
            "Target (RKPD)", "Satuan (RKPD)", "Pagu Indikatif RKPD (Rp)", "Lokasi (Hasil Analisis)",
            "Indikator (Hasil Analisis)", "Target (Hasil Analisis)", "Satuan (Hasil Analisis)",
            "Pagu Indikatif Hasil Analisis (Rp)", "Catatan Penting",
        ], rows))
    sheets.append(("T-C.32 Usulan", [
        "No", "Program/Kegiatan", "Lokasi", "Indikator Kinerja", "Besaran/Volume", "Pengusul", "Catatan",
    ], [[i, u.program_kegiatan, u.lokasi, u.indikator, u.volume, u.pengusul, u.catatan]
        for i, u in enumerate(ctx["usulan"], start=1)]))
    sheets.append((f"Target SPM {n}", ["No", "Jenis Pelayanan Dasar", "Indikator Capaian", f"Target {n}", "Satuan"],
                   [[i, s.jenis_pelayanan, s.indikator, s.target, s.satuan] for i, s in enumerate(ctx["spm"], 1)]))
    sheets.append(lembar_sipd(ctx))
    return sheets


def _sel_angka(value):
    number = angka_teks(value)
    return number if number is not None else (value or "")


# --- Nomenclature links -----------------------------------------------------

_FK_LEVEL = {Level.PROGRAM: "program", Level.KEGIATAN: "kegiatan", Level.SUB_KEGIATAN: "sub_kegiatan"}


def _peta_nomenklatur(versi):
    """{level: {kode_lengkap: entry}} of one nomenclature version: 3 queries."""
    from anggaran.models import Kegiatan, Program, SubKegiatan

    return {
        Level.PROGRAM: {p.kode_lengkap: p for p in Program.objects.filter(bidang__urusan__versi=versi)},
        Level.KEGIATAN: {
            k.kode_lengkap: k for k in Kegiatan.objects.filter(program__bidang__urusan__versi=versi)
        },
        Level.SUB_KEGIATAN: {
            s.kode_lengkap: s for s in SubKegiatan.objects.filter(kegiatan__program__bidang__urusan__versi=versi)
        },
    }


@transaction.atomic
def renja_tautkan_nomenklatur(*, renja, versi, rows=None):
    """Set the Renja's nomenclature version and link each row whose code exists in it.

    A code that does not resolve leaves the row unlinked (it keeps its code
    and name as text); the consistency check lists such rows. Returns the
    rows left unlinked.
    """
    if renja.versi_nomenklatur_id != (versi.pk if versi else None):
        renja.versi_nomenklatur = versi
        renja.save(update_fields=["versi_nomenklatur"])
    rows = list(renja.rencana.all()) if rows is None else rows
    peta = _peta_nomenklatur(versi) if versi else {}
    tanpa = []
    for baris in rows:
        for name in _FK_LEVEL.values():
            setattr(baris, name, None)
        entry = peta.get(baris.level, {}).get(baris.kode) if baris.kode else None
        if entry is None:
            tanpa.append(baris)
        else:
            setattr(baris, _FK_LEVEL[baris.level], entry)
    BarisRencana.objects.bulk_update(rows, list(_FK_LEVEL.values()))
    return tanpa


# --- Copy forward -----------------------------------------------------------


@transaction.atomic
def renja_copy_forward(*, renja_sumber, tahun, user):
    """A new Renja for `tahun` starting from `renja_sumber`: its plan rows, indicators and narrative.

    Figures of year n become the starting point of the new year; prakiraan
    maju of the old year (its n+1) becomes the new pagu where it was known.
    Evaluation, review and SPM rows belong to a year and are not copied; the
    evaluation (T-C.29) starts from the Renja n-2 when the portal holds it.
    """
    if Renja.objects.filter(opd=renja_sumber.opd, tahun=tahun).exists():
        raise ValueError(f"Renja {tahun} untuk perangkat daerah ini sudah ada.")
    baru = Renja.objects.create(
        opd=renja_sumber.opd,
        tahun=tahun,
        tahap=Renja.Tahap.RANCANGAN_AWAL,
        versi_nomenklatur=renja_sumber.versi_nomenklatur,
        penandatangan_nama=renja_sumber.penandatangan_nama,
        penandatangan_nip=renja_sumber.penandatangan_nip,
        penandatangan_jabatan=renja_sumber.penandatangan_jabatan,
        tempat=renja_sumber.tempat,
        sumber=f"Disalin dari Renja {renja_sumber.tahun}.",
        disalin_dari=renja_sumber,
    )
    RiwayatTahap.objects.create(
        renja=baru, dari="", ke=baru.tahap, oleh=user,
        keterangan=f"Dibuat dengan menyalin Renja {renja_sumber.tahun}.",
    )
    lama_ke_baru = {}
    melompat = tahun == renja_sumber.tahun + 1
    for baris in rencana_queryset(renja_sumber):
        indikator = list(baris.indikator.all())
        old_pk = baris.pk
        baris.pk = None
        baris.id = None
        baris.versi = 0
        baris.renja = baru
        baris.induk = lama_ke_baru.get(baris.induk_id)
        baris.pagu = baris.pagu_maju if melompat else None
        baris.pagu_maju = None
        baris.sumber = BarisRencana.Sumber.ISIAN
        baris.catatan = ""
        baris.save()
        lama_ke_baru[old_pk] = baris
        IndikatorRencana.objects.bulk_create([
            IndikatorRencana(
                baris=baris, urutan=ind.urutan, nama=ind.nama,
                target=(ind.target_maju or ind.target) if melompat else ind.target,
                satuan=(ind.satuan_maju or ind.satuan) if melompat else ind.satuan,
            )
            for ind in indikator
        ])
    BagianNarasi.objects.bulk_create([
        BagianNarasi(renja=baru, kunci=b.kunci, urutan=b.urutan, judul=b.judul, isi=b.isi)
        for b in renja_sumber.narasi.all()
    ])
    evaluasi_dari_renja_n2(baru)
    return baru


def _target_per_kode(renja):
    """{(kode, indicator position): (target, satuan)} of a Renja's plan rows that have a code."""
    hasil = {}
    for baris in rencana_queryset(renja):
        for posisi, ind in enumerate(baris.indikator.all()):
            if baris.kode:
                hasil[(baris.kode, posisi)] = (ind.target, ind.satuan)
    return hasil


def evaluasi_dari_renja_n2(renja):
    """Start T-C.29 from the Renja of year n-2 when the portal holds it: one row per indicator of its plan.

    Targets of n-2 (and of n-1, from the Renja n-1 by code) come from the
    records; realisasi is left for the perencana, because indicator realisasi
    of kegiatan and sub-kegiatan is not recorded elsewhere. Rows already
    present are kept (nothing is created then). Returns the rows created.
    """
    if renja.evaluasi.exists():
        return []
    lama = Renja.objects.filter(opd=renja.opd, tahun=renja.tahun_evaluasi).first()
    if lama is None:
        return []
    n1 = Renja.objects.filter(opd=renja.opd, tahun=renja.tahun - 1).first()
    target_n1 = _target_per_kode(n1) if n1 else {}
    rows = []
    for baris in rencana_queryset(lama):
        indikator = list(baris.indikator.all()) or [None]
        for posisi, ind in enumerate(indikator):
            rows.append(EvaluasiRenja(
                renja=renja, urutan=len(rows) + 1, level=baris.level, kode=baris.kode if posisi == 0 else "",
                nama=baris.nama if posisi == 0 else "", indikator=ind.nama if ind else "",
                satuan=ind.satuan if ind else "", target_renstra=baris.target_akhir_renstra,
                target_n2=ind.target if ind else "",
                target_n1=target_n1.get((baris.kode, posisi), ("", ""))[0] if baris.kode else "",
            ))
    return EvaluasiRenja.objects.bulk_create(rows)



# A rendered Renja is kept by the hash of its HTML: the same document is not laid out
# again for every reader who downloads it (a render takes seconds of a worker).
PDF_CACHE_DETIK = 24 * 60 * 60


def renja_pdf(renja):
    from django.core.cache import cache

    from portal.pdf import html_to_pdf, render_html, sidik

    html = render_html("renja/print.html", renja_context(renja))
    kunci = "renja-pdf:" + sidik(html)
    data = cache.get(kunci)
    if data is None:
        data = html_to_pdf(html)
        cache.set(kunci, data, PDF_CACHE_DETIK)
    return data


def renja_xlsx(renja, semua=False):
    """T-C.33 in the SIPD layout; with `semua`, every table of the document, one sheet each."""
    from portal.xlsx import workbook_bytes

    ctx = renja_context(renja)
    return workbook_bytes(lembar_dokumen(ctx) if semua else [lembar_sipd(ctx)])
