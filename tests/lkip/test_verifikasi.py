"""The LKIP in the browser: verifying a published version by its SHA-256 or by the uploaded PDF.

A full render of the LKIP takes seconds, so html_to_pdf is replaced by a fake (tests/lkip/conftest.py)
that returns a small valid PDF per HTML and counts its calls."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lkip import forms as lkip_forms
from tests.lkip.bangun import isi_halaman, pdf_kecil

pytestmark = pytest.mark.usefixtures("media")


def test_anyone_verifies_a_version_by_its_hash_and_downloads_that_exact_pdf(client, versi):
    url = reverse("lkip:verifikasi")
    found = client.get(url, {"sha256": versi.sha256.upper()})
    assert found.context["versi"] == versi
    assert "Terverifikasi" in isi_halaman(found)
    unduh = client.get(reverse("lkip:verifikasi_pdf", args=[versi.sha256]))
    assert hashlib.sha256(b"".join(unduh.streaming_content)).hexdigest() == versi.sha256

    missing = client.get(url, {"sha256": "0" * 64})
    assert missing.context["versi"] is None and "Tidak ditemukan" in isi_halaman(missing)
    assert client.get(reverse("lkip:verifikasi_pdf", args=["0" * 64])).status_code == 404


@pytest.mark.parametrize("salah", ["abc", "g" * 64, "0" * 63, "0" * 65])
def test_a_hash_that_is_not_64_hex_digits_is_refused(client, salah):
    response = client.get(reverse("lkip:verifikasi"), {"sha256": salah})
    assert "SHA-256 harus 64 karakter heksadesimal" in isi_halaman(response)
    assert response.context["sha256"] is None


def test_an_uploaded_pdf_is_verified_by_its_content(client, versi):
    data = versi.berkas.open("rb").read()
    url = reverse("lkip:verifikasi")
    found = client.post(url, {"berkas": SimpleUploadedFile("nama-apa-saja.bin", data)})
    assert found.context["versi"] == versi
    ubah = client.post(url, {"berkas": SimpleUploadedFile("lkip.pdf", data + b"\n% diubah\n")})
    assert ubah.context["versi"] is None and "Tidak ditemukan" in isi_halaman(ubah)


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(client, monkeypatch):
    monkeypatch.setattr("lkip.views.UKURAN_MAKS_VERIFIKASI", 0)
    response = client.post(reverse("lkip:verifikasi"),
                           {"berkas": SimpleUploadedFile("lkip.pdf", b"%PDF-" + b"0" * 70 * 1024)})
    assert response.status_code == 413
    assert "Berkas terlalu besar" in isi_halaman(response)


def test_an_upload_that_is_not_a_pdf_or_too_large_is_refused(client, monkeypatch):
    url = reverse("lkip:verifikasi")
    palsu = client.post(url, {"berkas": SimpleUploadedFile("lkip.pdf", b"<html>bukan pdf</html>",
                                                           content_type="application/pdf")})
    assert "Berkas bukan PDF." in isi_halaman(palsu)
    monkeypatch.setattr(lkip_forms, "UKURAN_MAKS_VERIFIKASI", 100)
    besar = client.post(url, {"berkas": SimpleUploadedFile("lkip.pdf", pdf_kecil("besar"))})
    assert "Berkas terlalu besar" in isi_halaman(besar)
    kosong = client.post(url, {})
    assert "Masukkan SHA-256 atau pilih berkas PDF." in isi_halaman(kosong)
