"""The permission matrix of the evaluation pages: every view × every role (tests/test_permissions.py's roles).

Operators have no page here; the perencana works on its own OPD's
self-assessment; the pimpinan reads; evaluators (and admins) read every OPD and
score; another OPD's evaluation answers 404.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from evaluasi import services
from evaluasi.models import JawabanLke, PenilaianLke, Rekomendasi, RespondenSkm, SurveiKepuasan, TindakLanjut

TAHUN = 2030
ROLES = ["anonim", "admin", "perencana", "operator", "operator_lain", "pimpinan", "evaluator", "perencana_lain"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def obj(demo, users):
    penilaian = services.penilaian_mulai(opd=demo, tahun=TAHUN, user=users["perencana"])[0]
    kriteria = penilaian.lke.struktur()[0].sub.all()[0].kriteria.all()[0]
    jawaban = JawabanLke.objects.create(penilaian=penilaian, kriteria=kriteria)
    jawaban.bukti.save("bukti.pdf", ContentFile(b"%PDF-1.4 uji"), save=True)
    # A final evaluation of the year before, with its issued LHE (written directly: no render in the matrix).
    final = PenilaianLke.objects.create(opd=demo, tahun=TAHUN - 1, lke=penilaian.lke,
                                        status=PenilaianLke.Status.FINAL, lhe_sha256="a" * 64)
    final.lhe_pdf.save("lhe.pdf", ContentFile(b"%PDF-1.4 uji"), save=True)
    rekomendasi = Rekomendasi.objects.create(penilaian=final, urutan=1, uraian="Tetapkan pedoman.")
    tl = TindakLanjut.objects.create(rekomendasi=rekomendasi, status="proses")
    tl.bukti.save("tl.pdf", ContentFile(b"%PDF-1.4 uji"), save=True)
    survei = SurveiKepuasan.objects.create(opd=demo, tahun=TAHUN, periode="Uji")
    RespondenSkm.objects.create(survei=survei, nomor=1, **{f"u{i}": 3 for i in range(1, 10)})
    return {"survei": survei, "penilaian": penilaian, "kriteria": kriteria, "jawaban": jawaban, "final": final,
            "tindak_lanjut": tl}


def _p(o):
    return o["penilaian"].pk


VIEWS = {
    "indeks": ("get", lambda o: reverse("evaluasi:indeks"), None),
    "mulai": ("post", lambda o: reverse("evaluasi:mulai"), lambda o: {"tahun": TAHUN + 1}),
    "ringkasan": ("get", lambda o: reverse("evaluasi:ringkasan", args=[_p(o)]), None),
    "komponen": ("get", lambda o: reverse("evaluasi:komponen", args=[_p(o), 1]), None),
    "komponen_simpan": ("post", lambda o: reverse("evaluasi:komponen", args=[_p(o), 1]),
                        lambda o: {f"k{o['kriteria'].pk}-jawaban": "A", f"k{o['kriteria'].pk}-versi":
                                   o["jawaban"].versi}),
    "ajukan": ("post", lambda o: reverse("evaluasi:aksi", args=[_p(o), "ajukan"]),
               lambda o: {"versi": o["penilaian"].versi}),
    "selesai": ("post", lambda o: reverse("evaluasi:aksi", args=[_p(o), "selesai"]),
                lambda o: {"versi": o["penilaian"].versi}),
    "setujui": ("post", lambda o: reverse("evaluasi:aksi", args=[_p(o), "setujui"]),
                lambda o: {"versi": o["penilaian"].versi}),
    "rekomendasi": ("post", lambda o: reverse("evaluasi:aksi", args=[_p(o), "rekomendasi"]),
                    lambda o: {"versi": o["penilaian"].versi, "teks": "Tetapkan pedoman."}),
    "terbitkan": ("post", lambda o: reverse("evaluasi:aksi", args=[o["final"].pk, "terbitkan"]),
                  lambda o: {"versi": o["final"].versi}),
    "lhe": ("get", lambda o: reverse("evaluasi:lhe", args=[o["final"].pk]), None),
    "tindak_lanjut": ("get", lambda o: reverse("evaluasi:tindak_lanjut", args=[o["final"].pk]), None),
    "tindak_lanjut_simpan": (
        "post", lambda o: reverse("evaluasi:tindak_lanjut", args=[o["final"].pk]),
        lambda o: {"rekomendasi": o["tindak_lanjut"].rekomendasi_id, **{
            f"r{o['tindak_lanjut'].rekomendasi_id}-{k}": v
            for k, v in {"status": "proses", "rencana": "Susun.", "versi": o["tindak_lanjut"].versi}.items()}}),
    "bukti_tindak_lanjut": ("get", lambda o: reverse("evaluasi:bukti_tindak_lanjut", args=[o["tindak_lanjut"].pk]),
                            None),
    "skm_indeks": ("get", lambda o: reverse("evaluasi:skm_indeks"), None),
    "skm_buat": ("post", lambda o: reverse("evaluasi:skm_indeks"), lambda o: {"tahun": TAHUN, "periode": "Baru"}),
    "skm_detail": ("get", lambda o: reverse("evaluasi:skm_detail", args=[o["survei"].pk]), None),
    "skm_responden": ("post", lambda o: reverse("evaluasi:skm_detail", args=[o["survei"].pk]),
                      lambda o: {f"u{i}": 4 for i in range(1, 10)}),
    "skm_tetapkan": ("post", lambda o: reverse("evaluasi:skm_tetapkan", args=[o["survei"].pk]), lambda o: {}),
    "skm_templat": ("get", lambda o: reverse("evaluasi:skm_templat", args=[o["survei"].pk]), None),
    "skm_impor": ("get", lambda o: reverse("evaluasi:skm_impor", args=[o["survei"].pk]), None),
    "selisih": ("get", lambda o: reverse("evaluasi:selisih", args=[_p(o)]), None),
    "xlsx": ("get", lambda o: reverse("evaluasi:xlsx", args=[_p(o)]), None),
    "bukti": ("get", lambda o: reverse("evaluasi:bukti", args=[o["jawaban"].pk]), None),
}

MATRIX = {
    #                  anonim admin perenc oper  op_lain pimp  eval  per_lain
    "indeks":          ["L", 200, 200, 403, 403, 200, 200, 200],
    # The admin and the evaluator belong to no OPD: there is none to start for.
    "mulai":           ["L", 404, 302, 403, 403, 403, 404, 302],
    "ringkasan":       ["L", 200, 200, 403, 403, 200, 200, 404],
    "komponen":        ["L", 200, 200, 403, 403, 200, 200, 404],
    # While the OPD fills it, only its perencana (and the admin) save; the evaluator's turn comes later.
    "komponen_simpan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "ajukan":          ["L", 302, 302, 403, 403, 403, 403, 404],
    # An evaluator's action at the wrong stage is a message (302), another role's is 403.
    "selesai":         ["L", 302, 403, 403, 403, 403, 302, 404],
    "setujui":         ["L", 302, 403, 403, 403, 403, 302, 404],
    "rekomendasi":     ["L", 302, 403, 403, 403, 403, 302, 404],
    # The final's LHE is issued already: an evaluator is told so (302), other roles are refused.
    "terbitkan":       ["L", 302, 403, 403, 403, 403, 302, 404],
    "lhe":             ["L", 200, 200, 403, 403, 200, 200, 404],
    "tindak_lanjut":        ["L", 200, 200, 403, 403, 200, 200, 404],
    "tindak_lanjut_simpan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "bukti_tindak_lanjut":  ["L", 200, 200, 403, 403, 200, 200, 404],
    "skm_indeks":           ["L", 200, 200, 403, 403, 200, 200, 200],
    # The admin belongs to no OPD and opens no survey of its own; it may enter another OPD's respondents.
    "skm_buat":             ["L", 403, 302, 403, 403, 403, 403, 302],
    "skm_detail":           ["L", 200, 200, 403, 403, 200, 200, 404],
    "skm_responden":        ["L", 302, 302, 403, 403, 403, 403, 404],
    "skm_tetapkan":         ["L", 302, 302, 403, 403, 403, 403, 404],
    "skm_templat":          ["L", 200, 200, 403, 403, 200, 200, 404],
    "skm_impor":            ["L", 200, 200, 403, 403, 403, 403, 404],
    "selisih":         ["L", 200, 200, 403, 403, 200, 200, 404],
    "xlsx":            ["L", 200, 200, 403, 403, 200, 200, 404],
    "bukti":           ["L", 200, 200, 403, 403, 200, 200, 404],
}

CASES = [(view, role, MATRIX[view][i]) for view in VIEWS for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("view", "role", "expected"), CASES, ids=[f"{v}-{r}" for v, r, _ in CASES])
def test_the_evaluation_permission_matrix(client, users, obj, view, role, expected):
    method, url_for, data_for = VIEWS[view]
    if role != "anonim":
        client.force_login(users[role])
    url = url_for(obj)
    response = client.post(url, data_for(obj)) if method == "post" else client.get(url)
    if expected == "L":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


def test_the_matrix_covers_every_view_of_evaluasi(obj):
    from django.urls import resolve

    from evaluasi import urls

    diuji = {resolve(url_for(obj)).view_name for _, url_for, _ in VIEWS.values()}
    assert {f"evaluasi:{p.name}" for p in urls.urlpatterns} - diuji == set()


def test_a_forbidden_post_changes_nothing(client, users, obj):
    penilaian = obj["penilaian"]
    for role in ("operator", "pimpinan", "evaluator", "perencana_lain"):
        client.force_login(users[role])
        client.post(reverse("evaluasi:komponen", args=[penilaian.pk, 1]), {f"k{obj['kriteria'].pk}-jawaban": "A"})
        client.post(reverse("evaluasi:aksi", args=[penilaian.pk, "ajukan"]), {"versi": penilaian.versi})
        client.post(reverse("evaluasi:skm_detail", args=[obj["survei"].pk]), {f"u{i}": 4 for i in range(1, 10)})
    assert obj["survei"].responden.count() == 1
    obj["jawaban"].refresh_from_db()
    assert obj["jawaban"].usulan is None
    assert PenilaianLke.objects.get(pk=penilaian.pk).status == PenilaianLke.Status.DIISI
