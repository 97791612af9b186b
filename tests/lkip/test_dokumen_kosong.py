"""An LKIP with no records yet: the document says what is missing instead of printing empty figures."""

import re

import pytest
from django.utils.html import strip_tags

from lkip.models import BagianLkip, Lkip
from lkip.services import lkip_context, lkip_html, pemeriksaan
from portal.models import PerangkatDaerah


@pytest.fixture
def kosong(db):
    opd = PerangkatDaerah.objects.create(kode="9.99.0.00.0.00.01.0000", nama="Dinas Uji", singkatan="UJI")
    return Lkip.objects.create(opd=opd, tahun=2023)


def test_an_empty_lkip_renders_its_empty_states_and_no_blank_figures(kosong):
    ctx = lkip_context(kosong)
    teks = re.sub(r"\s+", " ", strip_tags(lkip_html(kosong, ctx)))
    for kalimat in ("Belum ada Renstra yang mencakup tahun 2023.", "Perjanjian Kinerja tahun 2023 belum ada.",
                    "Anggaran kas tahun 2023 belum dicatat", "Pagu anggaran tahun 2023 belum dicatat",
                    "Belum ada indikator kinerja utama: Perjanjian Kinerja tahun 2023 belum ada.",
                    "Belum ada program dan kegiatan tahun 2023."):
        assert kalimat in teks, kalimat
    assert teks.count("Bagian ini belum diisi.") == len(BagianLkip.Kunci.choices)
    assert "()" not in teks and "sebesar –" not in teks


def test_the_check_of_an_empty_lkip_lists_renstra_dpa_and_every_narrative_section(kosong):
    masalah = pemeriksaan(lkip_context(kosong))
    assert "Belum ada Renstra yang mencakup tahun 2023: Tabel tujuan dan sasaran kosong." in masalah
    assert "Anggaran (DPA) tahun 2023 belum dicatat: tabel anggaran kas dan realisasi kosong." in masalah
    for _, judul in BagianLkip.Kunci.choices:
        assert f'Bagian narasi "{judul}" belum diisi.' in masalah
    BagianLkip.objects.create(lkip=kosong, kunci=BagianLkip.Kunci.BAB3_SDM, judul="SDM", markdown="ASN: 41 orang")
    assert 'Bagian narasi "3.4 Dukungan Sumber Daya Manusia" belum diisi.' not in pemeriksaan(lkip_context(kosong))
