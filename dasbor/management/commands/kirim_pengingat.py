"""Send today's reminder mails (what Celery beat runs each morning; cron calls this without a broker)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dasbor.pengingat import HARI_DEPAN, pengingat_kirim


class Command(BaseCommand):
    help = "Kirim surel pengingat harian kepada operator dan perencana (paling banyak sekali sehari per orang)."

    def add_arguments(self, parser):
        parser.add_argument("--hari-depan", type=int, default=HARI_DEPAN,
                            help=f"Triwulan yang ditutup dalam sekian hari ke depan (bawaan {HARI_DEPAN}).")
        parser.add_argument("--tanggal", help="Tanggal pengiriman YYYY-MM-DD (bawaan: hari ini).")

    def handle(self, *args, hari_depan, tanggal, **options):
        if not 0 <= hari_depan <= 366:
            raise CommandError("--hari-depan harus antara 0 dan 366.")
        try:
            hari = datetime.date.fromisoformat(tanggal) if tanggal else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--tanggal {tanggal!r} bukan tanggal YYYY-MM-DD.") from exc
        hasil = pengingat_kirim(hari, hari_depan)
        self.stdout.write(f"Pengingat {hari:%d-%m-%Y}: {hasil.dikirim} surel dikirim, {hasil.tanpa_isi} orang tanpa "
                          f"tugas mendesak, {hasil.sudah} sudah menerima hari ini.")
