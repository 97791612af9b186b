"""LKE scores, exact: sub-component = bobot × mean of its answers; component = Σ sub; total = Σ components.

Pure arithmetic on what the worksheet holds (no queries). The mean of seven
answers is a fraction Decimal cannot hold (6 × 5,3 / 7), so sums run on
Fraction and a component is rounded once, half up, to the two decimals the LHE
prints; the total is the sum of the printed components, as in the seed LHEs
(22,94 + 23,11 + 11,23 + 20,01 = 77,29). A sub-component or component without a
single answer is "belum dinilai" (None), never 0.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

SERATUS = Fraction(100)


def bulatkan(nilai):
    """A Fraction rounded half up to two decimals, as a Decimal (integer arithmetic, no float)."""
    if nilai is None:
        return None
    sen = Fraction(nilai) * 100
    bulat = (sen + Fraction(1, 2)).__floor__() if sen >= 0 else -((-sen + Fraction(1, 2)).__floor__())
    return Decimal(bulat) / 100


def nilai_subkomponen(bobot, nilai_jawaban):
    """bobot × mean of the answers' values (percent); None when nothing is answered."""
    nilai = [Fraction(v) for v in nilai_jawaban if v is not None]
    if not nilai:
        return None
    return Fraction(bobot) * sum(nilai) / len(nilai) / SERATUS


def nilai_komponen(nilai_sub):
    """Σ of the sub-components that have a score, rounded to two decimals; None when none has."""
    ada = [n for n in nilai_sub if n is not None]
    return bulatkan(sum(ada, Fraction(0))) if ada else None


def nilai_total(nilai_komponen_list):
    """Σ of the (rounded) component scores; None while any component is belum dinilai."""
    nilai = list(nilai_komponen_list)
    if not nilai or any(n is None for n in nilai):
        return None
    return sum((Decimal(n) for n in nilai), Decimal(0))


@dataclass
class HasilSub:
    sub: object
    nilai: Decimal | None
    terjawab: int
    jumlah: int


@dataclass
class HasilKomponen:
    komponen: object
    nilai: Decimal | None
    sub: list = field(default_factory=list)

    @property
    def terjawab(self):
        return sum(s.terjawab for s in self.sub)

    @property
    def jumlah(self):
        return sum(s.jumlah for s in self.sub)

    @property
    def persen_terjawab(self):
        return self.terjawab * 100 // self.jumlah if self.jumlah else 0


@dataclass
class HasilLke:
    komponen: list
    total: Decimal | None
    predikat: object = None  # a PredikatAkip band, or None while the total is open

    @property
    def terjawab(self):
        return sum(k.terjawab for k in self.komponen)

    @property
    def jumlah(self):
        return sum(k.jumlah for k in self.komponen)

    @property
    def lengkap(self):
        return self.jumlah > 0 and self.terjawab == self.jumlah


def hitung_lke(struktur, nilai_per_kriteria, skala_predikat=None):
    """The scores of a worksheet: `struktur` from Lke.struktur(), `nilai_per_kriteria` {kriteria id: % or None}."""
    komponen = []
    for k in struktur:
        subs, exact = [], []
        for s in k.sub.all():
            nilai = [nilai_per_kriteria.get(kr.pk) for kr in s.kriteria.all()]
            exact.append(nilai_subkomponen(s.bobot, nilai))
            subs.append(HasilSub(sub=s, nilai=_sebagai_decimal(exact[-1]),
                                 terjawab=sum(v is not None for v in nilai), jumlah=len(nilai)))
        komponen.append(HasilKomponen(komponen=k, nilai=nilai_komponen(exact), sub=subs))
    total = nilai_total(h.nilai for h in komponen)
    predikat = skala_predikat.predikat_untuk(total) if total is not None and skala_predikat is not None else None
    return HasilLke(komponen=komponen, total=total, predikat=predikat)


def _sebagai_decimal(nilai):
    # A sub-component is shown to four decimals; the component rounds the exact sum, not these.
    if nilai is None:
        return None
    return (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(Decimal("0.0001"))
