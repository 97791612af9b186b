"""The permission matrix: every page × every role, allowed and forbidden.

Roles (DESIGN.md): an operator edits only its unit's rows, a perencana its
OPD, a pimpinan reads its OPD, an evaluator reads all, an admin does all;
anonymous users go to the login page. An object of another OPD answers 404.
"""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from indikator.models import JendelaInput, Realisasi
from portal.models import UnitKerja
from tests.factories import (
    DpaFactory,
    IndikatorFactory,
    RealisasiFactory,
    RenstraFactory,
    SasaranFactory,
    TargetFactory,
)

TAHUN = 2030
ROLES = ["anonim", "admin", "perencana", "operator", "operator_lain", "pimpinan", "evaluator", "perencana_lain"]


@pytest.fixture
def obj(demo):
    """A Bidang Rehabilitasi Sosial indicator with a submitted realisasi carrying evidence."""
    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    sasaran = SasaranFactory(tujuan__renstra=RenstraFactory(opd=demo, tahun_awal=TAHUN, tahun_akhir=TAHUN))
    indikator = IndikatorFactory(sasaran=sasaran, opd=demo, penanggung_jawab=rehab)
    TargetFactory(indikator=indikator, tahun=TAHUN, nilai=Decimal(20))
    realisasi = RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=2, nilai=Decimal(4),
                                 status=Realisasi.Status.DIAJUKAN)
    realisasi.bukti.save("bukti.pdf", ContentFile(b"%PDF-1.4 uji"), save=True)
    for tw in range(1, 5):
        JendelaInput.objects.create(tahun=TAHUN, triwulan=tw)
    dpa = DpaFactory(opd=demo, tahun=TAHUN, unit_kerja=rehab, pagu_perubahan=Decimal(1000))
    return {"opd": demo, "unit": rehab, "indikator": indikator, "realisasi": realisasi, "dpa": dpa,
            "renstra": sasaran.tujuan.renstra, "sasaran": sasaran}


def _tw(o, **extra):
    return {"opd": o["opd"].pk, "tahun": TAHUN, "triwulan": 3, **extra}


# name -> (method, url builder, POST data builder)
VIEWS = {
    "indeks": ("get", lambda o: reverse("indikator:indeks"), None),
    "rekap": ("get", lambda o: reverse("indikator:realisasi_rekap", kwargs=_tw(o)), None),
    "unit": ("get", lambda o: reverse("indikator:realisasi_unit", kwargs=_tw(o, unit=o["unit"].pk)), None),
    "unit_xlsx": (
        "get", lambda o: reverse("indikator:realisasi_unit", kwargs=_tw(o, unit=o["unit"].pk)) + "?format=xlsx",
        None),
    "simpan": (
        "post",
        lambda o: reverse("indikator:realisasi_simpan",
                          kwargs={"tahun": TAHUN, "triwulan": 3, "indikator": o["indikator"].pk}),
        lambda o: {f"r{o['indikator'].pk}-nilai": "3,5", f"r{o['indikator'].pk}-versi": ""},
    ),
    "capaian": (
        "post",
        lambda o: reverse("indikator:realisasi_capaian",
                          kwargs={"tahun": TAHUN, "triwulan": 3, "indikator": o["indikator"].pk}),
        lambda o: {f"r{o['indikator'].pk}-nilai": "3,5"},
    ),
    "ajukan": ("post", lambda o: reverse("indikator:realisasi_ajukan", kwargs=_tw(o, unit=o["unit"].pk)),
               lambda o: {}),
    "verifikasi": ("post", lambda o: reverse("indikator:realisasi_verifikasi", args=[o["realisasi"].pk]),
                   lambda o: {"versi": o["realisasi"].versi}),
    "kembalikan": ("post", lambda o: reverse("indikator:realisasi_kembalikan", args=[o["realisasi"].pk]),
                   lambda o: {"versi": o["realisasi"].versi, "catatan": "Perbaiki."}),
    "bukti": ("get", lambda o: reverse("indikator:realisasi_bukti", args=[o["realisasi"].pk]), None),
    "pk_indeks": ("get", lambda o: reverse("indikator:pk_indeks"), None),
    "pk": ("get", lambda o: reverse("indikator:pk", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}), None),
    "pk_buat": ("post", lambda o: reverse("indikator:pk", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}),
                lambda o: {"aksi": "buat"}),
    "renstra_indeks": ("get", lambda o: reverse("indikator:renstra_indeks"), None),
    "renstra_list": ("get", lambda o: reverse("indikator:renstra_list", args=[o["opd"].pk]), None),
    "renstra_detail": ("get", lambda o: reverse("indikator:renstra_detail", args=[o["renstra"].pk]), None),
    "sasaran_ubah_form": ("get", lambda o: reverse("indikator:sasaran_ubah", args=[o["sasaran"].pk]), None),
    "sasaran_ubah": ("post", lambda o: reverse("indikator:sasaran_ubah", args=[o["sasaran"].pk]),
                     lambda o: {"urutan": 1, "uraian": "Baru", "versi": o["sasaran"].versi}),
    "realisasi_templat": ("get", lambda o: reverse("indikator:realisasi_template",
                                                    kwargs=_tw(o, unit=o["unit"].pk)), None),
    "realisasi_impor": ("get", lambda o: reverse("indikator:realisasi_impor", kwargs=_tw(o, unit=o["unit"].pk)),
                        None),
    "indikator_riwayat": ("get", lambda o: reverse("indikator:indikator_riwayat", args=[o["indikator"].pk]), None),
    "dpa_riwayat": ("get", lambda o: reverse("anggaran:dpa_riwayat", args=[o["dpa"].pk]), None),
    "dpa_templat": ("get", lambda o: reverse("anggaran:dpa_template", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}),
                    None),
    "dpa_impor": ("get", lambda o: reverse("anggaran:dpa_impor", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}), None),
    "anggaran_indeks": ("get", lambda o: reverse("anggaran:indeks"), None),
    "dpa_list": ("get", lambda o: reverse("anggaran:dpa_list", kwargs={"opd": o["opd"].pk, "tahun": TAHUN}), None),
    "dpa_xlsx": ("get", lambda o: reverse("anggaran:dpa_list", kwargs={"opd": o["opd"].pk, "tahun": TAHUN})
                 + "?format=xlsx", None),
    "dpa_detail": ("get", lambda o: reverse("anggaran:dpa_detail", args=[o["dpa"].pk]), None),
    "dpa_triwulan": ("post", lambda o: reverse("anggaran:dpa_detail", args=[o["dpa"].pk]),
                     lambda o: {"aksi": "triwulan", "versi": o["dpa"].versi, "realisasi_1": "10",
                                "kas_1": "1000"}),
    "dpa_pagu": ("post", lambda o: reverse("anggaran:dpa_detail", args=[o["dpa"].pk]),
                 lambda o: {"aksi": "pagu", "versi": o["dpa"].versi, "pagu_perubahan": "2.000"}),
}

# Expected status per role, in the order of ROLES (anonymous always goes to the login page: "L").
# 302 on an allowed POST is the redirect after saving; on "indeks"/"rekap" it sends an operator
# (or a reader of one OPD) to its own page.
MATRIX = {
    "indeks":     ["L", 200, 302, 302, 302, 302, 200, 302],
    "rekap":      ["L", 200, 200, 302, 302, 200, 200, 404],
    "unit":       ["L", 200, 200, 200, 404, 200, 200, 404],
    "unit_xlsx":  ["L", 200, 200, 200, 404, 200, 200, 404],
    "simpan":     ["L", 302, 302, 302, 404, 403, 403, 404],
    "capaian":    ["L", 200, 200, 200, 404, 200, 200, 404],
    "ajukan":     ["L", 302, 302, 302, 404, 403, 403, 404],
    "verifikasi": ["L", 302, 302, 403, 403, 403, 403, 404],
    "kembalikan": ["L", 302, 302, 403, 403, 403, 403, 404],
    "bukti":      ["L", 200, 200, 200, 404, 200, 200, 404],
    "pk_indeks":  ["L", 200, 302, 302, 302, 302, 200, 302],
    "pk":         ["L", 200, 200, 200, 200, 200, 200, 404],
    "pk_buat":    ["L", 302, 302, 403, 403, 403, 403, 404],
    "renstra_indeks":    ["L", 200, 302, 302, 302, 302, 200, 302],
    "renstra_list":      ["L", 200, 200, 200, 200, 200, 200, 404],
    "renstra_detail":    ["L", 200, 200, 200, 200, 200, 200, 404],
    "sasaran_ubah_form": ["L", 200, 200, 403, 403, 403, 403, 404],
    "sasaran_ubah":      ["L", 302, 302, 403, 403, 403, 403, 404],
    "realisasi_templat": ["L", 200, 200, 200, 404, 200, 200, 404],
    "realisasi_impor":   ["L", 200, 200, 200, 404, 403, 403, 404],
    "indikator_riwayat": ["L", 200, 200, 200, 404, 200, 200, 404],
    "dpa_riwayat":       ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_templat":       ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_impor":         ["L", 200, 200, 403, 403, 403, 403, 404],
    # Everyone in the OPD reads its budget; the perencana keeps the pagu and anggaran kas,
    # the unit of the line enters its realisasi.
    "anggaran_indeks": ["L", 200, 302, 302, 302, 302, 200, 302],
    "dpa_list":     ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_xlsx":     ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_detail":   ["L", 200, 200, 200, 200, 200, 200, 404],
    "dpa_triwulan": ["L", 302, 302, 302, 403, 403, 403, 404],
    "dpa_pagu":     ["L", 302, 302, 403, 403, 403, 403, 404],
}

CASES = [(view, role, MATRIX[view][i]) for view in VIEWS for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("view", "role", "expected"), CASES, ids=[f"{v}-{r}" for v, r, _ in CASES])
def test_the_permission_matrix(client, users, obj, view, role, expected):
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


def test_a_forbidden_post_changes_nothing(client, users, obj):
    realisasi = obj["realisasi"]
    simpan = reverse("indikator:realisasi_simpan",
                     kwargs={"tahun": TAHUN, "triwulan": 3, "indikator": obj["indikator"].pk})
    for role in ("pimpinan", "evaluator", "operator", "operator_lain", "perencana_lain"):
        client.force_login(users[role])
        client.post(reverse("indikator:realisasi_verifikasi", args=[realisasi.pk]), {"versi": realisasi.versi})
        if role != "operator":
            client.post(simpan, {f"r{obj['indikator'].pk}-nilai": "1", f"r{obj['indikator'].pk}-versi": ""})
    realisasi.refresh_from_db()
    assert realisasi.status == Realisasi.Status.DIAJUKAN
    assert not Realisasi.objects.filter(indikator=obj["indikator"], triwulan=3).exists()
