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
