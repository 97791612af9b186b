"""Tugas saya lists what waits in every open period, each count a link to the list it counts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dasbor.tugas import tugas_saya
from indikator.models import PerjanjianKinerja, Realisasi
from portal.models import JendelaInput, PermintaanJendela
from tests.factories import IndikatorFactory, RealisasiFactory, TargetFactory
from tests.kantor import TAHUN, buka_jendela

# Mid-November: the quarter due is TW III.
HARI = datetime.date(TAHUN, 11, 15)
SEKARANG = datetime.datetime(TAHUN, 11, 15, 9, 0, tzinfo=datetime.UTC)


def _indikator(kantor, n, unit=None):
    """`n` indicators of the unit with a Renstra target of TAHUN, so each is reported on."""
    daftar = []
    for _ in range(n):
        ind = IndikatorFactory(sasaran=kantor.sasaran, penanggung_jawab=unit or kantor.unit)
        TargetFactory(indikator=ind, tahun=TAHUN, nilai=Decimal(10))
        daftar.append(ind)
    return daftar


def _teks(saya):
    return [t.teks for t in saya.tugas]


def _cari(saya, awal):
    hasil = [t for t in saya.tugas if t.teks.startswith(awal)]
    assert hasil, f"tidak ada tugas yang diawali {awal!r} di {_teks(saya)}"
    return hasil[0]


def unit_url(kantor, tahun, triwulan, unit=None):
    return reverse("indikator:realisasi_unit", kwargs={
        "opd": kantor.opd.pk, "tahun": tahun, "triwulan": triwulan, "unit": (unit or kantor.unit).pk})


def test_an_operator_sees_what_was_returned_in_an_earlier_quarter_with_the_verifiers_note(kantor):
    a, b = _indikator(kantor, 2)
    RealisasiFactory(indikator=a, tahun=TAHUN, triwulan=2, status=Realisasi.Status.DIKEMBALIKAN,
                     catatan_verifikasi="Bukti dukung belum diunggah", diverifikasi_oleh=kantor.perencana)
    RealisasiFactory(indikator=b, tahun=TAHUN, triwulan=1, nilai=Decimal(3))  # a draft of TW I
    saya = tugas_saya(kantor.operator, HARI)

    kembali = _cari(saya, "Dikembalikan perencana, perlu diperbaiki: 1 realisasi")
    assert kembali.url == unit_url(kantor, TAHUN, 2)
    assert kembali.rincian == (f"TW II {TAHUN} · {a.nama}: \u201cBukti dukung belum diunggah\u201d "
                               f"({kantor.perencana})",)
    draf = _cari(saya, "Sudah diisi tetapi belum diajukan: 1 realisasi TW I")
    assert draf.url == unit_url(kantor, TAHUN, 1)
    # Another unit's operator sees none of it.
    assert not [t for t in _teks(tugas_saya(kantor.operator_lain, HARI)) if "Dikembalikan" in t or "Sudah" in t]


def test_each_quarter_open_for_entry_is_listed_with_its_closing_date(kantor):
    _indikator(kantor, 3)
    buka_jendela(TAHUN, 3, opd=kantor.opd)
    JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=2, selesai=datetime.date(TAHUN, 11, 30))
    buka_jendela(TAHUN, 4, opd=kantor.opd)  # TW IV has not ended: nothing is due yet
    saya = tugas_saya(kantor.operator, HARI)

    tw2 = _cari(saya, f"Realisasi TW II {TAHUN} belum diisi: 3 indikator")
    assert tw2.teks.endswith("dibuka sampai 30 November 2026") and tw2.url == unit_url(kantor, TAHUN, 2)
    assert _cari(saya, f"Realisasi TW III {TAHUN} belum diisi: 3 indikator").teks.endswith("sedang dibuka")
    assert not [t for t in _teks(saya) if "TW IV" in t]
    assert not [t for t in _teks(saya) if "ditutup" in t]


def test_a_closed_quarter_due_tells_the_operator_who_opens_it(kantor):
    _indikator(kantor, 1)
    JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=3, dibuka=False)
    saya = tugas_saya(kantor.operator, HARI)
    ditutup = _cari(saya, f"Pengisian realisasi TW III {TAHUN} sedang ditutup")
    assert ditutup.url == unit_url(kantor, TAHUN, 3)  # the unit page holds the button that asks for it
    buka = _cari(tugas_saya(kantor.perencana, HARI), f"Pengisian realisasi TW III {TAHUN} sedang ditutup")
    assert buka.url == reverse("jendela:halaman", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN}) + "#tw3"


def test_the_perencana_gets_one_link_per_unit_and_quarter_waiting_for_verification(kantor):
    a, b = _indikator(kantor, 2)
    (c,) = _indikator(kantor, 1, unit=kantor.unit_lain)
    for ind, tw in ((a, 1), (b, 3), (c, 3)):
        RealisasiFactory(indikator=ind, tahun=TAHUN, triwulan=tw, status=Realisasi.Status.DIAJUKAN)
    saya = tugas_saya(kantor.perencana, HARI)

    menunggu = [t for t in saya.tugas if "menunggu verifikasi Anda" in t.teks]
    assert [(t.teks, t.url) for t in menunggu] == [
        (f"Realisasi TW I {TAHUN} menunggu verifikasi Anda: 1 indikator dari {kantor.unit.nama}",
         unit_url(kantor, TAHUN, 1)),
        (f"Realisasi TW III {TAHUN} menunggu verifikasi Anda: 1 indikator dari {kantor.unit.nama}",
         unit_url(kantor, TAHUN, 3)),
        (f"Realisasi TW III {TAHUN} menunggu verifikasi Anda: 1 indikator dari {kantor.unit_lain.nama}",
         unit_url(kantor, TAHUN, 3, kantor.unit_lain)),
    ]
    # The pimpinan reads the same figures but does not verify.
    assert not [t for t in _teks(tugas_saya(kantor.pimpinan, HARI)) if "menunggu verifikasi Anda" in t]


def test_the_perencana_sees_each_request_to_open_a_quarter(kantor):
    _indikator(kantor, 1)
    permintaan = PermintaanJendela.objects.create(
        opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=2, catatan="Data TW II terlambat dari UPTD",
        diminta_oleh=kantor.operator)
    saya = tugas_saya(kantor.perencana, HARI)
    minta = _cari(saya, f"{kantor.unit.nama} meminta pengisian TW II {TAHUN} dibuka")
    assert minta.url == permintaan.get_absolute_url() and minta.rincian == ("Data TW II terlambat dari UPTD",)
    assert not [t for t in _teks(tugas_saya(kantor.perencana_lain, HARI)) if "meminta" in t]


def test_the_pimpinan_is_asked_to_sign_the_pk_and_sees_the_iku_at_risk(kantor):
    (iku,) = _indikator(kantor, 1)
    PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=TAHUN)
    # 2 of a target of 10: the kritis band.
    RealisasiFactory(indikator=iku, tahun=TAHUN, triwulan=None, nilai=Decimal(2), status=Realisasi.Status.DIVERIFIKASI)
    saya = tugas_saya(kantor.pimpinan, HARI)
    assert _cari(saya, f"Perjanjian Kinerja {TAHUN} menunggu ditetapkan").url == reverse(
        "indikator:pk", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})
    risiko = _cari(saya, f"IKU berisiko: {iku.nama}")
    assert risiko.url.startswith(reverse("dasbor:iku", kwargs={"pk": iku.pk}))


def test_the_lkip_of_the_year_that_ended_is_on_the_perencanas_list_with_its_check(kantor):
    from lkip.models import Lkip

    saya = tugas_saya(kantor.perencana, HARI)
    assert _cari(saya, f"LKIP {TAHUN - 1} belum dibuat").url == reverse("lkip:indeks")
    lkip = Lkip.objects.create(opd=kantor.opd, tahun=TAHUN - 1)
    from lkip.services import lkip_context, pemeriksaan

    n = len(pemeriksaan(lkip_context(lkip)))
    assert n > 0
    baris = _cari(tugas_saya(kantor.perencana, HARI), f"LKIP {TAHUN - 1} belum diterbitkan")
    assert baris.teks.endswith(f"menemukan {n} masalah") and baris.url == lkip.get_absolute_url() + "#pemeriksaan"


def test_the_home_page_renders_each_task_as_a_link_and_its_details(client, kantor):
    (a,) = _indikator(kantor, 1)
    RealisasiFactory(indikator=a, tahun=TAHUN, triwulan=2, status=Realisasi.Status.DIKEMBALIKAN,
                     catatan_verifikasi="<b>cek</b> ulang")
    client.force_login(kantor.operator)
    with time_machine.travel(SEKARANG, tick=False):
        page = client.get("/").content.decode()
    assert f'href="{unit_url(kantor, TAHUN, 2)}"' in page
    assert "&lt;b&gt;cek&lt;/b&gt; ulang" in page  # the note is text, never markup


def _kantor_berisi(kantor, n):
    """`n` indicators per unit, each with a returned, a draft and a submitted realisasi in other quarters."""
    for unit in (kantor.unit, kantor.unit_lain):
        for ind in _indikator(kantor, n, unit=unit):
            for tw, status in ((1, "dikembalikan"), (2, "draft"), (3, "diajukan")):
                RealisasiFactory(indikator=ind, tahun=TAHUN, triwulan=tw, status=status)
    PermintaanJendela.objects.get_or_create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=2)
    buka_jendela(TAHUN, 3, opd=kantor.opd)


@pytest.mark.parametrize("peran", ["operator", "perencana", "pimpinan"])
def test_the_number_of_queries_does_not_grow_with_the_data(kantor, peran):
    user = getattr(kantor, peran)
    _kantor_berisi(kantor, 2)
    tugas_saya(user, HARI)  # warm the per-process caches (skala, content types)
    with CaptureQueriesContext(connection) as kecil:
        tugas_saya(user, HARI)
    _kantor_berisi(kantor, 12)
    with CaptureQueriesContext(connection) as besar:
        saya = tugas_saya(user, HARI)
    assert saya.tugas
    assert len(besar) == len(kecil), [q["sql"] for q in besar.captured_queries]
