"""The LKIP in the browser: the PDF made in the background from the one store of generated documents, its status,
failures and retries, who may cause a render, and the Perjanjian Kinerja PDF.

A full render of the LKIP takes seconds, so html_to_pdf is replaced by a fake (tests/lkip/conftest.py)
that returns a small valid PDF per HTML and counts its calls."""

import io
import os
import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from lkip import services
from lkip.models import BagianLkip, Lkip, VersiTerbit
from lkip.tasks import render_lkip_pdf
from portal.models import BerkasDokumen
from tests.factories import (
    PerjanjianKinerjaFactory,
)
from tests.lkip.bangun import dokumen_lkip, isi_halaman, isi_unduhan, lkip_uji, pdf_kecil, pesan_dari

pytestmark = pytest.mark.usefixtures("media")


def test_buat_pdf_renders_once_and_an_unchanged_document_is_served_from_its_file(perencana, lkip, pdf_palsu):
    response = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    berkas = services.berkas_lkip(lkip).get()
    assert berkas.status == BerkasDokumen.Status.SELESAI
    assert len(pdf_palsu) == 1
    assert berkas.sidik_html == services.sidik(pdf_palsu[0])
    isi = isi_halaman(response)
    assert "Selesai" in isi and reverse("lkip:berkas", args=[lkip.pk, berkas.pk]) in isi
    assert "sesuai isi dokumen saat ini" in isi

    again = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    assert "PDF yang tersimpan dipakai" in " ".join(pesan_dari(again))
    unduh = perencana.get(reverse("lkip:pdf", args=[lkip.pk]))
    berkas_unduh = perencana.get(reverse("lkip:berkas", args=[lkip.pk, berkas.pk]))
    assert len(pdf_palsu) == 1  # neither the second request nor the downloads rendered again
    assert unduh.content == b"".join(berkas_unduh.streaming_content) == berkas.berkas.open("rb").read()
    assert unduh.content.startswith(b"%PDF-")


def test_a_changed_document_is_rendered_again(perencana, lkip, pdf_palsu):
    perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]))
    bagian = BagianLkip.objects.get(lkip=lkip, kunci="bab4_kesimpulan")
    bagian.markdown += "\n\nKalimat baru."
    bagian.save()
    assert "sudah berubah" in isi_halaman(perencana.get(lkip.get_absolute_url()))
    perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]))
    assert len(pdf_palsu) == 2
    assert services.berkas_lkip(lkip).filter(status=BerkasDokumen.Status.SELESAI).count() == 2


def test_the_status_polls_while_queued_and_stops_when_done(perencana, lkip, monkeypatch):
    # A worker that has not picked the task up yet.
    monkeypatch.setattr("lkip.views.render_lkip_pdf.delay", lambda berkas_id: None)
    response = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    berkas = services.berkas_lkip(lkip).get()
    assert berkas.status == BerkasDokumen.Status.ANTRE
    assert 'hx-trigger="every 2s"' in isi_halaman(response)
    status_url = reverse("lkip:status_pdf", args=[lkip.pk])
    assert "Dalam antrean" in isi_halaman(perencana.get(status_url))
    again = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    assert "sedang dibuat" in " ".join(pesan_dari(again))
    assert services.berkas_lkip(lkip).count() == 1

    BerkasDokumen.objects.filter(pk=berkas.pk).update(status=BerkasDokumen.Status.PROSES)
    assert "Sedang dibuat" in isi_halaman(perencana.get(status_url))

    berkas.berkas.save("x.pdf", io.BytesIO(pdf_kecil("x")), save=False)
    berkas.status = BerkasDokumen.Status.SELESAI
    berkas.save()
    selesai = isi_halaman(perencana.get(status_url))
    assert "Selesai" in selesai and "hx-trigger" not in selesai
    assert reverse("lkip:berkas", args=[lkip.pk, berkas.pk]) in selesai


def test_a_failed_render_shows_gagal_and_can_be_retried(perencana, lkip, monkeypatch, pdf_palsu):
    def rusak(html):
        raise RuntimeError("font hilang")

    monkeypatch.setattr("lkip.services.html_to_pdf", rusak)
    response = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    assert "PDF gagal dibuat." in " ".join(pesan_dari(response))
    assert services.berkas_lkip(lkip).get().status == BerkasDokumen.Status.GAGAL
    assert "Gagal" in isi_halaman(response) and "font hilang" in isi_halaman(response)

    terbit = perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]), follow=True)
    assert "PDF gagal dibuat" in " ".join(pesan_dari(terbit))
    assert not VersiTerbit.objects.filter(lkip=lkip).exists()
    unduh = perencana.get(reverse("lkip:pdf", args=[lkip.pk]), follow=True)
    assert "PDF gagal dibuat" in " ".join(pesan_dari(unduh))

    monkeypatch.setattr("lkip.services.html_to_pdf", lambda html: pdf_kecil("ulang"))
    perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]))
    assert services.berkas_lkip(lkip).get().status == BerkasDokumen.Status.SELESAI


def test_the_task_renders_the_document_as_it_is_now_when_it_changed_after_the_request(lkip, pdf_palsu):
    diminta = BerkasDokumen.objects.create(**dokumen_lkip(lkip), sidik_html=services.sidik(services.lkip_html(lkip)))
    BagianLkip.objects.filter(lkip=lkip, kunci="bab4_kesimpulan").update(markdown="Diubah sesudah diminta.")
    hasil = BerkasDokumen.objects.get(pk=render_lkip_pdf(diminta.pk))
    diminta.refresh_from_db()
    assert diminta.status == BerkasDokumen.Status.GAGAL and "Dokumen berubah" in diminta.pesan
    assert hasil.status == BerkasDokumen.Status.SELESAI
    assert hasil.sidik_html == services.sidik(services.lkip_html(lkip)) == services.sidik(pdf_palsu[0])
    # A file that is done is not rendered again by a second run of the task.
    assert render_lkip_pdf(hasil.pk) == hasil.pk
    assert len(pdf_palsu) == 1


def test_a_broker_that_cannot_be_reached_marks_the_file_gagal(perencana, lkip, monkeypatch):
    def tanpa_broker(berkas_id):
        raise ConnectionError("redis tidak tersedia")

    monkeypatch.setattr("lkip.views.render_lkip_pdf.delay", tanpa_broker)
    response = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    berkas = services.berkas_lkip(lkip).get()
    assert berkas.status == BerkasDokumen.Status.GAGAL and "redis tidak tersedia" in berkas.pesan
    assert 'hx-trigger="every 2s"' not in isi_halaman(response)


def test_the_lkip_pdf_renders_for_real(perencana, kantor):
    """One real WeasyPrint render, of a nearly empty LKIP (fast), through the view and the task."""
    kosong = Lkip.objects.create(opd=kantor.opd, tahun=2031)
    perencana.post(reverse("lkip:buat_pdf", args=[kosong.pk]))
    berkas = services.berkas_lkip(kosong).get()
    assert berkas.status == BerkasDokumen.Status.SELESAI, berkas.pesan
    teks = " ".join(subprocess.run(["pdftotext", berkas.berkas.path, "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in teks
    assert "TAHUN 2031" in teks


def test_a_reader_downloads_the_stored_pdf_but_never_causes_a_render(client, kantor, lkip, pdf_palsu):
    """Rendering takes seconds of a worker: only the perencana causes one (security review)."""
    url = reverse("lkip:pdf", args=[lkip.pk])
    client.force_login(kantor.pimpinan)
    assert client.get(url).status_code == 302 and pdf_palsu == []
    assert client.post(reverse("lkip:buat_pdf", args=[lkip.pk])).status_code == 403
    client.force_login(kantor.perencana)
    dibuat = isi_unduhan(client.get(url))
    assert len(pdf_palsu) == 1
    client.force_login(kantor.pimpinan)
    response = client.get(url)
    assert response.status_code == 200 and isi_unduhan(response) == dibuat and len(pdf_palsu) == 1


def test_a_stored_pdf_whose_file_is_gone_is_rendered_again(perencana, lkip, pdf_palsu):
    url = reverse("lkip:pdf", args=[lkip.pk])
    assert perencana.get(url).status_code == 200 and len(pdf_palsu) == 1
    berkas = services.berkas_lkip(lkip).get(status=BerkasDokumen.Status.SELESAI)
    berkas.berkas.storage.delete(berkas.berkas.name)
    assert perencana.get(url).status_code == 200 and len(pdf_palsu) == 2



def test_the_pk_pdf_of_a_year_is_downloaded_from_the_lkip_page(perencana, lkip, kantor, client, pdf_palsu):
    perjanjian = perencana.get(lkip.get_absolute_url()).context["perjanjian"]
    response = perencana.get(reverse("lkip:pk_pdf", args=[perjanjian.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(pdf_palsu) == 1 and perjanjian.pihak_pertama_nama in pdf_palsu[0]
    lain = PerjanjianKinerjaFactory(opd=kantor.perencana_lain.opd, tahun=lkip.tahun)
    assert perencana.get(reverse("lkip:pk_pdf", args=[lain.pk])).status_code == 404


# --- in a real browser ------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.e2e
@pytest.mark.skipif(not shutil.which(CHROMIUM) and os.environ.get("CI") != "true",
                    reason="Chromium tidak terpasang di /usr/bin/chromium (di CI tes ini wajib jalan)")
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_status_polls_until_done_and_the_preview_follows_the_typing(live_server, kantor):
    """htmx wiring: the queued status refreshes itself into a download link; typed Markdown is previewed."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    lkip = lkip_uji(kantor)
    berkas = BerkasDokumen.objects.create(**dokumen_lkip(lkip), sidik_html="d" * 64, status=BerkasDokumen.Status.ANTRE)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", kantor.perencana.username)
        page.fill("#id_password", "rahasia-123")
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/")

        page.goto(live_server.url + lkip.get_absolute_url())
        page.locator("#status-pdf").get_by_text("Dalam antrean").wait_for()
        berkas.berkas.save("lkip.pdf", ContentFile(pdf_kecil("e2e")), save=False)
        berkas.status = BerkasDokumen.Status.SELESAI
        berkas.save()
        unduh = page.locator("#status-pdf a", has_text="Unduh PDF")
        unduh.wait_for(timeout=10_000)
        assert unduh.get_attribute("href") == reverse("lkip:berkas", args=[lkip.pk, berkas.pk])

        page.goto(live_server.url + reverse("lkip:bagian", args=[lkip.pk, "bab3_sdm"]))
        page.fill("textarea[name=markdown]", "Pegawai **ASN** 41 orang.\n\n<script>alert(1)</script>")
        page.locator("#pratinjau strong", has_text="ASN").wait_for()
        assert "alert" not in page.locator("#pratinjau").inner_html()
        browser.close()
