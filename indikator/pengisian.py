"""The quarterly entry of realisasi as a unit sees it: its rows of a triwulan, and who has filled what.

Reads only. Whether a user may change a row, and what its status becomes,
is the Realisasi model's to decide (indikator.models).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from anggaran.rekap import anggaran_belum_diisi
from indikator.capaian import capaian_triwulan
from indikator.models import Indikator, PkIndikator, Realisasi, SkalaPredikat, Target, TargetTriwulan


def triwulan_pengisian(hari):
    """(tahun, triwulan) units report on at a date: the quarter that ended last.

    Realisasi of a quarter is entered after it closes (TW III in October),
    so in January the report due is TW IV of the year before.
    """
    if hari.month <= 3:
        return hari.year - 1, 4
    return hari.year, (hari.month - 1) // 3


@dataclass
class BarisRealisasi:
    """One indicator on a unit's realisasi page: its targets and realisasi of the year."""

    indikator: Indikator
    tahun: int
    triwulan: int
    target_tahunan: object = None  # PkIndikator (the PK target) or Target (Renstra)
    target_tw: dict = None  # triwulan -> TargetTriwulan
    realisasi_tw: dict = None  # triwulan -> Realisasi
    skala: object = None

    @property
    def realisasi(self):
        return self.realisasi_tw.get(self.triwulan)

    @property
    def target(self):
        """The target of this triwulan (PK); without one, the annual target unless the rule is a sum."""
        if self.triwulan in self.target_tw:
            return self.target_tw[self.triwulan]
        if self.indikator.agregasi == Indikator.Agregasi.JUMLAH:
            return None
        return self.target_tahunan

    @property
    def dapat_diisi(self):
        return self.indikator.diisi_pada(self.triwulan)

    def capaian(self, realisasi=None):
        """Capaian up to this triwulan under the indicator's aggregation rule.

        `realisasi` replaces this triwulan's stored value (the live preview of
        a value being typed).
        """
        values = dict(self.realisasi_tw)
        if realisasi is not None:
            values[self.triwulan] = realisasi
        return capaian_triwulan(
            self.indikator, self.target_tahunan, self.target_tw, values, self.triwulan, self.skala
        )


def baris_realisasi(indikator_qs, tahun, triwulan):
    """The rows of a realisasi page, in a fixed number of queries whatever their number."""
    indikator_list = list(
        indikator_qs.select_related("opd", "penanggung_jawab").prefetch_related(
            Prefetch("target", queryset=Target.objects.filter(tahun=tahun), to_attr="target_tahun"),
            Prefetch(
                "pk_indikator",
                queryset=PkIndikator.objects.tingkat_opd().filter(perjanjian__tahun=tahun)
                .select_related("perjanjian")
                .prefetch_related(Prefetch("triwulan", queryset=TargetTriwulan.objects.all())),
                to_attr="pk_tahun",
            ),
            Prefetch(
                "realisasi",
                queryset=Realisasi.objects.filter(tahun=tahun, triwulan__isnull=False).select_related(
                    "diisi_oleh", "diverifikasi_oleh"
                ),
                to_attr="realisasi_tahun",
            ),
        )
    )
    skala = None
    if any(i.is_predikat for i in indikator_list):
        skala = SkalaPredikat.for_tahun(tahun)
    rows = []
    for indikator in indikator_list:
        # A PK perubahan replaces the murni of the same year.
        pk_list = sorted(indikator.pk_tahun, key=lambda p: p.perjanjian.jenis != "perubahan")
        pk_indikator = pk_list[0] if pk_list else None
        target_tahunan = pk_indikator or (indikator.target_tahun[0] if indikator.target_tahun else None)
        rows.append(
            BarisRealisasi(
                indikator=indikator,
                tahun=tahun,
                triwulan=triwulan,
                target_tahunan=target_tahunan,
                target_tw={t.triwulan: t for t in pk_indikator.triwulan.all()} if pk_indikator else {},
                realisasi_tw={r.triwulan: r for r in indikator.realisasi_tahun},
                skala=skala,
            )
        )
    return rows


@dataclass
class RekapUnit:
    """How far a unit is with a triwulan's realisasi."""

    unit: object
    jumlah: int = 0
    belum_diisi: int = 0
    draft: int = 0
    diajukan: int = 0
    dikembalikan: int = 0
    diverifikasi: int = 0
    belum_diisi_nama: list = None
    anggaran_belum: list = field(default_factory=list)  # DPA lines without realisasi anggaran

    @property
    def belum_diajukan(self):
        return self.draft + self.dikembalikan

    @property
    def selesai(self):
        return self.jumlah > 0 and self.diverifikasi == self.jumlah

    @property
    def terlambat(self):
        """Something of the triwulan is still not entered or not submitted (waiting for verification is not)."""
        return bool(self.belum_diisi or self.belum_diajukan or self.anggaran_belum)


def rekap_pengisian(rows):
    """Per unit: how many indicators are blank, draft, submitted, returned, verified."""
    rekap = {}
    for row in rows:
        if not row.dapat_diisi:
            continue
        unit = row.indikator.penanggung_jawab
        key = unit.pk if unit else None
        item = rekap.setdefault(key, RekapUnit(unit=unit, belum_diisi_nama=[]))
        item.jumlah += 1
        realisasi = row.realisasi
        if realisasi is None or realisasi.kosong:
            item.belum_diisi += 1
            item.belum_diisi_nama.append(row.indikator)
        else:
            setattr(item, realisasi.status, getattr(item, realisasi.status) + 1)
    return sorted(rekap.values(), key=lambda r: (r.unit is None, r.unit.urutan if r.unit else 0))


def rekap_opd(opd, tahun, triwulan):
    """Every unit of an OPD with a triwulan's realisasi: its indicators by state and its budget lines not entered.

    The "Siapa belum mengisi" page and the dashboard's late units read this one list.
    """
    rekap = rekap_pengisian(baris_realisasi(Indikator.objects.dilaporkan(opd, tahun), tahun, triwulan))
    anggaran = anggaran_belum_diisi(opd, tahun, triwulan)
    for item in rekap:
        item.anggaran_belum = anggaran.pop(item.unit.pk if item.unit else None, [])
    # Units with budget lines but no indicator this year still owe their realisasi anggaran.
    units = {u.pk: u for u in opd.unit_kerja.filter(pk__in=[k for k in anggaran if k])} if anggaran else {}
    for unit_pk, lines in anggaran.items():
        item = RekapUnit(unit=units.get(unit_pk), belum_diisi_nama=[])
        item.anggaran_belum = lines
        rekap.append(item)
    return rekap


@dataclass
class Tertunda:
    """Realisasi of one unit in one triwulan that are entered but not finished, counted by status."""

    tahun: int
    triwulan: int
    unit_id: int | None
    unit_nama: str
    draft: int = 0
    diajukan: int = 0
    dikembalikan: int = 0


def _realisasi_tertunda_qs(opd, unit=None):
    qs = Realisasi.objects.filter(
        indikator__opd=opd, triwulan__isnull=False,
        status__in=[Realisasi.Status.DRAFT, Realisasi.Status.DIAJUKAN, Realisasi.Status.DIKEMBALIKAN],
    ).exclude(nilai__isnull=True, predikat="", pembilang__isnull=True)  # a blank draft is "belum diisi"
    if unit is not None:
        qs = qs.filter(indikator__penanggung_jawab=unit)
    return qs


def realisasi_tertunda(opd, unit=None):
    """Every triwulan's unfinished realisasi of an OPD (of one unit), per period and unit, oldest first.

    One query whatever the number of periods: the home page lists what waits
    in every quarter, not only in the one due now.
    """
    per_kunci = {}
    baris = (_realisasi_tertunda_qs(opd, unit)
             .values("tahun", "triwulan", "indikator__penanggung_jawab", "indikator__penanggung_jawab__nama",
                     "status")
             .annotate(n=Count("pk")))
    for b in baris:
        kunci = (b["tahun"], b["triwulan"], b["indikator__penanggung_jawab"])
        item = per_kunci.setdefault(kunci, Tertunda(
            tahun=b["tahun"], triwulan=b["triwulan"], unit_id=b["indikator__penanggung_jawab"],
            unit_nama=b["indikator__penanggung_jawab__nama"] or "Tanpa unit penanggung jawab"))
        setattr(item, b["status"], getattr(item, b["status"]) + b["n"])
    return [per_kunci[k] for k in sorted(per_kunci, key=lambda k: (k[0], k[1], k[2] or 0))]


def realisasi_dikembalikan(opd, unit=None, batas=10):
    """The returned realisasi with the verifier's note, the oldest period first (at most `batas`)."""
    return list(_realisasi_tertunda_qs(opd, unit).filter(status=Realisasi.Status.DIKEMBALIKAN)
                .select_related("indikator", "diverifikasi_oleh")
                .order_by("tahun", "triwulan", "indikator__kode")[:batas])
