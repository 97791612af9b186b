"""The rencana aksi's lines of "Tugas saya": what is returned, waiting, unrecorded in an open quarter, off track."""

import datetime
from decimal import Decimal

import pytest

from indikator import jenjang as layanan
from indikator.models import AksiTriwulan, RencanaAksi
from indikator.tugas import tugas_rencana_aksi
from tests import jenjang
from tests.kantor import TAHUN, buka_jendela

HARI = datetime.date(TAHUN, 4, 10)


@pytest.fixture
def j(kantor):
    j = jenjang.bangun(kantor)
    pk, _ = layanan.pk_buat(opd=kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    j.item = jenjang.pk_dengan(pk, j.program[0], 100, mendukung=j.iku)
    buka_jendela(TAHUN, 1)
    return j


def aksi(j, unit, uraian, **tw1):
    r = RencanaAksi.objects.create(pk_indikator=j.item, uraian=uraian, unit=unit)
    AksiTriwulan.objects.create(rencana=r, triwulan=1, target=Decimal(10), **tw1)
    return r


def teks(user):
    return [t.teks for t in tugas_rencana_aksi(user, HARI)]


def test_the_operator_sees_its_units_actions_not_recorded_in_the_open_quarter(j):
    aksi(j, j.kantor.unit, "Aksi sendiri")
    aksi(j, j.kantor.unit, "Aksi sendiri kedua")
    aksi(j, j.kantor.unit_lain, "Aksi unit lain")
    assert teks(j.kantor.operator) == [f"Progres rencana aksi TW I {TAHUN} belum diisi: 2 aksi"]
    assert teks(j.kantor.operator_lain) == [f"Progres rencana aksi TW I {TAHUN} belum diisi: 1 aksi"]
    assert teks(j.kantor.perencana) == []  # entering is the units'


def test_returned_progress_reaches_the_operator_with_the_note_and_waiting_progress_the_perencana(j):
    aksi(j, j.kantor.unit, "Aksi kembali", realisasi=10, keadaan="berjalan", status="dikembalikan",
         catatan_verifikasi="Lampirkan daftar hadir.")
    aksi(j, j.kantor.unit, "Aksi diajukan", realisasi=10, keadaan="selesai", status="diajukan")
    [kembali] = [t for t in tugas_rencana_aksi(j.kantor.operator, HARI) if t.warna == "danger"]
    assert kembali.teks == f"Progres rencana aksi TW I {TAHUN} dikembalikan: 1 aksi"
    assert kembali.rincian == ("Aksi kembali: Lampirkan daftar hadir.",)
    assert teks(j.kantor.perencana) == [f"Progres rencana aksi TW I {TAHUN} menunggu verifikasi: 1 aksi"]


def test_actions_off_track_are_listed_for_the_unit_the_perencana_and_the_pimpinan(j):
    aksi(j, j.kantor.unit, "Aksi tertinggal", realisasi=4, keadaan="berjalan", status="diverifikasi")
    aksi(j, j.kantor.unit, "Aksi tepat", realisasi=10, keadaan="selesai", status="diverifikasi")
    harapan = [f"Rencana aksi TW I {TAHUN} tertinggal dari target: 1 aksi"]
    for user in (j.kantor.operator, j.kantor.perencana, j.kantor.pimpinan):
        assert teks(user) == harapan
    assert teks(j.kantor.evaluator) == []


def test_the_lines_reach_the_home_page(client, j):
    aksi(j, j.kantor.unit, "Aksi sendiri")
    from dasbor.tugas import tugas_saya

    assert f"Progres rencana aksi TW I {TAHUN} belum diisi: 1 aksi" in [
        t.teks for t in tugas_saya(j.kantor.operator, HARI).tugas]


def test_the_query_count_does_not_grow_with_the_actions(j, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 6):
        while RencanaAksi.objects.filter(pk_indikator=j.item).count() < n:
            aksi(j, j.kantor.unit, f"Aksi {n}", realisasi=1, status="dikembalikan", catatan_verifikasi="x")
        with CaptureQueriesContext(connection) as ctx:
            tugas_rencana_aksi(j.kantor.operator, HARI)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
