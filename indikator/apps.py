from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'indikator'
    # The home page's "Tugas saya" asks every app that names one (dasbor.tugas): the rencana aksi's lines.
    tugas_saya = "indikator.tugas.tugas_rencana_aksi"
