"""The Perjanjian Kinerja of a year with its indicators and triwulan targets."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indikator.models.nilai import NilaiMixin
from indikator.models.renstra import Indikator
from portal.models import (
    TAHUN_VALIDATORS,
    TRIWULAN_CHOICES,
    TRIWULAN_VALIDATORS,
    PerangkatDaerah,
    Versioned,
)


class PerjanjianKinerja(Versioned):
    class Jenis(models.TextChoices):
        MURNI = "murni", "Murni"
        PERUBAHAN = "perubahan", "Perubahan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DITETAPKAN = "ditetapkan", "Ditetapkan"

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="perjanjian_kinerja")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.MURNI)
    pihak_pertama_nama = models.CharField("nama pihak pertama", max_length=150, blank=True)
    pihak_pertama_nip = models.CharField("NIP pihak pertama", max_length=30, blank=True)
    pihak_pertama_jabatan = models.CharField("jabatan pihak pertama", max_length=150, blank=True)
    pihak_kedua_nama = models.CharField("nama pihak kedua", max_length=150, blank=True)
    pihak_kedua_nip = models.CharField("NIP pihak kedua", max_length=30, blank=True)
    pihak_kedua_jabatan = models.CharField("jabatan pihak kedua", max_length=150, blank=True)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["opd", "-tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "jenis"], name="pk_unik_per_tahun_jenis"),
        ]

    def __str__(self):
        return f"PK {self.tahun} ({self.get_jenis_display()}) {self.opd}"

    @property
    def terkunci(self):
        return self.status == self.Status.DITETAPKAN


class PkIndikator(NilaiMixin):
    """An indicator in a PK with its annual target; its triwulan targets hang below."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="indikator"
    )
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="pk_indikator")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator PK"
        verbose_name_plural = "indikator PK"
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "indikator"], name="pk_indikator_unik"),
        ]

    def __str__(self):
        return f"{self.perjanjian}: {self.indikator}"

    def clean(self):
        self.clean_nilai()


class TargetTriwulan(NilaiMixin):
    pk_indikator = models.ForeignKey(PkIndikator, on_delete=models.CASCADE, related_name="triwulan")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target triwulan"
        verbose_name_plural = "target triwulan"
        ordering = ["pk_indikator", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["pk_indikator", "triwulan"], name="target_tw_unik"),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="target_tw_triwulan_1_4"
            ),
        ]

    def __str__(self):
        return f"{self.pk_indikator} TW {self.triwulan}"

    def clean(self):
        self.clean_nilai()
