"""A large DPA import commits in a number of queries that does not grow per row, keeping locks and history."""

import io
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from anggaran import services
from anggaran.models import AnggaranKas, DpaSubKegiatan
from portal.halaman import MAKS_PRATINJAU
from tests.anggaran.test_impor_views import TAHUN, xlsx
from tests.factories import SubKegiatanFactory, VersiFactory


@pytest.fixture
def nomenklatur(db):
    versi = VersiFactory(kode="uji-massal", tahun_mulai=TAHUN)
    return SubKegiatanFactory(kegiatan__program__bidang__urusan__versi=versi).kegiatan


def _subs(kegiatan, n):
    ada = kegiatan.sub_kegiatan.count()
    return [SubKegiatanFactory(kegiatan=kegiatan, kode=f"{i:04d}") for i in range(ada, ada + n)]


def _berkas(subs, kali=1):
    rows = []
    for i, sub in enumerate(subs, start=1):
        kas = 1000 * i * kali
        rows.append([sub.kode_lengkap, kas * 4, None, "DAU", "Kota", kas, kas, kas, kas])
    return xlsx(rows)


def _impor(kantor, berkas, commit=True, user=None):
    user = user or kantor.perencana
    return services.dpa_impor_xlsx(file=io.BytesIO(berkas.read()), opd=user.opd, tahun=TAHUN, user=user,
                                   commit=commit)


def _hitung(kantor, berkas, user):
    with CaptureQueriesContext(connection) as q:
        hasil = _impor(kantor, berkas, user=user)
    assert hasil.disimpan, hasil.kesalahan
    return len(q)


def test_the_commit_costs_the_same_queries_for_5_and_for_40_lines(kantor, nomenklatur):
    kecil, besar = _subs(nomenklatur, 5), _subs(nomenklatur, 40)
    # Two OPDs in the same state, one with 5 lines, one with 40: created, then every figure changed.
    pasangan = ((kecil, kantor.perencana), (besar, kantor.perencana_lain))
    baru = [_hitung(kantor, _berkas(subs), user) for subs, user in pasangan]
    ubah = [_hitung(kantor, _berkas(subs, 2), user) for subs, user in pasangan]
    # SQLite caps a statement at 999 parameters, so its bulk statements split sooner: a batch, not a row.
    selisih = 0 if connection.vendor == "postgresql" else 2
    assert 0 <= baru[1] - baru[0] <= selisih and 0 <= ubah[1] - ubah[0] <= selisih, (baru, ubah)
    assert max(baru + ubah) < 20
    for subs, user in pasangan:
        total = sum(AnggaranKas.objects.filter(dpa__opd=user.opd, dpa__tahun=TAHUN).values_list("jumlah", flat=True))
        assert total == sum(Decimal(1000 * i * 2 * 4) for i in range(1, len(subs) + 1))


def test_every_written_row_keeps_its_history_with_the_importer(kantor, nomenklatur):
    subs = _subs(nomenklatur, 3)
    _impor(kantor, _berkas(subs))
    _impor(kantor, _berkas(subs, 2))
    line = DpaSubKegiatan.objects.get(opd=kantor.opd, tahun=TAHUN, sub_kegiatan=subs[0])
    riwayat = list(line.history.order_by("history_id"))
    assert [(h.history_type, h.pagu_murni, h.history_user) for h in riwayat] == [
        ("+", Decimal(4000), kantor.perencana), ("~", Decimal(8000), kantor.perencana)]
    assert {h.history_change_reason for h in riwayat} == {"Impor XLSX"}
    kas = AnggaranKas.history.filter(dpa_id=line.pk, triwulan=1).order_by("history_id")
    assert [(h.history_type, h.jumlah, h.versi) for h in kas] == [("+", Decimal(1000), 0), ("~", Decimal(2000), 1)]
    assert line.versi == 1


def test_a_form_opened_before_an_import_that_changed_only_the_quarters_is_refused(kantor, nomenklatur):
    (sub,) = _subs(nomenklatur, 1)
    _impor(kantor, xlsx([[sub.kode_lengkap, 4000, None, "DAU", "Kota", 1000, 1000, 1000, 1000]]))
    line = DpaSubKegiatan.objects.get(opd=kantor.opd, sub_kegiatan=sub)
    dibuka = line.versi
    _impor(kantor, xlsx([[sub.kode_lengkap, 4000, None, "DAU", "Kota", 2000, 2000, 0, 0]]))
    line.refresh_from_db()
    assert line.versi == dibuka + 1  # the line's own fields did not change, its quarters did
    assert line.history.count() == 1  # and its audit trail has no empty entry


def test_a_line_created_by_someone_else_meanwhile_is_a_conflict_and_nothing_is_imported(client, kantor, nomenklatur):
    a, b = _subs(nomenklatur, 2)
    client.force_login(kantor.perencana)
    url = reverse("anggaran:dpa_impor", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})
    client.post(url, {"aksi": "pratinjau", "berkas": _berkas([a, b])})
    asli = services._simpan_dpa

    def sela(rencana, **kwargs):  # a colleague creates line b between the check and the write
        DpaSubKegiatan.objects.create(opd=kantor.opd, tahun=TAHUN, sub_kegiatan=b, pagu_murni=Decimal(1))
        return asli(rencana, **kwargs)

    with mock.patch.object(services, "_simpan_dpa", sela):
        page = client.post(url, {"aksi": "simpan"}, follow=True).content.decode()
    assert "sudah diubah oleh pengguna lain" in page
    assert list(DpaSubKegiatan.objects.filter(opd=kantor.opd, tahun=TAHUN).values_list("sub_kegiatan", flat=True)) \
        == [b.pk]
    assert not AnggaranKas.objects.filter(dpa__opd=kantor.opd).exists()


def test_a_long_preview_lists_the_first_changes_and_offers_all_of_them_as_xlsx(client, kantor, nomenklatur):
    subs = _subs(nomenklatur, MAKS_PRATINJAU // 4 + 1)  # a new line changes at least its 4 kas
    client.force_login(kantor.perencana)
    url = reverse("anggaran:dpa_impor", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})
    response = client.post(url, {"aksi": "pratinjau", "berkas": _berkas(subs)})
    semua = response.context["hasil"].perubahan
    assert len(semua) > MAKS_PRATINJAU
    page = response.content.decode()
    assert page.count("<tr><td>DPA</td>") == MAKS_PRATINJAU
    assert f"Ditampilkan {MAKS_PRATINJAU} perubahan pertama" in page
    lembar = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))["Perubahan"]
    assert lembar.max_row - 1 == len(semua)
