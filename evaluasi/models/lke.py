"""The LKE worksheet as data: a regulation's components → sub-components → criteria, weights and answer scales.

Every number of the worksheet (weights, the value of an answer) is a row, so
a later regulation is entered in the admin, not coded. PermenPANRB 88/2021
is loaded by migration 0002 (LKE-88-2021.md).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from portal.models import TAHUN_VALIDATORS
from portal.teks import TeksAmanModel


class SkalaJawaban(TeksAmanModel):
    """An answer scale: graded (AA … E) or yes/no; each choice worth a share of the criterion."""

    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=150)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "skala jawaban LKE"
        verbose_name_plural = "skala jawaban LKE"
        ordering = ["kode"]

    def __str__(self):
        return self.nama


class PilihanJawaban(TeksAmanModel):
    skala = models.ForeignKey(SkalaJawaban, on_delete=models.CASCADE, related_name="pilihan")
    kode = models.CharField("jawaban", max_length=5)
    nilai = models.DecimalField("nilai (%)", max_digits=5, decimal_places=2,
                                help_text="Bagian dari nilai kriteria, 0–100 %.")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pilihan jawaban LKE"
        verbose_name_plural = "pilihan jawaban LKE"
        ordering = ["skala", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "kode"], name="pilihan_jawaban_unik"),
            models.CheckConstraint(condition=models.Q(nilai__gte=0, nilai__lte=100), name="pilihan_jawaban_0_100"),
        ]

    def __str__(self):
        return self.kode


class Lke(TeksAmanModel):
    """One worksheet: a regulation in force for the LHE of a year on."""

    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=200)
    tahun_mulai = models.PositiveSmallIntegerField("berlaku untuk evaluasi kinerja tahun", validators=TAHUN_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lembar kerja evaluasi (LKE)"
        verbose_name_plural = "lembar kerja evaluasi (LKE)"
        ordering = ["tahun_mulai"]

    def __str__(self):
        return self.nama

    @classmethod
    def for_tahun(cls, tahun):
        """The worksheet for evaluating the performance of `tahun`: the latest in force by then."""
        return cls.objects.filter(tahun_mulai__lte=tahun).order_by("-tahun_mulai").first()

    def struktur(self):
        """Components with their sub-components and criteria (and each criterion's scale), in three queries."""
        return list(self.komponen.prefetch_related(
            models.Prefetch("sub", queryset=SubKomponenLke.objects.prefetch_related(
                models.Prefetch("kriteria", queryset=KriteriaLke.objects.select_related("skala")
                                .prefetch_related("skala__pilihan")))),
        ))


class KomponenLke(TeksAmanModel):
    lke = models.ForeignKey(Lke, on_delete=models.CASCADE, related_name="komponen")
    nomor = models.PositiveSmallIntegerField("nomor")
    nama = models.CharField("komponen", max_length=200)
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "komponen LKE"
        verbose_name_plural = "komponen LKE"
        ordering = ["lke", "nomor"]
        constraints = [models.UniqueConstraint(fields=["lke", "nomor"], name="komponen_lke_unik")]

    def __str__(self):
        return f"{self.nomor}. {self.nama}"


class SubKomponenLke(TeksAmanModel):
    komponen = models.ForeignKey(KomponenLke, on_delete=models.CASCADE, related_name="sub")
    nomor = models.PositiveSmallIntegerField("nomor")
    nama = models.TextField("sub-komponen")
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sub-komponen LKE"
        verbose_name_plural = "sub-komponen LKE"
        ordering = ["komponen", "nomor"]
        constraints = [models.UniqueConstraint(fields=["komponen", "nomor"], name="sub_komponen_lke_unik")]

    def __str__(self):
        return f"{self.komponen.nomor}.{self.nomor} {self.nama[:80]}"


class KriteriaLke(TeksAmanModel):
    sub = models.ForeignKey(SubKomponenLke, on_delete=models.CASCADE, related_name="kriteria",
                            verbose_name="sub-komponen")
    nomor = models.PositiveSmallIntegerField("nomor")
    # "1.1.3": how the regulation and the pre-fill (evaluasi.prefill) name the criterion.
    kode = models.CharField("kode", max_length=20)
    uraian = models.TextField("kriteria")
    skala = models.ForeignKey(SkalaJawaban, on_delete=models.PROTECT, related_name="kriteria",
                              verbose_name="skala jawaban")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kriteria LKE"
        verbose_name_plural = "kriteria LKE"
        ordering = ["sub", "nomor"]
        constraints = [models.UniqueConstraint(fields=["sub", "nomor"], name="kriteria_lke_unik")]

    def __str__(self):
        return f"{self.kode} {self.uraian[:80]}"
