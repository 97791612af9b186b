"""Every dashboard page runs a fixed number of queries, the same with 1 OPD and with 3 (generated data)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from indikator.models import Indikator
from portal.models import PerangkatDaerah, User
from tests.factories import UserFactory

SIZES = {
    "1 OPD, 8 sub kegiatan": {"opd": 1, "sub_kegiatan": 8},
    "3 OPD, 30 sub kegiatan": {"opd": 3, "sub_kegiatan": 30},
}
# Queries per page after the session is warm (session and user: 2 of them).
# iku and pohon opened without ?tw= ask once where the OPD's IKU data of the year ends (dasbor.konteks.periode_bawaan).
# The OPD dashboard's late units (indikator.pengisian.rekap_opd) cost 10 of its 34; its briefing
# (laporan, counted as its print HTML: the PDF step reads no data) computes the same context.
EXPECTED = {"opd": 34, "laporan": 34, "iku": 26, "pohon": 27, "tren": 18, "kota": 22, "kota_xlsx": 22}
# pohon: 6 of them load the PK cascade and the crosscutting partners (indikator.jenjang).


def _url(page, opd):
    if page == "iku":
        iku = Indikator.objects.get(opd=opd, kode="IKU-CAKUPAN")
        return reverse("dasbor:iku", args=[iku.pk]) + f"?opd={opd.pk}"
    if page == "kota":
        return reverse("dasbor:kota")
    if page == "laporan":
        return reverse("dasbor:laporan") + f"?opd={opd.pk}&format=html"
    if page == "kota_xlsx":
        return reverse("dasbor:kota") + "?format=xlsx"
    return reverse(f"dasbor:{page}") + f"?opd={opd.pk}"


@pytest.mark.django_db
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", EXPECTED)
def test_the_query_count_does_not_grow_with_the_city(client, django_assert_num_queries, settings, size, page):
    settings.DASBOR_CACHE = False  # count the computation, not a cache hit
    call_command(
        "generate_city", f"--opd={SIZES[size]['opd']}", "--tahun-awal=2025", "--tahun-akhir=2025",
        f"--sub-kegiatan={SIZES[size]['sub_kegiatan']}", stdout=io.StringIO(),
    )
    opd = PerangkatDaerah.objects.get(kode="GEN-01")
    client.force_login(UserFactory(role=User.Role.EVALUATOR, opd=None))
    url = _url(page, opd)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200
