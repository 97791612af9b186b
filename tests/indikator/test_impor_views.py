"""Realisasi of a triwulan through the XLSX template: download, upload, preview, commit, all or nothing."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anggaran.models import RealisasiAnggaran
from indikator.models import Realisasi
from portal.models import JendelaInput
from tests.factories import DpaFactory
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit
from tests.xlsx import berkas_xlsx

KINERJA = ["Kode indikator", "Indikator", "Satuan", "Target", "Realisasi", "Analisis", "Kendala"]
ANGGARAN = ["Kode sub kegiatan", "Sub kegiatan", "Pagu", "Anggaran kas", "Realisasi anggaran"]


@pytest.fixture
def setup(kantor):
    JendelaInput.objects.create(tahun=TAHUN, triwulan=3)
    rehab, pemberdayaan = kantor.unit, kantor.unit_lain
    return {
        "opd": kantor.opd, "rehab": rehab,
        "ind": indikator_unit(kantor.opd, rehab, n=2),
        "lain": indikator_unit(kantor.opd, pemberdayaan),
        "dpa": DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=rehab),
        "dpa_lain": DpaFactory(opd=kantor.opd, tahun=TAHUN, unit_kerja=pemberdayaan),
    }


def xlsx(kinerja, anggaran):
    return berkas_xlsx("realisasi.xlsx", [("Kinerja", KINERJA, kinerja), ("Anggaran", ANGGARAN, anggaran)])


def impor_url(s):
    return reverse("indikator:realisasi_impor", kwargs={"opd": s["opd"].pk, "tahun": TAHUN, "triwulan": 3,
                                                         "unit": s["rehab"].pk})


def test_the_template_is_prefilled_with_the_units_rows(client, kantor, setup):
    client.force_login(kantor.operator)
    url = reverse("indikator:realisasi_template", kwargs={"opd": setup["opd"].pk, "tahun": TAHUN, "triwulan": 3,
                                                           "unit": setup["rehab"].pk})
    workbook = load_workbook(io.BytesIO(client.get(url).content))
    kinerja = list(workbook["Kinerja"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in kinerja) == sorted(i.kode for i in setup["ind"])
    assert kinerja[0][3] == 5  # the PK target of TW III
    anggaran = list(workbook["Anggaran"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in anggaran] == [setup["dpa"].sub_kegiatan.kode_lengkap]


def test_an_upload_is_previewed_then_committed(client, kantor, setup):
    a, b = setup["ind"]
    kode_dpa = setup["dpa"].sub_kegiatan.kode_lengkap
    client.force_login(kantor.operator)
    berkas = xlsx([[a.kode, "", "", "", "4,5", "Sesuai", ""], [b.kode, "", "", "", 2.25, "", ""]],
                  [[kode_dpa, "", "", "", "250.000"]])
    page = client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Pratinjau: 4 perubahan" in page
    assert "250.000" in page
    assert not Realisasi.objects.filter(indikator__in=setup["ind"]).exists()

    response = client.post(impor_url(setup), {"aksi": "simpan"}, follow=True)
    assert "Impor selesai: 4 perubahan disimpan." in response.content.decode()
    assert Realisasi.objects.get(indikator=a, triwulan=3).nilai == Decimal("4.5")
    assert Realisasi.objects.get(indikator=b, triwulan=3).nilai == Decimal("2.25")
    saved = RealisasiAnggaran.objects.get(dpa=setup["dpa"], triwulan=3)
    assert saved.jumlah == Decimal(250_000)
    assert saved.history.first().history_change_reason == "Impor XLSX"


def test_any_bad_row_is_reported_with_its_number_and_nothing_is_imported(client, kantor, setup):
    a, b = setup["ind"]
    client.force_login(kantor.operator)
    berkas = xlsx(
        [[a.kode, "", "", "", "4,5", "", ""],                 # row 2: fine
         [b.kode, "", "", "", "empat", "", ""],               # row 3: text in a number
         ["TIDAK-ADA", "", "", "", "1", "", ""],              # row 4: unknown code
         [setup["lain"].kode, "", "", "", "1", "", ""]],      # row 5: another unit's indicator
        [[setup["dpa"].sub_kegiatan.kode_lengkap, "", "", "", -100],            # row 2: negative money
         [setup["dpa_lain"].sub_kegiatan.kode_lengkap, "", "", "", 100]],       # row 3: another unit's line
    )
    page = client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Tidak ada yang diimpor: 5 baris salah." in page
    assert "Lembar Kinerja baris 3: Realisasi: &#x27;empat&#x27; bukan angka yang sah." in page
    assert "Lembar Kinerja baris 4: Kode indikator &#x27;TIDAK-ADA&#x27; tidak dikenal" in page
    assert f"Lembar Kinerja baris 5: {setup['lain'].kode} adalah indikator unit lain" in page
    assert "Lembar Anggaran baris 2: Realisasi anggaran: jumlah uang tidak boleh negatif." in page
    assert "Lembar Anggaran baris 3:" in page
    assert "Simpan" not in page.split("Tidak ada yang diimpor")[1]
    client.post(impor_url(setup), {"aksi": "simpan"})
    assert not Realisasi.objects.filter(indikator=a).exists()


def test_the_commit_is_refused_if_the_data_changed_after_the_preview(client, kantor, setup):
    a, _ = setup["ind"]
    client.force_login(kantor.operator)
    client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": xlsx([[a.kode, "", "", "", "4", "", ""]], [])})
    Realisasi.objects.create(indikator=a, tahun=TAHUN, triwulan=3, nilai=Decimal(1))
    response = client.post(impor_url(setup), {"aksi": "simpan"}, follow=True)
    assert "sudah diubah oleh pengguna lain" in response.content.decode()
    assert Realisasi.objects.get(indikator=a, triwulan=3).nilai == 1


def test_a_verified_row_is_not_overwritten_by_an_import(client, kantor, setup):
    a, _ = setup["ind"]
    Realisasi.objects.create(indikator=a, tahun=TAHUN, triwulan=3, nilai=Decimal(1),
                             status=Realisasi.Status.DIVERIFIKASI)
    client.force_login(kantor.operator)
    page = client.post(impor_url(setup), {"aksi": "pratinjau",
                                          "berkas": xlsx([[a.kode, "", "", "", "4", "", ""]], [])}).content.decode()
    assert "sudah diverifikasi: ubah di halaman realisasi dengan alasan" in page


@pytest.mark.parametrize("content", [b"bukan xlsx", b"%PDF-1.4 a renamed pdf", b"Kode;Realisasi\nA;1\n"])
def test_a_file_that_is_not_xlsx_by_its_content_is_refused(client, kantor, setup, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(kantor.operator)
    page = client.post(impor_url(setup), {"aksi": "pratinjau",
                                          "berkas": SimpleUploadedFile("x.xlsx", content)}).content.decode()
    assert "Berkas bukan XLSX: isinya tidak dikenali sebagai buku kerja Excel (.xlsx)." in page
    assert "Pratinjau:" not in page


def test_a_zip_that_is_not_a_workbook_is_refused(client, kantor, setup):
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("catatan.txt", "bukan buku kerja")
    client.force_login(kantor.operator)
    page = client.post(impor_url(setup), {"aksi": "pratinjau",
                                          "berkas": SimpleUploadedFile("x.xlsx", buffer.getvalue())}).content.decode()
    assert "Berkas bukan XLSX yang dapat dibaca." in page


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, kantor, setup, settings):
    a, _ = setup["ind"]
    berkas = xlsx([[a.kode, "", "", "", "4", "", ""]], [])
    settings.IMPOR_MAKS_BYTES = len(berkas.getvalue()) - 1
    client.force_login(kantor.operator)
    page = client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Berkas terlalu besar" in page
    assert "Pratinjau:" not in page


def test_outside_the_input_window_nothing_is_imported(client, kantor, setup):
    a, _ = setup["ind"]
    JendelaInput.objects.filter(tahun=TAHUN, triwulan=3).update(dibuka=False)
    client.force_login(kantor.operator)
    page = client.post(impor_url(setup), {"aksi": "pratinjau",
                                          "berkas": xlsx([[a.kode, "", "", "", "4", "", ""]], [])}).content.decode()
    assert f"Pengisian realisasi TW III {TAHUN} sedang ditutup." in page
    client.post(impor_url(setup), {"aksi": "simpan"})
    assert not Realisasi.objects.filter(indikator=a).exists()


def test_readers_cannot_import(client, kantor, setup):
    client.force_login(kantor.pimpinan)
    assert client.get(impor_url(setup)).status_code == 403


def test_the_template_filled_in_and_uploaded_back_is_imported(client, kantor, setup):
    """The portal's own template, as downloaded, round-trips: performance and budget sheets."""
    a, _ = setup["ind"]
    client.force_login(kantor.operator)
    url = reverse("indikator:realisasi_template", kwargs={"opd": setup["opd"].pk, "tahun": TAHUN, "triwulan": 3,
                                                           "unit": setup["rehab"].pk})
    workbook = load_workbook(io.BytesIO(client.get(url).content))
    untouched = io.BytesIO()
    workbook.save(untouched)
    untouched.seek(0)
    untouched.name = "templat.xlsx"
    page = client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": untouched}).content.decode()
    assert "Berkas sah, tetapi tidak ada yang berubah." in page

    kinerja = {row[0].value: row for row in workbook["Kinerja"].iter_rows(min_row=2)}
    kinerja[a.kode][4].value = "3,75"
    workbook["Anggaran"].cell(2, 5).value = 125000
    filled = io.BytesIO()
    workbook.save(filled)
    filled.seek(0)
    filled.name = "templat.xlsx"
    client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": filled})
    client.post(impor_url(setup), {"aksi": "simpan"})
    assert Realisasi.objects.get(indikator=a, tahun=TAHUN, triwulan=3).nilai == Decimal("3.75")
    assert RealisasiAnggaran.objects.get(dpa=setup["dpa"], triwulan=3).jumlah == Decimal(125000)


def test_a_preview_that_cannot_be_committed_leaves_no_file_behind(client, kantor, setup):
    from django.core.files.storage import default_storage

    a, _ = setup["ind"]
    sebelum = set(default_storage.listdir("impor")[1]) if default_storage.exists("impor") else set()
    client.force_login(kantor.operator)
    client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": xlsx([["TIDAK-ADA", "", "", "", "1", "", ""]], [])})
    client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": xlsx([[a.kode, "", "", "", "4", "", ""]], [])})
    client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": xlsx([[a.kode, "", "", "", "5", "", ""]], [])})
    # Only the last good preview is staged; the bad one and the replaced one are gone.
    assert len(set(default_storage.listdir("impor")[1]) - sebelum) == 1
    client.post(impor_url(setup), {"aksi": "simpan"})
    assert set(default_storage.listdir("impor")[1]) - sebelum == set()
    assert Realisasi.objects.get(indikator=a, triwulan=3).nilai == 5


def test_an_import_between_opening_a_dpa_line_and_saving_it_is_not_silently_undone(client, kantor, setup):
    dpa = setup["dpa"]
    client.force_login(kantor.operator)
    detail = reverse("anggaran:dpa_detail", args=[dpa.pk])
    dibuka = client.get(detail).context["tw_form"].initial["versi"]  # the operator opens the line

    berkas = xlsx([], [[dpa.sub_kegiatan.kode_lengkap, "", "", "", "250.000"]])
    client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": berkas})
    client.post(impor_url(setup), {"aksi": "simpan"})
    assert RealisasiAnggaran.objects.get(dpa=dpa, triwulan=3).jumlah == Decimal(250_000)

    # ...and saves the form it opened before the import, with TW III still blank.
    stale = {"aksi": "triwulan", "versi": dibuka, "realisasi_1": "", "realisasi_2": "", "realisasi_3": "",
             "realisasi_4": ""}
    page = client.post(detail, stale, follow=True).content.decode()
    assert "sudah diubah oleh pengguna lain" in page
    assert "tersimpan" not in page
    assert RealisasiAnggaran.objects.get(dpa=dpa, triwulan=3).jumlah == Decimal(250_000)


def test_an_import_commit_that_meets_a_change_made_meanwhile_imports_nothing(client, kantor, setup):
    a, b = setup["ind"]
    client.force_login(kantor.operator)
    berkas = xlsx([[a.kode, "", "", "", "4", "", ""], [b.kode, "", "", "", "2", "", ""]], [])
    client.post(impor_url(setup), {"aksi": "pratinjau", "berkas": berkas})
    # Someone enters b by hand between the preview and the commit.
    Realisasi.objects.create(indikator=b, tahun=TAHUN, triwulan=3, nilai=Decimal(7))
    page = client.post(impor_url(setup), {"aksi": "simpan"}, follow=True).content.decode()
    assert "sudah diubah oleh pengguna lain" in page
    assert not Realisasi.objects.filter(indikator=a, triwulan=3).exists()
    assert Realisasi.objects.get(indikator=b, triwulan=3).nilai == Decimal(7)
