"""Budget pages: the DPA of a year with serapan per level, and a line's quarters."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anggaran.models import AnggaranKas, DpaSubKegiatan, RealisasiAnggaran
from portal.models import JendelaInput
from tests.factories import AnggaranKasFactory, DpaFactory, RealisasiAnggaranFactory

TAHUN = 2030


@pytest.fixture
def dpa(kantor):
    line = DpaFactory(opd=kantor.opd, tahun=TAHUN, pagu_murni=Decimal(900_000), pagu_perubahan=Decimal(1_000_000),
                      unit_kerja=kantor.unit)
    for tw, jumlah in enumerate([100_000, 200_000, 300_000, 400_000], start=1):
        AnggaranKasFactory(dpa=line, triwulan=tw, jumlah=Decimal(jumlah))
    for tw in range(1, 5):
        JendelaInput.objects.create(tahun=TAHUN, triwulan=tw)
    return line


def detail(dpa):
    return reverse("anggaran:dpa_detail", args=[dpa.pk])


def kas_data(dpa, kas=("100.000", "200.000", "300.000", "400.000"), realisasi=("", "", "", "")):
    data = {"aksi": "triwulan", "versi": dpa.versi}
    data.update({f"kas_{tw}": v for tw, v in enumerate(kas, start=1)})
    data.update({f"realisasi_{tw}": v for tw, v in enumerate(realisasi, start=1)})
    return data


def test_the_list_shows_serapan_per_program_kegiatan_and_sub_kegiatan(client, kantor, dpa):
    RealisasiAnggaranFactory(dpa=dpa, triwulan=1, jumlah=Decimal(85_620))
    client.force_login(kantor.pimpinan)
    page = client.get(reverse("anggaran:dpa_list", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})).content.decode()
    # 85.620 / 1.000.000 = 8,56 % on the sub-kegiatan, its kegiatan, its program and the OPD.
    assert page.count(">8,56<") == 3
    assert "8,56%" in page
    assert "1.000.000" in page


@pytest.mark.parametrize("size", [2, 10])
def test_the_list_query_count_does_not_grow_with_the_lines(client, kantor, size, django_assert_num_queries):
    for _ in range(size):
        line = DpaFactory(opd=kantor.opd, tahun=TAHUN)
        AnggaranKasFactory(dpa=line, triwulan=1)
        RealisasiAnggaranFactory(dpa=line, triwulan=1)
    client.force_login(kantor.perencana)
    url = reverse("anggaran:dpa_list", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})
    # session, user, OPD, the 4 queries of anggaran_opd, the years, the nav bar's OPD
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count("/anggaran/dpa/") == size


def test_the_list_exports_every_row_to_xlsx_not_only_the_page(client, kantor):
    from openpyxl import load_workbook

    for _ in range(60):
        DpaFactory(opd=kantor.opd, tahun=TAHUN)
    client.force_login(kantor.perencana)
    response = client.get(reverse("anggaran:dpa_list", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN}) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    sub_rows = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "Sub kegiatan"]
    assert len(sub_rows) == 60
    assert sheet.cell(row=2, column=1).value == "Perangkat daerah"


def test_anggaran_kas_must_add_up_to_the_pagu(client, kantor, dpa):
    client.force_login(kantor.perencana)
    response = client.post(detail(dpa), kas_data(dpa, kas=("100.000", "200.000", "300.000", "300.000")))
    assert response.status_code == 422
    assert "tidak sama dengan pagu Rp 1.000.000 (selisih Rp -100.000)" in response.content.decode()
    assert AnggaranKas.objects.get(dpa=dpa, triwulan=4).jumlah == Decimal(400_000)


def test_it_refuses_negative_money_and_text_naming_the_field(client, kantor, dpa):
    client.force_login(kantor.perencana)
    response = client.post(detail(dpa), kas_data(dpa, realisasi=("-5", "sepuluh", "", "")))
    page = response.content.decode()
    assert "Realisasi TW I: jumlah uang tidak boleh negatif." in page
    assert "Realisasi TW II: &#x27;sepuluh&#x27; bukan angka yang sah." in page
    assert not RealisasiAnggaran.objects.filter(dpa=dpa).exists()


def test_the_unit_operator_enters_realisasi_and_a_blank_stays_absent(client, kantor, dpa):
    client.force_login(kantor.operator)
    data = {"aksi": "triwulan", "versi": dpa.versi, "realisasi_1": "95.000,50", "realisasi_2": "",
            "realisasi_3": "", "realisasi_4": ""}
    assert client.post(detail(dpa), data).status_code == 302
    assert RealisasiAnggaran.objects.get(dpa=dpa, triwulan=1).jumlah == Decimal("95000.50")
    assert not RealisasiAnggaran.objects.filter(dpa=dpa, triwulan=2).exists()
    # The operator cannot change anggaran kas or the pagu.
    data = {"aksi": "pagu", "versi": dpa.versi, "pagu_perubahan": "5"}
    assert client.post(detail(dpa), data).status_code == 403


def test_outside_its_input_window_a_triwulans_realisasi_anggaran_is_read_only(client, kantor, dpa):
    JendelaInput.objects.filter(tahun=TAHUN, triwulan=1).update(dibuka=False)
    RealisasiAnggaranFactory(dpa=dpa, triwulan=1, jumlah=Decimal(50_000))
    client.force_login(kantor.operator)
    page = client.get(detail(dpa)).content.decode()
    assert 'name="realisasi_1"' in page and "Pengisian ditutup." in page
    data = {"aksi": "triwulan", "versi": dpa.versi, "realisasi_1": "999", "realisasi_2": "75.000",
            "realisasi_3": "", "realisasi_4": ""}
    assert client.post(detail(dpa), data).status_code == 302
    # The closed TW I keeps its figure (the posted one is ignored); the open TW II is saved.
    assert RealisasiAnggaran.objects.get(dpa=dpa, triwulan=1).jumlah == Decimal(50_000)
    assert RealisasiAnggaran.objects.get(dpa=dpa, triwulan=2).jumlah == Decimal(75_000)
    # The perencana plans anggaran kas whatever the window; the admin, who opens windows, is never shut out.
    client.force_login(kantor.admin)
    data["realisasi_1"] = "60.000"
    data["versi"] = DpaSubKegiatan.objects.get(pk=dpa.pk).versi
    client.post(detail(dpa), data)
    assert RealisasiAnggaran.objects.get(dpa=dpa, triwulan=1).jumlah == Decimal(60_000)


def test_with_every_triwulan_closed_the_unit_only_reads_the_line(client, kantor, dpa):
    JendelaInput.objects.filter(tahun=TAHUN).update(dibuka=False)
    client.force_login(kantor.operator)
    page = client.get(detail(dpa)).content.decode()
    assert 'name="realisasi_1"' not in page
    assert "Anda hanya dapat membaca baris ini." in page
    data = {"aksi": "triwulan", "versi": dpa.versi, "realisasi_2": "75.000"}
    assert client.post(detail(dpa), data).status_code == 403
    assert not RealisasiAnggaran.objects.filter(dpa=dpa).exists()


def test_the_second_of_two_concurrent_edits_is_refused(client, kantor, dpa):
    client.force_login(kantor.perencana)
    stale = dpa.versi
    client.post(detail(dpa), kas_data(dpa, realisasi=("10", "", "", "")))
    response = client.post(detail(dpa), {**kas_data(dpa, realisasi=("20", "", "", "")), "versi": stale},
                           follow=True)
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    assert RealisasiAnggaran.objects.get(dpa=dpa, triwulan=1).jumlah == Decimal(10)


def test_the_perencana_changes_the_pagu_and_it_is_in_the_history(client, kantor, dpa):
    client.force_login(kantor.perencana)
    data = {"aksi": "pagu", "versi": dpa.versi, "pagu_murni": "900.000", "pagu_perubahan": "1.200.000",
            "sumber_dana": "DAU", "lokasi": "Kota Bekasi", "unit_kerja": dpa.unit_kerja_id}
    assert client.post(detail(dpa), data).status_code == 302
    dpa.refresh_from_db()
    assert dpa.pagu_perubahan == Decimal(1_200_000)
    latest = dpa.history.first()
    assert latest.history_user == kantor.perencana
    assert latest.prev_record.pagu_perubahan == Decimal(1_000_000)


def test_a_dpa_line_of_another_opd_answers_404(client, kantor):
    other = DpaFactory(tahun=TAHUN)
    client.force_login(kantor.perencana)
    assert client.get(detail(other)).status_code == 404
    assert DpaSubKegiatan.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("url_name", ["anggaran:indeks", "indikator:indeks", "indikator:renstra_indeks",
                                      "indikator:pk_indeks"])
def test_the_opd_chooser_is_paginated_and_exports_every_opd(client, kantor, url_name):
    from portal.halaman import PER_HALAMAN
    from portal.models import PerangkatDaerah
    from tests.factories import PerangkatDaerahFactory

    PerangkatDaerahFactory.create_batch(max(0, PER_HALAMAN + 1 - PerangkatDaerah.objects.count()))
    jumlah = PerangkatDaerah.objects.count()
    client.force_login(kantor.evaluator)
    page = client.get(reverse(url_name)).content.decode()
    assert f"Halaman 1 dari {-(-jumlah // PER_HALAMAN)}" in page
    response = client.get(reverse(url_name) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row - 1 == jumlah


def test_the_page_links_keep_the_other_query_parameters(client, kantor):
    """Paging a history opened from a unit page keeps its way back (?kembali=)."""
    dpa = DpaFactory(opd=kantor.opd, tahun=2030, pagu_perubahan=Decimal(1000))
    for n in range(60):  # more history entries than a page holds
        dpa.lokasi = f"Lokasi {n}"
        dpa.save()
    client.force_login(kantor.perencana)
    page = client.get(reverse("anggaran:dpa_riwayat", args=[dpa.pk]) + "?kembali=/x/").content.decode()
    assert "?kembali=%2Fx%2F&amp;halaman=2" in page


def test_an_operator_sees_only_its_units_dpa_lines(client, kantor):
    """DESIGN.md: for operators every query is scoped to the unit kerja, not only the OPD."""
    from anggaran.models import DpaSubKegiatan
    from anggaran.rekap import anggaran_opd

    operator = kantor.operator
    for unit, pagu in ((kantor.unit, 400), (kantor.unit, 500), (kantor.unit_lain, 700), (None, 900)):
        DpaFactory(opd=kantor.opd, tahun=2023, unit_kerja=unit, pagu_perubahan=Decimal(pagu))
    milik = DpaSubKegiatan.objects.filter(opd=kantor.opd, tahun=2023, unit_kerja=operator.unit_kerja)
    lain = DpaSubKegiatan.objects.filter(opd=kantor.opd, tahun=2023).exclude(unit_kerja=operator.unit_kerja).first()
    assert milik.count() == 2 and lain is not None
    client.force_login(operator)
    assert client.get(reverse("anggaran:dpa_detail", args=[lain.pk])).status_code == 404
    assert client.get(reverse("anggaran:dpa_riwayat", args=[lain.pk])).status_code == 404
    assert client.get(reverse("anggaran:dpa_detail", args=[milik.first().pk])).status_code == 200
    page = client.get(reverse("anggaran:dpa_list", kwargs={"opd": kantor.opd.pk, "tahun": 2023}))
    tree = page.context["total"]
    assert {r.dpa.pk for r in tree.iter_rows() if r.dpa} == set(milik.values_list("pk", flat=True))
    assert tree.pagu == sum(d.pagu_perubahan for d in milik)
    assert anggaran_opd(kantor.opd, 2023).pagu > tree.pagu
