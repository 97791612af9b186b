"""The PK "buat" action sent twice makes one Perjanjian Kinerja (its year is unique)."""

from indikator.models import PerjanjianKinerja
from tests.indikator.test_pk_views import TAHUN, iku, url  # noqa: F401


def test_buat_sent_twice_makes_one_pk_and_says_so(client, users, demo, iku):  # noqa: F811
    client.force_login(users["perencana"])
    assert client.post(url(demo), {"aksi": "buat"}).status_code == 302
    kedua = client.post(url(demo), {"aksi": "buat"}, follow=True)
    assert PerjanjianKinerja.objects.filter(opd=demo, tahun=TAHUN).count() == 1
    assert kedua.status_code == 200
    assert f"PK {TAHUN} sudah dibuat; tidak dibuat dua kali." in kedua.content.decode()


def test_buat_when_another_request_created_it_a_moment_ago_finds_that_one(client, users, demo, iku,  # noqa: F811
                                                                          monkeypatch):
    """The race of a double click: both requests saw no PK; the second must not fail on the unique year."""
    client.force_login(users["perencana"])
    PerjanjianKinerja.objects.create(opd=demo, tahun=TAHUN, jenis="murni")
    asli = PerjanjianKinerja.objects.filter

    def belum_terlihat(*args, **kwargs):
        qs = asli(*args, **kwargs)
        return qs.none() if kwargs.keys() == {"opd", "tahun", "jenis"} else qs

    monkeypatch.setattr(PerjanjianKinerja.objects, "filter", belum_terlihat)
    response = client.post(url(demo), {"aksi": "buat"})
    assert response.status_code == 302
    monkeypatch.undo()
    assert PerjanjianKinerja.objects.filter(opd=demo, tahun=TAHUN).count() == 1
