"""The Renja (Rencana Kerja) of an OPD for one year, as records.

The plan rows (program → kegiatan → sub-kegiatan) keep their code and name
as text, with an optional link to the nomenclature: a Renja is often drafted
in a nomenclature version the portal does not hold yet, and a row whose code
the source did not print must still be recordable. Totals are never stored
on the rows: a program or kegiatan row may carry the figure the source
printed for it, which is used only where its rows cannot give the total and
is otherwise compared with the sum by the consistency check
(renja.pemeriksaan).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from anggaran.models import (
    Kegiatan,
    Program,
    SubKegiatan,
    VersiNomenklatur,
    rupiah_field,
)
from portal.models import TAHUN_VALIDATORS, PerangkatDaerah, UnitKerja, Versioned
from portal.teks import TeksAmanModel


class Level(models.TextChoices):
    URUSAN = "urusan", "Urusan"
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"


class Renja(Versioned):
    class Tahap(models.TextChoices):
        RANCANGAN_AWAL = "rancangan_awal", "Rancangan Awal"
        RANCANGAN = "rancangan", "Rancangan"
        RANCANGAN_AKHIR = "rancangan_akhir", "Rancangan Akhir"
        PENETAPAN = "penetapan", "Penetapan"

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="renja")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    tahap = models.CharField("tahap", max_length=20, choices=Tahap.choices, default=Tahap.RANCANGAN_AWAL)
    versi_nomenklatur = models.ForeignKey(
        VersiNomenklatur,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="versi nomenklatur",
        help_text="Versi tempat kode baris rencana dicari; kosong bila versinya belum ada di portal.",
    )
    # Figures the source document prints for the whole OPD. They are never
    # used where the rows can give the total; where the rows cannot (the
    # seed prints prakiraan maju 2027 for only part of the rows), the
    # document shows the recorded figure with its label.
    pagu_total_tercetak = rupiah_field("pagu indikatif total tercetak", null=True, blank=True)
    pagu_maju_total_tercetak = rupiah_field("prakiraan maju total tercetak", null=True, blank=True)
    penandatangan_nama = models.CharField("nama penandatangan", max_length=150, blank=True)
    penandatangan_nip = models.CharField("NIP penandatangan", max_length=30, blank=True)
    penandatangan_jabatan = models.CharField("jabatan penandatangan", max_length=150, blank=True)
    tempat = models.CharField("tempat", max_length=60, blank=True)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    sumber = models.TextField("sumber data", blank=True)
    disalin_dari = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="disalin dari",
        help_text="Renja yang menjadi titik awal; narasi yang belum diubah sejak disalin disebut pemeriksaan.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renja"
        verbose_name_plural = "Renja"
        ordering = ["opd", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="renja_satu_per_tahun"),
        ]

    def __str__(self):
        return f"Renja {self.tahun} {self.opd}"

    def get_absolute_url(self):
        return reverse("renja:detail", args=[self.pk])

    @property
    def tahun_maju(self):
        return self.tahun + 1

    @property
    def tahun_evaluasi(self):
        """The Renja evaluated in BAB II is that of year n-2 (the last complete year)."""
        return self.tahun - 2

    @property
    def judul(self):
        return f"{self.get_tahap_display()} Rencana Kerja {self.opd.nama} Tahun {self.tahun}"


class RiwayatTahap(TeksAmanModel):
    """One change of tahap, kept so the history reads as the document's own record."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="riwayat_tahap")
    dari = models.CharField("dari tahap", max_length=20, choices=Renja.Tahap.choices, blank=True)
    ke = models.CharField("ke tahap", max_length=20, choices=Renja.Tahap.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pada = models.DateTimeField("pada", auto_now_add=True)
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "riwayat tahap Renja"
        verbose_name_plural = "riwayat tahap Renja"
        ordering = ["renja", "pada", "id"]

    def __str__(self):
        return f"{self.renja}: {self.get_dari_display() or '–'} → {self.get_ke_display()}"


class BarisRencana(Versioned):
    """One planned program, kegiatan or sub-kegiatan row (T-C.33)."""

    class Sumber(models.TextChoices):
        ISIAN = "isian", "Diisi di portal"
        SIPD = "sipd", "Tabel SIPD"
        SIPD_SEBAGIAN = "sipd_sebagian", "Tabel SIPD (sebagian; kode/nama dari Tabel 2.19)"
        TABEL_2_19 = "tabel_2_19", "Tabel 2.19 (baris tidak ada di tabel SIPD)"

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="rencana")
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="anak",
        verbose_name="induk",
    )
    level = models.CharField(
        "tingkat", max_length=15, choices=[c for c in Level.choices if c[0] != Level.URUSAN]
    )
    urutan = models.PositiveIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=40, blank=True)
    nama = models.CharField("nama", max_length=400)
    program = models.ForeignKey(Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pagu = rupiah_field(
        "pagu indikatif",
        null=True,
        blank=True,
        help_text="Sub kegiatan: pagu indikatif. Program/kegiatan: angka tercetak di sumber, "
        "dipakai hanya bila baris di bawahnya tidak lengkap.",
    )
    pagu_maju = rupiah_field(
        "prakiraan maju (n+1)", null=True, blank=True, help_text="Kosong = tidak diketahui, bukan nol."
    )
    target_akhir_renstra = models.CharField("target akhir Renstra", max_length=100, blank=True)
    realisasi_n2 = models.CharField("realisasi capaian n-2", max_length=100, blank=True)
    prakiraan_n1 = models.CharField("prakiraan capaian n-1", max_length=100, blank=True)
    lokasi = models.CharField("lokasi", max_length=300, blank=True)
    sumber_dana = models.CharField("sumber dana", max_length=300, blank=True)
    prioritas_nasional = models.TextField("prioritas nasional", blank=True)
    prioritas_daerah = models.TextField("prioritas daerah", blank=True)
    kelompok_sasaran = models.CharField("kelompok sasaran", max_length=300, blank=True)
    penanggung_jawab = models.CharField("perangkat daerah penanggung jawab", max_length=200, blank=True)
    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="unit penanggung jawab",
    )
    sumber = models.CharField("asal baris", max_length=15, choices=Sumber.choices, default=Sumber.ISIAN)
    catatan = models.TextField("catatan", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris rencana"
        verbose_name_plural = "baris rencana"
        ordering = ["renja", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pagu__gte=0) | Q(pagu__isnull=True), name="rencana_pagu_tidak_negatif"
            ),
            models.CheckConstraint(
                condition=Q(pagu_maju__gte=0) | Q(pagu_maju__isnull=True),
                name="rencana_pagu_maju_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(level="program", induk__isnull=True)
                | Q(level__in=["kegiatan", "sub_kegiatan"], induk__isnull=False),
                name="rencana_induk_sesuai_tingkat",
            ),
        ]

    def __str__(self):
        return f"{self.kode or '(tanpa kode)'} {self.nama}"

    @property
    def dari_sipd(self):
        return self.sumber in (self.Sumber.SIPD, self.Sumber.ISIAN)


class IndikatorRencana(TeksAmanModel):
    """An indicator of a plan row with its target in year n and n+1.

    Targets are text because sources print compound targets ("PBI : 400.000
    Orang, …"); a numeric target is stored with "." as decimal separator and
    printed the Indonesian way.
    """

    baris = models.ForeignKey(BarisRencana, on_delete=models.CASCADE, related_name="indikator")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    nama = models.CharField("indikator", max_length=500, blank=True)
    target = models.CharField("target", max_length=200, blank=True)
    satuan = models.CharField("satuan", max_length=60, blank=True)
    target_maju = models.CharField("target n+1", max_length=200, blank=True)
    satuan_maju = models.CharField("satuan n+1", max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator rencana"
        verbose_name_plural = "indikator rencana"
        ordering = ["baris", "urutan", "id"]

    def __str__(self):
        return self.nama


class TabelReview(TeksAmanModel):
    """A printed review table of the Rancangan RKPD (T-C.31); a document may carry more than one."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="tabel_review")
    nomor = models.PositiveSmallIntegerField("nomor", default=1)
    judul = models.CharField("judul", max_length=300)
    letak = models.CharField("letak di dokumen", max_length=120, blank=True)
    total_tercetak = rupiah_field("total tercetak", null=True, blank=True)
    sumber_total = models.CharField("sumber total tercetak", max_length=200, blank=True)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "tabel review RKPD"
        verbose_name_plural = "tabel review RKPD"
        ordering = ["renja", "nomor"]
        constraints = [models.UniqueConstraint(fields=["renja", "nomor"], name="tabel_review_unik")]

    def __str__(self):
        return self.judul


class BarisReview(Versioned):
    """A line of the review: the Rancangan RKPD against the result of the needs analysis."""

    tabel = models.ForeignKey(TabelReview, on_delete=models.CASCADE, related_name="baris")
    urutan = models.PositiveIntegerField("urutan", default=0)
    level = models.CharField("tingkat", max_length=15, choices=Level.choices)
    nomor = models.CharField("nomor tercetak", max_length=10, blank=True)
    kode = models.CharField("kode", max_length=40, blank=True)
    nama = models.CharField("program/kegiatan/sub kegiatan", max_length=400)
    rkpd_lokasi = models.CharField("lokasi (RKPD)", max_length=300, blank=True)
    rkpd_indikator = models.CharField("indikator (RKPD)", max_length=500, blank=True)
    rkpd_target = models.CharField("target (RKPD)", max_length=200, blank=True)
    rkpd_satuan = models.CharField("satuan (RKPD)", max_length=60, blank=True)
    rkpd_pagu = rupiah_field("pagu indikatif (RKPD)", null=True, blank=True)
    analisis_lokasi = models.CharField("lokasi (hasil analisis)", max_length=300, blank=True)
    analisis_indikator = models.CharField("indikator (hasil analisis)", max_length=500, blank=True)
    analisis_target = models.CharField("target (hasil analisis)", max_length=200, blank=True)
    analisis_satuan = models.CharField("satuan (hasil analisis)", max_length=60, blank=True)
    analisis_pagu = rupiah_field("pagu indikatif (hasil analisis)", null=True, blank=True)
    analisis_pagu_tercetak = models.CharField(
        "pagu hasil analisis seperti tercetak", max_length=60, blank=True,
        help_text="Diisi bila sel sumber tercetak cacat (mis. \"Rp .350.000.000\").",
    )
    catatan = models.TextField("catatan penting", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris review RKPD"
        verbose_name_plural = "baris review RKPD"
        ordering = ["tabel", "urutan"]

    def __str__(self):
        return self.nama


class Usulan(Versioned):
    """A proposal of the public (musrenbang, pokir, …) and how the Renja answers it (T-C.32)."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="usulan")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    program_kegiatan = models.CharField("program/kegiatan", max_length=400)
    lokasi = models.CharField("lokasi", max_length=300, blank=True)
    indikator = models.CharField("indikator kinerja", max_length=400, blank=True)
    volume = models.CharField("besaran/volume", max_length=100, blank=True)
    pengusul = models.CharField("pengusul / sumber usulan", max_length=200, blank=True)
    catatan = models.TextField("catatan", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "usulan masyarakat"
        verbose_name_plural = "usulan masyarakat"
        ordering = ["renja", "urutan", "id"]

    def __str__(self):
        return self.program_kegiatan


class TargetSpm(Versioned):
    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="target_spm")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    jenis_pelayanan = models.CharField("jenis pelayanan dasar", max_length=300)
    indikator = models.CharField("indikator capaian", max_length=400)
    target = models.DecimalField("target", max_digits=18, decimal_places=2, null=True, blank=True)
    satuan = models.CharField("satuan", max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target SPM"
        verbose_name_plural = "target SPM"
        ordering = ["renja", "urutan", "id"]

    def __str__(self):
        return self.jenis_pelayanan


class KinerjaPelayanan(Versioned):
    """A row of T-C.30: a service indicator with Renstra targets, realisasi and projections.

    Values are text (as printed); numeric ones use "." as decimal separator.
    Column years are relative to the Renja year n.
    """

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="kinerja_pelayanan")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    nomor = models.CharField("nomor", max_length=10, blank=True)
    indikator = models.CharField("indikator", max_length=400)
    spm = models.CharField("SPM / standar nasional", max_length=400, blank=True)
    ikk = models.CharField("IKK", max_length=400, blank=True)
    satuan = models.CharField("satuan", max_length=60, blank=True)
    target_n3 = models.CharField("target Renstra n-3", max_length=60, blank=True)
    target_n2 = models.CharField("target Renstra n-2", max_length=60, blank=True)
    target_n1 = models.CharField("target Renstra n-1", max_length=60, blank=True)
    target_n = models.CharField("target Renstra n", max_length=60, blank=True)
    realisasi_n3 = models.CharField("realisasi n-3", max_length=60, blank=True)
    realisasi_n2 = models.CharField("realisasi n-2", max_length=60, blank=True)
    proyeksi_n1 = models.CharField("proyeksi n-1", max_length=60, blank=True)
    proyeksi_n = models.CharField("proyeksi n", max_length=60, blank=True)
    catatan = models.TextField("catatan analisis", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kinerja pelayanan"
        verbose_name_plural = "kinerja pelayanan"
        ordering = ["renja", "urutan", "id"]

    def __str__(self):
        return self.spm or self.indikator


class EvaluasiRenja(Versioned):
    """A row of T-C.29: the Renja of year n-2 against its realisasi.

    Stored as the evaluation the OPD recorded (its targets and realisasi);
    tingkat realisasi and the band are computed (renja.tabel), never
    stored.
    """

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="evaluasi")
    urutan = models.PositiveIntegerField("urutan", default=0)
    level = models.CharField("tingkat", max_length=15, choices=Level.choices)
    kode = models.CharField("kode", max_length=40, blank=True)
    nama = models.CharField("urusan/program/kegiatan", max_length=400)
    indikator = models.CharField("indikator kinerja", max_length=500, blank=True)
    satuan = models.CharField("satuan", max_length=60, blank=True)
    target_renstra = models.CharField("target Renstra", max_length=300, blank=True)
    realisasi_sd_n3 = models.CharField("realisasi s.d. n-3", max_length=300, blank=True)
    target_n2 = models.CharField("target n-2", max_length=300, blank=True)
    realisasi_n2 = models.CharField("realisasi n-2", max_length=300, blank=True)
    target_n1 = models.CharField("target n-1", max_length=300, blank=True)
    prakiraan_realisasi = models.CharField("prakiraan realisasi s.d. n", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evaluasi Renja"
        verbose_name_plural = "evaluasi Renja"
        ordering = ["renja", "urutan", "id"]

    def __str__(self):
        return self.nama


class BagianNarasi(Versioned):
    """A narrative section of the document, in Markdown (rendered through the sanitiser)."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="narasi")
    kunci = models.SlugField("kunci", max_length=60)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    judul = models.CharField("judul", max_length=200)
    isi = models.TextField("isi (Markdown)", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bagian narasi Renja"
        verbose_name_plural = "bagian narasi Renja"
        ordering = ["renja", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renja", "kunci"], name="narasi_renja_unik")]

    def __str__(self):
        return self.judul
