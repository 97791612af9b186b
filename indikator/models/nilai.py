"""The one shape of a target or realisasi value (NilaiMixin): a number or a predicate, with its exact fraction."""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from portal.teks import TeksAmanModel

SATUAN_PERSEN = {"%", "persen", "persentase"}


def nilai_field(verbose_name="nilai"):
    return models.DecimalField(verbose_name, max_digits=20, decimal_places=6, null=True, blank=True)


class NilaiMixin(TeksAmanModel):
    nilai = nilai_field()
    predikat = models.CharField("predikat", max_length=5, blank=True)
    pembilang = nilai_field("pembilang")
    penyebut = nilai_field("penyebut")

    class Meta:
        abstract = True

    @property
    def kosong(self):
        return self.nilai is None and not self.predikat and self.pembilang is None

    @property
    def nilai_eksak(self):
        """The number, exact: pembilang/penyebut × 100 when both are recorded."""
        if self.pembilang is not None and self.penyebut:
            return self.pembilang * Decimal(100) / self.penyebut
        return self.nilai

    def isi_nilai(self, value):
        """Put a number (Decimal) or a predicate (str) in; True when it changed.

        A new number drops the numerator and denominator it no longer agrees with.
        """
        nilai = None if isinstance(value, str) else value
        predikat = value if isinstance(value, str) else ""
        if self.nilai == nilai and self.predikat == predikat and self.pembilang is None:
            return False
        if self.nilai != nilai:
            self.pembilang = self.penyebut = None
        self.nilai, self.predikat = nilai, predikat
        return True

    def clean_nilai(self):
        if self.nilai is not None and self.predikat:
            raise ValidationError("Isi angka atau predikat, tidak keduanya.")
        if (self.pembilang is None) != (self.penyebut is None):
            raise ValidationError("Pembilang dan penyebut harus diisi bersama.")
        if self.penyebut is not None and self.penyebut <= 0:
            raise ValidationError({"penyebut": "Penyebut harus lebih dari nol."})
