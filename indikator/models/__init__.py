"""The performance chain: Renstra → tujuan → sasaran → indikator, targets, PK, realisasi.
Values (targets and realisasi) share one shape, `NilaiMixin`: a number, or
a predicate for qualitative indicators, optionally with the numerator and
denominator it was computed from so that capaian can be exact (PPKS 2024:
15.216 / 6.266 people, not 12% / 5%). A blank value is absent, never zero."""

from indikator.models.crosscutting import Crosscutting
from indikator.models.jabatan import Jabatan
from indikator.models.nilai import SATUAN_PERSEN, NilaiMixin, nilai_field
from indikator.models.pk import PerjanjianKinerja, PkIndikator, TargetTriwulan
from indikator.models.realisasi import Realisasi, bukti_upload_to
from indikator.models.rencana_aksi import AksiTriwulan, RencanaAksi
from indikator.models.renstra import Indikator, IndikatorQuerySet, Renstra, Sasaran, Target, Tujuan
from indikator.models.skala import PredikatAkip, SkalaPredikat

__all__ = [
    "AksiTriwulan",
    "Crosscutting",
    "Indikator",
    "IndikatorQuerySet",
    "Jabatan",
    "NilaiMixin",
    "PerjanjianKinerja",
    "PkIndikator",
    "PredikatAkip",
    "Realisasi",
    "RencanaAksi",
    "Renstra",
    "SATUAN_PERSEN",
    "Sasaran",
    "SkalaPredikat",
    "Target",
    "TargetTriwulan",
    "Tujuan",
    "bukti_upload_to",
    "nilai_field",
]
