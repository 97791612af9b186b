"""The quarterly realisasi page of a unit: entry, submit, verify, return, lock, evidence."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from PIL import Image

from indikator.models import Indikator, PerjanjianKinerja, Realisasi, Renstra
from portal.models import JendelaInput
from tests.berkas import pdf_biasa
from tests.factories import (
    IndikatorFactory,
    PkIndikatorFactory,
    RealisasiFactory,
    RenstraFactory,
    SasaranFactory,
    TargetFactory,
    TargetTriwulanFactory,
)

TAHUN = 2030
PDF = pdf_biasa()  # a real one-page PDF: evidence is checked by opening it


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def indikator_unit(opd, unit, n=1, **kwargs):
    """`n` sum-rule indicators of a unit with a PK target per triwulan of TAHUN (5 per quarter)."""
    renstra = Renstra.objects.filter(opd=opd, tahun_awal=TAHUN, tahun_akhir=TAHUN).first()
    sasaran = SasaranFactory(tujuan__renstra=renstra or RenstraFactory(opd=opd, tahun_awal=TAHUN, tahun_akhir=TAHUN))
    perjanjian, _ = PerjanjianKinerja.objects.get_or_create(opd=opd, tahun=TAHUN, jenis="murni")
    result = []
    for _ in range(n):
        indikator = IndikatorFactory(sasaran=sasaran, opd=opd, penanggung_jawab=unit, **kwargs)
        TargetFactory(indikator=indikator, tahun=TAHUN, nilai=Decimal(20))
        pk_ind = PkIndikatorFactory(indikator=indikator, perjanjian=perjanjian, nilai=Decimal(20))
        for tw in range(1, 5):
            TargetTriwulanFactory(pk_indikator=pk_ind, triwulan=tw, nilai=Decimal(5))
        result.append(indikator)
    return result if n > 1 else result[0]


@pytest.fixture(autouse=True)
def jendela_terbuka(db):
    """Entry of every triwulan of TAHUN is open for every OPD (the window tests close it)."""
    return [JendelaInput.objects.create(tahun=TAHUN, triwulan=tw) for tw in range(1, 5)]


@pytest.fixture
def indikator(kantor):
    return indikator_unit(kantor.opd, kantor.unit)


def unit_url(opd, unit, tw=3):
    return reverse("indikator:realisasi_unit", kwargs={"opd": opd.pk, "tahun": TAHUN, "triwulan": tw,
                                                        "unit": unit.pk})


def simpan_url(indikator, tw=3):
    return reverse("indikator:realisasi_simpan", kwargs={"tahun": TAHUN, "triwulan": tw,
                                                          "indikator": indikator.pk})


def isian(indikator, nilai="4,5", versi="", **extra):
    p = f"r{indikator.pk}-"
    data = {p + "nilai": nilai, p + "analisis": "Sesuai rencana.", p + "kendala": "", p + "versi": versi}
    data.update({p + k: v for k, v in extra.items()})
    return data


def test_it_saves_a_value_typed_with_a_decimal_comma(client, kantor, indikator):
    client.force_login(kantor.operator)
    response = client.post(simpan_url(indikator), isian(indikator, "4,5"))
    assert response.status_code == 302
    realisasi = Realisasi.objects.get(indikator=indikator, tahun=TAHUN, triwulan=3)
    assert realisasi.nilai == Decimal("4.5")
    assert realisasi.status == Realisasi.Status.DRAFT
    assert realisasi.diisi_oleh == kantor.operator


def test_it_refuses_text_in_the_value_and_names_the_field(client, kantor, indikator):
    client.force_login(kantor.operator)
    response = client.post(simpan_url(indikator), isian(indikator, "lima"))
    assert response.status_code == 422
    assert "Realisasi (%): &#x27;lima&#x27; bukan angka yang sah." in response.content.decode()
    assert not Realisasi.objects.filter(indikator=indikator).exists()


def test_it_shows_the_cumulative_capaian_of_the_typed_value(client, kantor, indikator):
    RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=1, nilai=Decimal(5))
    RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=2, nilai=Decimal(5))
    client.force_login(kantor.operator)
    url = reverse("indikator:realisasi_capaian", kwargs={"tahun": TAHUN, "triwulan": 3,
                                                          "indikator": indikator.pk})
    response = client.post(url, {f"r{indikator.pk}-nilai": "2,5"})
    # (5 + 5 + 2,5) / (5 + 5 + 5) = 83,33 %
    assert "83,33%" in response.content.decode()
    response = client.post(url, {f"r{indikator.pk}-nilai": "abc"})
    assert "bukan angka yang sah" in response.content.decode()


def test_it_refuses_the_second_of_two_concurrent_edits(client, kantor, indikator):
    realisasi = RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=3, nilai=Decimal(1))
    client.force_login(kantor.operator)
    first = client.post(simpan_url(indikator), isian(indikator, "2", versi=realisasi.versi))
    assert first.status_code == 302
    second = client.post(simpan_url(indikator), isian(indikator, "3", versi=realisasi.versi), follow=True)
    assert "sudah diubah oleh pengguna lain" in second.content.decode()
    realisasi.refresh_from_db()
    assert realisasi.nilai == Decimal(2)


def test_two_people_creating_the_same_row_do_not_overwrite_each_other(client, kantor, indikator):
    client.force_login(kantor.operator)
    client.post(simpan_url(indikator), isian(indikator, "2"))
    # The perencana's form was opened before the row existed (no versi).
    client.force_login(kantor.perencana)
    response = client.post(simpan_url(indikator), isian(indikator, "9"), follow=True)
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    assert Realisasi.objects.get(indikator=indikator).nilai == Decimal(2)


def test_operator_submits_perencana_verifies_and_the_row_is_locked(client, kantor, indikator):
    client.force_login(kantor.operator)
    client.post(simpan_url(indikator), isian(indikator, "5"))
    ajukan = reverse("indikator:realisasi_ajukan", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3,
                                                           "unit": kantor.unit.pk})
    client.post(ajukan)
    realisasi = Realisasi.objects.get(indikator=indikator)
    assert realisasi.status == Realisasi.Status.DIAJUKAN
    # While submitted the operator cannot change it.
    assert client.post(simpan_url(indikator), isian(indikator, "6", versi=realisasi.versi)).status_code == 403

    client.force_login(kantor.perencana)
    client.post(reverse("indikator:realisasi_verifikasi", args=[realisasi.pk]), {"versi": realisasi.versi})
    realisasi.refresh_from_db()
    assert realisasi.status == Realisasi.Status.DIVERIFIKASI
    assert realisasi.diverifikasi_oleh == kantor.perencana

    client.force_login(kantor.operator)
    page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert "Koreksi (dengan alasan)" in page
    response = client.post(simpan_url(indikator), isian(indikator, "6", versi=realisasi.versi))
    assert response.status_code == 422
    assert "tuliskan alasan perubahannya" in response.content.decode()
    realisasi.refresh_from_db()
    assert realisasi.nilai == Decimal(5)


def test_an_edit_after_verification_with_a_reason_is_in_the_audit_trail(client, kantor, indikator):
    realisasi = RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=3, nilai=Decimal(5),
                                 status=Realisasi.Status.DIVERIFIKASI)
    client.force_login(kantor.operator)
    response = client.post(simpan_url(indikator), isian(indikator, "5,5", versi=realisasi.versi,
                                                        alasan="Data dinas terbaru"))
    assert response.status_code == 302
    realisasi.refresh_from_db()
    assert realisasi.nilai == Decimal("5.5")
    # The operator's correction goes back to the perencana.
    assert realisasi.status == Realisasi.Status.DRAFT
    latest = realisasi.history.first()
    assert latest.history_change_reason == "Data dinas terbaru"
    assert latest.history_user == kantor.operator
    assert latest.prev_record.nilai == Decimal(5)


def test_perencana_returns_a_row_only_with_a_comment(client, kantor, indikator):
    realisasi = RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=3, status=Realisasi.Status.DIAJUKAN)
    client.force_login(kantor.perencana)
    url = reverse("indikator:realisasi_kembalikan", args=[realisasi.pk])
    response = client.post(url, {"versi": realisasi.versi, "catatan": ""}, follow=True)
    assert "Tuliskan catatan" in response.content.decode()
    client.post(url, {"versi": realisasi.versi, "catatan": "Lampirkan daftar hadir."})
    realisasi.refresh_from_db()
    assert realisasi.status == Realisasi.Status.DIKEMBALIKAN
    assert realisasi.catatan_verifikasi == "Lampirkan daftar hadir."
    client.force_login(kantor.operator)
    page = client.get(unit_url(indikator.opd, indikator.penanggung_jawab)).content.decode()
    assert "Lampirkan daftar hadir." in page


def test_a_year_end_indicator_is_not_entered_before_the_fourth_triwulan(client, kantor):
    indikator = indikator_unit(kantor.opd, kantor.unit, agregasi=Indikator.Agregasi.AKHIR_TAHUN)
    client.force_login(kantor.operator)
    assert "hanya diisi pada akhir tahun" in client.get(unit_url(kantor.opd, kantor.unit, tw=2)).content.decode()
    assert client.post(simpan_url(indikator, tw=2), isian(indikator, "5")).status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bukti.pdf", b"MZ\x90\x00 this is a program", "Isi berkas bukan PDF yang sah"),
        ("bukti.png", PDF, "Isi berkas bukan PNG yang sah"),
        ("bukti.exe", PDF, "harus berkas PDF, JPG atau PNG"),
        ("bukti.jpg", b"\xff\xd8\xff\xe0 broken", "Gambar bukti dukung rusak"),
    ],
)
def test_it_refuses_evidence_that_is_not_what_it_claims(client, kantor, indikator, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(kantor.operator)
    data = isian(indikator, "5")
    data[f"r{indikator.pk}-bukti"] = SimpleUploadedFile(name, content)
    response = client.post(simpan_url(indikator), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Realisasi.objects.filter(indikator=indikator).exists()


def test_it_refuses_evidence_larger_than_the_limit(client, kantor, indikator, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.BUKTI_MAKS_BYTES = 1024
    client.force_login(kantor.operator)
    data = isian(indikator, "5")
    data[f"r{indikator.pk}-bukti"] = SimpleUploadedFile("bukti.pdf", PDF + b"0" * 2048)
    response = client.post(simpan_url(indikator), data)
    assert "terlalu besar" in response.content.decode()


@pytest.mark.parametrize(("name", "content"), [("bukti.pdf", PDF), ("foto.png", png_bytes())])
def test_it_keeps_real_evidence_and_serves_it_only_to_readers(client, kantor, indikator, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(kantor.operator)
    data = isian(indikator, "5")
    data[f"r{indikator.pk}-bukti"] = SimpleUploadedFile(name, content)
    assert client.post(simpan_url(indikator), data).status_code == 302
    realisasi = Realisasi.objects.get(indikator=indikator)
    url = reverse("indikator:realisasi_bukti", args=[realisasi.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    client.force_login(kantor.operator_lain)
    assert client.get(url).status_code == 404
    client.force_login(kantor.perencana_lain)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_the_page_links_evidence_only_through_the_guarded_view(client, kantor, indikator):
    """No link to /media/: the stored file is reached only through the view that checks the reader."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(kantor.operator)
    data = isian(indikator, "5")
    data[f"r{indikator.pk}-bukti"] = SimpleUploadedFile("bukti.pdf", PDF)
    client.post(simpan_url(indikator), data)
    realisasi = Realisasi.objects.get(indikator=indikator)
    page = client.get(reverse("indikator:realisasi_unit", kwargs={
        "opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3, "unit": kantor.unit.pk})).content.decode()
    assert reverse("indikator:realisasi_bukti", args=[realisasi.pk]) in page
    assert realisasi.bukti.name not in page
    assert "/media/" not in page
    assert "paling besar" in page  # the size limit is told before the upload


@pytest.mark.parametrize("size", [3, 12])
def test_the_unit_page_query_count_does_not_grow_with_the_rows(client, kantor, size, django_assert_num_queries):
    from anggaran.models import RealisasiAnggaran
    from tests.factories import DpaFactory

    indikator_unit(kantor.opd, kantor.unit, n=size)
    for ind in Indikator.objects.filter(opd=kantor.opd, target__tahun=TAHUN)[: size - 1]:
        RealisasiFactory(indikator=ind, tahun=TAHUN, triwulan=3, nilai=Decimal(3))
    for _ in range(size):
        dpa = DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=kantor.unit)
        RealisasiAnggaran.objects.create(dpa=dpa, triwulan=3, jumlah=Decimal(10))
    client.force_login(kantor.operator)
    # session, user, OPD, unit, indicators, 4 prefetches (target, PK, triwulan target, realisasi),
    # the input window, the unit's latest request to open the triwulan, the unit's DPA lines with
    # their 2 prefetches (kas, realisasi anggaran), and the user's OPD and unit in the navigation bar
    with django_assert_num_queries(16):
        response = client.get(unit_url(kantor.opd, kantor.unit))
    assert response.status_code == 200
    assert response.content.decode().count('class="card mb-3') == size


def test_the_unit_page_lists_its_budget_lines_with_the_triwulans_realisasi(client, kantor):
    from openpyxl import load_workbook

    from anggaran.models import RealisasiAnggaran
    from tests.factories import DpaFactory

    diisi, kosong = (DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=kantor.unit) for _ in range(2))
    lain = DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=kantor.unit_lain)
    RealisasiAnggaran.objects.create(dpa=diisi, triwulan=3, jumlah=Decimal("1250000"))
    RealisasiAnggaran.objects.create(dpa=diisi, triwulan=2, jumlah=Decimal("7"))
    client.force_login(kantor.operator)
    page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert diisi.sub_kegiatan.kode_lengkap in page and kosong.sub_kegiatan.kode_lengkap in page
    assert lain.sub_kegiatan.kode_lengkap not in page
    assert "1.250.000" in page
    xlsx = client.get(unit_url(kantor.opd, kantor.unit) + "?format=xlsx").content
    rows = list(load_workbook(io.BytesIO(xlsx))["Anggaran"].iter_rows(min_row=2, values_only=True))
    assert {r[0]: r[4] for r in rows} == {diisi.sub_kegiatan.kode_lengkap: 1250000,
                                          kosong.sub_kegiatan.kode_lengkap: None}


def test_the_unit_page_exports_all_rows_to_xlsx(client, kantor):
    from openpyxl import load_workbook

    indikator_unit(kantor.opd, kantor.unit, n=30)
    client.force_login(kantor.operator)
    response = client.get(unit_url(kantor.opd, kantor.unit) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 31


@pytest.mark.parametrize("size", [3, 12])
def test_the_rekap_page_query_count_does_not_grow(client, kantor, size, django_assert_num_queries):
    from tests.factories import DpaFactory

    indikator_unit(kantor.opd, kantor.unit, n=size)
    for _ in range(size):
        DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=kantor.unit)
    client.force_login(kantor.perencana)
    url = reverse("indikator:realisasi_rekap", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3})
    # session, user, OPD, indicators (with their unit) + 4 prefetches, DPA lines + 2 prefetches,
    # the OPD's waiting requests to open a triwulan, the nav bar's OPD
    with django_assert_num_queries(13):
        response = client.get(url)
    # indicators, indicators not filled, budget lines without realisasi
    assert response.content.decode().count(f">{size}<") == 3


def test_the_rekap_says_which_units_have_not_entered_their_budget_realisasi(client, kantor):
    from tests.factories import DpaFactory, RealisasiAnggaranFactory

    pemberdayaan = kantor.unit_lain
    kosong = DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=pemberdayaan)
    RealisasiAnggaranFactory(dpa=DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=pemberdayaan), triwulan=3)
    client.force_login(kantor.perencana)
    url = reverse("indikator:realisasi_rekap", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3})
    page = client.get(url).content.decode()
    assert f"Realisasi anggaran belum diisi: {kosong.sub_kegiatan.kode_lengkap}</div>" in page
    assert kantor.unit_lain.nama in page


def test_outside_its_input_window_a_triwulan_is_read_only(client, kantor, indikator, jendela_terbuka):
    tw3 = jendela_terbuka[2]
    tw3.dibuka = False
    tw3.save()
    client.force_login(kantor.operator)
    page = client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert "Pengisian realisasi TW III 2030 sedang ditutup." in page  # the one message, JendelaInput.pesan_tertutup
    assert 'name="r' not in page
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 403
    # The admin, who opens the windows, can still correct.
    client.force_login(kantor.admin)
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 302


def test_a_window_is_open_only_between_its_dates(client, kantor, indikator, jendela_terbuka):
    import datetime

    import time_machine

    tw3 = jendela_terbuka[2]
    tw3.mulai, tw3.selesai = datetime.date(TAHUN, 10, 1), datetime.date(TAHUN, 10, 15)
    tw3.save()
    with time_machine.travel(datetime.datetime(TAHUN, 10, 10, 12, tzinfo=datetime.UTC)):
        client.force_login(kantor.operator)
        assert "dibuka sampai 15 Oktober 2030" in client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
        assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 302
    with time_machine.travel(datetime.datetime(TAHUN, 10, 20, 12, tzinfo=datetime.UTC)):
        client.force_login(kantor.operator)
        assert client.post(simpan_url(indikator), isian(indikator, "6", versi=0)).status_code == 403


def test_a_window_of_one_opd_overrides_the_one_for_every_opd(client, kantor, indikator):
    JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=3, dibuka=False)
    client.force_login(kantor.operator)
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 403
    JendelaInput.objects.filter(opd__isnull=True, tahun=TAHUN, triwulan=3).delete()
    JendelaInput.objects.filter(opd=kantor.opd).update(dibuka=True)
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 302


def test_a_triwulan_without_a_window_is_not_open(client, kantor, indikator):
    JendelaInput.objects.all().delete()
    client.force_login(kantor.operator)
    assert "belum dibuka" in client.get(unit_url(kantor.opd, kantor.unit)).content.decode()
    assert client.post(simpan_url(indikator), isian(indikator, "5")).status_code == 403
