"""Realisasi of an indicator per triwulan, and the quarterly cycle that decides who may change it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from indikator.models.nilai import NilaiMixin
from indikator.models.renstra import Indikator
from indikator.models.skala import SkalaPredikat
from portal.access import can_edit_opd_data, can_enter_realisasi
from portal.models import (
    TAHUN_VALIDATORS,
    TRIWULAN_CHOICES,
    AksiDitolak,
    JendelaInput,
    Versioned,
)


def bukti_upload_to(instance, filename):
    # The stored name never uses the uploader's file name: it may carry
    # path tricks or personal data.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    periode = instance.triwulan or "th"
    return f"bukti/{instance.indikator.opd_id}/{instance.tahun}/{instance.indikator_id}-{periode}.{ext}"


class Realisasi(NilaiMixin, Versioned):
    """Realisasi of an indicator in a triwulan (or, triwulan empty, for the year as a whole)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"

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
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.DRAFT)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diisi oleh",
    )
    diisi_pada = models.DateTimeField("diisi pada", null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diverifikasi oleh",
    )
    diverifikasi_pada = models.DateTimeField("diverifikasi pada", null=True, blank=True)
    catatan_verifikasi = models.TextField("catatan verifikasi", blank=True)

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

    @property
    def terkunci(self):
        return self.status == self.Status.DIVERIFIKASI

    # --- The quarterly cycle ---------------------------------------------------
    # The one place that decides who may change a realisasi, when, and what its
    # status becomes. The unit page, the XLSX import, verification, return and
    # the admin all call these methods, and every write takes the row's
    # optimistic lock (Versioned).

    def alasan_ditolak(self, user, hari=None, jendela=None):
        """Why `user` may not change this row's figures now, in words for the user; None when it may.

        An operator changes its own unit's rows and the perencana any row of its
        OPD, only while the triwulan's input window is open (the admin, who
        opens windows, always may); a year-end-only indicator only at TW IV;
        a submitted row waits for the perencana's verdict. An annual record
        (a year loaded from documents) is the perencana's alone.

        `jendela`: the (window, open) pair of JendelaInput.izin, when a caller
        checks many rows of one triwulan and asks for the window once.
        """
        indikator = self.indikator
        opd = indikator.opd
        if not can_enter_realisasi(user, opd, indikator.penanggung_jawab_id):
            if can_enter_realisasi(user, opd, user.unit_kerja_id):
                return f"{indikator.kode} adalah indikator unit lain ({indikator.penanggung_jawab or '-'})."
            return "Peran Anda hanya dapat membaca realisasi ini."
        if indikator.penanggung_jawab_id is None:
            return f"{indikator.kode} belum punya unit penanggung jawab; tetapkan dulu di Renstra."
        if self.triwulan is None:
            if can_edit_opd_data(user, opd):
                return None
            return "Realisasi setahun hanya diubah oleh perencana perangkat daerah."
        if not indikator.diisi_pada(self.triwulan):
            return f"{indikator.kode} hanya diisi pada TW IV."
        jendela, terbuka = jendela or JendelaInput.izin(
            opd=opd, tahun=self.tahun, triwulan=self.triwulan, user=user, hari=hari)
        if not terbuka:
            return JendelaInput.pesan_tertutup(jendela, self.tahun, self.triwulan, opd=opd)
        if self.status == self.Status.DIAJUKAN and not can_edit_opd_data(user, opd):
            return f"{indikator.kode} sedang menunggu verifikasi dan tidak dapat diubah."
        return None

    def boleh_diubah(self, user, hari=None, jendela=None):
        return self.alasan_ditolak(user, hari, jendela) is None

    @property
    def perlu_alasan(self):
        """A verified figure changes only with a reason, kept in the audit trail."""
        return self.pk is not None and self.status == self.Status.DIVERIFIKASI

    def simpan_isian(self, *, user, versi, alasan="", sumber="", jendela=None):
        """Record what `user` entered on this row (value, analysis, evidence), refusing a stale form.

        A verified row changes only with `alasan`, which goes into the audit
        trail (`sumber`, e.g. "Impor XLSX", names the way a change came in).
        An operator's correction sends a verified row back to draft so it is
        verified again; the perencana's own correction stays verified. A row
        returned to the unit becomes a draft again once it is corrected.
        """
        pesan = self.alasan_ditolak(user, jendela=jendela) or self.alasan_isian_ditolak()
        if pesan:
            raise AksiDitolak(pesan)
        now = timezone.now()
        if self.perlu_alasan:
            if not alasan:
                raise AksiDitolak("Realisasi yang sudah diverifikasi hanya dapat diubah dengan alasan.")
            if can_edit_opd_data(user, self.indikator.opd):
                self.diverifikasi_oleh, self.diverifikasi_pada = user, now
            else:
                self.status = self.Status.DRAFT
        elif self.status == self.Status.DIKEMBALIKAN:
            self.status = self.Status.DRAFT
        self.diisi_oleh, self.diisi_pada = user, now
        self._change_reason = alasan or sumber or None
        self.simpan_atau_buat(versi)
        return self

    def ajukan(self, *, user, versi, jendela=None):
        """Submit a filled draft to the perencana for verification."""
        pesan = self.alasan_ditolak(user, jendela=jendela)
        if pesan:
            raise AksiDitolak(pesan)
        if self.kosong or self.status != self.Status.DRAFT:
            raise AksiDitolak("Hanya realisasi berstatus draf yang sudah diisi yang dapat diajukan.")
        self._ganti_status(versi, self.Status.DIAJUKAN)

    def verifikasi(self, *, user, versi):
        """The perencana accepts a submitted row; its figure now counts in the documents."""
        self._periksa_verifikator(user, "diverifikasi")
        self._ganti_status(versi, self.Status.DIVERIFIKASI, diverifikasi_oleh=user,
                           diverifikasi_pada=timezone.now(), catatan_verifikasi="")

    def kembalikan(self, *, user, versi, catatan):
        """The perencana returns a submitted row to the unit with what must be corrected."""
        self._periksa_verifikator(user, "dikembalikan")
        catatan = (catatan or "").strip()
        if not catatan:
            raise AksiDitolak("Tuliskan catatan: apa yang harus diperbaiki unit.")
        self._ganti_status(versi, self.Status.DIKEMBALIKAN, diverifikasi_oleh=user,
                           diverifikasi_pada=timezone.now(), catatan_verifikasi=catatan)

    @property
    def menunggu_verifikasi(self):
        return self.status == self.Status.DIAJUKAN

    def boleh_memverifikasi(self, user):
        """Verification and return are the OPD perencana's."""
        return can_edit_opd_data(user, self.indikator.opd)

    def _periksa_verifikator(self, user, aksi):
        if not self.boleh_memverifikasi(user):
            raise AksiDitolak("Hanya perencana perangkat daerah yang memverifikasi realisasi.")
        if not self.menunggu_verifikasi:
            raise AksiDitolak(f"Hanya realisasi yang sudah diajukan yang dapat {aksi}.")

    def _ganti_status(self, versi, status, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        self.status = status
        self.save_versioned(versi)

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
