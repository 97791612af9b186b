"""The Perjanjian Kinerja 2023 of the demo as a PDF: both signatories, the targets and the programs."""

import re
import subprocess

import pytest

from anggaran.rekap import anggaran_opd
from indikator.models import PerjanjianKinerja
from lkip.services import pk_context, pk_pdf
from lkip.tabel import nilai_teks
from portal.angka import format_angka, terbilang_rupiah

# pytest-django sets up the test database only for the databases its marked tests use; the
# module-scoped render below needs it even when a test of this module is run on its own.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pk_dokumen(tmp_path_factory, django_db_setup, django_db_blocker):
    from tests.conftest import _load_demo

    with django_db_blocker.unblock():
        _load_demo()
        perjanjian = PerjanjianKinerja.objects.select_related("opd").get(
            opd__singkatan="DINSOS", tahun=2023, jenis=PerjanjianKinerja.Jenis.MURNI)
        ctx = pk_context(perjanjian)
        data = pk_pdf(perjanjian)
        tree = anggaran_opd(perjanjian.opd, 2023)
    path = tmp_path_factory.mktemp("pk") / "pk.pdf"
    path.write_bytes(data)
    teks = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return {"ctx": ctx, "tree": tree, "halaman": teks.split("\f"), "datar": re.sub(r"\s+", " ", teks)}


def test_the_statement_and_the_lampiran_are_each_signed_by_both_parties(pk_dokumen):
    ctx = pk_dokumen["ctx"]
    opd = ctx["opd"]
    halaman = [re.sub(r"\s+", " ", h) for h in pk_dokumen["halaman"] if h.strip()]
    assert len(halaman) == 2
    assert ctx["pihak_pertama"]["nama"] == opd.kepala_nama and opd.kepala_nip
    assert ctx["pihak_kedua"]["jabatan"] == "Wali Kota Bekasi"
    for teks in halaman:
        assert "Pihak Kedua, Pihak Pertama," in teks
        assert teks.count("Wali Kota Bekasi") >= 1 and opd.kepala_jabatan in teks
        assert f"NIP. {opd.kepala_nip}" in teks
        assert "ALEXANDER ZULKARNAIN" in teks
    assert "pihak pertama" in halaman[0] and "pihak kedua" in halaman[0]


def test_the_lampiran_lists_every_iku_with_its_annual_and_triwulan_targets(pk_dokumen):
    lampiran = pk_dokumen["halaman"][1]
    rows = pk_dokumen["ctx"]["pk_rows"]
    assert len(rows) == 4
    for row in rows:
        nilai = [nilai_teks(row["item"])] + [nilai_teks(t) or "–" for t in row["triwulan"]]
        line = next(line for line in lampiran.splitlines() if row["indikator"].nama[:20] in line)
        assert re.sub(r"\s+", " ", line).strip().endswith(" ".join(nilai)), line
    # PPKS: 14 for the year, 1 / 3 / 5 / 5 per triwulan (the seed's Tabel 2.3)
    assert re.search(r"Persentase PPKS binaan\s+Persen\s+14\s+1\s+3\s+5\s+5", lampiran)


def test_a_pk_murni_lists_the_programs_at_their_apbd_murni_amounts_with_the_total_from_the_rows(pk_dokumen):
    ctx, tree = pk_dokumen["ctx"], pk_dokumen["tree"]
    datar = pk_dokumen["datar"]
    total = sum(p.pagu_murni for p in tree.anak)
    assert ctx["total_pagu"] == total == tree.pagu_murni
    for program in tree.anak:
        assert f"{program.nama} {format_angka(program.pagu_murni, places=0)}" in datar
    assert f"Jumlah {format_angka(total, places=0)}" in datar
    assert f"Rp {format_angka(total, places=0)} ({terbilang_rupiah(total)})" in datar
    # the APBD-P total belongs to a PK perubahan, not to this one
    assert format_angka(tree.pagu_perubahan, places=0) not in datar


def test_no_text_of_the_pk_runs_out_of_its_cell(pk_dokumen):
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from portal.pdf import render_html, static_only_fetcher
    from tests.lkip.test_dokumen import _boxes

    document = HTML(string=render_html("lkip/pk_print.html", pk_dokumen["ctx"]), base_url="http://sakip.local/",
                    url_fetcher=static_only_fetcher).render()
    keluar = []
    for page in document.pages:
        for cell in _boxes(page._page_box, boxes.TableCellBox, skip=boxes.MarginBox):
            for text in _boxes(cell, boxes.TextBox):
                if text.position_x + text.width > cell.content_box_x() + cell.width + 0.5:
                    keluar.append(text.text)
    assert len(document.pages) == 2
    assert keluar == []
