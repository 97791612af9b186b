"""The demo Renja 2026 as a document: T-C.33 totals in the PDF and the XLSX (DOMAIN.md §10 item 6)."""

import io
import re
import subprocess
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils.html import escape
from openpyxl import load_workbook

from portal.angka import format_angka
from portal.models import BerkasDokumen
from portal.pdf import render_html
from renja.lembar import lembar_sipd
from renja.models import BarisRencana, Level, Renja
from renja.services import renja_context, renja_xlsx
from renja.tabel import nilai_teks

PAGU_2026 = D("26736518416")
PAGU_MAJU_TERCATAT = D("26911721000")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory, django_db_setup, django_db_blocker):
    """The demo Renja rendered once for the whole module, through the management command."""
    from tests.conftest import _load_demo

    out = tmp_path_factory.mktemp("renja") / "renja.pdf"
    # The command stores the PDF it renders: under a directory of this module, not the shared test media.
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=out.parent / "media"):
        _load_demo()
        call_command("render_renja", opd="DINSOS", tahun=2026, out=str(out), stdout=io.StringIO())
        # Written outside the tests' transactions: leave no stored file behind for the other tests.
        BerkasDokumen.objects.filter(jenis=BerkasDokumen.Jenis.RENJA).delete()
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


def _pagu_sub_kegiatan(renja):
    """The pagu of the Renja summed straight from its sub-kegiatan records (not through renja.services)."""
    return sum(
        BarisRencana.objects.filter(renja=renja, level=Level.SUB_KEGIATAN).values_list("pagu", flat=True), D(0)
    )


def test_the_pdf_prints_the_total_computed_from_the_rows_and_the_2027_total_with_a_footnote(renja, pdf_text):
    dihitung = _pagu_sub_kegiatan(renja)
    assert dihitung == PAGU_2026
    lines = pdf_text.splitlines()
    jumlah = next(line for line in lines if line.strip().startswith("JUMLAH") and format_angka(dihitung) in line)
    # Prakiraan maju 2027: the rows do not break it down, so the PDF prints the OPD total with a footnote.
    assert renja.pagu_maju_total_tercetak == PAGU_MAJU_TERCATAT
    assert format_angka(renja.pagu_maju_total_tercetak) in jumlah
    diketahui = sum(
        BarisRencana.objects.filter(renja=renja, level=Level.PROGRAM, pagu_maju__isnull=False)
        .values_list("pagu_maju", flat=True), D(0)
    )
    assert f"rinciannya per program tersedia untuk Rp {format_angka(diketahui)}" in re.sub(r"\s+", " ", pdf_text)


def test_the_signed_pdf_carries_no_internal_marker(pdf_text):
    """Provenance, 'data portal' titles, printed-otherwise notes and the check are the perencana's, not the Renja's."""
    text = re.sub(r"\s+", " ", pdf_text)
    for penanda in ("Asal Baris", "(data portal)", "(rencana versi lama)", "Tercetak", "tercetak", "t.d.",
                    "belum lengkap", "Pemeriksaan Konsistensi", "TOTAL TERCATAT", "(tanpa kode)",
                    "(dihitung dari baris"):
        assert penanda not in text, penanda


def test_the_consistency_check_is_a_report_of_its_own(client, renja, django_user_model, monkeypatch):
    from portal.models import User

    user = django_user_model.objects.create_user("periksa", password="x", role=User.Role.ADMIN)
    client.force_login(user)
    page = client.get(f"/renja/{renja.pk}/pemeriksaan/")
    assert page.status_code == 200
    temuan = renja_context(renja)["temuan"]
    assert temuan and all(escape(t.pesan) in page.content.decode() for t in temuan)
    html = render_html("renja/pemeriksaan_print.html", renja_context(renja))
    assert all(escape(t.pesan) in html for t in temuan)
    # §2.2 of n-2: the PSKS row whose recorded realisasi exceeds its pagu (seed Tabel 3.16) is reported there.
    assert "1.06.02.2.03.0003" in page.content.decode() and "melebihi pagu" in page.content.decode()
    monkeypatch.setattr("renja.services.html_to_pdf", lambda html: b"%PDF-1.4 periksa")
    pdf = client.get(f"/renja/{renja.pk}/pemeriksaan/pdf/")
    assert pdf.status_code == 200 and pdf.content == b"%PDF-1.4 periksa"


def test_the_print_html_has_every_plan_row_with_its_pagu(renja):
    """Every program, kegiatan and sub-kegiatan record is a row of T-C.33 (checked on the HTML, no PDF)."""
    from renja.services import renja_html

    html = renja_html(renja)
    prioritas = list(dict.fromkeys(b.prioritas_nasional for b in BarisRencana.objects.filter(renja=renja)
                                   .order_by("urutan", "id") if b.prioritas_nasional))
    t33 = html[html.index('<table class="t33'):]
    t33 = t33[:t33.index("</table>")]
    rows = re.findall(r'<tr class="tingkat-(\w+)">(.*?)</tr>', t33, flags=re.S)
    records = list(BarisRencana.objects.filter(renja=renja).order_by("urutan", "id"))
    assert len(rows) == len(records) == renja.rencana.count()
    legenda = html[html.index("Prioritas Nasional: PN-1"):]
    assert all(f"PN-{i} {escape(t)}" in legenda for i, t in enumerate(prioritas, start=1))
    for (level, cells), baris in zip(rows, records, strict=True):
        assert level == baris.level
        assert escape(baris.nama) in cells
        if baris.level == Level.SUB_KEGIATAN:
            assert format_angka(baris.pagu) in cells
            if baris.pagu_maju is not None:
                assert format_angka(baris.pagu_maju) in cells
        for teks in (baris.prioritas_daerah, baris.penanggung_jawab):
            assert escape(teks) in cells
        # Each Prioritas Nasional text is printed once under the table; the row names it by its number.
        if baris.prioritas_nasional:
            assert f"PN-{prioritas.index(baris.prioritas_nasional) + 1}" in cells
        if baris.lokasi:
            assert escape(baris.lokasi) in cells
        if baris.sumber_dana:
            assert escape(baris.sumber_dana) in cells
        if baris.kelompok_sasaran:
            assert escape(baris.kelompok_sasaran) in cells
        for ind in baris.indikator.all():
            assert escape(ind.nama) in cells
            assert escape(nilai_teks(ind.target)) in cells


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
        page = next(p for p in pages if re.search(rf">\(?{re.escape(judul)}\)?<", p))
        width, height = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        assert width > height, judul


def test_the_xlsx_has_every_row_in_the_sipd_layout_and_both_totals(renja):
    workbook = load_workbook(io.BytesIO(renja_xlsx(renja)))
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["No", "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
                           "Indikator Kinerja Program/Kegiatan/Sub Kegiatan"]
    assert headers[9] == "Pagu Indikatif 2026 (Rp)"
    assert headers[16] == "Prakiraan Maju 2027 (Rp)"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    records = list(BarisRencana.objects.filter(renja=renja).order_by("urutan", "id").prefetch_related("indikator"))
    # One line per indicator of each record (a record without indicator still has its line), then the totals.
    lines = sum(max(1, len(b.indikator.all())) for b in records)
    data = rows[:lines]
    assert all(r[3] is not None for r in data)
    firsts = [r for r in data if r[0] is not None]
    assert len(firsts) == len(records)
    for row, baris in zip(firsts, records, strict=True):
        assert (row[1] or "", row[2]) == (baris.kode, baris.nama)
        assert row[10] == (baris.lokasi or None) and row[11] == (baris.sumber_dana or None)
        if baris.level == Level.SUB_KEGIATAN:
            assert row[9] == baris.pagu
            assert row[16] == baris.pagu_maju
    dihitung = _pagu_sub_kegiatan(renja)
    assert dihitung == PAGU_2026
    assert sum(r[9] for r, b in zip(firsts, records, strict=True) if b.level == Level.SUB_KEGIATAN) == dihitung
    jumlah = rows[lines]
    assert jumlah[2] == "JUMLAH (dihitung dari baris)"
    assert jumlah[9] == dihitung
    assert jumlah[16] is None  # the rows do not give the 2027 total
    tercatat = rows[lines + 1]
    assert tercatat[2].startswith("TOTAL TERCATAT")
    assert tercatat[16] == renja.pagu_maju_total_tercetak == PAGU_MAJU_TERCATAT
    assert len(rows) == lines + 2


def test_the_xlsx_sheet_is_built_from_the_same_context(renja):
    title, headers, rows = lembar_sipd(renja_context(renja))
    assert title == "T-C.33 Renja 2026"
    assert len(headers) == len(rows[0])


def test_the_consistency_check_reports_the_known_seed_differences(renja):
    pesan = " | ".join(t.pesan for t in renja_context(renja)["temuan"])
    assert 'kegiatan xi "Rehabilitasi Sosial Pemerlu' in pesan
    assert "pagu RKPD tercetak Rp 5.450.000.000, jumlah barisnya Rp 5.250.000.000" in pesan
    assert "total tercetak (narasi BAB III 3.3 dan 2.4) Rp 39.606.686.100, jumlah barisnya Rp 39.406.686.100" in pesan
    assert 'tercetak "Rp .350.000.000", dicatat Rp 1.350.000.000' in pesan
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


def test_the_xlsx_of_every_table_has_one_sheet_per_table_with_every_record(renja):
    workbook = load_workbook(io.BytesIO(renja_xlsx(renja, semua=True)))
    ctx = renja_context(renja)
    judul = workbook.sheetnames
    assert judul[0] == "T-C.29 Evaluasi 2024" and judul[-1] == "T-C.33 Renja 2026"
    assert judul[1] == "T-C.30 Kinerja Pelayanan"
    t29 = list(workbook["T-C.29 Evaluasi 2024"].iter_rows(min_row=2, values_only=True))
    assert len(t29) == renja.evaluasi.count()
    for row, rec in zip(t29, ctx["evaluasi"], strict=True):
        assert row[2] == rec.baris.nama
        if rec.tingkat_realisasi is not None:
            assert D(str(row[9])) == rec.tingkat_realisasi.quantize(D("0.01"))
    assert len(list(workbook["T-C.30 Kinerja Pelayanan"].iter_rows(min_row=2))) == renja.kinerja_pelayanan.count()
    for review in ctx["reviews"]:
        rows = list(workbook[f"T-C.31 Review {review.tabel.nomor}"].iter_rows(min_row=2, values_only=True))
        assert len(rows) == review.tabel.baris.count() + 1
        jumlah = rows[-1]
        leaves = [n for n in review.iter_rows() if not n.anak]
        assert jumlah[8] == sum(n.baris.rkpd_pagu for n in leaves)
    spm = list(workbook["Target SPM 2026"].iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in spm] == [int(s.target) for s in renja.target_spm.order_by("urutan", "id")]


def test_the_budget_of_n2_prints_the_sum_of_its_program_rows_next_to_the_recorded_opd_total(renja):
    """DOMAIN.md §10 item 5: the PPKS programs 8.915.908.979 / 9.604.306.296 = 92,83% beside the Dinas 89,73%."""
    from portal.angka import format_persen

    ctx = renja_context(renja)
    jumlah, opd = ctx["anggaran_n2_jumlah_program"], ctx["anggaran_n2"]
    assert jumlah.pagu == sum(p.pagu for p in opd.anak) and jumlah.realisasi == sum(p.realisasi for p in opd.anak)
    assert format_persen(opd.serapan) == "89,73"
    # The PPKS programs (Renja Tabel 3.9) alone: 8.915.908.979 / 9.604.306.296.
    ppks = [p for p in opd.anak if p.kode in ("1.06.04", "1.06.05", "1.06.06")]
    assert format_persen(sum(p.realisasi for p in ppks) / sum(p.pagu for p in ppks) * 100) == "92,83"
    html = render_to_string("renja/_tabel_anggaran_n2.html", ctx)
    assert f"{format_angka(jumlah.pagu)}</td><td class=\"angka\">{format_angka(jumlah.realisasi)}" in html


def test_the_same_renja_is_not_laid_out_again_for_the_next_download(renja, monkeypatch):
    from renja import services

    dibuat = []
    monkeypatch.setattr("renja.services.html_to_pdf", lambda html: dibuat.append(html) or b"%PDF-1.4 uji")
    assert services.renja_pdf(renja) == services.renja_pdf(renja) == b"%PDF-1.4 uji"
    assert len(dibuat) == 1
    bagian = renja.narasi.first()
    bagian.isi += "\n\nParagraf tambahan."
    bagian.save()
    services.renja_pdf(renja)  # the document changed: rendered again
    assert len(dibuat) == 2 and "Paragraf tambahan." in dibuat[1]


def test_the_signature_name_is_on_one_line(renja, pdf_text):
    nama = renja.penandatangan_nama
    assert nama
    baris = [line for line in pdf_text.splitlines() if nama in line]
    assert len(baris) == 2  # Kata Pengantar and BAB V, each with the whole name on one line


def test_lists_print_one_marker_per_item(pdf_text):
    assert not re.search(r"•\s*([a-z]|\d{1,2})[.)]\s", pdf_text)
    assert not re.search(r" - [a-z]\. ", pdf_text)


def test_t33_fits_at_least_twelve_rows_on_every_full_landscape_page(renja, pdf_path):
    halaman = []
    for nomor in range(1, 200):
        teks = subprocess.run(["pdftotext", "-f", str(nomor), "-l", str(nomor), str(pdf_path), "-"],
                              capture_output=True, text=True).stdout
        if not teks:
            break
        halaman.append(teks)
    mulai = next(i for i, t in enumerate(halaman) if "(T-C.33)" in t and "Daftar Isi" not in t)
    akhir = next(i for i in range(mulai, len(halaman)) if "Prioritas Nasional: PN-1" in halaman[i])
    baris = renja.rencana.count()
    # Every page but the last is full: the rows fill the pages at 12 or more per page.
    assert akhir - mulai <= max(0, (baris - 1) // 12)
