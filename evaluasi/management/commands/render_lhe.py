from django.core.management.base import CommandError

from evaluasi.lhe import lhe_pdf
from evaluasi.models import PenilaianLke
from portal.perintah import PerintahPdfDokumen


class Command(PerintahPdfDokumen):
    """`--tahun` is the year of performance evaluated (the LHE is dated the year after)."""

    model = PenilaianLke
    nama_dokumen = "LHE AKIP"

    def buat_pdf(self, dokumen):
        if dokumen.status != PenilaianLke.Status.FINAL:
            raise CommandError(f"Evaluasi AKIP {dokumen.tahun} {dokumen.opd.nama} belum final; LHE belum terbit.")
        return lhe_pdf(dokumen)
