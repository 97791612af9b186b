"""What the dashboards show, arranged from the one computation of each figure.

Every figure comes from indikator.pengukuran and indikator.capaian (capaian,
status bands) and anggaran.rekap (budget roll-ups); these builders only pick
the rows, put them side by side and prepare the charts. Nothing here depends
on who is reading (that is the views' part), so a page body can be cached
per OPD and data version.
"""

import datetime
from decimal import Decimal

from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from anggaran.models import DpaSubKegiatan
from anggaran.rekap import (
    anggaran_opd,
    anggaran_opd_program,
    anggaran_per_opd,
    anggaran_program,
    efisiensi,
    proyeksi_serapan,
    serapan,
    triwulan_anggaran,
)
from evaluasi.models import EvaluasiAkip, SurveiKepuasan
from indikator import jenjang
from indikator.aksi import rencana_aksi_tahun
from indikator.capaian import Status, asumsi_proyeksi, mutu_ikm, status_opd
from indikator.models import Indikator, Realisasi, Renstra, Tujuan
from indikator.pengisian import rekap_opd, triwulan_pengisian
from indikator.pengukuran import capaian_indikator, capaian_indikator_tahunan, hitung_status, muat_skala, skala_untuk
from portal.models import PerangkatDaerah

NAMA_TRIWULAN = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
# The period selector: the latest quarter with data (the default), or a quarter asked for.
PERIODE_PILIHAN = [("", "Terbaru"), (1, "s.d. TW I"), (2, "s.d. TW II"), (3, "s.d. TW III"),
                   (4, "Setahun (s.d. TW IV)")]


def singkat_nama(teks, panjang=40):
    """A name cut at a word to about `panjang` characters, with "…"; the full name stays beside it."""
    teks = str(teks or "")
    if len(teks) <= panjang:
        return teks
    return teks[:panjang].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def tahun_terakhir(opd_filter):
    """The latest year with data (indicator realisasi or a DPA line): the default a reader wants."""
    tahun = [
        Realisasi.objects.filter(**{f"indikator__{k}": v for k, v in opd_filter.items()}).aggregate(
            t=Max("tahun")
        )["t"],
        DpaSubKegiatan.objects.filter(**opd_filter).aggregate(t=Max("tahun"))["t"],
    ]
    tahun = [t for t in tahun if t]
    return max(tahun) if tahun else datetime.date.today().year


def periode_bawaan(opd, tahun):
    """The triwulan an OPD's dashboard of a year opens at: the latest with a quarterly realisasi of an IKU.

    None for a year without quarters (recorded as year figures). The view
    resolves it once and every builder, link and export of the page uses it,
    so a row, its drill-down and its XLSX speak of the same "s.d. TW n".
    """
    return (Realisasi.objects.filter(indikator__opd=opd, indikator__is_iku=True, tahun=tahun, triwulan__isnull=False)
            .exclude(nilai__isnull=True, predikat="").aggregate(t=Max("triwulan"))["t"])


def _iku_queryset(renstra):
    return (
        Indikator.objects.filter(is_iku=True, sasaran__tujuan__renstra=renstra)
        .select_related("sasaran")
        .prefetch_related("sasaran__program_pendukung")
        .order_by("urutan", "id")
    )


def berisiko(capaian):
    """An IKU the head should look at: in the kritis or perhatian band, or projected to miss its target."""
    return capaian.status in (Status.KRITIS, Status.PERHATIAN) or capaian.proyeksi_meleset


def iku_berisiko(opd, tahun):
    """The IKU at risk in a year, to where its data ends (the pimpinan's home page lists them)."""
    renstra = Renstra.berlaku(list(Renstra.objects.filter(opd=opd)), tahun)
    if renstra is None:
        return []
    return [c for c in capaian_indikator(_iku_queryset(renstra), tahun, None, muat_skala()) if berisiko(c)]


def konteks_opd(opd, tahun, tw_diminta, hari=None):
    """Everything the OPD dashboard and its briefing show; nothing here depends on who is reading.

    `hari` (today by default) decides whether the period's triwulan is due, so its missing reports are late.
    """
    renstra_list = list(Renstra.objects.filter(opd=opd))
    renstra = Renstra.berlaku(renstra_list, tahun)
    skala_list = muat_skala()

    rows = (capaian_indikator(_iku_queryset(renstra), tahun, tw_diminta, skala_list, per_triwulan=True)
            if renstra else [])
    tree = anggaran_opd_program(opd, tahun)
    tw_anggaran = _tw_anggaran(tw_diminta, tree)
    iku = _sasaran_anggaran(tree, rows)
    program_rows = _baris_program(tree, tw_anggaran)
    proyeksi_opd = (
        proyeksi_serapan(tree.pagu, tree.kas_sd(tw_anggaran), tree.realisasi_sd(tw_anggaran))
        if tw_anggaran
        else None
    )
    berisiko_iku = [r for r in iku if berisiko(r["capaian"])]
    # Budget risk is flagged only in the kritis band: serapan of 90% is normal at
    # year end, so the "perlu perhatian" band of capaian would flag every program.
    berisiko_program = []
    for p in program_rows:
        p["berisiko"] = status_opd(p["proyeksi"] if tw_anggaran else p["baris"].serapan, opd) == Status.KRITIS
        # "Why": the IKUs whose sasaran this program supports, each with its drill-down.
        p["iku"] = [r["capaian"] for r in iku if any(
            pr.pk == p["baris"].obj_id for pr in r["capaian"].indikator.sasaran.program_pendukung.all())]
        if p["berisiko"]:
            berisiko_program.append(p)
    tahun_pilihan = sorted({t for r in renstra_list for t in r.tahun_list} | {tahun}, reverse=True)
    tw = tw_diminta or max((r.sampai_triwulan or 0 for r in rows), default=0) or None
    kas_sd_opd = tree.kas_sd(tw_anggaran) if tw_anggaran else None
    realisasi_sd_opd = tree.realisasi_sd(tw_anggaran) if tw_anggaran else None
    # None: the triwulan is not due yet. A year whose budget realisasi is recorded only as a year
    # figure has no quarterly budget report to be late with.
    unit_terlambat = _unit_terlambat(opd, tahun, tw, hari, anggaran_triwulan=tw_anggaran is not None)
    return {
        "opd": opd,
        "tahun": tahun,
        # The period every link and export of the page carries: the one asked for, else where the IKU data ends.
        "tw": tw,
        "periode_pilihan": PERIODE_PILIHAN,
        "tahun_pilihan": tahun_pilihan,
        "renstra": renstra,
        "iku": iku,
        "status_count": hitung_status(rows),
        "status_label": Status.LABEL,
        "tw_kinerja": max((r.sampai_triwulan or 0 for r in rows), default=0) or None,
        "tw_anggaran": tw_anggaran,
        "tree": tree,
        "program_rows": program_rows,
        "opd_tw": _per_triwulan(tree),
        "kas_sd_opd": kas_sd_opd,
        "terhadap_rencana_opd": serapan(realisasi_sd_opd, kas_sd_opd) if tw_anggaran else None,
        "realisasi_sd_opd": realisasi_sd_opd,
        # Behind the plan in rupiah (negative: spent less than the anggaran kas to TW n).
        "selisih_kas_opd": _selisih(realisasi_sd_opd, kas_sd_opd),
        "unit_terlambat": unit_terlambat,
        "perhatian": _perhatian(berisiko_iku, berisiko_program, unit_terlambat),
        "proyeksi_opd": proyeksi_opd,
        "status_proyeksi_opd": status_opd(proyeksi_opd, opd),
        "berisiko_iku": berisiko_iku,
        "berisiko_program": berisiko_program,
        "chart_kas": _chart_kas(tree),
        "chart_iku": _chart_iku(rows, opd),
        "chart_program": _chart_program(tree, tw_anggaran),
        **_akip_ikm(opd, skala_list),
    }


def _tw_anggaran(tw_diminta, tree):
    """The triwulan budget figures are read to: the period asked for, else the latest with a quarterly realisasi.

    None for a year whose budget realisasi is recorded only as a year figure: an anggaran
    kas s.d. TW n has nothing to be compared with, so the year's pagu and realisasi are shown.
    """
    terakhir = triwulan_anggaran(tree)
    return (tw_diminta or terakhir) if terakhir else None


def _selisih(realisasi, rencana):
    return realisasi - rencana if realisasi is not None and rencana is not None else None


def _unit_terlambat(opd, tahun, tw, hari, anggaran_triwulan=True):
    """The units that still owe the period's triwulan (indicators not entered or submitted, budget lines).

    Only once the triwulan is due (indikator.pengisian.triwulan_pengisian): a quarter still
    running has nothing late in it yet.
    """
    if not tw or (tahun, tw) > triwulan_pengisian(hari or timezone.localdate()):
        return None
    rekap = rekap_opd(opd, tahun, tw)
    if not anggaran_triwulan:
        for r in rekap:
            r.anggaran_belum = []
    return [r for r in rekap if r.terlambat]


# The "perlu perhatian sekarang" list: the worst first, three of them. A kritis IKU is the
# agency's result failing; a program in the kritis band of serapan is money not spent; an IKU
# in "perlu perhatian" or projected to miss can still be turned; a late unit leaves the picture blind.
JUMLAH_PERHATIAN = 3


def _perhatian(berisiko_iku, berisiko_program, unit_terlambat):
    """The three things that need the head's attention now, each with what its link opens."""
    hasil = []
    for r in berisiko_iku:
        c = r["capaian"]
        urutan = 0 if c.status == Status.KRITIS else 2
        hasil.append({"jenis": "iku", "urutan": (urutan, c.capaian if c.capaian is not None else 0), "iku": r})
    for p in berisiko_program:
        hasil.append({"jenis": "program", "urutan": (1, -(abs(p["selisih"] or 0))), "program": p})
    for u in unit_terlambat or []:
        hasil.append({"jenis": "unit", "urutan": (3, -(u.belum_diisi + u.belum_diajukan + len(u.anggaran_belum))),
                      "unit": u})
    hasil.sort(key=lambda x: x["urutan"])
    return hasil[:JUMLAH_PERHATIAN]


def _baris_program(tree, n):
    """Per program: plan vs actual per triwulan (cumulative) and the year-end projection."""
    rows = []
    for program in tree.anak:
        rows.append(
            {
                "baris": program,
                "tw": _per_triwulan(program),
                "kas_n": program.kas_sd(n) if n else None,
                "realisasi_n": program.realisasi_sd(n) if n else None,
                "terhadap_rencana": serapan(program.realisasi_sd(n), program.kas_sd(n)) if n else None,
                "selisih": _selisih(program.realisasi_sd(n), program.kas_sd(n)) if n else None,
                "proyeksi": proyeksi_serapan(program.pagu, program.kas_sd(n), program.realisasi_sd(n))
                if n
                else None,
            }
        )
    return rows


def _per_triwulan(baris):
    """Cumulative plan, realisasi and their ratio to each triwulan; a quarter without realisasi stays blank."""
    hasil = []
    for tw in range(1, 5):
        kas_sd = baris.kas_sd(tw)
        realisasi_sd = baris.realisasi_sd(tw) if baris.realisasi_tw[tw - 1] is not None else None
        hasil.append({"kas": kas_sd, "realisasi": realisasi_sd, "persen": serapan(realisasi_sd, kas_sd)})
    return hasil


def _sasaran_anggaran(tree, rows):
    """Budget of the programs behind each IKU (its sasaran), and the efisiensi the LKIP states."""
    hasil = []
    for row in rows:
        programs = row.indikator.sasaran.program_pendukung.all()
        anggaran = anggaran_program(tree, programs) if programs else None
        serapan_iku = anggaran.serapan if anggaran else None
        hasil.append(
            {
                "capaian": row,
                "anggaran": anggaran,
                "serapan": serapan_iku,
                "efisiensi": efisiensi(serapan_iku, row.capaian),
            }
        )
    return hasil


def _chart_kas(tree):
    """Cumulative plan (anggaran kas) vs realisasi per triwulan; only quarters that have data."""
    if not any(v is not None for v in tree.realisasi_tw) and not any(v is not None for v in tree.kas):
        return None
    return {
        "labels": list(NAMA_TRIWULAN.values()),
        "rencana": [_num(tree.kas_sd(tw)) for tw in range(1, 5)],
        "realisasi": [
            _num(tree.realisasi_sd(tw)) if tree.realisasi_tw[tw - 1] is not None else None for tw in range(1, 5)
        ],
    }


def _chart_program(tree, n):
    """Plan vs actual per program, labelled with the program's name (shortened; the full name on hover)."""
    labels, nama, rencana, realisasi = [], [], [], []
    for program in tree.anak:
        labels.append(singkat_nama(program.nama, 32))
        nama.append(f"{program.kode} {program.nama}")
        if n:
            rencana.append(_num(program.kas_sd(n)))
            realisasi.append(_num(program.realisasi_sd(n)))
        else:
            rencana.append(_num(program.pagu))
            realisasi.append(_num(program.realisasi))
    if not labels:
        return None
    return {"labels": labels, "nama": nama, "rencana": rencana, "realisasi": realisasi,
            "label_rencana": f"Anggaran kas s.d. TW {n} (Rp)" if n else "Pagu (Rp)",
            "label_realisasi": f"Realisasi s.d. TW {n} (Rp)" if n else "Realisasi setahun (Rp)"}


def _chart_iku(rows, opd):
    """Capaian per IKU against its target (100 %) and the OPD's band of "perlu perhatian"."""
    numeric = [r for r in rows if r.capaian is not None]
    if not numeric:
        return None
    return {
        "labels": [singkat_nama(r.indikator.nama, 32) for r in numeric],
        "nama": [r.indikator.nama for r in numeric],
        "capaian": [_num(r.capaian) for r in numeric],
        "status": [r.status for r in numeric],
        # Over 100 % is drawn hatched: "more than the target" must not read as just "reached".
        "lebih": [r.capaian > 100 for r in numeric],
        "ambang_tercapai": _num(opd.ambang_tercapai),
        "ambang_perhatian": _num(opd.ambang_perhatian),
    }


def _num(value):
    """A figure for the chart script: a string of the exact value (the table shows it formatted)."""
    return None if value is None else str(round(value, 2))


def _akip_ikm(opd, skala_list):
    evaluasi = list(EvaluasiAkip.objects.filter(opd=opd).prefetch_related("komponen").order_by("tahun_lhe"))
    akip = []
    for item in evaluasi:
        nilai = item.nilai_akhir()
        skala = skala_untuk(skala_list, item.tahun_lhe)
        band = skala.predikat_untuk(nilai) if skala and nilai is not None else None
        akip.append({"evaluasi": item, "nilai": nilai, "predikat": band})
    survei = list(SurveiKepuasan.objects.filter(opd=opd).prefetch_related("unsur").order_by("tahun", "periode"))
    ikm = []
    for item in survei:
        nilai = item.ikm()
        ikm.append({"survei": item, "nilai": nilai, "mutu": mutu_ikm(nilai)})
    return {"akip": akip, "ikm": ikm, "akip_terakhir": akip[-1] if akip else None,
            "ikm_terakhir": ikm[-1] if ikm else None}


def konteks_iku(opd, indikator, tahun, tw_diminta):
    """Why an IKU stands where it does: its quarters, the units' notes, program indicators, budget lines."""
    skala_list = muat_skala()
    row = capaian_indikator(Indikator.objects.filter(pk=indikator.pk), tahun, tw_diminta, skala_list,
                            per_triwulan=True)[0]
    programs = list(indikator.sasaran.program_pendukung.all())
    program_ids = [p.pk for p in programs]
    pendukung = capaian_indikator(
        Indikator.objects.filter(opd=opd, program_id__in=program_ids).select_related("program")
        .order_by("program__kode_lengkap", "urutan", "id"),
        tahun, tw_diminta, skala_list,
    )
    tree = anggaran_opd(opd, tahun)
    n = _tw_anggaran(tw_diminta, tree)
    lines = []
    for program in tree.anak:
        if program.obj is None or program.obj.pk not in program_ids:
            continue
        for baris in program.iter_rows():
            if baris.level != "sub_kegiatan":
                continue
            kas_sd = baris.kas_sd(n) if n else None
            realisasi_sd = baris.realisasi_sd(n) if n else baris.realisasi
            lines.append({
                "program": program,
                "baris": baris,
                "kas_sd": kas_sd,
                "realisasi_sd": realisasi_sd,
                "deviasi": realisasi_sd - kas_sd if kas_sd is not None and realisasi_sd is not None else None,
                "terhadap_rencana": serapan(realisasi_sd, kas_sd),
            })
    # The lines furthest behind their plan first: that is where "why red" is answered. Without
    # an anggaran kas to compare with (a year recorded as a year figure), the lowest serapan first.
    lines.sort(key=lambda x: _tertinggal(x, n))
    catatan = list(
        Realisasi.objects.filter(indikator=indikator, tahun=tahun)
        .exclude(analisis="", kendala="")
        .order_by("triwulan")
        .only("triwulan", "analisis", "kendala", "status")
    )
    total = anggaran_program(tree, programs)
    program_anggaran = sorted((
        {"baris": p, "kas_sd": p.kas_sd(n) if n else None, "realisasi_sd": p.realisasi_sd(n) if n else p.realisasi,
         "deviasi": _selisih(p.realisasi_sd(n), p.kas_sd(n)) if n else None,
         "terhadap_rencana": serapan(p.realisasi_sd(n), p.kas_sd(n)) if n else None}
        for p in tree.anak if p.obj is not None and p.obj.pk in program_ids), key=lambda x: _tertinggal(x, n))
    return {
        "opd": opd,
        "indikator": indikator,
        "tahun": tahun,
        "tw": tw_diminta,
        "row": row,
        "triwulan": [
            {"tw": tw, "nama": NAMA_TRIWULAN[tw], "target": row.target_tw.get(tw),
             "realisasi": row.realisasi_tw.get(tw), "predikat": row.predikat_tw.get(tw),
             # The same indicator measured s.d. this quarter: what the dashboard showed then.
             "sd": (row.per_tw or {}).get(tw)}
            for tw in range(1, 5)
        ],
        "chart_triwulan": _chart_triwulan(row),
        "asumsi_proyeksi": asumsi_proyeksi(indikator.agregasi, bool(row.target_tw)),
        # The units' rencana aksi behind this IKU, with each quarter's target and progress.
        "rencana_aksi": rencana_aksi_tahun(opd, tahun, indikator=indikator),
        "urutan_anggaran": (
            f"dari yang paling tertinggal dari anggaran kas s.d. TW {n} (deviasi rupiah terbesar dulu)" if n
            else "dari serapan setahun terendah (tanpa anggaran kas triwulan untuk dibandingkan)"),
        "programs": programs,
        "pendukung": pendukung,
        "lines": lines,
        "program_anggaran": program_anggaran,
        # Lines without realisasi under programs that have one: recorded per program (e.g. from the LKIP).
        "baris_tanpa_realisasi": bool(lines) and all(x["realisasi_sd"] is None for x in lines)
        and total.realisasi is not None,
        "total": total,
        "efisiensi": efisiensi(total.serapan, row.capaian),
        "tw_anggaran": n,
        "catatan": catatan,
    }


def _tertinggal(item, n):
    """Sort key, furthest behind first: deviasi from the anggaran kas s.d. TW n, else the lowest serapan."""
    if n:
        return (item["deviasi"] is None, item["deviasi"] if item["deviasi"] is not None else 0)
    nilai = item["baris"].serapan
    return (nilai is None, nilai if nilai is not None else 0)


def _chart_triwulan(row):
    """Target and realisasi s.d. each quarter (cumulative under the indicator's rule): the trend within the year."""
    if not row.per_tw or row.indikator.is_predikat:
        return None
    return {
        "labels": list(NAMA_TRIWULAN.values()),
        "target": [_num(row.per_tw[tw].target) for tw in range(1, 5)],
        "realisasi": [_num(row.per_tw[tw].realisasi) for tw in range(1, 5)],
    }


def konteks_pohon(opd, tahun, tw=None):
    """Pohon kinerja: tujuan → sasaran → program → kegiatan → sub-kegiatan with indicators and budget."""
    renstra_list = list(Renstra.objects.filter(opd=opd))
    renstra = Renstra.berlaku(renstra_list, tahun)
    skala_list = muat_skala()
    tree = anggaran_opd(opd, tahun)
    tujuan_list = []
    per_node = {}
    if renstra:
        tujuan_list = list(
            Tujuan.objects.filter(renstra=renstra).prefetch_related(
                "sasaran__program_pendukung",
            )
        )
        indikator_qs = Indikator.objects.filter(opd=opd).filter(
            _q_pohon(renstra)
        ).order_by("urutan", "id")
        for row in capaian_indikator(indikator_qs, tahun, tw, skala_list):
            ind = row.indikator
            key = (ind.level, getattr(ind, f"{ind.level}_id"))
            per_node.setdefault(key, []).append(row)

    def node_anggaran(baris):
        anak = [node_anggaran(c) for c in baris.anak]
        key = (baris.level, baris.obj.pk if baris.obj is not None else None)
        # Serapan in the kritis band flagged in words, as on the OPD dashboard (programs only).
        kritis = baris.level == "program" and status_opd(baris.serapan, opd) == Status.KRITIS
        return {"baris": baris, "indikator": per_node.get(key, []), "anak": anak, "kritis": kritis}

    program_nodes = {p.obj.pk: node_anggaran(p) for p in tree.anak if p.obj is not None}
    dipakai = set()
    pohon_rows = []
    for tujuan in tujuan_list:
        sasaran_nodes = []
        for sasaran in tujuan.sasaran.all():
            nodes = []
            for program in sasaran.program_pendukung.all():
                dipakai.add(program.pk)
                nodes.append(program_nodes.get(program.pk) or {
                    "baris": None, "program": program, "indikator": per_node.get(("program", program.pk), []),
                    "anak": []})
            sasaran_nodes.append({"sasaran": sasaran, "indikator": per_node.get(("sasaran", sasaran.pk), []),
                                  "program": nodes})
        pohon_rows.append({"tujuan": tujuan, "indikator": per_node.get(("tujuan", tujuan.pk), []),
                           "sasaran": sasaran_nodes})
    lepas = [node for pk, node in program_nodes.items() if pk not in dipakai]
    cascade, cascade_lepas = jenjang.pohon_pk(jenjang.jenjang_muat(opd, tahun), tree)
    cc_masuk, cc_keluar = jenjang.crosscutting_opd(opd)
    return {
        "cascade": cascade, "cascade_lepas": cascade_lepas, "cc_masuk": cc_masuk, "cc_keluar": cc_keluar,
        "opd": opd,
        "tahun": tahun,
        "tw": tw,
        "periode_pilihan": PERIODE_PILIHAN,
        "tahun_pilihan": sorted({t for r in renstra_list for t in r.tahun_list} | {tahun}, reverse=True),
        "renstra": renstra,
        "pohon": pohon_rows,
        "lepas": lepas,
        "tree": tree,
    }


def _q_pohon(renstra):
    """Indicators of this Renstra's tujuan and sasaran, and every program/kegiatan/sub-kegiatan indicator."""
    return (
        Q(tujuan__renstra=renstra)
        | Q(sasaran__tujuan__renstra=renstra)
        | Q(program__isnull=False)
        | Q(kegiatan__isnull=False)
        | Q(sub_kegiatan__isnull=False)
    )


def konteks_tren(opd, renstra, renstra_list):
    """Each IKU across the Renstra years, AKIP score and predicate by year, IKM by year."""
    skala_list = muat_skala()
    tren_iku = []
    if renstra:
        per_tahun = capaian_indikator_tahunan(_iku_queryset(renstra), renstra.tahun_list, None, skala_list)
        for index, ind in enumerate(r.indikator for r in per_tahun[renstra.tahun_awal]):
            tahun_rows = [per_tahun[t][index] for t in renstra.tahun_list]
            tren_iku.append({
                "indikator": ind,
                "tahun": tahun_rows,
                "json_id": f"data-grafik-tren-{ind.pk}",
                "chart": None if ind.is_predikat else {
                    "labels": [str(t) for t in renstra.tahun_list],
                    "target": [_num(r.target_tahunan) for r in tahun_rows],
                    "realisasi": [_num(_realisasi_tahun(r)) for r in tahun_rows],
                    "sebagian": any(_sebagian(r) for r in tahun_rows),
                },
            })
    extra = _akip_ikm(opd, skala_list)
    return {
        "opd": opd,
        "renstra": renstra,
        "renstra_list": renstra_list,
        "tren_iku": tren_iku,
        "chart_akip": {
            "labels": [str(a["evaluasi"].tahun_lhe) for a in extra["akip"]],
            "nilai": [_num(a["nilai"]) for a in extra["akip"]],
        },
        "chart_ikm": {
            "labels": [_label_survei(i["survei"]) for i in extra["ikm"]],
            "nilai": [_num(i["nilai"]) for i in extra["ikm"]],
        },
        **extra,
    }


def _label_survei(survei):
    periode = survei.periode.strip()
    return str(survei.tahun) if periode in ("", f"Tahun {survei.tahun}") else f"{survei.tahun} {periode}"


def _sebagian(row):
    """A year still in progress: its cumulative figure covers part of the year only."""
    return row.periode == "triwulan" and (row.sampai_triwulan or 0) < 4


def _realisasi_tahun(row):
    """The figure a trend plots for a year: the full-year realisasi (a partial year is left out)."""
    return None if _sebagian(row) else row.realisasi


def kota_rows(tahun, opd_ids=None):
    """One row per OPD for the city overview, in a fixed number of queries (no per-OPD loop).

    `opd_ids` limits it to some OPDs (those whose cached row is out of date).
    """
    pilih = {} if opd_ids is None else {"opd_id__in": opd_ids}
    opd_list = list(PerangkatDaerah.objects.filter(**({} if opd_ids is None else {"pk__in": opd_ids}))
                    .order_by("nama"))
    renstra_list = list(Renstra.objects.filter(**pilih))
    by_opd = {}
    for renstra in renstra_list:
        by_opd.setdefault(renstra.opd_id, []).append(renstra)
    renstra_ids = [r.pk for r in (Renstra.berlaku(v, tahun) for v in by_opd.values()) if r is not None]
    skala_list = muat_skala()
    capaian_rows = capaian_indikator(
        Indikator.objects.filter(is_iku=True, sasaran__tujuan__renstra_id__in=renstra_ids), tahun, None, skala_list
    )
    iku_per_opd = {}
    for row in capaian_rows:
        iku_per_opd.setdefault(row.indikator.opd_id, []).append(row)
    anggaran = anggaran_per_opd(tahun, opd_ids)
    akip = {}
    for item in EvaluasiAkip.objects.filter(**pilih).prefetch_related("komponen").order_by("tahun_lhe"):
        akip[item.opd_id] = item  # the latest LHE wins
    ikm = {}
    for item in SurveiKepuasan.objects.filter(**pilih).prefetch_related(Prefetch("unsur")).order_by(
            "tahun", "periode"):
        ikm[item.opd_id] = item
    rows = []
    for opd in opd_list:
        iku_rows = iku_per_opd.get(opd.pk, [])
        baris = anggaran.get(opd.pk)
        n = triwulan_anggaran(baris) if baris else None
        evaluasi = akip.get(opd.pk)
        nilai_akip = evaluasi.nilai_akhir() if evaluasi else None
        skala = skala_untuk(skala_list, evaluasi.tahun_lhe) if evaluasi else None
        survei = ikm.get(opd.pk)
        nilai_ikm = survei.ikm() if survei else None
        kas_sd = baris.kas_sd(n) if baris and n else None
        realisasi_sd = baris.realisasi_sd(n) if baris and n else None
        status = hitung_status(iku_rows)
        dinilai = status["tercapai"] + status["perhatian"] + status["kritis"]
        rows.append({
            "opd": opd,
            "jumlah_iku": len(iku_rows),
            "status": status,
            # The city's ranking: the share of the IKU that can be assessed now that are on track.
            "iku_dinilai": dinilai,
            "persen_sesuai": Decimal(status["tercapai"]) / dinilai * 100 if dinilai else None,
            "selisih_kas": _selisih(realisasi_sd, kas_sd),
            "tw_kinerja": max((r.sampai_triwulan or 0 for r in iku_rows), default=0) or None,
            "pagu": baris.pagu if baris else None,
            "realisasi": baris.realisasi if baris else None,
            "serapan": baris.serapan if baris else None,
            "tw_anggaran": n,
            "kas_sd": kas_sd,
            "realisasi_sd": realisasi_sd,
            "terhadap_rencana": serapan(realisasi_sd, kas_sd),
            "akip": evaluasi,
            "nilai_akip": nilai_akip,
            "predikat_akip": skala.predikat_untuk(nilai_akip) if skala and nilai_akip is not None else None,
            "survei": survei,
            "ikm": nilai_ikm,
            "mutu_ikm": mutu_ikm(nilai_ikm),
        })
    return rows



URUTAN_KOTA = {
    "iku": "IKU sesuai jalur",
    "anggaran": "Serapan terhadap anggaran kas",
}


def peringkat_kota(rows, urut="iku"):
    """The city's OPDs ranked, best first, with their rank: by the share of assessed IKU on track (fewer
    kritis first on a tie), or by realisasi against the anggaran kas s.d. the latest triwulan. An OPD
    without the figure comes last, unranked.
    """
    if urut == "anggaran":
        def kunci(r):
            return (r["terhadap_rencana"] is None, -(r["terhadap_rencana"] or 0), r["opd"].nama)
        nilai = "terhadap_rencana"
    else:
        def kunci(r):
            return (r["persen_sesuai"] is None, -(r["persen_sesuai"] or 0), r["status"]["kritis"], r["opd"].nama)
        nilai = "persen_sesuai"
    hasil = []
    for nomor, row in enumerate(sorted(rows, key=kunci), start=1):
        hasil.append({"r": row, "peringkat": nomor if row[nilai] is not None else None})
    return hasil
