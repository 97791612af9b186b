"""Control characters in text, by every way text comes in: form, admin, XLSX import, command.

Free text keeps tab and newline; codes and names (kode, nama, nomor, NIP) keep
neither. One message, naming the field, everywhere.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from indikator.models import Indikator, Realisasi
from portal.models import JendelaInput, PerangkatDaerah
from portal.teks import alasan_teks_ditolak, satu_baris
from renja.forms import TargetSpmForm
from tests.factories import IndikatorFactory
from tests.indikator.test_realisasi_views import TAHUN, indikator_unit, isian, simpan_url

PESAN_VT = "Kolom Analisis memuat karakter kendali (mis. \\x0b); hapus lalu simpan lagi."


@pytest.mark.parametrize("teks", ["baris satu\nbaris dua", "kolom\tkolom", "dari textarea\r\nbaris dua", "Ünïcödé €"])
def test_free_text_keeps_tab_and_newline(teks):
    assert alasan_teks_ditolak(teks, "Analisis") is None


@pytest.mark.parametrize("kendali", ["\x0b", "\x1b", "\x00", "\x07", "\x7f", "\x85", "\ufffe"])
def test_free_text_refuses_every_other_control_character(kendali):
    pesan = alasan_teks_ditolak(f"naik{kendali}tajam", "Analisis")
    assert pesan is not None and pesan.startswith("Kolom Analisis memuat karakter kendali (mis. ")


def test_the_message_shows_the_character_it_found():
    assert alasan_teks_ditolak("naik\x0btajam", "Analisis") == PESAN_VT


@pytest.mark.parametrize("nama", ["kode", "nama", "nomor", "penandatangan_nip", "kepala_nama", "satuan_maju"])
def test_codes_and_names_refuse_a_line_break_and_a_tab(nama):
    assert satu_baris(nama)
    assert alasan_teks_ditolak("IKU\r\n1", "Kode", baris_tunggal=True) == (
        "Kolom Kode memuat karakter kendali (mis. \\x0d, pindah baris); hapus lalu simpan lagi.")
    assert "tab" in alasan_teks_ditolak("IKU\t1", "Kode", baris_tunggal=True)


@pytest.mark.parametrize("nama", ["analisis", "uraian", "catatan", "markdown"])
def test_free_text_fields_are_not_one_line(nama):
    assert not satu_baris(nama)


def _indikator_data(kantor, **extra):
    data = {"kode": "IKU-BARU", "nama": "Persentase PPKS terlayani", "satuan": "%", "formula": "a / b",
            "alasan": "", "sumber_data": "SIKS-NG", "penanggung_jawab": kantor.unit.pk, "is_iku": "on",
            "jenis_nilai": "angka", "polaritas": "positif", "rumus_negatif": "dua_target", "agregasi": "jumlah",
            "versi": ""}
    data.update(extra)
    return data


def test_an_indicator_code_with_a_line_break_is_refused_by_the_form(client, kantor):
    client.force_login(kantor.perencana)
    url = reverse("indikator:indikator_tambah_sasaran", args=[kantor.sasaran.pk])
    page = client.post(url, _indikator_data(kantor, kode="IKU\r\n1")).content.decode()
    assert "Kolom Kode memuat karakter kendali (mis. \\x0d, pindah baris); hapus lalu simpan lagi." in page
    assert not Indikator.objects.filter(opd=kantor.opd).exists()


def test_a_name_with_a_line_break_is_refused_but_a_formula_keeps_its_lines(client, kantor):
    client.force_login(kantor.perencana)
    url = reverse("indikator:indikator_tambah_sasaran", args=[kantor.sasaran.pk])
    page = client.post(url, _indikator_data(kantor, nama="Persentase\nPPKS")).content.decode()
    assert "Kolom Nama indikator memuat karakter kendali (mis. \\x0a, pindah baris)" in page
    assert client.post(url, _indikator_data(kantor, formula="a\r\n÷ b")).status_code == 302
    assert Indikator.objects.get(opd=kantor.opd).formula == "a\r\n÷ b"


@pytest.fixture
def jendela(db):
    return JendelaInput.objects.create(tahun=TAHUN, triwulan=3)


def test_an_analysis_with_a_control_character_is_refused_by_the_realisasi_form(client, kantor, jendela):
    indikator = indikator_unit(kantor.opd, kantor.unit)
    client.force_login(kantor.operator)
    response = client.post(simpan_url(indikator), isian(indikator, analisis="Naik\x0b tajam"))
    assert PESAN_VT in response.content.decode()
    assert not Realisasi.objects.filter(indikator=indikator).exists()


def test_the_admin_refuses_a_control_character_in_a_name(admin_client, kantor):
    opd = kantor.opd
    url = reverse("admin:portal_perangkatdaerah_change", args=[opd.pk])
    data = {"kode": opd.kode, "nama": "Dinas\x1b[31m Uji", "singkatan": opd.singkatan, "alamat": "",
            "kepala_nama": "", "kepala_nip": "", "kepala_jabatan": "", "kepala_pangkat": "",
            "ambang_tercapai": "100", "ambang_perhatian": "85",
            "unit_kerja-TOTAL_FORMS": "0", "unit_kerja-INITIAL_FORMS": "0"}
    page = admin_client.post(url, data).content.decode()
    assert "Kolom Nama memuat karakter kendali (mis. \\x1b); hapus lalu simpan lagi." in page
    opd.refresh_from_db()
    assert opd.nama == "Dinas Uji"


def _templat(indikator, analisis):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kinerja"
    sheet.append(["Kode indikator", "Indikator", "Satuan", "Target", "Realisasi", "Analisis", "Kendala"])
    sheet.append([indikator.kode, indikator.nama, "%", 5, 4, analisis, ""])
    workbook.create_sheet("Anggaran").append(["Kode sub kegiatan", "Sub kegiatan", "Pagu", "Anggaran kas",
                                              "Realisasi anggaran"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "templat.xlsx"
    return buffer


def test_the_import_refuses_the_row_and_saves_nothing(client, kantor, jendela):
    # XML cannot carry C0 controls (a cell never holds \x1b), but the C1 ones, like CSI \x9b, it can.
    indikator = indikator_unit(kantor.opd, kantor.unit)
    url = reverse("indikator:realisasi_impor", kwargs={"opd": kantor.opd.pk, "tahun": TAHUN, "triwulan": 3,
                                                        "unit": kantor.unit.pk})
    client.force_login(kantor.operator)
    page = client.post(url, {"aksi": "pratinjau", "berkas": _templat(indikator, "Naik\x9b31m tajam")})
    assert "Kolom Analisis memuat karakter kendali (mis. \\x9b); hapus lalu simpan lagi." in page.content.decode()
    assert client.post(url, {"aksi": "simpan"}).status_code in (200, 302)
    assert not Realisasi.objects.filter(indikator=indikator).exists()
    # The same row without the character is accepted: the refusal was the character's.
    page = client.post(url, {"aksi": "pratinjau", "berkas": _templat(indikator, "Naik tajam")}).content.decode()
    assert "memuat karakter kendali" not in page and "Naik tajam" in page


def test_the_copy_command_refuses_a_code_with_a_line_break(kantor):
    IndikatorFactory(opd=kantor.opd, sasaran=kantor.sasaran)
    with pytest.raises(CommandError, match="--kode: Kolom Kode memuat karakter kendali"):
        call_command("gandakan_opd", opd=kantor.opd.singkatan, kode="BENCH\n2X", stdout=io.StringIO())
    assert not PerangkatDaerah.objects.filter(kode__startswith="BENCH").exists()


@pytest.mark.parametrize("teks", ["0,0000001", "12,345"])
def test_a_spm_target_with_more_decimals_than_its_column_is_refused_not_rounded(teks):
    form = TargetSpmForm(data={"jenis_pelayanan": "Rehabilitasi", "indikator": "Persentase", "target": teks,
                               "satuan": "%"})
    assert not form.is_valid()
    assert form.errors["target"] == ["Target: paling banyak 2 angka di belakang koma."]


def test_a_spm_target_within_its_column_is_kept_exactly():
    form = TargetSpmForm(data={"jenis_pelayanan": "Rehabilitasi", "indikator": "Persentase", "target": "99,95",
                               "satuan": "%"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["target"] == Decimal("99.95")


APPS = ("portal", "anggaran", "indikator", "evaluasi", "dasbor", "renja", "lkip")


def test_every_model_with_text_checks_it():
    from django.apps import apps
    from django.db import models

    from portal.teks import TeksAmanModel

    tanpa = [m.__name__ for m in apps.get_models() if m._meta.app_label in APPS
             and not m.__name__.startswith("Historical")
             and any(isinstance(f, (models.CharField, models.TextField)) for f in m._meta.concrete_fields)
             and not issubclass(m, TeksAmanModel)]
    assert tanpa == []
    assert len([m for m in apps.get_models() if issubclass(m, TeksAmanModel)]) >= 40


def test_every_form_of_the_portal_checks_its_text():
    import importlib
    import inspect

    from django import forms

    from portal.teks import TeksAmanMixin

    kelas = set()
    for app in APPS:
        for nama in ("forms", "admin"):
            try:
                modul = importlib.import_module(f"{app}.{nama}")
            except ModuleNotFoundError:
                continue
            kelas |= {k for _, k in inspect.getmembers(modul, inspect.isclass)
                      if issubclass(k, forms.BaseForm) and k.__module__ == modul.__name__}
    assert len(kelas) >= 25
    assert sorted(k.__name__ for k in kelas if not issubclass(k, TeksAmanMixin)) == []
