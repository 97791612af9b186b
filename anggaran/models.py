"""Nomenclature (urusan → sub-kegiatan) and the budget: DPA lines, anggaran kas, realisasi.

Totals of kegiatan, program and OPD are never stored: they are sums of the
DPA lines (see anggaran.services). Where a source gives a figure only at an
aggregate level (pagu murni 2023 per program), it is kept in AnggaranAgregat
at that level instead of being split over rows nobody knows.
"""

from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from simple_history.models import HistoricalRecords

from portal.access import can_edit_opd_data, can_enter_realisasi
from portal.models import (
    TAHUN_VALIDATORS,
    TRIWULAN_CHOICES,
    TRIWULAN_VALIDATORS,
    AksiDitolak,
    JendelaInput,
    PerangkatDaerah,
    UnitKerja,
    Versioned,
)
from portal.teks import TeksAmanModel


def rupiah_field(verbose_name, **kwargs):
    """Money: exact, two decimals for the sen some exports carry, never negative."""
    return models.DecimalField(
        verbose_name, max_digits=18, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


class VersiNomenklatur(TeksAmanModel):
    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=200)
    tahun_mulai = models.PositiveSmallIntegerField("berlaku mulai tahun", validators=TAHUN_VALIDATORS)

    class Meta:
        verbose_name = "versi nomenklatur"
        verbose_name_plural = "versi nomenklatur"
        ordering = ["tahun_mulai"]

    def __str__(self):
        return self.nama

    @classmethod
    def for_tahun(cls, tahun):
        """The version in force in a budget year: the latest that started by then."""
        return cls.objects.filter(tahun_mulai__lte=tahun).order_by("-tahun_mulai").first()


class Urusan(TeksAmanModel):
    versi = models.ForeignKey(VersiNomenklatur, on_delete=models.PROTECT, related_name="urusan")
    kode = models.CharField("kode", max_length=2)
    nama = models.CharField("nama", max_length=300)

    class Meta:
        verbose_name = "urusan"
        verbose_name_plural = "urusan"
        ordering = ["versi", "kode"]
        constraints = [models.UniqueConstraint(fields=["versi", "kode"], name="urusan_kode_unik")]

    def __str__(self):
        return f"{self.kode_lengkap} {self.nama}"

    @property
    def kode_lengkap(self):
        return self.kode


class KodeLengkapMixin(TeksAmanModel):
    """Each level stores its own code component and, derived on save, its full code.

    The full code is stored (not only computed) because users search and sort
    by it and import spreadsheets keyed by it; it is rebuilt from the parent
    on every save so it cannot drift.
    """

    kode_lengkap = models.CharField("kode lengkap", max_length=40, editable=False, db_index=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.kode_lengkap} {self.nama}"

    def save(self, *args, **kwargs):
        self.kode_lengkap = f"{self.parent_code()}.{self.kode}"
        super().save(*args, **kwargs)


class BidangUrusan(KodeLengkapMixin):
    urusan = models.ForeignKey(Urusan, on_delete=models.PROTECT, related_name="bidang")
    kode = models.CharField("kode", max_length=2)
    nama = models.CharField("nama", max_length=300)

    class Meta:
        verbose_name = "bidang urusan"
        verbose_name_plural = "bidang urusan"
        ordering = ["kode_lengkap"]
        constraints = [models.UniqueConstraint(fields=["urusan", "kode"], name="bidang_kode_unik")]

    def parent_code(self):
        return self.urusan.kode


class Program(KodeLengkapMixin):
    bidang = models.ForeignKey(BidangUrusan, on_delete=models.PROTECT, related_name="program")
    kode = models.CharField("kode", max_length=2)
    nama = models.CharField("nama", max_length=300)

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["kode_lengkap"]
        constraints = [models.UniqueConstraint(fields=["bidang", "kode"], name="program_kode_unik")]

    def parent_code(self):
        return self.bidang.kode_lengkap


class Kegiatan(KodeLengkapMixin):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="kegiatan")
    kode = models.CharField("kode", max_length=4, help_text="Bentuk 2.NN untuk kabupaten/kota.")
    nama = models.CharField("nama", max_length=300)

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["kode_lengkap"]
        constraints = [models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik")]

    def parent_code(self):
        return self.program.kode_lengkap


class SubKegiatan(KodeLengkapMixin):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="sub_kegiatan")
    kode = models.CharField("kode", max_length=4)
    nama = models.CharField("nama", max_length=400)
    kode_lama = models.CharField(
        "kode lama",
        max_length=20,
        blank=True,
        help_text="Kode singkat yang dipakai dokumen lama (mis. 19.12), untuk impor.",
    )

    class Meta:
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        ordering = ["kode_lengkap"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "kode"], name="sub_kegiatan_kode_unik")
        ]

    def parent_code(self):
        return self.kegiatan.kode_lengkap


class DpaSubKegiatan(Versioned):
    """One DPA line: the budget of a sub-kegiatan in a year."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="dpa")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.PROTECT, related_name="dpa")
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dpa",
        verbose_name="unit penanggung jawab",
    )
    pagu_murni = rupiah_field(
        "pagu murni (APBD)",
        null=True,
        blank=True,
        help_text="Kosong bila sumber hanya memuat pagu murni per program.",
    )
    pagu_perubahan = rupiah_field(
        "pagu perubahan (APBD-P)",
        null=True,
        blank=True,
        help_text="Kosong bila belum ada perubahan anggaran.",
    )
    sumber_dana = models.CharField("sumber dana", max_length=200, blank=True)
    lokasi = models.CharField("lokasi", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris DPA"
        verbose_name_plural = "baris DPA"
        ordering = ["opd", "tahun", "sub_kegiatan__kode_lengkap"]
        # The city overview sums a year's lines of every OPD (EXPLAIN: a seq scan without it).
        indexes = [models.Index(fields=["tahun", "opd"], name="dpa_tahun_opd")]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "sub_kegiatan"], name="dpa_satu_baris_per_sub_kegiatan"
            ),
            models.CheckConstraint(
                condition=Q(pagu_murni__gte=0) | Q(pagu_murni__isnull=True),
                name="dpa_pagu_murni_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(pagu_perubahan__gte=0) | Q(pagu_perubahan__isnull=True),
                name="dpa_pagu_perubahan_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(pagu_murni__isnull=False) | Q(pagu_perubahan__isnull=False),
                name="dpa_punya_pagu",
            ),
        ]

    def __str__(self):
        return f"{self.tahun} {self.sub_kegiatan}"

    @property
    def pagu(self):
        """The pagu in force: the perubahan when there is one, else the murni."""
        return self.pagu_perubahan if self.pagu_perubahan is not None else self.pagu_murni

    # --- Changing the line's quarters -------------------------------------------
    # The one rule for the DPA page, the realisasi import and the DPA import: the
    # perencana keeps the pagu and anggaran kas, the line's unit enters its
    # realisasi while the triwulan's input window is open, and the four quarters
    # of a line change under the line's own version (one lock for the line).

    def boleh_ubah_pagu(self, user):
        return can_edit_opd_data(user, self.opd)

    def alasan_ditolak_realisasi(self, user, triwulan, jendela=None):
        """Why `user` may not enter this line's realisasi anggaran of a triwulan now; None when it may.

        `jendela`: the (window, open) pair of JendelaInput.izin, for a caller checking many lines at once.
        """
        if not can_enter_realisasi(user, self.opd, self.unit_kerja_id):
            return f"{self.sub_kegiatan.kode_lengkap} adalah sub kegiatan unit lain ({self.unit_kerja or '-'})."
        jendela, terbuka = jendela or JendelaInput.izin(opd=self.opd, tahun=self.tahun, triwulan=triwulan, user=user)
        if not terbuka:
            return JendelaInput.pesan_tertutup(jendela, self.tahun, triwulan, opd=self.opd)
        return None

    def simpan_triwulan(self, *, user, versi, kas=None, realisasi=None, alasan=None, jendela=None):
        """Save the line's anggaran kas and/or realisasi per triwulan as one change, refusing a stale form.

        `kas` / `realisasi` map triwulan -> Decimal or None (None removes the
        figure: a blank is absent, not zero). Only the quarters whose amount
        changes are checked against the rules and saved, each with its own
        history record; the line itself is bumped without a save (its fields
        did not change, so its audit trail gets no empty entry), so a form
        opened before any change of its quarters, from any path, is refused.
        """
        with transaction.atomic():
            self.klaim_versi(versi)
            for model, values in ((AnggaranKas, kas), (RealisasiAnggaran, realisasi)):
                if values is None:
                    continue
                existing = {row.triwulan: row for row in model.objects.filter(dpa=self, triwulan__isnull=False)}
                for triwulan, jumlah in values.items():
                    row = existing.get(triwulan)
                    if (row.jumlah if row is not None else None) == jumlah:
                        continue
                    self._periksa_ubah(model, user, triwulan, jendela)
                    row = row or model(dpa=self, triwulan=triwulan)
                    row._change_reason = alasan
                    if jumlah is None:
                        row.delete()
                        continue
                    if row.pk is not None:
                        row.versi += 1
                    row.jumlah = jumlah
                    row.save()
        return self

    def _periksa_ubah(self, model, user, triwulan, jendela):
        if model is AnggaranKas:
            if not self.boleh_ubah_pagu(user):
                raise AksiDitolak("Anggaran kas hanya diubah oleh perencana perangkat daerah.")
            return
        pesan = self.alasan_ditolak_realisasi(user, triwulan, jendela)
        if pesan:
            raise AksiDitolak(pesan)


class AnggaranKas(Versioned):
    """Planned spending of a DPA line in one triwulan; TW I..IV add up to the pagu."""

    dpa = models.ForeignKey(DpaSubKegiatan, on_delete=models.CASCADE, related_name="anggaran_kas")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    jumlah = rupiah_field("jumlah")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran kas"
        verbose_name_plural = "anggaran kas"
        ordering = ["dpa", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["dpa", "triwulan"], name="anggaran_kas_satu_per_tw"),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="anggaran_kas_triwulan_1_4"
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="anggaran_kas_tidak_negatif"),
        ]

    def __str__(self):
        return f"{self.dpa} TW {self.triwulan}"


class RealisasiAnggaran(Versioned):
    """Spending of a DPA line in a triwulan.

    `triwulan` empty means an annual figure the source gives without a
    quarterly split (the LKIP 2023 gives only the year's realisasi); it is
    never spread over quarters, so dashboards do not invent a spending curve.
    """

    dpa = models.ForeignKey(DpaSubKegiatan, on_delete=models.CASCADE, related_name="realisasi")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan",
        choices=TRIWULAN_CHOICES,
        validators=TRIWULAN_VALIDATORS,
        null=True,
        blank=True,
        help_text="Kosong: realisasi setahun tanpa rincian triwulan.",
    )
    jumlah = rupiah_field("jumlah")
    keterangan = models.TextField("keterangan", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["dpa", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["dpa", "triwulan"],
                condition=Q(triwulan__isnull=False),
                name="realisasi_anggaran_satu_per_tw",
            ),
            models.UniqueConstraint(
                fields=["dpa"],
                condition=Q(triwulan__isnull=True),
                name="realisasi_anggaran_satu_tahunan",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_anggaran_triwulan_1_4",
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=0), name="realisasi_anggaran_tidak_negatif"
            ),
        ]

    def __str__(self):
        label = f"TW {self.triwulan}" if self.triwulan else "setahun"
        return f"{self.dpa} {label}"


class AnggaranAgregat(TeksAmanModel):
    """A budget figure the source gives only at program level (or OPD level).

    Program null means the figure is for the whole OPD. These figures are
    used only where no DPA lines exist below them; where both exist the
    consistency check compares them.
    """

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="anggaran_agregat")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="anggaran_agregat"
    )
    pagu_murni = rupiah_field("pagu murni", null=True, blank=True)
    pagu_perubahan = rupiah_field("pagu perubahan", null=True, blank=True)
    realisasi = rupiah_field("realisasi", null=True, blank=True)
    sumber = models.CharField("sumber", max_length=300, blank=True)
    catatan = models.TextField("catatan", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "anggaran tingkat program/OPD"
        verbose_name_plural = "anggaran tingkat program/OPD"
        ordering = ["opd", "tahun", "program__kode_lengkap"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "program"],
                condition=Q(program__isnull=False),
                name="agregat_satu_per_program",
            ),
            models.UniqueConstraint(
                fields=["opd", "tahun"],
                condition=Q(program__isnull=True),
                name="agregat_satu_per_opd",
            ),
            models.CheckConstraint(
                condition=(Q(pagu_murni__gte=0) | Q(pagu_murni__isnull=True))
                & (Q(pagu_perubahan__gte=0) | Q(pagu_perubahan__isnull=True))
                & (Q(realisasi__gte=0) | Q(realisasi__isnull=True)),
                name="agregat_tidak_negatif",
            ),
        ]

    def __str__(self):
        return f"{self.tahun} {self.program or self.opd}"
