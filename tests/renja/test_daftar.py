"""The list of Renja: a fixed number of queries, pages, and the XLSX of every Renja the user reads."""


from django.urls import reverse

from renja.models import Renja
from tests.factories import PerangkatDaerahFactory


def test_the_list_page_uses_a_fixed_number_of_queries(client, kantor, renja, django_assert_num_queries):
    client.force_login(kantor.evaluator)
    url = reverse("renja:indeks")
    client.get(url)
    # session, user, count for the paginator, the page of Renja with their OPD
    with django_assert_num_queries(4):
        client.get(url)
    for _ in range(4):
        Renja.objects.create(opd=PerangkatDaerahFactory(), tahun=2026)
    semua = Renja.objects.count()  # the office's and those four (and the demo's when the session loaded it)
    with django_assert_num_queries(4):
        assert client.get(url).content.decode().count("Renja 2026") == semua


def test_the_list_is_paginated(client, kantor, renja):
    from renja.views import PER_HALAMAN

    for _ in range(PER_HALAMAN + 1 - Renja.objects.count()):  # one more than a page holds
        Renja.objects.create(opd=PerangkatDaerahFactory(), tahun=2026)
    client.force_login(kantor.evaluator)
    first = client.get(reverse("renja:indeks")).content.decode()
    assert first.count("Renja 2026</a>") == PER_HALAMAN
    assert "Halaman 1 dari 2" in first
    second = client.get(reverse("renja:indeks") + "?halaman=2").content.decode()
    assert second.count("Renja 2026</a>") == 1


def test_the_list_is_exported_to_xlsx_with_every_renja_the_user_reads(client, kantor, renja, renja_lain):
    import io

    from openpyxl import load_workbook

    client.force_login(kantor.perencana)
    response = client.get(reverse("renja:indeks") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert rows == [(renja.opd.nama, 2026, renja.get_tahap_display())]
