"""gandakan_opd: the doubled demo OPD of the LKIP benchmark, and the query count of lkip_context at two sizes."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import AnggaranKas, DpaSubKegiatan, RealisasiAnggaran
from anggaran.rekap import anggaran_opd
from indikator.models import Indikator, PkIndikator, Realisasi, Target
from lkip.management.commands.gandakan_opd import gandakan_opd, hapus_opd
from lkip.models import AnalisisIku, Lkip
from lkip.services import lkip_context
from portal.models import PerangkatDaerah

TAHUN = 2023


def _jumlah(opd):
    return {
        "pk": PkIndikator.objects.filter(perjanjian__opd=opd, perjanjian__tahun=TAHUN).count(),
        "indikator": Indikator.objects.filter(opd=opd).count(),
        "iku": Indikator.objects.filter(opd=opd, is_iku=True).count(),
        "indikator program": Indikator.objects.filter(opd=opd, program__isnull=False).count(),
        "target": Target.objects.filter(indikator__opd=opd).count(),
        "realisasi": Realisasi.objects.filter(indikator__opd=opd).count(),
        "dpa": DpaSubKegiatan.objects.filter(opd=opd, tahun=TAHUN).count(),
        "kas": AnggaranKas.objects.filter(dpa__opd=opd, dpa__tahun=TAHUN).count(),
        "realisasi anggaran": RealisasiAnggaran.objects.filter(dpa__opd=opd, dpa__tahun=TAHUN).count(),
        "analisis": AnalisisIku.objects.filter(lkip__opd=opd, lkip__tahun=TAHUN).count(),
    }


@pytest.fixture
def besar(demo):
    return gandakan_opd(demo, kode="T-2X", faktor=2)


def test_every_row_of_the_source_twice(demo, besar):
    asal, salinan = _jumlah(demo), _jumlah(besar)
    assert all(asal.values()), asal  # the demo has each kind of row, so doubling is tested
    assert salinan == {key: 2 * n for key, n in asal.items()}


def test_budget_totals_twice(demo, besar):
    asal, salinan = anggaran_opd(demo, TAHUN), anggaran_opd(besar, TAHUN)
    assert len(salinan.anak) == 2 * len(asal.anak)
    assert salinan.pagu == 2 * asal.pagu
    assert salinan.pagu_murni == 2 * asal.pagu_murni
    assert salinan.realisasi == 2 * asal.realisasi
    assert salinan.kas == [2 * k for k in asal.kas]


def test_lkip_twice_the_tables_same_query_count(demo, besar):
    def context(opd):
        lkip = Lkip.objects.select_related("opd").get(opd=opd, tahun=TAHUN)
        with CaptureQueriesContext(connection) as q:
            ctx = lkip_context(lkip)
        return ctx, len(q.captured_queries)

    ctx_asal, q_asal = context(demo)
    ctx_besar, q_besar = context(besar)
    for key in ("pk_rows", "blok_list", "sub_rows", "capaian_rows", "renstra_rows"):
        assert len(ctx_besar[key]) == 2 * len(ctx_asal[key]), key
    assert q_besar == q_asal  # no query per row


def test_command_refuses_an_existing_kode_unless_ganti(demo):
    call_command("gandakan_opd", "--opd", "DINSOS", "--kode", "T-2X", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("gandakan_opd", "--opd", "DINSOS", "--kode", "T-2X", stdout=io.StringIO())
    call_command("gandakan_opd", "--opd", "DINSOS", "--kode", "T-2X", "--ganti", stdout=io.StringIO())
    assert PerangkatDaerah.objects.filter(kode="T-2X").count() == 1


def test_hapus_opd_removes_the_copy_and_leaves_the_source(demo, besar):
    sebelum = _jumlah(demo)
    hapus_opd(besar)
    assert not PerangkatDaerah.objects.filter(kode="T-2X").exists()
    assert not Indikator.objects.filter(opd_id=besar.pk).exists()
    assert _jumlah(demo) == sebelum
