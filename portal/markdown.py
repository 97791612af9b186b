"""Narrative text is Markdown, rendered through an allow-list sanitiser.

Users never get raw HTML into a page or a PDF: only the tags below survive,
with no attributes that load anything (no img, no links to local files).
"""

import re

import markdown as md
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "h6", "hr", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"ol": {"start", "type"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


# A cell spanning millions of columns takes a PDF render minutes; no narrative table needs more.
MAKS_SPAN = 50


def _batasi_span(tag, attribute, value):
    if attribute in ("colspan", "rowspan"):
        return str(min(int(value), MAKS_SPAN)) if value.isdigit() and int(value) > 0 else None
    return value


# An innermost bullet list, and the marker a writer typed at the start of an item ("a.", "b)", "1)", "2).").
_UL = re.compile(r"<ul>((?:(?!<ul>|</ul>|<ol).)*)</ul>", re.S)
_LI = re.compile(r"<li>((?:(?!</li>).)*)</li>", re.S)
_PENANDA_HURUF = re.compile(r"^(\s*(?:<p>)?\s*)([a-z])[.)]\s+")
_PENANDA_ANGKA = re.compile(r"^(\s*(?:<p>)?\s*)(\d{1,3})\)\.?\s+")


_BUTIR = re.compile(r"^\s*([-*+]|\d+[.)])\s")


def _rapikan_indentasi(text):
    """Lines indented 2–3 spaces under a list item are its sub-list or its next paragraph.

    Python-Markdown nests only at 4 spaces: typed with 2 or 3, a sub-list was
    flattened into its parent item (" - a. … - b.") and a paragraph ended the
    list, so the numbering restarted (1, 2, 1). Inside a list the indentation
    is rounded up to the next multiple of 4; elsewhere lines are left alone.
    """
    hasil, dalam_daftar = [], False
    for line in text.split("\n"):
        isi = line.lstrip(" ")
        indent = len(line) - len(isi)
        if not isi:
            hasil.append(line)
            continue
        if indent == 0:
            dalam_daftar = bool(_BUTIR.match(line))
        elif dalam_daftar and indent % 4:
            line = " " * (4 * (indent // 4 + 1)) + isi
        hasil.append(line)
    return "\n".join(hasil)


def _daftar_bertanda(html):
    """A bullet list whose items carry their own consecutive markers ("- a. …", "- 1) …") becomes the
    ordered list it is, so the document prints "a." once instead of "• a."."""

    def ubah(match):
        items = _LI.findall(match.group(1))
        if not items:
            return match.group(0)
        for pola, jenis, urut in ((_PENANDA_HURUF, "a", lambda m: ord(m) - ord("a") + 1),
                                  (_PENANDA_ANGKA, "1", int)):
            tanda = [pola.match(item) for item in items]
            if not all(tanda):
                continue
            nomor = [urut(t.group(2)) for t in tanda]
            if nomor != list(range(nomor[0], nomor[0] + len(nomor))):
                continue
            mulai = f' start="{nomor[0]}"' if nomor[0] != 1 else ""
            isi = "".join(f"<li>{t.group(1)}{item[t.end():]}</li>\n" for t, item in zip(tanda, items, strict=True))
            return f'<ol type="{jenis}"{mulai}>\n{isi}</ol>'
        return match.group(0)

    return _UL.sub(ubah, html)


def render_markdown(text):
    """Markdown → sanitised HTML, safe to insert into a template."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    html = md.markdown(_rapikan_indentasi(text), extensions=["tables", "sane_lists"], output_format="html")
    html = _daftar_bertanda(html)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                      attribute_filter=_batasi_span)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 with an allow-list
