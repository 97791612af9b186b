"""Rencana aksi: the actions planned for a PK indicator each triwulan, and their progress.

The plan (what, output, responsible unit and position, linked sub-kegiatan)
is the perencana's; each quarter's progress is entered by the responsible
unit in the same quarterly cycle, window, lock, audit and verification as a
realisasi (SiklusTriwulan).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from anggaran.models import SubKegiatan
from indikator.models.jabatan import Jabatan
from indikator.models.nilai import nilai_field
from indikator.models.pk import PkIndikator
from indikator.models.siklus import SiklusTriwulan
from portal.models import TRIWULAN_CHOICES, UnitKerja, Versioned


class RencanaAksi(Versioned):
    pk_indikator = models.ForeignKey(PkIndikator, on_delete=models.CASCADE, related_name="rencana_aksi",
                                     verbose_name="indikator PK")
    uraian = models.CharField("rencana aksi", max_length=300)
    output = models.CharField("output", max_length=200, blank=True)
    satuan = models.CharField("satuan", max_length=60, blank=True)
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="rencana_aksi",
                             verbose_name="unit penanggung jawab")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name="jabatan penanggung jawab")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="sub kegiatan")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["pk_indikator", "urutan", "id"]

    def __str__(self):
        return self.uraian


class AksiTriwulan(SiklusTriwulan):
    """One quarter of a rencana aksi: its target, and the progress the unit records against it."""

    class Keadaan(models.TextChoices):
        BELUM = "belum", "Belum dimulai"
        BERJALAN = "berjalan", "Berjalan sesuai rencana"
        TERHAMBAT = "terhambat", "Terhambat"
        SELESAI = "selesai", "Selesai"

    rencana = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="triwulan")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=[MinValueValidator(1), MaxValueValidator(4)])
    target = nilai_field("target")
    realisasi = nilai_field("realisasi")
    keadaan = models.CharField("status aksi", max_length=10, choices=Keadaan.choices, blank=True)
    kendala = models.TextField("kendala", blank=True)
    tindak_lanjut = models.TextField("tindak lanjut", blank=True)

    nama_isian = "progres rencana aksi"
    nama_pokok = "rencana aksi"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "triwulan rencana aksi"
        verbose_name_plural = "triwulan rencana aksi"
        ordering = ["rencana", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["rencana", "triwulan"], name="aksi_satu_per_triwulan"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="aksi_triwulan_1_4"),
        ]

    def __str__(self):
        return f"{self.rencana} TW {self.triwulan}"

    @property
    def tahun(self):
        return self.rencana.pk_indikator.perjanjian.tahun

    @property
    def kosong(self):
        """Nothing recorded yet (a target alone is the plan, not progress)."""
        return self.realisasi is None and not self.keadaan

    @property
    def tertinggal(self):
        """Off track: marked as obstructed, or recorded below its target."""
        if self.keadaan == self.Keadaan.TERHAMBAT:
            return True
        return self.realisasi is not None and self.target is not None and self.realisasi < self.target

    # --- Hooks of the quarterly cycle (SiklusTriwulan) ---------------------------------

    def siklus_opd(self):
        return self.rencana.pk_indikator.perjanjian.opd

    def siklus_unit(self):
        return self.rencana.unit_id, self.rencana.unit.nama

    def siklus_kode(self):
        uraian = self.rencana.uraian
        return f"Rencana aksi \u201c{uraian[:60]}{'…' if len(uraian) > 60 else ''}\u201d"

    def alasan_isian_ditolak(self):
        if self.realisasi is not None and self.realisasi < 0:
            return "Realisasi rencana aksi tidak boleh negatif."
        if self.keadaan == self.Keadaan.TERHAMBAT and not self.kendala.strip():
            return "Aksi yang terhambat perlu keterangan kendalanya."
        return None
