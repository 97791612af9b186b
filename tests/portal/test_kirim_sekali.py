"""Every create form of the portal sent twice (a double click, a resent page) creates one row.

Forms without a natural unique key carry a one-time token (portal.kiriman);
the others are held by their unique constraint. The Renja rows, the usulan and
the PK have their own tests (tests/renja/test_kirim_dua_kali.py,
tests/indikator/test_pk_buat.py).
"""

import re

import pytest
from django.urls import reverse

from indikator.models import Indikator, Realisasi, Sasaran, Tujuan
from lkip.models import BagianLkip, Lkip
from portal.kiriman import NAMA_FIELD
from portal.models import JendelaInput, PermintaanJendela
from renja.models import Renja
from renja.services import renja_salin_ke_tahun
from tests.indikator.test_realisasi_views import TAHUN as TAHUN_REALISASI
from tests.indikator.test_realisasi_views import indikator_unit, isian, simpan_url
from tests.kantor import TAHUN

SUDAH = "sudah terkirim sebelumnya dan sudah disimpan; tidak dibuat dua kali"


def _token(page):
    return re.search(rf'name="{NAMA_FIELD}" value="([^"]+)"', page.content.decode()).group(1)


def _dua_kali(client, url, data):
    """GET the form for its token, POST it twice: (first response, second response followed)."""
    data = {**data, NAMA_FIELD: _token(client.get(url))}
    return client.post(url, data), client.post(url, data, follow=True)


def test_a_new_tujuan_sent_twice_is_one_tujuan(client, kantor):
    client.force_login(kantor.perencana)
    sebelum = Tujuan.objects.filter(renstra=kantor.renstra).count()
    pertama, kedua = _dua_kali(client, reverse("indikator:tujuan_tambah", args=[kantor.renstra.pk]),
                               {"urutan": 5, "uraian": "Meningkatkan pelayanan sosial", "versi": ""})
    assert pertama.status_code == 302
    assert Tujuan.objects.filter(renstra=kantor.renstra).count() == sebelum + 1
    assert SUDAH in kedua.content.decode()
    assert kedua.redirect_chain[0][0] == pertama["Location"]


def test_a_new_sasaran_sent_twice_is_one_sasaran(client, kantor):
    client.force_login(kantor.perencana)
    tujuan = kantor.sasaran.tujuan
    sebelum = Sasaran.objects.filter(tujuan=tujuan).count()
    pertama, kedua = _dua_kali(client, reverse("indikator:sasaran_tambah", args=[tujuan.pk]),
                               {"urutan": 5, "uraian": "Meningkatnya PPKS yang terlayani", "versi": ""})
    assert pertama.status_code == 302
    assert Sasaran.objects.filter(tujuan=tujuan).count() == sebelum + 1
    assert SUDAH in kedua.content.decode()


@pytest.mark.parametrize("induk", ["sasaran", "tujuan"])
def test_a_new_indicator_sent_twice_is_one_indicator_and_the_second_is_not_a_code_error(client, kantor, induk):
    client.force_login(kantor.perencana)
    if induk == "sasaran":
        url = reverse("indikator:indikator_tambah_sasaran", args=[kantor.sasaran.pk])
    else:
        url = reverse("indikator:indikator_tambah_tujuan", args=[kantor.sasaran.tujuan.pk])
    data = {"kode": "IKU-9", "nama": "Persentase PPKS terlayani", "satuan": "%", "formula": "", "alasan": "",
            "sumber_data": "", "penanggung_jawab": kantor.unit.pk, "jenis_nilai": "angka", "polaritas": "positif",
            "rumus_negatif": "dua_target", "agregasi": "jumlah", "versi": ""}
    pertama, kedua = _dua_kali(client, url, data)
    assert pertama.status_code == 302
    assert Indikator.objects.filter(opd=kantor.opd, kode="IKU-9").count() == 1
    page = kedua.content.decode()
    assert SUDAH in page and "sudah dipakai indikator lain" not in page


def test_a_new_lkip_sent_twice_is_one_lkip_with_one_set_of_sections(client, kantor):
    client.force_login(kantor.perencana)
    url = reverse("lkip:baru")
    assert client.post(url, {"tahun": TAHUN}).status_code == 302
    kedua = client.post(url, {"tahun": TAHUN}, follow=True)
    lkip = Lkip.objects.get(opd=kantor.opd, tahun=TAHUN)
    assert BagianLkip.objects.filter(lkip=lkip).count() == len(BagianLkip.Kunci.choices)
    assert f"LKIP {kantor.opd.singkatan} tahun {TAHUN} sudah ada." in kedua.content.decode()


def test_a_renja_copied_forward_twice_is_one_renja(client, kantor):
    sumber = Renja.objects.create(opd=kantor.opd, tahun=TAHUN)
    client.force_login(kantor.perencana)
    url = reverse("renja:salin", args=[sumber.pk])
    assert client.post(url, {"tahun": TAHUN + 1}).status_code == 302
    kedua = client.post(url, {"tahun": TAHUN + 1}, follow=True)
    assert Renja.objects.filter(opd=kantor.opd, tahun=TAHUN + 1).count() == 1
    assert f"Renja {TAHUN + 1} untuk perangkat daerah ini sudah ada." in kedua.content.decode()


def test_a_renja_copy_racing_another_meets_the_unique_year_with_a_message(kantor, monkeypatch):
    """Both requests saw no Renja of that year; the second must not end in an IntegrityError (a 500)."""
    sumber = Renja.objects.create(opd=kantor.opd, tahun=TAHUN)
    Renja.objects.create(opd=kantor.opd, tahun=TAHUN + 1)
    asli = Renja.objects.filter

    def belum_terlihat(*args, **kwargs):
        qs = asli(*args, **kwargs)
        return qs.none() if kwargs.get("tahun") == TAHUN + 1 else qs

    monkeypatch.setattr(Renja.objects, "filter", belum_terlihat)
    with pytest.raises(ValueError, match="sudah ada"):
        renja_salin_ke_tahun(renja_sumber=sumber, tahun=TAHUN + 1, user=kantor.perencana)
    monkeypatch.undo()
    assert Renja.objects.filter(opd=kantor.opd, tahun=TAHUN + 1).count() == 1


def test_an_input_window_opened_twice_is_one_window(client, kantor):
    client.force_login(kantor.perencana)
    url = reverse("jendela:simpan", kwargs={"opd": kantor.opd.pk})
    data = {"tahun": TAHUN, "triwulan": 3, "aksi": "buka", "versi": "", "mulai": "", "selesai": ""}
    assert client.post(url, data).status_code == 302
    client.post(url, data)
    assert JendelaInput.objects.filter(opd=kantor.opd, tahun=TAHUN, triwulan=3).count() == 1


def test_a_window_request_sent_twice_is_one_request(client, kantor):
    # Closed for this OPD, whatever windows for every OPD the demo data (if loaded) holds.
    JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=3, dibuka=False)
    client.force_login(kantor.operator)
    url = reverse("jendela:minta", kwargs={"opd": kantor.opd.pk, "unit": kantor.unit.pk})
    data = {"tahun": TAHUN, "triwulan": 3, "catatan": "Data TW III lengkap.", "kembali": ""}
    client.post(url, data)
    kedua = client.post(url, data, follow=True)
    assert PermintaanJendela.objects.filter(unit_kerja=kantor.unit, tahun=TAHUN, triwulan=3).count() == 1
    assert "sudah diminta" in kedua.content.decode()


def test_a_first_realisasi_sent_twice_is_one_realisasi(client, kantor):
    JendelaInput.objects.create(tahun=TAHUN_REALISASI, triwulan=3)
    indikator = indikator_unit(kantor.opd, kantor.unit)
    client.force_login(kantor.operator)
    assert client.post(simpan_url(indikator), isian(indikator, "4,5")).status_code in (200, 302)
    client.post(simpan_url(indikator), isian(indikator, "4,5"))
    assert Realisasi.objects.filter(indikator=indikator, tahun=TAHUN_REALISASI, triwulan=3).count() == 1
