from django.apps import AppConfig


class RenjaConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'renja'
    # The home page's "Tugas saya" asks every app that names one (dasbor.tugas).
    tugas_saya = "renja.tugas.tugas_renja"
