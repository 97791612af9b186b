from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'indikator'
