"""A create form sent twice (a double click, a resubmitted page) creates its record once."""

import re

import pytest
from django.urls import reverse

from portal.kiriman import NAMA_FIELD, SudahDikirim, klaim_token
from renja.models import BarisRencana, Usulan


def _token(page):
    return re.search(rf'name="{NAMA_FIELD}" value="([^"]+)"', page.content.decode()).group(1)


def _baris_baru(renja, token, **extra):
    kegiatan = BarisRencana.objects.get(renja=renja, kode="1.06.02.2.01")
    return {"level": "sub_kegiatan", "induk": kegiatan.pk, "kode": "1.06.02.2.01.0009",
            "nama": "Pengamanan Taman Makam Pahlawan", "pagu": "1.000.000", NAMA_FIELD: token, **extra}


def _usulan(token):
    return {"usulan-TOTAL_FORMS": "1", "usulan-INITIAL_FORMS": "0", "usulan-MIN_NUM_FORMS": "0",
            "usulan-MAX_NUM_FORMS": "1000", "usulan-0-program_kegiatan": "Rehabilitasi rumah tidak layak huni",
            "usulan-0-lokasi": "Kel. Margahayu", "usulan-0-indikator": "Jumlah rumah", "usulan-0-volume": "10 unit",
            "usulan-0-pengusul": "Musrenbang Kecamatan", "usulan-0-catatan": "", NAMA_FIELD: token}


def test_tambah_baris_sent_twice_adds_one_row_and_the_second_lands_on_it(client, kantor, renja):
    client.force_login(kantor.perencana)
    url = reverse("renja:baris_tambah", args=[renja.pk])
    token = _token(client.get(url))
    pertama = client.post(url, _baris_baru(renja, token))
    kedua = client.post(url, _baris_baru(renja, token), follow=True)
    assert BarisRencana.objects.filter(renja=renja, kode="1.06.02.2.01.0009").count() == 1
    assert pertama.status_code == 302
    assert kedua.redirect_chain[0][0] == pertama["Location"]
    assert "sudah terkirim sebelumnya dan sudah disimpan; tidak dibuat dua kali" in kedua.content.decode()


def test_a_new_usulan_sent_twice_is_one_usulan(client, kantor, renja):
    client.force_login(kantor.perencana)
    url = reverse("renja:kelola", args=[renja.pk, "usulan"])
    token = _token(client.get(url))
    assert client.post(url, _usulan(token)).status_code == 302
    kedua = client.post(url, _usulan(token), follow=True)
    assert Usulan.objects.filter(renja=renja).count() == 1
    assert "tidak dibuat dua kali" in kedua.content.decode()


def test_a_refused_submit_leaves_its_token_for_the_corrected_one(client, kantor, renja):
    client.force_login(kantor.perencana)
    url = reverse("renja:baris_tambah", args=[renja.pk])
    token = _token(client.get(url))
    assert client.post(url, _baris_baru(renja, token, pagu="-5")).status_code == 200
    assert client.post(url, _baris_baru(renja, token)).status_code == 302
    assert BarisRencana.objects.filter(renja=renja, kode="1.06.02.2.01.0009").count() == 1


def test_each_rendering_of_the_form_carries_its_own_token(client, kantor, renja):
    client.force_login(kantor.perencana)
    url = reverse("renja:baris_tambah", args=[renja.pk])
    assert _token(client.get(url)) != _token(client.get(url))


def test_a_claimed_token_cannot_be_claimed_again(rf, kantor):
    request = rf.post("/", {NAMA_FIELD: "a" * 32})
    request.user = kantor.perencana
    klaim_token(request).selesai("/renja/1/#baris-9")
    with pytest.raises(SudahDikirim) as exc:
        klaim_token(request)
    assert exc.value.tujuan == "/renja/1/#baris-9"
