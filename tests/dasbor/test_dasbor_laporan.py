"""Laporan singkat pimpinan: the dashboard's position on one or two A4 pages, from the same context."""

import datetime
import io
import re

import time_machine
from django.urls import reverse

from indikator.models import Indikator
from indikator.pengukuran import capaian_indikator
from portal.angka import format_persen
from portal.models import User
from tests.dasbor.conftest import TAHUN_KOTA
from tests.factories import UserFactory

TAHUN = TAHUN_KOTA
SESUDAH_TW3 = datetime.datetime(TAHUN, 10, 15, 9, tzinfo=datetime.UTC)


def _teks(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _bagian(html, awal, akhir):
    return _teks(html.split(awal)[1].split(akhir)[0])


def test_the_briefing_shows_the_figures_of_the_dashboard_page(client, gen):
    client.force_login(UserFactory(role=User.Role.PIMPINAN, opd=gen))
    with time_machine.travel(SESUDAH_TW3):
        halaman = client.get(reverse("dasbor:opd") + f"?tahun={TAHUN}").content.decode()
        laporan = client.get(reverse("dasbor:laporan") + f"?tahun={TAHUN}&format=html").content.decode()
    ikus = capaian_indikator(Indikator.objects.filter(opd=gen, is_iku=True), TAHUN, 3)
    assert ikus
    for r in ikus:
        kartu = _bagian(laporan, f'data-iku="{r.indikator.kode}"', "</article>")
        assert kartu == _bagian(halaman, f'data-iku="{r.indikator.kode}"', "</article>")
        assert r.indikator.nama in kartu
        if r.capaian is not None:
            assert format_persen(r.capaian) in kartu
    for awal, akhir in (('id="perhatian"', "</ol>"), ('id="ringkas-anggaran"', 'id="unit-terlambat"'),
                        ('id="unit-terlambat"', "</ul>")):
        assert _bagian(laporan, awal, akhir) == _bagian(halaman, awal, akhir)
    assert "Tertinggal Rp" in _bagian(laporan, 'id="ringkas-anggaran"', 'id="unit-terlambat"')
    jejak = _bagian(laporan, 'id="jejak"', "</div>")
    assert "15 Oktober 2026" in jejak and re.search(r"bersidik [0-9a-f]{12}", jejak)


def test_the_same_data_gives_the_same_fingerprint_and_a_change_another(client, gen):
    from indikator.models import Realisasi

    client.force_login(UserFactory(role=User.Role.PIMPINAN, opd=gen))
    url = reverse("dasbor:laporan") + f"?tahun={TAHUN}&format=html"

    def sidik():
        with time_machine.travel(SESUDAH_TW3):
            return re.search(r"bersidik ([0-9a-f]{12})", client.get(url).content.decode()).group(1)

    pertama = sidik()
    assert sidik() == pertama
    iku = Indikator.objects.filter(opd=gen, is_iku=True, agregasi=Indikator.Agregasi.NILAI_AKHIR).first()
    Realisasi.objects.filter(indikator=iku, tahun=TAHUN, triwulan=3).update(nilai=1, pembilang=None, penyebut=None)
    assert sidik() != pertama


def test_the_briefing_is_a_pdf_of_one_or_two_a4_pages(client, users):
    from pypdf import PdfReader

    client.force_login(users["pimpinan"])
    response = client.get(reverse("dasbor:laporan") + "?tahun=2024")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "laporan-pimpinan-DINSOS-2024" in response["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(pdf.pages) <= 2
    lebar, tinggi = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert round(lebar / 72 * 25.4) == 210 and round(tinggi / 72 * 25.4) == 297
    teks = " ".join(p.extract_text() for p in pdf.pages)
    assert "Laporan singkat pimpinan" in teks and "242,83" in teks


def test_the_briefing_of_another_opd_answers_404(client, users):
    other = users["perencana_lain"].opd
    client.force_login(users["pimpinan"])
    assert client.get(reverse("dasbor:laporan") + f"?opd={other.pk}").status_code == 404
