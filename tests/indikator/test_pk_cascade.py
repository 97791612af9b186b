"""The cascade the portal checks: every lower PK indicator supports one above, every IKU is supported, sums add up."""

import pytest
from django.urls import reverse

from indikator import jenjang as layanan
from indikator.models import Indikator, Jabatan
from tests import jenjang
from tests.factories import PerangkatDaerahFactory
from tests.kantor import TAHUN


def pesan(kantor):
    return [t.pesan for t in layanan.periksa_jenjang(layanan.jenjang_muat(kantor.opd, TAHUN))]


def pk_kabid(j):
    pk, _ = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    return pk


def test_a_lower_indicator_that_supports_nothing_and_an_unsupported_iku_are_reported(kantor):
    j = jenjang.bangun(kantor)
    jenjang.pk_dengan(pk_kabid(j), j.program[0], 100)
    hasil = pesan(kantor)
    assert f"Kepala Bidang Satu: {j.program[0].kode} tidak mendukung indikator mana pun di atasnya." in hasil
    assert f"IKU {j.iku.kode} tidak didukung PK eselon III mana pun." in hasil


def test_linking_the_lower_indicator_to_the_iku_clears_both_findings(kantor):
    j = jenjang.bangun(kantor)
    jenjang.pk_dengan(pk_kabid(j), j.program[0], 100, (10, 20, 30, 40), mendukung=j.iku)
    hasil = pesan(kantor)
    assert not [p for p in hasil if "tidak mendukung" in p or "tidak didukung" in p]


def test_supporting_an_indicator_missing_from_the_superior_pk_is_reported(kantor):
    j = jenjang.bangun(kantor)
    kabid = pk_kabid(j)
    jenjang.pk_dengan(kabid, j.program[0], 100, mendukung=j.iku)
    sub_pk, _ = layanan.pk_buat(opd=kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.subkoor)
    # eselon IV naming the IKU (two levels up), which is not in its superior's PK
    jenjang.pk_dengan(sub_pk, j.sub_kegiatan, 40, mendukung=j.iku)
    assert (f"Sub Koordinator Satu: {j.sub_kegiatan.kode} mendukung {j.iku.kode}, yang tidak ada di PK "
            "Kepala Bidang Satu yang berlaku.") in pesan(kantor)


def test_lower_quarterly_targets_that_do_not_add_up_to_a_sum_iku_are_reported(kantor):
    j = jenjang.bangun(kantor, n=2)
    kabid = pk_kabid(j)
    # IKU: 10 / 20 / 30 / 40; its two supporting program indicators (also sums, also Orang)
    jenjang.pk_dengan(kabid, j.program[0], 50, (5, 10, 15, 20), mendukung=j.iku)
    jenjang.pk_dengan(kabid, j.program[1], 45, (5, 10, 15, 15), mendukung=j.iku)
    hasil = [p for p in pesan(kantor) if "jumlah target pendukungnya" in p]
    assert hasil == [f"{j.iku.kode} TW 4: target 40 tidak sama dengan jumlah target pendukungnya (35)."]


def test_lower_targets_that_add_up_or_follow_another_rule_are_not_reported(kantor):
    j = jenjang.bangun(kantor, n=2)
    kabid = pk_kabid(j)
    jenjang.pk_dengan(kabid, j.program[0], 50, (5, 10, 15, 20), mendukung=j.iku)
    jenjang.pk_dengan(kabid, j.program[1], 50, (5, 10, 15, 20), mendukung=j.iku)
    assert not [p for p in pesan(kantor) if "jumlah target pendukungnya" in p]
    Indikator.objects.filter(pk=j.program[1].pk).update(agregasi=Indikator.Agregasi.NILAI_AKHIR)
    Indikator.objects.filter(pk=j.program[0].pk).update(satuan="Persen")
    assert not [p for p in pesan(kantor) if "jumlah target pendukungnya" in p]


def test_quarters_of_a_position_pk_that_disagree_with_its_year_are_reported(kantor):
    j = jenjang.bangun(kantor)
    jenjang.pk_dengan(pk_kabid(j), j.program[0], 100, (10, 20, 30, 30), mendukung=j.iku)
    assert (f"Kepala Bidang Satu: target triwulan {j.program[0].kode} belum sama dengan target tahunan."
            in pesan(kantor))


def test_a_position_without_a_pk_and_a_change_of_holder_are_reported(kantor):
    j = jenjang.bangun(kantor)
    pk_kabid(j)
    Jabatan.objects.filter(pk=j.kabid.pk).update(pemegang_nama="Kabid Kedua", pemegang_nip="999")
    hasil = pesan(kantor)
    assert "Sub Koordinator Satu belum memiliki PK 2026." in hasil
    assert ("Kepala Bidang Satu: pejabat penanda tangan sudah berganti; buat revisi PK karena pergantian "
            "pejabat.") in hasil


def url(kantor):
    return reverse("indikator:pk_berjenjang", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})


@pytest.mark.parametrize("peran,status", [
    ("admin", 200), ("perencana", 200), ("operator", 200), ("pimpinan", 200), ("evaluator", 200),
    ("perencana_lain", 404),
])
def test_who_reads_the_cascade_page(client, kantor, peran, status):
    jenjang.bangun(kantor)
    client.force_login(getattr(kantor, peran))
    response = client.get(url(kantor))
    assert response.status_code == status
    if status == 200:
        assert "Kepala Bidang Satu" in response.content.decode()


def test_the_cascade_page_of_another_opd_answers_404(client, kantor):
    client.force_login(kantor.perencana)
    lain = PerangkatDaerahFactory()
    assert client.get(reverse("indikator:pk_berjenjang", kwargs={"opd": lain.pk, "tahun": TAHUN})).status_code == 404


def _isi(kantor, n):
    j = jenjang.bangun(kantor, n=n)
    kabid = pk_kabid(j)
    for ind in j.program:
        jenjang.pk_dengan(kabid, ind, 100, (25, 25, 25, 25), mendukung=j.iku)
    sub_pk, _ = layanan.pk_buat(opd=kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.subkoor)
    jenjang.pk_dengan(sub_pk, j.sub_kegiatan, 40, (10, 10, 10, 10), mendukung=j.program[0])
    return j


@pytest.mark.parametrize("n", [1, 6])
def test_the_cascade_page_query_count_does_not_grow(client, kantor, n, django_assert_num_queries):
    _isi(kantor, n)
    client.force_login(kantor.pimpinan)
    client.get(url(kantor))
    # session, user, OPD, positions, PKs in force, their indicators + triwulan prefetch, nav bar
    with django_assert_num_queries(8):
        response = client.get(url(kantor))
    assert response.content.decode().count("Outcome program") == 0  # the page lists positions, not indicators


def test_the_pohon_shows_the_cascade_with_a_query_count_that_does_not_grow(client, kantor, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DASBOR_CACHE = False
    j = _isi(kantor, 1)
    client.force_login(kantor.pimpinan)
    pohon = reverse("dasbor:pohon") + f"?opd={kantor.opd.pk}&tahun={TAHUN}"
    client.get(pohon)
    counts = []
    for tambahan in (0, 5):
        kabid = layanan.pk_berlaku(opd=kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
        for i in range(tambahan):
            ind = Indikator.objects.create(opd=kantor.opd, program=j.program[0].program, kode=f"PRG-X{i}",
                                           nama=f"Outcome tambahan {i}", penanggung_jawab=kantor.unit)
            jenjang.pk_dengan(kabid, ind, 100, mendukung=j.iku)
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(pohon).content.decode()
        counts.append(len(ctx.captured_queries))
        assert page.count("Kepala Bidang Satu:") == 1 + tambahan
        # eselon IV hangs under the program indicator it supports
        assert f"Sub Koordinator Satu:</span> {j.sub_kegiatan.nama}" in page
    assert counts[0] == counts[1]


def test_the_cascade_tree_hangs_each_level_under_the_indicator_it_supports(kantor):
    j = _isi(kantor, 2)
    Jabatan.objects.create(opd=kantor.opd, eselon="III", nama="Kabid Lain", unit=kantor.unit_lain, atasan=j.kepala)
    roots, loose = layanan.pohon_pk(layanan.jenjang_muat(kantor.opd, TAHUN))
    assert [r["item"].indikator for r in roots] == [j.iku]
    eselon3 = roots[0]["anak"]
    assert sorted(n["item"].indikator.kode for n in eselon3) == [i.kode for i in j.program]
    program0 = next(n for n in eselon3 if n["item"].indikator == j.program[0])
    assert [n["item"].indikator for n in program0["anak"]] == [j.sub_kegiatan]
    assert program0["anak"][0]["jabatan"] == j.subkoor and loose == []
