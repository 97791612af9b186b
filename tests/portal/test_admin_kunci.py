"""Changes made in the admin follow the record's own rules and lock, like changes made on the portal's pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import AnggaranKas, RealisasiAnggaran
from indikator.models import Realisasi
from tests.factories import DpaFactory, IndikatorFactory, RealisasiFactory, UnitKerjaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="t-admin-kunci", role="admin", opd=None, is_staff=True,
                                   is_superuser=True))
    return client


@pytest.fixture
def realisasi():
    unit = UnitKerjaFactory()
    indikator = IndikatorFactory(opd=unit.opd, penanggung_jawab=unit)
    return RealisasiFactory(indikator=indikator, tahun=2023, triwulan=2, nilai=Decimal(4),
                            status=Realisasi.Status.DIVERIFIKASI)


def _isian(realisasi, **ubah):
    data = {"indikator": realisasi.indikator_id, "tahun": realisasi.tahun, "triwulan": realisasi.triwulan,
            "nilai": "5", "predikat": "", "pembilang": "", "penyebut": "", "analisis": "", "kendala": "",
            "versi_dibaca": realisasi.versi, "alasan_perubahan": "Salah ketik di berkas sumber"}
    data.update(ubah)
    return data


def _url(realisasi):
    return reverse("admin:indikator_realisasi_change", args=[realisasi.pk])


def test_a_verified_realisasi_changes_in_the_admin_only_with_a_reason(admin_client, realisasi):
    page = admin_client.post(_url(realisasi), _isian(realisasi, alasan_perubahan="")).content.decode()
    assert "hanya dapat diubah dengan alasan" in page
    realisasi.refresh_from_db()
    assert realisasi.nilai == Decimal(4)

    admin_client.post(_url(realisasi), _isian(realisasi))
    realisasi.refresh_from_db()
    assert realisasi.nilai == Decimal(5)
    assert realisasi.status == Realisasi.Status.DIVERIFIKASI
    assert realisasi.history.first().history_change_reason == "Salah ketik di berkas sumber"


def test_an_admin_save_after_someone_elses_is_refused_and_changes_nothing(admin_client, realisasi):
    dibuka = realisasi.versi
    Realisasi.objects.filter(pk=realisasi.pk).update(nilai=Decimal(6), versi=dibuka + 1)  # a save meanwhile
    response = admin_client.post(_url(realisasi), _isian(realisasi, versi_dibaca=dibuka), follow=True)
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    realisasi.refresh_from_db()
    assert realisasi.nilai == Decimal(6)


def test_the_admin_cannot_move_a_realisasi_status_outside_the_quarterly_cycle(admin_client, realisasi):
    admin_client.post(_url(realisasi), _isian(realisasi, status="draft"))
    realisasi.refresh_from_db()
    assert realisasi.status == Realisasi.Status.DIVERIFIKASI


def test_a_dpa_lines_quarters_are_read_only_in_the_admin(admin_client):
    dpa = DpaFactory(tahun=2030)
    kas = AnggaranKas.objects.create(dpa=dpa, triwulan=1, jumlah=Decimal(10))
    RealisasiAnggaran.objects.create(dpa=dpa, triwulan=1, jumlah=Decimal(5))
    assert admin_client.get(reverse("admin:anggaran_anggarankas_add")).status_code == 403
    admin_client.post(reverse("admin:anggaran_anggarankas_change", args=[kas.pk]),
                      {"dpa": dpa.pk, "triwulan": 1, "jumlah": "99"})
    kas.refresh_from_db()
    assert kas.jumlah == Decimal(10)
    page = admin_client.get(reverse("admin:anggaran_dpasubkegiatan_change", args=[dpa.pk])).content.decode()
    assert 'name="anggaran_kas-0-jumlah"' not in page
