"""Renstra editing by the perencana: tujuan, sasaran, indikator and its targets per year."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Indikator, Target, Tujuan
from tests.factories import IndikatorFactory, RenstraFactory, SasaranFactory, TargetFactory


@pytest.fixture
def renstra(kantor):
    return RenstraFactory(opd=kantor.opd, tahun_awal=2030, tahun_akhir=2032)


@pytest.fixture
def sasaran(renstra):
    return SasaranFactory(tujuan__renstra=renstra)


def indikator_data(kantor, **extra):
    rehab = kantor.unit
    data = {"kode": "IKU-BARU", "nama": "Persentase PPKS terlayani", "satuan": "%", "formula": "a / b × 100",
            "alasan": "", "sumber_data": "SIKS-NG", "penanggung_jawab": rehab.pk, "is_iku": "on",
            "jenis_nilai": "angka", "polaritas": "positif", "rumus_negatif": "dua_target", "agregasi": "jumlah",
            "target_2030": "12,5", "target_2031": "13", "target_2032": "", "versi": ""}
    data.update(extra)
    return data


def test_the_perencana_adds_an_indicator_with_targets_per_year(client, kantor, sasaran):
    client.force_login(kantor.perencana)
    url = reverse("indikator:indikator_tambah_sasaran", args=[sasaran.pk])
    assert client.post(url, indikator_data(kantor)).status_code == 302
    ind = Indikator.objects.get(opd=kantor.opd, kode="IKU-BARU")
    assert ind.sasaran == sasaran
    assert {t.tahun: t.nilai for t in ind.target.all()} == {2030: Decimal("12.5"), 2031: Decimal(13)}


def test_it_names_the_year_of_a_bad_target_and_a_duplicate_code(client, kantor, sasaran):
    IndikatorFactory(opd=kantor.opd, sasaran=sasaran, kode="IKU-BARU")
    client.force_login(kantor.perencana)
    url = reverse("indikator:indikator_tambah_sasaran", args=[sasaran.pk])
    page = client.post(url, indikator_data(kantor, target_2031="tiga belas")).content.decode()
    assert "Target 2031: &#x27;tiga belas&#x27; bukan angka yang sah." in page
    assert "Kode IKU-BARU sudah dipakai indikator lain di OPD ini." in page


def test_an_emptied_target_is_removed_and_the_change_is_in_the_history(client, kantor, sasaran):
    ind = IndikatorFactory(opd=kantor.opd, sasaran=sasaran, kode="IKU-X")
    TargetFactory(indikator=ind, tahun=2030, nilai=Decimal(10))
    client.force_login(kantor.perencana)
    data = indikator_data(kantor, kode="IKU-X", target_2030="", target_2031="11", versi=ind.versi)
    assert client.post(reverse("indikator:indikator_ubah", args=[ind.pk]), data).status_code == 302
    assert list(Target.objects.filter(indikator=ind).values_list("tahun", flat=True)) == [2031]
    ind.refresh_from_db()
    assert ind.history.first().history_user == kantor.perencana
    assert ind.history.first().prev_record.nama != ind.nama


def test_the_second_of_two_concurrent_indicator_edits_is_refused(client, kantor, sasaran):
    ind = IndikatorFactory(opd=kantor.opd, sasaran=sasaran, kode="IKU-X")
    client.force_login(kantor.perencana)
    url = reverse("indikator:indikator_ubah", args=[ind.pk])
    client.post(url, indikator_data(kantor, kode="IKU-X", nama="Versi pertama", versi=ind.versi))
    response = client.post(url, indikator_data(kantor, kode="IKU-X", nama="Versi kedua", versi=ind.versi),
                           follow=True)
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    ind.refresh_from_db()
    assert ind.nama == "Versi pertama"


def test_tujuan_and_sasaran_are_added_and_edited(client, kantor, renstra):
    client.force_login(kantor.perencana)
    client.post(reverse("indikator:tujuan_tambah", args=[renstra.pk]),
                {"urutan": 1, "uraian": "Meningkatkan kesejahteraan sosial", "versi": ""})
    tujuan = Tujuan.objects.get(renstra=renstra)
    client.post(reverse("indikator:sasaran_tambah", args=[tujuan.pk]),
                {"urutan": 1, "uraian": "PPKS mandiri", "versi": ""})
    sasaran = tujuan.sasaran.get()
    client.post(reverse("indikator:sasaran_ubah", args=[sasaran.pk]),
                {"urutan": 1, "uraian": "PPKS yang mandiri meningkat", "versi": sasaran.versi})
    sasaran.refresh_from_db()
    assert sasaran.uraian == "PPKS yang mandiri meningkat"


@pytest.mark.parametrize("size", [2, 8])
def test_the_renstra_page_query_count_does_not_grow(client, kantor, renstra, size, django_assert_num_queries):
    for _ in range(size):
        sasaran = SasaranFactory(tujuan__renstra=renstra)
        ind = IndikatorFactory(opd=renstra.opd, sasaran=sasaran)
        TargetFactory(indikator=ind, tahun=2030)
        ind = IndikatorFactory(opd=renstra.opd, sasaran=None, tujuan=sasaran.tujuan)
        TargetFactory(indikator=ind, tahun=2031)
    client.force_login(kantor.pimpinan)
    # session, user, Renstra, tujuan, their indicators + targets, sasaran, programs,
    # sasaran indicators + targets, nav bar's OPD
    with django_assert_num_queries(11):
        response = client.get(reverse("indikator:renstra_detail", args=[renstra.pk]))
    assert "/ubah/" not in response.content.decode()
    assert response.content.decode().count("/riwayat/") == 2 * size
    assert response.content.decode().count("<td class=\"text-nowrap small\">") == 2 * size


def test_the_renstra_exports_every_indicator_to_xlsx(client, kantor, renstra):
    from openpyxl import load_workbook

    for _ in range(3):
        IndikatorFactory(opd=renstra.opd, sasaran=SasaranFactory(tujuan__renstra=renstra))
    client.force_login(kantor.evaluator)
    response = client.get(reverse("indikator:renstra_detail", args=[renstra.pk]) + "?format=xlsx")
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 4


def test_the_renstra_list_exports_every_period_to_xlsx(client, kantor, renstra):
    from openpyxl import load_workbook

    from indikator.models import Renstra

    client.force_login(kantor.pimpinan)
    response = client.get(reverse("indikator:renstra_list", args=[renstra.opd_id]) + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert sorted(rows) == sorted(Renstra.objects.filter(opd=renstra.opd_id).values_list(
        "nama", "tahun_awal", "tahun_akhir"))
