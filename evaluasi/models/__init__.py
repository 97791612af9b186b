"""Evaluasi AKIP: the recorded results (hasil), the LKE worksheet as data (lke) and its answers (penilaian)."""

from evaluasi.models.hasil import (
    JUMLAH_UNSUR_SKM,
    KONVERSI_IKM,
    EvaluasiAkip,
    KomponenAkip,
    RespondenSkm,
    SurveiKepuasan,
    UnsurSkm,
    ikm_dari_nrr,
)
from evaluasi.models.lke import KomponenLke, KriteriaLke, Lke, PilihanJawaban, SkalaJawaban, SubKomponenLke
from evaluasi.models.penilaian import JawabanLke, PenilaianLke, Rekomendasi, TindakLanjut

__all__ = [
    "JUMLAH_UNSUR_SKM", "KONVERSI_IKM", "EvaluasiAkip", "JawabanLke", "KomponenAkip", "KomponenLke",
    "KriteriaLke", "Lke", "PenilaianLke", "PilihanJawaban", "Rekomendasi", "RespondenSkm", "SkalaJawaban",
    "SubKomponenLke", "SurveiKepuasan", "TindakLanjut", "UnsurSkm", "ikm_dari_nrr",
]
