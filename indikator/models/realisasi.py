"""Realisasi of an indicator per triwulan; the quarterly cycle that decides who may change it is SiklusTriwulan."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from indikator.models.nilai import NilaiMixin
from indikator.models.renstra import Indikator
from indikator.models.siklus import SiklusTriwulan
from indikator.models.skala import SkalaPredikat
from portal.models import TAHUN_VALIDATORS, TRIWULAN_CHOICES, AksiDitolak


def bukti_upload_to(instance, filename):
    # The stored name never uses the uploader's file name: it may carry
    # path tricks or personal data.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    periode = instance.triwulan or "th"
    return f"bukti/{instance.indikator.opd_id}/{instance.tahun}/{instance.indikator_id}-{periode}.{ext}"


class Realisasi(NilaiMixin, SiklusTriwulan):
    """Realisasi of an indicator in a triwulan (or, triwulan empty, for the year as a whole).

    Who may change it, when, and what its status becomes: the quarterly cycle
    of SiklusTriwulan, which the progress of a rencana aksi follows too.
    """

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    triwulan = models.PositiveSmallIntegerField(
        "triwulan",
        choices=TRIWULAN_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        null=True,
        blank=True,
        help_text="Kosong: realisasi setahun yang tidak dirinci per triwulan.",
    )
    analisis = models.TextField("analisis", blank=True)
    kendala = models.TextField("kendala / tindak lanjut", blank=True)
    bukti = models.FileField("bukti dukung", upload_to=bukti_upload_to, blank=True)

    nama_isian = "realisasi"
    nama_pokok = "indikator"
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"],
                condition=Q(triwulan__isnull=False),
                name="realisasi_satu_per_triwulan",
            ),
            models.UniqueConstraint(
                fields=["indikator", "tahun"],
                condition=Q(triwulan__isnull=True),
                name="realisasi_satu_tahunan",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_triwulan_1_4",
            ),
        ]

    def __str__(self):
        label = f"TW {self.triwulan}" if self.triwulan else "setahun"
        return f"{self.indikator} {self.tahun} {label}"

    def clean(self):
        self.clean_nilai()
        if self.indikator_id is None or self.tahun is None:
            return
        pesan = self.indikator.alasan_tahun_ditolak(self.tahun)
        if pesan:
            raise ValidationError(pesan)  # not keyed by "tahun": the unit page's form has no such field
        pesan = self._alasan_nilai_ditolak()
        if pesan:
            raise ValidationError({"predikat" if self.indikator.is_predikat else "nilai": pesan})

    def alasan_isian_ditolak(self):
        """Why the figure on this row is not one a careful verifier would accept, or None.

        The year must be within the indicator's Renstra; the value within its
        plausible range (Indikator.alasan_nilai_ditolak), a predicate one of the
        year's scale.
        """
        return self.indikator.alasan_tahun_ditolak(self.tahun) or self._alasan_nilai_ditolak()

    def _alasan_nilai_ditolak(self):
        indikator = self.indikator
        skala = SkalaPredikat.for_tahun(self.tahun) if indikator.is_predikat else None
        value = self.predikat if indikator.is_predikat else self.nilai
        return indikator.alasan_nilai_ditolak(value, skala=skala)

    # --- Hooks of the quarterly cycle (SiklusTriwulan) ---------------------------------

    def siklus_opd(self):
        return self.indikator.opd

    def siklus_unit(self):
        indikator = self.indikator
        return indikator.penanggung_jawab_id, (str(indikator.penanggung_jawab) if indikator.penanggung_jawab_id
                                               else "")

    def siklus_kode(self):
        return self.indikator.kode

    def siklus_dilaporkan(self, triwulan):
        # A year-end-only indicator (AKIP) is reported at TW IV only.
        return self.indikator.diisi_pada(triwulan)

    def catat_dari_dokumen(self, *, user, versi, nilai, sumber, analisis=""):
        """Record the figure an issued document of record sets (the LHE AKIP, an SKM report), not a unit's entry.

        The document was approved where it was issued, so there is no input
        window and no second verification: the row is recorded as verified by
        the one who issued it, through the row's lock, with the document named
        in the audit trail (`sumber`). `nilai` is a Decimal or a predicate,
        checked like any entry.
        """
        self.isi_nilai(nilai)
        if analisis:
            self.analisis = analisis
        pesan = self.alasan_isian_ditolak()
        if pesan:
            raise AksiDitolak(pesan)
        now = timezone.now()
        self.status = self.Status.DIVERIFIKASI
        self.diisi_oleh, self.diisi_pada = user, now
        self.diverifikasi_oleh, self.diverifikasi_pada, self.catatan_verifikasi = user, now, ""
        self._change_reason = sumber
        self.simpan_atau_buat(versi)
        return self
