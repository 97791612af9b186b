from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lkip.models import Lkip
from lkip.services import lkip_pdf
from portal.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Membuat PDF LKIP sebuah perangkat daerah untuk satu tahun."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="Kode atau singkatan perangkat daerah.")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--out", required=True, help="Berkas PDF yang ditulis.")

    def handle(self, *args, opd, tahun, out, **options):
        try:
            perangkat = PerangkatDaerah.objects.by_kode_or_singkatan(opd)
        except PerangkatDaerah.DoesNotExist as exc:
            raise CommandError(f"Perangkat daerah {opd!r} tidak ditemukan.") from exc
        lkip = Lkip.objects.filter(opd=perangkat, tahun=tahun).select_related("opd").first()
        if lkip is None:
            raise CommandError(f"LKIP {tahun} untuk {perangkat.nama} belum ada.")
        data = lkip_pdf(lkip)
        Path(out).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(data):,} byte".replace(",", ".")))
