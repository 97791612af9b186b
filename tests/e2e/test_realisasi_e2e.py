"""End to end in real headless Chromium: an operator enters a triwulan realisasi, the perencana verifies it."""

import os
import shutil
from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Indikator, PerjanjianKinerja, Realisasi
from portal.models import JendelaInput, UnitKerja
from tests.factories import (
    IndikatorFactory,
    PkIndikatorFactory,
    RenstraFactory,
    SasaranFactory,
    TargetTriwulanFactory,
)

CHROMIUM = "/usr/bin/chromium"
TAHUN = 2030

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM) and os.environ.get("CI") != "true",
        reason="Chromium tidak terpasang di /usr/bin/chromium (di CI tes ini wajib jalan)",
    ),
]


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; the test's own
    # database reads between browser steps are still plain synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser
        browser.close()


def login(browser, live_server, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "rahasia-123")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    return page


@pytest.mark.django_db(transaction=True)
def test_an_operator_enters_a_triwulan_with_a_decimal_comma_and_the_perencana_verifies_it(
    browser, live_server, users, demo
):
    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    sasaran = SasaranFactory(tujuan__renstra=RenstraFactory(opd=demo, tahun_awal=TAHUN, tahun_akhir=TAHUN))
    indikator = IndikatorFactory(sasaran=sasaran, opd=demo, penanggung_jawab=rehab,
                                 agregasi=Indikator.Agregasi.NILAI_AKHIR, nama="Persentase PPKS terlayani")
    pk_indikator = PkIndikatorFactory(
        indikator=indikator, nilai=Decimal(20),
        perjanjian=PerjanjianKinerja.objects.create(opd=demo, tahun=TAHUN),
    )
    TargetTriwulanFactory(pk_indikator=pk_indikator, triwulan=3, nilai=Decimal(5))
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    unit_url = live_server.url + reverse(
        "indikator:realisasi_unit", kwargs={"opd": demo.pk, "tahun": TAHUN, "triwulan": 3, "unit": rehab.pk})

    page = login(browser, live_server, users["operator"].username)
    page.goto(unit_url)
    card = page.locator(f"#indikator-{indikator.pk}")
    card.locator("input[name$='-nilai']").fill("4,5")
    # The capaian appears while typing: 4,5 / 5 = 90 %.
    card.locator(f"#capaian-{indikator.pk}").get_by_text("90,00%").wait_for()
    card.locator("textarea[name$='-analisis']").fill("Sebagian PPKS pindah domisili.")
    card.get_by_role("button", name="Simpan").click()
    page.get_by_text(f"Realisasi {indikator.kode} tersimpan.").wait_for()
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    page.get_by_text("1 realisasi diajukan untuk diverifikasi.").wait_for()
    page.screenshot(path=str(_shot("operator-diajukan.png")), full_page=True)

    page = login(browser, live_server, users["perencana"].username)
    page.goto(unit_url)
    card = page.locator(f"#indikator-{indikator.pk}")
    assert card.locator("input[name$='-nilai']").input_value() == "4,5"
    card.get_by_role("button", name="Verifikasi").click()
    page.get_by_text(f"Realisasi {indikator.kode} diverifikasi.").wait_for()
    assert "Diverifikasi" in page.locator(f"#indikator-{indikator.pk} .card-header").inner_text()
    page.screenshot(path=str(_shot("perencana-diverifikasi.png")), full_page=True)

    realisasi = Realisasi.objects.get(indikator=indikator, tahun=TAHUN, triwulan=3)
    assert realisasi.nilai == Decimal("4.5")
    assert realisasi.status == Realisasi.Status.DIVERIFIKASI
    assert realisasi.diisi_oleh == users["operator"]
    assert realisasi.diverifikasi_oleh == users["perencana"]


def _shot(name):
    from django.conf import settings

    folder = settings.MEDIA_ROOT / "e2e-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
