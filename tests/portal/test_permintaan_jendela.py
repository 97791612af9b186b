"""A unit asks its perencana to open a closed triwulan; the perencana grants (opens it) or declines with a note."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from indikator.models import Realisasi
from portal.models import AksiDitolak, JendelaInput, PermintaanJendela
from tests.factories import DpaFactory, UnitKerjaFactory
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit, isian, simpan_url, unit_url

HARI = datetime.datetime(TAHUN, 10, 20, 3, 0, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("sekarang")


@pytest.fixture
def sekarang():
    with time_machine.travel(HARI, tick=False):
        yield


@pytest.fixture
def tertutup(db):
    """TW III of TAHUN is closed for every OPD (by the admin)."""
    return JendelaInput.objects.create(tahun=TAHUN, triwulan=3, dibuka=False)


def minta(client, opd, unit, kembali="", **extra):
    data = {"tahun": TAHUN, "triwulan": 3, "catatan": "Data TW III baru lengkap.", "kembali": kembali, **extra}
    return client.post(reverse("jendela:minta", kwargs={"opd": opd.pk, "unit": unit.pk}), data)


def jawab(client, permintaan, aksi, **extra):
    return client.post(reverse("jendela:jawab", args=[permintaan.pk]), {"aksi": aksi, "versi": "", **extra})


def halaman_url(opd):
    return reverse("jendela:halaman", kwargs={"opd": opd.pk, "tahun": TAHUN})


def test_an_operator_asks_from_the_closed_notice_and_the_perencana_sees_the_request(client, kantor, tertutup):
    client.force_login(kantor.operator)
    page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert "Minta perencana membuka TW III" in page
    response = minta(client, kantor.opd, kantor.unit, kembali=unit_url(kantor.opd, kantor.unit))
    assert response["Location"] == unit_url(kantor.opd, kantor.unit)
    page = client.get(response["Location"]).content.decode()
    assert "terkirim ke perencana" in page
    assert "sudah diminta oleh operator-uji" in page and "menunggu jawaban perencana" in page
    assert "Minta perencana membuka TW III" not in page
    permintaan = PermintaanJendela.objects.get()
    assert (permintaan.opd, permintaan.unit_kerja, permintaan.diminta_oleh, permintaan.status) == (
        kantor.opd, kantor.unit, kantor.operator, PermintaanJendela.Status.MENUNGGU)
    assert list(PermintaanJendela.objects.menunggu(kantor.opd)) == [permintaan]
    client.force_login(kantor.perencana)
    page = client.get(halaman_url(kantor.opd)).content.decode()
    assert "Permintaan unit menunggu (1)" in page and "Data TW III baru lengkap." in page
    rekap = reverse("indikator:realisasi_rekap", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3})
    assert "1 permintaan" in client.get(rekap).content.decode()


def test_a_second_click_makes_no_second_request_and_says_it_is_already_asked(client, kantor, tertutup):
    client.force_login(kantor.operator)
    minta(client, kantor.opd, kantor.unit)
    response = minta(client, kantor.opd, kantor.unit, kembali=unit_url(kantor.opd, kantor.unit))
    assert "sudah diminta oleh operator-uji pada 20 Oktober 2030" in client.get(response["Location"]).content.decode()
    assert PermintaanJendela.objects.count() == 1


def test_two_requests_at_the_same_moment_make_one(kantor, tertutup):
    from portal.jendela import permintaan_jendela_ajukan

    # the other click
    PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3)
    with pytest.raises(AksiDitolak, match="sudah diminta"):
        permintaan_jendela_ajukan(unit=kantor.unit, tahun=TAHUN, triwulan=3, user=kantor.operator)
    assert PermintaanJendela.objects.count() == 1


def test_granting_opens_the_triwulan_and_the_operator_can_enter(client, kantor, tertutup):
    indikator = indikator_unit(kantor.opd, kantor.unit)
    client.force_login(kantor.operator)
    minta(client, kantor.opd, kantor.unit)
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 403
    client.force_login(kantor.perencana)
    response = jawab(client, PermintaanJendela.objects.get(), "penuhi", selesai=f"{TAHUN}-10-31")
    assert response["Location"] == halaman_url(kantor.opd) + "#tw3"
    permintaan = PermintaanJendela.objects.get()
    assert (permintaan.status, permintaan.dijawab_oleh) == (PermintaanJendela.Status.DIPENUHI, kantor.perencana)
    jendela = JendelaInput.objects.get(opd=kantor.opd, tahun=TAHUN, triwulan=3)
    assert (jendela.dibuka, jendela.mulai, jendela.selesai) == (True, HARI.date(), datetime.date(TAHUN, 10, 31))
    assert jendela.history.get().history_change_reason == f"Dibuka atas permintaan {kantor.unit.nama}"
    client.force_login(kantor.operator)
    page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert "dibuka atas permintaan unit ini oleh perencana-uji" in page
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 302
    assert Realisasi.objects.get(indikator=indikator, triwulan=3).nilai == Decimal(5)


def test_declining_needs_a_note_which_the_operator_then_reads(client, kantor, tertutup):
    client.force_login(kantor.operator)
    minta(client, kantor.opd, kantor.unit)
    permintaan = PermintaanJendela.objects.get()
    client.force_login(kantor.perencana)
    response = jawab(client, permintaan, "tolak", jawaban="  ")
    assert "Tulis alasan penolakan" in client.get(response["Location"]).content.decode()
    permintaan.refresh_from_db()
    assert permintaan.status == PermintaanJendela.Status.MENUNGGU
    jawab(client, permintaan, "tolak", jawaban="TW III sudah direkap ke LKIP.")
    permintaan.refresh_from_db()
    assert permintaan.status == PermintaanJendela.Status.DITOLAK
    client.force_login(kantor.operator)
    page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert "ditolak oleh perencana-uji" in page and "TW III sudah direkap ke LKIP." in page
    assert "Minta perencana membuka TW III" in page  # it may ask again
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()


def test_a_second_answer_is_refused(client, kantor, tertutup):
    permintaan = PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3)
    client.force_login(kantor.perencana)
    jawab(client, permintaan, "tolak", jawaban="Belum waktunya.")
    response = jawab(client, permintaan, "penuhi")
    assert "sudah dijawab" in client.get(response["Location"]).content.decode()
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()
    basi = PermintaanJendela.objects.get(pk=permintaan.pk)
    basi.status = PermintaanJendela.Status.MENUNGGU  # read before the other answer was saved
    with pytest.raises(AksiDitolak, match="sudah dijawab"):
        basi.jawab(status=PermintaanJendela.Status.DITOLAK, user=kantor.perencana, jawaban="Lagi.")
    assert permintaan.history.filter(status="ditolak").count() == 1


def test_opening_the_triwulan_answers_every_waiting_request_of_it(client, kantor, tertutup):
    lain = kantor.unit_lain
    for user, unit in (("operator", kantor.unit), ("operator_lain", lain)):
        client.force_login(getattr(kantor, user))
        minta(client, kantor.opd, unit)
    kota_lain = PermintaanJendela.objects.create(opd=kantor.perencana_lain.opd,
                                                 unit_kerja=UnitKerjaFactory(opd=kantor.perencana_lain.opd),
                                                 tahun=TAHUN, triwulan=3)
    client.force_login(kantor.perencana)
    response = client.post(reverse("jendela:simpan", kwargs={"opd": kantor.opd.pk}),
                           {"tahun": TAHUN, "triwulan": 3, "aksi": "buka", "versi": ""})
    assert "2 permintaan unit ditandai dipenuhi" in client.get(response["Location"]).content.decode()
    assert not PermintaanJendela.objects.menunggu(kantor.opd).exists()
    assert list(PermintaanJendela.objects.menunggu()) == [kota_lain]  # another OPD's quarter is still closed


def test_the_admin_opening_it_for_every_opd_answers_the_requests_of_opds_without_their_own(kantor, tertutup):
    from portal.jendela import jendela_simpan

    punya_sendiri = kantor.perencana_lain.opd
    JendelaInput.objects.create(opd=punya_sendiri, tahun=TAHUN, triwulan=3, dibuka=False)
    tetap = PermintaanJendela.objects.create(opd=punya_sendiri, unit_kerja=UnitKerjaFactory(opd=punya_sendiri),
                                             tahun=TAHUN, triwulan=3)
    PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3)
    tertutup.dibuka = True
    assert jendela_simpan(jendela=tertutup, versi=tertutup.versi, user=kantor.admin) == 1
    assert list(PermintaanJendela.objects.menunggu()) == [tetap]


def test_an_open_triwulan_needs_no_request(client, kantor):
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    client.force_login(kantor.operator)
    response = minta(client, kantor.opd, kantor.unit, kembali=unit_url(kantor.opd, kantor.unit))
    assert "sedang dibuka; tidak perlu diminta" in client.get(response["Location"]).content.decode()
    assert not PermintaanJendela.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("perencana", 403), ("pimpinan", 403), ("evaluator", 403),
                                              ("admin", 403), ("operator_lain", 404), ("perencana_lain", 404)])
def test_only_the_operator_of_the_unit_asks(client, kantor, tertutup, role, status):
    client.force_login(getattr(kantor, role))
    assert minta(client, kantor.opd, kantor.unit).status_code == status
    assert not PermintaanJendela.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("operator", 403), ("pimpinan", 403), ("evaluator", 403),
                                              ("perencana_lain", 404)])
def test_only_the_perencana_of_the_opd_answers(client, kantor, tertutup, role, status):
    permintaan = PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3)
    client.force_login(getattr(kantor, role))
    assert jawab(client, permintaan, "penuhi").status_code == status
    permintaan.refresh_from_db()
    assert permintaan.status == PermintaanJendela.Status.MENUNGGU
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()


@pytest.mark.parametrize(("isian_salah", "pesan"), [
    ({"tahun": "1999"}, "Tahun harus antara 2000 dan 2100."),
    ({"triwulan": "7"}, "Triwulan harus 1, 2, 3 atau 4."),
    ({"catatan": "x" * 501}, "paling banyak 500 karakter"),
    ({"catatan": "tolong\x07buka"}, "karakter kendali"),
])
def test_a_bad_request_is_refused_with_a_message(client, kantor, tertutup, isian_salah, pesan):
    client.force_login(kantor.operator)
    response = minta(client, kantor.opd, kantor.unit, kembali=unit_url(kantor.opd, kantor.unit), **isian_salah)
    assert pesan in client.get(response["Location"]).content.decode()
    assert not PermintaanJendela.objects.exists()


@pytest.mark.parametrize("kembali", ["https://contoh.invalid/", "//contoh.invalid/x", "/x\r\nSet-Cookie: a=b",
                                     "javascript:alert(1)", "/x\x00",
                                     "9" * 40, "beranda", "admin:index"])  # not a path: once a 500
def test_the_way_back_stays_on_this_site(client, kantor, tertutup, kembali):
    client.force_login(kantor.operator)
    assert minta(client, kantor.opd, kantor.unit, kembali=kembali)["Location"] == reverse("beranda")


@pytest.mark.parametrize(("isian_salah", "pesan"), [
    ({"aksi": "hapus"}, "Pilih buka atau tolak."),
    ({"selesai": f"{TAHUN}-10-01"}, "sudah lewat"),
    ({"selesai": "bukan tanggal"}, "tidak dikenali"),
    ({"versi": "-3"}, "Formulir tidak utuh"),
])
def test_a_bad_answer_is_refused_with_a_message(client, kantor, tertutup, isian_salah, pesan):
    permintaan = PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3)
    client.force_login(kantor.perencana)
    response = jawab(client, permintaan, isian_salah.pop("aksi", "penuhi"), **isian_salah)
    assert pesan in client.get(response["Location"]).content.decode()
    assert PermintaanJendela.objects.menunggu(kantor.opd).count() == 1
    assert not JendelaInput.objects.filter(opd=kantor.opd).exists()


def test_the_operator_asks_from_the_dpa_line_page_too(client, kantor, tertutup):
    dpa = DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=kantor.unit)
    url = reverse("anggaran:dpa_detail", args=[dpa.pk])
    client.force_login(kantor.operator)
    page = client.get(url).content.decode()
    assert "Minta perencana membuka TW III" in page
    assert "Minta perencana membuka TW IV" not in page  # TW IV is still running on 20 October
    response = minta(client, kantor.opd, kantor.unit, kembali=url)
    assert response["Location"] == url
    assert PermintaanJendela.objects.menunggu(kantor.opd).get().unit_kerja == kantor.unit
    client.force_login(kantor.perencana)
    assert halaman_url(kantor.opd) in client.get(url).content.decode()


def test_waiting_requests_are_counted_per_opd_oldest_first(kantor):
    lain = kantor.unit_lain
    baru = PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3)
    lama = PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=lain, tahun=TAHUN, triwulan=2,
                                            diminta_pada=HARI - datetime.timedelta(days=3))
    PermintaanJendela.objects.create(opd=kantor.opd, unit_kerja=kantor.unit, tahun=TAHUN, triwulan=1,
                                     status=PermintaanJendela.Status.DITOLAK, jawaban="Tidak.")
    PermintaanJendela.objects.create(opd=kantor.perencana_lain.opd,
                                     unit_kerja=UnitKerjaFactory(opd=kantor.perencana_lain.opd),
                                     tahun=TAHUN, triwulan=3)
    assert list(PermintaanJendela.objects.menunggu(kantor.opd)) == [lama, baru]
