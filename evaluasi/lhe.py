"""The LHE (Laporan Hasil Evaluasi) as a PDF: rendered from the final evaluation, frozen with its SHA-256 when issued.

One context builder for the print template; the rendered file is kept in the
document store (portal.dokumen, jenis LHE) and the issued copy, with the
SHA-256 of its bytes, on the PenilaianLke itself, so a later change of the
template or the data never changes an LHE that was issued.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from evaluasi.models.penilaian import EVALUATOR
from portal.dokumen import dokumen_ambil
from portal.models import BerkasDokumen
from portal.pdf import html_to_pdf, render_html, sidik

TEMPLATE = "evaluasi/lhe_print.html"


def lhe_context(penilaian):
    struktur, jawaban = penilaian.struktur_dan_jawaban()
    hasil = penilaian.hasil(EVALUATOR, struktur, jawaban)
    catatan = [(k, [(kr, jawaban[kr.pk]) for s in k.sub.all() for kr in s.kriteria.all()
                    if kr.pk in jawaban and jawaban[kr.pk].catatan_evaluator])
               for k in struktur]
    return {
        "penilaian": penilaian, "opd": penilaian.opd, "hasil": hasil,
        "catatan": [(k, baris) for k, baris in catatan if baris],
        "rekomendasi": list(penilaian.rekomendasi.all()),
        "dicetak": timezone.localdate(),
    }


def lhe_html(penilaian):
    return render_html(TEMPLATE, lhe_context(penilaian))


def lhe_pdf(penilaian):
    """The issued LHE's bytes when there is one; else the PDF of the evaluation as it stands (from the store)."""
    if penilaian.lhe_pdf:
        with penilaian.lhe_pdf.open("rb") as f:
            return f.read()
    berkas = dokumen_ambil(jenis=BerkasDokumen.Jenis.LHE, opd=penilaian.opd, tahun=penilaian.tahun,
                           html=lhe_html(penilaian), buat=html_to_pdf)
    return berkas.baca()


def lhe_terbitkan(penilaian):
    """Freeze the final evaluation's LHE: its PDF and that PDF's SHA-256, through the row's lock."""
    data = lhe_pdf(penilaian)
    penilaian.lhe_sha256 = sidik(data)
    penilaian.lhe_pdf.save(f"lhe-{penilaian.opd.singkatan}-{penilaian.tahun}.pdf", ContentFile(data), save=False)
    penilaian._change_reason = f"LHE diterbitkan, SHA-256 {penilaian.lhe_sha256}"
    penilaian.save_versioned(penilaian.versi)
    return penilaian
