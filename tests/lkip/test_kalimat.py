"""The sentences next to the LKIP budget tables say what is not recorded instead of printing '–' or '()'."""

from decimal import Decimal as D

from anggaran.rekap import BarisAnggaran
from lkip.tabel import kalimat_anggaran


def _baris(realisasi, lengkap=True):
    return BarisAnggaran("program", "1.06.02", "Program", pagu_perubahan=D("1000"), realisasi=realisasi,
                         realisasi_lengkap=lengkap)


def test_a_budget_without_realisasi_says_so():
    teks = kalimat_anggaran(_baris(None), D("100"))
    assert teks.endswith("realisasinya belum tercatat.")
    assert "–" not in teks and "()" not in teks


def test_a_partial_sum_is_called_incomplete_and_gets_no_efisiensi():
    teks = kalimat_anggaran(_baris(D("400"), lengkap=False), D("100"))
    assert "serapan 40,00%" in teks and "belum lengkap" in teks
    assert "efisiensi" not in teks


def test_a_complete_budget_states_serapan_and_efisiensi():
    teks = kalimat_anggaran(_baris(D("824")), D("100"))
    assert "serapan 82,40%" in teks and "tingkat efisiensi 17,60%" in teks
    assert "belum lengkap" not in teks
