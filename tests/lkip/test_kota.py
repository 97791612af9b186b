"""LKIP semua OPD: one task per OPD's LKIP, a progress page, the failures with their reason, a ZIP."""

import io
import zipfile
from unittest import mock

import pytest
from django.urls import reverse

from lkip import kota
from lkip.models import Lkip, PembuatanKota, PembuatanKotaItem
from lkip.tasks import render_lkip_kota
from tests.factories import PerangkatDaerahFactory

TAHUN = 2025
PDF = b"%PDF-1.7 uji"


@pytest.fixture
def lkip_kota(kantor):
    """The office's LKIP and two other OPDs', for TAHUN."""
    lain = [PerangkatDaerahFactory(nama="Dinas Dua"), PerangkatDaerahFactory(nama="Dinas Tiga")]
    return [Lkip.objects.create(opd=opd, tahun=TAHUN) for opd in [kantor.opd, *lain]]


@pytest.fixture
def render_palsu():
    # The LKIP's own PDF is tested in test_pdf; here one render is a second's worth of bytes.
    with mock.patch("lkip.services.html_to_pdf", return_value=PDF) as palsu:
        yield palsu


def _mulai(client, django_capture_on_commit_callbacks, tahun=TAHUN):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("lkip:kota"), {"tahun": tahun})


def test_the_evaluator_renders_every_opds_lkip_and_downloads_them_as_one_zip(
        client, kantor, lkip_kota, render_palsu, django_capture_on_commit_callbacks):
    client.force_login(kantor.evaluator)
    response = _mulai(client, django_capture_on_commit_callbacks)
    pembuatan = PembuatanKota.objects.get()
    assert response["Location"] == pembuatan.get_absolute_url()
    assert pembuatan.item.filter(status=PembuatanKotaItem.Status.SELESAI).count() == len(lkip_kota)
    page = client.get(pembuatan.get_absolute_url()).content.decode()
    assert f"{len(lkip_kota)} dari {len(lkip_kota)} selesai" in page and "hx-trigger" not in page

    arsip = zipfile.ZipFile(io.BytesIO(b"".join(client.get(reverse("lkip:kota_zip", args=[pembuatan.pk]))
                                                .streaming_content)))
    assert sorted(arsip.namelist()) == sorted(f"lkip-{lk.opd.singkatan}-{TAHUN}.pdf" for lk in lkip_kota)
    assert {arsip.read(n) for n in arsip.namelist()} == {PDF}


def test_a_failure_is_recorded_with_its_reason_and_retried_alone(
        client, kantor, lkip_kota, django_capture_on_commit_callbacks):
    client.force_login(kantor.admin)
    with mock.patch("lkip.services.html_to_pdf", side_effect=[RuntimeError("font hilang"), PDF, PDF, PDF]):
        _mulai(client, django_capture_on_commit_callbacks)
        pembuatan = PembuatanKota.objects.get()
        gagal = pembuatan.item.get(status=PembuatanKotaItem.Status.GAGAL)
        assert "font hilang" in gagal.pesan
        page = client.get(pembuatan.get_absolute_url()).content.decode()
        assert f"{len(lkip_kota) - 1} dari {len(lkip_kota)} selesai" in page and "1 gagal" in page
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("lkip:kota_ulangi", args=[pembuatan.pk]))
    assert not pembuatan.item.exclude(status=PembuatanKotaItem.Status.SELESAI).exists()


def test_a_task_delivered_twice_renders_once(kantor, lkip_kota, render_palsu, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pembuatan = kota.lkip_kota_mulai(tahun=TAHUN, user=kantor.evaluator)
    item = pembuatan.item.first()
    assert render_lkip_kota(item.pk) is None  # already done: claimed by nobody
    assert render_palsu.call_count == len(lkip_kota)


def test_without_a_worker_queue_a_big_city_is_refused_with_the_time_it_would_take(kantor, settings):
    settings.CELERY_BROKER_URL = ""
    for i in range(kota.MAKS_TANPA_ANTREAN + 1):
        Lkip.objects.create(opd=PerangkatDaerahFactory(nama=f"Dinas {i}"), tahun=TAHUN)
    with pytest.raises(kota.AksiDitolak, match=r"11 LKIP tanpa antrean .*\(perkiraan 44 detik\)"):
        kota.lkip_kota_mulai(tahun=TAHUN, user=kantor.evaluator)
    assert not PembuatanKota.objects.exists()


@pytest.mark.parametrize("peran", ["operator", "perencana", "pimpinan"])
def test_only_the_evaluator_and_the_admin_start_it(client, kantor, lkip_kota, peran):
    client.force_login(getattr(kantor, peran))
    assert client.get(reverse("lkip:kota")).status_code == 403
    assert client.post(reverse("lkip:kota"), {"tahun": TAHUN}).status_code == 403
    assert not PembuatanKota.objects.exists()


def test_a_year_without_lkip_or_garbage_is_refused_with_a_message(client, kantor, lkip_kota):
    client.force_login(kantor.evaluator)
    for tahun in ("1999", "abc", "9" * 30):
        page = client.post(reverse("lkip:kota"), {"tahun": tahun}, follow=True).content.decode()
        assert "Pilih tahun yang memiliki LKIP." in page
    assert not PembuatanKota.objects.exists()


def test_the_progress_table_is_polled_while_it_runs_and_exported_as_xlsx(client, kantor, lkip_kota):
    from openpyxl import load_workbook

    pembuatan = PembuatanKota.objects.create(tahun=TAHUN, dibuat_oleh=kantor.evaluator)
    for lk in lkip_kota:
        PembuatanKotaItem.objects.create(pembuatan=pembuatan, lkip=lk)
    client.force_login(kantor.evaluator)
    bagian = client.get(pembuatan.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert bagian.startswith('<div id="kemajuan-kota" hx-get=') and f"0 dari {len(lkip_kota)} selesai" in bagian
    lembar = load_workbook(io.BytesIO(client.get(pembuatan.get_absolute_url() + "?format=xlsx").content)).active
    assert lembar.max_row == len(lkip_kota) + 1
