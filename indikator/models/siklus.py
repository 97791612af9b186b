"""The quarterly cycle shared by every figure a unit enters each triwulan: draft → diajukan → diverifikasi.

The one place that decides who may change such a figure, when, and what its
status becomes: the realisasi of an indicator and the progress of a rencana
aksi both follow it. A subclass names what the row is about through four
hooks (its OPD, its unit, its code in messages, the triwulan it is reported
at) and the plausibility rule of its own figure; every write takes the row's
optimistic lock (Versioned) and goes into its audit trail.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.access import can_edit_opd_data, can_enter_realisasi
from portal.models import AksiDitolak, JendelaInput, Versioned


class SiklusTriwulan(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"

    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.DRAFT)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="diisi oleh")
    diisi_pada = models.DateTimeField("diisi pada", null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="diverifikasi oleh")
    diverifikasi_pada = models.DateTimeField("diverifikasi pada", null=True, blank=True)
    catatan_verifikasi = models.TextField("catatan verifikasi", blank=True)

    # What the messages call a row of this kind ("realisasi", "progres rencana aksi") and what it is about.
    nama_isian = "isian"
    nama_pokok = "isian"

    class Meta:
        abstract = True

    # --- Hooks -----------------------------------------------------------------------

    def siklus_opd(self):
        raise NotImplementedError

    def siklus_unit(self):
        """(id, name) of the unit whose operator enters this row."""
        raise NotImplementedError

    def siklus_kode(self):
        raise NotImplementedError

    def siklus_dilaporkan(self, triwulan):
        """Whether the row is reported at this triwulan at all."""
        return True

    def alasan_isian_ditolak(self):
        """Why the figure entered is not one a careful verifier would accept, or None."""
        return None

    # --- The cycle -------------------------------------------------------------------

    @property
    def terkunci(self):
        return self.status == self.Status.DIVERIFIKASI

    def alasan_ditolak(self, user, hari=None, jendela=None):
        """Why `user` may not change this row's figures now, in words for the user; None when it may.

        An operator changes its own unit's rows and the perencana any row of its
        OPD, only while the triwulan's input window is open (the admin, who
        opens windows, always may); a row reported only at some quarters only
        then; a submitted row waits for the perencana's verdict. An annual
        record (no triwulan) is the perencana's alone.

        `jendela`: the (window, open) pair of JendelaInput.izin, when a caller
        checks many rows of one triwulan and asks for the window once.
        """
        opd = self.siklus_opd()
        unit_id, unit_nama = self.siklus_unit()
        kode = self.siklus_kode()
        if not can_enter_realisasi(user, opd, unit_id):
            if can_enter_realisasi(user, opd, user.unit_kerja_id):
                return f"{kode} adalah {self.nama_pokok} unit lain ({unit_nama or '-'})."
            return f"Peran Anda hanya dapat membaca {self.nama_isian} ini."
        if unit_id is None:
            return f"{kode} belum punya unit penanggung jawab; tetapkan dulu di Renstra."
        if self.triwulan is None:
            if can_edit_opd_data(user, opd):
                return None
            return f"{self.nama_isian.capitalize()} setahun hanya diubah oleh perencana perangkat daerah."
        if not self.siklus_dilaporkan(self.triwulan):
            return f"{kode} hanya diisi pada TW IV."
        jendela, terbuka = jendela or JendelaInput.izin(
            opd=opd, tahun=self.tahun, triwulan=self.triwulan, user=user, hari=hari)
        if not terbuka:
            return JendelaInput.pesan_tertutup(jendela, self.tahun, self.triwulan, opd=opd)
        if self.status == self.Status.DIAJUKAN and not can_edit_opd_data(user, opd):
            return f"{kode} sedang menunggu verifikasi dan tidak dapat diubah."
        return None

    def boleh_diubah(self, user, hari=None, jendela=None):
        return self.alasan_ditolak(user, hari, jendela) is None

    @property
    def perlu_alasan(self):
        """A verified figure changes only with a reason, kept in the audit trail."""
        return self.pk is not None and self.status == self.Status.DIVERIFIKASI

    def simpan_isian(self, *, user, versi, alasan="", sumber="", jendela=None):
        """Record what `user` entered on this row, refusing a stale form.

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
                raise AksiDitolak(f"{self.nama_isian.capitalize()} yang sudah diverifikasi hanya dapat diubah "
                                  "dengan alasan.")
            if can_edit_opd_data(user, self.siklus_opd()):
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
            raise AksiDitolak(f"Hanya {self.nama_isian} berstatus draf yang sudah diisi yang dapat diajukan.")
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
        return can_edit_opd_data(user, self.siklus_opd())

    def _periksa_verifikator(self, user, aksi):
        if not self.boleh_memverifikasi(user):
            raise AksiDitolak(f"Hanya perencana perangkat daerah yang memverifikasi {self.nama_isian}.")
        if not self.menunggu_verifikasi:
            raise AksiDitolak(f"Hanya {self.nama_isian} yang sudah diajukan yang dapat {aksi}.")

    def _ganti_status(self, versi, status, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        self.status = status
        self.save_versioned(versi)
