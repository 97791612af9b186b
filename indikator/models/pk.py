"""The Perjanjian Kinerja of a year with its indicators and triwulan targets.

One table holds the agreements of every level: the OPD's own (no jabatan,
signed by the Kepala Dinas, as the documents and the dashboard read it) and
those of the eselon III and IV positions below it. A revision is a new row
that names the one it replaces, so the earlier one stays readable and
printable; the one in force is the one nothing replaces.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indikator.models.jabatan import Jabatan
from indikator.models.nilai import NilaiMixin
from indikator.models.renstra import Indikator
from portal.models import (
    TAHUN_VALIDATORS,
    TRIWULAN_CHOICES,
    TRIWULAN_VALIDATORS,
    PerangkatDaerah,
    Versioned,
)


def q_berlaku(prefix=""):
    """In force: the first version or a revision that was set, and not replaced by a revision that was set.

    A revision being drafted does not yet replace the agreement it revises.
    """
    ditetapkan = "ditetapkan"
    return ((Q(**{f"{prefix}revisi_ke": 0}) | Q(**{f"{prefix}status": ditetapkan}))
            & ~Q(**{f"{prefix}revisi__status": ditetapkan}))


class PerjanjianKinerjaQuerySet(models.QuerySet):
    def berlaku(self):
        """The agreements in force (what the documents, the dashboard and the cascade check read)."""
        return self.filter(q_berlaku())

    def terbaru(self):
        """The latest version of each agreement, a revision being drafted included (what the grid edits)."""
        return self.filter(revisi__isnull=True)

    def tingkat_opd(self):
        """The OPD's own agreement (the Kepala Dinas's), which the documents and the dashboard read."""
        return self.filter(jabatan__isnull=True)


class PerjanjianKinerja(Versioned):
    class AlasanRevisi(models.TextChoices):
        # PermenPANRB 53/2014: a PK is revised only for these.
        PEJABAT = "pejabat", "Pergantian pejabat"
        PROGRAM = "program", "Perubahan program, kegiatan atau anggaran"
        PRIORITAS = "prioritas", "Perubahan prioritas atau asumsi"

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
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, null=True, blank=True, related_name="perjanjian_kinerja",
        verbose_name="jabatan", help_text="Kosong: PK perangkat daerah yang ditandatangani kepala dinas.")
    revisi_dari = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="revisi", verbose_name="revisi dari")
    revisi_ke = models.PositiveSmallIntegerField("revisi ke", default=0)
    alasan_revisi = models.CharField("alasan revisi", max_length=10, choices=AlasanRevisi.choices, blank=True)
    catatan_revisi = models.TextField("catatan revisi", blank=True)
    # The portal keeps no date on the DPA itself; the PK records the date of the
    # DPA it was signed on, so the check can see a PK set too late after it.
    tanggal_dpa = models.DateField("tanggal DPA", null=True, blank=True)

    objects = PerjanjianKinerjaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["opd", "-tahun", "jenis", "revisi_ke"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "jenis", "revisi_ke"], condition=Q(jabatan__isnull=True),
                                    name="pk_unik_per_tahun_jenis"),
            models.UniqueConstraint(fields=["jabatan", "tahun", "jenis", "revisi_ke"],
                                    condition=Q(jabatan__isnull=False), name="pk_jabatan_unik_per_tahun_jenis"),
            # Only one revision of a PK: two revisions of the same one would be two agreements in force.
            models.UniqueConstraint(fields=["revisi_dari"], name="pk_satu_revisi"),
            models.CheckConstraint(
                condition=Q(revisi_ke=0, revisi_dari__isnull=True, alasan_revisi="")
                | (Q(revisi_ke__gt=0, revisi_dari__isnull=False) & ~Q(alasan_revisi="")),
                name="pk_revisi_beralasan"),
        ]

    def __str__(self):
        revisi = f" revisi {self.revisi_ke}" if self.revisi_ke else ""
        return f"PK {self.tahun} ({self.get_jenis_display()}{revisi}) {self.jabatan or self.opd}"

    @property
    def terkunci(self):
        return self.status == self.Status.DITETAPKAN

    @property
    def tingkat(self):
        return self.jabatan.eselon if self.jabatan_id else Jabatan.Eselon.II

    def pihak(self):
        """(first, second) signatory as this agreement names them.

        The names are copied from the positions when the PK is made or
        revised, so a later change of official does not rewrite a signed PK.
        """
        pertama = {"nama": self.pihak_pertama_nama, "nip": self.pihak_pertama_nip,
                   "jabatan": self.pihak_pertama_jabatan, "pangkat": ""}
        kedua = {"nama": self.pihak_kedua_nama, "nip": self.pihak_kedua_nip, "jabatan": self.pihak_kedua_jabatan}
        return pertama, kedua

    def isi_pihak(self):
        """Copy both signatories from the position and its superior as they are held today."""
        jabatan = self.jabatan
        atasan = jabatan.atasan
        self.pihak_pertama_nama, self.pihak_pertama_nip = jabatan.pemegang_nama, jabatan.pemegang_nip
        self.pihak_pertama_jabatan = jabatan.nama
        if atasan is not None:
            self.pihak_kedua_nama, self.pihak_kedua_nip = atasan.pemegang_nama, atasan.pemegang_nip
            self.pihak_kedua_jabatan = atasan.nama

    def pejabat_berganti(self):
        """Whether the position (or its superior) is now held by someone other than the PK names."""
        if not self.jabatan_id:
            # The OPD's own PK is signed by the OPD's kepala.
            return bool(self.opd.kepala_nip) and self.opd.kepala_nip != self.pihak_pertama_nip
        atasan = self.jabatan.atasan
        return (self.jabatan.pemegang_nip != self.pihak_pertama_nip
                or (atasan is not None and atasan.pemegang_nip != self.pihak_kedua_nip))

    def alasan_revisi_ditolak(self, alasan):
        """Why this PK may not be revised for `alasan`, in words for the user; None when it may."""
        if alasan not in self.AlasanRevisi.values:
            pilihan = ", ".join(label.lower() for label in self.AlasanRevisi.labels)
            return f"PK hanya direvisi karena {pilihan}."
        if not self.terkunci:
            return "PK yang masih draf diubah langsung, tanpa revisi."
        if self.revisi.exists():
            return "PK ini sudah direvisi; revisi versi yang berlaku."
        if alasan == self.AlasanRevisi.PEJABAT and not self.pejabat_berganti():
            return "Pejabat penanda tangan belum berganti; ubah dulu pemegang jabatan."
        return None

    def terlambat_dari_dpa(self):
        """Days past one month after the DPA at which this PK was set, or None (not late or no dates)."""
        if self.tanggal is None or self.tanggal_dpa is None:
            return None
        batas = _tambah_sebulan(self.tanggal_dpa)
        return (self.tanggal - batas).days if self.tanggal > batas else None


def _tambah_sebulan(tanggal):
    import calendar

    tahun, bulan = (tanggal.year + 1, 1) if tanggal.month == 12 else (tanggal.year, tanggal.month + 1)
    return tanggal.replace(year=tahun, month=bulan, day=min(tanggal.day, calendar.monthrange(tahun, bulan)[1]))


class PkIndikatorQuerySet(models.QuerySet):
    def tingkat_opd(self):
        """Rows of the OPD's own agreements in force: the targets the documents and the dashboard read."""
        return self.filter(q_berlaku("perjanjian__"), perjanjian__jabatan__isnull=True)


class PkIndikator(NilaiMixin):
    """An indicator in a PK with its annual target; its triwulan targets hang below."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="indikator"
    )
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="pk_indikator")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    # The indicator one level up that this one supports (an IKU for eselon III, a
    # program indicator for eselon IV). An indicator, not a PK row, so the link
    # survives a revision of the PK above.
    mendukung = models.ForeignKey(Indikator, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="pk_pendukung", verbose_name="mendukung indikator")

    objects = PkIndikatorQuerySet.as_manager()
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
