"""The demo Renja 2026 as a document: T-C.33 totals in the PDF and the XLSX (DOMAIN.md §10 item 6)."""

import io
import re
import subprocess
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from renja.models import Renja
from renja.services import lembar_sipd, renja_context, renja_xlsx

PAGU_2026 = D("26736518416")
PAGU_MAJU_TERCATAT = D("26911721000")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory, django_db_setup, django_db_blocker):
    """The demo Renja rendered once for the whole module, through the management command."""
    from tests.conftest import _load_demo

    out = tmp_path_factory.mktemp("renja") / "renja.pdf"
    with django_db_blocker.unblock():
        _load_demo()
        call_command("render_renja", opd="DINSOS", tahun=2026, out=str(out), stdout=io.StringIO())
    return out


@pytest.fixture(scope="module")
def pdf_text(pdf_path):
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def renja(demo):
    return Renja.objects.get(opd=demo, tahun=2026)


def test_the_pagu_total_is_the_sum_of_the_51_sub_kegiatan(renja):
    ctx = renja_context(renja)
    subs = [n for n in ctx["rencana_rows"] if n.level == "sub_kegiatan"]
    assert len(subs) == 51
    assert sum(n.pagu for n in subs) == PAGU_2026
    assert ctx["total_pagu"].dari_baris == PAGU_2026
    programs = [p.pagu for p in ctx["pohon"]]
    assert programs == [D("13652995250"), D("2387000000"), D("4962840000"), D("3040000000"),
                        D("1901683166"), D("792000000")]


def test_the_prakiraan_maju_total_is_the_recorded_figure_because_rows_do_not_cover_it(renja):
    total = renja_context(renja)["total_maju"]
    assert total.dari_baris is None
    assert total.memakai_tercatat
    assert total.nilai == PAGU_MAJU_TERCATAT
    assert total.diketahui == D("19539721000")
    assert total.selisih_tercatat == D("7372000000")
    assert [p.baris.kode for p in total.program_tanpa_angka] == ["1.06.05", "1.06.06", "1.06.07"]


def test_the_pdf_prints_the_computed_pagu_total_and_the_labelled_recorded_2027_total(pdf_text):
    jumlah = next(line for line in pdf_text.splitlines() if "JUMLAH (dihitung dari baris rencana)" in line)
    assert "26.736.518.416" in jumlah
    tercatat = next(line for line in pdf_text.splitlines() if line.strip().startswith("TOTAL TERCATAT"))
    assert "26.911.721.000" in tercatat
    assert "baris belum menjelaskan Rp 7.372.000.000" in re.sub(r"\s+", " ", pdf_text)


def test_no_text_of_the_pdf_runs_off_its_page(pdf_path, tmp_path):
    bbox = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf_path), str(bbox)], check=True)
    html = bbox.read_text()
    pages = html.split("<page ")[1:]
    assert len(pages) > 20
    for number, page in enumerate(pages, start=1):
        width, height = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for x_max, y_max in re.findall(r'xMax="([\d.]+)" yMax="([\d.]+)"', page):
            assert float(x_max) <= width and float(y_max) <= height, f"halaman {number} meluap"


def test_the_wide_tables_are_on_landscape_pages(pdf_path, tmp_path):
    bbox = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf_path), str(bbox)], check=True)
    # The table of contents names the tables too; look at the pages after it.
    pages = [p for p in bbox.read_text().split("<page ")[1:] if ">Daftar<" not in p]
    for judul in ("T-C.29", "T-C.31", "T-C.33"):
        page = next(p for p in pages if f">{judul}<" in p)
        width, height = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        assert width > height, judul


def test_the_xlsx_has_every_row_in_the_sipd_layout_and_both_totals(renja):
    workbook = load_workbook(io.BytesIO(renja_xlsx(renja)))
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    assert headers[1] == "Kode"
    assert headers[9] == "Pagu Indikatif 2026 (Rp)"
    assert headers[16] == "Prakiraan Maju 2027 (Rp)"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len([r for r in rows if r[0] is not None]) == 69
    jumlah = next(r for r in rows if r[2] == "JUMLAH (dihitung dari baris)")
    assert jumlah[9] == 26736518416
    assert jumlah[16] is None
    tercatat = next(r for r in rows if r[2] and r[2].startswith("TOTAL TERCATAT"))
    assert tercatat[16] == 26911721000
    assert "7.372.000.000" in tercatat[19]
    sub_pagu = sum(r[9] for r in rows if r[0] is not None and r[1] and r[1].count(".") == 5)
    assert sub_pagu + sum(  # the five sub-kegiatan printed without a code
        r[9] for r in rows if r[0] is not None and not r[1]
    ) == 26736518416


def test_the_xlsx_sheet_is_built_from_the_same_context(renja):
    title, headers, rows = lembar_sipd(renja_context(renja))
    assert title == "T-C.33 Renja 2026"
    assert len(headers) == len(rows[0])


def test_the_consistency_check_reports_the_known_seed_differences(renja):
    pesan = " | ".join(t.pesan for t in renja_context(renja)["temuan"])
    assert 'kegiatan xi "Rehabilitasi Sosial Pemerlu' in pesan
    assert "pagu RKPD tercetak Rp 5.450.000.000, jumlah barisnya Rp 5.250.000.000" in pesan
    assert "total tercetak (narasi BAB III 3.3 dan 2.4) Rp 39.606.686.100, jumlah barisnya Rp 39.406.686.100" in pesan
    assert 'tercetak "Rp .350.000.000", dicatat Rp 350.000.000' in pesan
    assert "baris rencana belum menjelaskan total tercatat Rp 26.911.721.000" in pesan
    assert "selisih Rp 7.372.000.000" in pesan
    assert "(selisih Rp 5.704.500.000)" in pesan
    assert "5 baris tanpa kode: Penanganan Khusus bagi Kelompok Rentan" in pesan
    assert "27 baris berasal dari Tabel 2.19" in pesan
    assert "8 baris berasal dari Tabel SIPD (sebagian" in pesan


def test_the_evaluation_of_n2_comes_from_the_records(renja):
    ctx = renja_context(renja)
    iku = {r.indikator.kode: r for r in ctx["iku_n2"]}
    assert iku["R2426-IKU-PPKS"].hasil.capaian.quantize(D("0.01")) == D("242.83")
    assert iku["R2426-IKU-IKM"].hasil.capaian.quantize(D("0.01")) == D("114.36")
    assert iku["R2426-IKU-PPKS"].kategori == "Sangat Tinggi"
    assert len(ctx["program_n2"]) == 6
    anggaran = ctx["anggaran_n2"]
    assert (anggaran.pagu, anggaran.realisasi) == (D("31132479236"), D("27935447177"))
    assert anggaran.serapan.quantize(D("0.01")) == D("89.73")
    rows = [b for b in ctx["evaluasi"] if b.tingkat_realisasi is not None]
    assert rows and all(b.kategori_realisasi == "Sangat Tinggi" for b in rows)


def test_the_pdf_prints_the_evaluation_figures(pdf_text):
    text = re.sub(r"\s+", " ", pdf_text)
    assert "242,83" in text
    assert "89,73" in text
    assert "Sangat Tinggi" in text
