"""The dashboard cache: keyed on per-OPD data versions, so never older than the data and scoped to one OPD."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from anggaran.models import AnggaranAgregat
from dasbor import versi as dasbor_versi


@pytest.fixture
def cache_dasbor(settings):
    """The cache as it runs on PostgreSQL, turned on for the SQLite test database."""
    settings.DASBOR_CACHE = True
    # Each test counts from zero; on PostgreSQL the demo load has already bumped the counters
    # (the test's transaction rolls this back).
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {dasbor_versi.TABEL}")
    dasbor_versi.sambungkan()
    cache.clear()
    yield
    dasbor_versi.putuskan()
    cache.clear()


@pytest.fixture
def setahun(kantor):
    """A complete year of the office's data, plus the rows the dashboard reads that it lacks: an OPD-level
    budget figure of another year (shown where no DPA line exists), a triwulan target, an LHE component
    and the survey's elements."""
    from decimal import Decimal

    from evaluasi.models import JUMLAH_UNSUR_SKM, KomponenAkip, UnsurSkm
    from indikator.models import TargetTriwulan

    isi = kantor.isi_setahun(TAHUN)
    AnggaranAgregat.objects.create(opd=kantor.opd, tahun=TAHUN_AGREGAT, program=None,
                                   pagu_perubahan=Decimal(REALISASI_OPD + 1000), realisasi=Decimal(REALISASI_OPD))
    TargetTriwulan.objects.create(pk_indikator=isi.pk, triwulan=1, nilai=Decimal(20))
    KomponenAkip.objects.create(evaluasi=isi.evaluasi, urutan=1, nama="Perencanaan kinerja", bobot=Decimal(30),
                                nilai=Decimal(20))
    for nomor in range(1, JUMLAH_UNSUR_SKM + 1):  # a survey's IKM needs every element
        UnsurSkm.objects.create(survei=isi.survei, nomor=nomor, nama=f"Unsur {nomor}", nrr=Decimal("3.5"))
    return isi


TAHUN = 2026
TAHUN_AGREGAT = 2025
REALISASI_OPD = 12_345_678


def _rp(nilai):
    return f"{nilai:,}".replace(",", ".")


def _simpan_realisasi_opd(opd, tahun, nilai, capture):
    item = AnggaranAgregat.objects.get(opd=opd, tahun=tahun, program__isnull=True)
    item.realisasi = nilai
    with capture(execute=True):  # the versions are bumped once the transaction commits
        item.save()


def test_a_save_in_the_opd_shows_on_its_next_dashboard(
        client, kantor, setahun, cache_dasbor, django_capture_on_commit_callbacks):
    client.force_login(kantor.evaluator)
    url = reverse("dasbor:opd") + f"?opd={kantor.opd.pk}&tahun={TAHUN_AGREGAT}"
    assert _rp(REALISASI_OPD) in client.get(url).content.decode()
    _simpan_realisasi_opd(kantor.opd, TAHUN_AGREGAT, REALISASI_OPD - 678, django_capture_on_commit_callbacks)
    body = client.get(url).content.decode()
    assert _rp(REALISASI_OPD - 678) in body
    assert _rp(REALISASI_OPD) not in body


def test_a_save_in_another_opd_leaves_the_dashboard_cached(
        client, kantor, setahun, cache_dasbor, django_assert_num_queries, django_capture_on_commit_callbacks):
    opd = kantor.opd
    client.force_login(kantor.evaluator)
    url = reverse("dasbor:opd") + f"?opd={opd.pk}&tahun={TAHUN_AGREGAT}"
    client.get(url)
    with django_assert_num_queries(4):  # session, user, the OPD, its versions: a cache hit
        client.get(url)
    other = kantor.perencana_lain.opd
    # On PostgreSQL the versions already count the demo load of the session; only their change matters.
    versi_kantor, versi_lain = dasbor_versi.versi_opd(opd.pk), dasbor_versi.versi_opd(other.pk)
    other.nama = other.nama + " (baru)"
    with django_capture_on_commit_callbacks(execute=True):
        other.save()
    assert dasbor_versi.versi_opd(other.pk)[0] == versi_lain[0] + 1
    assert dasbor_versi.versi_opd(opd.pk) == versi_kantor
    with django_assert_num_queries(4):
        client.get(url)


def test_the_city_overview_recomputes_only_the_opd_that_changed(
        client, kantor, setahun, cache_dasbor, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    from portal.models import PerangkatDaerah

    client.force_login(kantor.evaluator)
    url = reverse("dasbor:kota") + f"?tahun={TAHUN_AGREGAT}"
    assert _rp(REALISASI_OPD) in client.get(url).content.decode()
    _simpan_realisasi_opd(kantor.opd, TAHUN_AGREGAT, REALISASI_OPD - 678, django_capture_on_commit_callbacks)
    body = client.get(url).content.decode()
    assert _rp(REALISASI_OPD - 678) in body
    assert _rp(REALISASI_OPD) not in body
    assert "&lt;tr" not in body  # the cached rendered rows are not escaped again
    # The other OPD's row came from the cache: its own row only would be recomputed.
    keys = [k for k in cache._cache if ":kota-baris:" in k]  # LocMemCache in tests
    # a row per OPD (the office, the other perencana's, the demo's when the session loaded it),
    # plus the office's row of the old version
    assert len(keys) == PerangkatDaerah.objects.count() + 1


def test_without_the_cache_nothing_is_bumped(settings, kantor, cache_dasbor, django_capture_on_commit_callbacks):
    settings.DASBOR_CACHE = False  # the signals stay connected, but do nothing
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        kantor.opd.save()
    assert callbacks == []


OPD_OF = {
    "portal.PerangkatDaerah": "pk",
    "indikator.Renstra": "opd", "indikator.Indikator": "opd", "indikator.PerjanjianKinerja": "opd",
    "evaluasi.EvaluasiAkip": "opd", "evaluasi.SurveiKepuasan": "opd", "anggaran.DpaSubKegiatan": "opd",
    "anggaran.AnggaranAgregat": "opd",
    "indikator.Tujuan": "renstra__opd", "indikator.Sasaran": "tujuan__renstra__opd",
    "indikator.Target": "indikator__opd", "indikator.Realisasi": "indikator__opd",
    "indikator.PkIndikator": "indikator__opd", "indikator.TargetTriwulan": "pk_indikator__indikator__opd",
    "evaluasi.KomponenAkip": "evaluasi__opd", "evaluasi.UnsurSkm": "survei__opd",
    "anggaran.AnggaranKas": "dpa__opd", "anggaran.RealisasiAnggaran": "dpa__opd",
}


@pytest.mark.parametrize("label", OPD_OF)
def test_saving_any_row_a_dashboard_reads_bumps_its_own_opd(label, kantor, setahun, cache_dasbor,
                                                            django_capture_on_commit_callbacks):
    from django.apps import apps

    opd = kantor.opd
    model = apps.get_model(label)
    item = model.objects.filter(**{OPD_OF[label]: opd.pk if OPD_OF[label] == "pk" else opd}).first()
    assert item is not None, f"the office holds a {label}"
    before = dasbor_versi.versi_opd(opd.pk)
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    assert dasbor_versi.versi_opd(opd.pk) == (before[0] + 1, before[1])


def test_a_delete_and_a_program_link_bump_the_opd_and_shared_data_bumps_every_opd(
        kantor, setahun, cache_dasbor, django_capture_on_commit_callbacks):
    from anggaran.models import AnggaranKas, Program
    from indikator.models import Sasaran, SkalaPredikat
    from tests.factories import ProgramFactory

    opd = kantor.opd
    ProgramFactory()  # a program the sasaran does not support yet

    with django_capture_on_commit_callbacks(execute=True):
        AnggaranKas.objects.filter(dpa__opd=opd).first().delete()
    assert dasbor_versi.versi_opd(opd.pk) == (1, 0)
    sasaran = Sasaran.objects.filter(tujuan__renstra__opd=opd).first()
    with django_capture_on_commit_callbacks(execute=True):
        sasaran.program_pendukung.add(Program.objects.exclude(sasaran_didukung=sasaran).first())
    assert dasbor_versi.versi_opd(opd.pk) == (2, 0)
    with django_capture_on_commit_callbacks(execute=True):
        SkalaPredikat.objects.first().save()
    assert dasbor_versi.versi_opd(opd.pk) == (2, 1)


def test_a_cached_city_overview_runs_three_queries(client, kantor, setahun, cache_dasbor,
                                                  django_assert_num_queries):
    client.force_login(kantor.evaluator)
    url = reverse("dasbor:kota") + f"?tahun={TAHUN_AGREGAT}"
    client.get(url)
    with django_assert_num_queries(3):  # session, user, the versions of every OPD
        assert client.get(url).status_code == 200


def test_generate_city_writes_in_bulk_and_marks_every_dashboard_out_of_date(demo, cache_dasbor):
    import io

    from django.core.management import call_command

    call_command("generate_city", "--opd=1", "--tahun-awal=2025", "--tahun-akhir=2025", "--sub-kegiatan=4",
                 stdout=io.StringIO())
    assert dasbor_versi.versi_opd(demo.pk)[1] == 1  # the shared counter: every OPD recomputes
