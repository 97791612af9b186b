"""In real Chromium, the main pages run under the Content-Security-Policy without a single violation,
and what their scripts do (charts, confirm dialogs, self-submitting selects, htmx) still happens."""

import pytest
from django.urls import reverse

from tests.e2e.peramban import WAJIB_CHROMIUM, login

pytestmark = [pytest.mark.e2e, WAJIB_CHROMIUM]

PANTAU = """document.addEventListener('securitypolicyviolation', e => {
  window.__csp = window.__csp || []; window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});"""


@pytest.mark.django_db(transaction=True)
def test_the_main_pages_run_under_the_csp_without_violations(browser, live_server, users, demo):
    from lkip.models import Lkip
    from portal.models import UnitKerja
    from renja.models import Renja

    page = login(browser, live_server, users["perencana"].username)
    page.context.add_init_script(PANTAU)
    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    urls = [
        reverse("beranda"),
        reverse("indikator:realisasi_unit", kwargs={"opd": demo.pk, "tahun": 2024, "triwulan": 4, "unit": rehab.pk}),
        reverse("anggaran:dpa_list", kwargs={"opd": demo.pk, "tahun": 2024}),
        reverse("dasbor:opd") + "?tahun=2024",
        reverse("dasbor:tren"),
        reverse("lkip:detail", args=[Lkip.objects.get(opd=demo, tahun=2023).pk]),
        reverse("renja:detail", args=[Renja.objects.get(opd=demo, tahun=2026).pk]),
    ]
    pelanggaran = {}
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        if found := page.evaluate("window.__csp || []"):
            pelanggaran[url] = found
    assert pelanggaran == {}

    # The dashboard's charts are drawn by its static script.
    page.goto(live_server.url + reverse("dasbor:opd") + "?tahun=2024")
    assert page.evaluate("Array.from(document.querySelectorAll('canvas')).every(c => !!Chart.getChart(c))")
    # A year chosen in the select reloads the page for it (data-kirim-otomatis, not onchange=).
    tahun = page.eval_on_selector_all("#pilih-tahun option", "os => os.map(o => o.value)")
    pilihan = [v for v in tahun if v != "2024"]
    with page.expect_navigation():
        page.select_option("#pilih-tahun", pilihan[0])
    assert f"tahun={pilihan[0]}" in page.url
    # A step that cannot be undone still asks first (data-konfirmasi, not onsubmit=).
    from renja.models import BarisRencana

    baris = BarisRencana.objects.filter(renja__opd=demo).order_by("urutan").last()
    page.goto(live_server.url + reverse("renja:baris", args=[baris.pk]))
    pesan = []
    page.on("dialog", lambda d: (pesan.append(d.message), d.dismiss()))
    page.click("form[data-konfirmasi] button[type=submit]")
    page.wait_for_timeout(300)
    assert pesan == ["Hapus baris ini beserta semua baris di bawahnya?"]
    assert BarisRencana.objects.filter(pk=baris.pk).exists()
