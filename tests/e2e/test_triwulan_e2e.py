"""A whole quarter in real headless Chromium, from the home pages alone (no admin, no typed URL):

the perencana opens the quarter, the operator enters and submits, the
perencana returns it with a note, the operator sees the note on the home
page, fixes and resubmits, the perencana verifies from the home page's link,
the pimpinan's dashboard shows the figure s.d. that quarter, and the LKIP
check lists the quarter still missing for the year.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from indikator.models import Indikator, PerjanjianKinerja, Realisasi
from indikator.pengisian import triwulan_pengisian
from lkip.models import Lkip
from portal.angka import ROMAWI, format_nilai
from tests.e2e.peramban import WAJIB_CHROMIUM, login, shot
from tests.factories import IndikatorFactory, PkIndikatorFactory, TargetTriwulanFactory

pytestmark = [pytest.mark.e2e, WAJIB_CHROMIUM]


def _klik_tugas(page, live_server, awal):
    """From the home page, follow the task whose text holds `awal`."""
    page.goto(live_server.url + "/")
    page.locator("#judul-tugas ~ .list-group a", has_text=awal).first.click()
    page.wait_for_load_state()


def _isi_dan_ajukan(page, indikator, nilai):
    """On the unit page: type the value, save it, submit the unit's drafts."""
    card = page.locator(f"#indikator-{indikator.pk}")
    card.locator("input[name$='-nilai']").fill(nilai)
    card.get_by_role("button", name="Simpan").click()
    page.get_by_text(f"Realisasi {indikator.kode} tersimpan.").wait_for()
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    page.get_by_text("1 realisasi diajukan untuk diverifikasi.").wait_for()


@pytest.mark.django_db(transaction=True)
def test_a_new_operator_and_perencana_run_a_whole_quarter_from_their_home_pages(browser, live_server, kantor):
    tahun, tw = triwulan_pengisian(timezone.localdate())
    romawi = ROMAWI[tw]
    if not kantor.renstra.tahun_awal <= tahun <= kantor.renstra.tahun_akhir:
        kantor.renstra.tahun_awal, kantor.renstra.tahun_akhir = min(tahun, 2024), max(tahun, 2028)
        kantor.renstra.save()
    # The last value counts (a percentage of the year so far), so the dashboard shows it s.d. TW n.
    indikator = IndikatorFactory(sasaran=kantor.sasaran, penanggung_jawab=kantor.unit, nama="Persentase PPKS mandiri",
                                 agregasi=Indikator.Agregasi.NILAI_AKHIR)
    pk = PkIndikatorFactory(indikator=indikator, nilai=Decimal(20),
                            perjanjian=PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=tahun))
    for n in range(1, 5):
        TargetTriwulanFactory(pk_indikator=pk, triwulan=n, nilai=Decimal(5 * n))
    periode = f"TW {romawi} {tahun}"

    # 1. The perencana opens the quarter from the home page's task.
    page = login(browser, live_server, kantor.perencana.username)
    _klik_tugas(page, live_server, f"Pengisian realisasi {periode} sedang ditutup")
    page.locator(f"#tw{tw}").get_by_role("button", name=f"Buka TW {romawi}").click()
    page.locator(f"#tw{tw} .badge", has_text="Dibuka").wait_for()

    # 2. The operator enters 13,5 and submits.
    page = login(browser, live_server, kantor.operator.username)
    _klik_tugas(page, live_server, f"Realisasi {periode} belum diisi: 1 indikator")
    _isi_dan_ajukan(page, indikator, "13,5")

    # 3. The perencana returns it with a note, from the home page's link.
    page = login(browser, live_server, kantor.perencana.username)
    _klik_tugas(page, live_server,
                f"Realisasi {periode} menunggu verifikasi Anda: 1 indikator dari {kantor.unit.nama}")
    realisasi = Realisasi.objects.get(indikator=indikator, tahun=tahun, triwulan=tw)
    page.locator(f"#catatan-{realisasi.pk}").fill("Bukti menunjukkan 14 PPKS; perbaiki angkanya")
    page.get_by_role("button", name="Kembalikan").click()
    page.get_by_text(f"Realisasi {indikator.kode} dikembalikan ke unit.").wait_for()

    # 4. The operator sees the note at home, fixes and resubmits.
    page = login(browser, live_server, kantor.operator.username)
    tugas = page.locator("#judul-tugas ~ .list-group a",
                         has_text="Dikembalikan perencana, perlu diperbaiki: 1 realisasi")
    assert "Bukti menunjukkan 14 PPKS; perbaiki angkanya" in tugas.inner_text()
    page.screenshot(path=str(shot("triwulan-operator-dikembalikan.png")), full_page=True)
    tugas.click()
    _isi_dan_ajukan(page, indikator, "14")

    # 5. The perencana verifies from the inbox link.
    page = login(browser, live_server, kantor.perencana.username)
    _klik_tugas(page, live_server, f"Realisasi {periode} menunggu verifikasi Anda")
    page.locator(f"#indikator-{indikator.pk}").get_by_role("button", name="Verifikasi").click()
    page.get_by_text(f"Realisasi {indikator.kode} diverifikasi.").wait_for()
    realisasi.refresh_from_db()
    assert (realisasi.nilai, realisasi.status) == (Decimal(14), Realisasi.Status.DIVERIFIKASI)

    # 6. The pimpinan's dashboard shows the new figure s.d. TW n.
    page = login(browser, live_server, kantor.pimpinan.username)
    page.get_by_role("link", name="Dasbor kinerja perangkat daerah").click()
    page.wait_for_load_state()
    baris = page.locator("tr", has_text=indikator.nama).first
    assert format_nilai(Decimal(14)) in baris.inner_text()
    assert f"s.d. TW {tw}" in page.content() or f"s.d. TW {romawi}" in page.content()
    page.screenshot(path=str(shot("triwulan-pimpinan-dasbor.png")), full_page=True)

    # 7. The LKIP check of the year lists the quarter still missing.
    lkip = Lkip.objects.create(opd=kantor.opd, tahun=tahun)
    page = login(browser, live_server, kantor.perencana.username)
    page.goto(live_server.url + reverse("lkip:detail", args=[lkip.pk]))
    pemeriksaan = page.locator("#pemeriksaan").inner_text()
    kosong = ", ".join(f"TW {ROMAWI[n]}" for n in range(tw + 1, 5))
    belum_lengkap = f"\"{indikator.nama}\": realisasi triwulan belum lengkap"
    if kosong:
        assert f"{belum_lengkap} ({kosong} belum diisi)" in pemeriksaan
    else:  # run in January–March, the quarter due is TW IV: the year is complete
        assert belum_lengkap not in pemeriksaan
