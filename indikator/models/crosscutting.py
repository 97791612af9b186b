"""Crosscutting: the other agencies that contribute to an indicator, and what each contributes.

A partner inside the portal (another OPD of the same installation) is named
with its own indicator when it has one; one outside it (a vertical agency, a
university) by a text. The partner OPD sees where others depend on it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indikator.models.renstra import Indikator
from portal.models import PerangkatDaerah, Versioned


class Crosscutting(Versioned):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="crosscutting",
                                  verbose_name="indikator yang didukung")
    opd_mitra = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="crosscutting_mitra", verbose_name="perangkat daerah mitra")
    indikator_mitra = models.ForeignKey(Indikator, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="crosscutting_kontribusi", verbose_name="indikator mitra")
    mitra_teks = models.CharField("mitra di luar portal", max_length=200, blank=True)
    kontribusi = models.TextField("kontribusi")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "crosscutting"
        verbose_name_plural = "crosscutting"
        ordering = ["indikator", "id"]
        constraints = [
            # Exactly one partner: an OPD of the portal or a text for one outside it.
            models.CheckConstraint(
                condition=(Q(opd_mitra__isnull=False, mitra_teks="")
                           | (Q(opd_mitra__isnull=True, indikator_mitra__isnull=True) & ~Q(mitra_teks=""))),
                name="crosscutting_satu_mitra"),
        ]

    def __str__(self):
        return f"{self.indikator} ← {self.mitra}"

    @property
    def mitra(self):
        return str(self.opd_mitra) if self.opd_mitra_id else self.mitra_teks

    def clean(self):
        if bool(self.opd_mitra_id) == bool(self.mitra_teks.strip()):
            raise ValidationError("Pilih perangkat daerah mitra atau tuliskan mitra di luar portal (salah satu).")
        if self.opd_mitra_id and self.indikator_id and self.opd_mitra_id == self.indikator.opd_id:
            raise ValidationError({"opd_mitra": "Mitra crosscutting adalah perangkat daerah lain."})
        if self.indikator_mitra_id and self.indikator_mitra.opd_id != self.opd_mitra_id:
            raise ValidationError({"indikator_mitra": "Indikator mitra harus milik perangkat daerah mitra."})
