"""The AKIP predicate scales as data (PermenPANRB 88/2021, 12/2015), versioned by evaluation year."""

from django.db import models

from portal.models import (
    TAHUN_VALIDATORS,
)
from portal.teks import TeksAmanModel


class SkalaPredikat(TeksAmanModel):
    """A predicate scale of evaluasi AKIP, in force from an evaluation year."""

    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=200)
    tahun_mulai = models.PositiveSmallIntegerField(
        "berlaku untuk LHE mulai tahun", validators=TAHUN_VALIDATORS
    )

    class Meta:
        verbose_name = "skala predikat AKIP"
        verbose_name_plural = "skala predikat AKIP"
        ordering = ["tahun_mulai"]

    def __str__(self):
        return self.nama

    @classmethod
    def for_tahun(cls, tahun):
        return (
            cls.objects.filter(tahun_mulai__lte=tahun)
            .order_by("-tahun_mulai")
            .prefetch_related("predikat")
            .first()
        )

    def predikat_untuk(self, nilai):
        """The band a score falls in: the highest band whose lower bound it passes."""
        for band in sorted(self.predikat.all(), key=lambda b: b.batas_bawah, reverse=True):
            if nilai > band.batas_bawah or (band.bawah_inklusif and nilai == band.batas_bawah):
                return band
        return None

    def peringkat(self, kode_predikat):
        for band in self.predikat.all():
            if band.predikat == kode_predikat:
                return band.peringkat
        return None


class PredikatAkip(TeksAmanModel):
    skala = models.ForeignKey(SkalaPredikat, on_delete=models.CASCADE, related_name="predikat")
    predikat = models.CharField("predikat", max_length=5)
    batas_bawah = models.DecimalField("batas bawah", max_digits=6, decimal_places=2)
    bawah_inklusif = models.BooleanField(
        "batas bawah termasuk", default=False, help_text="Ya untuk rentang '0–30'; tidak untuk '> 90'."
    )
    batas_atas = models.DecimalField("batas atas", max_digits=6, decimal_places=2)
    keterangan = models.CharField("keterangan", max_length=60)
    peringkat = models.PositiveSmallIntegerField("peringkat", help_text="Makin besar makin baik.")

    class Meta:
        verbose_name = "predikat AKIP"
        verbose_name_plural = "predikat AKIP"
        ordering = ["skala", "-peringkat"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "predikat"], name="predikat_unik_per_skala"),
        ]

    def __str__(self):
        return f"{self.predikat} ({self.keterangan})"
