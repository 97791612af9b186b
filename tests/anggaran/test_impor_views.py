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


def url(demo):
    return reverse("anggaran:dpa_impor", kwargs={"opd": demo.pk, "tahun": TAHUN})


def test_the_dpa_is_previewed_then_imported(client, users, demo, subs):
    a, b = subs
    client.force_login(users["perencana"])
    berkas = xlsx([[a.kode_lengkap, "1.000.000", None, "DAU", "Kota", 250000, 250000, 250000, 250000],
                   [b.kode_lengkap, 500000, "600.000,50", "", "", None, None, None, None]])
    page = client.post(url(demo), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Pratinjau:" in page
    assert not DpaSubKegiatan.objects.filter(opd=demo, tahun=TAHUN).exists()
    client.post(url(demo), {"aksi": "simpan"})
    line = DpaSubKegiatan.objects.get(opd=demo, tahun=TAHUN, sub_kegiatan=a)
    assert line.pagu_murni == Decimal(1_000_000)
    assert sorted(AnggaranKas.objects.filter(dpa=line).values_list("jumlah", flat=True)) == [250000] * 4
    assert DpaSubKegiatan.objects.get(opd=demo, tahun=TAHUN, sub_kegiatan=b).pagu_perubahan == Decimal("600000.50")


def test_any_bad_row_is_reported_and_nothing_is_imported(client, users, demo, subs):
    a, b = subs
    client.force_login(users["perencana"])
    berkas = xlsx([[a.kode_lengkap, "1.000.000", None, "", "", None, None, None, None],     # row 2: fine
                   ["9.99.99.9.99.9999", 100, None, "", "", None, None, None, None],      # row 3: unknown code
                   [b.kode_lengkap, -5, None, "", "", None, None, None, None]])            # row 4: negative
    page = client.post(url(demo), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Tidak ada yang diimpor: 2 baris salah." in page
    assert "Lembar DPA baris 3: Kode sub kegiatan &#x27;9.99.99.9.99.9999&#x27; tidak dikenal" in page
    assert "Lembar DPA baris 4: Pagu murni: jumlah uang tidak boleh negatif." in page
    client.post(url(demo), {"aksi": "simpan"})
    assert not DpaSubKegiatan.objects.filter(opd=demo, tahun=TAHUN).exists()


def test_anggaran_kas_not_adding_up_to_the_pagu_is_a_bad_row(client, users, demo, subs):
    client.force_login(users["perencana"])
    berkas = xlsx([[subs[0].kode_lengkap, 1000, None, "", "", 100, 100, 100, 100]])
    page = client.post(url(demo), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert ("Lembar DPA baris 2: Kas TW I–IV berjumlah Rp 400, tidak sama dengan pagu Rp 1.000 "
            "(selisih Rp -600).") in page


def test_the_template_holds_the_existing_lines(client, users, demo, subs):
    DpaFactory(opd=demo, tahun=TAHUN, sub_kegiatan=subs[0], pagu_murni=Decimal(700))
    client.force_login(users["perencana"])
    response = client.get(reverse("anggaran:dpa_template", kwargs={"opd": demo.pk, "tahun": TAHUN}))
    rows = list(load_workbook(io.BytesIO(response.content))["DPA"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:4] == (subs[0].kode_lengkap, subs[0].nama, None, 700)


def test_the_template_uploaded_back_unchanged_changes_nothing(client, users, demo, subs):
    DpaFactory(opd=demo, tahun=TAHUN, sub_kegiatan=subs[0], pagu_murni=Decimal(700))
    client.force_login(users["perencana"])
    templat = client.get(reverse("anggaran:dpa_template", kwargs={"opd": demo.pk, "tahun": TAHUN})).content
    berkas = io.BytesIO(templat)
    berkas.name = "dpa.xlsx"
    page = client.post(url(demo), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Berkas sah, tetapi tidak ada yang berubah." in page


def test_only_the_perencana_imports_the_dpa(client, users, demo):
    for role in ("operator", "pimpinan", "evaluator"):
        client.force_login(users[role])
        assert client.get(url(demo)).status_code == 403
    client.force_login(users["perencana_lain"])
    assert client.get(url(demo)).status_code == 404


def test_the_import_assigns_each_line_to_the_unit_that_enters_its_realisasi(client, users, demo, subs):
    from portal.models import UnitKerja

    rehab = UnitKerja.objects.get(opd=demo, nama="Bidang Rehabilitasi Sosial")
    kolom = [*KOLOM, "Unit kerja"]
    client.force_login(users["perencana"])
    berkas = xlsx([[subs[0].kode_lengkap, 1000, None, "", "", None, None, None, None, "bidang rehabilitasi sosial"],
                   [subs[1].kode_lengkap, 1000, None, "", "", None, None, None, None, "Bidang Entah"]], kolom)
    page = client.post(url(demo), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert "Lembar DPA baris 3: Unit kerja &#x27;Bidang Entah&#x27; tidak ada di Dinas Sosial Kota Bekasi." in page
    assert not DpaSubKegiatan.objects.filter(opd=demo, tahun=TAHUN).exists()

    berkas = xlsx([[subs[0].kode_lengkap, 1000, None, "", "", None, None, None, None, "bidang rehabilitasi sosial"]],
                  kolom)
    page = client.post(url(demo), {"aksi": "pratinjau", "berkas": berkas}).content.decode()
    assert f"unit penanggung jawab</td><td class=\"angka\">–</td><td class=\"angka fw-semibold\">{rehab.nama}" in page
    client.post(url(demo), {"aksi": "simpan"})
    assert DpaSubKegiatan.objects.get(opd=demo, tahun=TAHUN, sub_kegiatan=subs[0]).unit_kerja == rehab
    # The template round-trips the unit by name.
    templat = client.get(reverse("anggaran:dpa_template", kwargs={"opd": demo.pk, "tahun": TAHUN})).content
    rows = list(load_workbook(io.BytesIO(templat))["DPA"].iter_rows(min_row=2, values_only=True))
    assert rows[0][2] == rehab.nama
