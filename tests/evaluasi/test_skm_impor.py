"""SKM respondents imported from the portal's XLSX template: preview, then commit; a bad row imports nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from evaluasi import skm
from evaluasi.ikm import hasil_ikm
from evaluasi.models import SurveiKepuasan


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _berkas(client, survei, baris):
    """The template the portal offers, filled with `baris`."""
    wb = load_workbook(io.BytesIO(client.get(reverse("evaluasi:skm_templat", args=[survei.pk])).content))
    lembar = wb["Responden"]
    for b in baris:
        lembar.append(b)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("skm.xlsx", out.getvalue())


@pytest.fixture
def survei(kantor):
    return skm.survei_buat(opd=kantor.opd, tahun=2025, periode="Semester II", user=kantor.perencana)


def test_the_filled_template_is_previewed_then_saved(client, kantor, survei):
    client.force_login(kantor.perencana)
    url = reverse("evaluasi:skm_impor", args=[survei.pk])
    baris = [["Loket", "P", "SMA", "Wiraswasta", 4, 4, 3, 3, 4, 4, 3, 3, 4],
             ["Loket", "L", "", "", 3, 3, 3, 3, 3, 3, 3, 3, 3],
             ["Panti", "", "", "", 2, 3, 3, 3, 2, 3, 3, 3, 3]]
    teks = client.post(url, {"aksi": "pratinjau", "berkas": _berkas(client, survei, baris)}).content.decode()
    assert "Pratinjau: 3 perubahan" in teks and not survei.responden.exists()
    client.post(url, {"aksi": "simpan"})
    survei.refresh_from_db()
    assert survei.responden.count() == 3 and survei.jumlah_responden == 3
    assert survei.nilai_ikm == hasil_ikm("", survei.responden.all()).ikm
    assert [r.unit_layanan for r in survei.responden.all()] == ["Loket", "Loket", "Panti"]


def test_a_bad_row_imports_nothing_and_names_the_row(client, kantor, survei):
    client.force_login(kantor.perencana)
    url = reverse("evaluasi:skm_impor", args=[survei.pk])
    baris = [["Loket", "P", "", "", 4, 4, 3, 3, 4, 4, 3, 3, 4],
             ["Loket", "X", "", "", 4, 4, 5, 3, 4, 4, 3, 3, "tiga"]]
    teks = client.post(url, {"aksi": "pratinjau", "berkas": _berkas(client, survei, baris)}).content.decode()
    assert "baris 3" in teks and "U3 (Waktu penyelesaian): skor harus 1, 2, 3 atau 4, bukan 5" in teks
    assert "U9" in teks and "Jenis kelamin: isi L atau P" in teks
    assert not survei.responden.exists()


def test_a_survey_recorded_from_a_report_refuses_the_import(client, kantor):
    survei = SurveiKepuasan.objects.create(opd=kantor.opd, tahun=2024, nilai_ikm=Decimal("92.06"))
    wb = Workbook()
    wb.active.title = "Responden"
    out = io.BytesIO()
    wb.save(out)
    client.force_login(kantor.perencana)
    teks = client.post(reverse("evaluasi:skm_impor", args=[survei.pk]),
                       {"aksi": "pratinjau", "berkas": SimpleUploadedFile("x.xlsx", out.getvalue())}).content.decode()
    assert "dicatat dari laporan SKM" in teks
