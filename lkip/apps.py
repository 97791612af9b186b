from django.apps import AppConfig


class LkipConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'lkip'
    verbose_name = "LKIP"
