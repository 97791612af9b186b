"""Laporan singkat pimpinan: the dashboard's first screen on one or two A4 pages, for the staff meeting.

Built from the same context as the page (dasbor.konteks.konteks_opd) and the same partials (the IKU
cards, the three things for attention, the budget line and the late units), so a figure on paper is
the figure on the screen. The sheet names the time it was made and the data it was made from: a
fingerprint (SHA-256) of its figures, the same for the same data whenever and by whomever it is made.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from dasbor import versi
from portal.pdf import html_to_pdf, sidik

TEMPLAT_ISI = "dasbor/_laporan_isi.html"
TEMPLAT = "dasbor/laporan_pimpinan.html"


def laporan_html(context, dibuat_pada=None):
    """The briefing's print HTML from the dashboard's context (konteks_opd)."""
    isi = render_to_string(TEMPLAT_ISI, context)
    return render_to_string(TEMPLAT, {
        **context,
        "isi": isi,
        "sidik_data": sidik(isi)[:12],
        "versi_data": versi.versi_opd(context["opd"].pk) if versi.aktif() else None,
        "dibuat_pada": dibuat_pada or timezone.localtime(),
    })


def laporan_pdf(context, dibuat_pada=None):
    return html_to_pdf(laporan_html(context, dibuat_pada))
