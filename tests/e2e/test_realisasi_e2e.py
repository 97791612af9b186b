"""End to end in real headless Chromium: an operator enters a triwulan realisasi, the perencana verifies it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Indikator, PerjanjianKinerja, Realisasi
from portal.models import JendelaInput, UnitKerja
from tests.e2e.peramban import WAJIB_CHROMIUM, login, shot
from tests.factories import (
    IndikatorFactory,
    PkIndikatorFactory,
    RenstraFactory,
    SasaranFactory,
    TargetTriwulanFactory,
)

TAHUN = 2030

pytestmark = [pytest.mark.e2e, WAJIB_CHROMIUM]


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
    page.screenshot(path=str(shot("operator-diajukan.png")), full_page=True)

    page = login(browser, live_server, users["perencana"].username)
    page.goto(unit_url)
    card = page.locator(f"#indikator-{indikator.pk}")
    assert card.locator("input[name$='-nilai']").input_value() == "4,5"
    card.get_by_role("button", name="Verifikasi").click()
    page.get_by_text(f"Realisasi {indikator.kode} diverifikasi.").wait_for()
    assert "Diverifikasi" in page.locator(f"#indikator-{indikator.pk} .card-header").inner_text()
    page.screenshot(path=str(shot("perencana-diverifikasi.png")), full_page=True)

    realisasi = Realisasi.objects.get(indikator=indikator, tahun=TAHUN, triwulan=3)
    assert realisasi.nilai == Decimal("4.5")
    assert realisasi.status == Realisasi.Status.DIVERIFIKASI
    assert realisasi.diisi_oleh == users["operator"]
    assert realisasi.diverifikasi_oleh == users["perencana"]

