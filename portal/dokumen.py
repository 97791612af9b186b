"""One store for the documents the portal generates: rendered once per input, then served from the file.

A document (an LKIP, a Renja) is rendered from its print HTML by a
renderer passed in (`buat`: HTML -> bytes; portal.pdf.html_to_pdf for a
PDF). The result is kept under MEDIA_ROOT in a BerkasDokumen keyed by kind,
format, OPD, year and the SHA-256 of that HTML (portal.pdf.sidik):

- the same HTML asked for again is served from its file, by anyone;
- a changed document has another hash, so it is rendered once more;
- a file gone from disk is rendered again.

Another output format (DOCX) is another `format` with its own renderer,
stored and served the same way; a version of record (LKIP publishing, the
Renja frozen on Penetapan) takes its bytes from `dokumen_ambil` and keeps
its own copy and hash, as lkip.VersiTerbit does. Rendering a whole document
takes seconds: whether a reader may cause it is the calling view's rule,
and `dokumen_tersimpan` is the read that never renders.
"""

import time
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.models import BerkasDokumen
from portal.pdf import sidik


def dokumen_tersimpan(*, jenis, opd, tahun, html, format=BerkasDokumen.Format.PDF):
    """The ready file of exactly this HTML, or None. Never renders."""
    berkas = BerkasDokumen.objects.filter(jenis=jenis, opd=opd, tahun=tahun, format=format,
                                          sidik_html=sidik(html)).first()
    return berkas if berkas is not None and berkas.siap else None


def dokumen_ambil(*, jenis, opd, tahun, html, buat, format=BerkasDokumen.Format.PDF):
    """The ready file of this HTML, rendered now with `buat` if it is not stored yet (or is gone from disk)."""
    berkas = _berkas_html(jenis=jenis, opd=opd, tahun=tahun, html=html, format=format)[0]
    if berkas.siap:
        return berkas
    return dokumen_buat(berkas=berkas, html=html, buat=buat)


def dokumen_antrekan(*, jenis, opd, tahun, html, format=BerkasDokumen.Format.PDF):
    """(the row of this HTML, whether a background task must now be started to render it).

    No task when the file is ready, or when one was queued for it recently (a
    second click while the first renders); otherwise the row is marked as
    queued again, whatever became of an earlier attempt.
    """
    berkas, baru = _berkas_html(jenis=jenis, opd=opd, tahun=tahun, html=html, format=format)
    if berkas.siap or (not baru and berkas.sedang_dibuat):
        return berkas, False
    if berkas.status != BerkasDokumen.Status.ANTRE:
        berkas.tandai(BerkasDokumen.Status.ANTRE)
    return berkas, True


def dokumen_buat(*, berkas, html, buat):
    """Render `html` into this row's file with `buat`; a failure is recorded on the row and raised."""
    mulai = time.perf_counter()
    berkas.tandai(BerkasDokumen.Status.PROSES)
    try:
        data = buat(html)
    except Exception as exc:
        berkas.tandai(BerkasDokumen.Status.GAGAL, str(exc))
        raise
    # The storage picks a name not in use: a file another request is reading is never overwritten.
    nama = f"{berkas.jenis}-{berkas.opd.singkatan}-{berkas.tahun}-{berkas.sidik_html[:12]}.{berkas.format}"
    berkas.berkas.save(nama, ContentFile(data), save=False)
    # A version of record whose file was lost is no longer one: its hash named the lost bytes.
    berkas.sidik_berkas, berkas.dibekukan_pada, berkas.dibekukan_oleh = "", None, None
    berkas.status = BerkasDokumen.Status.SELESAI
    berkas.detik = Decimal(f"{time.perf_counter() - mulai:.2f}")
    berkas.selesai_pada = timezone.now()
    berkas.pesan = ""
    berkas.save()
    return berkas


def dokumen_bekukan(*, berkas, user):
    """Make a rendered file the version of record: its own SHA-256, who and when (the Renja on Penetapan).

    The file's hash, not the HTML's, is what a reader verifies a downloaded
    copy against on the public page. Freezing the same file again keeps the
    first record.
    """
    data = berkas.baca()
    if berkas.dibekukan_pada is None:
        berkas.sidik_berkas = sidik(data)
        berkas.dibekukan_pada = timezone.now()
        berkas.dibekukan_oleh = user
        berkas.save(update_fields=["sidik_berkas", "dibekukan_pada", "dibekukan_oleh"])
    return berkas


def dokumen_beku(*, jenis, opd, tahun, format=BerkasDokumen.Format.PDF):
    """The newest version of record of a document whose file is still there, or None."""
    for berkas in BerkasDokumen.objects.dokumen(jenis=jenis, opd=opd, tahun=tahun, format=format).beku():
        if berkas.siap:
            return berkas
    return None


def _berkas_html(*, jenis, opd, tahun, html, format):
    berkas, baru = BerkasDokumen.objects.get_or_create(jenis=jenis, opd=opd, tahun=tahun, format=format,
                                                       sidik_html=sidik(html))
    berkas.opd = opd  # names the file; the caller has it loaded already
    return berkas, baru
