"""The LKIP of an OPD and a year: its narrative, per-IKU analysis and published versions.

Every figure of the document is computed from the records when it is
rendered (lkip.services.lkip_context); only the words live here. Its
rendered PDFs are kept in the portal's one store of generated documents
(portal.models.BerkasDokumen); a published version keeps its own copy.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indikator.models import Indikator
from portal.models import PerangkatDaerah, Versioned
from portal.teks import TeksAmanModel


class Lkip(Versioned):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="lkip")
    tahun = models.PositiveSmallIntegerField("tahun")
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True, default="Bekasi")
    tanggal = models.DateField("tanggal penandatanganan", null=True, blank=True)
    penandatangan_nama = models.CharField("nama penandatangan", max_length=150, blank=True)
    penandatangan_nip = models.CharField("NIP penandatangan", max_length=30, blank=True)
    penandatangan_jabatan = models.CharField("jabatan penandatangan", max_length=150, blank=True)
    penandatangan_pangkat = models.CharField("pangkat/golongan penandatangan", max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "LKIP"
        verbose_name_plural = "LKIP"
        ordering = ["opd", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="lkip_satu_per_opd_tahun")]

    def __str__(self):
        return f"LKIP {self.opd.singkatan} {self.tahun}"

    def get_absolute_url(self):
        return reverse("lkip:detail", args=[self.pk])

    @property
    def judul(self):
        return f"Laporan Kinerja Instansi Pemerintah {self.opd.nama} Tahun {self.tahun}"

    @property
    def ttd_nama(self):
        return self.penandatangan_nama or self.opd.kepala_nama

    @property
    def ttd_nip(self):
        return self.penandatangan_nip or self.opd.kepala_nip

    @property
    def ttd_jabatan(self):
        return self.penandatangan_jabatan or self.opd.kepala_jabatan or f"Kepala {self.opd.nama}"

    @property
    def ttd_pangkat(self):
        return self.penandatangan_pangkat or self.opd.kepala_pangkat


class BagianLkip(Versioned):
    """One narrative section, Markdown (rendered through the allow-list sanitiser)."""

    class Kunci(models.TextChoices):
        KATA_PENGANTAR = "kata_pengantar", "Kata Pengantar"
        BAB1_LATAR_BELAKANG = "bab1_latar_belakang", "1.1 Latar Belakang"
        BAB1_TUGAS_FUNGSI = "bab1_tugas_fungsi", "1.2 Tugas, Fungsi dan Wewenang Organisasi"
        BAB1_ASPEK_STRATEGIS = "bab1_aspek_strategis", "1.3 Aspek Strategis Organisasi"
        BAB1_KEGIATAN_LAYANAN = "bab1_kegiatan_layanan", "1.4 Kegiatan dan Layanan Produk Organisasi"
        BAB1_SISTEMATIKA = "bab1_sistematika", "1.5 Sistematika Penyajian"
        BAB2_PENGANTAR = "bab2_pengantar", "2.1 Rencana Strategis"
        BAB2_IKU_PENGANTAR = "bab2_iku_pengantar", "2.1 Indikator Kinerja Utama"
        BAB2_PK_PENGANTAR = "bab2_pk_pengantar", "2.2 Perjanjian Kinerja"
        BAB3_PENGANTAR = "bab3_pengantar", "BAB III Akuntabilitas Kinerja"
        BAB3_CAPAIAN_PENGANTAR = "bab3_capaian_pengantar", "3.1 Capaian Kinerja Organisasi"
        BAB3_REALISASI_ANGGARAN_FAKTOR = (
            "bab3_realisasi_anggaran_faktor", "3.3 Faktor yang Mempengaruhi Penyerapan Anggaran")
        BAB3_SDM = "bab3_sdm", "3.4 Dukungan Sumber Daya Manusia"
        BAB4_KESIMPULAN = "bab4_kesimpulan", "4.1 Kesimpulan"
        BAB4_RENCANA_TINDAK = "bab4_rencana_tindak", "4.2 Rencana Tindak"

    lkip = models.ForeignKey(Lkip, on_delete=models.CASCADE, related_name="bagian")
    kunci = models.CharField("bagian", max_length=40, choices=Kunci.choices)
    judul = models.CharField("judul", max_length=200)
    markdown = models.TextField("isi (Markdown)", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bagian LKIP"
        verbose_name_plural = "bagian LKIP"
        constraints = [models.UniqueConstraint(fields=["lkip", "kunci"], name="bagian_lkip_unik")]

    def __str__(self):
        return f"{self.lkip} — {self.judul}"


class AnalisisIku(Versioned):
    """The words of section 3.2 for one IKU; its figures come from the records."""

    lkip = models.ForeignKey(Lkip, on_delete=models.CASCADE, related_name="analisis_iku")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="analisis_lkip")
    uraian = models.TextField("uraian", blank=True)
    faktor = models.TextField("faktor keberhasilan / kegagalan", blank=True)
    solusi = models.TextField("alternatif solusi", blank=True)
    langkah = models.TextField("langkah ke depan", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "analisis IKU"
        verbose_name_plural = "analisis IKU"
        constraints = [models.UniqueConstraint(fields=["lkip", "indikator"], name="analisis_iku_unik")]

    def __str__(self):
        return f"{self.lkip} — {self.indikator.nama}"


def _berkas_upload_to(instance, filename):
    """Where the rendered PDFs of the dropped BerkasLkip went: migration 0001 still names it."""
    return f"lkip/{instance.lkip.opd.singkatan}/{instance.lkip.tahun}/{filename}"


def _versi_upload_to(instance, filename):
    return f"lkip/terbit/{instance.lkip.opd.singkatan}/{instance.lkip.tahun}/{filename}"


class VersiTerbit(TeksAmanModel):
    """A published version: the frozen PDF, its SHA-256, who published it and when. Never changes."""

    lkip = models.ForeignKey(Lkip, on_delete=models.PROTECT, related_name="versi_terbit")
    nomor = models.PositiveIntegerField("versi")
    berkas = models.FileField("PDF", upload_to=_versi_upload_to)
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="diterbitkan oleh"
    )
    diterbitkan_pada = models.DateTimeField("diterbitkan pada")

    class Meta:
        verbose_name = "versi terbit LKIP"
        verbose_name_plural = "versi terbit LKIP"
        ordering = ["lkip", "-nomor"]
        constraints = [models.UniqueConstraint(fields=["lkip", "nomor"], name="versi_terbit_nomor_unik")]

    def __str__(self):
        return f"{self.lkip} versi {self.nomor}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Versi terbit LKIP tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Versi terbit LKIP tidak dapat dihapus.")


class PembuatanKota(models.Model):
    """Every OPD's LKIP of a year rendered together (the evaluator's or admin's "LKIP semua OPD").

    One item per LKIP, each rendered by its own task (lkip.kota), so as many
    workers as run share the work; the page shows n of N and the failures.
    """

    tahun = models.PositiveSmallIntegerField("tahun")
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="dimulai oleh")
    dibuat_pada = models.DateTimeField("dimulai pada", auto_now_add=True)

    class Meta:
        verbose_name = "pembuatan LKIP semua OPD"
        verbose_name_plural = "pembuatan LKIP semua OPD"
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self):
        return f"LKIP {self.tahun} semua OPD ({self.dibuat_pada:%d-%m-%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("lkip:kota_detail", args=[self.pk])


class PembuatanKotaItem(TeksAmanModel):
    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu"
        PROSES = "proses", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    pembuatan = models.ForeignKey(PembuatanKota, on_delete=models.CASCADE, related_name="item")
    lkip = models.ForeignKey(Lkip, on_delete=models.CASCADE, related_name="+")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRE)
    pesan = models.TextField("keterangan", blank=True)
    berkas = models.ForeignKey("portal.BerkasDokumen", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    detik = models.DecimalField("lama (detik)", max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "LKIP dalam pembuatan semua OPD"
        verbose_name_plural = "LKIP dalam pembuatan semua OPD"
        ordering = ["lkip__opd__nama"]
        constraints = [models.UniqueConstraint(fields=["pembuatan", "lkip"], name="pembuatan_kota_satu_per_lkip")]

    def __str__(self):
        return f"{self.lkip} ({self.get_status_display()})"
