"""The Renstra and what hangs under it: tujuan, sasaran, indicators with their plausible range, yearly targets."""
from decimal import Decimal

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from anggaran.models import Kegiatan, Program, SubKegiatan
from anggaran.rekap import anggaran_opd, anggaran_program
from indikator import capaian
from indikator.models.nilai import SATUAN_PERSEN, NilaiMixin
from portal.angka import batas_digit, format_angka, maksud_desimal
from portal.models import (
    TAHUN_VALIDATORS,
    PerangkatDaerah,
    UnitKerja,
    Versioned,
)
from portal.teks import TeksAmanModel


class Renstra(TeksAmanModel):
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
        # The agreements of the positions below the OPD's do not make an indicator reported.
        dilaporkan = Q(target__tahun=tahun) | Q(pk_indikator__perjanjian__tahun=tahun,
                                                pk_indikator__perjanjian__jabatan__isnull=True)
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
        kolom = NilaiMixin._meta.get_field("nilai")
        batas = batas_digit(value, kolom.max_digits, kolom.decimal_places, label)
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
            maksud = maksud_desimal(teks, bawah, atas)
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
