from django.apps import AppConfig


class LkipConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'lkip'
    verbose_name = "LKIP"
    # The home page's "Tugas saya" asks every app that names one (dasbor.tugas).
    tugas_saya = "lkip.tugas.tugas_lkip"
    # The LKE worksheet's pre-fill of criteria 3.1.x asks every app that names one (evaluasi.prefill).
    prefill_lke = "lkip.prefill.saran_lkip"
