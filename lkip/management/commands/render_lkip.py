from lkip.models import Lkip
from lkip.services import lkip_pdf
from portal.perintah import PerintahPdfDokumen


class Command(PerintahPdfDokumen):
    model = Lkip
    nama_dokumen = "LKIP"

    def buat_pdf(self, dokumen):
        return lkip_pdf(dokumen)
