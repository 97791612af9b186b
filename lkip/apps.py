from django.apps import AppConfig


class LkipConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'lkip'
    verbose_name = "LKIP"
    # The home page's "Tugas saya" asks every app that names one (dasbor.tugas).
    tugas_saya = "lkip.tugas.tugas_lkip"
