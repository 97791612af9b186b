"""Budget roll-up: every total is a sum of its rows, in a fixed number of queries."""

from decimal import Decimal as D

import pytest

from anggaran.models import AnggaranAgregat, RealisasiAnggaran
from anggaran.rekap import anggaran_opd, efisiensi, serapan
from tests.factories import (
    AnggaranKasFactory,
    DpaFactory,
    KegiatanFactory,
    PerangkatDaerahFactory,
    RealisasiAnggaranFactory,
    SubKegiatanFactory,
)

pytestmark = pytest.mark.django_db


def test_serapan_and_efisiensi_are_exact():
    assert serapan(D("82"), D("100")) == D("82")
    assert serapan(D("1"), D("0")) is None
    assert serapan(None, D("100")) is None
    assert efisiensi(D("82.41"), D("100")) == D("17.59")
    # Efisiensi is only stated where the performance target was reached, as printed (2 decimals).
    assert efisiensi(D("82.41"), D("99.99")) is None
    assert efisiensi(D("82.41"), D("99.9951")) == D("17.59")
    assert efisiensi(D("82.41"), D("99.9949")) is None


def make_lines(opd, count, kegiatan=None):
    kegiatan = kegiatan or KegiatanFactory()
    lines = []
    for _ in range(count):
        dpa = DpaFactory(opd=opd, sub_kegiatan=SubKegiatanFactory(kegiatan=kegiatan),
                         pagu_perubahan=D("1000"))
        for tw in range(1, 5):
            AnggaranKasFactory(dpa=dpa, triwulan=tw, jumlah=D("250"))
        RealisasiAnggaranFactory(dpa=dpa, triwulan=1, jumlah=D("200"))
        lines.append(dpa)
    return lines


def test_totals_are_sums_of_rows():
    opd = PerangkatDaerahFactory()
    make_lines(opd, 3)
    tree = anggaran_opd(opd, 2023)
    assert tree.pagu == D("3000")
    assert tree.kas == [D("750")] * 4
    assert tree.selisih_kas == 0
    assert tree.realisasi == D("600")
    assert tree.realisasi_sd(1) == D("600")
    assert tree.serapan == D("20")


def test_a_blank_realisasi_stays_blank():
    opd = PerangkatDaerahFactory()
    DpaFactory(opd=opd, pagu_perubahan=D("1000"))
    tree = anggaran_opd(opd, 2023)
    assert tree.realisasi is None
    assert tree.serapan is None


def test_program_level_figure_is_used_only_where_no_rows_exist():
    opd = PerangkatDaerahFactory()
    [dpa] = make_lines(opd, 1)
    program = dpa.sub_kegiatan.kegiatan.program
    AnggaranAgregat.objects.create(opd=opd, tahun=2023, program=program,
                                   pagu_murni=D("900"), realisasi=D("999"))
    [program_row] = anggaran_opd(opd, 2023).anak
    assert program_row.pagu_murni == D("900")  # no murni on the rows: the program figure
    assert program_row.realisasi == D("200")  # rows exist: their sum wins


def test_query_count_does_not_grow_with_rows(django_assert_num_queries):
    small, large = PerangkatDaerahFactory(), PerangkatDaerahFactory()
    make_lines(small, 2)
    for _ in range(3):
        make_lines(large, 10)
    with django_assert_num_queries(4):
        anggaran_opd(small, 2023)
    with django_assert_num_queries(4):
        anggaran_opd(large, 2023)


def test_a_recorded_program_realisasi_wins_over_a_sum_of_only_some_of_its_lines():
    """Review finding: one sub-kegiatan's realisasi used to replace the program's recorded total."""
    opd = PerangkatDaerahFactory()
    kegiatan = KegiatanFactory()
    [dengan, tanpa] = [DpaFactory(opd=opd, sub_kegiatan=SubKegiatanFactory(kegiatan=kegiatan),
                                  pagu_perubahan=D("1000")) for _ in range(2)]
    RealisasiAnggaranFactory(dpa=dengan, triwulan=None, jumlah=D("30"))
    AnggaranAgregat.objects.create(opd=opd, tahun=2023, program=kegiatan.program, realisasi=D("1500"))
    tree = anggaran_opd(opd, 2023)
    [program_row] = tree.anak
    assert program_row.realisasi == D("1500") and program_row.realisasi_lengkap
    assert program_row.serapan == D("75")
    assert tree.realisasi == D("1500") and tree.realisasi_lengkap
    # Once every line has its realisasi, the total is computed from the lines again.
    RealisasiAnggaranFactory(dpa=tanpa, triwulan=None, jumlah=D("1470"))
    assert anggaran_opd(opd, 2023).anak[0].realisasi == D("1500")
    RealisasiAnggaran.objects.filter(dpa=tanpa).update(jumlah=D("1000"))
    assert anggaran_opd(opd, 2023).anak[0].realisasi == D("1030")


def test_a_total_over_lines_without_realisasi_is_marked_incomplete():
    opd = PerangkatDaerahFactory()
    kegiatan = KegiatanFactory()
    [dengan, _tanpa] = [DpaFactory(opd=opd, sub_kegiatan=SubKegiatanFactory(kegiatan=kegiatan),
                                   pagu_perubahan=D("1000")) for _ in range(2)]
    RealisasiAnggaranFactory(dpa=dengan, triwulan=1, jumlah=D("400"))
    tree = anggaran_opd(opd, 2023)
    assert tree.realisasi == D("400")
    assert not tree.realisasi_lengkap and not tree.anak[0].realisasi_lengkap
