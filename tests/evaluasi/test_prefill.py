"""Pre-fill: what the portal's records say about a criterion, proposed, and confirmed by a person."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluasi import services
from evaluasi.models import JawabanLke
from evaluasi.prefill import jawaban_dari_bagian, saran_untuk
from indikator.models import Indikator, PerjanjianKinerja, Realisasi
from lkip.models import Lkip, VersiTerbit
from tests.factories import IndikatorFactory, RealisasiFactory, TargetFactory

TAHUN = 2025  # inside the office's Renstra 2024–2028


def _saran(penilaian):
    hasil = {}
    for k in penilaian.lke.struktur():
        hasil |= saran_untuk(penilaian, k)
    return hasil


@pytest.fixture
def penilaian(kantor):
    return services.penilaian_mulai(opd=kantor.opd, tahun=TAHUN, user=kantor.perencana)[0]


def test_the_share_bands_of_the_proposed_answer():
    assert [jawaban_dari_bagian(n, 10) for n in (10, 9, 8, 7, 6, 5, 1, 0)] == \
        ["AA", "A", "BB", "B", "CC", "C", "D", "E"]
    assert jawaban_dari_bagian(0, 0) == "E"


def test_the_renstra_of_the_year_is_proposed_with_its_link(kantor, penilaian):
    saran = _saran(penilaian)["1.1.3"]
    assert saran.jawaban == "AA" and kantor.renstra.nama in saran.keterangan
    assert saran.tautan == reverse("indikator:renstra_detail", args=[kantor.renstra.pk])
    lain = services.penilaian_mulai(opd=kantor.opd, tahun=2031, user=kantor.perencana)[0]
    assert _saran(lain)["1.1.3"].jawaban == "E"


def test_the_pk_of_the_year_its_status_and_date(kantor, penilaian):
    assert _saran(penilaian)["1.1.4"].jawaban == "E" and "1.2.1" not in _saran(penilaian)
    pk = PerjanjianKinerja.objects.create(opd=kantor.opd, tahun=TAHUN)
    assert (_saran(penilaian)["1.1.4"].jawaban, _saran(penilaian)["1.2.1"].jawaban) == ("AA", "D")
    pk.status, pk.tanggal = PerjanjianKinerja.Status.DITETAPKAN, datetime.date(TAHUN, 2, 12)
    pk.save()
    saran = _saran(penilaian)["1.2.1"]
    assert saran.jawaban == "AA" and "ditetapkan 12 Februari 2025" in saran.keterangan


def test_indicators_with_formula_and_data_source_are_counted(kantor, penilaian):
    lengkap = IndikatorFactory(sasaran=kantor.sasaran, formula="a/b×100", sumber_data="Laporan bidang")
    kurang = IndikatorFactory(sasaran=kantor.sasaran, formula="a/b×100", sumber_data="", is_iku=False)
    for i in (lengkap, kurang):
        TargetFactory(indikator=i, tahun=TAHUN)
    saran = _saran(penilaian)
    assert "1 dari 2 indikator" in saran["1.2.5"].keterangan and saran["1.2.5"].jawaban == jawaban_dari_bagian(1, 2)
    assert "1 dari 1 IKU" in saran["2.1.2"].keterangan and saran["2.1.2"].jawaban == "AA"


def test_quarters_filled_and_verified(kantor, penilaian):
    indikator = IndikatorFactory(sasaran=kantor.sasaran, agregasi=Indikator.Agregasi.NILAI_AKHIR)
    TargetFactory(indikator=indikator, tahun=TAHUN)
    for tw, status in ((1, Realisasi.Status.DIVERIFIKASI), (2, Realisasi.Status.DIVERIFIKASI),
                       (3, Realisasi.Status.DIAJUKAN)):
        RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=tw, nilai=Decimal(1), status=status,
                         diisi_pada=timezone.now())
    saran = _saran(penilaian)
    assert "terisi: 3 dari 4" in saran["2.2.4"].keterangan and saran["2.2.4"].jawaban == jawaban_dari_bagian(3, 4)
    assert "2 dari 3 realisasi" in saran["2.2.5"].keterangan and saran["2.2.5"].jawaban == jawaban_dari_bagian(2, 3)
    assert "1 dari 1 indikator" in saran["2.2.6"].keterangan and saran["2.2.7"].jawaban == "AA"


def test_the_lkip_of_the_year_drafted_signed_published_on_time(kantor, penilaian):
    saran = _saran(penilaian)
    assert saran["3.1.1"].jawaban == "E" and "3.1.6" not in saran
    lkip = Lkip.objects.create(opd=kantor.opd, tahun=TAHUN, tanggal=datetime.date(TAHUN + 1, 2, 1),
                               penandatangan_nama="Kepala Dinas Uji")
    versi = _terbit(lkip, kantor.perencana, datetime.date(TAHUN + 1, 2, 20))
    saran = _saran(penilaian)
    assert [saran[k].jawaban for k in ("3.1.1", "3.1.3", "3.1.5", "3.1.6")] == ["AA", "AA", "AA", "AA"]
    assert "20 Februari 2026" in saran["3.1.5"].keterangan and "c" * 16 in saran["3.1.5"].keterangan
    assert saran["3.1.5"].tautan == reverse("lkip:versi_pdf", args=[versi.pk])
    terlambat = services.penilaian_mulai(opd=kantor.opd, tahun=TAHUN + 1, user=kantor.perencana)[0]
    lkip = Lkip.objects.create(opd=kantor.opd, tahun=TAHUN + 1)
    _terbit(lkip, kantor.perencana, datetime.date(TAHUN + 2, 4, 10), sha="d")
    saran = _saran(terlambat)
    assert (saran["3.1.3"].jawaban, saran["3.1.6"].jawaban) == ("D", "C")
    assert "melewati batas 31 Maret 2027" in saran["3.1.6"].keterangan


def _terbit(lkip, user, hari, sha="c"):
    # A published version is never changed once saved (VersiTerbit.save): each case gets its own.
    return VersiTerbit.objects.create(lkip=lkip, nomor=1, sha256=sha * 64, ukuran=1, diterbitkan_oleh=user,
                                      diterbitkan_pada=timezone.make_aware(datetime.datetime.combine(
                                          hari, datetime.time(10))))


def test_a_proposal_is_saved_only_when_the_perencana_confirms_it(client, kantor, penilaian):
    kriteria = next(kr for k in penilaian.lke.struktur() for s in k.sub.all() for kr in s.kriteria.all()
                    if kr.kode == "1.1.3")
    client.force_login(kantor.perencana)
    url = reverse("evaluasi:komponen", args=[penilaian.pk, 1])
    teks = client.get(url).content.decode()
    assert "Data portal:" in teks and kantor.renstra.nama in teks
    assert not JawabanLke.objects.filter(penilaian=penilaian).exists()  # shown, not answered
    client.post(url, {f"k{kriteria.pk}-dari_prefill": "on"})
    j = JawabanLke.objects.get(penilaian=penilaian, kriteria=kriteria)
    assert (j.usulan.kode, j.dari_prefill, j.diisi_oleh) == ("AA", True, kantor.perencana)
    assert j.tautan == reverse("indikator:renstra_detail", args=[kantor.renstra.pk])
    assert j.tautan_label == kantor.renstra.nama
