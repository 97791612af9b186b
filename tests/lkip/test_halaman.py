"""The LKIP in the browser: list, preview with its check, Markdown editing, PDF in the background,
publishing, verification by SHA-256, and the Perjanjian Kinerja PDF.

A full render of the LKIP takes seconds, so html_to_pdf is replaced by a fake that returns a small
valid PDF per HTML and counts its calls; one test renders a (nearly empty) LKIP for real.
"""

import hashlib
import io
import os
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from indikator.models import PerjanjianKinerja, Realisasi
from lkip import forms as lkip_forms
from lkip import services
from lkip.models import AnalisisIku, BagianLkip, Lkip, VersiTerbit
from lkip.tasks import render_lkip_pdf
from lkip.views import JANGKAR_BAGIAN
from portal.angka import format_persen
from portal.models import BerkasDokumen, EditConflict, User
from tests.factories import (
    DpaFactory,
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    PkIndikatorFactory,
    RealisasiFactory,
    UserFactory,
)


def pdf_kecil(teks):
    """A small valid PDF (with a correct xref table) whose bytes differ with `teks`."""
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Title (" + teks.encode("ascii") + b") >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    posisi = []
    for nomor, isi in enumerate(objek, start=1):
        posisi.append(out.tell())
        out.write(b"%d 0 obj\n" % nomor + isi + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1))
    for p in posisi:
        out.write(b"%010d 00000 n \n" % p)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objek) + 1, xref))
    return out.getvalue()


def _dokumen(lkip):
    """What a stored PDF of the LKIP is keyed by, besides its HTML."""
    return {"jenis": BerkasDokumen.Jenis.LKIP, "opd": lkip.opd, "tahun": lkip.tahun}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pdf_palsu(monkeypatch):
    """Replace the renderer; the list holds the HTML of every call."""
    panggilan = []

    def palsu(html):
        panggilan.append(html)
        return pdf_kecil(hashlib.sha256(html.encode()).hexdigest())

    monkeypatch.setattr("lkip.services.html_to_pdf", palsu)
    monkeypatch.setattr("portal.pdf.html_to_pdf", palsu)
    return panggilan


@pytest.fixture
def lkip(demo):
    return Lkip.objects.select_related("opd").get(opd=demo, tahun=2023)


@pytest.fixture
def perencana(client, users):
    client.force_login(users["perencana"])
    return client


def _teks(response):
    return response.content.decode()


def _pesan(response):
    return [str(m) for m in response.context["messages"]]


# --- list ---------------------------------------------------------------------------


def test_the_list_shows_the_lkip_of_the_users_opd_and_an_empty_state_elsewhere(client, users, lkip):
    client.force_login(users["perencana"])
    response = client.get(reverse("lkip:indeks"))
    assert [x.pk for x in response.context["page"]] == [lkip.pk]
    assert reverse("lkip:detail", args=[lkip.pk]) in _teks(response)

    client.force_login(users["perencana_lain"])
    response = client.get(reverse("lkip:indeks"))
    assert response.context["page"].paginator.count == 0
    assert "Belum ada LKIP" in _teks(response)


def test_an_evaluator_sees_every_opd_and_filters_by_opd(client, users, lkip):
    lain = Lkip.objects.create(opd=users["perencana_lain"].opd, tahun=2023)
    client.force_login(users["evaluator"])
    semua = client.get(reverse("lkip:indeks")).context["page"]
    assert {x.pk for x in semua} == set(Lkip.objects.values_list("pk", flat=True)) >= {lkip.pk, lain.pk}
    saring = client.get(reverse("lkip:indeks"), {"opd": lain.opd_id}).context["page"]
    assert [x.pk for x in saring] == [lain.pk]
    kosong = client.get(reverse("lkip:indeks"), {"opd": lain.opd_id, "tahun": 2019})
    assert "Tidak ada LKIP yang cocok" in _teks(kosong)


def test_the_list_pages_keep_the_filter(client, users):
    lain = users["perencana_lain"].opd
    for tahun in range(2000, 2030):
        Lkip.objects.create(opd=lain, tahun=tahun)
    client.force_login(users["evaluator"])
    pertama = client.get(reverse("lkip:indeks"), {"opd": lain.pk})
    assert len(pertama.context["page"]) == 25 and pertama.context["page"].paginator.num_pages == 2
    assert f"?opd={lain.pk}&amp;halaman=2" in _teks(pertama)
    kedua = client.get(reverse("lkip:indeks"), {"opd": lain.pk, "halaman": 2})
    assert [x.tahun for x in kedua.context["page"]] == list(range(2004, 1999, -1))


def test_an_operator_sees_the_list_without_preview_links(client, users, lkip):
    client.force_login(users["operator"])
    response = client.get(reverse("lkip:indeks"))
    assert [x.pk for x in response.context["page"]] == [lkip.pk]
    assert reverse("lkip:detail", args=[lkip.pk]) not in _teks(response)
    assert response.context["form"] is None


def test_the_list_exports_every_row_to_xlsx(perencana, lkip, users, pdf_palsu):
    versi = services.lkip_terbitkan(lkip=lkip, user=users["perencana"])
    response = perencana.get(reverse("lkip:indeks"), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Perangkat daerah"
    waktu = timezone.localtime(versi.diterbitkan_pada).strftime("%Y-%m-%d %H:%M")  # as the page shows it
    assert rows[1:] == [(lkip.opd.nama, 2023, 1, 1, waktu, versi.sha256)]


def test_the_list_queries_do_not_grow_with_the_rows(client, users, lkip):
    client.force_login(users["evaluator"])

    def jumlah_query():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("lkip:indeks")).status_code == 200
        return len(ctx)

    _versi_terbit(lkip, users["perencana"], 1)
    sebelum = jumlah_query()
    for tahun in range(2010, 2016):
        baru = Lkip.objects.create(opd=users["perencana_lain"].opd, tahun=tahun)
        _versi_terbit(baru, users["perencana"], 1)
        _versi_terbit(baru, users["perencana"], 2)
    assert jumlah_query() == sebelum


def test_the_perencana_creates_the_lkip_of_a_year_with_every_section(perencana, demo):
    response = perencana.post(reverse("lkip:baru"), {"tahun": 2031}, follow=True)
    baru = Lkip.objects.get(opd=demo, tahun=2031)
    assert response.redirect_chain[-1][0] == baru.get_absolute_url()
    assert sorted(BagianLkip.objects.filter(lkip=baru).values_list("kunci", flat=True)) == sorted(
        BagianLkip.Kunci.values)
    riwayat = BagianLkip.history.filter(lkip_id=baru.pk)
    assert riwayat.count() == len(BagianLkip.Kunci.values)
    assert set(riwayat.values_list("history_user__username", flat=True)) == {"t-perencana"}

    again = perencana.post(reverse("lkip:baru"), {"tahun": 2031}, follow=True)
    assert "LKIP DINSOS tahun 2031 sudah ada." in " ".join(_pesan(again))
    assert Lkip.objects.filter(opd=demo, tahun=2031).count() == 1
    salah = perencana.post(reverse("lkip:baru"), {"tahun": "dua ribu"}, follow=True)
    assert "Tahun harus berupa angka." in " ".join(_pesan(salah))


def test_an_admin_chooses_the_opd_of_a_new_lkip(client, users, demo):
    client.force_login(users["admin"])
    client.post(reverse("lkip:baru"), {"opd": demo.pk, "tahun": 2032})
    assert Lkip.objects.filter(opd=demo, tahun=2032).exists()


# --- preview ----------------------------------------------------------------------------


def test_the_preview_is_the_document_with_its_check_and_edit_links(perencana, lkip):
    ctx = services.lkip_context(lkip)
    response = perencana.get(lkip.get_absolute_url())
    isi = _teks(response)
    assert response.context["pemeriksaan"] == services.pemeriksaan(ctx) == []
    assert "Tidak ada masalah: dokumen siap diterbitkan." in isi
    for tabel in ctx["daftar_tabel"]:
        assert f"Tabel {tabel.nomor} {tabel.judul}" in isi
    for kunci in BagianLkip.Kunci.values:
        assert reverse("lkip:bagian", args=[lkip.pk, kunci]) in isi
        # The section list jumps to the section in the preview.
        assert f'id="{JANGKAR_BAGIAN[kunci]}"' in isi and f'href="#{JANGKAR_BAGIAN[kunci]}"' in isi
    for blok in ctx["blok_list"]:
        assert reverse("lkip:analisis", args=[lkip.pk, blok.indikator.pk]) in isi
    assert reverse("lkip:pk_pdf", args=[ctx["perjanjian"].pk]) in isi


def test_a_pimpinan_reads_the_preview_without_edit_links(client, users, lkip):
    client.force_login(users["pimpinan"])
    isi = _teks(client.get(lkip.get_absolute_url()))
    assert "Kata Pengantar" in isi
    assert reverse("lkip:bagian", args=[lkip.pk, "kata_pengantar"]) not in isi
    assert reverse("lkip:terbitkan", args=[lkip.pk]) not in isi


def test_the_check_lists_what_is_missing_before_publishing(perencana, demo):
    kosong = Lkip.objects.create(opd=demo, tahun=2031)
    response = perencana.get(kosong.get_absolute_url())
    masalah = services.pemeriksaan(services.lkip_context(kosong))
    assert masalah and response.context["pemeriksaan"] == masalah
    for kalimat in masalah:
        assert kalimat.replace('"', "&quot;") in _teks(response)


def _detail_queries(client, lkip):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(lkip.get_absolute_url()).status_code == 200
    return len(ctx)


def _versi_terbit(lkip, user, nomor):
    data = pdf_kecil(f"lkip{lkip.pk}versi{nomor}")
    versi = VersiTerbit(lkip=lkip, nomor=nomor, sha256=hashlib.sha256(data).hexdigest(), ukuran=len(data),
                        diterbitkan_oleh=user, diterbitkan_pada=timezone.now())
    versi.berkas.save(f"v{nomor}.pdf", ContentFile(data), save=False)
    versi.save()


def test_the_preview_queries_do_not_grow_with_the_rows(perencana, lkip, users):
    _versi_terbit(lkip, users["perencana"], 1)
    BerkasDokumen.objects.create(**_dokumen(lkip), sidik_html="f" * 64, status=BerkasDokumen.Status.GAGAL)
    sebelum = _detail_queries(perencana, lkip)
    # More of every kind of row the page shows: IKU with realisasi and analysis, DPA lines,
    # rendered files and published versions.
    perjanjian = PerjanjianKinerja.objects.filter(opd=lkip.opd, tahun=2023).order_by("-jenis").first()
    iku_lama = perjanjian.indikator.first().indikator
    for n in range(3):
        ind = IndikatorFactory(opd=lkip.opd, sasaran=iku_lama.sasaran, nama=f"IKU tambahan {n}")
        PkIndikatorFactory(perjanjian=perjanjian, indikator=ind, nilai=Decimal(10), urutan=50 + n)
        RealisasiFactory(indikator=ind, tahun=2023, triwulan=None, nilai=Decimal(9),
                         status=Realisasi.Status.DIVERIFIKASI)
        AnalisisIku.objects.create(lkip=lkip, indikator=ind, faktor=f"Faktor {n}")
        DpaFactory(opd=lkip.opd, tahun=2023, pagu_perubahan=Decimal(1000 * (n + 1)))
        BerkasDokumen.objects.create(**_dokumen(lkip), sidik_html=f"{n:064d}", status=BerkasDokumen.Status.GAGAL)
        _versi_terbit(lkip, users["perencana"], n + 2)
    sesudah = _detail_queries(perencana, lkip)
    halaman = perencana.get(lkip.get_absolute_url()).context
    assert len(halaman["blok_list"]) == perjanjian.indikator.count()
    assert len(halaman["versi_list"]) == 4
    assert sesudah == sebelum


# --- editing ------------------------------------------------------------------------------


BERBAHAYA = (
    "Teks **tebal** biasa.\n\n"
    "<script>alert('xss')</script>\n\n"
    '<img src="file:///etc/passwd">\n\n'
    "![gambar](file:///etc/shadow)\n\n"
    "[klik di sini](javascript:alert(1))\n\n"
    '<a href="file:///etc/hosts">berkas lokal</a>\n'
)


def test_markdown_is_sanitised_in_the_preview_and_in_the_print_html(perencana, lkip):
    bagian = BagianLkip.objects.get(lkip=lkip, kunci="bab1_latar_belakang")
    response = perencana.post(reverse("lkip:bagian", args=[lkip.pk, bagian.kunci]),
                              {"judul": bagian.judul, "markdown": BERBAHAYA, "versi_dibaca": bagian.versi})
    assert response.status_code == 302
    halaman = perencana.get(lkip.get_absolute_url())
    narasi = str(halaman.context["narasi"][bagian.kunci]["html"])
    # The page itself loads its own scripts; the section, the whole page and the print HTML carry none
    # of what was typed.
    for html, tag_dilarang in ((narasi, ("<script", "<img", "<a ")), (_teks(halaman), ()),
                               (services.lkip_html(lkip), ("<script", "<img"))):
        assert "Teks <strong>tebal</strong> biasa." in html  # the allowed Markdown survives
        assert "klik di sini" in html
        for jahat in ("alert(", "file:///", "javascript:", "etc/passwd", "etc/shadow", "xss"):
            assert jahat not in html
        for tag in tag_dilarang:
            assert tag not in html


def test_the_live_preview_uses_the_same_sanitiser(perencana):
    url = reverse("lkip:pratinjau")
    html = _teks(perencana.post(url, {"kolom": "faktor", "faktor": BERBAHAYA, "markdown": "lain"}))
    assert "Teks <strong>tebal</strong> biasa." in html and "lain" not in html
    for jahat in ("alert(", "<script", "<img", "<a ", "file:///", "javascript:"):
        assert jahat not in html
    assert perencana.post(url, {"kolom": "judul", "judul": "x"}).status_code == 400
    form = _teks(perencana.get(reverse("lkip:bagian", args=[Lkip.objects.get(tahun=2023).pk, "bab3_sdm"])))
    assert f'hx-post="{url}"' in form and 'id="pratinjau"' in form


def test_a_second_concurrent_save_is_refused_with_a_clear_message(perencana, lkip):
    bagian = BagianLkip.objects.get(lkip=lkip, kunci="bab4_kesimpulan")
    url = reverse("lkip:bagian", args=[lkip.pk, bagian.kunci])
    dibaca = perencana.get(url).context["form"]["versi_dibaca"].value()
    pertama = perencana.post(url, {"judul": bagian.judul, "markdown": "Versi pertama.", "versi_dibaca": dibaca})
    assert pertama["Location"] == f"{lkip.get_absolute_url()}#sub-4-1"
    kedua = perencana.post(url, {"judul": bagian.judul, "markdown": "Versi kedua.", "versi_dibaca": dibaca})
    assert kedua.status_code == 200
    assert EditConflict.message in " ".join(_pesan(kedua))
    bagian.refresh_from_db()
    assert bagian.markdown == "Versi pertama."
    assert bagian.versi == dibaca + 1


def test_the_analysis_of_an_iku_is_created_on_its_first_save(perencana, lkip):
    ctx = services.lkip_context(lkip)
    indikator = ctx["blok_list"][0].indikator
    AnalisisIku.objects.filter(lkip=lkip, indikator=indikator).delete()
    url = reverse("lkip:analisis", args=[lkip.pk, indikator.pk])
    halaman = perencana.get(url)
    form = halaman.context["form"]
    blok = ctx["blok_list"][0]
    # The figures the analysis explains are shown next to the form, as the document prints them.
    angka = _teks(halaman).split('class="card mb-3 angka-iku"')[1].split("</table>")[0]
    assert f"{format_persen(blok.ini.capaian)}%" in angka
    assert blok.ini.realisasi_teks in angka and blok.ini.target_teks in angka
    data = {"uraian": "Uraian.", "faktor": "- faktor satu\n- faktor dua", "solusi": "Solusi.",
            "langkah": "Langkah.", "versi_dibaca": form["versi_dibaca"].value()}
    assert perencana.post(url, data)["Location"] == f"{lkip.get_absolute_url()}#iku-{ctx['blok_list'][0].nomor}"
    analisis = AnalisisIku.objects.get(lkip=lkip, indikator=indikator)
    assert analisis.faktor == data["faktor"]
    assert "<li>faktor satu</li>" in _teks(perencana.get(lkip.get_absolute_url()))


def test_only_the_iku_of_the_year_can_be_analysed(perencana, lkip, users):
    bukan_iku = IndikatorFactory(opd=lkip.opd)
    lain = IndikatorFactory(opd=users["perencana_lain"].opd)
    for indikator in (bukan_iku, lain):
        assert perencana.get(reverse("lkip:analisis", args=[lkip.pk, indikator.pk])).status_code == 404
    assert perencana.get(reverse("lkip:bagian", args=[lkip.pk, "bukan_bagian"])).status_code == 404


def test_the_signatory_nip_is_checked_and_shown(perencana, lkip):
    url = reverse("lkip:penandatangan", args=[lkip.pk])
    data = {"tempat": "Bekasi", "tanggal": "2024-02-28", "penandatangan_nama": "Dra. Contoh, M.Si",
            "penandatangan_nip": "1234", "penandatangan_jabatan": "", "penandatangan_pangkat": "",
            "versi_dibaca": lkip.versi}
    salah = perencana.post(url, data)
    assert "NIP harus terdiri dari 18 angka." in _teks(salah)
    data["penandatangan_nip"] = " 19700101  199001 1 001 "
    assert perencana.post(url, data).status_code == 302
    lkip.refresh_from_db()
    assert lkip.ttd_nip == "19700101 199001 1 001"
    assert "Dra. Contoh, M.Si" in services.lkip_html(lkip)


def test_readers_and_operators_cannot_edit(client, users, lkip):
    bagian = BagianLkip.objects.get(lkip=lkip, kunci="bab4_kesimpulan")
    url = reverse("lkip:bagian", args=[lkip.pk, bagian.kunci])
    for role in ("pimpinan", "evaluator", "operator"):
        client.force_login(users[role])
        response = client.post(url, {"judul": "x", "markdown": "diubah", "versi_dibaca": bagian.versi})
        assert response.status_code == 403
    bagian.refresh_from_db()
    assert bagian.markdown != "diubah"


def test_the_admin_lists_every_lkip_model_and_keeps_published_versions_read_only(client, versi):
    client.force_login(UserFactory(username="t-super", role=User.Role.ADMIN, is_superuser=True, is_staff=True,
                                   opd=None))
    for model in ("lkip", "bagianlkip", "analisisiku", "versiterbit"):
        assert client.get(reverse(f"admin:lkip_{model}_changelist"), {"q": "DINSOS"}).status_code == 200
    # The rendered PDFs are in the portal's one store of generated documents.
    assert client.get(reverse("admin:portal_berkasdokumen_changelist"), {"q": "DINSOS"}).status_code == 200
    ubah = reverse("admin:lkip_versiterbit_change", args=[versi.pk])
    halaman = _teks(client.get(ubah))
    assert versi.sha256 in halaman and 'name="_save"' not in halaman
    assert client.post(ubah, {"nomor": 7}).status_code == 403
    assert client.post(reverse("admin:lkip_versiterbit_delete", args=[versi.pk]), {"post": "yes"}).status_code == 403
    versi.refresh_from_db()
    assert versi.nomor == 1
    assert client.get(reverse("admin:lkip_lkip_change", args=[versi.lkip_id])).status_code == 200


# --- PDF in the background --------------------------------------------------------------------


def test_buat_pdf_renders_once_and_an_unchanged_document_is_served_from_its_file(perencana, lkip, pdf_palsu):
    response = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    berkas = services.berkas_lkip(lkip).get()
    assert berkas.status == BerkasDokumen.Status.SELESAI
    assert len(pdf_palsu) == 1
    assert berkas.sidik_html == services.sidik(pdf_palsu[0])
    isi = _teks(response)
    assert "Selesai" in isi and reverse("lkip:berkas", args=[lkip.pk, berkas.pk]) in isi
    assert "sesuai isi dokumen saat ini" in isi

    again = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    assert "PDF yang tersimpan dipakai" in " ".join(_pesan(again))
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
    assert "sudah berubah" in _teks(perencana.get(lkip.get_absolute_url()))
    perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]))
    assert len(pdf_palsu) == 2
    assert services.berkas_lkip(lkip).filter(status=BerkasDokumen.Status.SELESAI).count() == 2


def test_the_status_polls_while_queued_and_stops_when_done(perencana, lkip, monkeypatch):
    # A worker that has not picked the task up yet.
    monkeypatch.setattr("lkip.views.render_lkip_pdf.delay", lambda berkas_id: None)
    response = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    berkas = services.berkas_lkip(lkip).get()
    assert berkas.status == BerkasDokumen.Status.ANTRE
    assert 'hx-trigger="every 2s"' in _teks(response)
    status_url = reverse("lkip:status_pdf", args=[lkip.pk])
    assert "Dalam antrean" in _teks(perencana.get(status_url))
    again = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    assert "sedang dibuat" in " ".join(_pesan(again))
    assert services.berkas_lkip(lkip).count() == 1

    BerkasDokumen.objects.filter(pk=berkas.pk).update(status=BerkasDokumen.Status.PROSES)
    assert "Sedang dibuat" in _teks(perencana.get(status_url))

    berkas.berkas.save("x.pdf", io.BytesIO(pdf_kecil("x")), save=False)
    berkas.status = BerkasDokumen.Status.SELESAI
    berkas.save()
    selesai = _teks(perencana.get(status_url))
    assert "Selesai" in selesai and "hx-trigger" not in selesai
    assert reverse("lkip:berkas", args=[lkip.pk, berkas.pk]) in selesai


def test_a_failed_render_shows_gagal_and_can_be_retried(perencana, lkip, monkeypatch, pdf_palsu):
    def rusak(html):
        raise RuntimeError("font hilang")

    monkeypatch.setattr("lkip.services.html_to_pdf", rusak)
    response = perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]), follow=True)
    assert "PDF gagal dibuat." in " ".join(_pesan(response))
    assert services.berkas_lkip(lkip).get().status == BerkasDokumen.Status.GAGAL
    assert "Gagal" in _teks(response) and "font hilang" in _teks(response)

    terbit = perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]), follow=True)
    assert "PDF gagal dibuat" in " ".join(_pesan(terbit))
    assert not VersiTerbit.objects.filter(lkip=lkip).exists()
    unduh = perencana.get(reverse("lkip:pdf", args=[lkip.pk]), follow=True)
    assert "PDF gagal dibuat" in " ".join(_pesan(unduh))

    monkeypatch.setattr("lkip.services.html_to_pdf", lambda html: pdf_kecil("ulang"))
    perencana.post(reverse("lkip:buat_pdf", args=[lkip.pk]))
    assert services.berkas_lkip(lkip).get().status == BerkasDokumen.Status.SELESAI


def test_the_task_renders_the_document_as_it_is_now_when_it_changed_after_the_request(lkip, pdf_palsu):
    diminta = BerkasDokumen.objects.create(**_dokumen(lkip), sidik_html=services.sidik(services.lkip_html(lkip)))
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
    assert 'hx-trigger="every 2s"' not in _teks(response)


def test_the_lkip_pdf_renders_for_real(perencana, demo):
    """One real WeasyPrint render, of a nearly empty LKIP (fast), through the view and the task."""
    kosong = Lkip.objects.create(opd=demo, tahun=2031)
    perencana.post(reverse("lkip:buat_pdf", args=[kosong.pk]))
    berkas = services.berkas_lkip(kosong).get()
    assert berkas.status == BerkasDokumen.Status.SELESAI, berkas.pesan
    teks = " ".join(subprocess.run(["pdftotext", berkas.berkas.path, "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in teks
    assert "TAHUN 2031" in teks


# --- publishing ---------------------------------------------------------------------------------


def test_publishing_is_refused_while_the_check_finds_problems(perencana, demo, pdf_palsu):
    kosong = Lkip.objects.create(opd=demo, tahun=2031)
    masalah = services.pemeriksaan(services.lkip_context(kosong))
    response = perencana.post(reverse("lkip:terbitkan", args=[kosong.pk]), follow=True)
    pesan = " ".join(_pesan(response))
    assert pesan.startswith("LKIP belum dapat diterbitkan:")
    for kalimat in masalah:
        assert kalimat in pesan
    assert not VersiTerbit.objects.filter(lkip=kosong).exists()
    assert pdf_palsu == []


def test_publishing_freezes_a_version_that_never_changes(perencana, lkip, users, pdf_palsu):
    response = perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]), follow=True)
    versi = VersiTerbit.objects.get(lkip=lkip)
    data = versi.berkas.open("rb").read()
    assert versi.nomor == 1
    assert versi.sha256 == hashlib.sha256(data).hexdigest()
    assert versi.ukuran == len(data)
    assert versi.diterbitkan_oleh == users["perencana"]
    assert versi.sha256 in _teks(response)
    assert f"versi 1 (SHA-256 {versi.sha256})" in " ".join(_pesan(response))

    versi.nomor = 9
    with pytest.raises(ValueError, match="tidak dapat diubah"):
        versi.save()
    with pytest.raises(ValueError, match="tidak dapat dihapus"):
        versi.delete()
    versi.refresh_from_db()
    assert versi.nomor == 1
    assert hashlib.sha256(versi.berkas.open("rb").read()).hexdigest() == versi.sha256

    # The same document published again is the same version; a changed one is version 2.
    perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]))
    assert VersiTerbit.objects.filter(lkip=lkip).count() == 1
    BagianLkip.objects.filter(lkip=lkip, kunci="bab4_kesimpulan").update(markdown="Kesimpulan baru.")
    perencana.post(reverse("lkip:terbitkan", args=[lkip.pk]))
    assert list(VersiTerbit.objects.filter(lkip=lkip).values_list("nomor", flat=True)) == [2, 1]


def test_every_role_of_the_opd_downloads_a_published_version(client, users, lkip, pdf_palsu):
    versi = services.lkip_terbitkan(lkip=lkip, user=users["perencana"])
    for role in ("operator", "pimpinan", "evaluator"):
        client.force_login(users[role])
        response = client.get(reverse("lkip:versi_pdf", args=[versi.pk]))
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == versi.sha256
    client.force_login(users["perencana_lain"])
    assert client.get(reverse("lkip:versi_pdf", args=[versi.pk])).status_code == 404


# --- verification ----------------------------------------------------------------------------------


@pytest.fixture
def versi(lkip, users, pdf_palsu):
    return services.lkip_terbitkan(lkip=lkip, user=users["perencana"])


def test_anyone_verifies_a_version_by_its_hash_and_downloads_that_exact_pdf(client, versi):
    url = reverse("lkip:verifikasi")
    found = client.get(url, {"sha256": versi.sha256.upper()})
    assert found.context["versi"] == versi
    assert "Terverifikasi" in _teks(found)
    unduh = client.get(reverse("lkip:verifikasi_pdf", args=[versi.sha256]))
    assert hashlib.sha256(b"".join(unduh.streaming_content)).hexdigest() == versi.sha256

    missing = client.get(url, {"sha256": "0" * 64})
    assert missing.context["versi"] is None and "Tidak ditemukan" in _teks(missing)
    assert client.get(reverse("lkip:verifikasi_pdf", args=["0" * 64])).status_code == 404


@pytest.mark.parametrize("salah", ["abc", "g" * 64, "0" * 63, "0" * 65])
def test_a_hash_that_is_not_64_hex_digits_is_refused(client, salah):
    response = client.get(reverse("lkip:verifikasi"), {"sha256": salah})
    assert "SHA-256 harus 64 karakter heksadesimal" in _teks(response)
    assert response.context["sha256"] is None


def test_an_uploaded_pdf_is_verified_by_its_content(client, versi):
    data = versi.berkas.open("rb").read()
    url = reverse("lkip:verifikasi")
    found = client.post(url, {"berkas": SimpleUploadedFile("nama-apa-saja.bin", data)})
    assert found.context["versi"] == versi
    ubah = client.post(url, {"berkas": SimpleUploadedFile("lkip.pdf", data + b"\n% diubah\n")})
    assert ubah.context["versi"] is None and "Tidak ditemukan" in _teks(ubah)


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(client, monkeypatch):
    monkeypatch.setattr("lkip.views.UKURAN_MAKS_VERIFIKASI", 0)
    response = client.post(reverse("lkip:verifikasi"),
                           {"berkas": SimpleUploadedFile("lkip.pdf", b"%PDF-" + b"0" * 70 * 1024)})
    assert response.status_code == 413
    assert "Berkas terlalu besar" in _teks(response)


def test_an_upload_that_is_not_a_pdf_or_too_large_is_refused(client, monkeypatch):
    url = reverse("lkip:verifikasi")
    palsu = client.post(url, {"berkas": SimpleUploadedFile("lkip.pdf", b"<html>bukan pdf</html>",
                                                           content_type="application/pdf")})
    assert "Berkas bukan PDF." in _teks(palsu)
    monkeypatch.setattr(lkip_forms, "UKURAN_MAKS_VERIFIKASI", 100)
    besar = client.post(url, {"berkas": SimpleUploadedFile("lkip.pdf", pdf_kecil("besar"))})
    assert "Berkas terlalu besar" in _teks(besar)
    kosong = client.post(url, {})
    assert "Masukkan SHA-256 atau pilih berkas PDF." in _teks(kosong)


# --- Perjanjian Kinerja ----------------------------------------------------------------------------


def test_the_pk_pdf_of_a_year_is_downloaded_from_the_lkip_page(perencana, lkip, users, client, pdf_palsu):
    perjanjian = perencana.get(lkip.get_absolute_url()).context["perjanjian"]
    response = perencana.get(reverse("lkip:pk_pdf", args=[perjanjian.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(pdf_palsu) == 1 and perjanjian.pihak_pertama_nama in pdf_palsu[0]
    lain = PerjanjianKinerjaFactory(opd=users["perencana_lain"].opd, tahun=2023)
    assert perencana.get(reverse("lkip:pk_pdf", args=[lain.pk])).status_code == 404


# --- in a real browser ------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.e2e
@pytest.mark.skipif(not shutil.which(CHROMIUM) and os.environ.get("CI") != "true",
                    reason="Chromium tidak terpasang di /usr/bin/chromium (di CI tes ini wajib jalan)")
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_status_polls_until_done_and_the_preview_follows_the_typing(live_server, users, demo):
    """htmx wiring: the queued status refreshes itself into a download link; typed Markdown is previewed."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    lkip = Lkip.objects.get(opd=demo, tahun=2023)
    berkas = BerkasDokumen.objects.create(**_dokumen(lkip), sidik_html="d" * 64, status=BerkasDokumen.Status.ANTRE)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", users["perencana"].username)
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


def _isi(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_reader_downloads_the_stored_pdf_but_never_causes_a_render(client, users, lkip, pdf_palsu):
    """Rendering takes seconds of a worker: only the perencana causes one (security review)."""
    url = reverse("lkip:pdf", args=[lkip.pk])
    client.force_login(users["pimpinan"])
    assert client.get(url).status_code == 302 and pdf_palsu == []
    assert client.post(reverse("lkip:buat_pdf", args=[lkip.pk])).status_code == 403
    client.force_login(users["perencana"])
    dibuat = _isi(client.get(url))
    assert len(pdf_palsu) == 1
    client.force_login(users["pimpinan"])
    response = client.get(url)
    assert response.status_code == 200 and _isi(response) == dibuat and len(pdf_palsu) == 1


def test_a_stored_pdf_whose_file_is_gone_is_rendered_again(perencana, lkip, pdf_palsu):
    url = reverse("lkip:pdf", args=[lkip.pk])
    assert perencana.get(url).status_code == 200 and len(pdf_palsu) == 1
    berkas = services.berkas_lkip(lkip).get(status=BerkasDokumen.Status.SELESAI)
    berkas.berkas.storage.delete(berkas.berkas.name)
    assert perencana.get(url).status_code == 200 and len(pdf_palsu) == 2
