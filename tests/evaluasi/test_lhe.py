"""The LHE: issued on approval as a PDF frozen with its SHA-256; render_lhe and the download give those bytes."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from evaluasi import services
from evaluasi.lhe import lhe_html
from evaluasi.models import JawabanLke, PenilaianLke, PilihanJawaban
from tests.factories import UserFactory

TAHUN = 2025


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _isi(penilaian, user, sisi, kode, catatan=""):
    pilihan = PilihanJawaban.objects.get(skala__kode="bertingkat", kode=kode)
    for k in penilaian.lke.struktur():
        isian = []
        for s in k.sub.all():
            for kr in s.kriteria.all():
                j = JawabanLke.objects.filter(penilaian=penilaian, kriteria=kr).first()
                isian.append((kr, {"jawaban": pilihan, "catatan": catatan if kr.nomor == 1 else "", "tautan": "",
                                   "versi": j.versi if j else None}))
        services.jawaban_simpan(penilaian=penilaian, user=user, sisi=sisi, isian=isian)


@pytest.fixture
def final(kantor):
    penilaian = services.penilaian_mulai(opd=kantor.opd, tahun=TAHUN, user=kantor.perencana)[0]
    _isi(penilaian, kantor.perencana, services.USULAN, "A")
    services.penilaian_ajukan(penilaian=penilaian, user=kantor.perencana, versi=penilaian.versi)
    _isi(penilaian, kantor.evaluator, services.EVALUATOR, "BB", catatan="Pedoman belum ditetapkan.")
    services.rekomendasi_simpan(penilaian=penilaian, user=kantor.evaluator, versi=penilaian.versi,
                                teks="Tetapkan pedoman teknis.\n\nReviu LKIP sebelum terbit.")
    services.penilaian_selesai_dinilai(penilaian=penilaian, user=kantor.evaluator, versi=penilaian.versi)
    reviewer = UserFactory(username="reviewer-lhe", role=kantor.evaluator.role, opd=None)
    services.penilaian_setujui(penilaian=penilaian, user=reviewer, versi=penilaian.versi, nomor_lhe="700/5-LHE",
                               penandatangan_nama="Inspektur Uji", penandatangan_nip="197001011995031001")
    penilaian.refresh_from_db()
    return penilaian


def test_the_approval_issues_the_lhe_frozen_with_its_sha256(final):
    data = final.lhe_pdf.read()
    assert hashlib.sha256(data).hexdigest() == final.lhe_sha256
    teks = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    hasil = final.hasil(services.EVALUATOR)
    for h in hasil.komponen:
        assert f"{h.nilai:.2f}".replace(".", ",") in teks
    assert f"{hasil.total:.2f}".replace(".", ",") in teks and hasil.predikat.predikat in teks
    assert "700/5-LHE" in teks and "197001011995031001" in teks and "Inspektur Uji" in teks
    assert "Tetapkan pedoman teknis." in teks and "Pedoman belum ditetapkan." in teks
    assert "Halaman 1" in teks
    assert final.history.filter(history_change_reason__contains=final.lhe_sha256).exists()


def test_an_issued_lhe_does_not_change_when_the_data_does(final):
    sebelum = final.lhe_sha256
    final.rekomendasi.update(uraian="diubah di admin")
    assert "diubah di admin" in lhe_html(final)
    out = io.BytesIO()
    from evaluasi.lhe import lhe_pdf

    out.write(lhe_pdf(final))
    assert hashlib.sha256(out.getvalue()).hexdigest() == sebelum


def test_render_lhe_writes_the_issued_pdf(final, tmp_path):
    out = tmp_path / "lhe.pdf"
    call_command("render_lhe", "--opd", final.opd.singkatan, "--tahun", str(TAHUN), "--out", str(out))
    assert hashlib.sha256(out.read_bytes()).hexdigest() == final.lhe_sha256


def test_render_lhe_refuses_an_evaluation_that_is_not_final(kantor, tmp_path):
    services.penilaian_mulai(opd=kantor.opd, tahun=TAHUN, user=kantor.perencana)
    with pytest.raises(CommandError, match="belum final"):
        call_command("render_lhe", "--opd", kantor.opd.singkatan, "--tahun", str(TAHUN),
                     "--out", str(tmp_path / "x.pdf"))


def test_the_download_is_the_frozen_pdf(client, kantor, final):
    client.force_login(kantor.pimpinan)
    response = client.get(reverse("evaluasi:lhe", args=[final.pk]))
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == final.lhe_sha256
    assert final.status == PenilaianLke.Status.FINAL


def test_an_lhe_whose_render_failed_at_approval_is_issued_from_its_page(client, kantor, final):
    final.lhe_pdf, final.lhe_sha256 = "", ""
    final.save()
    client.force_login(kantor.perencana)
    assert client.post(reverse("evaluasi:aksi", args=[final.pk, "terbitkan"]),
                       {"versi": final.versi}).status_code == 403
    client.force_login(kantor.evaluator)
    client.post(reverse("evaluasi:aksi", args=[final.pk, "terbitkan"]), {"versi": final.versi})
    final.refresh_from_db()
    assert final.lhe_pdf and hashlib.sha256(final.lhe_pdf.read()).hexdigest() == final.lhe_sha256
    response = client.post(reverse("evaluasi:aksi", args=[final.pk, "terbitkan"]), {"versi": final.versi},
                           follow=True)
    assert "LHE diterbitkan sekali" in response.content.decode()


def test_anyone_verifies_an_issued_lhe_on_the_public_page_by_its_sha256(client, final):
    page = client.get(reverse("lkip:verifikasi"), {"sha256": final.lhe_sha256}).content.decode()
    assert "Terverifikasi" in page and "Laporan Hasil Evaluasi AKIP" in page and final.opd.nama in page
    unduh = client.get(reverse("lkip:verifikasi_pdf", args=[final.lhe_sha256]))
    assert hashlib.sha256(b"".join(unduh.streaming_content)).hexdigest() == final.lhe_sha256
    lain = "0" * 64
    assert "Tidak ditemukan" in client.get(reverse("lkip:verifikasi"), {"sha256": lain}).content.decode()
    assert client.get(reverse("lkip:verifikasi_pdf", args=[lain])).status_code == 404
