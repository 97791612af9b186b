"""The daily reminder mail: the lines of "Tugas saya" a person should not miss, at most one mail a day.

An operator is told the quarters whose entry closes within `hari_depan`
days and what was returned to them; a perencana the realisasi waiting for
verification and the requests to open a quarter. The lines are the home
page's own (dasbor.tugas), so the mail and the page never disagree. Run by
Celery beat (dasbor.tasks) or, without a broker, by
`python manage.py kirim_pengingat` from cron.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from dasbor.tugas import tugas_saya
from portal.access import Role
from portal.models import User
from portal.tugas import BELUM_DIISI, DIKEMBALIKAN, PERMINTAAN, VERIFIKASI

HARI_DEPAN = 7  # a quarter closing within a week is worth a mail


@dataclass
class HasilPengingat:
    dikirim: int = 0
    tanpa_isi: int = 0  # nothing worth a mail today
    sudah: int = 0  # already mailed today (another run, or earlier)


def isi_pengingat(user, hari, hari_depan=HARI_DEPAN):
    """The home page's lines this user is mailed about today (empty: no mail)."""
    batas = hari + datetime.timedelta(days=hari_depan)
    if user.role == Role.OPERATOR:
        return [t for t in tugas_saya(user, hari).tugas if t.jenis == DIKEMBALIKAN
                or (t.jenis == BELUM_DIISI and t.tenggat is not None and t.tenggat <= batas)]
    if user.role == Role.PERENCANA:
        return [t for t in tugas_saya(user, hari).tugas if t.jenis in (VERIFIKASI, PERMINTAAN)]
    return []


def _klaim_hari(user, hari):
    """Claim today's mail for `user`: only one of two runs at once gets True."""
    diklaim = (User.objects.filter(pk=user.pk).exclude(pengingat_terakhir=hari)
               .update(pengingat_terakhir=hari))
    return diklaim == 1


def pengingat_kirim(hari, hari_depan=HARI_DEPAN):
    """Mail every active operator and perencana who wants reminders and has something due."""
    hasil = HasilPengingat()
    penerima = (User.objects.filter(is_active=True, terima_pengingat=True, role__in=[Role.OPERATOR, Role.PERENCANA])
                .exclude(email="").select_related("opd", "unit_kerja").order_by("pk"))
    for user in penerima:
        if user.pengingat_terakhir == hari:
            hasil.sudah += 1
            continue
        tugas = isi_pengingat(user, hari, hari_depan)
        if not tugas:
            hasil.tanpa_isi += 1
            continue
        if not _klaim_hari(user, hari):
            hasil.sudah += 1
            continue
        konteks = {"user": user, "tugas": tugas, "portal_url": settings.PORTAL_URL.rstrip("/"),
                   "akun_url": settings.PORTAL_URL.rstrip("/") + "/akun/"}
        send_mail(
            subject=f"Portal SAKIP: {len(tugas)} hal menunggu Anda",
            message=render_to_string("dasbor/pengingat.txt", konteks),
            from_email=None, recipient_list=[user.email])
        hasil.dikirim += 1
    return hasil
