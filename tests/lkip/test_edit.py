"""The LKIP in the browser: Markdown editing through the sanitiser, the optimistic lock, the IKU analyses,
the signatory, who may edit, and the admin.

A full render of the LKIP takes seconds, so html_to_pdf is replaced by a fake (tests/lkip/conftest.py)
that returns a small valid PDF per HTML and counts its calls."""


import pytest
from django.urls import reverse

from lkip import services
from lkip.models import AnalisisIku, BagianLkip
from portal.angka import format_persen
from portal.models import EditConflict, User
from tests.factories import (
    IndikatorFactory,
    UserFactory,
)
from tests.lkip.bangun import isi_halaman, pesan_dari

pytestmark = pytest.mark.usefixtures("media")


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
    for html, tag_dilarang in ((narasi, ("<script", "<img", "<a ")), (isi_halaman(halaman), ()),
                               (services.lkip_html(lkip), ("<script", "<img"))):
        assert "Teks <strong>tebal</strong> biasa." in html  # the allowed Markdown survives
        assert "klik di sini" in html
        for jahat in ("alert(", "file:///", "javascript:", "etc/passwd", "etc/shadow", "xss"):
            assert jahat not in html
        for tag in tag_dilarang:
            assert tag not in html


def test_the_live_preview_uses_the_same_sanitiser(perencana, lkip):
    url = reverse("lkip:pratinjau")
    html = isi_halaman(perencana.post(url, {"kolom": "faktor", "faktor": BERBAHAYA, "markdown": "lain"}))
    assert "Teks <strong>tebal</strong> biasa." in html and "lain" not in html
    for jahat in ("alert(", "<script", "<img", "<a ", "file:///", "javascript:"):
        assert jahat not in html
    assert perencana.post(url, {"kolom": "judul", "judul": "x"}).status_code == 400
    form = isi_halaman(perencana.get(reverse("lkip:bagian", args=[lkip.pk, "bab3_sdm"])))
    assert f'hx-post="{url}"' in form and 'id="pratinjau"' in form


def test_a_second_concurrent_save_is_refused_with_a_clear_message(perencana, lkip):
    bagian = BagianLkip.objects.get(lkip=lkip, kunci="bab4_kesimpulan")
    url = reverse("lkip:bagian", args=[lkip.pk, bagian.kunci])
    dibaca = perencana.get(url).context["form"]["versi_dibaca"].value()
    pertama = perencana.post(url, {"judul": bagian.judul, "markdown": "Versi pertama.", "versi_dibaca": dibaca})
    assert pertama["Location"] == f"{lkip.get_absolute_url()}#sub-4-1"
    kedua = perencana.post(url, {"judul": bagian.judul, "markdown": "Versi kedua.", "versi_dibaca": dibaca})
    assert kedua.status_code == 200
    assert EditConflict.message in " ".join(pesan_dari(kedua))
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
    angka = isi_halaman(halaman).split('class="card mb-3 angka-iku"')[1].split("</table>")[0]
    assert f"{format_persen(blok.ini.capaian)}%" in angka
    assert blok.ini.realisasi_teks in angka and blok.ini.target_teks in angka
    data = {"uraian": "Uraian.", "faktor": "- faktor satu\n- faktor dua", "solusi": "Solusi.",
            "langkah": "Langkah.", "versi_dibaca": form["versi_dibaca"].value()}
    assert perencana.post(url, data)["Location"] == f"{lkip.get_absolute_url()}#iku-{ctx['blok_list'][0].nomor}"
    analisis = AnalisisIku.objects.get(lkip=lkip, indikator=indikator)
    assert analisis.faktor == data["faktor"]
    assert "<li>faktor satu</li>" in isi_halaman(perencana.get(lkip.get_absolute_url()))


def test_only_the_iku_of_the_year_can_be_analysed(perencana, lkip, kantor):
    bukan_iku = IndikatorFactory(opd=lkip.opd)
    lain = IndikatorFactory(opd=kantor.perencana_lain.opd)
    for indikator in (bukan_iku, lain):
        assert perencana.get(reverse("lkip:analisis", args=[lkip.pk, indikator.pk])).status_code == 404
    assert perencana.get(reverse("lkip:bagian", args=[lkip.pk, "bukan_bagian"])).status_code == 404


def test_the_signatory_nip_is_checked_and_shown(perencana, lkip):
    url = reverse("lkip:penandatangan", args=[lkip.pk])
    data = {"tempat": "Bekasi", "tanggal": "2024-02-28", "penandatangan_nama": "Dra. Contoh, M.Si",
            "penandatangan_nip": "1234", "penandatangan_jabatan": "", "penandatangan_pangkat": "",
            "versi_dibaca": lkip.versi}
    salah = perencana.post(url, data)
    assert "NIP harus terdiri dari 18 angka." in isi_halaman(salah)
    data["penandatangan_nip"] = " 19700101  199001 1 001 "
    assert perencana.post(url, data).status_code == 302
    lkip.refresh_from_db()
    assert lkip.ttd_nip == "19700101 199001 1 001"
    assert "Dra. Contoh, M.Si" in services.lkip_html(lkip)


def test_readers_and_operators_cannot_edit(client, kantor, lkip):
    bagian = BagianLkip.objects.get(lkip=lkip, kunci="bab4_kesimpulan")
    url = reverse("lkip:bagian", args=[lkip.pk, bagian.kunci])
    for role in ("pimpinan", "evaluator", "operator"):
        client.force_login(getattr(kantor, role))
        response = client.post(url, {"judul": "x", "markdown": "diubah", "versi_dibaca": bagian.versi})
        assert response.status_code == 403
    bagian.refresh_from_db()
    assert bagian.markdown != "diubah"


def test_the_admin_lists_every_lkip_model_and_keeps_published_versions_read_only(client, versi):
    client.force_login(UserFactory(username="t-super", role=User.Role.ADMIN, is_superuser=True, is_staff=True,
                                   opd=None))
    cari = {"q": versi.lkip.opd.singkatan}
    for model in ("lkip", "bagianlkip", "analisisiku", "versiterbit"):
        assert client.get(reverse(f"admin:lkip_{model}_changelist"), cari).status_code == 200
    # The rendered PDFs are in the portal's one store of generated documents.
    assert client.get(reverse("admin:portal_berkasdokumen_changelist"), cari).status_code == 200
    ubah = reverse("admin:lkip_versiterbit_change", args=[versi.pk])
    halaman = isi_halaman(client.get(ubah))
    assert versi.sha256 in halaman and 'name="_save"' not in halaman
    assert client.post(ubah, {"nomor": 7}).status_code == 403
    assert client.post(reverse("admin:lkip_versiterbit_delete", args=[versi.pk]), {"post": "yes"}).status_code == 403
    versi.refresh_from_db()
    assert versi.nomor == 1
    assert client.get(reverse("admin:lkip_lkip_change", args=[versi.lkip_id])).status_code == 200
