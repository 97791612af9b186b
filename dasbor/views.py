"""The pimpinan dashboard: where the OPD stands, what is at risk and why; the city overview;
the home page with what waits for the user (dasbor.tugas).

Read-only pages. Who sees what (portal.access): pimpinan, perencana and
operators read their own OPD's dashboard (operators read-only, like
everyone: nothing here edits); evaluators and admins read any OPD, picked
with ?opd=<id>, and the city overview, which everyone else gets a 403 for.
The views pick the OPD, the year and the triwulan, cache the rendered body
and answer; what the pages show is built in dasbor.konteks, their XLSX in
dasbor.ekspor.
"""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from dasbor import versi
from dasbor.ekspor import iku_xlsx, kota_xlsx, opd_xlsx, tren_xlsx
from dasbor.konteks import (
    URUTAN_KOTA,
    konteks_iku,
    konteks_opd,
    konteks_pohon,
    konteks_tren,
    kota_rows,
    peringkat_kota,
    periode_bawaan,
    tahun_terakhir,
)
from dasbor.laporan import laporan_html, laporan_pdf
from dasbor.tugas import tugas_saya
from indikator.models import Indikator, Renstra
from indikator.pengukuran import hitung_status
from portal.access import Role, get_opd_for, role_required
from portal.models import PerangkatDaerah
from portal.unduhan import lampiran

# A cached entry is only valid for the data versions in its key (dasbor.versi);
# the timeout bounds memory, and staleness after a bulk write that bypassed the signals.
CACHE_SECONDS = 600


def _int_param(request, name, low=None, high=None):
    """An integer query parameter, or None; a malformed one answers 404 rather than 500."""
    raw = request.GET.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except ValueError as exc:
        raise Http404(f"Parameter {name} tidak sah.") from exc
    if (low is not None and value < low) or (high is not None and value > high):
        raise Http404(f"Parameter {name} tidak sah.")
    return value


def _kunci(name, parts, versi_data):
    return "dasbor:{}:{}:v{}".format(
        name, ":".join("-" if p is None else str(p) for p in parts), ".".join(str(v) for v in versi_data))


def _cached(name, parts, versi_data, compute):
    """`compute()` once per version of the data it depends on (`versi_data`, from dasbor.versi).

    Without the cache (SQLite, or settings.DASBOR_CACHE = False for the
    query-count tests) it just computes.
    """
    if versi_data is None:
        return compute()
    key = _kunci(name, parts, versi_data)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _opd_dari_request(request):
    """The OPD a page is about: the user's own, or for evaluators/admins the ?opd= asked for.

    Operators see their unit's rows, not the OPD as a whole (the drill-down
    shows every unit's notes), so the dashboards are not theirs.
    """
    if request.user.role == Role.OPERATOR:
        raise PermissionDenied("Dasbor disediakan untuk pimpinan, perencana, dan evaluator.")
    return get_opd_for(request.user, _int_param(request, "opd"))


def _tahun(request, opd_filter):
    return _int_param(request, "tahun", 2000, 2100) or tahun_terakhir(opd_filter)


def _periode(request, opd, tahun, versi_data=None):
    """The "s.d. TW n" a page is about: the one asked for (?tw=), else where the OPD's IKU data of the year ends.

    The OPD dashboard finds the latter in its own rows; the pages it links to
    get it in their link, and only a page opened without one asks for it.
    """
    tw = _int_param(request, "tw", 1, 4)
    if tw is not None:
        return tw
    return _cached("tw", (opd.pk, tahun), versi_data, lambda: periode_bawaan(opd, tahun))


def _opd_param(request, opd):
    """What links on the page carry to stay on this OPD: only readers of every OPD pick one."""
    return f"opd={opd.pk}&" if request.user.sees_all_opd else ""


@login_required
def beranda(request):
    """The landing page: who the user is and what waits for them in the triwulan due now."""
    return render(request, "dasbor/beranda.html", {
        "opd": request.user.opd,
        "tugas_saya": tugas_saya(request.user, timezone.localdate()),
    })


@login_required
def opd(request):
    """The OPD dashboard: each IKU's capaian to the latest triwulan, budget, risks."""
    user = request.user
    if user.sees_all_opd and not request.GET.get("opd") and not user.opd_id:
        return redirect("dasbor:kota")
    opd = _opd_dari_request(request)
    # This OPD's data version and the shared one: a save in another OPD leaves this page cached.
    versi_data = versi.versi_opd(opd.pk) if versi.aktif() else None
    tahun = _int_param(request, "tahun", 2000, 2100) or _cached(
        "tahun", (opd.pk,), versi_data, lambda: tahun_terakhir({"opd": opd})
    )
    tw_diminta = _int_param(request, "tw", 1, 4)
    opd_param = _opd_param(request, opd)
    if request.GET.get("format") == "xlsx":
        return opd_xlsx(konteks_opd(opd, tahun, tw_diminta))

    def isi():
        context = konteks_opd(opd, tahun, tw_diminta)
        context["opd_param"] = opd_param
        return render_to_string("dasbor/_opd_isi.html", context)

    # The page body depends only on the data and on whether links carry ?opd=, so
    # it is cached rendered; the layout around it (user menu, CSRF) is not.
    html = _cached("opd", (opd.pk, tahun, tw_diminta, opd_param), versi_data, isi)
    return render(request, "dasbor/opd.html", {"opd": opd, "tahun": tahun, "isi": html})


@login_required
def laporan(request):
    """Laporan singkat pimpinan: the dashboard's position of the period on one or two A4 pages (PDF).

    The same context as the dashboard, computed fresh (a sheet for a meeting names the data it
    was made from). ?format=html answers its print HTML (a preview, and what the tests read).
    """
    opd = _opd_dari_request(request)
    tahun = _tahun(request, {"opd": opd})
    context = konteks_opd(opd, tahun, _int_param(request, "tw", 1, 4))
    context["opd_param"] = _opd_param(request, opd)
    if request.GET.get("format") == "html":
        return HttpResponse(laporan_html(context))
    nama = f"laporan-pimpinan-{opd.singkatan}-{tahun}" + (f"-tw{context['tw']}" if context["tw"] else "") + ".pdf"
    return lampiran(HttpResponse(laporan_pdf(context), content_type="application/pdf"), nama)


@login_required
def iku(request, pk):
    """Why an IKU stands where it does: its quarters, the units' notes, program indicators, budget lines."""
    opd = _opd_dari_request(request)
    indikator = get_object_or_404(
        Indikator.objects.select_related("sasaran__tujuan__renstra", "penanggung_jawab"),
        pk=pk, opd=opd, is_iku=True,
    )
    tahun = _tahun(request, {"opd": opd})
    context = konteks_iku(opd, indikator, tahun, _periode(request, opd, tahun))
    if request.GET.get("format") == "xlsx":
        return iku_xlsx(context)
    context["opd_param"] = _opd_param(request, opd)
    return render(request, "dasbor/iku.html", context)


@login_required
def pohon(request):
    """Pohon kinerja: tujuan → sasaran → program → kegiatan → sub-kegiatan with indicators and budget."""
    opd = _opd_dari_request(request)
    tahun = _tahun(request, {"opd": opd})
    context = konteks_pohon(opd, tahun, _periode(request, opd, tahun))
    context["opd_param"] = _opd_param(request, opd)
    return render(request, "dasbor/pohon.html", context)


@login_required
def tren(request):
    """Each IKU across the Renstra years (the one in force, or ?renstra=), AKIP and IKM by year."""
    opd = _opd_dari_request(request)
    renstra_list = list(Renstra.objects.filter(opd=opd).order_by("-tahun_awal"))
    renstra_id = _int_param(request, "renstra")
    if renstra_id is not None:
        renstra = next((r for r in renstra_list if r.pk == renstra_id), None)
        if renstra is None:
            raise Http404("Renstra tidak ditemukan.")
    else:
        renstra = Renstra.berlaku(renstra_list, tahun_terakhir({"opd": opd}))
        renstra = renstra or (renstra_list[0] if renstra_list else None)
    context = konteks_tren(opd, renstra, renstra_list)
    if request.GET.get("format") == "xlsx":
        return tren_xlsx(context)
    context["opd_param"] = _opd_param(request, opd)
    return render(request, "dasbor/tren.html", context)


@role_required(Role.EVALUATOR)
def kota(request):
    """Every OPD side by side: IKU status counts, serapan vs plan, latest AKIP predicate and IKM."""
    versi_data = versi.semua_versi() if versi.aktif() else None
    semua = (sum(versi_data.values()),) if versi_data is not None else None  # grows with every bump anywhere
    tahun = _int_param(request, "tahun", 2000, 2100) or _cached(
        "tahun", ("kota",), semua, lambda: tahun_terakhir({}))
    if request.GET.get("format") == "xlsx":
        return kota_xlsx(_kota_rows_cached(tahun, versi_data), tahun)

    urut = request.GET.get("urut") if request.GET.get("urut") in URUTAN_KOTA else "iku"

    def isi():
        rows = _kota_rows_cached(tahun, versi_data)
        return render_to_string("dasbor/_kota_isi.html", {
            "tahun": tahun,
            "rows": rows,
            "urut": urut,
            "urutan_kota": URUTAN_KOTA,
            "peringkat": peringkat_kota(rows, urut),
            "tahun_pilihan": list(range(tahun + 1, tahun - 6, -1)),
            "total": {s: sum(r["status"][s] for r in rows) for s in hitung_status([])},
        })

    return render(request, "dasbor/kota.html",
                  {"tahun": tahun, "isi": _cached("kota-html", (tahun, urut), semua, isi)})


def _kota_rows_cached(tahun, versi_data):
    """The city rows (with their rendered table row), each cached under its own OPD's version.

    A save in one OPD recomputes and re-renders that OPD's row only.

    The OPDs whose row is not cached are computed together by kota_rows (its
    fixed number of queries, whatever their number).
    """
    if versi_data is None:
        return _dengan_html(kota_rows(tahun), tahun)
    bersama = versi_data.get(versi.BERSAMA, 0)
    opd_ids = list(PerangkatDaerah.objects.order_by("nama").values_list("pk", flat=True))
    keys = {pk: _kunci("kota-baris", (tahun, pk), (versi_data.get(pk, 0), bersama)) for pk in opd_ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in opd_ids if keys[pk] not in found]
    if missing:
        baru = {row["opd"].pk: row for row in _dengan_html(kota_rows(tahun, missing), tahun)}
        cache.set_many({keys[pk]: row for pk, row in baru.items()}, CACHE_SECONDS)
        found.update({keys[pk]: row for pk, row in baru.items()})
    return [found[keys[pk]] for pk in opd_ids]


def _dengan_html(rows, tahun):
    """Each row with its table row rendered: cached with it, so a changed OPD re-renders one row."""
    template = get_template("dasbor/_kota_baris.html")
    for row in rows:
        row["html"] = template.render({"r": row, "tahun": tahun})
    return rows
