"""Who may read and change a Renja: every reader of the OPD, edits by its perencana and the admin,
404 for another OPD, and the permission matrix of every Renja page."""


import pytest
from django.urls import reverse

from renja.models import BagianNarasi, Renja
from tests.renja.bangun import baris_sub, total_pagu


@pytest.mark.parametrize("role", ["perencana", "pimpinan", "evaluator", "operator", "admin"])
def test_it_shows_the_preview_to_every_reader_of_the_opd(client, kantor, renja, role):
    client.force_login(getattr(kantor, role))
    response = client.get(reverse("renja:detail", args=[renja.pk]))
    assert response.status_code == 200
    assert f"{total_pagu():,}".replace(",", ".") in response.content.decode()  # 3.500.000
    assert "Pemeriksaan konsistensi" in response.content.decode()


def test_it_answers_404_for_a_renja_of_another_opd(client, kantor, renja_lain, renja):
    client.force_login(kantor.perencana)
    assert client.get(reverse("renja:detail", args=[renja_lain.pk])).status_code == 404
    client.force_login(kantor.perencana_lain)
    assert client.get(reverse("renja:detail", args=[renja.pk])).status_code == 404
    assert client.get(reverse("renja:xlsx", args=[renja.pk])).status_code == 404
    baris = baris_sub(renja)
    assert client.get(reverse("renja:baris", args=[baris.pk])).status_code == 404


@pytest.mark.parametrize("role", ["pimpinan", "evaluator", "operator"])
def test_it_refuses_edits_by_readers(client, kantor, renja, role):
    client.force_login(getattr(kantor, role))
    baris = baris_sub(renja)
    assert client.get(reverse("renja:baris", args=[baris.pk])).status_code == 403
    response = client.post(reverse("renja:tahap", args=[renja.pk]),
                           {"tahap": "penetapan", "versi_dibaca": renja.versi})
    assert response.status_code == 403
    renja.refresh_from_db()
    assert renja.tahap == Renja.Tahap.RANCANGAN_AKHIR


def test_readers_cannot_open_the_editing_pages(client, kantor, renja):
    client.force_login(kantor.pimpinan)
    for url in (reverse("renja:kelola", args=[renja.pk, "spm"]), reverse("renja:review", args=[renja.pk, 1]),
                reverse("renja:baris_tambah", args=[renja.pk])):
        assert client.get(url).status_code == 403
    client.force_login(kantor.perencana_lain)
    assert client.get(reverse("renja:kelola", args=[renja.pk, "usulan"])).status_code == 404


# --- Permission matrix of every Renja page --------------------------------
# Roles as in tests/test_permissions.py: the perencana of the OPD and the admin change a Renja;
# the other roles of the OPD and the evaluator read it; a perencana of another OPD gets 404;
# anonymous users go to the login page.

ROLES = ["anonim", "admin", "perencana", "operator", "operator_lain", "pimpinan", "evaluator", "perencana_lain"]
BACA = ["L", 200, 200, 200, 200, 200, 200, 404]
UBAH_GET = ["L", 200, 200, 403, 403, 403, 403, 404]
UBAH_POST = ["L", 302, 302, 403, 403, 403, 403, 404]


def _sub(renja):
    return baris_sub(renja)


def _narasi(renja):
    return BagianNarasi.objects.filter(renja=renja).order_by("urutan").first()


RENJA_VIEWS = {
    # name -> (method, url builder, POST data builder, expected per role)
    "indeks": ("get", lambda r: reverse("renja:indeks"), None, ["L", 200, 200, 200, 200, 200, 200, 200]),
    "indeks_xlsx": ("get", lambda r: reverse("renja:indeks") + "?format=xlsx", None,
                    ["L", 200, 200, 200, 200, 200, 200, 200]),
    "detail": ("get", lambda r: reverse("renja:detail", args=[r.pk]), None, BACA),
    "pdf": ("get", lambda r: reverse("renja:pdf", args=[r.pk]), None, BACA),
    "xlsx": ("get", lambda r: reverse("renja:xlsx", args=[r.pk]), None, BACA),
    "docx": ("get", lambda r: reverse("renja:docx", args=[r.pk]), None, BACA),
    "pemeriksaan": ("get", lambda r: reverse("renja:pemeriksaan", args=[r.pk]), None, BACA),
    "pemeriksaan_pdf": ("get", lambda r: reverse("renja:pemeriksaan_pdf", args=[r.pk]), None, BACA),
    "xlsx_semua": ("get", lambda r: reverse("renja:xlsx", args=[r.pk]) + "?tabel=semua", None, BACA),
    "baris": ("get", lambda r: reverse("renja:baris", args=[_sub(r).pk]), None, UBAH_GET),
    "baris_tambah": ("get", lambda r: reverse("renja:baris_tambah", args=[r.pk]), None, UBAH_GET),
    "narasi": ("get", lambda r: reverse("renja:narasi", args=[_narasi(r).pk]), None, UBAH_GET),
    "kelola_spm": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "spm"]), None, UBAH_GET),
    "kelola_usulan": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "usulan"]), None, UBAH_GET),
    "kelola_evaluasi": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "evaluasi"]), None, UBAH_GET),
    "kelola_kinerja": ("get", lambda r: reverse("renja:kelola", args=[r.pk, "kinerja"]), None, UBAH_GET),
    "review": ("get", lambda r: reverse("renja:review", args=[r.pk, 1]), None, UBAH_GET),
    "tahap": ("post", lambda r: reverse("renja:tahap", args=[r.pk]),
              lambda r: {"tahap": "penetapan", "versi_dibaca": r.versi, "keterangan": "uji"}, UBAH_POST),
    "salin": ("post", lambda r: reverse("renja:salin", args=[r.pk]), lambda r: {"tahun": 2027}, UBAH_POST),
    "nomenklatur": ("post", lambda r: reverse("renja:nomenklatur", args=[r.pk]), lambda r: {"versi": ""},
                    UBAH_POST),
    "pratinjau_narasi": ("post", lambda r: reverse("renja:pratinjau_narasi"), lambda r: {"isi": "**uji**"},
                         ["L", 200, 200, 403, 403, 403, 403, 200]),
    "baris_hapus": ("post", lambda r: reverse("renja:baris_hapus", args=[_sub(r).pk]), lambda r: {}, UBAH_POST),
}
RENJA_CASES = [(v, role, RENJA_VIEWS[v][3][i]) for v in RENJA_VIEWS for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("view", "role", "expected"), RENJA_CASES, ids=[f"{v}-{r}" for v, r, _ in RENJA_CASES])
def test_the_permission_matrix_of_the_renja_pages(client, kantor, renja, monkeypatch, view, role, expected):
    from renja import services

    # The PDF itself is rendered once in test_dokumen; here only who may get it matters.
    monkeypatch.setattr(services, "renja_pdf", lambda renja: b"%PDF-1.4 uji")
    monkeypatch.setattr(services, "renja_pemeriksaan_pdf", lambda renja: b"%PDF-1.4 uji")
    monkeypatch.setattr(services, "renja_docx", lambda renja: b"PK uji")
    monkeypatch.setattr("renja.views.docx_tersedia", lambda: True)
    method, url_for, data_for, _ = RENJA_VIEWS[view]
    if role != "anonim":
        client.force_login(getattr(kantor, role))
    url = url_for(renja)
    response = client.post(url, data_for(renja)) if method == "post" else client.get(url)
    if expected == "L":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


def test_the_renja_matrix_covers_every_renja_view(renja):
    """A new Renja page must be added to RENJA_VIEWS: this fails when one of its URLs is missing."""
    from django.urls import resolve

    from renja import urls as renja_urls

    semua = {f"renja:{p.name}" for p in renja_urls.urlpatterns}
    diuji = {resolve(url_for(renja).split("?")[0]).view_name for _, url_for, _, _ in RENJA_VIEWS.values()}
    assert semua - diuji == set()
