"""The Perjanjian Kinerja grid: annual and triwulan targets of every IKU, sum check, lock."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Indikator, PerjanjianKinerja, PkIndikator, TargetTriwulan
from tests.factories import IndikatorFactory, RenstraFactory, SasaranFactory, TargetFactory

TAHUN = 2030


@pytest.fixture
def iku(kantor):
    rehab = kantor.unit
    sasaran = SasaranFactory(tujuan__renstra=RenstraFactory(opd=kantor.opd, tahun_awal=TAHUN, tahun_akhir=TAHUN))
    result = []
    for agregasi in (Indikator.Agregasi.JUMLAH, Indikator.Agregasi.NILAI_AKHIR):
        ind = IndikatorFactory(sasaran=sasaran, opd=kantor.opd, penanggung_jawab=rehab, agregasi=agregasi)
        TargetFactory(indikator=ind, tahun=TAHUN, nilai=Decimal(14))
        result.append(ind)
    return result


def url(opd):
    return reverse("indikator:pk", kwargs={"opd": opd.pk, "tahun": TAHUN})


def grid(perjanjian, values):
    data = {"aksi": "simpan", "versi": perjanjian.versi}
    for ind, cells in values.items():
        data.update({f"t{ind.pk}_{tw}": v for tw, v in enumerate(cells)})
    return data


@pytest.fixture
def perjanjian(client, kantor, iku):
    client.force_login(kantor.perencana)
    client.post(url(kantor.opd), {"aksi": "buat"})
    return PerjanjianKinerja.objects.get(opd=kantor.opd, tahun=TAHUN, jenis="murni")


def test_the_grid_lists_every_iku_with_a_target_that_year(client, kantor, iku, perjanjian):
    page = client.get(url(kantor.opd)).content.decode()
    for ind in iku:
        assert ind.nama in page
    assert "belum di PK" in page


def test_it_saves_annual_and_triwulan_targets_typed_with_a_decimal_comma(client, kantor, iku, perjanjian):
    jumlah, akhir = iku
    response = client.post(url(kantor.opd), grid(perjanjian, {
        jumlah: ["14", "1,5", "3,5", "4", "5"], akhir: ["100", "100", "100", "100", "100"]}))
    assert response.status_code == 302
    pk_ind = PkIndikator.objects.get(perjanjian=perjanjian, indikator=jumlah)
    assert pk_ind.nilai == 14
    assert TargetTriwulan.objects.get(pk_indikator=pk_ind, triwulan=1).nilai == Decimal("1.5")


def test_a_sum_indicator_whose_quarters_do_not_add_up_is_flagged_and_cannot_be_set(client, kantor, iku, perjanjian):
    jumlah, akhir = iku
    client.post(url(kantor.opd), grid(perjanjian, {jumlah: ["14", "1", "3", "5", "4"], akhir: ["100"] * 5}))
    page = client.get(url(kantor.opd)).content.decode()
    assert "belum sama dengan target tahunannya" in page
    assert f'class="table-warning" id="pk-{jumlah.pk}"' in page
    perjanjian.refresh_from_db()
    response = client.post(url(kantor.opd), {"aksi": "tetapkan", "versi": perjanjian.versi}, follow=True)
    assert f"Target triwulan belum sama dengan target tahunan: {jumlah.kode}." in response.content.decode()
    perjanjian.refresh_from_db()
    assert perjanjian.status == PerjanjianKinerja.Status.DRAFT


def test_a_pk_set_ditetapkan_is_locked(client, kantor, iku, perjanjian):
    jumlah, akhir = iku
    client.post(url(kantor.opd), grid(perjanjian, {jumlah: ["14", "1", "3", "5", "5"], akhir: ["100"] * 5}))
    perjanjian.refresh_from_db()
    client.post(url(kantor.opd), {"aksi": "tetapkan", "versi": perjanjian.versi})
    perjanjian.refresh_from_db()
    assert perjanjian.status == PerjanjianKinerja.Status.DITETAPKAN
    assert perjanjian.tanggal is not None
    response = client.post(url(kantor.opd), grid(perjanjian, {jumlah: ["20", "5", "5", "5", "5"]}))
    assert response.status_code == 403
    assert PkIndikator.objects.get(perjanjian=perjanjian, indikator=jumlah).nilai == 14
    assert 'name="t' not in client.get(url(kantor.opd)).content.decode()


def test_it_refuses_text_naming_the_cell(client, kantor, iku, perjanjian):
    jumlah, _ = iku
    response = client.post(url(kantor.opd), grid(perjanjian, {jumlah: ["14", "satu", "", "", ""]}))
    assert response.status_code == 422
    assert f"{jumlah.kode} TW I: &#x27;satu&#x27; bukan angka yang sah." in response.content.decode()
    assert not PkIndikator.objects.filter(perjanjian=perjanjian).exists()


def test_the_second_of_two_concurrent_grid_edits_is_refused(client, kantor, iku, perjanjian):
    jumlah, _ = iku
    stale = grid(perjanjian, {jumlah: ["10", "", "", "", ""]})
    client.post(url(kantor.opd), grid(perjanjian, {jumlah: ["14", "", "", "", ""]}))
    response = client.post(url(kantor.opd), stale, follow=True)
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    assert PkIndikator.objects.get(perjanjian=perjanjian, indikator=jumlah).nilai == 14


@pytest.mark.parametrize("size", [2, 10])
def test_the_grid_query_count_does_not_grow(client, kantor, size, django_assert_num_queries):
    sasaran = SasaranFactory(tujuan__renstra=RenstraFactory(opd=kantor.opd, tahun_awal=TAHUN, tahun_akhir=TAHUN))
    perjanjian = PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=TAHUN)
    for _ in range(size):
        ind = IndikatorFactory(sasaran=sasaran, opd=kantor.opd)
        TargetFactory(indikator=ind, tahun=TAHUN)
        pk_ind = PkIndikator.objects.create(perjanjian=perjanjian, indikator=ind, nilai=4)
        TargetTriwulan.objects.create(pk_indikator=pk_ind, triwulan=1, nilai=1)
    client.force_login(kantor.pimpinan)
    # session, user, OPD, PK, its indicators + triwulan prefetch, IKU not in it, nav bar's OPD
    with django_assert_num_queries(8):
        response = client.get(url(kantor.opd))
    assert response.content.decode().count('id="pk-') == size


def test_the_grid_exports_to_xlsx(client, kantor, iku, perjanjian):
    from openpyxl import load_workbook

    jumlah, akhir = iku
    client.post(url(kantor.opd), grid(perjanjian, {jumlah: ["14", "1", "3", "5", "4"], akhir: ["100"] * 5}))
    response = client.get(url(kantor.opd) + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [jumlah.kode, akhir.kode]
    assert rows[0][-1] == -1


def test_a_long_grid_is_paginated_and_each_page_saves_its_own_rows(client, kantor):
    from indikator.models import PerjanjianKinerja, PkIndikator
    from indikator.pk_views import PER_HALAMAN
    from tests.factories import IndikatorFactory, RenstraFactory, SasaranFactory, TargetFactory

    sasaran = SasaranFactory(tujuan__renstra=RenstraFactory(opd=kantor.opd, tahun_awal=TAHUN, tahun_akhir=TAHUN))
    iku = [IndikatorFactory(sasaran=sasaran, opd=kantor.opd, kode=f"P-{n:03d}") for n in range(PER_HALAMAN + 2)]
    for ind in iku:
        TargetFactory(indikator=ind, tahun=TAHUN, nilai=Decimal(4))
    perjanjian = PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=TAHUN)
    client.force_login(kantor.perencana)
    url = reverse("indikator:pk", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN}) + "?jenis=murni&halaman=2"
    page = client.get(url).content.decode()
    assert "Halaman 2 dari 2" in page
    naik = sorted(iku, key=lambda i: i.kode)
    terakhir = naik[-1]
    assert terakhir.kode in page and naik[0].kode not in page
    response = client.post(url, {"aksi": "simpan", "versi": perjanjian.versi, f"t{terakhir.pk}_0": "4",
                                 **{f"t{terakhir.pk}_{tw}": "1" for tw in range(1, 5)}})
    assert response.status_code == 302 and "halaman=2" in response["Location"]
    saved = PkIndikator.objects.get(perjanjian=perjanjian, indikator=terakhir)
    assert saved.nilai == 4
    assert saved.urutan > PER_HALAMAN  # its place in the whole PK, not on its page
    # The first page's rows were not touched by saving the second.
    assert not PkIndikator.objects.filter(perjanjian=perjanjian, indikator=naik[0]).exists()


def test_the_grid_links_to_the_pk_document(client, kantor, iku, perjanjian):
    from django.urls import reverse

    assert reverse("lkip:pk_pdf", args=[perjanjian.pk]) in client.get(url(kantor.opd)).content.decode()
