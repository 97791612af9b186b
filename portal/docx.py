"""A generated document as an editable Word file, from the same print HTML as its PDF.

Agencies finish documents in Word; the PDF stays the frozen, hashed version
of record. Converting the one print HTML (the document's own context,
rendered once) keeps the two outputs to the same figures, numbers and
wording: headings become Word heading styles (so Word builds its own table
of contents), tables Word tables whose header rows repeat on every page,
lists Word lists. The cover and the HTML table of contents are left out
(marked `data-docx="lewati"` or class `sampul`/`toc`), as Word makes its own.
"""

import io
import re
from html.parser import HTMLParser

try:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
except ImportError:  # python-docx is optional: it brings lxml, which changes how openpyxl writes XML
    Document = None

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 3, "h5": 4, "h6": 4}
_BLOK = {"p", "div", "section", "caption", "li", "td", "th", *_HEADING}
_LEWATI_KELAS = {"sampul", "toc"}
_RUANG = re.compile(r"\s+")


class _Simpul:
    def __init__(self, tag, attrs, induk=None):
        self.tag, self.attrs, self.induk, self.anak = tag, dict(attrs), induk, []

    @property
    def kelas(self):
        return set((self.attrs.get("class") or "").split())


class _Pohon(HTMLParser):
    """The print HTML as a tree of elements and text (the standard library parser, no extra dependency)."""

    KOSONG = {"br", "col", "img", "meta", "link", "hr", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.akar = self.kini = _Simpul("root", {})

    def handle_starttag(self, tag, attrs):
        simpul = _Simpul(tag, attrs, self.kini)
        self.kini.anak.append(simpul)
        if tag not in self.KOSONG:
            self.kini = simpul

    def handle_endtag(self, tag):
        simpul = self.kini
        while simpul is not self.akar and simpul.tag != tag:
            simpul = simpul.induk
        if simpul is not self.akar:
            self.kini = simpul.induk

    def handle_data(self, data):
        self.kini.anak.append(data)


def _lewati(simpul):
    return (simpul.tag in ("head", "style", "script", "colgroup")
            or simpul.kelas & _LEWATI_KELAS or simpul.attrs.get("data-docx") == "lewati")


def _runs(paragraf, simpul, tebal=False, miring=False):
    """The inline content of an element as runs, bold and italic as marked."""
    for anak in simpul.anak:
        if isinstance(anak, str):
            teks = _RUANG.sub(" ", anak)
            if teks.strip() or (teks and paragraf.runs):
                run = paragraf.add_run(teks)
                run.bold, run.italic = tebal or None, miring or None
        elif anak.tag == "br":
            paragraf.add_run().add_break()
        elif anak.tag == "sup":
            run = paragraf.add_run(_teks(anak))
            run.font.superscript = True
        elif not _lewati(anak) and anak.tag not in ("ol", "ul", "table"):
            _runs(paragraf, anak, tebal or anak.tag in ("strong", "b"), miring or anak.tag in ("em", "i"))


def _teks(simpul):
    if isinstance(simpul, str):
        return simpul
    return "".join(_teks(a) for a in simpul.anak)


def _ulang_header(row):
    """Mark a Word table row as a header row repeated at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


class _Penulis:
    def __init__(self):
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(22), Mm(18)
        self.doc.styles["Normal"].font.name = "Arial"
        self.doc.styles["Normal"].font.size = Pt(10)
        self.lebar_mm = 170  # the text width of the current page

    def blok(self, simpul, daftar=None):
        for anak in simpul.anak:
            if isinstance(anak, str):
                if anak.strip():
                    self.doc.add_paragraph(_RUANG.sub(" ", anak).strip())
                continue
            if _lewati(anak):
                continue
            if anak.tag in _HEADING:
                self.doc.add_heading(_RUANG.sub(" ", _teks(anak)).strip(), level=_HEADING[anak.tag])
            elif anak.tag == "p":
                paragraf = self.doc.add_paragraph()
                _runs(paragraf, anak)
            elif anak.tag in ("ol", "ul"):
                self.daftar(anak, 1 if daftar is None else daftar + 1)
            elif anak.tag == "table":
                self.tabel(anak)
            elif anak.tag == "section" and "lanskap" in anak.kelas:
                self.lanskap(anak)
            else:
                self.blok(anak, daftar)

    def daftar(self, simpul, tingkat):
        gaya = "List Number" if simpul.tag == "ol" else "List Bullet"
        gaya += "" if tingkat == 1 else f" {min(tingkat, 3)}"
        num_id = self._nomor_baru(gaya, int(simpul.attrs.get("start") or 1)) if simpul.tag == "ol" else None
        for li in (a for a in simpul.anak if not isinstance(a, str) and a.tag == "li"):
            paragraf = self.doc.add_paragraph(style=gaya)
            if num_id is not None:
                num_pr = paragraf._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id
            _runs(paragraf, li)
            for sub in li.anak:
                if not isinstance(sub, str) and sub.tag in ("ol", "ul"):
                    self.daftar(sub, tingkat + 1)
                elif not isinstance(sub, str) and sub.tag == "p" and paragraf.text.strip() == "":
                    _runs(paragraf, sub)

    def _nomor_baru(self, gaya, mulai):
        """A numbering of its own for one ordered list, so each list starts at its first number (1, or `start`)
        instead of running on from the previous list of the same style."""
        try:
            numbering = self.doc.part.numbering_part.numbering_definitions._numbering
            num_id = self.doc.styles[gaya].element.pPr.numPr.numId.val
            abstract = numbering.num_having_numId(num_id).abstractNumId.val
        except (AttributeError, KeyError):
            return None
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(mulai)
        return num.numId

    def tabel(self, simpul):
        caption = next((a for a in simpul.anak if not isinstance(a, str) and a.tag == "caption"), None)
        if caption is not None:
            self.doc.add_paragraph(_RUANG.sub(" ", _teks(caption)).strip(), style="Caption")
        rows = []  # (is header, [cells])
        for bagian in (a for a in simpul.anak if not isinstance(a, str)):
            trs = [bagian] if bagian.tag == "tr" else [t for t in _elemen(bagian) if t.tag == "tr"]
            for tr in trs:
                cells = [c for c in tr.anak if not isinstance(c, str) and c.tag in ("td", "th")]
                rows.append((bagian.tag == "thead", cells))
        if not rows:
            return
        lebar = max(sum(int(c.attrs.get("colspan", 1) or 1) for c in cells) for _, cells in rows)
        table = self.doc.add_table(rows=0, cols=lebar)
        table.style = "Table Grid"
        table.autofit = False
        persen = _lebar_kolom(simpul, lebar)
        terisi = {}  # (row, col) covered by a rowspan from above
        for r, (kepala, cells) in enumerate(rows):
            row = table.add_row()
            if kepala:
                _ulang_header(row)
            col = 0
            for cell in cells:
                while (r, col) in terisi:
                    col += 1
                if col >= lebar:
                    break
                span = int(cell.attrs.get("colspan", 1) or 1)
                rspan = int(cell.attrs.get("rowspan", 1) or 1)
                target = row.cells[col]
                if span > 1:
                    target = target.merge(row.cells[min(col + span, lebar) - 1])
                for dr in range(1, rspan):
                    for dc in range(span):
                        terisi[(r + dr, col + dc)] = (r, col)
                paragraf = target.paragraphs[0]
                _runs(paragraf, cell, tebal=cell.tag == "th" or kepala)
                if "angka" in cell.kelas:
                    paragraf.alignment = 2  # right, as the PDF prints figures
                col += span
        # The PDF's column widths (its colgroup), so a wide table uses the page as the PDF does.
        for i, column in enumerate(table.columns):
            column.width = Mm(self.lebar_mm * persen[i] / 100)  # the grid Word and LibreOffice lay out by
        ukuran = Pt(7) if self.lebar_mm > 200 else Pt(8)
        for row in table.rows:
            for i, cell in enumerate(row.cells[:lebar]):
                cell.width = Mm(self.lebar_mm * persen[i] / 100)
                for paragraf in cell.paragraphs:
                    for run in paragraf.runs:
                        run.font.size = ukuran
        # Vertical merges once every row exists.
        for (r, c), (r0, c0) in terisi.items():
            if r < len(table.rows) and c < lebar:
                table.cell(r0, c0).merge(table.cell(r, c))

    def lanskap(self, simpul):
        """A wide table on landscape pages of its own, as in the PDF."""
        self._orientasi(WD_ORIENT.LANDSCAPE)
        self.blok(simpul)
        self._orientasi(WD_ORIENT.PORTRAIT)

    def _orientasi(self, arah):
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        lebar, tinggi = (Mm(297), Mm(210)) if arah == WD_ORIENT.LANDSCAPE else (Mm(210), Mm(297))
        section.orientation, section.page_width, section.page_height = arah, lebar, tinggi
        tepi = Mm(15) if arah == WD_ORIENT.LANDSCAPE else Mm(20)
        section.left_margin = section.right_margin = tepi
        self.lebar_mm = (297 if arah == WD_ORIENT.LANDSCAPE else 210) - 2 * (15 if arah == WD_ORIENT.LANDSCAPE else 20)


class DocxTidakTersedia(RuntimeError):
    def __init__(self):
        super().__init__("Ekspor DOCX belum tersedia: pustaka python-docx belum dipasang di server.")


def docx_tersedia():
    return Document is not None


def html_to_docx(html):
    """DOCX bytes of a print HTML document (portal.dokumen renders it once per HTML, as it does the PDF)."""
    if not docx_tersedia():
        raise DocxTidakTersedia()
    pohon = _Pohon()
    pohon.feed(str(html))
    penulis = _Penulis()
    body = next((a for a in _semua(pohon.akar) if a.tag == "body"), pohon.akar)
    penulis.blok(body)
    out = io.BytesIO()
    penulis.doc.save(out)
    return out.getvalue()


_LEBAR = re.compile(r"lebar-(\d+)(?:-(\d))?")


def _lebar_kolom(tabel, jumlah):
    """Each column's share of the width in percent, from the table's colgroup (lebar-N classes), else equal."""
    cols = [c for g in _elemen(tabel) if g.tag == "colgroup" for c in _elemen(g) if c.tag == "col"]
    nilai = []
    for col in cols[:jumlah]:
        m = _LEBAR.search(col.attrs.get("class") or "")
        nilai.append(float(f"{m.group(1)}.{m.group(2) or 0}") if m else None)
    if len(nilai) < jumlah or None in nilai:
        return [100 / jumlah] * jumlah
    total = sum(nilai)
    return [n * 100 / total for n in nilai]


def _elemen(simpul):
    return [a for a in simpul.anak if not isinstance(a, str)]


def _semua(simpul):
    for anak in simpul.anak:
        if not isinstance(anak, str):
            yield anak
            yield from _semua(anak)
