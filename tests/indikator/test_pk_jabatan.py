"""A PK for every position: positions as records, the grid of an eselon III/IV PK, its document."""

import re
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from indikator import jenjang as layanan
from indikator.models import Jabatan, PerjanjianKinerja, PkIndikator
from tests import jenjang
from tests.factories import PerangkatDaerahFactory
from tests.kantor import TAHUN


@pytest.fixture
def j(kantor):
    return jenjang.bangun(kantor)


def url(j, jabatan=None):
    base = reverse("indikator:pk", kwargs={"opd": j.kantor.opd.pk, "tahun": TAHUN})
    return base + (f"?jabatan={jabatan.pk}" if jabatan else "")


def test_a_lower_position_signs_with_its_superior_one_eselon_up(j):
    tanpa_atasan = Jabatan(opd=j.kantor.opd, eselon="III", nama="Kabid tanpa atasan")
    with pytest.raises(ValidationError, match="atasannya"):
        tanpa_atasan.clean()
    sejajar = Jabatan(opd=j.kantor.opd, eselon="III", nama="Kabid di bawah kabid", atasan=j.kabid)
    with pytest.raises(ValidationError, match="satu eselon di atas"):
        sejajar.clean()
    j.subkoor.clean()


def test_a_position_pk_names_its_holder_and_the_superior_holder_and_is_made_once(j):
    pk, dibuat = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    assert dibuat
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_nip, pk.pihak_pertama_jabatan) == (
        "Kabid Pertama", "222", "Kepala Bidang Satu")
    assert (pk.pihak_kedua_nama, pk.pihak_kedua_jabatan) == ("Kepala Asli", "Kepala Dinas Uji")
    again, dibuat = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    assert again.pk == pk.pk and not dibuat


def test_the_eselon_iii_grid_offers_the_program_indicators_of_its_unit_and_links_them_to_an_iku(client, j):
    client.force_login(j.kantor.perencana)
    client.post(url(j, j.kabid), {"aksi": "buat"})
    pk = PerjanjianKinerja.objects.get(jabatan=j.kabid)
    page = client.get(url(j, j.kabid)).content.decode()
    assert j.program[0].nama in page and "Mendukung indikator atasan" in page
    assert j.sub_kegiatan.nama not in page  # eselon IV's, not this level's
    ind = j.program[0]
    data = {"aksi": "simpan", "versi": pk.versi, f"m{ind.pk}": j.iku.pk,
            **{f"t{ind.pk}_{tw}": v for tw, v in enumerate(["100", "10", "20", "30", "40"])}}
    assert client.post(url(j, j.kabid), data).status_code == 302
    item = PkIndikator.objects.get(perjanjian=pk, indikator=ind)
    assert item.mendukung == j.iku and item.nilai == 100
    # the OPD's own PK is not touched by a position's
    assert list(PkIndikator.objects.filter(perjanjian=j.pk_opd).values_list("indikator", flat=True)) == [j.iku.pk]


def test_the_eselon_iv_grid_offers_the_sub_kegiatan_output_and_the_superior_pk_indicators(client, j):
    kabid_pk, _ = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    jenjang.pk_dengan(kabid_pk, j.program[0], 100, mendukung=j.iku)
    client.force_login(j.kantor.perencana)
    client.post(url(j, j.subkoor), {"aksi": "buat"})
    page = client.get(url(j, j.subkoor)).content.decode()
    assert j.sub_kegiatan.nama in page
    assert f'<option value="{j.program[0].pk}"' in page
    assert f'<option value="{j.iku.pk}"' not in page  # two levels up: not this PK's to support


@pytest.mark.parametrize("peran,status", [
    ("admin", 200), ("perencana", 200), ("operator", 200), ("pimpinan", 200), ("evaluator", 200),
    ("perencana_lain", 404),
])
def test_who_reads_a_position_pk(client, j, peran, status):
    client.force_login(getattr(j.kantor, peran))
    assert client.get(url(j, j.kabid)).status_code == status


@pytest.mark.parametrize("peran,status", [
    ("perencana", 302), ("operator", 403), ("pimpinan", 403), ("evaluator", 403), ("perencana_lain", 404),
])
def test_only_the_perencana_makes_a_position_pk(client, j, peran, status):
    client.force_login(getattr(j.kantor, peran))
    assert client.post(url(j, j.kabid), {"aksi": "buat"}).status_code == status
    assert PerjanjianKinerja.objects.filter(jabatan=j.kabid).exists() == (status == 302)


def test_a_position_of_another_opd_answers_404(client, j):
    lain = Jabatan.objects.create(opd=PerangkatDaerahFactory(), eselon="II", nama="Kepala lain")
    client.force_login(j.kantor.perencana)
    assert client.get(url(j, lain)).status_code == 404
    assert client.get(url(j) + "?jabatan=x").status_code == 404


def test_render_pk_prints_the_position_pk_with_both_signatories_and_the_triwulan_targets(j, tmp_path):
    pk, _ = layanan.pk_buat(opd=j.kantor.opd, tahun=TAHUN, jenis="murni", jabatan=j.kabid)
    item = jenjang.pk_dengan(pk, j.program[0], 100, (11, 22, 33, 34), mendukung=j.iku)
    out = tmp_path / "pk.pdf"
    call_command("render_pk", opd=j.kantor.opd.singkatan, tahun=TAHUN, jabatan="kepala bidang satu", out=str(out))
    teks = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True,
                          text=True).stdout
    halaman = [re.sub(r"\s+", " ", h) for h in teks.split("\f") if h.strip()]
    assert len(halaman) == 2
    for h in halaman:
        assert "Kabid Pertama" in h and "NIP. 222" in h and "Kepala Asli" in h and "NIP. 111" in h
    triwulan = " ".join(str(int(t.nilai)) for t in item.triwulan.order_by("triwulan"))
    assert re.search(rf"{item.indikator.nama} Orang {int(item.nilai)} {triwulan}", halaman[1])
    assert j.iku.nama in halaman[1]  # the indicator it supports


def test_render_pk_names_a_position_that_does_not_exist(j, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ada"):
        call_command("render_pk", opd=j.kantor.opd.singkatan, tahun=TAHUN, jabatan="Kepala Entah",
                     out=str(tmp_path / "x.pdf"))
