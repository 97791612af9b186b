"""The one store of generated documents: a file per input HTML, served while the input is unchanged.

The renderer is a fake that returns bytes per HTML and counts its calls; the LKIP and Renja pages
that use the store are tested in tests/lkip/test_halaman.py and tests/renja/test_pdf_tersimpan.py.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.dokumen import dokumen_ambil, dokumen_antrekan, dokumen_tersimpan
from portal.models import BerkasDokumen
from portal.pdf import sidik
from tests.factories import PerangkatDaerahFactory

LKIP = BerkasDokumen.Jenis.LKIP
RENJA = BerkasDokumen.Jenis.RENJA


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def opd(db):
    return PerangkatDaerahFactory(singkatan="DUJI")


@pytest.fixture
def pembuat():
    """A renderer that records the HTML of each call."""
    panggilan = []

    def buat(html):
        panggilan.append(html)
        return f"%PDF-1.4 {sidik(html)}".encode()

    buat.panggilan = panggilan
    return buat


def test_a_document_is_rendered_once_and_then_served_from_its_stored_file(opd, pembuat, media):
    pertama = dokumen_ambil(jenis=LKIP, opd=opd, tahun=2023, html="<p>LKIP</p>", buat=pembuat)
    kedua = dokumen_ambil(jenis=LKIP, opd=opd, tahun=2023, html="<p>LKIP</p>", buat=pembuat)
    assert pembuat.panggilan == ["<p>LKIP</p>"]
    assert kedua.pk == pertama.pk and kedua.status == BerkasDokumen.Status.SELESAI
    assert kedua.baca() == pertama.baca() == f"%PDF-1.4 {sidik('<p>LKIP</p>')}".encode()
    assert kedua.sidik_html == sidik("<p>LKIP</p>") and kedua.format == BerkasDokumen.Format.PDF
    # a file under MEDIA_ROOT, named after the document
    path = media / kedua.berkas.name
    assert path.is_file() and kedua.berkas.name.startswith("dokumen/lkip/DUJI/2023/lkip-DUJI-2023-")
    assert kedua.detik is not None and kedua.selesai_pada is not None


def test_a_changed_input_is_rendered_again_under_its_own_hash(opd, pembuat):
    lama = dokumen_ambil(jenis=LKIP, opd=opd, tahun=2023, html="<p>v1</p>", buat=pembuat)
    baru = dokumen_ambil(jenis=LKIP, opd=opd, tahun=2023, html="<p>v2</p>", buat=pembuat)
    assert pembuat.panggilan == ["<p>v1</p>", "<p>v2</p>"]
    assert baru.pk != lama.pk and baru.baca() != lama.baca()
    # the earlier file stays: it is still the document of the earlier HTML
    assert lama.siap
    assert list(BerkasDokumen.objects.dokumen(jenis=LKIP, opd=opd, tahun=2023)) == [baru, lama]


def test_a_stored_file_gone_from_disk_is_rendered_again(opd, pembuat):
    berkas = dokumen_ambil(jenis=RENJA, opd=opd, tahun=2026, html="<p>Renja</p>", buat=pembuat)
    berkas.berkas.storage.delete(berkas.berkas.name)
    assert not berkas.siap
    assert dokumen_tersimpan(jenis=RENJA, opd=opd, tahun=2026, html="<p>Renja</p>") is None

    lagi = dokumen_ambil(jenis=RENJA, opd=opd, tahun=2026, html="<p>Renja</p>", buat=pembuat)
    assert len(pembuat.panggilan) == 2
    assert lagi.pk == berkas.pk and lagi.siap and lagi.baca().startswith(b"%PDF-")


def test_reading_the_store_never_renders(opd, pembuat):
    assert dokumen_tersimpan(jenis=LKIP, opd=opd, tahun=2023, html="<p>LKIP</p>") is None
    assert not BerkasDokumen.objects.filter(opd=opd).exists()  # asking created nothing either
    dibuat = dokumen_ambil(jenis=LKIP, opd=opd, tahun=2023, html="<p>LKIP</p>", buat=pembuat)
    assert dokumen_tersimpan(jenis=LKIP, opd=opd, tahun=2023, html="<p>LKIP</p>") == dibuat
    assert len(pembuat.panggilan) == 1


def test_the_same_html_of_another_kind_opd_or_year_is_another_document(opd, pembuat):
    lain = PerangkatDaerahFactory()
    for jenis, perangkat, tahun in ((LKIP, opd, 2023), (RENJA, opd, 2023), (LKIP, lain, 2023), (LKIP, opd, 2024)):
        dokumen_ambil(jenis=jenis, opd=perangkat, tahun=tahun, html="<p>sama</p>", buat=pembuat)
    assert len(pembuat.panggilan) == 4
    assert BerkasDokumen.objects.filter(opd__in=[opd, lain]).count() == 4
    assert BerkasDokumen.objects.dokumen(jenis=RENJA, opd=opd, tahun=2023).get().jenis == RENJA


def test_a_failed_render_is_recorded_on_its_row_and_raised(opd):
    def rusak(html):
        raise RuntimeError("font hilang")

    with pytest.raises(RuntimeError, match="font hilang"):
        dokumen_ambil(jenis=LKIP, opd=opd, tahun=2023, html="<p>LKIP</p>", buat=rusak)
    berkas = BerkasDokumen.objects.get(opd=opd)
    assert berkas.status == BerkasDokumen.Status.GAGAL and berkas.pesan == "font hilang"
    assert not berkas.berkas


def test_a_background_render_is_queued_once_until_its_task_is_done_failed_or_lost(opd, pembuat):
    html = "<p>LKIP</p>"
    berkas, perlu_tugas = dokumen_antrekan(jenis=LKIP, opd=opd, tahun=2023, html=html)
    assert perlu_tugas and berkas.status == BerkasDokumen.Status.ANTRE
    assert list(BerkasDokumen.objects.filter(opd=opd)) == [berkas]
    # a second click while the task is queued or running starts no second task
    assert dokumen_antrekan(jenis=LKIP, opd=opd, tahun=2023, html=html) == (berkas, False)
    berkas.tandai(BerkasDokumen.Status.PROSES)
    assert dokumen_antrekan(jenis=LKIP, opd=opd, tahun=2023, html=html)[1] is False

    # a task that failed, or was lost (queued longer than the limit), is queued again
    berkas.tandai(BerkasDokumen.Status.GAGAL, "font hilang")
    lagi, perlu_tugas = dokumen_antrekan(jenis=LKIP, opd=opd, tahun=2023, html=html)
    assert perlu_tugas and lagi.status == BerkasDokumen.Status.ANTRE and lagi.pesan == ""
    BerkasDokumen.objects.filter(pk=berkas.pk).update(
        dibuat_pada=timezone.now() - BerkasDokumen.BATAS_TUGAS - timedelta(seconds=1))
    assert dokumen_antrekan(jenis=LKIP, opd=opd, tahun=2023, html=html)[1] is True

    # once rendered, nothing is queued
    dokumen_ambil(jenis=LKIP, opd=opd, tahun=2023, html=html, buat=pembuat)
    selesai, perlu_tugas = dokumen_antrekan(jenis=LKIP, opd=opd, tahun=2023, html=html)
    assert selesai.siap and not perlu_tugas
    assert len(pembuat.panggilan) == 1


def test_marking_a_status_only_from_another_leaves_a_row_that_moved_on(opd):
    berkas = BerkasDokumen.objects.create(jenis=LKIP, opd=opd, tahun=2023, sidik_html="a" * 64,
                                          status=BerkasDokumen.Status.GAGAL, pesan="font hilang")
    berkas.tandai(BerkasDokumen.Status.GAGAL, "Tugas tidak dapat dijalankan", hanya_dari=BerkasDokumen.Status.ANTRE)
    berkas.refresh_from_db()
    assert berkas.pesan == "font hilang"
