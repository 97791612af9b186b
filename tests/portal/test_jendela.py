"""The input-window page: the perencana opens and closes a triwulan for its OPD's units, with dates."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from indikator.models import Realisasi
from portal.models import JendelaInput, User
from tests.factories import UserFactory
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit, isian, simpan_url, unit_url

# Five days after TW III's window of the tests ended (15 October).
HARI = datetime.datetime(TAHUN, 10, 20, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def indikator(kantor):
    return indikator_unit(kantor.opd, kantor.unit)


def halaman_url(opd, tahun=TAHUN):
    return reverse("jendela:halaman", kwargs={"opd": opd.pk, "tahun": tahun})


def simpan(client, opd, aksi="buka", triwulan=3, tahun=TAHUN, versi="", **extra):
    data = {"tahun": tahun, "triwulan": triwulan, "aksi": aksi, "versi": versi, "mulai": "", "selesai": ""}
    data.update(extra)
    return client.post(reverse("jendela:simpan", kwargs={"opd": opd.pk}), data)


def milik(opd, triwulan=3):
    return JendelaInput.objects.filter(opd=opd, tahun=TAHUN, triwulan=triwulan).first()


@time_machine.travel(HARI, tick=False)
def test_the_perencana_sees_each_triwulan_with_its_state_and_where_it_comes_from(client, kantor):
    JendelaInput.objects.create(tahun=TAHUN, triwulan=1)
    JendelaInput.objects.create(tahun=TAHUN, triwulan=2, dibuka=False)
    JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=3, mulai=datetime.date(TAHUN, 10, 1),
                                selesai=datetime.date(TAHUN, 10, 31))
    client.force_login(kantor.perencana)
    page = client.get(halaman_url(kantor.opd)).content.decode()
    for label in ("Dibuka", "Ditutup", "Belum dibuka", "Jendela semua perangkat daerah (admin)",
                  f"Jendela {kantor.opd.singkatan} (perencana)", "31 Oktober 2030", "Tutup TW III sekarang",
                  "Buka TW IV"):
        assert label in page


@time_machine.travel(HARI, tick=False)
def test_opening_a_triwulan_creates_the_opds_own_window_and_the_operator_can_enter(client, kantor, indikator):
    client.force_login(kantor.operator)
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 403
    client.force_login(kantor.perencana)
    response = simpan(client, kantor.opd, selesai=f"{TAHUN}-10-31")
    assert response.status_code == 302
    assert response["Location"] == halaman_url(kantor.opd) + "#tw3"
    jendela = milik(kantor.opd)
    assert (jendela.dibuka, jendela.mulai, jendela.selesai) == (True, None, datetime.date(TAHUN, 10, 31))
    assert jendela.history.get().history_user == kantor.perencana  # in the audit trail, with who
    client.force_login(kantor.operator)
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 302
    assert Realisasi.objects.filter(indikator=indikator, triwulan=3).exists()


def test_a_date_typed_the_indonesian_way_is_read(client, kantor):
    client.force_login(kantor.perencana)
    simpan(client, kantor.opd, mulai="01-10-2030", selesai="31/10/2030")
    jendela = milik(kantor.opd)
    assert (jendela.mulai, jendela.selesai) == (datetime.date(TAHUN, 10, 1), datetime.date(TAHUN, 10, 31))


def test_closing_it_tells_the_unit_since_when_and_who_can_open_it(client, kantor, indikator):
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    with time_machine.travel(datetime.datetime(TAHUN, 10, 15, 3, tzinfo=datetime.UTC), tick=False):
        client.force_login(kantor.perencana)
        assert simpan(client, kantor.opd, aksi="tutup").status_code == 302
    with time_machine.travel(HARI, tick=False):
        client.force_login(kantor.operator)
        page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
        assert (f"Pengisian realisasi TW III {TAHUN} sedang ditutup. Ditutup sejak 15 Oktober {TAHUN}. "
                f"Perencana {kantor.opd.nama} (perencana-uji) dapat membukanya.") in page
        assert 'name="r' not in page
        response = client.post(simpan_url(indikator), isian(indikator, "5"))
        assert response.status_code == 403
        assert "Ditutup sejak 15 Oktober" in response.content.decode()  # a forged save is told why, too
    assert not Realisasi.objects.filter(indikator=indikator, triwulan=3).exists()


def test_dates_open_a_triwulan_only_between_them(client, kantor, indikator):
    client.force_login(kantor.perencana)
    simpan(client, kantor.opd, mulai=f"{TAHUN}-10-01", selesai=f"{TAHUN}-10-15")
    with time_machine.travel(datetime.datetime(TAHUN, 10, 10, 3, tzinfo=datetime.UTC), tick=False):
        client.force_login(kantor.operator)
        assert f"dibuka sampai 15 Oktober {TAHUN}" in client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
        assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 302
    with time_machine.travel(HARI, tick=False):
        client.force_login(kantor.operator)
        assert f"Ditutup sejak 16 Oktober {TAHUN}." in client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
        assert client.post(simpan_url(indikator), isian(indikator, "6", versi=0)).status_code == 403


@time_machine.travel(HARI, tick=False)
def test_a_window_that_opens_later_tells_the_unit_from_when(client, kantor):
    client.force_login(kantor.perencana)
    simpan(client, kantor.opd, mulai=f"{TAHUN}-11-01")
    assert "Dijadwalkan" in client.get(halaman_url(kantor.opd)).content.decode()
    client.force_login(kantor.operator)
    page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert f"sedang ditutup. Dibuka mulai 1 November {TAHUN}." in page


def test_the_closed_message_names_the_quarter_since_when_and_the_perencana(db):
    opd = UserFactory(username="t-perencana-pesan", first_name="Sari", last_name="Dewi").opd
    with time_machine.travel(datetime.datetime(2026, 10, 15, 3, tzinfo=datetime.UTC), tick=False):
        jendela = JendelaInput.objects.create(tahun=2023, triwulan=3, dibuka=False)
    pesan = JendelaInput.pesan_tertutup(jendela, 2023, 3, opd=opd, hari=datetime.date(2026, 10, 20))
    assert str(pesan) == (f"Pengisian realisasi TW III 2023 sedang ditutup. Ditutup sejak 15 Oktober 2026. "
                          f"Perencana {opd.nama} (Sari Dewi) dapat membukanya.")
    assert str(JendelaInput.pesan_tertutup(None, 2023, 3, opd=opd)).startswith(
        "Pengisian realisasi TW III 2023 belum dibuka. Perencana")
    User.objects.filter(opd=opd).update(is_active=False)
    assert "Admin portal dapat membukanya" in str(JendelaInput.pesan_tertutup(None, 2023, 3, opd=opd))


@pytest.mark.parametrize(("isian_salah", "pesan"), [
    ({"mulai": f"{TAHUN}-10-20", "selesai": f"{TAHUN}-10-01"}, "Tanggal selesai tidak boleh sebelum tanggal mulai."),
    ({"tahun": "1999"}, "Tahun harus antara 2000 dan 2100."),
    ({"tahun": "2101"}, "Tahun harus antara 2000 dan 2100."),
    ({"tahun": "9" * 5000}, "Tahun harus berupa angka"),
    ({"tahun": "dua ribu"}, "Tahun harus berupa angka"),
    ({"triwulan": "5"}, "Triwulan harus 1, 2, 3 atau 4."),
    ({"triwulan": "0"}, "Triwulan harus 1, 2, 3 atau 4."),
    ({"triwulan": "1.5"}, "Triwulan harus 1, 2, 3 atau 4."),
    ({"mulai": "31-02-2030"}, "Tanggal mulai tidak dikenali"),
    ({"selesai": "9999-12-31"}, "Tanggal selesai harus antara tahun 2000 dan 2100."),
    ({"mulai": "2030-10-01\x00"}, "Tanggal mulai tidak dikenali"),
    ({"aksi": "hapus"}, "Pilih buka atau tutup."),
    ({"versi": "abc"}, "Formulir tidak utuh"),
    ({"versi": "9" * 40}, "Formulir tidak utuh"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client, kantor, isian_salah, pesan):
    client.force_login(kantor.perencana)
    response = simpan(client, kantor.opd, **isian_salah)
    assert response.status_code == 422
    assert pesan in response.content.decode()
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()


def test_a_second_perencana_saving_after_the_first_is_refused_and_changes_nothing(client, kantor):
    kedua = UserFactory(username="t-perencana-2", role=User.Role.PERENCANA, opd=kantor.opd)
    client.force_login(kantor.perencana)
    simpan(client, kantor.opd, selesai=f"{TAHUN}-10-31")  # both opened the page before this: no window yet
    client.force_login(kedua)
    response = simpan(client, kantor.opd, aksi="tutup", versi="")
    assert "sudah diubah oleh pengguna lain" in client.get(response["Location"]).content.decode()
    assert milik(kantor.opd).dibuka
    # And on a window both saw at the same version.
    versi = milik(kantor.opd).versi
    client.force_login(kantor.perencana)
    simpan(client, kantor.opd, versi=versi, selesai=f"{TAHUN}-11-30")
    client.force_login(kedua)
    simpan(client, kantor.opd, aksi="tutup", versi=versi)
    jendela = milik(kantor.opd)
    assert (jendela.dibuka, jendela.selesai) == (True, datetime.date(TAHUN, 11, 30))
    assert jendela.history.count() == 2


def test_a_double_submit_saves_once(client, kantor):
    client.force_login(kantor.perencana)
    simpan(client, kantor.opd, selesai=f"{TAHUN}-10-31")
    response = simpan(client, kantor.opd, selesai=f"{TAHUN}-10-31")
    assert "sudah dalam keadaan itu" in client.get(response["Location"]).content.decode()
    assert milik(kantor.opd).history.count() == 1


def test_closing_keeps_the_dates_for_the_next_opening(client, kantor):
    client.force_login(kantor.perencana)
    simpan(client, kantor.opd, mulai=f"{TAHUN}-10-01", selesai=f"{TAHUN}-10-31")
    simpan(client, kantor.opd, aksi="tutup", versi=milik(kantor.opd).versi)
    jendela = milik(kantor.opd)
    assert (jendela.dibuka, jendela.selesai, jendela.ditutup_pada is not None) == (
        False, datetime.date(TAHUN, 10, 31), True)


def test_another_opds_perencana_is_answered_404_and_nothing_is_saved(client, kantor):
    client.force_login(kantor.perencana_lain)
    assert client.get(halaman_url(kantor.opd)).status_code == 404
    assert simpan(client, kantor.opd).status_code == 404
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()


@pytest.mark.parametrize("role", ["pimpinan", "evaluator"])
def test_a_reader_sees_the_windows_but_cannot_change_them(client, kantor, role):
    client.force_login(getattr(kantor, role))
    page = client.get(halaman_url(kantor.opd)).content.decode()
    assert "Belum dibuka" in page and reverse("jendela:simpan", kwargs={"opd": kantor.opd.pk}) not in page
    assert simpan(client, kantor.opd).status_code == 403
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()


@pytest.mark.parametrize("role", ["operator", "operator_lain"])
def test_an_operator_reads_the_window_only_on_its_unit_page(client, kantor, role):
    client.force_login(getattr(kantor, role))
    assert client.get(halaman_url(kantor.opd)).status_code == 403
    assert simpan(client, kantor.opd).status_code == 403
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()


def test_a_year_outside_2000_2100_has_no_window_page(client, kantor):
    client.force_login(kantor.perencana)
    assert client.get(halaman_url(kantor.opd, 1999)).status_code == 404
    assert client.get(halaman_url(kantor.opd, 2101)).status_code == 404


def test_the_rekap_and_unit_pages_link_the_perencana_to_the_window_page(client, kantor):
    rekap = reverse("indikator:realisasi_rekap", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3})
    client.force_login(kantor.perencana)
    assert halaman_url(kantor.opd) + "#tw3" in client.get(rekap).content.decode()
    assert halaman_url(kantor.opd) + "#tw3" in client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    for role in ("operator", "pimpinan"):
        client.force_login(getattr(kantor, role))
        assert halaman_url(kantor.opd) not in client.get(unit_url(kantor.opd, kantor.unit)).content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_the_window_page_query_count_does_not_grow_with_the_requests(client, kantor, size, django_assert_num_queries):
    from portal.models import PermintaanJendela
    from tests.factories import UnitKerjaFactory

    for tw in range(1, 5):
        JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=tw, dibuka=tw % 2 == 0)
    for i in range(size):
        unit = UnitKerjaFactory(opd=kantor.opd)
        PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=unit, tahun=TAHUN, triwulan=1 + i % 4)
        PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=unit, tahun=TAHUN, triwulan=1 + i % 4,
                                         status=PermintaanJendela.Status.DITOLAK, jawaban="Tidak.")
    client.force_login(kantor.perencana)
    # session, user, OPD, waiting requests, 4 windows, their audit records, answered requests, nav bar's OPD
    with django_assert_num_queries(11):
        response = client.get(halaman_url(kantor.opd))
    assert response.content.decode().count('id="permintaan-') == size


def test_the_window_page_exports_its_windows_and_every_request_of_the_year(client, kantor):
    import io

    from openpyxl import load_workbook

    from portal.models import PermintaanJendela

    JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=3, selesai=datetime.date(TAHUN, 10, 31))
    for tw in (1, 2):
        PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=tw,
                                         catatan="Data baru.")
    client.force_login(kantor.pimpinan)
    buku = load_workbook(io.BytesIO(client.get(halaman_url(kantor.opd) + "?format=xlsx").content))
    jendela = list(buku["Jendela"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in jendela] == ["TW I", "TW II", "TW III", "TW IV"]
    assert jendela[2][2] == "Perangkat daerah ini" and jendela[2][4].date() == datetime.date(TAHUN, 10, 31)
    permintaan = list(buku["Permintaan"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[5]) for r in permintaan] == [("TW I", "Data baru.", "Menunggu jawaban"),
                                                        ("TW II", "Data baru.", "Menunggu jawaban")]


def test_a_request_links_to_its_triwulan_on_the_window_page(kantor):
    from portal.models import PermintaanJendela

    permintaan = PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3)
    assert permintaan.get_absolute_url() == halaman_url(kantor.opd) + "#tw3"


def test_a_closed_unit_page_names_the_perencana_once_however_many_rows(client, kantor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    JendelaInput.objects.create(tahun=TAHUN, triwulan=3, dibuka=False)
    client.force_login(kantor.operator)
    counts = []
    for n in (2, 10):
        indikator_unit(kantor.opd, kantor.unit, n=n)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
        assert page.count("dapat membukanya") == 1
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_admin_changes_a_window_under_its_lock(client, kantor):
    client.force_login(kantor.admin)
    jendela = JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    url = reverse("admin:portal_jendelainput_change", args=[jendela.pk])
    data = {"opd": "", "tahun": TAHUN, "triwulan": 3, "mulai": "", "selesai": "", "versi_dibaca": jendela.versi}
    JendelaInput.objects.filter(pk=jendela.pk).update(versi=jendela.versi + 1)  # a perencana's save meanwhile
    assert "sudah diubah oleh pengguna lain" in client.post(url, data, follow=True).content.decode()
    jendela.refresh_from_db()
    assert jendela.dibuka
    client.post(url, {**data, "versi_dibaca": jendela.versi})
    jendela.refresh_from_db()
    assert not jendela.dibuka and jendela.history.first().history_change_reason == "Admin"


def test_the_migration_takes_since_when_a_window_is_closed_from_its_audit_trail(kantor):
    migrasi = importlib.import_module("portal.migrations.0003_jendela_berversi_permintaan")
    with time_machine.travel(datetime.datetime(TAHUN, 10, 15, 3, tzinfo=datetime.UTC), tick=False):
        jendela = JendelaInput.objects.create(tahun=TAHUN, triwulan=3, dibuka=False)
    with time_machine.travel(HARI, tick=False):
        jendela.selesai = datetime.date(TAHUN, 12, 31)
        jendela.save()  # a later change of a closed window is not when it closed
    JendelaInput.objects.filter(pk=jendela.pk).update(ditutup_pada=None)  # as a row from before the field
    migrasi.ditutup_dari_riwayat(apps, None)
    jendela.refresh_from_db()
    assert jendela.ditutup_pada == datetime.datetime(TAHUN, 10, 15, 3, tzinfo=datetime.UTC)
