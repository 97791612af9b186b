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
    from indikator.pengisian import triwulan_pengisian

    assert triwulan_pengisian(datetime.date(2026, 11, 23)) == (2026, 3)
    assert triwulan_pengisian(datetime.date(2026, 4, 1)) == (2026, 1)
    assert triwulan_pengisian(datetime.date(2027, 2, 10)) == (2026, 4)


@pytest.fixture
def dpa_rehab(demo):
    """Two budget lines of Rehabilitasi Sosial in TAHUN: one with TW III realisasi, one without."""
    from anggaran.models import RealisasiAnggaran
    from tests.factories import DpaFactory

    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    diisi, kosong = (DpaFactory(opd=demo, tahun=TAHUN, unit_kerja=rehab) for _ in range(2))
    RealisasiAnggaran.objects.create(dpa=diisi, triwulan=3, jumlah=Decimal(100))
    return diisi, kosong


@time_machine.travel(HARI, tick=False)
def test_it_tells_an_operator_which_budget_realisasi_is_missing(client, users, rehab_indikator, dpa_rehab):
    from anggaran.models import RealisasiAnggaran

    client.force_login(users["operator"])
    belum = sum(1 for d in dpa_rehab if not RealisasiAnggaran.objects.filter(dpa=d, triwulan=3).exists())
    assert f"Realisasi anggaran TW III {TAHUN} belum diisi: {belum} sub kegiatan" in client.get("/").content.decode()
    client.force_login(users["operator_lain"])
    assert "Realisasi anggaran" not in client.get("/").content.decode()


@time_machine.travel(HARI, tick=False)
def test_it_tells_the_perencana_that_the_pk_and_dpa_of_the_year_are_missing(client, users, demo):
    from indikator.models import PerjanjianKinerja
    from tests.factories import DpaFactory

    client.force_login(users["perencana"])
    page = client.get("/").content.decode()
    assert f"Perjanjian Kinerja {TAHUN} belum dibuat" in page
    assert f"DPA {TAHUN} belum diisi" in page

    PerjanjianKinerja.objects.create(opd=demo, tahun=TAHUN)
    DpaFactory(opd=demo, tahun=TAHUN)
    page = client.get("/").content.decode()
    assert f"Perjanjian Kinerja {TAHUN} masih draf" in page
    assert f"DPA {TAHUN} belum diisi" not in page
    # The pimpinan reads; the PK and DPA are the perencana's work.
    client.force_login(users["pimpinan"])
    assert f"Perjanjian Kinerja {TAHUN} masih draf" not in client.get("/").content.decode()


@time_machine.travel(HARI, tick=False)
def test_it_says_when_the_input_window_is_closed(client, users, rehab_indikator):
    from portal.models import JendelaInput

    client.force_login(users["operator"])
    assert f"Pengisian realisasi TW III {TAHUN} sedang ditutup" in client.get("/").content.decode()
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    assert "sedang ditutup" not in client.get("/").content.decode()


@time_machine.travel(HARI, tick=False)
def test_the_admin_is_told_whether_the_window_is_open_and_readers_get_their_starting_links(client, users):
    from django.urls import reverse

    from portal.models import JendelaInput

    client.force_login(users["admin"])
    page = client.get("/").content.decode()
    assert f"Pengisian realisasi TW III {TAHUN} untuk semua perangkat daerah belum dibuka" in page
    assert reverse("admin:portal_jendelainput_changelist") in page
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    assert "untuk semua perangkat daerah dibuka" in client.get("/").content.decode()

    client.force_login(users["evaluator"])
    page = client.get("/").content.decode()
    assert reverse("dasbor:kota") in page and reverse("anggaran:indeks") in page
