"""IKM from the respondents' answers (PermenPANRB 14/2017), exact: NRR per unsur and IKM with 1/9, not 0,11.

NRR of an unsur = Σ scores / respondents; IKM (converted) = Σ NRR × 1/9 × 25.
Both are fractions; a value is rounded (half up) only where it is shown or
stored: the survey keeps its IKM to two decimals, as the SKM report prints it.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from evaluasi.models.hasil import JUMLAH_UNSUR_SKM, KONVERSI_IKM
from evaluasi.skor import bulatkan
from indikator.capaian import mutu_ikm


@dataclass
class HasilIkm:
    label: str
    responden: int
    nrr: list  # Decimal per unsur, four decimals, as the SKM report prints them
    ikm: Decimal | None  # converted 25–100, two decimals
    mutu: tuple | None  # (mutu, kinerja unit)


def ikm_dari_skor(skor_responden):
    """The exact IKM (Fraction) of respondents given as lists of nine scores; None without respondents."""
    skor = list(skor_responden)
    if not skor:
        return None
    return Fraction(sum(sum(s) for s in skor), len(skor) * JUMLAH_UNSUR_SKM) * int(KONVERSI_IKM)


def hasil_ikm(label, responden):
    skor = [r.skor for r in responden]
    if not skor:
        return HasilIkm(label, 0, [None] * JUMLAH_UNSUR_SKM, None, None)
    nrr = [Fraction(sum(s[i] for s in skor), len(skor)) for i in range(JUMLAH_UNSUR_SKM)]
    ikm = bulatkan(ikm_dari_skor(skor))
    return HasilIkm(label, len(skor), [_empat(n) for n in nrr], ikm, mutu_ikm(ikm))


def ikm_per_unit(responden):
    """The OPD's result, then one per service unit (those named on the respondents), in name order."""
    responden = list(responden)
    unit = sorted({r.unit_layanan for r in responden if r.unit_layanan})
    return [hasil_ikm("Perangkat daerah", responden)] + [
        hasil_ikm(u, [r for r in responden if r.unit_layanan == u]) for u in unit]


def _empat(nilai):
    sen = Fraction(nilai) * 10000
    return Decimal((sen + Fraction(1, 2)).__floor__()) / 10000
