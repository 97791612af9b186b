"""Uploaded files checked by opening them: a PDF pypdf reads to its pages, an image Pillow decodes whole.

The first bytes of a file say only what it claims to be: "%PDF-" followed by
an executable passes a signature check. An evidence file is later opened by
a verifier on an office PC, so it must be the whole document it claims to
be, and a PDF must not carry what a viewer would run or unpack: JavaScript,
launch actions, embedded files.
"""

import io
import re

from django import forms

# What a viewer runs or unpacks. Action types (/S) and keys are compared after pypdf
# has decoded the names, so "/J#61vaScript" is found as /JavaScript.
AKSI_AKTIF = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute", "/GoToE", "/Rendition"}
KUNCI_SKRIP = {"/JS", "/JavaScript", "/XFA"}
KUNCI_LAMPIRAN = {"/EmbeddedFiles", "/EmbeddedFile", "/EF", "/RichMedia"}
SUBTIPE_LAMPIRAN = {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}
# A document no evidence scan comes near; the walk stops here instead of following a crafted file forever.
MAKS_OBJEK_PDF = 200_000
# Pixels, not bytes: a 5 MB PNG can unpack to gigabytes. 50 megapixels is far beyond a phone photo.
MAKS_PIKSEL = 50_000_000

_SISA_SETELAH_EOF = re.compile(rb"%%EOF[\s\x00]*\Z")


def periksa_pdf(upload):
    """Refuse a file that is not a whole, readable, unencrypted PDF with pages and nothing active inside."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = _isi(upload)
    if not data.startswith(b"%PDF-"):
        raise forms.ValidationError("Isi berkas bukan PDF.", code="isi")
    # A viewer reads a PDF from its end; bytes after the last %%EOF are another file riding along.
    if not _SISA_SETELAH_EOF.search(data[-4096:]):
        raise forms.ValidationError(
            "Berkas PDF tidak utuh atau berisi data lain setelah akhir dokumen; simpan ulang sebagai PDF lalu "
            "unggah lagi.", code="isi",
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise forms.ValidationError(
                "PDF ini terkunci (terenkripsi atau berkata sandi); unggah PDF tanpa kata sandi.",
                code="terenkripsi",
            )
        jumlah_halaman = len(reader.pages)
        temuan = _isi_aktif(reader)
    except forms.ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            OSError, AssertionError) as exc:  # pypdf raises all of these for a damaged file
        raise forms.ValidationError(
            "Berkas PDF rusak atau tidak dapat dibaca; simpan ulang sebagai PDF lalu unggah lagi.", code="isi"
        ) from exc
    if jumlah_halaman < 1:
        raise forms.ValidationError("PDF ini tidak memiliki halaman.", code="isi")
    if temuan == "skrip":
        raise forms.ValidationError(
            "PDF berisi skrip (JavaScript) atau perintah yang menjalankan program; bukti dukung harus dokumen "
            "biasa. Cetak ulang dengan \"Simpan sebagai PDF\" / \"Print to PDF\" lalu unggah hasilnya.",
            code="pdf_aktif",
        )
    if temuan == "lampiran":
        raise forms.ValidationError(
            "PDF berisi berkas lain yang dilampirkan di dalamnya; unggah dokumennya saja (cetak ulang dengan "
            "\"Simpan sebagai PDF\" / \"Print to PDF\").",
            code="pdf_lampiran",
        )
    return upload


def periksa_gambar(upload, format_diharapkan):
    """Refuse an image Pillow cannot decode to its last pixel, or one of another format than its name says."""
    from PIL import Image

    data = _isi(upload)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # the file's structure and checksums
        with Image.open(io.BytesIO(data)) as image:
            if image.format != format_diharapkan:
                raise forms.ValidationError("Isi gambar tidak sesuai dengan akhiran namanya.", code="isi")
            lebar, tinggi = image.size
            if lebar * tinggi > MAKS_PIKSEL:
                raise forms.ValidationError("Gambar terlalu besar ukurannya (piksel); perkecil lalu unggah lagi.",
                                            code="terlalu_besar")
            image.load()  # verify() does not decode the pixels: a cut-off or corrupt image fails only here
    except forms.ValidationError:
        raise
    except Exception as exc:  # Pillow raises many kinds (OSError, SyntaxError, DecompressionBombError…)
        raise forms.ValidationError("Gambar bukti dukung rusak atau tidak dapat dibaca.", code="isi") from exc
    return upload


def _isi(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _isi_aktif(reader):
    """"skrip", "lampiran" or None: what the document holds that a viewer would run or unpack.

    Every object reachable from the trailer is visited once (pages, annotations,
    name trees, form fields, object streams), since an action can hang off any of
    them: the catalog's /OpenAction and /AA, a page's /AA, a link's /A, a field.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen = set()
    stack = [reader.trailer]
    lampiran = False
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAKS_OBJEK_PDF:
                raise ValueError("too many objects")
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # a stream's dictionary too
            keys = set(obj.keys())
            if keys & KUNCI_SKRIP:
                return "skrip"
            if obj.get("/S") in AKSI_AKTIF:
                return "skrip"
            if keys & KUNCI_LAMPIRAN or obj.get("/Subtype") in SUBTIPE_LAMPIRAN:
                lampiran = True
            if obj.get("/Type") == NameObject("/Filespec") and "/EF" in obj:
                lampiran = True
            # /Parent points back up the page tree: everything it leads to is reached from the root anyway.
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return "lampiran" if lampiran else None
