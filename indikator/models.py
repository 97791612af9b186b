"""The performance chain: Renstra → tujuan → sasaran → indikator, targets, PK, realisasi.

Values (targets and realisasi) share one shape, `NilaiMixin`: a number, or
a predicate for qualitative indicators, optionally with the numerator and
denominator it was computed from so that capaian can be exact (PPKS 2024:
15.216 / 6.266 people, not 12% / 5%). A blank value is absent, never zero.
"""

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from anggaran.models import Kegiatan, Program, SubKegiatan
from anggaran.rekap import anggaran_opd, anggaran_program
from indikator import capaian
from portal.access import can_edit_opd_data, can_enter_realisasi
from portal.angka import format_angka
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

SATUAN_PERSEN = {"%", "persen", "persentase"}


def batas_kolom(field, value, label):
    """Why a number does not fit a decimal column exactly (too many digits or decimals), or None.

    Refused rather than rounded: 0,0000001 stored as 0 would change the figure without a word.
    """
    tanda, digit, eksponen = value.as_tuple()
    desimal = max(0, -eksponen)
    bulat = max(0, len(digit) + eksponen)
    if desimal > field.decimal_places:
        return f"{label}: paling banyak {field.decimal_places} angka di belakang koma."
    if bulat > field.max_digits - field.decimal_places:
        return f"{label}: angka terlalu besar (paling banyak {field.max_digits - field.decimal_places} digit)."
    return None


def _maksud_desimal(teks, bawah, atas):
    """'95,5' when '95.500' was typed for a figure that cannot be 95 500: the dot read as a decimal point."""
    if not teks or not re.fullmatch(r"\d{1,3}(\.\d{3})+", teks.strip()):
        return None
    nilai = Decimal(teks.strip().replace(".", "", teks.count(".") - 1))
    if (bawah is None or nilai >= bawah) and (atas is None or nilai <= atas):
        return format_angka(nilai.normalize())
    return None


def nilai_field(verbose_name="nilai"):
    return models.DecimalField(verbose_name, max_digits=20, decimal_places=6, null=True, blank=True)


class NilaiMixin(models.Model):
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


class Renstra(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra")
    nama = models.CharField("nama", max_length=300)
    tahun_awal = models.PositiveSmallIntegerField("tahun awal", validators=TAHUN_VALIDATORS)
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir", validators=TAHUN_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["opd", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun_awal", "tahun_akhir"], name="renstra_unik_per_periode"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")), name="renstra_periode_urut"
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.tahun_awal}–{self.tahun_akhir})"

    @property
    def tahun_list(self):
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    @staticmethod
    def berlaku(renstra_list, tahun):
        """The Renstra in force in a year: among those covering it, the one that started last.

        Renstra periods overlap when a new one is adopted early (2024-2026 and
        2025-2029); the newer one governs the years they share. Takes a list
        already loaded, so a page over many OPDs or years asks the database once.
        """
        covering = [r for r in renstra_list if r.tahun_awal <= tahun <= r.tahun_akhir]
        return max(covering, key=lambda r: r.tahun_awal) if covering else None


class Tujuan(Versioned):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    urutan = models.PositiveSmallIntegerField("nomor", default=1)
    uraian = models.TextField("uraian tujuan")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "urutan"]

    def __str__(self):
        return self.uraian


class Sasaran(Versioned):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    urutan = models.PositiveSmallIntegerField("nomor", default=1)
    uraian = models.TextField("uraian sasaran")
    program_pendukung = models.ManyToManyField(
        Program,
        blank=True,
        related_name="sasaran_didukung",
        verbose_name="program pendukung",
        help_text="Program yang mendukung sasaran ini (dasar pengelompokan anggaran per IKU).",
    )

    history = HistoricalRecords(m2m_fields=[program_pendukung])

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["tujuan", "urutan"]

    def __str__(self):
        return self.uraian

    def anggaran(self, tahun, opd_tree=None):
        """Pagu and realisasi of the programs supporting this sasaran (LKIP Tabel 3.9 / 3.16).

        Pass the OPD's budget tree when several sasaran are reported at once, so
        it is built once.
        """
        tree = opd_tree or anggaran_opd(self.tujuan.renstra.opd, tahun)
        return anggaran_program(tree, self.program_pendukung.all())


class IndikatorQuerySet(models.QuerySet):
    def dilaporkan(self, opd, tahun):
        """An OPD's indicators that have something to report in a year: a Renstra target or a place in a PK."""
        dilaporkan = Q(target__tahun=tahun) | Q(pk_indikator__perjanjian__tahun=tahun)
        return self.filter(opd=opd).filter(dilaporkan).distinct()


class Indikator(Versioned):
    class JenisNilai(models.TextChoices):
        ANGKA = "angka", "Angka"
        PREDIKAT = "predikat", "Predikat (mis. nilai AKIP BB)"

    class Polaritas(models.TextChoices):
        POSITIF = capaian.POSITIF, "Positif (makin tinggi makin baik)"
        NEGATIF = capaian.NEGATIF, "Negatif (makin rendah makin baik)"

    class RumusNegatif(models.TextChoices):
        DUA_TARGET = capaian.DUA_TARGET, "(2 × target − realisasi) / target × 100"
        TARGET_PER_REALISASI = capaian.TARGET_PER_REALISASI, "target / realisasi × 100"

    class Agregasi(models.TextChoices):
        JUMLAH = capaian.JUMLAH, "Jumlah triwulan"
        NILAI_AKHIR = capaian.NILAI_AKHIR, "Nilai triwulan terakhir"
        AKHIR_TAHUN = capaian.AKHIR_TAHUN, "Hanya akhir tahun"

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="indikator")
    kode = models.CharField("kode", max_length=60, help_text="Kode unik di dalam OPD.")
    # Exactly one of these says what the indicator measures (checked below).
    tujuan = models.ForeignKey(
        Tujuan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    nama = models.CharField("nama indikator", max_length=400)
    satuan = models.CharField("satuan", max_length=60, blank=True)
    formula = models.TextField("formula / cara pengukuran", blank=True)
    alasan = models.TextField("alasan", blank=True)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    penanggung_jawab = models.ForeignKey(
        UnitKerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indikator",
        verbose_name="penanggung jawab",
    )
    is_iku = models.BooleanField("IKU", default=False)
    jenis_nilai = models.CharField(
        "jenis nilai", max_length=10, choices=JenisNilai.choices, default=JenisNilai.ANGKA
    )
    polaritas = models.CharField(
        "polaritas", max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    rumus_negatif = models.CharField(
        "rumus capaian indikator negatif",
        max_length=25,
        choices=RumusNegatif.choices,
        default=RumusNegatif.DUA_TARGET,
    )
    agregasi = models.CharField(
        "agregasi triwulan", max_length=15, choices=Agregasi.choices, default=Agregasi.NILAI_AKHIR
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    # The range a careful verifier would accept; blank: from the satuan (Persen: 0–100; others: not negative).
    nilai_min = models.DecimalField(
        "nilai terkecil yang masuk akal", max_digits=20, decimal_places=6, null=True, blank=True,
        help_text="Kosong: 0 (negatif hanya bila diizinkan di bawah).")
    nilai_maks = models.DecimalField(
        "nilai terbesar yang masuk akal", max_digits=20, decimal_places=6, null=True, blank=True,
        help_text="Kosong: 100 untuk satuan persen, tanpa batas untuk satuan lain.")
    boleh_negatif = models.BooleanField(
        "boleh negatif", default=False, help_text="Ya hanya bila nilainya memang dapat di bawah nol.")

    objects = IndikatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["opd", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "kode"], name="indikator_kode_unik_per_opd"),
            models.CheckConstraint(
                condition=(
                    Q(tujuan__isnull=False, sasaran__isnull=True, program__isnull=True,
                      kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(tujuan__isnull=True, sasaran__isnull=False, program__isnull=True,
                        kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(tujuan__isnull=True, sasaran__isnull=True, program__isnull=False,
                        kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(tujuan__isnull=True, sasaran__isnull=True, program__isnull=True,
                        kegiatan__isnull=False, sub_kegiatan__isnull=True)
                    | Q(tujuan__isnull=True, sasaran__isnull=True, program__isnull=True,
                        kegiatan__isnull=True, sub_kegiatan__isnull=False)
                ),
                name="indikator_satu_induk",
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def level(self):
        for name in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"):
            if getattr(self, f"{name}_id"):
                return name
        return None

    @property
    def is_predikat(self):
        return self.jenis_nilai == self.JenisNilai.PREDIKAT

    @property
    def persen(self):
        return self.satuan.strip().lower() in SATUAN_PERSEN

    def rentang(self):
        """(lowest, highest) a target or realisasi may be; None where there is no bound."""
        bawah = self.nilai_min if self.nilai_min is not None else (None if self.boleh_negatif else Decimal(0))
        atas = self.nilai_maks if self.nilai_maks is not None else (Decimal(100) if self.persen else None)
        return bawah, atas

    def alasan_nilai_ditolak(self, value, *, label="Realisasi", teks=None, skala=None):
        """Why a target or realisasi typed for this indicator is not plausible (a sentence), or None.

        The one rule for the forms, the XLSX import and the admin. `value` is a
        Decimal or, for a predicate indicator, the predicate; `teks` is what was
        typed, to recognise "95.500" meant as 95,5; `skala` the predicate scale
        of the year (SkalaPredikat).
        """
        if value is None or value == "":
            return None
        if self.is_predikat:
            kode = [p.predikat for p in skala.predikat.all()] if skala is not None else []
            if not isinstance(value, str) or value not in kode:
                return f"{label}: predikat '{value}' tidak dikenal; pilih salah satu dari {', '.join(kode) or '-'}."
            return None
        if isinstance(value, str):
            return f"{label}: isi angka, bukan predikat."
        batas = batas_kolom(NilaiMixin._meta.get_field("nilai"), value, label)
        if batas:
            return batas
        bawah, atas = self.rentang()
        satuan = f" {self.satuan}" if self.satuan else ""
        if bawah is not None and value < bawah:
            if bawah == 0 and not self.boleh_negatif:
                return f"{label} tidak boleh negatif."
            return f"{label} paling kecil {format_angka(bawah)}{satuan}."
        if atas is not None and value > atas:
            pesan = f"{label} paling besar {format_angka(atas)}{satuan}"
            maksud = _maksud_desimal(teks, bawah, atas)
            return f"{pesan}: maksud Anda {maksud}?" if maksud else f"{pesan}."
        return None

    def renstra(self):
        """The Renstra this indicator belongs to (through its tujuan or sasaran); None for a program-level one."""
        if self.sasaran_id:
            return self.sasaran.tujuan.renstra
        if self.tujuan_id:
            return self.tujuan.renstra
        return None

    def alasan_tahun_ditolak(self, tahun):
        """Why this indicator has nothing to report in `tahun` (outside its Renstra's period), or None."""
        renstra = self.renstra()
        if renstra is not None:
            if renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
                return None
            return f"Tahun {tahun} di luar periode {renstra.nama} ({renstra.tahun_awal}–{renstra.tahun_akhir})."
        if Renstra.objects.filter(opd_id=self.opd_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).exists():
            return None
        return f"Tahun {tahun} di luar periode setiap Renstra {self.opd}."

    def diisi_pada(self, triwulan):
        """Whether a realisasi is reported at this triwulan: a year-end-only indicator (AKIP) only at TW IV."""
        return not (self.agregasi == self.Agregasi.AKHIR_TAHUN and triwulan < 4)


class Target(NilaiMixin):
    """The Renstra target of an indicator for one year."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target tahunan"
        verbose_name_plural = "target tahunan"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_satu_per_tahun"),
        ]

    def __str__(self):
        return f"{self.indikator} {self.tahun}"

    def clean(self):
        self.clean_nilai()


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


class SkalaPredikat(models.Model):
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


class PredikatAkip(models.Model):
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


class EvaluasiAkip(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="evaluasi_akip")
    tahun_lhe = models.PositiveSmallIntegerField("tahun LHE", validators=TAHUN_VALIDATORS)
    tahun_dievaluasi = models.PositiveSmallIntegerField(
        "tahun kinerja yang dievaluasi", validators=TAHUN_VALIDATORS
    )
    nomor_lhe = models.CharField("nomor LHE", max_length=150, blank=True)
    tanggal_lhe = models.DateField("tanggal LHE", null=True, blank=True)
    nilai = models.DecimalField(
        "nilai",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Diisi hanya bila nilai per komponen tidak tersedia.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evaluasi AKIP"
        verbose_name_plural = "evaluasi AKIP"
        ordering = ["opd", "tahun_lhe"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun_lhe"], name="evaluasi_akip_satu_per_tahun"),
            models.CheckConstraint(
                condition=Q(nilai__isnull=True) | Q(nilai__gte=0, nilai__lte=100),
                name="evaluasi_akip_nilai_0_100",
            ),
        ]

    def __str__(self):
        return f"LHE AKIP {self.tahun_lhe} {self.opd}"

    def nilai_akhir(self, komponen=None):
        """The score: the sum of the components when they are recorded, else `nilai`."""
        komponen = list(self.komponen.all()) if komponen is None else komponen
        if komponen:
            return sum((k.nilai for k in komponen), Decimal(0))
        return self.nilai

    def predikat(self, skala=None):
        nilai = self.nilai_akhir()
        skala = skala or SkalaPredikat.for_tahun(self.tahun_lhe)
        if nilai is None or skala is None:
            return None
        return skala.predikat_untuk(nilai)


class KomponenAkip(models.Model):
    evaluasi = models.ForeignKey(EvaluasiAkip, on_delete=models.CASCADE, related_name="komponen")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    nama = models.CharField("komponen", max_length=150)
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2)
    nilai = models.DecimalField("nilai", max_digits=5, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "komponen evaluasi AKIP"
        verbose_name_plural = "komponen evaluasi AKIP"
        ordering = ["evaluasi", "urutan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai__gte=0) & Q(nilai__lte=models.F("bobot")),
                name="komponen_akip_nilai_dalam_bobot",
            ),
        ]

    def __str__(self):
        return self.nama


# Indeks Kepuasan Masyarakat (PermenPANRB 14/2017): nine unsur answered 1–4, converted × 25.
JUMLAH_UNSUR_SKM = 9
KONVERSI_IKM = Decimal(25)


def ikm_dari_nrr(nrr_per_unsur):
    """IKM converted to 25–100: Σ (NRR × 1/9) × 25, with exactly 1/9 (not 0,11)."""
    nrr = list(nrr_per_unsur)
    if len(nrr) != JUMLAH_UNSUR_SKM:
        raise ValueError(f"IKM memerlukan NRR dari {JUMLAH_UNSUR_SKM} unsur, ada {len(nrr)}.")
    return sum(nrr, Decimal(0)) / JUMLAH_UNSUR_SKM * KONVERSI_IKM


class SurveiKepuasan(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="survei_kepuasan")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    periode = models.CharField("periode", max_length=60, blank=True)
    jumlah_responden = models.PositiveIntegerField("jumlah responden", null=True, blank=True)
    nilai_ikm = models.DecimalField(
        "nilai IKM",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(25), MaxValueValidator(100)],
        help_text="Diisi hanya bila NRR per unsur tidak tersedia.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "survei kepuasan masyarakat"
        verbose_name_plural = "survei kepuasan masyarakat"
        ordering = ["opd", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "periode"], name="survei_unik_per_periode"),
        ]

    def __str__(self):
        return f"SKM {self.tahun} {self.periode}".strip()

    def ikm(self, unsur=None):
        """IKM (converted, 25–100): Σ NRR × 1/9 × 25 from the nine unsur, else the recorded value."""
        unsur = list(self.unsur.all()) if unsur is None else unsur
        if unsur:
            return ikm_dari_nrr([u.nrr for u in unsur])
        return self.nilai_ikm


class UnsurSkm(models.Model):
    survei = models.ForeignKey(SurveiKepuasan, on_delete=models.CASCADE, related_name="unsur")
    nomor = models.PositiveSmallIntegerField(
        "unsur", validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    nama = models.CharField("nama unsur", max_length=150)
    nrr = models.DecimalField(
        "NRR", max_digits=7, decimal_places=4, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "unsur SKM"
        verbose_name_plural = "unsur SKM"
        ordering = ["survei", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["survei", "nomor"], name="unsur_skm_unik"),
            models.CheckConstraint(condition=Q(nomor__gte=1, nomor__lte=9), name="unsur_skm_1_9"),
            models.CheckConstraint(condition=Q(nrr__gte=1, nrr__lte=4), name="unsur_skm_nrr_1_4"),
        ]

    def __str__(self):
        return f"U{self.nomor} {self.nama}"
