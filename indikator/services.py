"""Capaian, cumulative capaian, IKM and mutu: the one place these are computed.

All arithmetic is Decimal and unrounded; rounding happens only when a value
is printed (portal.angka). None means "belum diisi" or "tidak dapat
dihitung" and is never turned into 0 or 100.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indikator.models import Indikator
from portal.angka import ROMAWI, bulatkan

SERATUS = Decimal(100)


def capaian(target, realisasi, polaritas=Indikator.Polaritas.POSITIF,
            rumus_negatif=Indikator.RumusNegatif.DUA_TARGET):
    """Capaian kinerja (%) of a numeric indicator, or None when it cannot be computed.

    Positive: realisasi / target × 100. Negative: (2 × target − realisasi) /
    target × 100 by default, or target / realisasi × 100 when the indicator
    says so. A zero divisor has no capaian (None), not 0% or 100%.
    """
    if target is None or realisasi is None:
        return None
    if polaritas == Indikator.Polaritas.NEGATIF:
        if rumus_negatif == Indikator.RumusNegatif.TARGET_PER_REALISASI:
            return None if realisasi == 0 else target / realisasi * SERATUS
        return None if target == 0 else (2 * target - realisasi) / target * SERATUS
    return None if target == 0 else realisasi / target * SERATUS


def capaian_predikat(peringkat_target, peringkat_realisasi):
    """Qualitative indicator (AKIP "BB"): 100% when the realised rank reaches the target rank.

    Below target the capaian is the ratio of the ranks on the scale, so that
    a "B" against a "BB" target shows as less than 100%, never as 0.
    """
    if peringkat_target is None or peringkat_realisasi is None:
        return None
    if peringkat_realisasi >= peringkat_target:
        return SERATUS
    return Decimal(peringkat_realisasi) / Decimal(peringkat_target) * SERATUS


def capaian_nilai(indikator, target, realisasi, skala=None):
    """Capaian of an indicator from two NilaiMixin objects (target, realisasi)."""
    if target is None or realisasi is None or target.kosong or realisasi.kosong:
        return None
    if indikator.is_predikat:
        if skala is None:
            return None
        return capaian_predikat(skala.peringkat(target.predikat), skala.peringkat(realisasi.predikat))
    return capaian(target.nilai_eksak, realisasi.nilai_eksak, indikator.polaritas,
                   indikator.rumus_negatif)


@dataclass(frozen=True)
class Kumulatif:
    target: Decimal | None
    realisasi: Decimal | None
    sampai_triwulan: int

    @property
    def lengkap(self):
        return self.target is not None and self.realisasi is not None


def kumulatif(agregasi, target_tw, realisasi_tw, sampai_triwulan):
    """Target and realisasi up to triwulan n under the indicator's aggregation rule.

    `target_tw` and `realisasi_tw` map triwulan (1..4) to a Decimal or None.
    - jumlah: Σ realisasi₁..ₙ against Σ target₁..ₙ; a missing quarter makes
      the realisasi unknown (a blank is not a zero).
    - nilai_akhir: the value at TW n against the target at TW n.
    - akhir_tahun: only TW IV counts; before it there is nothing to compare.
    """
    n = sampai_triwulan
    if agregasi == Indikator.Agregasi.JUMLAH:
        targets = [target_tw.get(tw) for tw in range(1, n + 1)]
        values = [realisasi_tw.get(tw) for tw in range(1, n + 1)]
        target = None if any(t is None for t in targets) else sum(targets, Decimal(0))
        realisasi = None if any(v is None for v in values) else sum(values, Decimal(0))
        return Kumulatif(target, realisasi, n)
    if agregasi == Indikator.Agregasi.AKHIR_TAHUN and n < 4:
        return Kumulatif(None, None, n)
    return Kumulatif(target_tw.get(n), realisasi_tw.get(n), n)


def selisih_target_triwulan(agregasi, target_tahunan, target_tw):
    """For a sum-rule indicator: Σ triwulan targets − annual target (0 when they agree).

    None when the rule is not a sum or a figure is missing.
    """
    if agregasi != Indikator.Agregasi.JUMLAH or target_tahunan is None:
        return None
    values = [target_tw.get(tw) for tw in range(1, 5)]
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0)) - target_tahunan


# --- Indeks Kepuasan Masyarakat (PermenPANRB 14/2017) -----------------------

JUMLAH_UNSUR_SKM = 9
KONVERSI_IKM = Decimal(25)

# Lower bounds of the converted IKM (rounded to 2 decimals), best first.
MUTU_IKM = [
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
]


def ikm_dari_nrr(nrr_per_unsur):
    """IKM converted to 25–100: Σ (NRR × 1/9) × 25, with exactly 1/9 (not 0,11)."""
    nrr = list(nrr_per_unsur)
    if len(nrr) != JUMLAH_UNSUR_SKM:
        raise ValueError(f"IKM memerlukan NRR dari {JUMLAH_UNSUR_SKM} unsur, ada {len(nrr)}.")
    return sum(nrr, Decimal(0)) / JUMLAH_UNSUR_SKM * KONVERSI_IKM


def mutu_ikm(nilai):
    """(mutu, kinerja unit) of a converted IKM value, classified after rounding to 2 decimals."""
    if nilai is None:
        return None
    rounded = bulatkan(nilai, 2)
    for batas, mutu, kinerja in MUTU_IKM:
        if rounded >= batas:
            return mutu, kinerja
    return "D", "Tidak Baik"


# --- Budget behind an IKU ---------------------------------------------------


def anggaran_sasaran(sasaran, tahun, opd_tree=None):
    """Pagu and realisasi of the programs supporting a sasaran (LKIP Tabel 3.9 / 3.16).

    Pass the OPD's budget tree when several sasaran are reported at once, so
    it is built once.
    """
    from anggaran.services import anggaran_opd, anggaran_program

    opd = sasaran.tujuan.renstra.opd
    tree = opd_tree or anggaran_opd(opd, tahun)
    return anggaran_program(tree, sasaran.program_pendukung.all())


# --- Quarterly realisasi entry ----------------------------------------------


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
        """A year-end-only indicator (nilai AKIP) has nothing to report before TW IV."""
        return not (self.indikator.agregasi == Indikator.Agregasi.AKHIR_TAHUN and self.triwulan < 4)

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


def capaian_triwulan(indikator, target_tahunan, target_tw, realisasi_tw, triwulan, skala=None):
    """Capaian (%) to triwulan n from NilaiMixin objects keyed by triwulan; None when unknown.

    Without triwulan targets in a PK, a last-value or year-end indicator is
    measured against the annual target; a sum indicator cannot be, because
    how the annual target splits over the quarters is not known.
    """
    n = triwulan
    if indikator.is_predikat:
        target = target_tw.get(n) or (target_tahunan if n == 4 else None)
        return capaian_nilai(indikator, target, realisasi_tw.get(n), skala)
    targets = {tw: t.nilai_eksak for tw, t in target_tw.items() if not t.kosong}
    sum_rule = indikator.agregasi == Indikator.Agregasi.JUMLAH
    if not targets and target_tahunan is not None and not target_tahunan.kosong and not sum_rule:
        targets = {n: target_tahunan.nilai_eksak}
    values = {tw: r.nilai_eksak for tw, r in realisasi_tw.items() if r is not None and not r.kosong}
    hasil = kumulatif(indikator.agregasi, targets, values, n)
    return capaian(hasil.target, hasil.realisasi, indikator.polaritas, indikator.rumus_negatif)


def indikator_tahun(opd, tahun):
    """Indicators that have something to report in a year: a Renstra target or a place in a PK."""
    from django.db.models import Q

    return (
        Indikator.objects.filter(opd=opd)
        .filter(Q(target__tahun=tahun) | Q(pk_indikator__perjanjian__tahun=tahun))
        .distinct()
    )


def baris_realisasi(indikator_qs, tahun, triwulan):
    """The rows of a realisasi page, in a fixed number of queries whatever their number."""
    from django.db.models import Prefetch

    from indikator.models import PkIndikator, Realisasi, SkalaPredikat, Target, TargetTriwulan

    indikator_list = list(
        indikator_qs.select_related("penanggung_jawab").prefetch_related(
            Prefetch("target", queryset=Target.objects.filter(tahun=tahun), to_attr="target_tahun"),
            Prefetch(
                "pk_indikator",
                queryset=PkIndikator.objects.filter(perjanjian__tahun=tahun)
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


def realisasi_simpan(*, realisasi, user, versi, alasan=""):
    """Save a realisasi a user edited, refusing it if someone saved it in between.

    A verified row changes only with a reason, which goes into the audit
    trail. An operator's correction sends the row back to draft so it is
    verified again; the perencana's own correction stays verified.
    """
    from django.utils import timezone

    from indikator.models import Realisasi
    from portal.access import can_edit_opd_data

    now = timezone.now()
    if realisasi.status == Realisasi.Status.DIVERIFIKASI:
        if not alasan:
            raise ValueError("Realisasi yang sudah diverifikasi hanya dapat diubah dengan alasan.")
        if can_edit_opd_data(user, realisasi.indikator.opd):
            realisasi.diverifikasi_oleh, realisasi.diverifikasi_pada = user, now
        else:
            realisasi.status = Realisasi.Status.DRAFT
    elif realisasi.status == Realisasi.Status.DIKEMBALIKAN:
        realisasi.status = Realisasi.Status.DRAFT
    realisasi.diisi_oleh, realisasi.diisi_pada = user, now
    realisasi._change_reason = alasan or None
    realisasi.simpan_atau_buat(versi)
    return realisasi


def _ganti_status(realisasi, versi, status, **fields):
    for name, value in fields.items():
        setattr(realisasi, name, value)
    realisasi.status = status
    realisasi.save_versioned(versi)
    return realisasi


def realisasi_ajukan(*, rows, user):
    """Submit (ajukan) every filled draft row of a unit's page; returns how many were submitted."""
    from django.db import transaction

    from indikator.models import Realisasi

    count = 0
    with transaction.atomic():
        for row in rows:
            realisasi = row.realisasi
            if realisasi is None or realisasi.kosong or realisasi.status != Realisasi.Status.DRAFT:
                continue
            _ganti_status(realisasi, realisasi.versi, Realisasi.Status.DIAJUKAN)
            count += 1
    return count


def realisasi_verifikasi(*, realisasi, user, versi):
    from django.utils import timezone

    from indikator.models import Realisasi

    if realisasi.status != Realisasi.Status.DIAJUKAN:
        raise ValueError("Hanya realisasi yang sudah diajukan yang dapat diverifikasi.")
    return _ganti_status(
        realisasi, versi, Realisasi.Status.DIVERIFIKASI,
        diverifikasi_oleh=user, diverifikasi_pada=timezone.now(), catatan_verifikasi="",
    )


def realisasi_kembalikan(*, realisasi, user, versi, catatan):
    """Return a submitted row to the unit with the perencana's comment."""
    from django.utils import timezone

    from indikator.models import Realisasi

    if realisasi.status != Realisasi.Status.DIAJUKAN:
        raise ValueError("Hanya realisasi yang sudah diajukan yang dapat dikembalikan.")
    if not catatan.strip():
        raise ValueError("Tuliskan catatan: apa yang harus diperbaiki unit.")
    return _ganti_status(
        realisasi, versi, Realisasi.Status.DIKEMBALIKAN,
        diverifikasi_oleh=user, diverifikasi_pada=timezone.now(), catatan_verifikasi=catatan.strip(),
    )


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


# --- Dashboard: status, projection, capaian of a set of indicators ----------
#
# The dashboard, the city overview and the trends all read capaian through
# `capaian_indikator`, which loads a whole set of indicators (one OPD or every
# OPD of the city) in a fixed number of queries and then applies `kumulatif`
# and `capaian` above to each one. Nothing here is rounded except the status
# band, which is decided on the printed (2-decimal) value so that the colour
# and the number a reader sees always agree.

AMBANG_TERCAPAI = Decimal(100)
AMBANG_PERHATIAN = Decimal(75)


class Status:
    TERCAPAI = "tercapai"
    PERHATIAN = "perhatian"
    KRITIS = "kritis"
    KOSONG = "kosong"

    LABEL = {
        "tercapai": "Tercapai",
        "perhatian": "Perlu perhatian",
        "kritis": "Kritis",
        "kosong": "Belum diisi",
    }
    URUTAN = ["kritis", "perhatian", "tercapai", "kosong"]


def status_capaian(nilai, ambang_tercapai=AMBANG_TERCAPAI, ambang_perhatian=AMBANG_PERHATIAN):
    """The status band of a capaian (%): tercapai, perhatian, kritis; kosong when there is none.

    A blank capaian is "belum diisi", never a band.
    """
    if nilai is None:
        return Status.KOSONG
    shown = bulatkan(nilai, 2)
    if shown >= ambang_tercapai:
        return Status.TERCAPAI
    if shown >= ambang_perhatian:
        return Status.PERHATIAN
    return Status.KRITIS


def status_opd(nilai, opd):
    """`status_capaian` with the thresholds the OPD has set."""
    return status_capaian(nilai, opd.ambang_tercapai, opd.ambang_perhatian)


def proyeksi_realisasi(agregasi, target_tahunan, kum):
    """Year-end realisasi if the pace so far holds; None when it cannot be projected honestly.

    - jumlah: the share of the cumulative target reached so far, applied to
      the annual target (the quarterly plan carries the seasonality; with no
      quarterly target, linear: Σ realisasi × 4 / n).
    - nilai_akhir: the latest value is the best guess of the year-end value.
    - akhir_tahun: measured once a year, nothing to project from.
    At TW IV the "projection" is the actual figure.
    """
    n = kum.sampai_triwulan
    if kum.realisasi is None or not n:
        return None
    if n == 4:
        return kum.realisasi
    if agregasi == Indikator.Agregasi.JUMLAH:
        if kum.target and target_tahunan is not None:
            return kum.realisasi / kum.target * target_tahunan
        return kum.realisasi * 4 / n
    if agregasi == Indikator.Agregasi.NILAI_AKHIR:
        return kum.realisasi
    return None


def proyeksi_serapan(pagu, kas_sd, realisasi_sd):
    """Year-end serapan (%) if spending keeps its pace against the anggaran kas plan.

    realisasi s.d. TW n / anggaran kas s.d. TW n × pagu, as a share of the
    pagu. None without a plan to compare against.
    """
    from anggaran.services import serapan

    if realisasi_sd is None or not kas_sd or not pagu:
        return None
    return serapan(realisasi_sd / kas_sd * pagu, pagu)


@dataclass
class CapaianIndikator:
    """Where one indicator stands in a year, to triwulan n or for the year as a whole."""

    indikator: Indikator
    tahun: int
    target_tahunan: Decimal | None = None
    target_predikat: str = ""
    sumber_target: str = ""
    target_tw: dict = None
    realisasi_tw: dict = None
    predikat_tw: dict = None
    realisasi_tahunan: Decimal | None = None
    predikat_tahunan: str = ""
    periode: str = ""  # "triwulan", "tahunan" or "" (nothing entered)
    sampai_triwulan: int | None = None
    target: Decimal | None = None  # cumulative target to sampai_triwulan (or annual)
    realisasi: Decimal | None = None
    target_teks: str = ""
    realisasi_teks: str = ""
    capaian: Decimal | None = None
    proyeksi: Decimal | None = None
    proyeksi_capaian: Decimal | None = None
    status: str = Status.KOSONG
    status_proyeksi: str = Status.KOSONG
    akhir_tahun_nanti: bool = False  # a year-end-only indicator before TW IV: not due, not missing

    @property
    def status_label(self):
        return Status.LABEL[self.status]

    @property
    def proyeksi_meleset(self):
        """The projection misses the target (only for a year still in progress)."""
        return self.proyeksi_capaian is not None and self.status_proyeksi != Status.TERCAPAI


def _target_tahunan(pk_item, target_item):
    """The annual target in force: the PK's (perubahan over murni), else the Renstra's."""
    if pk_item is not None and not pk_item.kosong:
        return pk_item, "PK"
    if target_item is not None and not target_item.kosong:
        return target_item, "Renstra"
    return None, ""


def _muat_capaian(indikator_ids, tahun_list):
    """Targets, PK targets and realisasi of a set of indicators over some years: 4 queries."""
    from indikator.models import PkIndikator, Realisasi, Target

    targets = {
        (t.indikator_id, t.tahun): t
        for t in Target.objects.filter(indikator_id__in=indikator_ids, tahun__in=tahun_list)
    }
    pk_items = {}
    pk_qs = (
        PkIndikator.objects.filter(indikator_id__in=indikator_ids, perjanjian__tahun__in=tahun_list)
        .select_related("perjanjian")
        .prefetch_related("triwulan")
    )
    for item in pk_qs:
        key = (item.indikator_id, item.perjanjian.tahun)
        current = pk_items.get(key)
        # The PK perubahan replaces the murni for the same year.
        if current is None or item.perjanjian.jenis == item.perjanjian.Jenis.PERUBAHAN:
            pk_items[key] = item
    realisasi = {}
    realisasi_qs = Realisasi.objects.filter(
        indikator_id__in=indikator_ids, tahun__in=tahun_list
    ).only("indikator_id", "tahun", "triwulan", "nilai", "predikat", "pembilang", "penyebut")
    for item in realisasi_qs:
        realisasi.setdefault((item.indikator_id, item.tahun), []).append(item)
    return targets, pk_items, realisasi


def skala_untuk(skala_list, tahun):
    """The predicate scale in force in a year, from scales loaded once."""
    berlaku = [s for s in skala_list if s.tahun_mulai <= tahun]
    return max(berlaku, key=lambda s: s.tahun_mulai) if berlaku else None


def muat_skala():
    """Every predicate scale with its bands: 2 queries, whatever the number of years."""
    from indikator.models import SkalaPredikat

    return list(SkalaPredikat.objects.prefetch_related("predikat"))


def _hitung_capaian(indikator, tahun, sampai_triwulan, target_item, pk_item, realisasi_items, skala):
    row = CapaianIndikator(indikator=indikator, tahun=tahun, target_tw={}, realisasi_tw={}, predikat_tw={})
    annual, row.sumber_target = _target_tahunan(pk_item, target_item)
    if annual is not None:
        row.target_tahunan = annual.nilai_eksak
        row.target_predikat = annual.predikat
    if pk_item is not None:
        for tw in pk_item.triwulan.all():
            if tw.nilai_eksak is not None:
                row.target_tw[tw.triwulan] = tw.nilai_eksak
            if tw.predikat:
                row.predikat_tw.setdefault("target", {})[tw.triwulan] = tw.predikat
    realisasi_predikat = {}
    for item in realisasi_items:
        if item.triwulan is None:
            row.realisasi_tahunan = item.nilai_eksak
            row.predikat_tahunan = item.predikat
        else:
            if item.nilai_eksak is not None:
                row.realisasi_tw[item.triwulan] = item.nilai_eksak
            if item.predikat:
                realisasi_predikat[item.triwulan] = item.predikat
    target_predikat_tw = row.predikat_tw.pop("target", {})
    row.predikat_tw = realisasi_predikat

    quarterly = bool(row.realisasi_tw or realisasi_predikat)
    annual_given = row.realisasi_tahunan is not None or bool(row.predikat_tahunan)
    ambang = indikator.opd

    if quarterly and sampai_triwulan:
        n = sampai_triwulan
        row.periode = "triwulan"
        row.sampai_triwulan = n
        if indikator.is_predikat:
            berlaku = indikator.agregasi != Indikator.Agregasi.AKHIR_TAHUN or n == 4
            realised = realisasi_predikat.get(n) if berlaku else None
            wanted = target_predikat_tw.get(n) or (row.target_predikat if n == 4 else "")
            row.target_teks, row.realisasi_teks = wanted, realised or ""
            if skala is not None and realised and wanted:
                row.capaian = capaian_predikat(skala.peringkat(wanted), skala.peringkat(realised))
        else:
            targets = row.target_tw
            if not targets and row.target_tahunan is not None and indikator.agregasi != Indikator.Agregasi.JUMLAH:
                # Same rule as capaian_triwulan (the realisasi page): without quarterly
                # targets a last-value indicator is measured against the annual target;
                # a sum indicator is not, since the split of its target is unknown.
                targets = {n: row.target_tahunan}
            kum = kumulatif(indikator.agregasi, targets, row.realisasi_tw, n)
            row.target, row.realisasi = kum.target, kum.realisasi
            row.capaian = capaian(kum.target, kum.realisasi, indikator.polaritas, indikator.rumus_negatif)
            if n < 4:
                row.proyeksi = proyeksi_realisasi(indikator.agregasi, row.target_tahunan, kum)
                row.proyeksi_capaian = capaian(
                    row.target_tahunan, row.proyeksi, indikator.polaritas, indikator.rumus_negatif
                )
    elif annual_given:
        # An annual figure without a quarterly split is the year's figure: shown as
        # such, never spread over quarters.
        row.periode = "tahunan"
        if indikator.is_predikat:
            row.target_teks, row.realisasi_teks = row.target_predikat, row.predikat_tahunan
            if skala is not None and row.predikat_tahunan and row.target_predikat:
                row.capaian = capaian_predikat(
                    skala.peringkat(row.target_predikat), skala.peringkat(row.predikat_tahunan)
                )
        else:
            row.target, row.realisasi = row.target_tahunan, row.realisasi_tahunan
            row.capaian = capaian(row.target, row.realisasi, indikator.polaritas, indikator.rumus_negatif)
    if (not row.periode and sampai_triwulan and sampai_triwulan < 4
            and indikator.agregasi == Indikator.Agregasi.AKHIR_TAHUN):
        row.akhir_tahun_nanti = True
        row.sampai_triwulan = sampai_triwulan
        # What it will be measured against at year end.
        row.target, row.target_teks = row.target_tahunan, row.target_predikat
    row.status = status_opd(row.capaian, ambang)
    row.status_proyeksi = status_opd(row.proyeksi_capaian, ambang)
    return row


def triwulan_terakhir(realisasi_items):
    """The latest triwulan with any quarterly realisasi (None when only annual figures exist)."""
    values = [r.triwulan for r in realisasi_items if r.triwulan]
    return max(values) if values else None


def capaian_indikator(indikators, tahun, sampai_triwulan=None, skala_list=None):
    """Capaian of every indicator in `indikators` for `tahun`, in a fixed number of queries.

    `indikators` is a queryset (any number of OPDs). Without `sampai_triwulan`,
    each OPD is measured to its own latest triwulan with a quarterly realisasi.
    Returns CapaianIndikator rows in the queryset's order. 7 queries (5 when
    `skala_list` is given).
    """
    return capaian_indikator_tahunan(indikators, [tahun], sampai_triwulan, skala_list)[tahun]


def capaian_indikator_tahunan(indikators, tahun_list, sampai_triwulan=None, skala_list=None):
    """`capaian_indikator` for several years at once (trends): {tahun: [rows]}, same queries."""
    indikator_list = list(indikators.select_related("opd"))
    ids = [i.pk for i in indikator_list]
    targets, pk_items, realisasi = _muat_capaian(ids, list(tahun_list))
    skala_list = muat_skala() if skala_list is None else skala_list
    hasil = {}
    for tahun in tahun_list:
        n_per_opd = {}
        if sampai_triwulan is None:
            for ind in indikator_list:
                n = triwulan_terakhir(realisasi.get((ind.pk, tahun), []))
                if n and n > n_per_opd.get(ind.opd_id, 0):
                    n_per_opd[ind.opd_id] = n
        skala = skala_untuk(skala_list, tahun)
        hasil[tahun] = [
            _hitung_capaian(
                ind,
                tahun,
                sampai_triwulan or n_per_opd.get(ind.opd_id),
                targets.get((ind.pk, tahun)),
                pk_items.get((ind.pk, tahun)),
                realisasi.get((ind.pk, tahun), []),
                skala,
            )
            for ind in indikator_list
        ]
    return hasil


def hitung_status(rows):
    """How many indicators are in each status band: {status: count} with every band present.

    "akhir_tahun" counts year-end-only indicators that are not due yet.
    """
    counts = dict.fromkeys([*Status.URUTAN, "akhir_tahun"], 0)
    for row in rows:
        # A year-end-only indicator before TW IV is not due yet: not "belum diisi".
        counts["akhir_tahun" if row.akhir_tahun_nanti else row.status] += 1
    return counts


def renstra_berlaku(renstra_list, tahun):
    """The Renstra in force in a year: among those covering it, the one that started last.

    Renstra periods overlap when a new one is adopted early (2024-2026 and
    2025-2029); the newer one governs the years they share.
    """
    covering = [r for r in renstra_list if r.tahun_awal <= tahun <= r.tahun_akhir]
    return max(covering, key=lambda r: r.tahun_awal) if covering else None


def anggaran_per_opd(tahun, opd_ids=None):
    """The budget of every OPD in a year, set-based: {opd_id: BarisAnggaran of the OPD}.

    The city overview cannot call anggaran_opd once per OPD (4 queries each);
    this computes the same OPD row from aggregates grouped by OPD and program
    in 5 queries whatever the number of OPDs. Each sum runs on its own table
    (lines, anggaran kas, realisasi) so no join multiplies a row. The roll-up
    and the aggregate-figure rules are anggaran.services' own, applied to
    program rows built from the grouped sums, so both paths agree to the rupiah
    (tests compare them). `opd_ids` limits it to some OPDs (the OPD dashboard
    needs program totals, not 70 line objects).
    """
    from django.db.models import Count, Exists, F, OuterRef, Q, Sum

    from anggaran.models import AnggaranAgregat, AnggaranKas, DpaSubKegiatan, RealisasiAnggaran
    from anggaran.services import BarisAnggaran, _apply_agregat, _roll_up

    program_path = "sub_kegiatan__kegiatan__program_id"
    opd_filter = {} if opd_ids is None else {"opd_id__in": list(opd_ids)}
    dpa_filter = {} if opd_ids is None else {"dpa__opd_id__in": list(opd_ids)}
    lines = (
        DpaSubKegiatan.objects.filter(tahun=tahun, **opd_filter)
        .order_by()
        .values("opd_id", program=F(program_path))
        .annotate(
            n=Count("id"),
            murni=Sum("pagu_murni"),
            murni_kosong=Count("id", filter=Q(pagu_murni__isnull=True)),
            perubahan=Sum("pagu_perubahan"),
            perubahan_kosong=Count("id", filter=Q(pagu_perubahan__isnull=True)),
        )
    )
    programs = {}
    for item in lines:
        row = BarisAnggaran("program", "", "")
        row.pagu_murni = None if item["murni_kosong"] else item["murni"]
        row.pagu_perubahan = None if item["perubahan_kosong"] else item["perubahan"]
        row.jumlah_baris = item["n"]
        programs[(item["opd_id"], item["program"])] = row

    kas = (
        AnggaranKas.objects.filter(dpa__tahun=tahun, **dpa_filter)
        .order_by()
        .values("triwulan", opd=F("dpa__opd_id"), program=F(f"dpa__{program_path}"))
        .annotate(n=Count("id"), jumlah=Sum("jumlah"))
    )
    for item in kas:
        row = programs[(item["opd"], item["program"])]
        # A line without its anggaran kas for the quarter leaves the total unknown (as _sum_all).
        row.kas[item["triwulan"] - 1] = item["jumlah"] if item["n"] == row.jumlah_baris else None

    quarterly = (
        RealisasiAnggaran.objects.filter(dpa__tahun=tahun, triwulan__isnull=False, **dpa_filter)
        .order_by()
        .values("triwulan", opd=F("dpa__opd_id"), program=F(f"dpa__{program_path}"))
        .annotate(jumlah=Sum("jumlah"))
    )
    for item in quarterly:
        row = programs[(item["opd"], item["program"])]
        row.realisasi_tw[item["triwulan"] - 1] = item["jumlah"]
        row.realisasi = (row.realisasi or 0) + item["jumlah"]

    # An annual figure counts only for a line with no quarterly figure (as _baris_dpa).
    has_quarterly = RealisasiAnggaran.objects.filter(dpa_id=OuterRef("dpa_id"), triwulan__isnull=False)
    annual = (
        RealisasiAnggaran.objects.filter(dpa__tahun=tahun, triwulan__isnull=True, **dpa_filter)
        .exclude(Exists(has_quarterly))
        .order_by()
        .values(opd=F("dpa__opd_id"), program=F(f"dpa__{program_path}"))
        .annotate(jumlah=Sum("jumlah"))
    )
    for item in annual:
        row = programs[(item["opd"], item["program"])]
        row.realisasi = (row.realisasi or 0) + item["jumlah"]

    per_opd = {}
    for (opd_id, program_id), row in programs.items():
        row.obj_id = program_id
        per_opd.setdefault(opd_id, {})[program_id] = row
    agregat = list(AnggaranAgregat.objects.filter(tahun=tahun, **opd_filter))
    for item in agregat:
        if item.program_id is None:
            continue
        rows = per_opd.setdefault(item.opd_id, {})
        row = rows.get(item.program_id)
        if row is None:
            row = rows[item.program_id] = BarisAnggaran("program", "", "")
            row.obj_id = item.program_id
        _apply_agregat(row, item)

    hasil = {}
    for opd_id, rows in per_opd.items():
        opd_row = BarisAnggaran("opd", "", "", anak=list(rows.values()))
        _roll_up(opd_row)
        hasil[opd_id] = opd_row
    for item in agregat:
        if item.program_id is None:
            opd_row = hasil.setdefault(item.opd_id, BarisAnggaran("opd", "", ""))
            _apply_agregat(opd_row, item, override=True)
    return hasil


def triwulan_anggaran(baris):
    """The latest triwulan with a quarterly budget realisasi in a budget row (None: annual only)."""
    known = [i + 1 for i, v in enumerate(baris.realisasi_tw) if v is not None]
    return max(known) if known else None


# --- Perjanjian Kinerja grid --------------------------------------------------


@dataclass
class BarisPk:
    """One indicator of a PK grid: the annual and the four triwulan targets."""

    indikator: Indikator
    pk_indikator: object = None
    triwulan: dict = None  # triwulan -> TargetTriwulan

    @property
    def selisih(self):
        """Σ triwulan − annual for a sum indicator (0 when they agree); None otherwise."""
        if self.pk_indikator is None or self.pk_indikator.kosong:
            return None
        values = {tw: t.nilai_eksak for tw, t in self.triwulan.items() if not t.kosong}
        return selisih_target_triwulan(self.indikator.agregasi, self.pk_indikator.nilai_eksak, values)

    @property
    def tidak_cocok(self):
        return self.selisih not in (None, 0)


def baris_pk(perjanjian, opd, tahun):
    """The PK grid: its indicators plus every IKU with a target that year not yet in it."""
    from django.db.models import Prefetch

    from indikator.models import PkIndikator

    rows = {}
    if perjanjian is not None:
        for item in (PkIndikator.objects.filter(perjanjian=perjanjian).select_related("indikator")
                     .prefetch_related(Prefetch("triwulan"))):
            rows[item.indikator_id] = BarisPk(item.indikator, item, {t.triwulan: t for t in item.triwulan.all()})
    for indikator in indikator_tahun(opd, tahun).filter(is_iku=True).exclude(pk__in=rows.keys()):
        rows[indikator.pk] = BarisPk(indikator, None, {})
    return sorted(rows.values(), key=lambda r: (r.pk_indikator.urutan if r.pk_indikator else 999,
                                                r.indikator.urutan, r.indikator.pk))


def pk_simpan_target(*, perjanjian, versi, nilai, urutan_awal=1):
    """Save the grid: `nilai` maps indikator -> {0: annual, 1..4: triwulan} of (number or predicate).

    A PK that is ditetapkan is locked. The PK's own version guards the whole
    grid (one form edits it), bumped without a save so its audit trail only
    records real changes; each changed target gets its own history record.
    """
    from django.db import transaction

    from indikator.models import PkIndikator, TargetTriwulan

    if perjanjian.terkunci:
        raise ValueError("PK ini sudah ditetapkan dan terkunci.")
    with transaction.atomic():
        perjanjian.klaim_versi(versi, status="draft")
        existing = {p.indikator_id: p for p in PkIndikator.objects.filter(perjanjian=perjanjian)}
        # urutan_awal: the grid is paginated; a row's order is its place in the whole PK.
        for urutan, (indikator, values) in enumerate(nilai.items(), start=urutan_awal):
            pk_ind = existing.get(indikator.pk)
            if pk_ind is None:
                if all(v is None for v in values.values()):
                    continue
                pk_ind = PkIndikator(perjanjian=perjanjian, indikator=indikator, urutan=urutan)
            if _set_nilai(pk_ind, values.get(0)) or pk_ind.pk is None:
                pk_ind.save()
            tws = {t.triwulan: t for t in pk_ind.triwulan.all()}
            for tw in range(1, 5):
                target = tws.get(tw)
                if values.get(tw) is None:
                    if target is not None:
                        target.delete()
                    continue
                target = target or TargetTriwulan(pk_indikator=pk_ind, triwulan=tw)
                if _set_nilai(target, values[tw]) or target.pk is None:
                    target.save()
    return perjanjian


def _set_nilai(obj, value):
    """Put a number (Decimal) or a predicate (str) on a NilaiMixin object; True when it changed."""
    from decimal import Decimal as D

    nilai = value if isinstance(value, D) else None
    predikat = value if isinstance(value, str) else ""
    if obj.nilai == nilai and obj.predikat == predikat and obj.pembilang is None:
        return False
    if obj.nilai != nilai:
        obj.pembilang = obj.penyebut = None
    obj.nilai, obj.predikat = nilai, predikat
    return True


def pk_tetapkan(*, perjanjian, versi, rows):
    """Set a PK 'ditetapkan', which locks it; refused while a sum indicator's quarters disagree."""
    from indikator.models import PerjanjianKinerja

    salah = [r.indikator.kode for r in rows if r.tidak_cocok]
    if salah:
        raise ValueError("Target triwulan belum sama dengan target tahunan: " + ", ".join(salah) + ".")
    if not any(r.pk_indikator for r in rows):
        raise ValueError("PK belum memuat indikator.")
    from django.utils import timezone

    perjanjian.status = PerjanjianKinerja.Status.DITETAPKAN
    perjanjian.tanggal = perjanjian.tanggal or timezone.localdate()
    perjanjian.save_versioned(versi)
    return perjanjian


def anggaran_opd_program(opd, tahun):
    """The OPD's budget row with its program rows (kode, nama, obj filled), without line objects.

    Same figures as anggaran.services.anggaran_opd for the OPD and program
    levels (both use its roll-up), in 6 queries of grouped sums instead of
    building a row per DPA line: what the dashboard needs under load.
    """
    from anggaran.models import Program
    from anggaran.services import BarisAnggaran

    opd_row = anggaran_per_opd(tahun, [opd.pk]).get(opd.pk) or BarisAnggaran("opd", "", "")
    opd_row.kode, opd_row.nama, opd_row.obj = opd.kode, opd.nama, opd
    programs = Program.objects.in_bulk([r.obj_id for r in opd_row.anak])
    for row in opd_row.anak:
        row.obj = programs[row.obj_id]
        row.kode, row.nama = row.obj.kode_lengkap, row.obj.nama
    opd_row.anak.sort(key=lambda r: r.kode)
    return opd_row


# --- Renstra editing ---------------------------------------------------------


def indikator_simpan(*, indikator, versi, target):
    """Save an indicator and its Renstra targets (`target`: tahun -> Decimal, predicate or None).

    The indicator's version guards its targets too (one form edits them), so
    a second editor of either is refused; a target emptied is removed, since
    a blank is absent rather than zero.
    """
    from django.db import transaction

    from indikator.models import Target

    with transaction.atomic():
        indikator.simpan_atau_buat(versi)
        existing = {t.tahun: t for t in Target.objects.filter(indikator=indikator)}
        for tahun, value in target.items():
            row = existing.get(tahun)
            if value is None:
                if row is not None:
                    row.delete()
                continue
            row = row or Target(indikator=indikator, tahun=tahun)
            if _set_nilai(row, value) or row.pk is None:
                row.save()
    return indikator


def anggaran_belum_diisi(opd, tahun, triwulan):
    """Per unit kerja: the DPA lines whose realisasi anggaran of the triwulan is not entered.

    A line with only an annual figure (no quarterly split) counts as not
    entered for the triwulan: nothing says what was spent in that quarter.
    """
    from anggaran.services import dpa_queryset

    hasil = {}
    for dpa in dpa_queryset(opd, tahun):
        if not any(r.triwulan == triwulan for r in dpa.realisasi.all()):
            hasil.setdefault(dpa.unit_kerja_id, []).append(dpa)
    return hasil


# --- Spreadsheet template and import of a triwulan's realisasi ---------------

KINERJA_KOLOM = ["Kode indikator", "Indikator", "Satuan", "Target", "Realisasi", "Analisis", "Kendala"]
ANGGARAN_KOLOM = ["Kode sub kegiatan", "Sub kegiatan", "Pagu", "Anggaran kas", "Realisasi anggaran"]


def realisasi_template_sheets(*, opd, tahun, triwulan, unit):
    """The sheets of the XLSX template of a unit's triwulan, pre-filled with its rows."""
    from anggaran.services import baris_dpa, dpa_queryset

    rows = baris_realisasi(indikator_tahun(opd, tahun).filter(penanggung_jawab=unit), tahun, triwulan)
    kinerja = []
    for row in rows:
        if not row.dapat_diisi:
            continue
        r, t = row.realisasi, row.target
        kinerja.append([
            row.indikator.kode, row.indikator.nama, row.indikator.satuan,
            None if t is None or t.kosong else (t.predikat or t.nilai_eksak),
            None if r is None or r.kosong else (r.predikat or r.nilai),
            r.analisis if r else "", r.kendala if r else "",
        ])
    anggaran = []
    for dpa in dpa_queryset(opd, tahun).filter(unit_kerja=unit):
        b = baris_dpa(dpa)
        anggaran.append([b.kode, b.nama, b.pagu, b.kas[triwulan - 1], b.realisasi_tw[triwulan - 1]])
    return [("Kinerja", KINERJA_KOLOM, kinerja), ("Anggaran", ANGGARAN_KOLOM, anggaran)]


def realisasi_import_xlsx(*, file, opd, tahun, triwulan, user, commit):
    """Import a triwulan's realisasi (performance and budget) from the portal's template; all or nothing.

    Rows are checked first: unknown code, text in a number, negative money,
    a row of another unit (the user may enter only its own), a row already
    submitted or verified, a triwulan whose input window is closed. With any
    bad row nothing is written. Returns portal.xlsx.HasilImpor.
    """
    from django.db import transaction
    from django.utils import timezone

    from anggaran.models import RealisasiAnggaran
    from anggaran.services import dpa_queryset
    from indikator.models import Realisasi
    from portal.access import can_edit_opd_data, can_enter_realisasi
    from portal.models import JendelaInput
    from portal.xlsx import HasilImpor, angka_sel, baca_sheet, baris_berkode, buka_xlsx, uang_sel

    hasil = HasilImpor()
    if not JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=user)[1]:
        romawi = ROMAWI[triwulan]
        hasil.salah("", 0, f"Pengisian realisasi TW {romawi} {tahun} sedang ditutup.")
        return hasil
    workbook = buka_xlsx(file, hasil)
    if workbook is None:
        return hasil
    baris = {r.indikator.kode: r for r in baris_realisasi(indikator_tahun(opd, tahun), tahun, triwulan)}
    rencana_kinerja = []
    for number, row, kode, item in baris_berkode(
        baca_sheet(workbook, "Kinerja", KINERJA_KOLOM, hasil), hasil, "Kinerja", "Kode indikator", baris,
        f"Kode indikator '{{kode}}' tidak dikenal untuk tahun {tahun}.",
    ):
        ind = item.indikator
        if not can_enter_realisasi(user, opd, ind.penanggung_jawab_id):
            hasil.salah("Kinerja", number, f"{kode} adalah indikator unit lain ({ind.penanggung_jawab or '-'}).")
            continue
        raw = row["Realisasi"]
        try:
            if ind.is_predikat:
                value = str(raw).strip().upper()[:5] if raw not in (None, "") else None
            else:
                value = angka_sel(raw, "Realisasi")
        except ValueError as exc:
            hasil.salah("Kinerja", number, str(exc))
            continue
        analisis, kendala = str(row["Analisis"] or "").strip(), str(row["Kendala"] or "").strip()
        lama = item.realisasi
        lama_nilai = None if lama is None or lama.kosong else (lama.predikat or lama.nilai)
        changes = []
        if value is not None and value != lama_nilai:
            changes.append(("realisasi", lama_nilai, value))
        for name, baru in (("analisis", analisis), ("kendala", kendala)):
            if (getattr(lama, name) if lama else "") != baru and (value is not None or lama is not None):
                changes.append((name, getattr(lama, name) if lama else "", baru))
        if not changes:
            continue
        if not item.dapat_diisi:
            hasil.salah("Kinerja", number, f"{kode} hanya diisi pada TW IV.")
            continue
        if lama is not None and lama.status == Realisasi.Status.DIVERIFIKASI:
            hasil.salah("Kinerja", number, f"{kode} sudah diverifikasi: ubah di halaman realisasi dengan alasan.")
            continue
        if lama is not None and lama.status == Realisasi.Status.DIAJUKAN and not can_edit_opd_data(user, opd):
            hasil.salah("Kinerja", number, f"{kode} sedang menunggu verifikasi dan tidak dapat diubah.")
            continue
        if value is None and lama_nilai is None:
            hasil.salah("Kinerja", number, f"{kode}: realisasi wajib diisi.")
            continue
        for kolom, a, b in changes:
            hasil.perubahan.append(("Kinerja", number, kode, ind.nama, kolom, a, b))
        rencana_kinerja.append((item, value, analisis, kendala))

    lines = {d.sub_kegiatan.kode_lengkap: d for d in dpa_queryset(opd, tahun)}
    rencana_anggaran = []
    for number, row, kode, dpa in baris_berkode(
        baca_sheet(workbook, "Anggaran", ANGGARAN_KOLOM, hasil), hasil, "Anggaran", "Kode sub kegiatan", lines,
        f"Kode sub kegiatan '{{kode}}' tidak ada di DPA {tahun}.",
    ):
        if not can_enter_realisasi(user, opd, dpa.unit_kerja_id):
            hasil.salah("Anggaran", number, f"{kode} adalah sub kegiatan unit lain ({dpa.unit_kerja or '-'}).")
            continue
        try:
            jumlah = uang_sel(row["Realisasi anggaran"], "Realisasi anggaran")
        except ValueError as exc:
            hasil.salah("Anggaran", number, str(exc))
            continue
        lama = next((r.jumlah for r in dpa.realisasi.all() if r.triwulan == triwulan), None)
        if jumlah is None or jumlah == lama:
            continue
        hasil.perubahan.append(("Anggaran", number, kode, dpa.sub_kegiatan.nama, "realisasi anggaran", lama, jumlah))
        rencana_anggaran.append((dpa, jumlah))

    if not hasil.sah or not commit:
        return hasil
    now = timezone.now()
    with transaction.atomic():
        for item, value, analisis, kendala in rencana_kinerja:
            realisasi = item.realisasi or Realisasi(indikator=item.indikator, tahun=tahun, triwulan=triwulan)
            if value is not None:
                if item.indikator.is_predikat:
                    realisasi.predikat, realisasi.nilai = value, None
                else:
                    if realisasi.nilai != value:
                        realisasi.pembilang = realisasi.penyebut = None
                    realisasi.nilai, realisasi.predikat = value, ""
            realisasi.analisis, realisasi.kendala = analisis, kendala
            if realisasi.status == Realisasi.Status.DIKEMBALIKAN:
                realisasi.status = Realisasi.Status.DRAFT
            realisasi.diisi_oleh, realisasi.diisi_pada = user, now
            realisasi._change_reason = "Impor XLSX"
            if realisasi.pk is None:
                realisasi.save()
            else:
                realisasi.save_versioned(realisasi.versi)
        for dpa, jumlah in rencana_anggaran:
            row = next((r for r in dpa.realisasi.all() if r.triwulan == triwulan), None)
            row = row or RealisasiAnggaran(dpa=dpa, triwulan=triwulan, jumlah=jumlah)
            row.jumlah = jumlah
            row._change_reason = "Impor XLSX"
            if row.pk is None:
                row.save()
            else:
                row.save_versioned(row.versi)
    hasil.disimpan = True
    return hasil
