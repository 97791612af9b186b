from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'indikator'

    def ready(self):
        from indikator import dasbor_versi

        # Per-OPD versions of the dashboard cache; not connected where it is off.
        if dasbor_versi.aktif():
            dasbor_versi.sambungkan()
