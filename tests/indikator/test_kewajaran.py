"""A value a careful verifier would refuse is refused the same way in the form, the XLSX import and the admin."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Indikator, Realisasi
from tests.factories import (
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    PkIndikatorFactory,
    RealisasiFactory,
    TargetFactory,
)
from tests.kantor import TAHUN, buka_jendela
from tests.xlsx import berkas_xlsx

KINERJA = ["Kode indikator", "Indikator", "Satuan", "Target", "Realisasi", "Analisis", "Kendala"]
ANGGARAN = ["Kode sub kegiatan", "Sub kegiatan", "Pagu", "Anggaran kas", "Realisasi anggaran"]


@pytest.fixture
def persen(kantor):
    """A last-value Persen indicator of the operator's unit, target 80 in TAHUN, TW III open."""
    buka_jendela(TAHUN, 3)
    indikator = IndikatorFactory(sasaran=kantor.sasaran, opd=kantor.opd, penanggung_jawab=kantor.unit,
                                 satuan="Persen", agregasi=Indikator.Agregasi.NILAI_AKHIR)
    TargetFactory(indikator=indikator, tahun=TAHUN, nilai=Decimal(80))
    return indikator


@pytest.fixture
def akip(kantor):
    buka_jendela(TAHUN, 4)
    indikator = IndikatorFactory(sasaran=kantor.sasaran, opd=kantor.opd, penanggung_jawab=kantor.unit,
                                 satuan="Predikat", jenis_nilai=Indikator.JenisNilai.PREDIKAT,
                                 agregasi=Indikator.Agregasi.AKHIR_TAHUN)
    TargetFactory(indikator=indikator, tahun=TAHUN, nilai=None, predikat="BB")
    return indikator


def _simpan(client, indikator, tahun=TAHUN, tw=3, **isian):
    url = reverse("indikator:realisasi_simpan", kwargs={"tahun": tahun, "triwulan": tw, "indikator": indikator.pk})
    data = {f"r{indikator.pk}-{k}": v for k, v in {"analisis": "", "kendala": "", "versi": "", **isian}.items()}
    return client.post(url, data)


@pytest.mark.parametrize(("ketik", "pesan"), [
    ("95.500", "Realisasi paling besar 100 Persen: maksud Anda 95,5?"),
    ("-5", "Realisasi tidak boleh negatif."),
    ("100,01", "Realisasi paling besar 100 Persen."),
    ("0,0000001", "Realisasi: paling banyak 6 angka di belakang koma."),
    ("123456789012345", "Realisasi: angka terlalu besar (paling banyak 14 digit)."),
])
def test_the_form_refuses_an_implausible_percentage_naming_the_range(client, kantor, persen, ketik, pesan):
    client.force_login(kantor.operator)
    response = _simpan(client, persen, nilai=ketik)
    assert response.status_code == 422
    assert pesan in response.content.decode()
    assert not Realisasi.objects.filter(indikator=persen).exists()


def test_a_range_the_indicator_sets_replaces_the_default(client, kantor, persen):
    persen.nilai_maks, persen.boleh_negatif = Decimal(300), True
    persen.save()
    client.force_login(kantor.operator)
    assert _simpan(client, persen, nilai="242,83").status_code == 302
    assert Realisasi.objects.get(indikator=persen).nilai == Decimal("242.83")
    Realisasi.objects.all().delete()
    assert _simpan(client, persen, nilai="-5").status_code == 302


def test_a_predicate_indicator_takes_only_the_predicates_of_its_scale(client, kantor, akip):
    client.force_login(kantor.operator)
    page = client.get(reverse("indikator:realisasi_unit", kwargs={
        "opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 4, "unit": kantor.unit.pk})).content.decode()
    assert f'<select name="r{akip.pk}-predikat"' in page and '<option value="BB">BB</option>' in page
    assert _simpan(client, akip, tw=4, predikat="XYZ").status_code == 422
    assert not Realisasi.objects.filter(indikator=akip).exists()
    assert _simpan(client, akip, tw=4, predikat="BB").status_code == 302
    assert Realisasi.objects.get(indikator=akip).predikat == "BB"


def test_a_year_outside_the_renstra_is_refused(client, kantor, persen):
    buka_jendela(2031, 3)
    client.force_login(kantor.operator)
    response = _simpan(client, persen, tahun=2031, nilai="50")
    assert response.status_code == 403
    assert "Tahun 2031 di luar periode Renstra Dinas Uji (2024–2028)." in response.content.decode()
    assert not Realisasi.objects.filter(indikator=persen).exists()


def _impor(client, kantor, kinerja):
    url = reverse("indikator:realisasi_impor", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3,
                                                        "unit": kantor.unit.pk})
    berkas = berkas_xlsx("r.xlsx", [("Kinerja", KINERJA, kinerja), ("Anggaran", ANGGARAN, [])])
    page = client.post(url, {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    client.post(url, {"aksi": "simpan"})
    return page


def test_the_import_refuses_the_same_values_with_the_same_words(client, kantor, persen):
    client.force_login(kantor.operator)
    page = _impor(client, kantor, [[persen.kode, "", "", "", "95.500", "", ""]])
    assert "Lembar Kinerja baris 2: Realisasi paling besar 100 Persen: maksud Anda 95,5?" in page
    page = _impor(client, kantor, [[persen.kode, "", "", "", -5, "", ""]])
    assert "Lembar Kinerja baris 2: Realisasi tidak boleh negatif." in page
    assert not Realisasi.objects.filter(indikator=persen).exists()


def test_the_import_refuses_a_predicate_outside_the_scale(client, kantor, akip):
    buka_jendela(TAHUN, 3)
    client.force_login(kantor.operator)
    url = reverse("indikator:realisasi_impor", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 4,
                                                        "unit": kantor.unit.pk})
    berkas = berkas_xlsx("r.xlsx", [("Kinerja", KINERJA, [[akip.kode, "", "", "", "XYZ", "", ""]]),
                                    ("Anggaran", ANGGARAN, [])])
    page = client.post(url, {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "predikat &#x27;XYZ&#x27; tidak dikenal; pilih salah satu dari AA, A, BB, B, CC, C, D." in page


def test_the_admin_refuses_an_implausible_value(client, kantor, persen):
    realisasi = RealisasiFactory(indikator=persen, tahun=TAHUN, triwulan=3, nilai=Decimal(50))
    client.force_login(kantor.admin)
    data = {"indikator": persen.pk, "tahun": TAHUN, "triwulan": 3, "nilai": "150", "predikat": "",
            "pembilang": "", "penyebut": "", "analisis": "", "kendala": "", "versi_dibaca": realisasi.versi}
    page = client.post(reverse("admin:indikator_realisasi_change", args=[realisasi.pk]), data).content.decode()
    assert "Realisasi paling besar 100 Persen." in page
    realisasi.refresh_from_db()
    assert realisasi.nilai == Decimal(50)


def test_targets_follow_the_same_rules_in_the_pk_grid(client, kantor, akip, persen):
    perjanjian = PerjanjianKinerjaFactory(opd=kantor.opd, tahun=TAHUN)
    PkIndikatorFactory(perjanjian=perjanjian, indikator=akip, nilai=None, predikat="BB")
    PkIndikatorFactory(perjanjian=perjanjian, indikator=persen, nilai=Decimal(80))
    client.force_login(kantor.perencana)
    data = {"aksi": "simpan", "versi": perjanjian.versi,
            **{f"t{akip.pk}_{tw}": "" for tw in range(5)}, f"t{akip.pk}_0": "XYZ",
            **{f"t{persen.pk}_{tw}": "" for tw in range(5)}, f"t{persen.pk}_0": "95.500"}
    page = client.post(reverse("indikator:pk", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN}), data)
    text = page.content.decode()
    assert page.status_code == 422
    assert "predikat &#x27;XYZ&#x27; tidak dikenal" in text
    assert "maksud Anda 95,5?" in text
    assert perjanjian.indikator.get(indikator=akip).predikat == "BB"
