"""Real PDFs for upload tests, written by pypdf: a plain page, and the kinds an evidence upload refuses."""

import io

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def _tulis(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _satu_halaman():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def pdf_biasa():
    return _tulis(_satu_halaman())


def pdf_tanpa_halaman():
    return _tulis(PdfWriter())


def pdf_terenkripsi():
    writer = _satu_halaman()
    writer.encrypt(user_password="rahasia", owner_password="rahasia")
    return _tulis(writer)


def pdf_javascript():
    """Document-level JavaScript in the /Names tree, run by a viewer when the file opens."""
    writer = _satu_halaman()
    script = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('halo');"),
    }))
    writer._root_object[NameObject("/Names")] = DictionaryObject({
        NameObject("/JavaScript"): DictionaryObject({
            NameObject("/Names"): ArrayObject([TextStringObject("halo"), script]),
        }),
    })
    return _tulis(writer)


def pdf_launch():
    writer = _satu_halaman()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe"),
    })
    return _tulis(writer)


def pdf_lampiran():
    writer = _satu_halaman()
    writer.add_attachment("program.exe", b"MZ\x90\x00 program")
    return _tulis(writer)


def pdf_javascript_tersamar():
    """JavaScript whose names are written with #xx escapes, which a plain byte search does not find."""
    data = pdf_biasa()
    catalog = b"/Type /Catalog"
    assert catalog in data
    return data.replace(catalog, catalog + b" /OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>", 1)
