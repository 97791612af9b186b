from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'indikator'

    def ready(self):
        from anggaran import services as anggaran_services
        from indikator import dasbor_versi, services

        # The input windows also close the realisasi anggaran of a triwulan (anggaran cannot import them).
        anggaran_services.pasang_jendela_input(services.jendela_terbuka)

        # Per-OPD versions of the dashboard cache; not connected where it is off.
        if dasbor_versi.aktif():
            dasbor_versi.sambungkan()
