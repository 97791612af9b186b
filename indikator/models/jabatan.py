"""Structural positions (jabatan) that sign a Perjanjian Kinerja, and who holds them.

A position is a record apart from its holder so that a change of official is
a PK revision (the agreement names the person who signed it), not an edit of
the position or of an old agreement.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from portal.models import PerangkatDaerah, UnitKerja, Versioned


class Jabatan(Versioned):
    class Eselon(models.TextChoices):
        II = "II", "Eselon II (kepala perangkat daerah)"
        III = "III", "Eselon III (sekretaris / kepala bidang)"
        IV = "IV", "Eselon IV (kepala sub bagian / sub koordinator)"

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="jabatan", verbose_name="OPD")
    unit = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="jabatan",
                             verbose_name="unit kerja", help_text="Kosong untuk kepala perangkat daerah.")
    atasan = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="bawahan",
                               verbose_name="atasan langsung")
    eselon = models.CharField("eselon", max_length=3, choices=Eselon.choices)
    nama = models.CharField("nama jabatan", max_length=200)
    pemegang_nama = models.CharField("nama pejabat", max_length=150, blank=True)
    pemegang_nip = models.CharField("NIP pejabat", max_length=30, blank=True)
    pemegang_pangkat = models.CharField("pangkat/golongan", max_length=100, blank=True)
    # The seeds name only the Kepala Dinas; the demo's other holders are invented
    # and every document that prints one says so.
    pemegang_ilustrasi = models.BooleanField("nama pejabat ilustrasi", default=False)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["opd", "eselon", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "nama"], name="jabatan_unik_per_opd"),
            models.CheckConstraint(condition=Q(eselon__in=["II", "III", "IV"]), name="jabatan_eselon_dikenal"),
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        if self.unit_id and self.unit.opd_id != self.opd_id:
            raise ValidationError({"unit": "Unit kerja harus dari perangkat daerah yang sama."})
        if self.atasan_id:
            if self.atasan.opd_id != self.opd_id:
                raise ValidationError({"atasan": "Atasan harus dari perangkat daerah yang sama."})
            if self.atasan.eselon >= self.eselon:  # "II" < "III" < "IV" as strings too
                raise ValidationError({"atasan": "Atasan harus satu eselon di atas jabatan ini."})
        elif self.eselon != self.Eselon.II:
            raise ValidationError({"atasan": "Jabatan eselon III dan IV menandatangani PK dengan atasannya."})

    @property
    def kepala_opd(self):
        return self.eselon == self.Eselon.II

    def pihak(self):
        """The signatory block of this position as its holder signs today."""
        return {"nama": self.pemegang_nama, "nip": self.pemegang_nip, "jabatan": self.nama,
                "pangkat": self.pemegang_pangkat}

    def unit_tercakup(self):
        """The unit and its sub-units: the indicators this position answers for are theirs."""
        if self.unit_id is None:
            return UnitKerja.objects.filter(opd_id=self.opd_id)
        return UnitKerja.objects.filter(Q(pk=self.unit_id) | Q(induk_id=self.unit_id))

    def tingkat_indikator(self):
        """Which indicators a PK at this level holds (PermenPANRB 53/2014 cascade).

        Eselon II: the sasaran's IKU; eselon III: the program outcome
        indicators; eselon IV: the kegiatan and sub-kegiatan outputs.
        """
        if self.eselon == self.Eselon.II:
            return Q(is_iku=True)
        if self.eselon == self.Eselon.III:
            return Q(program__isnull=False)
        return Q(kegiatan__isnull=False) | Q(sub_kegiatan__isnull=False)
