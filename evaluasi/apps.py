from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = "Evaluasi AKIP dan kepuasan masyarakat"
    # The home page's "Tugas saya" asks every app that names one (dasbor.tugas).
    tugas_saya = "evaluasi.tugas.tugas_evaluasi"
