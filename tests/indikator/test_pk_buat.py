"""The PK "buat" action sent twice makes one Perjanjian Kinerja (its year is unique)."""

from indikator.models import PerjanjianKinerja
from tests.indikator.test_pk_views import TAHUN, iku, url  # noqa: F401


def test_buat_sent_twice_makes_one_pk_and_says_so(client, kantor, iku):  # noqa: F811
    client.force_login(kantor.perencana)
    assert client.post(url(kantor.opd), {"aksi": "buat"}).status_code == 302
    kedua = client.post(url(kantor.opd), {"aksi": "buat"}, follow=True)
    assert PerjanjianKinerja.objects.filter(opd=kantor.opd, tahun=TAHUN).count() == 1
    assert kedua.status_code == 200
    assert f"PK {TAHUN} sudah dibuat; tidak dibuat dua kali." in kedua.content.decode()


def test_buat_when_another_request_created_it_a_moment_ago_finds_that_one(client, kantor, iku, # noqa: F811
                                                                          monkeypatch):
    """The race of a double click: both requests saw no PK; the second must not fail on the unique year."""
    client.force_login(kantor.perencana)
    PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=TAHUN, jenis="murni")
    asli = PerjanjianKinerja.objects.filter

    def belum_terlihat(*args, **kwargs):
        qs = asli(*args, **kwargs)
        return qs.none() if kwargs.keys() == {"opd", "tahun", "jenis"} else qs

    monkeypatch.setattr(PerjanjianKinerja.objects, "filter", belum_terlihat)
    response = client.post(url(kantor.opd), {"aksi": "buat"})
    assert response.status_code == 302
    monkeypatch.undo()
    assert PerjanjianKinerja.objects.filter(opd=kantor.opd, tahun=TAHUN).count() == 1
