"""Evidence is checked by opening it: a whole readable PDF with pages and nothing active, or a whole image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from indikator.models import Realisasi
from portal.models import JendelaInput
from tests import berkas
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit, isian, simpan_url

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 2000 + b"This program cannot be run"


@pytest.fixture
def indikator(kantor):
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    return indikator_unit(kantor.opd, kantor.unit)


def _unggah(client, kantor, indikator, name, content):
    client.force_login(kantor.operator)
    data = isian(indikator, "5")
    data[f"r{indikator.pk}-bukti"] = SimpleUploadedFile(name, content)
    return client.post(simpan_url(indikator), data)


@pytest.mark.parametrize(("content", "message"), [
    (b"%PDF-1.7\n" + EXE, "Berkas PDF tidak utuh atau berisi data lain setelah akhir dokumen"),
    (b"%PDF-1.7\n" + EXE + b"\n%%EOF\n", "Berkas PDF rusak atau tidak dapat dibaca"),
    (berkas.pdf_biasa() + EXE, "berisi data lain setelah akhir dokumen"),
    (berkas.pdf_terenkripsi(), "PDF ini terkunci (terenkripsi atau berkata sandi)"),
    (berkas.pdf_javascript(), "PDF berisi skrip (JavaScript)"),
    (berkas.pdf_javascript_tersamar(), "PDF berisi skrip (JavaScript)"),
    (berkas.pdf_launch(), "perintah yang menjalankan program"),
    (berkas.pdf_lampiran(), "PDF berisi berkas lain yang dilampirkan di dalamnya"),
])
def test_a_pdf_that_is_not_a_plain_whole_document_is_refused(client, kantor, indikator, content, message):
    response = _unggah(client, kantor, indikator, "bukti.pdf", content)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Realisasi.objects.filter(indikator=indikator).exists()


def test_a_pdf_without_pages_is_refused(client, kantor, indikator):
    response = _unggah(client, kantor, indikator, "bukti.pdf", berkas.pdf_tanpa_halaman())
    assert response.status_code == 422
    assert "PDF ini tidak memiliki halaman." in response.content.decode()


def test_a_pdf_with_only_a_header_and_trailer_is_refused(client, kantor, indikator):
    response = _unggah(client, kantor, indikator, "bukti.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert response.status_code == 422
    assert "Berkas PDF rusak atau tidak dapat dibaca" in response.content.decode()


def test_a_plain_pdf_is_kept(client, kantor, indikator):
    assert _unggah(client, kantor, indikator, "bukti.pdf", berkas.pdf_biasa()).status_code == 302
    assert Realisasi.objects.get(indikator=indikator).bukti


def _gambar(format_, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=format_)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("foto.jpg", _gambar("JPEG")[:300], "Gambar bukti dukung rusak"),  # a cut-off photo: its header is fine
    ("foto.png", _gambar("PNG")[:-30], "Gambar bukti dukung rusak"),
    ("foto.jpg", b"\xff\xd8\xff\xe0" + EXE, "Gambar bukti dukung rusak"),
])
def test_an_image_that_does_not_decode_whole_is_refused(client, kantor, indikator, name, content, message):
    response = _unggah(client, kantor, indikator, name, content)
    assert response.status_code == 422
    assert message in response.content.decode()


def test_a_whole_photo_is_kept(client, kantor, indikator):
    assert _unggah(client, kantor, indikator, "foto.jpg", _gambar("JPEG")).status_code == 302
