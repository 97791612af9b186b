"""Capaian, cumulative capaian, IKM and mutu: the one place these are computed.

All arithmetic is Decimal and unrounded; rounding happens only when a value
is printed (portal.angka). None means "belum diisi" or "tidak dapat
dihitung" and is never turned into 0 or 100.
"""

from dataclasses import dataclass
from decimal import Decimal

from indikator.models import Indikator
from portal.angka import bulatkan

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
