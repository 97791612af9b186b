"""Rendering the LKIP PDF in the background (eager when no broker is configured)."""

from celery import shared_task

from lkip.models import Lkip
from portal.models import BerkasDokumen
from portal.pdf import sidik


@shared_task
def render_lkip_pdf(berkas_id):
    """Render one stored LKIP PDF (a BerkasDokumen): the HTML is rebuilt and must still match the stored hash."""
    from lkip.services import lkip_berkas, lkip_html

    berkas = BerkasDokumen.objects.get(pk=berkas_id, jenis=BerkasDokumen.Jenis.LKIP)
    if berkas.siap:
        return berkas.pk
    lkip = Lkip.objects.select_related("opd").get(opd_id=berkas.opd_id, tahun=berkas.tahun)
    html = lkip_html(lkip)
    if sidik(html) != berkas.sidik_html:
        # The document changed after the request: render what it is now, under its own hash.
        berkas.tandai(BerkasDokumen.Status.GAGAL, "Dokumen berubah sebelum dibuat; dibuat ulang dari data terbaru.")
    return lkip_berkas(lkip=lkip, html=html).pk


@shared_task
def render_lkip_kota(item_id):
    """Render one LKIP of a city-wide run (lkip.kota); a failure is recorded on the item, never raised.

    Raising would stop a request that runs the tasks eagerly half-way; the
    item's reason is what the progress page shows and the retry starts from.
    """
    import time
    from decimal import Decimal

    from lkip.models import PembuatanKotaItem
    from lkip.services import lkip_berkas, lkip_html

    status = PembuatanKotaItem.Status
    # Claimed by a conditional update: a task delivered twice renders once.
    if not PembuatanKotaItem.objects.filter(pk=item_id, status=status.ANTRE).update(status=status.PROSES):
        return None
    item = PembuatanKotaItem.objects.select_related("lkip__opd").get(pk=item_id)
    mulai = time.perf_counter()
    try:
        berkas = lkip_berkas(lkip=item.lkip, html=lkip_html(item.lkip))
    except Exception as exc:  # noqa: BLE001 - any failure is this item's, shown with its reason
        PembuatanKotaItem.objects.filter(pk=item_id).update(status=status.GAGAL, pesan=str(exc)[:1000] or
                                                            type(exc).__name__)
        return None
    PembuatanKotaItem.objects.filter(pk=item_id).update(
        status=status.SELESAI, berkas=berkas, pesan="", detik=Decimal(f"{time.perf_counter() - mulai:.2f}"))
    return berkas.pk
