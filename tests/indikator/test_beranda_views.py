"""The home page tells each user what to do now."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from indikator.models import Realisasi
from portal.models import UnitKerja
from tests.factories import RealisasiFactory
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit

# Mid-November: the report due is TW III.
HARI = datetime.datetime(TAHUN, 11, 15, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def rehab_indikator(demo):
    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    return indikator_unit(demo, rehab, n=3)


@time_machine.travel(HARI, tick=False)
def test_it_tells_an_operator_how_many_indicators_are_not_filled(client, users, rehab_indikator):
    client.force_login(users["operator"])
    page = client.get("/").content.decode()
    assert f"Realisasi TW III {TAHUN} belum diisi: 3 indikator" in page


@time_machine.travel(HARI, tick=False)
def test_it_tells_an_operator_what_was_returned_and_what_is_not_submitted(client, users, rehab_indikator):
    a, b, _ = rehab_indikator
    RealisasiFactory(indikator=a, tahun=TAHUN, triwulan=3, status=Realisasi.Status.DIKEMBALIKAN)
    RealisasiFactory(indikator=b, tahun=TAHUN, triwulan=3, nilai=Decimal(2))
    client.force_login(users["operator"])
    page = client.get("/").content.decode()
    assert "belum diisi: 1 indikator" in page
    assert "Dikembalikan perencana, perlu diperbaiki: 1 realisasi" in page
    assert "Sudah diisi tetapi belum diajukan: 1 realisasi" in page


@time_machine.travel(HARI, tick=False)
def test_it_tells_the_perencana_what_waits_for_verification(client, users, rehab_indikator):
    RealisasiFactory(indikator=rehab_indikator[0], tahun=TAHUN, triwulan=3, status=Realisasi.Status.DIAJUKAN)
    client.force_login(users["perencana"])
    page = client.get("/").content.decode()
    assert f"Realisasi TW III {TAHUN} menunggu verifikasi Anda: 1 indikator" in page
    assert "belum diisi: 2 indikator dari 1 unit kerja" in page


@time_machine.travel(HARI, tick=False)
def test_an_operator_of_another_unit_sees_nothing_of_rehabilitasi(client, users, rehab_indikator):
    client.force_login(users["operator_lain"])
    page = client.get("/").content.decode()
    assert "belum diisi: 3 indikator" not in page


@time_machine.travel(HARI, tick=False)
def test_it_says_when_everything_is_verified(client, users, rehab_indikator):
    for ind in rehab_indikator:
        RealisasiFactory(indikator=ind, tahun=TAHUN, triwulan=3, status=Realisasi.Status.DIVERIFIKASI)
    client.force_login(users["pimpinan"])
    page = client.get("/").content.decode()
    assert f"Realisasi TW III {TAHUN} sudah lengkap dan diverifikasi (3 indikator)" in page


def test_the_reporting_triwulan_is_the_last_one_that_ended():
    from indikator.services import triwulan_pengisian

    assert triwulan_pengisian(datetime.date(2026, 11, 23)) == (2026, 3)
    assert triwulan_pengisian(datetime.date(2026, 4, 1)) == (2026, 1)
    assert triwulan_pengisian(datetime.date(2027, 2, 10)) == (2026, 4)
