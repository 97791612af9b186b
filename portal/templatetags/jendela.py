"""The input window as the unit, rekap and DPA pages show it: `{% load jendela %}`.

Pages of indikator and anggaran include these instead of each building the
notice, so a closed triwulan reads the same everywhere and offers the same
request button.
"""

from django import template
from django.urls import reverse

from portal.access import can_edit_opd_data
from portal.jendela import jendela_dpa, jendela_unit
from portal.models import PermintaanJendela, User

register = template.Library()


def _atur_url(opd, tahun, triwulan=None):
    url = reverse("jendela:halaman", kwargs={"opd": opd.pk, "tahun": tahun})
    return url + (f"#tw{triwulan}" if triwulan else "")


@register.inclusion_tag("portal/_jendela_unit.html", takes_context=True)
def jendela_pemberitahuan(context, opd, unit, tahun, triwulan, jendela, terbuka):
    """A unit's triwulan: closed (since when, who opens it, the request button or its answer) or open until when.

    `jendela`, `terbuka`: what the page's JendelaInput.izin answered, not asked twice.
    """
    request = context["request"]
    user = request.user
    operator = user.role == User.Role.OPERATOR
    keadaan = jendela_unit(opd=opd, unit=unit, tahun=tahun, triwulan=triwulan, user=user,
                           izin=(jendela, terbuka), permintaan=None if operator else False)
    return {"k": keadaan, "request": request, "daftar": [keadaan], "unit": unit,
            "minta_url": reverse("jendela:minta", kwargs={"opd": opd.pk, "unit": unit.pk}),
            "atur_url": _atur_url(opd, tahun, triwulan) if can_edit_opd_data(user, opd) else None}


@register.inclusion_tag("portal/_jendela_unit.html", takes_context=True)
def jendela_pemberitahuan_dpa(context, dpa):
    """The closed triwulan of a DPA line for the operator of its unit, each with its request button."""
    request = context["request"]
    user = request.user
    return {"daftar": jendela_dpa(dpa=dpa, user=user), "request": request, "unit": dpa.unit_kerja, "ringkas": True,
            "minta_url": reverse("jendela:minta", kwargs={"opd": dpa.opd_id, "unit": dpa.unit_kerja_id})
            if dpa.unit_kerja_id else None, "atur_url": None}


@register.inclusion_tag("portal/_jendela_tautan.html", takes_context=True)
def jendela_tautan(context, opd, tahun, triwulan=None):
    """The button to the window page for who opens windows, with the OPD's waiting requests counted."""
    user = context["request"].user
    if not can_edit_opd_data(user, opd):
        return {"url": None}
    return {"url": _atur_url(opd, tahun, triwulan), "menunggu": PermintaanJendela.objects.menunggu(opd).count()}
