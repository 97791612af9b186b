"""In real Chromium: the dashboard, its drill-down and the city view hold at a 390 px phone and at 1280 px.

At 390 px nothing widens the page (wide tables scroll inside their box) and the IKU table's Capaian
column is on screen beside the fixed name column; at 1280 px the menu keeps to one line and the city
table is whole.
"""

import pytest
from django.urls import reverse

from indikator.models import Indikator
from tests.e2e.peramban import WAJIB_CHROMIUM, login

pytestmark = [pytest.mark.e2e, WAJIB_CHROMIUM]

LEBAR_PAGE = "document.documentElement.scrollWidth - window.innerWidth"
# How far each Capaian cell of the IKU table reaches past what its scroll box shows (<= 0: in view).
CAPAIAN_TERPOTONG = """Array.from(document.querySelectorAll('#tabel-iku .kolom-capaian, #kolom-capaian')).map(c =>
  c.getBoundingClientRect().right
  - Math.min(window.innerWidth, c.closest('.table-responsive').getBoundingClientRect().right))"""
KOTA_TERPOTONG = """(() => { const t = document.getElementById('tabel-kota');
  return t.getBoundingClientRect().right - t.parentElement.getBoundingClientRect().right; })()"""


def _masuk(browser, live_server, username, lebar):
    return login(browser, live_server, username, width=lebar)


def _buka(page, live_server, url):
    page.goto(live_server.url + url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)


@pytest.mark.django_db(transaction=True)
def test_at_390_px_no_page_scrolls_sideways_and_the_capaian_column_is_in_view(browser, live_server, users, demo):
    iku = Indikator.objects.filter(opd=demo, is_iku=True).order_by("urutan", "id").first()
    page = _masuk(browser, live_server, users["pimpinan"].username, 390)
    for url in (reverse("dasbor:opd") + "?tahun=2024", reverse("dasbor:opd") + "?tahun=2023",
                reverse("dasbor:iku", args=[iku.pk]) + "?tahun=2024"):
        _buka(page, live_server, url)
        assert page.evaluate(LEBAR_PAGE) <= 0, url
    _buka(page, live_server, reverse("dasbor:opd") + "?tahun=2024")
    kotak = page.locator("#kolom-capaian").bounding_box()
    assert kotak is not None and kotak["x"] >= 0
    # The heading and every figure under it, inside the part of the table the phone shows.
    terpotong = page.evaluate(CAPAIAN_TERPOTONG)
    assert len(terpotong) > 1 and max(terpotong) <= 0
    # Each IKU card is one column wide: the cards stack.
    lebar = page.eval_on_selector_all(".kartu-iku", "ks => ks.map(k => k.getBoundingClientRect().width)")
    assert lebar and all(w > 300 for w in lebar)

    # A year in progress: its Capaian cells carry "s.d. TW III" and "belum diverifikasi" marks.
    import io

    from django.core.management import call_command

    from portal.models import PerangkatDaerah, User
    from tests.factories import UserFactory

    call_command("generate_city", "--opd=1", "--tahun-awal=2025", "--tahun-akhir=2026", "--sub-kegiatan=8",
                 stdout=io.StringIO())
    gen = PerangkatDaerah.objects.get(kode="GEN-01")
    UserFactory(username="t-pimpinan-gen", role=User.Role.PIMPINAN, opd=gen)
    berjalan = _masuk(browser, live_server, "t-pimpinan-gen", 390)
    _buka(berjalan, live_server, reverse("dasbor:opd") + "?tahun=2026")
    assert berjalan.evaluate(LEBAR_PAGE) <= 0
    terpotong = berjalan.evaluate(CAPAIAN_TERPOTONG)
    assert len(terpotong) > 1 and max(terpotong) <= 0, terpotong
    iku_gen = Indikator.objects.filter(opd=gen, is_iku=True).first()
    _buka(berjalan, live_server, reverse("dasbor:iku", args=[iku_gen.pk]) + "?tahun=2026")
    assert berjalan.evaluate(LEBAR_PAGE) <= 0

    kota = _masuk(browser, live_server, users["evaluator"].username, 390)
    _buka(kota, live_server, reverse("dasbor:kota") + "?tahun=2024")
    assert kota.evaluate(LEBAR_PAGE) <= 0


@pytest.mark.django_db(transaction=True)
def test_at_1280_px_the_menu_keeps_to_one_line_and_the_city_table_is_whole(browser, live_server, users, demo):
    # The admin has the longest menu (Administrasi).
    page = _masuk(browser, live_server, users["admin"].username, 1280)
    _buka(page, live_server, reverse("dasbor:kota") + "?tahun=2024")
    tinggi = page.eval_on_selector_all("#nav-utama .nav-link", "ls => ls.map(l => l.getBoundingClientRect().top)")
    assert len({round(t) for t in tinggi}) == 1
    assert page.evaluate(KOTA_TERPOTONG) <= 0
    assert page.evaluate(LEBAR_PAGE) <= 0


@pytest.mark.django_db(transaction=True)
def test_at_390_px_the_data_entry_pages_do_not_scroll_sideways(browser, live_server, users, demo):
    from portal.models import UnitKerja

    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    page = _masuk(browser, live_server, users["operator"].username, 390)
    for url in (reverse("indikator:realisasi_unit",
                        kwargs={"opd": demo.pk, "tahun": 2024, "triwulan": 4, "unit": rehab.pk}),
                reverse("anggaran:dpa_list", kwargs={"opd": demo.pk, "tahun": 2024})):
        _buka(page, live_server, url)
        assert page.evaluate(LEBAR_PAGE) <= 0, url
