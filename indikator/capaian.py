"""Capaian kinerja: the one place it is computed (DOMAIN.md §3, §6).

Pure arithmetic on Decimal, with no database access and no model imports, so
that a change to how capaian, cumulative figures, status bands, projections
or the IKM mutu are computed is made here and nowhere else. The constants
below are the values the models store (indikator.models uses them in its
choices).

Nothing is rounded except where a rule is decided on the printed value
(status bands, mutu). None means "belum diisi" or "tidak dapat dihitung" and
is never turned into 0 or 100.
"""

from dataclasses import dataclass
from decimal import Decimal

from portal.angka import bulatkan

SERATUS = Decimal(100)

# Indikator.Polaritas, Indikator.RumusNegatif, Indikator.Agregasi
POSITIF, NEGATIF = "positif", "negatif"
DUA_TARGET, TARGET_PER_REALISASI = "dua_target", "target_per_realisasi"
JUMLAH, NILAI_AKHIR, AKHIR_TAHUN = "jumlah", "nilai_akhir", "akhir_tahun"


def capaian(target, realisasi, polaritas=POSITIF, rumus_negatif=DUA_TARGET):
    """Capaian kinerja (%) of a numeric indicator, or None when it cannot be computed.

    Positive: realisasi / target × 100. Negative: (2 × target − realisasi) /
    target × 100 by default, or target / realisasi × 100 when the indicator
    says so. A zero divisor has no capaian (None), not 0% or 100%.
    """
    if target is None or realisasi is None:
        return None
    if polaritas == NEGATIF:
        if rumus_negatif == TARGET_PER_REALISASI:
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
    if agregasi == JUMLAH:
        targets = [target_tw.get(tw) for tw in range(1, n + 1)]
        values = [realisasi_tw.get(tw) for tw in range(1, n + 1)]
        target = None if any(t is None for t in targets) else sum(targets, Decimal(0))
        realisasi = None if any(v is None for v in values) else sum(values, Decimal(0))
        return Kumulatif(target, realisasi, n)
    if agregasi == AKHIR_TAHUN and n < 4:
        return Kumulatif(None, None, n)
    return Kumulatif(target_tw.get(n), realisasi_tw.get(n), n)


def selisih_target_triwulan(agregasi, target_tahunan, target_tw):
    """For a sum-rule indicator: Σ triwulan targets − annual target (0 when they agree).

    None when the rule is not a sum or a figure is missing.
    """
    if agregasi != JUMLAH or target_tahunan is None:
        return None
    values = [target_tw.get(tw) for tw in range(1, 5)]
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0)) - target_tahunan


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
    sum_rule = indikator.agregasi == JUMLAH
    if not targets and target_tahunan is not None and not target_tahunan.kosong and not sum_rule:
        targets = {n: target_tahunan.nilai_eksak}
    values = {tw: r.nilai_eksak for tw, r in realisasi_tw.items() if r is not None and not r.kosong}
    hasil = kumulatif(indikator.agregasi, targets, values, n)
    return capaian(hasil.target, hasil.realisasi, indikator.polaritas, indikator.rumus_negatif)


# Lower bounds of the converted IKM (rounded to 2 decimals), best first.
MUTU_IKM = [
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
]


def mutu_ikm(nilai):
    """(mutu, kinerja unit) of a converted IKM value, classified after rounding to 2 decimals."""
    if nilai is None:
        return None
    rounded = bulatkan(nilai, 2)
    for batas, mutu, kinerja in MUTU_IKM:
        if rounded >= batas:
            return mutu, kinerja
    return "D", "Tidak Baik"


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
    if agregasi == JUMLAH:
        if kum.target and target_tahunan is not None:
            return kum.realisasi / kum.target * target_tahunan
        return kum.realisasi * 4 / n
    if agregasi == NILAI_AKHIR:
        return kum.realisasi
    return None


def asumsi_proyeksi(agregasi, ada_target_triwulan):
    """What `proyeksi_realisasi` assumes, in the words the drill-down prints beside the projection."""
    if agregasi == JUMLAH and ada_target_triwulan:
        return ("laju s.d. triwulan ini terhadap target kumulatifnya berlanjut: realisasi s.d. TW n ÷ target "
                "s.d. TW n × target tahunan (pola musiman rencana triwulan ikut terbawa)")
    if agregasi == JUMLAH:
        return ("tanpa target triwulan: laju rata-rata per triwulan berlanjut (realisasi s.d. TW n × 4 ÷ n)")
    if agregasi == NILAI_AKHIR:
        return "nilai triwulan terakhir dianggap bertahan sampai akhir tahun"
    return "indikator diukur sekali setahun (TW IV), jadi tidak diproyeksikan"
