"""Rencana aksi: the perencana plans each PK indicator's quarters; the unit records progress in the realisasi cycle."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indikator import jenjang as layanan
from indikator.models import AksiTriwulan, RencanaAksi
from portal.models import JendelaInput
from tests import jenjang
from tests.factories import PerangkatDaerahFactory
from tests.kantor import TAHUN, buka_jendela


@pytest.fixture
def j(kantor):
    j = jenjang.bangun(kantor)
    j.pk_kabid, _ = layanan.pk_buat(opd=kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    j.item = jenjang.pk_dengan(j.pk_kabid, j.program[0], 100, (25, 25, 25, 25), mendukung=j.iku)
    buka_jendela(TAHUN, 1)
    return j


def rencana(j, unit=None, uraian="Penjangkauan PPKS", targets=(10, 20, 30, 40)):
    r = RencanaAksi.objects.create(pk_indikator=j.item, uraian=uraian, output="PPKS terjangkau", satuan="orang",
                                   unit=unit or j.kantor.unit, jabatan=j.kabid)
    for tw, t in enumerate(targets, start=1):
        AksiTriwulan.objects.create(rencana=r, triwulan=tw, target=Decimal(t))
    return r


def url_tahun(j):
    return reverse("indikator:rencana_aksi", kwargs={"opd": j.kantor.opd.pk, "tahun": TAHUN})


def url_tw(j, tw=1):
    return reverse("indikator:aksi_triwulan", kwargs={"opd": j.kantor.opd.pk, "tahun": TAHUN, "triwulan": tw})


def baris(r, tw=1):
    return AksiTriwulan.objects.get(rencana=r, triwulan=tw)


def isi(client, r, tw=1, **data):
    b = AksiTriwulan.objects.filter(rencana=r, triwulan=tw).first()
    post = {"rencana": r.pk, "aksi": "simpan", "versi": b.versi if b else "", "realisasi": "8",
            "keadaan": "berjalan", "kendala": "", "tindak_lanjut": "", **data}
    opd = r.pk_indikator.perjanjian.opd
    url = reverse("indikator:aksi_triwulan", kwargs={"opd": opd.pk, "tahun": TAHUN, "triwulan": tw})
    return client.post(url, post, follow=True)


def test_the_perencana_plans_an_action_with_its_quarterly_targets(client, j):
    client.force_login(j.kantor.perencana)
    response = client.post(url_tahun(j), {
        "pk_indikator": j.item.pk, "uraian": "Asesmen PPKS", "output": "PPKS terasesmen", "satuan": "orang",
        "unit": j.kantor.unit.pk, "jabatan": j.kabid.pk, "urutan": 1, "versi": "",
        "target_1": "5", "target_2": "7,5", "target_3": "", "target_4": "10"})
    assert response.status_code == 302
    r = RencanaAksi.objects.get(uraian="Asesmen PPKS")
    assert [b.target for b in r.triwulan.order_by("triwulan")] == [Decimal(5), Decimal("7.5"), None, Decimal(10)]
    page = client.get(url_tahun(j)).content.decode()
    assert "Asesmen PPKS" in page and "7,5" in page


def test_the_unit_records_progress_in_the_open_quarter_and_submits_it(client, j):
    r = rencana(j)
    client.force_login(j.kantor.operator)
    page = isi(client, r).content.decode()
    assert "Progres rencana aksi tersimpan." in page
    b = baris(r)
    assert (b.realisasi, b.keadaan, b.status, b.diisi_oleh) == (Decimal(8), "berjalan", "draft", j.kantor.operator)
    assert b.tertinggal  # 8 of a target of 10
    client.post(url_tw(j), {"rencana": r.pk, "aksi": "ajukan", "versi": b.versi})
    assert baris(r).status == "diajukan"
    # a submitted row waits for the perencana
    assert "menunggu verifikasi" in isi(client, r, realisasi="9").content.decode()
    assert baris(r).realisasi == 8


def test_the_perencana_verifies_and_a_later_correction_needs_a_reason_and_is_verified_again(client, j):
    r = rencana(j)
    client.force_login(j.kantor.operator)
    isi(client, r)
    client.post(url_tw(j), {"rencana": r.pk, "aksi": "ajukan", "versi": baris(r).versi})
    client.force_login(j.kantor.perencana)
    page = client.post(url_tw(j), {"rencana": r.pk, "aksi": "kembalikan", "versi": baris(r).versi, "catatan": ""},
                       follow=True).content.decode()
    assert "Tuliskan catatan" in page and baris(r).status == "diajukan"
    client.post(url_tw(j), {"rencana": r.pk, "aksi": "verifikasi", "versi": baris(r).versi})
    assert baris(r).status == "diverifikasi" and baris(r).diverifikasi_oleh == j.kantor.perencana
    client.force_login(j.kantor.operator)
    assert "hanya dapat diubah dengan alasan" in isi(client, r, realisasi="10").content.decode()
    isi(client, r, realisasi="10", alasan="Data susulan kecamatan")
    b = baris(r)
    assert (b.realisasi, b.status) == (Decimal(10), "draft")
    assert b.history.first().history_change_reason == "Data susulan kecamatan"


def test_a_stale_form_and_a_closed_quarter_are_refused(client, j):
    r = rencana(j)
    client.force_login(j.kantor.operator)
    isi(client, r)
    b = baris(r)
    page = isi(client, r, versi=b.versi - 1 if b.versi else 99, realisasi="3").content.decode()
    assert "sudah diubah oleh pengguna lain" in page and baris(r).realisasi == 8
    JendelaInput.objects.update_or_create(opd=None, tahun=TAHUN, triwulan=2, defaults={"dibuka": False})
    page = isi(client, r, tw=2, realisasi="3").content.decode()  # TW II is not open
    assert baris(r, 2).realisasi is None and "TW II" in page


def test_an_operator_enters_only_its_own_units_actions(client, j):
    r_lain = rencana(j, unit=j.kantor.unit_lain, uraian="Aksi unit lain")
    sendiri = rencana(j)
    client.force_login(j.kantor.operator)
    page = client.get(url_tw(j)).content.decode()
    assert sendiri.uraian in page and "Aksi unit lain" not in page
    assert client.post(url_tw(j), {"rencana": r_lain.pk, "aksi": "simpan", "realisasi": "1"}).status_code == 404
    assert baris(r_lain).realisasi is None
    assert "Aksi unit lain" not in client.get(url_tahun(j)).content.decode()


@pytest.mark.parametrize("peran,status", [
    ("admin", 302), ("perencana", 302), ("operator", 302), ("operator_lain", 404), ("pimpinan", 403),
    ("evaluator", 403), ("perencana_lain", 404),
])
def test_who_records_progress(client, j, peran, status):
    r = rencana(j)
    client.force_login(getattr(j.kantor, peran))
    response = client.post(url_tw(j), {"rencana": r.pk, "aksi": "simpan", "versi": baris(r).versi,
                                       "realisasi": "8", "keadaan": "berjalan"})
    assert response.status_code == status
    assert (baris(r).realisasi == 8) == (status == 302)


@pytest.mark.parametrize("peran,status", [
    ("admin", 302), ("perencana", 302), ("operator", 403), ("pimpinan", 403), ("evaluator", 403),
    ("perencana_lain", 404),
])
def test_who_verifies_progress(client, j, peran, status):
    r = rencana(j)
    AksiTriwulan.objects.filter(rencana=r, triwulan=1).update(realisasi=8, keadaan="berjalan", status="diajukan")
    client.force_login(getattr(j.kantor, peran))
    response = client.post(url_tw(j), {"rencana": r.pk, "aksi": "verifikasi", "versi": baris(r).versi})
    assert response.status_code == status
    assert (baris(r).status == "diverifikasi") == (status == 302)


@pytest.mark.parametrize("peran,status", [
    ("admin", 302), ("perencana", 302), ("operator", 403), ("pimpinan", 403), ("evaluator", 403),
    ("perencana_lain", 404),
])
def test_who_plans_actions(client, j, peran, status):
    client.force_login(getattr(j.kantor, peran))
    response = client.post(url_tahun(j), {"pk_indikator": j.item.pk, "uraian": "Baru", "unit": j.kantor.unit.pk,
                                          "urutan": 0, "versi": ""})
    assert response.status_code == status
    assert RencanaAksi.objects.filter(uraian="Baru").exists() == (status == 302)


@pytest.mark.parametrize("peran", ["admin", "perencana", "operator", "operator_lain", "pimpinan", "evaluator"])
def test_everyone_of_the_opd_reads_the_pages_and_another_opd_answers_404(client, j, peran):
    rencana(j)
    client.force_login(getattr(j.kantor, peran))
    assert client.get(url_tahun(j)).status_code == 200
    assert client.get(url_tw(j)).status_code == 200
    client.force_login(j.kantor.perencana_lain)
    assert client.get(url_tahun(j)).status_code == 404
    sendiri = j.kantor.perencana_lain.opd
    assert client.get(reverse("indikator:rencana_aksi", kwargs={"opd": sendiri.pk, "tahun": TAHUN})).status_code == 200
    assert client.get(reverse("indikator:rencana_aksi", kwargs={"opd": PerangkatDaerahFactory().pk,
                                                                "tahun": TAHUN})).status_code == 404


def test_a_verified_quarter_keeps_its_target(client, j):
    r = rencana(j)
    AksiTriwulan.objects.filter(rencana=r, triwulan=1).update(realisasi=8, status="diverifikasi")
    client.force_login(j.kantor.perencana)
    page = client.post(url_tahun(j), {"id": r.pk, "pk_indikator": j.item.pk, "uraian": r.uraian,
                                      "unit": j.kantor.unit.pk, "urutan": 0, "versi": r.versi,
                                      "target_1": "99", "target_2": "20", "target_3": "30", "target_4": "40"},
                       follow=True).content.decode()
    assert "progresnya sudah diverifikasi" in page
    assert baris(r).target == 10


def test_the_year_exports_to_xlsx_one_line_per_quarter(client, j):
    r = rencana(j)
    AksiTriwulan.objects.filter(rencana=r, triwulan=1).update(realisasi=8, keadaan="berjalan")
    client.force_login(j.kantor.pimpinan)
    response = client.get(url_tahun(j) + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[8] for row in rows] == ["TW I", "TW II", "TW III", "TW IV"]
    assert [row[9] for row in rows] == [10, 20, 30, 40]
    assert rows[0][10] == 8 and rows[0][14] == "Draf" and rows[1][14] == "belum diisi"


@pytest.mark.parametrize("halaman", ["tahun", "tw"])
def test_the_query_count_does_not_grow_with_the_plans(client, j, halaman):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(j.kantor.perencana)
    url = url_tahun(j) if halaman == "tahun" else url_tw(j)
    counts = []
    for n in (1, 6):
        while RencanaAksi.objects.filter(pk_indikator=j.item).count() < n:
            rencana(j, uraian=f"Aksi {RencanaAksi.objects.filter(pk_indikator=j.item).count()}")
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        assert page.count('id="aksi-') == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
