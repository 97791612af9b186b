from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'indikator'

    def ready(self):
        from indikator import dasbor_versi
        from portal.sinyal import ditulis_massal

        ditulis_massal.connect(dasbor_versi.setelah_tulis_massal, dispatch_uid="dasbor_versi_massal")
        # Per-OPD versions of the dashboard cache; not connected where it is off.
        if dasbor_versi.aktif():
            dasbor_versi.sambungkan()
