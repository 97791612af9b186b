"""The tables of the Renja built from its records: T-C.29 to T-C.33, the IKU targets, the n-2 figures.

Every total is computed here from the rows below it. A figure a
program/kegiatan row or the Renja itself carries is what the source
printed: it is used only where the rows cannot give the total, it is then
labelled as recorded, and the consistency check (renja.pemeriksaan) says
where it differs from or is not covered by the rows.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from portal.angka import bulatkan, format_angka
from renja.models import BarisRencana, BarisReview, EvaluasiRenja, IndikatorRencana, Level, TabelReview

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


def jumlah_lengkap(values):
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
        dari_baris = jumlah_lengkap(getattr(c, name) for c in node.anak)
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


def total_rencana(programs, name, tercatat):
    """The Renja total of `name` over its programs (pagu or pagu_maju), beside the recorded one."""
    values = [getattr(p, name) for p in programs]
    return Total(
        dari_baris=jumlah_lengkap(values),
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
    node.rkpd_dari_baris = jumlah_lengkap(c.rkpd_pagu for c in node.anak)
    node.analisis_dari_baris = jumlah_lengkap(c.analisis_pagu for c in node.anak)


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
        return jumlah_lengkap(n.rkpd_pagu for n in self.pohon)

    @property
    def total_analisis(self):
        return jumlah_lengkap(n.analisis_pagu for n in self.pohon)


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
    # The year n-2 is over: its figure is the whole year's, as in the LKIP of that year.
    rows = [CapaianN2(h) for h in capaian_indikator(qs, tahun, sampai_triwulan=4)]
    return ([r for r in rows if r.indikator.program_id is None],
            [r for r in rows if r.indikator.program_id is not None])


def anggaran_n2(renja):
    """The budget tree of year n-2 (pagu, realisasi, serapan) from anggaran.services."""
    from anggaran.rekap import anggaran_opd

    return anggaran_opd(renja.opd, renja.tahun_evaluasi)


def jumlah_program(opd_row):
    """The printed program rows of n-2 summed (the OPD row may hold a total over more than them)."""
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


# Which foreign key of a plan row links it to the nomenclature, by level.
FK_LEVEL = {Level.PROGRAM: "program", Level.KEGIATAN: "kegiatan", Level.SUB_KEGIATAN: "sub_kegiatan"}
