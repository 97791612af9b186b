"""The Renja is frozen on Penetapan as the LKIP is on publishing: its PDF and SHA-256 in the one document store,
verifiable on the public page, and the stored file serves every download afterwards."""

import hashlib

import pytest
from django.urls import reverse

from evaluasi.models import KomponenAkip
from portal.models import BerkasDokumen
from renja.models import Renja


@pytest.fixture
def renja(demo):
    return Renja.objects.get(opd=demo, tahun=2026)


@pytest.fixture
def dibuat(monkeypatch):
    """Each render returns bytes of its own HTML, so a changed document gives another file and hash."""
    html_list = []

    def buat(html):
        html_list.append(html)
        return b"%PDF-1.4 " + hashlib.sha256(html.encode()).hexdigest().encode()

    monkeypatch.setattr("renja.services.html_to_pdf", buat)
    return html_list


def _tetapkan(client, users, renja):
    client.force_login(users["perencana"])
    return client.post(reverse("renja:tahap", args=[renja.pk]),
                       {"tahap": "penetapan", "versi_dibaca": renja.versi, "keterangan": "ditetapkan"})


def test_penetapan_freezes_the_pdf_with_its_sha256(client, users, renja, dibuat):
    assert _tetapkan(client, users, renja).status_code == 302
    renja.refresh_from_db()
    assert renja.tahap == Renja.Tahap.PENETAPAN
    beku = BerkasDokumen.objects.get(jenis=BerkasDokumen.Jenis.RENJA, opd=renja.opd, tahun=2026,
                                     dibekukan_pada__isnull=False)
    data = beku.baca()
    assert beku.sidik_berkas == hashlib.sha256(data).hexdigest()
    assert beku.dibekukan_oleh == users["perencana"]
    assert len(dibuat) == 1


def test_the_frozen_renja_is_verified_on_the_public_page(client, users, renja, dibuat):
    _tetapkan(client, users, renja)
    beku = BerkasDokumen.objects.beku().get(jenis=BerkasDokumen.Jenis.RENJA, opd=renja.opd)
    client.logout()
    page = client.get(reverse("lkip:verifikasi"), {"sha256": beku.sidik_berkas}).content.decode()
    assert "Terverifikasi" in page and renja.opd.nama in page and "tahun 2026" in page
    unduh = client.get(reverse("lkip:verifikasi_pdf", args=[beku.sidik_berkas]))
    assert b"".join(unduh.streaming_content if unduh.streaming else [unduh.content]) == beku.baca()
    salah = client.get(reverse("lkip:verifikasi"), {"sha256": "0" * 64}).content.decode()
    assert "Tidak ditemukan" in salah


def test_every_download_after_penetapan_is_the_frozen_file_even_when_n2_records_change(
        client, users, renja, dibuat):
    _tetapkan(client, users, renja)
    beku = BerkasDokumen.objects.beku().get(jenis=BerkasDokumen.Jenis.RENJA, opd=renja.opd)
    # §2.2 reads the LHE of n-2: a corrected component changes the document's HTML, not the Renja as set.
    komponen = KomponenAkip.objects.filter(evaluasi__opd=renja.opd, evaluasi__tahun_lhe=2024).first()
    komponen.nilai -= 1
    komponen.save()
    for _ in range(2):
        response = client.get(reverse("renja:pdf", args=[renja.pk]))
        assert response.status_code == 200 and response.content == beku.baca()
    assert len(dibuat) == 1
    detail = client.get(reverse("renja:detail", args=[renja.pk])).content.decode()
    assert beku.sidik_berkas in detail
