"""BAB II §2.2 of the demo Renja 2026: the analysis of 2024 built from the records by the LKIP's builders.

Every expected figure is recomputed here from the records (KomponenAkip,
Target/Realisasi, DPA rows), not through renja.analisis, then looked for in
the text of the rendered PDF.
"""

import io
import re
import subprocess
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.test import override_settings

from anggaran.models import DpaSubKegiatan, RealisasiAnggaran
from evaluasi.models import EvaluasiAkip, SurveiKepuasan
from indikator.models import Realisasi, Target
from portal.angka import format_angka, format_persen
from portal.models import BerkasDokumen
from renja.analisis import analisis_n2
from renja.models import Renja
from renja.services import renja_html

SERATUS = D(100)


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory, django_db_setup, django_db_blocker):
    from tests.conftest import _load_demo

    out = tmp_path_factory.mktemp("renja-bab2") / "renja.pdf"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=out.parent / "media"):
        _load_demo()
        call_command("render_renja", opd="DINSOS", tahun=2026, out=str(out), stdout=io.StringIO())
        BerkasDokumen.objects.filter(jenis=BerkasDokumen.Jenis.RENJA).delete()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True).stdout
    return text


def _rata(text):
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def renja(demo):
    return Renja.objects.get(opd=demo, tahun=2026)


def _baris(text, awal):
    return [line for line in text.splitlines() if line.strip().startswith(awal)]


def test_the_akip_table_prints_the_components_of_both_lhe_and_their_sums(demo, pdf_text):
    lhe = {e.tahun_lhe: list(e.komponen.order_by("urutan")) for e in EvaluasiAkip.objects.filter(
        opd=demo, tahun_lhe__in=[2023, 2024])}
    assert len(lhe[2024]) == 4
    for ini in lhe[2024]:
        lalu = next(k for k in lhe[2023] if k.nama == ini.nama)
        line = next(line for line in pdf_text.splitlines() if ini.nama in line and format_angka(ini.nilai, places=2)
                    in line)
        assert format_angka(lalu.nilai, places=2) in line
    jumlah = {t: sum(k.nilai for k in ks) for t, ks in lhe.items()}
    assert jumlah[2024] == D("77.29")  # the seed's LHE 2024 total (DOMAIN.md §5), recomputed from its components
    line = _baris(pdf_text, "Nilai Hasil Evaluasi")[0]
    assert format_angka(jumlah[2024], places=2) in line and format_angka(jumlah[2023], places=2) in line


def _nilai(record):
    """A figure recorded as numerator and denominator is their ratio in percent (PPKS: 15.216 of 125.326)."""
    return record.pembilang / record.penyebut * SERATUS if record.penyebut else record.nilai


def _capaian(demo, kode, tahun=2024):
    target = Target.objects.get(indikator__opd=demo, indikator__kode=kode, tahun=tahun)
    real = Realisasi.objects.get(indikator__opd=demo, indikator__kode=kode, tahun=tahun)
    return _nilai(real) / _nilai(target) * SERATUS


def test_the_2024_iku_figures_are_those_of_the_records(demo, renja, pdf_text):
    text = _rata(pdf_text)
    ppks = _capaian(demo, "R2426-IKU-PPKS")
    assert format_persen(ppks) == "242,83"  # DOMAIN.md §10 item 7: 15.216 / 6.266
    ikm = _capaian(demo, "R2426-IKU-IKM")
    for capaian in (ppks, ikm, _capaian(demo, "R2426-IKU-PSKS")):
        assert f"{format_persen(capaian)}%" in text or f"{format_persen(capaian)} persen" in text
    blok = analisis_n2(renja).blok
    assert blok["R2426-IKU-PPKS"].ini.capaian == ppks and blok["R2426-IKU-IKM"].ini.capaian == ikm
    # this year against last: the 2023 figure is the predecessor indicator's (Renstra 2018–2023, same name)
    lalu = Realisasi.objects.get(indikator__opd=demo, indikator__kode="IKU-PPKS", tahun=2023)
    assert blok["R2426-IKU-PPKS"].lalu.realisasi_teks == format_angka(lalu.nilai)


def test_the_ikm_2024_capaian_is_one_figure_everywhere(demo, pdf_text):
    ikm = format_persen(_capaian(demo, "R2426-IKU-IKM"))
    survei = SurveiKepuasan.objects.get(opd=demo, tahun=2024)
    assert format_persen(survei.ikm()) in pdf_text
    kalimat = [k for k in re.split(r"(?<=\.) ", _rata(pdf_text)) if "IKM" in k or "Kepuasan" in k]
    disebut = {m for k in kalimat for m in re.findall(r"capaian (?:kinerja )?(\d+(?:,\d+)?) ?%", k)}
    assert disebut == {ikm}


def test_the_psks_budget_table_is_the_sum_of_its_rows(demo, pdf_text):
    rows = DpaSubKegiatan.objects.filter(opd=demo, tahun=2024, sub_kegiatan__kegiatan__program__kode_lengkap="1.06.02")
    pagu = sum(r.pagu_perubahan for r in rows)
    realisasi = sum(RealisasiAnggaran.objects.filter(dpa__in=rows).values_list("jumlah", flat=True), D(0))
    assert len(rows) == 4
    serapan = format_persen(realisasi / pagu * SERATUS)
    jumlah = [line for line in _baris(pdf_text, "Jumlah") if format_angka(pagu) in line]
    assert any(format_angka(realisasi) in line and serapan in line for line in jumlah)
    assert f"mencapai {serapan} persen" in _rata(pdf_text)


def test_every_sentence_that_announces_a_table_is_followed_by_one(renja):
    html = renja_html(renja)
    for match in re.finditer(r"<p>((?:(?!</p>).)*)</p>\s*(<\w+[^>]*>)?", html, flags=re.S):
        teks = re.sub(r"<[^>]+>", "", match.group(1))
        if re.search(r"sebagai berikut|tabel berikut|berikut\s*:|di bawah ini", teks, flags=re.I):
            berikut = match.group(2) or ""
            assert re.match(r"<(table|section|ol|ul)\b", berikut), teks[:120]


def test_no_sentence_points_at_a_table_that_is_not_printed(pdf_text):
    text = _rata(pdf_text)
    assert not re.search(r"(tabel|grafik) (tersebut )?di ?atas", text, flags=re.I)
    dicetak = set(re.findall(r"Tabel (\d+\.\d+) [A-Z]", text))
    disebut = set(re.findall(r"Tabel (\d+\.\d+)\b", text))
    assert dicetak and disebut <= dicetak
    assert "[[" not in text


def test_the_seed_typos_are_not_printed(pdf_text):
    for salah in ("Panganggaran", "penyanggah", "Pantis", "serratus", "memnuhi"):
        assert salah not in pdf_text
