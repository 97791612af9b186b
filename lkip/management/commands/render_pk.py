from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indikator.models import Jabatan, PerjanjianKinerja
from lkip.services import pk_pdf
from portal.perintah import opd_dari_argumen


class Command(BaseCommand):
    help = "Membuat PDF Perjanjian Kinerja yang berlaku: milik perangkat daerah atau satu jabatan."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="Kode atau singkatan perangkat daerah.")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--jabatan", default="", help="Nama jabatan; kosong: PK kepala perangkat daerah.")
        parser.add_argument("--jenis", default=PerjanjianKinerja.Jenis.MURNI, choices=PerjanjianKinerja.Jenis.values)
        parser.add_argument("--out", required=True, help="Berkas PDF yang ditulis.")

    def handle(self, *args, opd, tahun, jabatan, jenis, out, **options):
        perangkat = opd_dari_argumen(opd)
        pilihan = None
        if jabatan:
            pilihan = Jabatan.objects.filter(opd=perangkat, nama__iexact=jabatan.strip()).first()
            if pilihan is None:
                raise CommandError(f"Jabatan {jabatan!r} tidak ada di {perangkat.nama}.")
            if pilihan.kepala_opd:
                pilihan = None
        dokumen = (PerjanjianKinerja.objects.berlaku().select_related("opd", "jabatan")
                   .filter(opd=perangkat, tahun=tahun, jenis=jenis, jabatan=pilihan).first())
        if dokumen is None:
            raise CommandError(f"PK {tahun} {jabatan or perangkat.kepala_jabatan or perangkat.nama} belum ada.")
        data = pk_pdf(dokumen)
        Path(out).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(data):,} byte".replace(",", ".")))
