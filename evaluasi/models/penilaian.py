"""One OPD's evaluation of a year on an LKE: the OPD's answers (usulan), the evaluator's, the approval.

The cycle: the perencana fills the worksheet (DIISI) and submits it
(DIAJUKAN); the evaluator answers every criterion again and closes its review
(DINILAI); a second evaluator approves (FINAL), which issues the result
(evaluasi.services.penilaian_setujui). Who may do what, when, is decided here.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from evaluasi.models.lke import KriteriaLke, Lke, PilihanJawaban
from evaluasi.skor import hitung_lke
from indikator.models import SkalaPredikat
from portal.access import can_edit_opd_data
from portal.models import TAHUN_VALIDATORS, AksiDitolak, PerangkatDaerah, User, Versioned
from portal.teks import TeksAmanModel


def bukti_lke_upload_to(instance, filename):
    # Never the uploader's name: it may carry path tricks or personal data.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    p = instance.penilaian
    return f"bukti-lke/{p.opd_id}/{p.tahun}/{instance.kriteria.kode}.{ext}"


USULAN, EVALUATOR = "usulan", "evaluator"  # the two sides of a worksheet: the OPD's answers, the evaluator's


def lhe_upload_to(instance, filename):
    return f"lhe/{instance.opd_id}/{instance.tahun}/lhe-{instance.pk}.pdf"


def adalah_evaluator(user):
    return user.is_superuser or user.role in (User.Role.EVALUATOR, User.Role.ADMIN)


class PenilaianLke(Versioned):
    class Status(models.TextChoices):
        DIISI = "diisi", "Diisi OPD"
        DIAJUKAN = "diajukan", "Diajukan ke evaluator"
        DINILAI = "dinilai", "Dinilai evaluator"
        FINAL = "final", "Final"

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="penilaian_lke",
                            verbose_name="perangkat daerah")
    tahun = models.PositiveSmallIntegerField("tahun kinerja yang dievaluasi", validators=TAHUN_VALIDATORS)
    lke = models.ForeignKey(Lke, on_delete=models.PROTECT, related_name="penilaian", verbose_name="LKE")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DIISI)
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name="diajukan oleh")
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="evaluator")
    dinilai_pada = models.DateTimeField("selesai dinilai pada", null=True, blank=True)
    penyetuju = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="disetujui oleh")
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    catatan_umum = models.TextField("catatan umum evaluator", blank=True)
    nomor_lhe = models.CharField("nomor LHE", max_length=150, blank=True)
    tanggal_lhe = models.DateField("tanggal LHE", null=True, blank=True)
    penandatangan_nama = models.CharField("nama Inspektur", max_length=150, blank=True)
    penandatangan_nip = models.CharField("NIP Inspektur", max_length=30, blank=True)
    # What the approval issued: the result the LKIP and the IKU read, and the frozen LHE.
    evaluasi_akip = models.OneToOneField("evaluasi.EvaluasiAkip", on_delete=models.SET_NULL, null=True,
                                         blank=True, related_name="penilaian", verbose_name="hasil evaluasi")
    lhe_pdf = models.FileField("LHE (PDF terbit)", upload_to=lhe_upload_to, blank=True)
    lhe_sha256 = models.CharField("SHA-256 LHE", max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "penilaian LKE"
        verbose_name_plural = "penilaian LKE"
        ordering = ["-tahun", "opd"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="penilaian_lke_satu_per_tahun")]

    def __str__(self):
        return f"Evaluasi AKIP {self.tahun} {self.opd}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("evaluasi:ringkasan", args=[self.pk])

    # --- who may do what, now -------------------------------------------------

    def alasan_isian_ditolak(self, user):
        """Why `user` may not change the OPD's answers now (None: it may)."""
        if not can_edit_opd_data(user, self.opd):
            return "Hanya perencana perangkat daerah ini yang mengisi penilaian mandiri."
        if self.status != self.Status.DIISI:
            return f"Penilaian mandiri sudah {self.get_status_display().lower()}; isian OPD tidak dapat diubah."
        return None

    def alasan_penilaian_ditolak(self, user):
        """Why `user` may not give the evaluator's answers now (None: it may)."""
        if not adalah_evaluator(user):
            return "Hanya evaluator yang memberi nilai evaluator."
        if self.status != self.Status.DIAJUKAN:
            return "Nilai evaluator diberikan setelah OPD mengajukan penilaian mandiri dan sebelum disetujui."
        return None

    def alasan_persetujuan_ditolak(self, user):
        """The approval is a second reviewer's: an evaluator other than the one who scored."""
        if not adalah_evaluator(user):
            return "Hanya evaluator yang menyetujui hasil evaluasi."
        if self.status != self.Status.DINILAI:
            return "Hasil evaluasi disetujui setelah evaluator selesai menilai."
        if self.evaluator_id == user.pk:
            return "Persetujuan harus oleh reviewer kedua, bukan evaluator yang menilai."
        return None

    def periksa(self, pesan):
        if pesan:
            raise AksiDitolak(pesan)

    def struktur_dan_jawaban(self):
        """The worksheet's components (prefetched) and the answers by criterion id: five queries."""
        struktur = self.lke.struktur()
        jawaban = {j.kriteria_id: j for j in self.jawaban.select_related("usulan", "nilai_evaluator")}
        return struktur, jawaban

    def hasil(self, sisi, struktur=None, jawaban=None):
        """The scores of one side (USULAN: the OPD's, EVALUATOR) through the one computation, evaluasi.skor."""
        if struktur is None:
            struktur, jawaban = self.struktur_dan_jawaban()
        field = "usulan" if sisi == USULAN else "nilai_evaluator"
        nilai = {k: getattr(j, field).nilai for k, j in jawaban.items() if getattr(j, field) is not None}
        return hitung_lke(struktur, nilai, SkalaPredikat.for_tahun(self.tahun_lhe))

    @property
    def tahun_lhe(self):
        """The year of the LHE: the year it is dated, else the one after the year evaluated."""
        return self.tanggal_lhe.year if self.tanggal_lhe else self.tahun + 1


class JawabanLke(Versioned):
    penilaian = models.ForeignKey(PenilaianLke, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(KriteriaLke, on_delete=models.PROTECT, related_name="jawaban")
    usulan = models.ForeignKey(PilihanJawaban, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="jawaban OPD")
    catatan_usulan = models.TextField("catatan OPD", blank=True)
    bukti = models.FileField("bukti dukung", upload_to=bukti_lke_upload_to, blank=True)
    # A page of the portal that evidences the answer (a Renstra, a PK, a published LKIP): a path, never a host.
    tautan = models.CharField("tautan ke data portal", max_length=300, blank=True)
    tautan_label = models.CharField("keterangan tautan", max_length=300, blank=True)
    dari_prefill = models.BooleanField("dikonfirmasi dari data portal", default=False)
    diisi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="diisi oleh")
    diisi_pada = models.DateTimeField("diisi pada", null=True, blank=True)
    nilai_evaluator = models.ForeignKey(PilihanJawaban, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name="jawaban evaluator")
    catatan_evaluator = models.TextField("catatan evaluator", blank=True)
    dinilai_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="dinilai oleh")
    dinilai_pada = models.DateTimeField("dinilai pada", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        ordering = ["penilaian", "kriteria"]
        constraints = [models.UniqueConstraint(fields=["penilaian", "kriteria"], name="jawaban_lke_unik")]

    def __str__(self):
        return f"{self.kriteria.kode} {self.penilaian}"

    @property
    def berbeda(self):
        """The evaluator answered otherwise than the OPD proposed."""
        return self.nilai_evaluator_id is not None and self.nilai_evaluator_id != self.usulan_id

    @property
    def selisih(self):
        """Evaluator's value − the OPD's, in percentage points; None until both answered."""
        if self.nilai_evaluator is None or self.usulan is None:
            return None
        return self.nilai_evaluator.nilai - self.usulan.nilai

    def simpan_usulan(self, *, user, versi, pilihan, catatan, tautan="", tautan_label="", bukti=None,
                      dari_prefill=False):
        """The OPD's answer, note and evidence for this criterion; refused once submitted or when stale."""
        from django.utils import timezone

        self.penilaian.periksa(self.penilaian.alasan_isian_ditolak(user))
        _periksa_pilihan(pilihan, self.kriteria)
        self.usulan, self.catatan_usulan = pilihan, catatan
        self.tautan, self.tautan_label, self.dari_prefill = tautan, tautan_label, dari_prefill
        if bukti:
            self.bukti = bukti
        self.diisi_oleh, self.diisi_pada = user, timezone.now()
        self.simpan_atau_buat(versi)

    def simpan_nilai_evaluator(self, *, user, versi, pilihan, catatan):
        """The evaluator's answer and note beside the OPD's."""
        from django.utils import timezone

        self.penilaian.periksa(self.penilaian.alasan_penilaian_ditolak(user))
        _periksa_pilihan(pilihan, self.kriteria)
        self.nilai_evaluator, self.catatan_evaluator = pilihan, catatan
        self.dinilai_oleh, self.dinilai_pada = user, timezone.now()
        self.simpan_atau_buat(versi)


def _periksa_pilihan(pilihan, kriteria):
    if pilihan is not None and pilihan.skala_id != kriteria.skala_id:
        raise AksiDitolak(f"Jawaban '{pilihan.kode}' bukan pilihan skala kriteria {kriteria.kode}.")


class Rekomendasi(TeksAmanModel):
    penilaian = models.ForeignKey(PenilaianLke, on_delete=models.CASCADE, related_name="rekomendasi")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    uraian = models.TextField("rekomendasi")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rekomendasi LHE"
        verbose_name_plural = "rekomendasi LHE"
        ordering = ["penilaian", "urutan", "id"]

    def __str__(self):
        return self.uraian[:80]


def bukti_tindak_lanjut_upload_to(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    p = instance.rekomendasi.penilaian
    return f"tindak-lanjut/{p.opd_id}/{p.tahun}/{instance.rekomendasi_id}.{ext}"


class TindakLanjut(Versioned):
    """The OPD's follow-up of one LHE recommendation: plan, unit, due date, status and evidence."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum ditindaklanjuti"
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai"

    rekomendasi = models.OneToOneField(Rekomendasi, on_delete=models.CASCADE, related_name="tindak_lanjut")
    rencana = models.TextField("rencana tindak lanjut", blank=True)
    unit_kerja = models.ForeignKey("portal.UnitKerja", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="unit penanggung jawab")
    tenggat = models.DateField("tenggat", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.BELUM)
    bukti = models.FileField("bukti tindak lanjut", upload_to=bukti_tindak_lanjut_upload_to, blank=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="diubah oleh")
    diubah_pada = models.DateTimeField("diubah pada", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tindak lanjut rekomendasi"
        verbose_name_plural = "tindak lanjut rekomendasi"
        ordering = ["rekomendasi"]

    def __str__(self):
        return f"Tindak lanjut: {self.rekomendasi}"

    def simpan(self, *, user, versi, rencana, unit_kerja, tenggat, status, bukti=None):
        """The perencana records the follow-up; "selesai" needs its evidence, as 4.3.1 will ask for it."""
        from django.utils import timezone

        penilaian = self.rekomendasi.penilaian
        if not can_edit_opd_data(user, penilaian.opd):
            raise AksiDitolak("Hanya perencana perangkat daerah ini yang mencatat tindak lanjut.")
        if penilaian.status != PenilaianLke.Status.FINAL:
            raise AksiDitolak("Tindak lanjut dicatat setelah LHE terbit.")
        if unit_kerja is not None and unit_kerja.opd_id != penilaian.opd_id:
            raise AksiDitolak("Unit penanggung jawab harus dari perangkat daerah ini.")
        if bukti:
            self.bukti = bukti
        if status == self.Status.SELESAI and not self.bukti:
            raise AksiDitolak("Tindak lanjut yang selesai harus disertai bukti dukung.")
        self.rencana, self.unit_kerja, self.tenggat, self.status = rencana, unit_kerja, tenggat, status
        self.diubah_oleh, self.diubah_pada = user, timezone.now()
        self.simpan_atau_buat(versi)
