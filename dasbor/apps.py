from django.apps import AppConfig


class DasborConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dasbor"
    verbose_name = "Dasbor"

    def ready(self):
        from dasbor import versi
        from portal.sinyal import ditulis_massal

        # A bulk write elsewhere (generate_city) bumps the shared version; it says so by this
        # signal, so the writer does not import the dashboard.
        ditulis_massal.connect(versi.setelah_tulis_massal, dispatch_uid="dasbor_versi_massal")
        # Per-OPD versions of the dashboard cache; not connected where it is off.
        if versi.aktif():
            versi.sambungkan()
