"""DPA import from XLSX: template, preview, commit, all or nothing."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anggaran.models import AnggaranKas, DpaSubKegiatan
from tests.factories import DpaFactory, SubKegiatanFactory, VersiFactory
from tests.xlsx import berkas_xlsx

TAHUN = 2030
KOLOM = ["Kode sub kegiatan", "Pagu murni", "Pagu perubahan", "Sumber dana", "Lokasi",
         "Kas TW I", "Kas TW II", "Kas TW III", "Kas TW IV"]


def xlsx(rows, kolom=KOLOM):
    return berkas_xlsx("dpa.xlsx", [("DPA", kolom, rows)])


@pytest.fixture
def subs(db):
    """Two sub-kegiatan of the nomenclature in force in TAHUN."""
    versi = VersiFactory(kode="uji-2030", tahun_mulai=TAHUN)
    return [SubKegiatanFactory(kegiatan__program__bidang__urusan__versi=versi) for _ in range(2)]


def url(opd):
    return reverse("anggaran:dpa_impor", kwargs={"opd": opd.pk, "tahun": TAHUN})


def test_the_dpa_is_previewed_then_imported(client, kantor, subs):
    a, b = subs
    client.force_login(kantor.perencana)
    berkas = xlsx([[a.kode_lengkap, "1.000.000", None, "DAU", "Kota", 250000, 250000, 250000, 250000],
                   [b.kode_lengkap, 500000, "600.000,50", "", "", None, None, None, None]])
    page = client.post(url(kantor.opd), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Pratinjau:" in page
    assert not DpaSubKegiatan.objects.filter(opd=kantor.opd, tahun=TAHUN).exists()
    client.post(url(kantor.opd), {"aksi": "simpan"})
    line = DpaSubKegiatan.objects.get(opd=kantor.opd, tahun=TAHUN, sub_kegiatan=a)
    assert line.pagu_murni == Decimal(1_000_000)
    assert sorted(AnggaranKas.objects.filter(dpa=line).values_list("jumlah", flat=True)) == [250000] * 4
    kedua = DpaSubKegiatan.objects.get(opd=kantor.opd, tahun=TAHUN, sub_kegiatan=b)
    assert kedua.pagu_perubahan == Decimal("600000.50")


def test_any_bad_row_is_reported_and_nothing_is_imported(client, kantor, subs):
    a, b = subs
    client.force_login(kantor.perencana)
    berkas = xlsx([[a.kode_lengkap, "1.000.000", None, "", "", None, None, None, None],     # row 2: fine
                   ["9.99.99.9.99.9999", 100, None, "", "", None, None, None, None],      # row 3: unknown code
                   [b.kode_lengkap, -5, None, "", "", None, None, None, None]])            # row 4: negative
    page = client.post(url(kantor.opd), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Tidak ada yang diimpor: 2 baris salah." in page
    assert "Lembar DPA baris 3: Kode sub kegiatan &#x27;9.99.99.9.99.9999&#x27; tidak dikenal" in page
    assert "Lembar DPA baris 4: Pagu murni: jumlah uang tidak boleh negatif." in page
    client.post(url(kantor.opd), {"aksi": "simpan"})
    assert not DpaSubKegiatan.objects.filter(opd=kantor.opd, tahun=TAHUN).exists()


def test_anggaran_kas_not_adding_up_to_the_pagu_is_a_bad_row(client, kantor, subs):
    client.force_login(kantor.perencana)
    berkas = xlsx([[subs[0].kode_lengkap, 1000, None, "", "", 100, 100, 100, 100]])
    page = client.post(url(kantor.opd), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert ("Lembar DPA baris 2: Kas TW I–IV berjumlah Rp 400, tidak sama dengan pagu Rp 1.000 "
            "(selisih Rp -600).") in page


def test_the_template_holds_the_existing_lines(client, kantor, subs):
    DpaFactory(opd=kantor.opd, tahun=TAHUN, sub_kegiatan=subs[0], pagu_murni=Decimal(700))
    client.force_login(kantor.perencana)
    response = client.get(reverse("anggaran:dpa_template", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN}))
    rows = list(load_workbook(io.BytesIO(response.content))["DPA"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:4] == (subs[0].kode_lengkap, subs[0].nama, None, 700)


def test_the_template_uploaded_back_unchanged_changes_nothing(client, kantor, subs):
    DpaFactory(opd=kantor.opd, tahun=TAHUN, sub_kegiatan=subs[0], pagu_murni=Decimal(700))
    client.force_login(kantor.perencana)
    templat = client.get(reverse("anggaran:dpa_template", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})).content
    berkas = io.BytesIO(templat)
    berkas.name = "dpa.xlsx"
    page = client.post(url(kantor.opd), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Berkas sah, tetapi tidak ada yang berubah." in page


def test_only_the_perencana_imports_the_dpa(client, kantor):
    for role in ("operator", "pimpinan", "evaluator"):
        client.force_login(getattr(kantor, role))
        assert client.get(url(kantor.opd)).status_code == 403
    client.force_login(kantor.perencana_lain)
    assert client.get(url(kantor.opd)).status_code == 404


def test_the_import_assigns_each_line_to_the_unit_that_enters_its_realisasi(client, kantor, subs):
    kolom = [*KOLOM, "Unit kerja"]
    client.force_login(kantor.perencana)
    berkas = xlsx([[subs[0].kode_lengkap, 1000, None, "", "", None, None, None, None, "bidang satu"],
                   [subs[1].kode_lengkap, 1000, None, "", "", None, None, None, None, "Bidang Entah"]], kolom)
    page = client.post(url(kantor.opd), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert f"Lembar DPA baris 3: Unit kerja &#x27;Bidang Entah&#x27; tidak ada di {kantor.opd.nama}." in page
    assert not DpaSubKegiatan.objects.filter(opd=kantor.opd, tahun=TAHUN).exists()

    berkas = xlsx([[subs[0].kode_lengkap, 1000, None, "", "", None, None, None, None, "bidang satu"]],
                  kolom)
    page = client.post(url(kantor.opd), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert ("unit penanggung jawab</td><td class=\"angka\">–</td>"
            f"<td class=\"angka fw-semibold\">{kantor.unit.nama}") in page
    client.post(url(kantor.opd), {"aksi": "simpan"})
    baris = DpaSubKegiatan.objects.get(opd=kantor.opd, tahun=TAHUN, sub_kegiatan=subs[0])
    assert baris.unit_kerja == kantor.unit
    # The template round-trips the unit by name.
    templat = client.get(reverse("anggaran:dpa_template", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN})).content
    rows = list(load_workbook(io.BytesIO(templat))["DPA"].iter_rows(min_row=2, values_only=True))
    assert rows[0][2] == kantor.unit.nama
