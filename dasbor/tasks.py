"""Celery tasks of the dashboard app: the daily reminder mail (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from dasbor.pengingat import pengingat_kirim


@shared_task
def kirim_pengingat():
    hasil = pengingat_kirim(timezone.localdate())
    return {"dikirim": hasil.dikirim, "tanpa_isi": hasil.tanpa_isi, "sudah": hasil.sudah}
