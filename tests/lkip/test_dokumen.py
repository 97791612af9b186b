"""The demo LKIP 2023 as a PDF: the figures computed from the records are in their tables (DOMAIN.md §10)."""

import re
import subprocess
from decimal import Decimal as D

import pytest

from anggaran.rekap import anggaran_opd
from lkip.models import Lkip
from lkip.services import lkip_context, render_html
from lkip.tabel import nilai_teks
from portal.angka import format_angka, format_persen
from portal.pdf import static_only_fetcher

# pytest-django sets up the test database only for the databases its marked tests use; the
# module-scoped render below needs it even when a test of this module is run on its own.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def dokumen(tmp_path_factory, django_db_setup, django_db_blocker):
    """The demo LKIP rendered once for the whole module (a full render takes seconds)."""
    from tests.conftest import _load_demo

    with django_db_blocker.unblock():
        _load_demo()
        lkip = Lkip.objects.select_related("opd").get(opd__singkatan="DINSOS", tahun=2023)
        ctx = lkip_context(lkip)
        html = render_html("lkip/print.html", ctx)
    # portal.pdf.html_to_pdf in two steps, so that the tests can also read the laid-out boxes
    from weasyprint import HTML

    document = HTML(string=html, base_url="http://sakip.local/", url_fetcher=static_only_fetcher).render()
    path = tmp_path_factory.mktemp("lkip") / "lkip.pdf"
    path.write_bytes(document.write_pdf())
    teks = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return {"ctx": ctx, "teks": teks, "halaman": teks.split("\f"), "path": path, "document": document}


def _datar(teks):
    return re.sub(r"\s+", " ", teks)


def tabel(dokumen, kunci_atau_tabel):
    """The text of one table as printed: from its caption to the caption of the next table."""
    daftar = dokumen["ctx"]["daftar_tabel"]
    tb = kunci_atau_tabel if not isinstance(kunci_atau_tabel, str) else dokumen["ctx"]["tabel"][kunci_atau_tabel]
    berikut = daftar[daftar.index(tb) + 1] if daftar.index(tb) + 1 < len(daftar) else None
    teks = _datar(dokumen["teks"])
    awal = [m.start() for m in re.finditer(re.escape(tb.label[:24]), teks)]
    assert len(awal) >= 2, f"{tb.label} tidak ada di Daftar Tabel dan di badan dokumen"
    mulai = awal[1]  # the first is the Daftar Tabel entry
    if berikut is None:
        return teks[mulai:]
    akhir = [m.start() for m in re.finditer(re.escape(berikut.label[:24]), teks) if m.start() > mulai]
    return teks[mulai:akhir[0]]


def rp(value):
    return format_angka(value, places=0)


def test_tabel_2_4_totals_are_the_anggaran_kas_of_the_40_sub_kegiatan(dokumen):
    tree = dokumen["ctx"]["anggaran"]
    assert tabel(dokumen, "kas").startswith("Tabel 2.4 Anggaran Kas")
    assert len(dokumen["ctx"]["sub_rows"]) == 40
    assert tree.kas == [D("5441922139"), D("10009402023"), D("5618646165"), D("10949920392")]
    isi = tabel(dokumen, "kas")
    for value in [*tree.kas, tree.pagu]:
        assert rp(value) in isi
    assert "Jumlah 5.441.922.139 10.009.402.023 5.618.646.165 10.949.920.392 32.019.890.719 0" in isi


def test_the_pagu_awal_and_perubahan_table_totals_are_computed_from_the_program_rows(dokumen):
    tree = dokumen["ctx"]["anggaran"]
    isi = tabel(dokumen, "pagu")
    # The seed printed 25.106.563.484 for the sum of its own rows (DOMAIN.md §11).
    assert tree.pagu_murni == sum(p.pagu_murni for p in tree.anak) == D("25106561484")
    assert f"Jumlah {rp(tree.pagu_murni)} {rp(tree.pagu_perubahan)}" in isi
    assert "25.106.563.484" not in dokumen["teks"]
    for program, pagu in zip(tree.anak, ["12.713.646.335", "3.266.735.000", "7.650.364.300", "4.628.963.084",
                                         "3.211.657.000", "548.525.000"], strict=True):
        assert rp(program.pagu_perubahan) == pagu
        assert pagu in isi


def test_the_realisasi_table_prints_exact_serapan_per_program_and_85_62_in_total(dokumen):
    tree = dokumen["ctx"]["anggaran"]
    isi = tabel(dokumen, "serapan")
    assert "Jumlah 32.019.890.719 27.416.231.841 85,62" in isi
    assert [format_persen(p.serapan) for p in tree.anak] == ["90,36", "86,21", "86,64", "78,35", "72,38", "97,10"]
    for program in tree.anak:
        assert f"{rp(program.pagu)} {rp(program.realisasi)} {format_persen(program.serapan)}" in isi


def test_the_capaian_table_lists_each_iku_with_its_computed_capaian(dokumen):
    rows = dokumen["ctx"]["capaian_rows"]
    isi = tabel(dokumen, "capaian")
    assert [format_persen(r.capaian) for r in rows] == ["100,00", "106,55", "100,00", "100,00"]
    assert "BB BB 100,00" in isi
    assert "80,50 85,77 106,55" in isi
    assert "14 14 100,00" in isi


def test_akip_is_77_26_bb_from_the_lhe_of_the_year_and_ikm_is_85_77_b(dokumen):
    ctx = dokumen["ctx"]
    assert ctx["nilai_akip"] == D("77.26")
    assert ctx["predikat_akip"].predikat == "BB"
    akip_blok = next(b for b in ctx["blok_list"] if b.tabel.get("akip"))
    isi = tabel(dokumen, akip_blok.tabel["akip"])
    assert "22,25" in isi and "20,47" in isi
    assert "Nilai Akuntabilitas Kinerja 77,26" in isi
    assert "BB (Sangat Baik)" in isi
    ikm_blok = next(b for b in ctx["blok_list"] if b.tabel.get("ikm"))
    assert "IKM 2023: 85,77 B Baik" in tabel(dokumen, ikm_blok.tabel["ikm"])


def test_the_ppks_budget_table_shows_exact_serapan_82_42_and_efisiensi_17_58(dokumen):
    blok = next(b for b in dokumen["ctx"]["blok_list"] if "PPKS" in b.indikator.nama)
    assert blok.anggaran.pagu == D("10862021300")
    assert blok.anggaran.realisasi == D("8952451057")
    isi = tabel(dokumen, blok.tabel["anggaran"])
    assert "Jumlah 10.862.021.300 8.952.451.057 82,42 17,58" in isi
    assert "82,41" not in isi
    kalimat = _datar(dokumen["teks"])
    assert ("Rp 10.862.021.300 (Sepuluh miliar delapan ratus enam puluh dua juta dua puluh satu ribu "
            "tiga ratus rupiah)") in kalimat


def test_the_psks_budget_is_86_21_percent_of_3_266_735_000(dokumen):
    blok = next(b for b in dokumen["ctx"]["blok_list"] if "PSKS" in b.indikator.nama)
    assert "Jumlah 3.266.735.000 2.816.187.400 86,21" in tabel(dokumen, blok.tabel["anggaran"])


def test_every_table_is_numbered_in_order_and_listed_in_the_daftar_tabel(dokumen):
    daftar = dokumen["ctx"]["daftar_tabel"]
    per_bab = {}
    for tb in daftar:
        per_bab.setdefault(tb.bab, []).append(tb.urut)
    assert all(urut == list(range(1, len(urut) + 1)) for urut in per_bab.values())
    teks = _datar(dokumen["teks"])
    for tb in daftar:
        assert teks.count(tb.label[:24]) >= 2


def test_the_document_has_a_cover_toc_page_numbers_running_header_and_signature(dokumen):
    halaman = dokumen["halaman"]
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN 2023 DINAS SOSIAL KOTA BEKASI" in _datar(halaman[0])
    assert "Halaman" not in halaman[0]
    daftar_isi = next(_datar(h) for h in halaman if h.strip().startswith("Daftar Isi"))
    nomor = int(re.search(r"BAB III Akuntabilitas Kinerja ?\.+ ?(\d+)", daftar_isi).group(1))
    # the page number in the Daftar Isi is the page the chapter starts on
    assert "BAB III Akuntabilitas Kinerja" in halaman[nomor - 1]
    assert f"Halaman {nomor}" in halaman[nomor - 1]
    bab3 = [h for h in halaman if h.strip().startswith("BAB III Akuntabilitas Kinerja")]
    assert len(bab3) > 3  # the running chapter header
    assert re.search(r"Halaman \d+", halaman[5])
    akhir = _datar(halaman[-2] if not halaman[-1].strip() else halaman[-1])
    assert "ALEXANDER ZULKARNAIN" in akhir and "NIP. 19660301 199003 1 010" in akhir


def test_no_page_is_wider_than_a4_and_landscape_only_where_asked(dokumen):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "200", str(dokumen["path"])], check=True,
                          capture_output=True, text=True).stdout
    sizes = set(re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info))
    assert sizes <= {("595.276", "841.89"), ("841.89", "595.276")}


def test_the_narrative_comes_from_the_seed_with_year_labels_corrected(dokumen):
    teks = _datar(dokumen["teks"])
    assert "Sistematika penyajian LKIP Dinas Sosial Kota Bekasi Tahun 2023" in teks
    assert "Kecamatan Pondokgede" not in teks


def test_the_totals_come_from_the_budget_records(dokumen, demo):
    tree = anggaran_opd(demo, 2023)
    assert tree.pagu == D("32019890719")
    assert tree.realisasi == D("27416231841")


# --- layout, read from the boxes WeasyPrint laid out ------------------------------------------


def _boxes(box, cls, skip=()):
    if isinstance(box, skip):
        return
    if isinstance(box, cls):
        yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child, cls, skip)


def test_no_text_runs_out_of_its_table_cell_or_off_the_page(dokumen):
    from weasyprint.formatting_structure import boxes

    keluar = []
    for nomor, page in enumerate(dokumen["document"].pages, start=1):
        halaman = page._page_box
        kanan = halaman.content_box_x() + halaman.width
        for text in _boxes(halaman, boxes.TextBox, skip=boxes.MarginBox):
            if text.position_x + text.width > kanan + 0.5 or text.position_x < halaman.content_box_x() - 0.5:
                keluar.append((nomor, "halaman", text.text))
        for cell in _boxes(halaman, boxes.TableCellBox, skip=boxes.MarginBox):
            batas = cell.content_box_x() + cell.width
            for text in _boxes(cell, boxes.TextBox):
                if text.position_x + text.width > batas + 0.5:
                    keluar.append((nomor, "sel", text.text))
    assert keluar == []


def test_a_table_split_over_pages_repeats_its_header_on_each_page(dokumen):
    from weasyprint.formatting_structure import boxes

    potongan = {}
    for nomor, page in enumerate(dokumen["document"].pages, start=1):
        for table in _boxes(page._page_box, boxes.TableBox, skip=boxes.MarginBox):
            header = any(getattr(g, "is_header", False) for g in table.children)
            potongan.setdefault(table.element_tag + str(table.element.get("id")), []).append((nomor, header))
    kas = potongan["table" + dokumen["ctx"]["tabel"]["kas"].anchor]
    assert len(kas) >= 2  # the 40 sub-kegiatan do not fit on one landscape page
    terpotong = {key: pages for key, pages in potongan.items() if len(pages) > 1}
    assert len(terpotong) >= 3
    for key, pages in terpotong.items():
        assert all(header for _, header in pages), key


def test_the_daftar_tabel_gives_the_page_of_each_table(dokumen):
    halaman = dokumen["halaman"]
    daftar = _datar(next(h for h in halaman if h.strip().startswith("Daftar Tabel")))
    for tb in dokumen["ctx"]["daftar_tabel"]:
        # "Tabel 3.1 Capaian Kinerja ... ....... 20" (the title may wrap onto a second line)
        match = re.search(re.escape(f"Tabel {tb.nomor} ") + r"[^.]*?(?:\.\s?)+\s*(\d+)", daftar)
        assert match, tb.label
        nomor = int(match.group(1))
        assert tb.label[:30] in _datar(halaman[nomor - 1]), (tb.label, nomor)


def test_every_chapter_page_carries_its_chapter_as_running_header(dokumen):
    halaman = dokumen["halaman"]
    mulai = {}
    for nomor, teks in enumerate(halaman, start=1):
        for bab in ("BAB I Pendahuluan", "BAB II Perencanaan Kinerja", "BAB III Akuntabilitas Kinerja",
                    "BAB IV Penutup"):
            if teks.strip().startswith(bab):
                mulai.setdefault(bab, nomor)
    assert list(mulai) == ["BAB I Pendahuluan", "BAB II Perencanaan Kinerja", "BAB III Akuntabilitas Kinerja",
                           "BAB IV Penutup"]
    urutan = list(mulai.values())
    assert urutan == sorted(urutan)
    for nomor, teks in enumerate(halaman[: len(halaman)], start=1):
        if not teks.strip() or nomor < urutan[0]:
            continue
        bab = max((b for b, n in mulai.items() if n <= nomor), key=lambda b: mulai[b])
        assert teks.strip().startswith(bab), nomor
        assert re.search(rf"Halaman {nomor}\s*$", teks.rstrip()), nomor


def test_the_kata_pengantar_and_the_closing_are_signed_by_the_kepala_dinas_with_nip(dokumen):
    opd = dokumen["ctx"]["opd"]
    teks = _datar(dokumen["teks"])
    assert opd.kepala_nama and opd.kepala_nip
    assert teks.count(f"{opd.kepala_nama} NIP. {opd.kepala_nip}") == 2


def test_the_narrative_tables_are_numbered_and_render_as_tables(dokumen):
    daftar = {tb.judul: tb for tb in dokumen["ctx"]["daftar_tabel"]}
    assert daftar["Struktur Organisasi Dinas Sosial Kota Bekasi"].nomor == "1.1"
    assert daftar["Jenis-Jenis PPKS"].nomor == "1.2"
    assert daftar["Program dan Kegiatan Dinas Sosial Kota Bekasi Tahun 2023"].nomor == "1.3"
    assert "Jumlah Korban Bencana Tahun 2023" in daftar and "Kebutuhan Personil" in daftar
    teks = _datar(dokumen["teks"])
    # Markdown does not leak into the document
    for raw in ("|---", "| ", "**", "Tabel:"):
        assert raw not in teks, raw
    # 24 PPKS categories, each once (the seed lists F14 and F15 twice)
    isi = tabel(dokumen, daftar["Jenis-Jenis PPKS"])
    assert [int(n) for n in re.findall(r"\bF(\d+)\b", isi)] and sorted(
        int(n) for n in re.findall(r"\bF(\d+)\b", isi)) == list(range(1, 25))


def test_the_sentences_next_to_tables_2_1_2_3_and_3_1_state_counts_from_the_records(dokumen):
    ctx = dokumen["ctx"]
    ringkasan = ctx["ringkasan"]
    teks = _datar(dokumen["teks"])
    sasaran = {r["sasaran"].pk for r in ctx["renstra_rows"] if r["sasaran"]}
    assert (ringkasan["tujuan"], ringkasan["sasaran"], ringkasan["indikator_renstra"]) == (
        len({r["tujuan"].pk for r in ctx["renstra_rows"]}), len(sasaran), len(ctx["renstra_rows"]))
    assert (f"memuat {ringkasan['tujuan']} tujuan, {ringkasan['sasaran']} sasaran dan "
            f"{ringkasan['indikator_renstra']} indikator dengan target tahun 2019–2023 (Tabel 2.1)") in teks
    assert ringkasan["iku"] == len(ctx["pk_rows"]) == 4 and ringkasan["sasaran_pk"] == 3
    assert "memuat 4 indikator kinerja utama pada 3 sasaran strategis" in teks
    tercapai = sum(1 for r in ctx["capaian_rows"] if r.capaian is not None and r.capaian >= 100)
    assert f"Dari 4 indikator kinerja utama pada Tabel 3.1, {tercapai} indikator mencapai" in teks
    # IKM 82,90 (capaian 102,98%) in 2022 -> 85,77 (106,55%) in 2023
    ikm = next(b for b in ctx["blok_list"] if b.tabel.get("ikm"))
    assert ikm.tren == "meningkat"
    assert "85,77 dengan capaian 106,55%; capaian kinerjanya meningkat dibandingkan tahun sebelumnya" in teks


def test_no_paragraph_line_breaks_early(dokumen):
    """A line of running text other than the last of its paragraph fills the width (justified text)."""
    from weasyprint.formatting_structure import boxes

    pendek = []
    for nomor, page in enumerate(dokumen["document"].pages, start=1):
        for para in _boxes(page._page_box, boxes.BlockBox, skip=(boxes.MarginBox, boxes.TableBox)):
            if para.element_tag != "p" or next(para.element.iter("br"), None) is not None:
                continue
            lines = [c for c in para.children if isinstance(c, boxes.LineBox)]
            for line in lines[:-1]:
                texts = list(_boxes(line, boxes.TextBox))
                kanan = max(t.position_x + t.width for t in texts)
                if kanan - line.position_x < 0.7 * para.width:
                    pendek.append((nomor, "".join(t.text for t in texts)))
    assert pendek == []


def baris_tabel(dokumen, tb):
    """The body rows of a printed table as lists of cell texts, read from the laid-out boxes."""
    from weasyprint.formatting_structure import boxes

    baris = {}
    for page in dokumen["document"].pages:
        for table in _boxes(page._page_box, boxes.TableBox, skip=boxes.MarginBox):
            if table.element.get("id") != tb.anchor:
                continue
            for group in table.children:
                if getattr(group, "is_header", False) or not isinstance(group, boxes.TableRowGroupBox):
                    continue
                for row in group.children:
                    sel = baris.setdefault(id(row.element), [""] * len(row.children))
                    for i, cell in enumerate(row.children):
                        teks = " ".join(t.text for t in _boxes(cell, boxes.TextBox))
                        sel[i] = _datar(f"{sel[i]} {teks}").strip()
    return list(baris.values())


def test_the_iku_table_has_sasaran_alasan_formula_and_the_target_of_the_year(dokumen):
    ctx = dokumen["ctx"]
    rows = baris_tabel(dokumen, ctx["tabel"]["iku"])
    assert len(rows) == len(ctx["iku_rows"]) == 4
    # merged cells as in the seed: the sasaran cell spans its IKU (AKIP and IKM share one) and the
    # legal bases, the same for all four IKU, are printed once
    assert len({row["indikator"].alasan for row in ctx["iku_rows"]}) == 1
    assert [len(sel) for sel in rows] == [6, 4, 5, 5]
    assert rows[0][3].startswith("Berdasarkan: 1. Undang-Undang Nomor 11 Tahun 2009")
    assert sum(" ".join(sel).count("Berdasarkan:") for sel in rows) == 1
    for sel, row in zip(rows, ctx["iku_rows"], strict=True):
        assert any(cell.startswith(row["indikator"].nama) for cell in sel[1:3])
        assert sel[-1] == nilai_teks(row["target_tahun"])
    assert rows[2][-2] == "Jumlah PPKS yang di bina / Jumlah PPKS di Kota Bekasi x 100"
    assert [sel[-1] for sel in rows] == ["BB", "80,50", "14", "100"]


def test_no_page_is_empty_or_holds_only_a_heading(dokumen):
    halaman = [h for h in dokumen["halaman"] if h.strip()]
    assert len(halaman) == len(dokumen["document"].pages)
    for nomor, teks in enumerate(halaman, start=1):
        isi = [b for b in teks.splitlines() if b.strip() and not re.fullmatch(r"\s*Halaman \d+\s*", b)]
        # running header + at least a few lines of content (the cover has no header)
        assert len(isi) >= 4, (nomor, isi)


def test_tabel_2_4_gives_each_program_its_subtotal_equal_to_its_apbd_p_pagu(dokumen):
    tree = dokumen["ctx"]["anggaran"]
    rows = baris_tabel(dokumen, dokumen["ctx"]["tabel"]["kas"])
    program = {r[1]: r for r in rows if r[0] == ""}  # program rows carry no sub-kegiatan number
    assert len(program) == len(tree.anak) == 6
    for p in tree.anak:
        sel = program[p.kode]
        assert sel[3:7] == [rp(v) for v in p.kas]
        assert sel[7] == rp(p.pagu_perubahan) and sel[8] == "0"
    assert [r[0] for r in rows if r[0] not in ("", "Jumlah")] == [str(n) for n in range(1, 41)]
