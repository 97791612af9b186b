"""The LKIP in the browser: the preview with its check, for the perencana and for a reader, and its queries.

A full render of the LKIP takes seconds, so html_to_pdf is replaced by a fake (tests/lkip/conftest.py)
that returns a small valid PDF per HTML and counts its calls."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indikator.models import PerjanjianKinerja, Realisasi
from lkip import services
from lkip.models import AnalisisIku, BagianLkip, Lkip
from lkip.views import JANGKAR_BAGIAN
from portal.models import BerkasDokumen
from tests.factories import (
    DpaFactory,
    IndikatorFactory,
    PkIndikatorFactory,
    RealisasiFactory,
)
from tests.lkip.bangun import dokumen_lkip, isi_halaman, versi_terbit

pytestmark = pytest.mark.usefixtures("media")


def test_the_preview_is_the_document_with_its_check_and_edit_links(perencana, lkip):
    ctx = services.lkip_context(lkip)
    response = perencana.get(lkip.get_absolute_url())
    isi = isi_halaman(response)
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


def test_a_pimpinan_reads_the_preview_without_edit_links(client, kantor, lkip):
    client.force_login(kantor.pimpinan)
    isi = isi_halaman(client.get(lkip.get_absolute_url()))
    assert "Kata Pengantar" in isi
    assert reverse("lkip:bagian", args=[lkip.pk, "kata_pengantar"]) not in isi
    assert reverse("lkip:terbitkan", args=[lkip.pk]) not in isi


def test_the_check_lists_what_is_missing_before_publishing(perencana, kantor):
    kosong = Lkip.objects.create(opd=kantor.opd, tahun=2031)
    response = perencana.get(kosong.get_absolute_url())
    masalah = services.pemeriksaan(services.lkip_context(kosong))
    assert masalah and response.context["pemeriksaan"] == masalah
    for kalimat in masalah:
        assert kalimat.replace('"', "&quot;") in isi_halaman(response)


def _detail_queries(client, lkip):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(lkip.get_absolute_url()).status_code == 200
    return len(ctx)


def test_the_preview_queries_do_not_grow_with_the_rows(perencana, lkip, kantor):
    versi_terbit(lkip, kantor.perencana, 1)
    BerkasDokumen.objects.create(**dokumen_lkip(lkip), sidik_html="f" * 64, status=BerkasDokumen.Status.GAGAL)
    sebelum = _detail_queries(perencana, lkip)
    # More of every kind of row the page shows: IKU with realisasi and analysis, DPA lines,
    # rendered files and published versions.
    perjanjian = PerjanjianKinerja.objects.filter(opd=lkip.opd, tahun=lkip.tahun).order_by("-jenis").first()
    iku_lama = perjanjian.indikator.first().indikator
    for n in range(3):
        ind = IndikatorFactory(opd=lkip.opd, sasaran=iku_lama.sasaran, nama=f"IKU tambahan {n}")
        PkIndikatorFactory(perjanjian=perjanjian, indikator=ind, nilai=Decimal(10), urutan=50 + n)
        RealisasiFactory(indikator=ind, tahun=lkip.tahun, triwulan=None, nilai=Decimal(9),
                         status=Realisasi.Status.DIVERIFIKASI)
        AnalisisIku.objects.create(lkip=lkip, indikator=ind, faktor=f"Faktor {n}")
        DpaFactory(opd=lkip.opd, tahun=lkip.tahun, pagu_perubahan=Decimal(1000 * (n + 1)))
        BerkasDokumen.objects.create(**dokumen_lkip(lkip), sidik_html=f"{n:064d}", status=BerkasDokumen.Status.GAGAL)
        versi_terbit(lkip, kantor.perencana, n + 2)
    sesudah = _detail_queries(perencana, lkip)
    halaman = perencana.get(lkip.get_absolute_url()).context
    assert len(halaman["blok_list"]) == perjanjian.indikator.count()
    assert len(halaman["versi_list"]) == 4
    assert sesudah == sebelum
