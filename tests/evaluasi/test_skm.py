"""SKM → IKM: respondents' answers give NRR per unsur and the IKM with exactly 1/9, per service unit and OPD."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from evaluasi import skm
from evaluasi.ikm import hasil_ikm, ikm_per_unit
from evaluasi.models import RespondenSkm, SurveiKepuasan
from indikator.capaian import mutu_ikm
from indikator.models import Indikator, Realisasi
from portal.models import AksiDitolak
from tests.factories import IndikatorFactory, TargetFactory

TAHUN = 2025


def _r(skor, unit=""):
    return RespondenSkm(unit_layanan=unit, **{f"u{i}": s for i, s in enumerate(skor, start=1)})


def test_nrr_and_ikm_use_exactly_one_ninth():
    responden = [_r([4, 3, 3, 4, 3, 3, 4, 3, 3]), _r([3, 3, 3, 3, 3, 3, 3, 3, 4]), _r([4, 4, 3, 3, 3, 4, 4, 3, 3])]
    hasil = hasil_ikm("OPD", responden)
    skor = [r.skor for r in responden]
    nrr = [Fraction(sum(s[i] for s in skor), 3) for i in range(9)]
    assert hasil.nrr[0] == Decimal("3.6667")  # 11/3
    exact = sum(nrr) / 9 * 25
    assert hasil.ikm == (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"))
    with_0_11 = sum(nrr) * Fraction(11, 100) * 25  # what some tools do: about one point off
    assert abs(float(exact - with_0_11)) > 0.5
    assert hasil.mutu == mutu_ikm(hasil.ikm)


def test_the_edges_and_each_service_unit():
    assert hasil_ikm("", [_r([4] * 9)]).ikm == 100
    assert hasil_ikm("", [_r([1] * 9)]).mutu == ("D", "Tidak Baik")
    hasil = ikm_per_unit([_r([4] * 9, "Loket A"), _r([2] * 9, "Loket B"), _r([3] * 9, "Loket A")])
    assert [(h.label, h.responden, h.ikm) for h in hasil] == [
        ("Perangkat daerah", 3, hasil_ikm("", [_r([4] * 9), _r([2] * 9), _r([3] * 9)]).ikm),
        ("Loket A", 2, Decimal("87.50")), ("Loket B", 1, Decimal("50.00"))]


@pytest.fixture
def iku_ikm(kantor):
    indikator = IndikatorFactory(sasaran=kantor.sasaran, nama="Nilai Indeks Kepuasan Masyarakat (IKM)", satuan="nilai",
                                 agregasi=Indikator.Agregasi.AKHIR_TAHUN)
    TargetFactory(indikator=indikator, tahun=TAHUN, nilai=Decimal("80.50"))
    return indikator


def test_the_perencana_enters_respondents_and_sets_the_iku(client, kantor, iku_ikm):
    client.force_login(kantor.perencana)
    response = client.post(reverse("evaluasi:skm_indeks"), {"tahun": TAHUN, "periode": "Semester I"})
    survei = SurveiKepuasan.objects.get(opd=kantor.opd, tahun=TAHUN, periode="Semester I")
    assert response["Location"] == reverse("evaluasi:skm_detail", args=[survei.pk])
    url = reverse("evaluasi:skm_detail", args=[survei.pk])
    teks = client.post(url, {f"u{i}": 3 for i in range(1, 9)}).content.decode()
    assert "Isi skor U9" in teks and not survei.responden.exists()
    for skor in ([4] * 9, [3] * 9):
        client.post(url, {"unit_layanan": "Loket", "jenis_kelamin": "P", **{f"u{i}": s for i, s in
                                                                            enumerate(skor, start=1)}})
    survei.refresh_from_db()
    assert survei.jumlah_responden == 2
    assert survei.ikm() == hasil_ikm("", survei.responden.all()).ikm == Decimal("87.50")
    client.post(reverse("evaluasi:skm_tetapkan", args=[survei.pk]))
    realisasi = Realisasi.objects.get(indikator=iku_ikm, tahun=TAHUN, triwulan=4)
    assert realisasi.nilai == survei.ikm() and realisasi.status == Realisasi.Status.DIVERIFIKASI
    assert "2 responden" in realisasi.analisis


def test_a_survey_recorded_from_a_report_takes_no_respondents(kantor):
    survei = SurveiKepuasan.objects.create(opd=kantor.opd, tahun=TAHUN, nilai_ikm=Decimal("85.77"))
    with pytest.raises(AksiDitolak, match="dicatat dari laporan SKM"):
        skm.survei_tambah_responden(survei=survei, user=kantor.perencana, data={f"u{i}": 3 for i in range(1, 10)})
    survei.refresh_from_db()
    assert survei.nilai_ikm == Decimal("85.77")


def test_only_the_perencana_of_the_opd_enters(kantor):
    survei = skm.survei_buat(opd=kantor.opd, tahun=TAHUN, periode="", user=kantor.perencana)
    for user in (kantor.pimpinan, kantor.evaluator, kantor.perencana_lain):
        with pytest.raises(AksiDitolak):
            skm.survei_tambah_responden(survei=survei, user=user, data={f"u{i}": 3 for i in range(1, 10)})
