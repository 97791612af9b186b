from portal.perintah import PerintahPdfDokumen
from renja.models import Renja
from renja.services import renja_pdf


class Command(PerintahPdfDokumen):
    model = Renja
    nama_dokumen = "Renja"

    def buat_pdf(self, dokumen):
        return renja_pdf(dokumen)
