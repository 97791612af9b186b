"""The Renja as an editable Word file from the same print HTML as its PDF, read back with python-docx."""

import io

import pytest
from django.urls import reverse

from portal.angka import format_angka
from renja.models import BarisRencana, Level, Renja


@pytest.fixture
def renja(demo):
    return Renja.objects.get(opd=demo, tahun=2026)


def test_the_docx_has_word_headings_tables_with_repeated_headers_and_the_pdf_figures(client, users, renja):
    # python-docx (and the lxml it brings) is optional: see portal/docx.py.
    docx = pytest.importorskip("docx")
    client.force_login(users["perencana"])
    response = client.get(reverse("renja:docx", args=[renja.pk]))
    assert response.status_code == 200
    dokumen = docx.Document(io.BytesIO(response.content))
    judul = [p.text for p in dokumen.paragraphs if p.style.name.startswith("Heading")]
    for bab in ("BAB I Pendahuluan", "BAB II Evaluasi Pelaksanaan Renja Tahun 2024",
                "2.2 Analisis Kinerja Pelayanan Dinas Sosial", "BAB IV Rencana Kerja dan Pendanaan", "BAB V Penutup"):
        assert bab in judul
    assert "Daftar Isi" not in judul  # Word builds its own from the headings
    sel = [c.text for t in dokumen.tables for r in t.rows for c in r.cells]
    pagu = sum(BarisRencana.objects.filter(renja=renja, level=Level.SUB_KEGIATAN).values_list("pagu", flat=True))
    assert format_angka(pagu) in sel
    akip = [p.text for p in dokumen.paragraphs if p.style.name == "Caption" and "Evaluasi AKIP" in p.text]
    assert akip
    # every table with a header has it repeated on each page
    berkepala = [t for t in dokumen.tables if t.rows[0]._tr.xpath("./w:trPr/w:tblHeader")]
    assert len(berkepala) >= len(dokumen.tables) - 3  # narrative Markdown tables carry a header as well
    # the same document downloaded again is the stored file
    assert client.get(reverse("renja:docx", args=[renja.pk])).content == response.content


def test_without_python_docx_the_page_says_so_in_indonesian(client, users, renja, monkeypatch):
    monkeypatch.setattr("renja.views.docx_tersedia", lambda: False)
    client.force_login(users["perencana"])
    response = client.get(reverse("renja:docx", args=[renja.pk]))
    assert response.status_code == 503 and "python-docx belum dipasang" in response.content.decode()
