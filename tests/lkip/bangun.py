"""An LKIP built from records in the factory-built office (tests/kantor.py), complete enough to publish,
and the helpers the LKIP page tests share."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from lkip.models import BagianLkip, Lkip, VersiTerbit
from portal.models import BerkasDokumen
from tests.kantor import TAHUN


def lkip_uji(kantor, tahun=TAHUN):
    """The office's LKIP of `tahun` on a complete year of its data (Kantor.isi_setahun), every narrative
    section filled and a signatory: ready to publish (its check lists nothing)."""
    kantor.isi_setahun(tahun)
    lkip = Lkip.objects.create(opd=kantor.opd, tahun=tahun, penandatangan_nama="Kepala Dinas Uji",
                               penandatangan_nip="19700101 199001 1 001")
    for kunci, judul in BagianLkip.Kunci.choices:
        BagianLkip.objects.create(lkip=lkip, kunci=kunci, judul=judul, markdown=f"Isi {judul.lower()}.")
    return Lkip.objects.select_related("opd").get(pk=lkip.pk)


def pdf_kecil(teks):
    """A small valid PDF (with a correct xref table) whose bytes differ with `teks`."""
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Title (" + teks.encode("ascii") + b") >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    posisi = []
    for nomor, isi in enumerate(objek, start=1):
        posisi.append(out.tell())
        out.write(b"%d 0 obj\n" % nomor + isi + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1))
    for p in posisi:
        out.write(b"%010d 00000 n \n" % p)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objek) + 1, xref))
    return out.getvalue()


def dokumen_lkip(lkip):
    """What a stored PDF of the LKIP is keyed by, besides its HTML."""
    return {"jenis": BerkasDokumen.Jenis.LKIP, "opd": lkip.opd, "tahun": lkip.tahun}


def isi_halaman(response):
    return response.content.decode()


def pesan_dari(response):
    return [str(m) for m in response.context["messages"]]


def versi_terbit(lkip, user, nomor):
    data = pdf_kecil(f"lkip{lkip.pk}versi{nomor}")
    versi = VersiTerbit(lkip=lkip, nomor=nomor, sha256=hashlib.sha256(data).hexdigest(), ukuran=len(data),
                        diterbitkan_oleh=user, diterbitkan_pada=timezone.now())
    versi.berkas.save(f"v{nomor}.pdf", ContentFile(data), save=False)
    versi.save()


def isi_unduhan(response):
    return b"".join(response.streaming_content) if response.streaming else response.content
