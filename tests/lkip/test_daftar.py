"""The LKIP in the browser: the list of LKIP (scope, filter, pages, XLSX, queries) and creating the LKIP of a year.

A full render of the LKIP takes seconds, so html_to_pdf is replaced by a fake (tests/lkip/conftest.py)
that returns a small valid PDF per HTML and counts its calls."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lkip import services
from lkip.models import BagianLkip, Lkip
from tests.lkip.bangun import isi_halaman, pesan_dari, versi_terbit

pytestmark = pytest.mark.usefixtures("media")


def test_the_list_shows_the_lkip_of_the_users_opd_and_an_empty_state_elsewhere(client, kantor, lkip):
    client.force_login(kantor.perencana)
    response = client.get(reverse("lkip:indeks"))
    assert [x.pk for x in response.context["page"]] == [lkip.pk]
    assert reverse("lkip:detail", args=[lkip.pk]) in isi_halaman(response)

    client.force_login(kantor.perencana_lain)
    response = client.get(reverse("lkip:indeks"))
    assert response.context["page"].paginator.count == 0
    assert "Belum ada LKIP" in isi_halaman(response)


def test_an_evaluator_sees_every_opd_and_filters_by_opd(client, kantor, lkip):
    lain = Lkip.objects.create(opd=kantor.perencana_lain.opd, tahun=lkip.tahun)
    client.force_login(kantor.evaluator)
    semua = client.get(reverse("lkip:indeks")).context["page"]
    assert {x.pk for x in semua} == set(Lkip.objects.values_list("pk", flat=True)) >= {lkip.pk, lain.pk}
    saring = client.get(reverse("lkip:indeks"), {"opd": lain.opd_id}).context["page"]
    assert [x.pk for x in saring] == [lain.pk]
    kosong = client.get(reverse("lkip:indeks"), {"opd": lain.opd_id, "tahun": 2019})
    assert "Tidak ada LKIP yang cocok" in isi_halaman(kosong)


def test_the_list_pages_keep_the_filter(client, kantor):
    lain = kantor.perencana_lain.opd
    for tahun in range(2000, 2030):
        Lkip.objects.create(opd=lain, tahun=tahun)
    client.force_login(kantor.evaluator)
    pertama = client.get(reverse("lkip:indeks"), {"opd": lain.pk})
    assert len(pertama.context["page"]) == 25 and pertama.context["page"].paginator.num_pages == 2
    assert f"?opd={lain.pk}&amp;halaman=2" in isi_halaman(pertama)
    kedua = client.get(reverse("lkip:indeks"), {"opd": lain.pk, "halaman": 2})
    assert [x.tahun for x in kedua.context["page"]] == list(range(2004, 1999, -1))


def test_an_operator_sees_the_list_without_preview_links(client, kantor, lkip):
    client.force_login(kantor.operator)
    response = client.get(reverse("lkip:indeks"))
    assert [x.pk for x in response.context["page"]] == [lkip.pk]
    assert reverse("lkip:detail", args=[lkip.pk]) not in isi_halaman(response)
    assert response.context["form"] is None


def test_the_list_exports_every_row_to_xlsx(perencana, lkip, kantor, pdf_palsu):
    versi = services.lkip_terbitkan(lkip=lkip, user=kantor.perencana)
    response = perencana.get(reverse("lkip:indeks"), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Perangkat daerah"
    waktu = timezone.localtime(versi.diterbitkan_pada).strftime("%Y-%m-%d %H:%M")  # as the page shows it
    assert rows[1:] == [(lkip.opd.nama, lkip.tahun, 1, 1, waktu, versi.sha256)]


def test_the_list_queries_do_not_grow_with_the_rows(client, kantor, lkip):
    client.force_login(kantor.evaluator)

    def jumlah_query():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("lkip:indeks")).status_code == 200
        return len(ctx)

    versi_terbit(lkip, kantor.perencana, 1)
    sebelum = jumlah_query()
    for tahun in range(2010, 2016):
        baru = Lkip.objects.create(opd=kantor.perencana_lain.opd, tahun=tahun)
        versi_terbit(baru, kantor.perencana, 1)
        versi_terbit(baru, kantor.perencana, 2)
    assert jumlah_query() == sebelum


def test_the_perencana_creates_the_lkip_of_a_year_with_every_section(perencana, kantor):
    response = perencana.post(reverse("lkip:baru"), {"tahun": 2031}, follow=True)
    baru = Lkip.objects.get(opd=kantor.opd, tahun=2031)
    assert response.redirect_chain[-1][0] == baru.get_absolute_url()
    assert sorted(BagianLkip.objects.filter(lkip=baru).values_list("kunci", flat=True)) == sorted(
        BagianLkip.Kunci.values)
    riwayat = BagianLkip.history.filter(lkip_id=baru.pk)
    assert riwayat.count() == len(BagianLkip.Kunci.values)
    assert set(riwayat.values_list("history_user__username", flat=True)) == {kantor.perencana.username}

    again = perencana.post(reverse("lkip:baru"), {"tahun": 2031}, follow=True)
    assert f"LKIP {kantor.opd.singkatan} tahun 2031 sudah ada." in " ".join(pesan_dari(again))
    assert Lkip.objects.filter(opd=kantor.opd, tahun=2031).count() == 1
    salah = perencana.post(reverse("lkip:baru"), {"tahun": "dua ribu"}, follow=True)
    assert "Tahun harus berupa angka." in " ".join(pesan_dari(salah))


def test_an_admin_chooses_the_opd_of_a_new_lkip(client, kantor):
    client.force_login(kantor.admin)
    client.post(reverse("lkip:baru"), {"opd": kantor.opd.pk, "tahun": 2032})
    assert Lkip.objects.filter(opd=kantor.opd, tahun=2032).exists()
