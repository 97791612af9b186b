"""End to end in headless Chromium: self-assessment → evaluator → second reviewer → LHE → the AKIP IKU's realisasi.

The worksheet has 80 criteria; the browser fills the two this test is about
(one pre-filled from the Renstra and confirmed, one answered by hand) on each
side, and the other 78 are answered beforehand through the same service the
page calls (evaluasi.services.jawaban_simpan).
"""

import hashlib
from pathlib import Path

import pytest
from django.urls import reverse

from evaluasi import services
from evaluasi.models import JawabanLke, PenilaianLke, PilihanJawaban
from indikator.models import Realisasi
from portal.angka import format_angka
from tests.e2e.conftest import browser  # noqa: F401  (the fixture)
from tests.e2e.peramban import WAJIB_CHROMIUM, login, shot
from tests.factories import UserFactory

TAHUN = 2025  # its LHE is dated 2026, a year of the demo's Renstra 2024–2026
DI_BROWSER = {"1.1.1", "1.1.3"}

pytestmark = [pytest.mark.e2e, WAJIB_CHROMIUM]


def _isi_lainnya(penilaian, user, sisi, kode):
    pilihan = PilihanJawaban.objects.get(skala__kode="bertingkat", kode=kode)
    isian = []
    for k in penilaian.lke.struktur():
        for s in k.sub.all():
            for kr in s.kriteria.all():
                if kr.kode not in DI_BROWSER:
                    j = JawabanLke.objects.filter(penilaian=penilaian, kriteria=kr).first()
                    isian.append((kr, {"jawaban": pilihan, "catatan": "", "tautan": "",
                                       "versi": j.versi if j else None}))
    services.jawaban_simpan(penilaian=penilaian, user=user, sisi=sisi, isian=isian)


def _baris(page, kode):
    return page.locator(f'[id="kriteria-{kode}"]')


@pytest.mark.django_db(transaction=True)
def test_an_opd_and_its_inspektorat_run_the_evaluation_to_the_lhe_and_the_iku(
    browser, live_server, users, demo, settings, tmp_path  # noqa: F811
):
    settings.MEDIA_ROOT = tmp_path / "media"
    penilaian = services.penilaian_mulai(opd=demo, tahun=TAHUN, user=users["perencana"])[0]
    _isi_lainnya(penilaian, users["perencana"], services.USULAN, "A")
    komponen1 = live_server.url + reverse("evaluasi:komponen", args=[penilaian.pk, 1])
    ringkasan = live_server.url + penilaian.get_absolute_url()

    page = login(browser, live_server, users["perencana"].username)
    page.goto(komponen1)
    assert "Renstra" in _baris(page, "1.1.3").inner_text()  # what the records say, beside the criterion
    _baris(page, "1.1.3").get_by_label("Sesuai data portal").check()
    _baris(page, "1.1.1").locator("select").select_option("A")
    _baris(page, "1.1.1").locator("textarea").fill("Perwal pedoman perencanaan kinerja.")
    page.get_by_role("button", name="Simpan komponen 1").click()
    page.get_by_text("2 kriteria disimpan.").wait_for()
    page.goto(ringkasan)
    page.get_by_role("button", name="Ajukan ke evaluator").click()
    page.get_by_text("Penilaian mandiri diajukan ke evaluator.").wait_for()

    penilaian.refresh_from_db()  # submitted in the browser
    _isi_lainnya(penilaian, users["evaluator"], services.EVALUATOR, "BB")
    page = login(browser, live_server, users["evaluator"].username)
    page.goto(komponen1)
    _baris(page, "1.1.3").locator("select").select_option("AA")
    _baris(page, "1.1.1").locator("select").select_option("B")
    _baris(page, "1.1.1").locator("textarea").fill("Pedoman belum memuat cascading.")
    page.get_by_role("button", name="Simpan komponen 1").click()
    page.get_by_text("2 kriteria disimpan.").wait_for()
    page.goto(ringkasan)
    page.get_by_role("button", name="Selesai dinilai").click()
    page.get_by_text("menunggu persetujuan reviewer").wait_for()

    UserFactory(username="t-reviewer", role=users["evaluator"].role, opd=None)
    page = login(browser, live_server, "t-reviewer")
    page.goto(ringkasan)
    page.get_by_label("Nomor LHE").fill("700/11-LHE.SAKIP")
    page.get_by_label("Nama Inspektur").fill("Inspektur Kota")
    page.get_by_label("NIP Inspektur").fill("197001011995031001")
    page.get_by_role("button", name="Setujui (reviewer kedua)").click()
    page.get_by_text("Hasil evaluasi disetujui dan menjadi final; LHE diterbitkan.").wait_for()
    page.screenshot(path=str(shot("lke-final.png")), full_page=True)
    with page.expect_download() as unduh:
        page.get_by_role("link", name="Unduh LHE (PDF)").click()
    data = Path(unduh.value.path()).read_bytes()

    penilaian = PenilaianLke.objects.get(pk=penilaian.pk)
    assert penilaian.status == PenilaianLke.Status.FINAL
    assert hashlib.sha256(data).hexdigest() == penilaian.lhe_sha256
    j = JawabanLke.objects.get(penilaian=penilaian, kriteria__kode="1.1.3")
    assert (j.usulan.kode, j.dari_prefill, j.nilai_evaluator.kode) == ("AA", True, "AA")
    hasil = penilaian.hasil(services.EVALUATOR)
    realisasi = Realisasi.objects.get(indikator=services.indikator_akip(demo, TAHUN + 1), tahun=TAHUN + 1)
    assert realisasi.predikat == hasil.predikat.predikat

    # The AKIP indicator's history shows the realisasi the LHE wrote, with the LHE named as its source.
    # (The demo has no 2026 target for it, so the unit's entry page does not list it.)
    page = login(browser, live_server, users["perencana"].username)
    page.goto(live_server.url + reverse("indikator:indikator_riwayat", args=[realisasi.indikator.pk]))
    teks = page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
    assert "LHE AKIP 2026 (700/11-LHE.SAKIP)" in teks
    assert f"Nilai AKIP {format_angka(hasil.total, 2)}, predikat {hasil.predikat.predikat}" in teks
