"""What the management commands share: the --opd argument and writing a document's PDF."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.models import PerangkatDaerah


def opd_dari_argumen(nilai):
    """The OPD an --opd argument names, by kode or singkatan; a clear error when there is none."""
    try:
        return PerangkatDaerah.objects.by_kode_or_singkatan(nilai)
    except PerangkatDaerah.DoesNotExist as exc:
        raise CommandError(f"Perangkat daerah {nilai!r} tidak ditemukan.") from exc


class PerintahPdfDokumen(BaseCommand):
    """`--opd KODE --tahun N --out file.pdf` for a document kept per OPD and year.

    A subclass names the model, the document's name in messages and the
    function that turns one record into PDF bytes.
    """

    model = None
    nama_dokumen = ""

    def buat_pdf(self, dokumen):
        raise NotImplementedError

    @property
    def help(self):
        return f"Membuat PDF {self.nama_dokumen} sebuah perangkat daerah untuk satu tahun."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="Kode atau singkatan perangkat daerah.")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--out", required=True, help="Berkas PDF yang ditulis.")

    def handle(self, *args, opd, tahun, out, **options):
        perangkat = opd_dari_argumen(opd)
        dokumen = self.model.objects.filter(opd=perangkat, tahun=tahun).select_related("opd").first()
        if dokumen is None:
            raise CommandError(f"{self.nama_dokumen} {tahun} untuk {perangkat.nama} belum ada.")
        data = self.buat_pdf(dokumen)
        Path(out).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(data):,} byte".replace(",", ".")))
