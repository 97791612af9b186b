"""Every OPD's LKIP of a year rendered together on the worker queue, for the evaluator or the admin.

One task per LKIP (lkip.tasks.render_lkip_kota), so however many Celery
workers run share the work and one failure does not stop the others; each
item records its status, time and reason. A document unchanged since its
last PDF is served from the document store, not rendered again. Without a
broker the tasks run in the request, which is allowed for a small city
only; the refusal says how long it would take.
"""

import tempfile
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count

from lkip.models import Lkip, PembuatanKota, PembuatanKotaItem
from portal.access import Role
from portal.angka import format_angka
from portal.models import AksiDitolak, BerkasDokumen

MAKS_TANPA_ANTREAN = 10  # LKIP rendered in one request when no worker queue is configured
DETIK_BAWAAN = Decimal(4)  # one LKIP, when no render has been timed yet


def boleh_kota(user):
    return user.is_superuser or user.role in (Role.ADMIN, Role.EVALUATOR)


def perkiraan_detik(jumlah):
    """Seconds one process needs for `jumlah` LKIP, from the renders timed so far."""
    rata = BerkasDokumen.objects.filter(jenis=BerkasDokumen.Jenis.LKIP, detik__isnull=False).aggregate(
        rata=Avg("detik"))["rata"]
    return (Decimal(rata) if rata else DETIK_BAWAAN) * jumlah


def _antrekan(item_ids):
    from lkip.tasks import render_lkip_kota

    # After the commit: a worker must find the rows the request created.
    transaction.on_commit(lambda: [render_lkip_kota.delay(pk) for pk in item_ids])


def lkip_kota_mulai(*, tahun, user):
    """Start rendering every OPD's LKIP of `tahun`; the new PembuatanKota."""
    if not boleh_kota(user):
        raise AksiDitolak("Hanya evaluator dan admin yang membuat LKIP semua perangkat daerah.")
    daftar = list(Lkip.objects.filter(tahun=tahun).values_list("pk", flat=True))
    if not daftar:
        raise AksiDitolak(f"Belum ada LKIP tahun {tahun} di perangkat daerah mana pun.")
    if not settings.CELERY_BROKER_URL and len(daftar) > MAKS_TANPA_ANTREAN:
        raise AksiDitolak(
            f"{len(daftar)} LKIP tanpa antrean tugas akan dibuat satu per satu dalam permintaan ini "
            f"(perkiraan {format_angka(perkiraan_detik(len(daftar)), 0)} detik). Jalankan worker Celery "
            f"(CELERY_BROKER_URL) untuk lebih dari {MAKS_TANPA_ANTREAN} LKIP.")
    with transaction.atomic():
        pembuatan = PembuatanKota.objects.create(tahun=tahun, dibuat_oleh=user)
        items = PembuatanKotaItem.objects.bulk_create(
            [PembuatanKotaItem(pembuatan=pembuatan, lkip_id=pk) for pk in daftar])
        _antrekan([i.pk for i in items])
    return pembuatan


def lkip_kota_ulangi(*, pembuatan, user):
    """Queue the failed items again; the number queued."""
    if not boleh_kota(user):
        raise AksiDitolak("Hanya evaluator dan admin yang membuat LKIP semua perangkat daerah.")
    with transaction.atomic():
        gagal = list(pembuatan.item.select_for_update().filter(status=PembuatanKotaItem.Status.GAGAL)
                     .values_list("pk", flat=True))
        PembuatanKotaItem.objects.filter(pk__in=gagal).update(status=PembuatanKotaItem.Status.ANTRE, pesan="")
        _antrekan(gagal)
    return len(gagal)


@dataclass
class Kemajuan:
    jumlah: int
    selesai: int
    gagal: int
    berjalan: int  # waiting or rendering

    @property
    def tuntas(self):
        return self.berjalan == 0

    @property
    def persen(self):
        return round(100 * (self.selesai + self.gagal) / self.jumlah) if self.jumlah else 100


def kemajuan(pembuatan):
    """How far a city-wide render is: one query."""
    n = dict(pembuatan.item.values_list("status").annotate(n=Count("pk")))
    s = PembuatanKotaItem.Status
    return Kemajuan(jumlah=sum(n.values()), selesai=n.get(s.SELESAI, 0), gagal=n.get(s.GAGAL, 0),
                    berjalan=n.get(s.ANTRE, 0) + n.get(s.PROSES, 0))


def item_pembuatan(pembuatan):
    return pembuatan.item.select_related("lkip__opd", "berkas").order_by("lkip__opd__nama")


def zip_pembuatan(pembuatan):
    """A temporary file holding every finished PDF, named by OPD and year."""
    arsip = tempfile.SpooledTemporaryFile(max_size=50 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    with zipfile.ZipFile(arsip, "w", zipfile.ZIP_STORED) as z:  # PDFs are compressed already
        for item in item_pembuatan(pembuatan).filter(status=PembuatanKotaItem.Status.SELESAI):
            if item.berkas is None or not item.berkas.siap:
                continue
            with item.berkas.berkas.open("rb") as f:
                z.writestr(f"lkip-{item.lkip.opd.singkatan}-{item.lkip.tahun}.pdf", f.read())
    arsip.seek(0)
    return arsip
