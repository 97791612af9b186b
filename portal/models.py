import datetime
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from simple_history.models import HistoricalRecords

from portal.angka import ROMAWI
from portal.teks import TeksAmanModel

TRIWULAN_CHOICES = [(1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV")]
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]
TAHUN_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class EditConflict(Exception):
    """Someone else saved the record after this user opened it."""

    message = (
        "Data ini sudah diubah oleh pengguna lain sejak Anda membukanya. "
        "Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi isian Anda."
    )


class AksiDitolak(Exception):
    """A change the rules refuse (who, when, which status); the message tells the user why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Versioned(TeksAmanModel):
    """Optimistic locking: the second of two concurrent edits is refused.

    A form carries the `versi` it was rendered with; `save_versioned` writes
    only if the row still has that version, so nothing is overwritten silently.
    """

    versi = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save_versioned(self, versi_dibaca, **kwargs):
        if self.pk is None:
            self.save(**kwargs)
            return
        with transaction.atomic():
            self.klaim_versi(versi_dibaca)
            self.save(**kwargs)

    def klaim_versi(self, versi_dibaca, **syarat):
        """Take the next version if the row still has the one that was read (and meets `syarat`).

        Call inside a transaction. A record that guards rows under it (a DPA
        line its quarters, a PK its targets) takes its version this way
        without saving its own fields.
        """
        updated = type(self)._default_manager.filter(pk=self.pk, versi=versi_dibaca, **syarat).update(
            versi=F("versi") + 1
        )
        if not updated:
            raise EditConflict()
        self.versi = versi_dibaca + 1

    def simpan_atau_buat(self, versi_dibaca, **kwargs):
        """Create the row, or update it only if nobody saved it since it was read.

        A form opened before the row existed carries no version: if the row
        exists by now, someone created it meanwhile, and that is a conflict
        too; two people creating it at once are told apart by its unique
        constraint.
        """
        if self.pk is None:
            try:
                with transaction.atomic():
                    self.save(**kwargs)
            except IntegrityError as exc:
                raise EditConflict() from exc
        elif versi_dibaca is None:
            raise EditConflict()
        else:
            self.save_versioned(versi_dibaca, **kwargs)


class PerangkatDaerahQuerySet(models.QuerySet):
    def by_kode_or_singkatan(self, value):
        """The OPD a command-line `--opd` names: its kode or its singkatan."""
        return self.get(Q(kode=value) | Q(singkatan__iexact=value))



class PerangkatDaerah(TeksAmanModel):
    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=200)
    singkatan = models.CharField("singkatan", max_length=30, unique=True)
    alamat = models.CharField("alamat", max_length=300, blank=True)
    kepala_nama = models.CharField("nama kepala", max_length=150, blank=True)
    kepala_nip = models.CharField("NIP kepala", max_length=30, blank=True)
    kepala_jabatan = models.CharField("jabatan kepala", max_length=150, blank=True)
    kepala_pangkat = models.CharField("pangkat/golongan kepala", max_length=100, blank=True)
    # Thresholds of the dashboard status colours (issue: configurable per OPD).
    ambang_tercapai = models.DecimalField(
        "ambang tercapai (%)", max_digits=6, decimal_places=2, default=100
    )
    ambang_perhatian = models.DecimalField(
        "ambang perlu perhatian (%)", max_digits=6, decimal_places=2, default=75
    )

    objects = PerangkatDaerahQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class UnitKerja(TeksAmanModel):
    class Jenis(models.TextChoices):
        PIMPINAN = "pimpinan", "Pimpinan"
        SEKRETARIAT = "sekretariat", "Sekretariat"
        BIDANG = "bidang", "Bidang"
        SUB = "sub", "Sub bagian / sub koordinator"
        UPT = "upt", "UPT"

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_kerja", verbose_name="OPD"
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_unit",
        verbose_name="unit induk",
    )
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices, default=Jenis.BIDANG)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["opd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "nama"], name="unit_kerja_unik_per_opd"),
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        if self.induk_id and self.induk.opd_id != self.opd_id:
            raise ValidationError({"induk": "Unit induk harus dari perangkat daerah yang sama."})


class PenggunaManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", User.Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(TeksAmanModel, AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        PERENCANA = "perencana", "Perencana"
        OPERATOR = "operator", "Operator unit kerja"
        PIMPINAN = "pimpinan", "Pimpinan"
        EVALUATOR = "evaluator", "Evaluator"

    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name="perangkat daerah",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name="unit kerja",
    )
    role = models.CharField("peran", max_length=20, choices=Role.choices, default=Role.OPERATOR)
    nip = models.CharField("NIP", max_length=30, blank=True)
    # The daily reminder mail (dasbor.pengingat); the user turns it off on the account page.
    terima_pengingat = models.BooleanField(
        "terima pengingat lewat email", default=True,
        help_text="Sekali sehari: triwulan yang segera ditutup, realisasi yang dikembalikan atau menunggu verifikasi.")
    # Set in the same update that claims the day's mail: two runs at once send one mail.
    pengingat_terakhir = models.DateField("pengingat terakhir dikirim", null=True, blank=True, editable=False)

    objects = PenggunaManager()

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        constraints = [
            # Roles that work inside one OPD must belong to one.
            models.CheckConstraint(
                condition=Q(role__in=["admin", "evaluator"]) | Q(opd__isnull=False),
                name="pengguna_opd_wajib_untuk_peran_opd",
            ),
            models.CheckConstraint(
                condition=~Q(role="operator") | Q(unit_kerja__isnull=False),
                name="operator_wajib_punya_unit_kerja",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.unit_kerja_id and self.opd_id and self.unit_kerja.opd_id != self.opd_id:
            raise ValidationError({"unit_kerja": "Unit kerja harus dari perangkat daerah pengguna."})

    @property
    def sees_all_opd(self):
        """Admins and evaluators read every OPD; everyone else only their own."""
        return self.is_superuser or self.role in (self.Role.ADMIN, self.Role.EVALUATOR)


class JendelaInput(Versioned):
    """An input window: while it is open, units enter the realisasi of a triwulan.

    Outside it the triwulan is read-only, for performance and budget
    realisasi alike. A window without an OPD applies to every OPD (the
    admin's); one for an OPD overrides it (its perencana's, from the window
    page). It lives here, below every app, so that anggaran and indikator
    both read the one rule. Writes go through portal.jendela.jendela_simpan,
    which takes the window's version (two perencana editing at once: the
    second is refused) and answers the requests the window now opens.
    """

    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jendela_input",
        verbose_name="perangkat daerah",
        help_text="Kosong: berlaku untuk semua perangkat daerah.",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    dibuka = models.BooleanField("dibuka", default=True)
    mulai = models.DateField("mulai", null=True, blank=True, help_text="Kosong: sejak dibuka.")
    selesai = models.DateField("selesai", null=True, blank=True, help_text="Kosong: sampai ditutup.")
    # Kept by save(): the unit is told since when it is closed, which the flag alone cannot say.
    ditutup_pada = models.DateTimeField("ditutup pada", null=True, blank=True, editable=False)

    # The table was created by the indikator app; the move to portal kept it.
    history = HistoricalRecords(table_name="indikator_historicaljendelainput")

    class Meta:
        db_table = "indikator_jendelainput"
        verbose_name = "jendela input"
        verbose_name_plural = "jendela input"
        ordering = ["-tahun", "-triwulan", "opd"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "triwulan"], condition=Q(opd__isnull=False), name="jendela_unik_per_opd"
            ),
            models.UniqueConstraint(
                fields=["tahun", "triwulan"], condition=Q(opd__isnull=True), name="jendela_unik_semua_opd"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="jendela_triwulan_1_4"
            ),
            models.CheckConstraint(
                condition=Q(mulai__isnull=True) | Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="jendela_selesai_setelah_mulai",
            ),
        ]

    def __str__(self):
        return f"TW {self.triwulan} {self.tahun} {self.opd or 'semua OPD'}"

    def save(self, *args, **kwargs):
        # Every path (page, admin, demo) passes here, so the moment of closing is never missed.
        if self.dibuka:
            self.ditutup_pada = None
        elif self.ditutup_pada is None:
            self.ditutup_pada = timezone.now()
        super().save(*args, **kwargs)

    @classmethod
    def untuk(cls, opd, tahun, triwulan):
        """The window in force for an OPD's triwulan: its own, else the one for every OPD."""
        windows = sorted(
            cls.objects.filter(Q(opd=opd) | Q(opd__isnull=True), tahun=tahun, triwulan=triwulan),
            key=lambda w: w.opd_id is None,
        )
        return windows[0] if windows else None

    @classmethod
    def terbuka_untuk(cls, opd, hari):
        """The windows in force for an OPD that are open on `hari`, oldest triwulan first (one query)."""
        berlaku = {}
        for jendela in cls.objects.filter(Q(opd=opd) | Q(opd__isnull=True)).order_by(F("opd").asc(nulls_first=True)):
            berlaku[jendela.tahun, jendela.triwulan] = jendela  # the OPD's own, read last, wins
        return [berlaku[k] for k in sorted(berlaku) if berlaku[k].terbuka_pada(hari)]

    def terbuka_pada(self, hari):
        if not self.dibuka:
            return False
        return (self.mulai is None or hari >= self.mulai) and (self.selesai is None or hari <= self.selesai)

    def akan_terbuka(self, hari):
        """Open on `hari` or from a later day: a request for this triwulan has been met."""
        return self.dibuka and (self.selesai is None or self.selesai >= hari)

    def ditutup_sejak(self, hari):
        """The first day entry was no longer possible: closed by hand, or the day after its last day."""
        hari_hari = []
        if not self.dibuka and self.ditutup_pada is not None:
            hari_hari.append(timezone.localdate(self.ditutup_pada))
        if self.selesai is not None and self.selesai < hari:
            hari_hari.append(self.selesai + datetime.timedelta(days=1))
        return min(hari_hari) if hari_hari else None

    def keadaan(self, hari):
        """"dibuka", "dijadwalkan" (opens on `mulai`) or "ditutup", as the window page and the units read it."""
        if self.terbuka_pada(hari):
            return "dibuka"
        return "dijadwalkan" if self.akan_terbuka(hari) else "ditutup"

    @classmethod
    def izin(cls, *, opd, tahun, triwulan, user, hari=None):
        """(window in force, may `user` enter realisasi of this triwulan on `hari`?).

        The window decides; the admin, who opens windows, is never shut out.
        """
        jendela = cls.untuk(opd, tahun, triwulan)
        terbuka = jendela is not None and jendela.terbuka_pada(hari or timezone.localdate())
        return jendela, terbuka or user.is_superuser or user.role == User.Role.ADMIN

    @staticmethod
    def pesan_tertutup(jendela, tahun, triwulan, opd=None, hari=None):
        """What a unit is told when a triwulan is closed to it: since when, and who can open it.

        `opd`: the unit's OPD (a window for every OPD does not name it). The
        text is built only when it is shown: a page asks every row whether it
        may change, and naming the perencana costs a query.
        """
        return _pesan_tertutup_lazy(jendela, tahun, triwulan, opd, hari or timezone.localdate())


def _pesan_tertutup(jendela, tahun, triwulan, opd, hari):
    if opd is None and jendela is not None:
        opd = jendela.opd
    keadaan = "sedang ditutup" if jendela is not None else "belum dibuka"
    kalimat = [f"Pengisian realisasi TW {ROMAWI[triwulan]} {tahun} {keadaan}."]
    if jendela is not None:
        sejak = jendela.ditutup_sejak(hari)
        if sejak is not None:
            kalimat.append(f"Ditutup sejak {date_format(sejak, 'j F Y')}.")
        elif jendela.akan_terbuka(hari) and jendela.mulai is not None:
            kalimat.append(f"Dibuka mulai {date_format(jendela.mulai, 'j F Y')}.")
    if opd is None:
        kalimat.append("Perencana perangkat daerah Anda dapat membukanya.")
    else:
        nama = [str(u) for u in User.objects.filter(opd=opd, role=User.Role.PERENCANA, is_active=True)
                .order_by("first_name", "username")[:3]]
        if nama:
            kalimat.append(f"Perencana {opd.nama} ({', '.join(nama)}) dapat membukanya.")
        else:
            kalimat.append(f"Admin portal dapat membukanya ({opd.nama} belum punya akun perencana).")
    return " ".join(kalimat)


_pesan_tertutup_lazy = lazy(_pesan_tertutup, str)


class PermintaanJendelaQuerySet(models.QuerySet):
    def menunggu(self, opd=None):
        """Requests still waiting for the perencana's answer (of one OPD when given), oldest first.

        The home page's "Tugas saya" counts and links these for a perencana.
        """
        qs = self.filter(status=PermintaanJendela.Status.MENUNGGU)
        if opd is not None:
            qs = qs.filter(opd=opd)
        return qs.order_by("diminta_pada", "pk")


class PermintaanJendela(TeksAmanModel):
    """A unit asks its perencana to open a closed triwulan; the perencana grants (opens it) or declines."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu jawaban"
        DIPENUHI = "dipenuhi", "Dipenuhi"
        DITOLAK = "ditolak", "Ditolak"

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="permintaan_jendela", verbose_name="perangkat daerah"
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.CASCADE, related_name="permintaan_jendela", verbose_name="unit kerja"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    catatan = models.TextField("catatan peminta", blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    diminta_oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="diminta oleh"
    )
    diminta_pada = models.DateTimeField("diminta pada", default=timezone.now)
    dijawab_oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="dijawab oleh"
    )
    dijawab_pada = models.DateTimeField("dijawab pada", null=True, blank=True)
    jawaban = models.TextField("jawaban perencana", blank=True)

    objects = PermintaanJendelaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "permintaan pembukaan jendela"
        verbose_name_plural = "permintaan pembukaan jendela"
        ordering = ["-diminta_pada"]
        indexes = [models.Index(fields=["opd", "status"], name="permintaan_jendela_opd_status")]
        constraints = [
            # One open request per unit and triwulan: a second click (or a double submit) adds none.
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun", "triwulan"], condition=Q(status="menunggu"),
                name="permintaan_jendela_satu_menunggu",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="permintaan_jendela_triwulan_1_4"
            ),
        ]

    def __str__(self):
        return f"{self.unit_kerja} TW {self.triwulan} {self.tahun} ({self.get_status_display()})"

    def get_absolute_url(self):
        """Where it is answered: its triwulan on the OPD's window page."""
        return reverse("jendela:halaman", kwargs={"opd": self.opd_id, "tahun": self.tahun}) + f"#tw{self.triwulan}"

    @property
    def periode(self):
        return f"TW {ROMAWI[self.triwulan]} {self.tahun}"

    def jawab(self, *, status, user, jawaban=""):
        """Answer a waiting request, once: a second answer (a double submit, another perencana) is refused.

        The conditional update is the lock: of two answers at once only one
        finds the request still waiting. The save after it records the answer
        in the audit trail.
        """
        if status == self.Status.DITOLAK and not jawaban.strip():
            raise AksiDitolak("Tulis alasan penolakan: unit perlu tahu mengapa pengisian tidak dibuka.")
        with transaction.atomic():
            if not type(self).objects.filter(pk=self.pk, status=self.Status.MENUNGGU).update(status=status):
                raise AksiDitolak(f"Permintaan {self.unit_kerja} untuk {self.periode} sudah dijawab.")
            self.status, self.dijawab_oleh, self.dijawab_pada, self.jawaban = status, user, timezone.now(), jawaban
            self._history_user = user
            self.save()


class KirimanForm(TeksAmanModel):
    """A create form's one-time token, claimed in the transaction that creates the record.

    A double click or a resubmitted page sends the same token twice; the unique
    token makes the second claim fail, even when both requests arrive at once
    (the second insert waits for the first transaction and then collides), so
    the record is created once. See portal.kiriman.
    """

    token = models.CharField("token", max_length=64, unique=True)
    pengguna = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", verbose_name="pengguna")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True, db_index=True)
    tujuan = models.CharField("halaman hasil", max_length=500, blank=True)

    class Meta:
        verbose_name = "kiriman formulir"
        verbose_name_plural = "kiriman formulir"

    def __str__(self):
        return f"{self.token} ({self.pengguna})"


def _berkas_dokumen_upload_to(instance, filename):
    return f"dokumen/{instance.jenis}/{instance.opd.singkatan}/{instance.tahun}/{filename}"


class BerkasDokumenQuerySet(models.QuerySet):
    def dokumen(self, *, jenis, opd, tahun, format="pdf"):
        """The stored files of one document of an OPD and year in one format, newest first."""
        return self.filter(jenis=jenis, opd=opd, tahun=tahun, format=format).order_by("-dibuat_pada", "-pk")

    def beku(self):
        """Versions of record only (frozen), newest first."""
        return self.filter(dibekukan_pada__isnull=False).order_by("-dibekukan_pada", "-pk")


class BerkasDokumen(TeksAmanModel):
    """A generated document (LKIP, Renja) stored as a file, keyed by the SHA-256 of the HTML it was made from.

    The same HTML gives the same document, so an unchanged document is served
    from here instead of being rendered again (a render takes seconds of a
    worker); a changed document has another hash and gets a row of its own.
    The status is what a page shows while a background task renders. A file
    is only ever a copy of what its HTML renders to: one gone from disk (a
    database restored without its media) is rendered again. A version of
    record (LKIP publishing, VersiTerbit) keeps its own frozen copy and hash.
    portal.dokumen holds the workflows; a new kind or format is a choice here.
    """

    class Jenis(models.TextChoices):
        LKIP = "lkip", "LKIP"
        RENJA = "renja", "Renja"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    class Status(models.TextChoices):
        ANTRE = "antre", "Dalam antrean"
        PROSES = "proses", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    # A task queued or rendering for longer than this is taken as lost: asking again queues a new one.
    BATAS_TUGAS = timedelta(minutes=10)

    jenis = models.CharField("jenis dokumen", max_length=20, choices=Jenis.choices)
    format = models.CharField("format", max_length=10, choices=Format.choices, default=Format.PDF)
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="berkas_dokumen",
                            verbose_name="perangkat daerah")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    sidik_html = models.CharField("SHA-256 HTML", max_length=64)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRE)
    berkas = models.FileField("berkas", upload_to=_berkas_dokumen_upload_to, max_length=255, blank=True)
    pesan = models.TextField("pesan", blank=True)
    detik = models.DecimalField("lama (detik)", max_digits=8, decimal_places=2, null=True, blank=True)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    selesai_pada = models.DateTimeField("selesai pada", null=True, blank=True)
    # A version of record (the Renja on Penetapan): the file's own SHA-256, who froze it and when. The public
    # verification page finds it by that hash (portal.dokumen.dokumen_bekukan).
    sidik_berkas = models.CharField("SHA-256 berkas", max_length=64, blank=True, db_index=True)
    dibekukan_pada = models.DateTimeField("dibekukan pada", null=True, blank=True)
    dibekukan_oleh = models.ForeignKey("User", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name="dibekukan oleh")

    objects = BerkasDokumenQuerySet.as_manager()

    class Meta:
        verbose_name = "berkas dokumen"
        verbose_name_plural = "berkas dokumen"
        ordering = ["-dibuat_pada"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "opd", "tahun", "format", "sidik_html"],
                                    name="berkas_dokumen_per_html"),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.opd.singkatan} {self.tahun} {self.format} {self.sidik_html[:12]}"

    @property
    def siap(self):
        """Rendered and its file still on disk."""
        return (self.status == self.Status.SELESAI and bool(self.berkas)
                and self.berkas.storage.exists(self.berkas.name))

    @property
    def sedang_dibuat(self):
        """Queued or rendering, by a task recent enough to be taken as still alive."""
        return (self.status in (self.Status.ANTRE, self.Status.PROSES)
                and timezone.now() - self.dibuat_pada < self.BATAS_TUGAS)

    def baca(self):
        """The stored bytes."""
        with self.berkas.open("rb") as f:
            return f.read()

    def tandai(self, status, pesan="", *, hanya_dari=None):
        """Set the status (and its message) in the database at once; with `hanya_dari`, only from that status.

        A page polls the status while another process renders, so it is written
        by itself rather than with the rest of the row.
        """
        baris = type(self).objects.filter(pk=self.pk)
        if hanya_dari is not None:
            baris = baris.filter(status=hanya_dari)
        pesan = pesan[:2000]
        if baris.update(status=status, pesan=pesan):
            self.status, self.pesan = status, pesan
