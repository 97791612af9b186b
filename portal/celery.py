"""The Celery app: configured from Django settings (CELERY_*), tasks found in each app's tasks.py.

Without CELERY_BROKER_URL the settings make every task run eagerly in the
calling process, so a demo or test run needs no Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
