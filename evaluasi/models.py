"""Evaluasi AKIP (the Inspektorat's LHE with its component scores) and the SKM that gives the IKM.

Both are the realisasi of an IKU of the OPD (Nilai AKIP, Nilai IKM). The
predicate scale they are read against (SkalaPredikat) lives in indikator,
because a predicate indicator's capaian needs it too.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indikator.models import SkalaPredikat
from portal.models import TAHUN_VALIDATORS, PerangkatDaerah
from portal.teks import TeksAmanModel


class EvaluasiAkip(TeksAmanModel):
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

    history = HistoricalRecords(table_name="indikator_historicalevaluasiakip")

    class Meta:
        db_table = "indikator_evaluasiakip"  # created by indikator; the move kept the table
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


class KomponenAkip(TeksAmanModel):
    evaluasi = models.ForeignKey(EvaluasiAkip, on_delete=models.CASCADE, related_name="komponen")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    nama = models.CharField("komponen", max_length=150)
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2)
    nilai = models.DecimalField("nilai", max_digits=5, decimal_places=2)

    history = HistoricalRecords(table_name="indikator_historicalkomponenakip")

    class Meta:
        db_table = "indikator_komponenakip"  # created by indikator; the move kept the table
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
# Indeks Kepuasan Masyarakat (PermenPANRB 14/2017): nine unsur answered 1–4, converted × 25.
JUMLAH_UNSUR_SKM = 9
KONVERSI_IKM = Decimal(25)


def ikm_dari_nrr(nrr_per_unsur):
    """IKM converted to 25–100: Σ (NRR × 1/9) × 25, with exactly 1/9 (not 0,11)."""
    nrr = list(nrr_per_unsur)
    if len(nrr) != JUMLAH_UNSUR_SKM:
        raise ValueError(f"IKM memerlukan NRR dari {JUMLAH_UNSUR_SKM} unsur, ada {len(nrr)}.")
    return sum(nrr, Decimal(0)) / JUMLAH_UNSUR_SKM * KONVERSI_IKM


class SurveiKepuasan(TeksAmanModel):
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

    history = HistoricalRecords(table_name="indikator_historicalsurveikepuasan")

    class Meta:
        db_table = "indikator_surveikepuasan"  # created by indikator; the move kept the table
        verbose_name = "survei kepuasan masyarakat"
        verbose_name_plural = "survei kepuasan masyarakat"
        ordering = ["opd", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "periode"], name="survei_unik_per_periode"),
        ]

    def __str__(self):
        return f"SKM {self.tahun} {self.periode}".strip()

    def ikm(self, unsur=None):
        """IKM (converted, 25–100): Σ NRR × 1/9 × 25 from the nine unsur, else the recorded value.

        A survey whose unsur are still being entered (the admin adds them one by one) has no IKM yet:
        None, shown as not filled in, rather than an error on every page that shows the survey."""
        unsur = list(self.unsur.all()) if unsur is None else unsur
        if unsur:
            if len(unsur) != JUMLAH_UNSUR_SKM:
                return None
            return ikm_dari_nrr([u.nrr for u in unsur])
        return self.nilai_ikm


class UnsurSkm(TeksAmanModel):
    survei = models.ForeignKey(SurveiKepuasan, on_delete=models.CASCADE, related_name="unsur")
    nomor = models.PositiveSmallIntegerField(
        "unsur", validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    nama = models.CharField("nama unsur", max_length=150)
    nrr = models.DecimalField(
        "NRR", max_digits=7, decimal_places=4, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    history = HistoricalRecords(table_name="indikator_historicalunsurskm")

    class Meta:
        db_table = "indikator_unsurskm"  # created by indikator; the move kept the table
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
