import importlib
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import DEMO_DIR, DemoContext


class Command(BaseCommand):
    help = "Memuat data demo Dinas Sosial Kota Bekasi dari dokumen sumber (idempoten)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users", action="store_true", help="Buat juga satu pengguna demo per peran."
        )
        parser.add_argument(
            "--force-users",
            action="store_true",
            help="Izinkan pengguna demo walau DEBUG mati (jangan di server produksi).",
        )

    def handle(self, *args, **options):
        if options["users"] and not settings.DEBUG and not options["force_users"]:
            raise CommandError(
                "Pengguna demo dengan kata sandi yang diketahui umum tidak dibuat bila DEBUG "
                "mati. Gunakan --force-users bila ini memang server demo."
            )
        if not DEMO_DIR.exists():
            raise CommandError(f"Folder data demo tidak ditemukan: {DEMO_DIR}")
        ctx = DemoContext(with_users=options["users"] or options["force_users"])
        started = time.monotonic()
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.load(ctx)
                self.stdout.write(f"  data demo {config.label}: dimuat")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo siap ({ctx.created} dibuat, {ctx.updated} diperbarui, {elapsed:.1f} detik)."
            )
        )
        if ctx.messages:
            self.stdout.write("Pengguna demo (hanya untuk percobaan lokal):")
            for line in ctx.messages:
                self.stdout.write(line)
