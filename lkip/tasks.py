"""Rendering the LKIP PDF in the background (eager when no broker is configured)."""

from celery import shared_task

from lkip.models import BerkasLkip


@shared_task
def render_lkip_pdf(berkas_id):
    """Render the PDF of one BerkasLkip: the HTML is rebuilt and must still match the stored hash."""
    from lkip.services import lkip_berkas, lkip_html, sidik

    berkas = BerkasLkip.objects.select_related("lkip__opd").get(pk=berkas_id)
    if berkas.siap:
        return berkas.pk
    html = lkip_html(berkas.lkip)
    if sidik(html) != berkas.sidik_html:
        # The document changed after the request: render what it is now, under its own hash.
        BerkasLkip.objects.filter(pk=berkas.pk).update(
            status=BerkasLkip.Status.GAGAL, pesan="Dokumen berubah sebelum dibuat; dibuat ulang dari data terbaru."
        )
    return lkip_berkas(lkip=berkas.lkip, html=html).pk
