"""BAB II §2.2 of the Renja: the analysis of year n-2, built by the LKIP's builders (evaluasi.dokumen).

The Renja of year n re-uses the LKIP analysis of year n-2 (DOMAIN.md §9):
the IKU blocks (target vs realisasi, this year vs last, vs the Renstra end
target, program indicators, budget and efisiensi), the LHE components of
n-3 and n-2, the IKM mutu table. The figures come from the same builders
as the LKIP's, so the two documents cannot disagree.

The narrative of BAB II places the tables and states the figures through
markers, rendered here for print (`cetak_bab2`):

- a paragraph `[[tabel:KEY]]` prints table KEY there, numbered in the
  Renja's own sequence; `[[nomor:KEY]]` is its number ("2.7"), so a
  sentence that says "Tabel 2.7 berikut" always points at a printed table;
- `[[capaian:KODE]]`, `[[realisasi:KODE]]`, `[[target:KODE]]` (and
  `-lalu` for the year before), `[[pagu:KODE]]`, `[[realisasi-anggaran:KODE]]`,
  `[[serapan:KODE]]` (with `terbilang-` for the amounts in words) give the
  IKU's figures of n-2; `[[akip]]`, `[[akip-lalu]]`, `[[predikat-akip]]`,
  `[[ikm]]`, `[[ikm-lalu]]`, `[[mutu-ikm]]`, `[[pagu-opd]]`,
  `[[realisasi-opd]]`, `[[serapan-opd]]` the LHE, survey and OPD budget;
- a table written in Markdown under a paragraph "Tabel: judul" is numbered
  in the same sequence (as in the LKIP).

KEY is t29, capaian, program_n2, anggaran_n2, t30, akip, ikm, t32, t31-N
(N the review table's number) or KODE/target, KODE/lalu, KODE/renstra,
KODE/program, KODE/anggaran for the IKU with indicator code KODE.
A table the narrative refers to by number but does not place is printed
after that section; a section whose narrative places no table at all gets
its default tables (LETAK_BAWAAN) after it.
"""

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from anggaran.rekap import anggaran_opd
from evaluasi.dokumen import (
    BahanIku,
    Penomoran,
    blok_iku,
    iku_tahun,
    indikator_program,
    kelompokkan_per_sasaran,
    komponen_dua_tahun,
    muat_nilai,
    penilaian_tahun,
    sambung_pendahulu,
)
from portal.angka import format_angka, format_persen, format_rupiah, terbilang_rupiah


@dataclass
class AnalisisN2:
    """What §2.2 prints of year n-2: one IKU block per IKU, the LHE of n-3 and n-2, the survey of both years."""

    tahun: int
    blok_list: list
    penilaian: object  # evaluasi.dokumen.PenilaianTahun of n-2
    penilaian_lalu: object  # of n-3
    komponen: list  # komponen_dua_tahun rows
    anggaran: object  # the OPD budget tree of n-2

    @property
    def blok(self):
        return {b.indikator.kode: b for b in self.blok_list}


def _target_iku(opd, tahun):
    """The Renstra targets of the year's IKU, standing in for the PK when no PK of that year is recorded."""
    from indikator.models import Target

    return list(
        Target.objects.filter(indikator__opd=opd, indikator__is_iku=True, tahun=tahun,
                              indikator__sasaran__tujuan__renstra__tahun_awal__lte=tahun,
                              indikator__sasaran__tujuan__renstra__tahun_akhir__gte=tahun)
        .select_related("indikator__sasaran__tujuan__renstra")
        .prefetch_related("indikator__sasaran__program_pendukung")
        .order_by("indikator__sasaran__tujuan__urutan", "indikator__sasaran__urutan", "indikator__urutan", "pk")
    )


def analisis_n2(renja):
    """BAB II §2.2: the LKIP analysis of year n-2, from the records of that year (a fixed number of queries)."""
    from indikator.models import Renstra, SkalaPredikat

    opd, tahun = renja.opd, renja.tahun_evaluasi
    skala = SkalaPredikat.for_tahun(tahun)
    items = iku_tahun(opd, tahun)[1] or _target_iku(opd, tahun)
    renstra = Renstra.berlaku(list(Renstra.objects.filter(opd=opd)), tahun)
    tahun_akhir = renstra.tahun_akhir if renstra else None
    targets, realisasi = muat_nilai({i.indikator_id for i in items},
                                    sorted({tahun, tahun - 1, *([tahun_akhir] if tahun_akhir else [])}))
    sambung_pendahulu([i.indikator for i in items], tahun, targets, realisasi)
    tree = anggaran_opd(opd, tahun)
    bahan = BahanIku(
        tahun=tahun, tahun_akhir=tahun_akhir, skala=skala, targets=targets, realisasi=realisasi,
        program=indikator_program(opd, tahun, items), anggaran=tree, analisis={},
        penilaian=penilaian_tahun(opd, tahun, skala),
    )
    blok_list = [blok_iku(urut, item, bahan) for urut, item in enumerate(items, start=1)]
    kelompokkan_per_sasaran(blok_list)
    lalu = penilaian_tahun(opd, tahun - 1, SkalaPredikat.for_tahun(tahun - 1))
    return AnalisisN2(tahun, blok_list, bahan.penilaian, lalu, komponen_dua_tahun(lalu, bahan.penilaian), tree)


# --- print: the tables of BAB II placed and numbered -------------------------------------------


@dataclass
class TabelCetak:
    """One table BAB II can print: its template, what it reads besides the Renja context, its page."""

    kunci: str
    judul: str
    template: str
    extra: dict = field(default_factory=dict)
    lanskap: bool = False


def tabel_bab2(ctx):
    """Every table BAB II can print, by key, in the order they are printed when no narrative places them."""
    renja, analisis = ctx["renja"], ctx["analisis_n2"]
    n2, opd = renja.tahun_evaluasi, ctx["opd"]
    p, pl = analisis.penilaian, analisis.penilaian_lalu
    nilai = {"tahun": n2, "evaluasi_akip": p.evaluasi, "nilai_akip": p.nilai_akip, "predikat_akip": p.predikat_akip,
             "survei": p.survei, "nilai_ikm": p.nilai_ikm, "mutu_ikm": p.mutu}
    daftar = [
        TabelCetak("t29", f"Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra {opd.nama} "
                          f"s.d. Tahun {n2} (T-C.29)", "renja/_tabel_t29.html", lanskap=True),
        TabelCetak("capaian", f"Capaian Kinerja Sasaran {opd.nama} Tahun {n2}", "lkip/_tabel_capaian.html",
                   {"capaian_rows": [b.ini for b in analisis.blok_list], "tahun": n2}),
        TabelCetak("program_n2", f"Capaian Indikator Program Tahun {n2}", "renja/_tabel_program_n2.html"),
        TabelCetak("anggaran_n2", f"Realisasi Anggaran Tahun {n2}", "renja/_tabel_anggaran_n2.html"),
        TabelCetak("t30", f"Pencapaian Kinerja Pelayanan {opd.nama} (T-C.30)", "renja/_tabel_t30.html",
                   lanskap=True),
    ]
    if p.evaluasi is not None:
        daftar.append(TabelCetak("akip", f"Hasil Penilaian Evaluasi AKIP {n2 - 1} dan {n2}",
                                 "renja/_tabel_akip_dua_tahun.html",
                                 {**nilai, "komponen": analisis.komponen, "lalu": pl, "ini": p}))
    if p.survei is not None:
        daftar.append(TabelCetak("ikm", "Kategori Mutu Pelayanan (IKM)", "lkip/_tabel_ikm.html", nilai))
    for blok in analisis.blok_list:
        kode, nama = blok.indikator.kode, blok.indikator.nama
        baris = {**nilai, "blok": blok}
        daftar += [
            TabelCetak(f"{kode}/target", f"Analisis Pencapaian IKU {nama} Tahun {n2}", "lkip/_tabel_nilai.html",
                       {**baris, "baris": blok.baris["target"]}),
            TabelCetak(f"{kode}/lalu", f"Realisasi dan Capaian {nama} Tahun {n2 - 1} dan Tahun {n2}",
                       "lkip/_tabel_nilai.html", {**baris, "baris": blok.baris["lalu"]}),
            TabelCetak(f"{kode}/renstra", f"Realisasi {nama} terhadap Target Akhir Renstra",
                       "lkip/_tabel_nilai.html", {**baris, "baris": blok.baris["renstra"]}),
        ]
        if blok.program_indikator:
            daftar.append(TabelCetak(f"{kode}/program", f"Indikator Program Pendukung {nama}",
                                     "lkip/_tabel_program_indikator.html", baris))
        if blok.anggaran_rows:
            daftar.append(TabelCetak(f"{kode}/anggaran", f"Alokasi dan Realisasi Anggaran serta Tingkat Efisiensi "
                                                         f"untuk IKU {nama}", "lkip/_tabel_anggaran_iku.html", baris))
    for review in ctx["reviews"]:
        daftar.append(TabelCetak(f"t31-{review.tabel.nomor}", f"{review.tabel.judul} (T-C.31)",
                                 "renja/_tabel_t31.html", {"review": review}, lanskap=True))
    daftar.append(TabelCetak("t32", f"Usulan Program dan Kegiatan dari Para Pemangku Kepentingan Tahun "
                                    f"{renja.tahun} (T-C.32)", "renja/_tabel_t32.html"))
    return {t.kunci: t for t in daftar}


# Where each table of BAB II is printed when no narrative places it: after this section.
LETAK_BAWAAN = {
    "bab2_evaluasi": ["t29", "capaian", "program_n2", "anggaran_n2"],
    "bab2_kinerja_pelayanan": ["t30", "akip", "ikm", "*/"],
    "bab2_review_rkpd": ["t31-*"],
    "bab2_usulan": ["t32"],
}
URUTAN_BAB2 = ["bab2_evaluasi", "bab2_kinerja_pelayanan", "bab2_isu_penting", "bab2_review_rkpd", "bab2_usulan"]

_PENANDA = re.compile(r"\[\[([a-z-]+)(?::([\w./-]+))?\]\]")
# A table placed by the narrative (its own paragraph) or written in it under "Tabel: judul".
_LETAK = re.compile(r"<p>\s*\[\[tabel:([\w./-]+)\]\]\s*</p>|<p>\s*Tabel\s*:\s*(.+?)</p>\s*<table>", re.S)


def _bawaan(kunci_bagian, tabel):
    """The keys LETAK_BAWAAN gives a section: "x*" every key starting with x, "*/" every IKU table, in table order."""
    hasil = []
    for pola in LETAK_BAWAAN.get(kunci_bagian, []):
        if pola == "*/":
            hasil += [k for k in tabel if "/" in k]
        elif pola.endswith("*"):
            hasil += [k for k in tabel if k.startswith(pola[:-1])]
        elif pola in tabel:
            hasil.append(pola)
    return hasil


@dataclass
class _Bagian:
    kunci: str
    html: str
    letak: list  # (table key, None) placed by a marker or (None, judul) written in Markdown, in order
    belakang: list = field(default_factory=list)  # keys printed after the section

    @property
    def diletakkan(self):
        return {k for k, _ in self.letak if k}


def _rencana_bab2(narasi, tabel):
    """Which table goes where: placed by the narrative, referred to only (then after that section), or by default."""
    bagian = []
    for kunci in URUTAN_BAB2:
        html = str(narasi[kunci]["html"]) if kunci in narasi else ""
        bagian.append(_Bagian(kunci, html, [(m.group(1), m.group(2)) for m in _LETAK.finditer(html)]))
    diletakkan = set().union(*(b.diletakkan for b in bagian))
    disebut = {b.kunci: [m.group(2) for m in _PENANDA.finditer(b.html) if m.group(1) == "nomor"] for b in bagian}
    sudah = set(diletakkan)
    for b in bagian:
        for key in disebut[b.kunci]:
            if key in tabel and key not in sudah:
                b.belakang.append(key)
                sudah.add(key)
    semua_disebut = {k for keys in disebut.values() for k in keys}
    # A BAB II table another chapter refers to (3.3 names the second review table) is printed in its section.
    luar = {m.group(2) for k, b in narasi.items() if k not in URUTAN_BAB2
            for m in _PENANDA.finditer(str(b["html"])) if m.group(1) == "nomor"}
    for b in bagian:
        b.belakang += [k for k in _bawaan(b.kunci, tabel) if k in luar and k not in sudah]
        sudah |= set(b.belakang)
    for b in bagian:
        # A narrative that places tables has chosen them; one written without markers gets its section's tables.
        if any(k for k, _ in b.letak):
            continue
        b.belakang += [k for k in _bawaan(b.kunci, tabel) if k not in sudah and k not in semua_disebut]
        sudah |= set(b.belakang)
    return bagian


def cetak_bab2(ctx, nomor=None):
    """The sections of BAB II as printed: ([{"kunci", "judul", "html"}], {table key: Tabel}), every table in place.

    Two passes: the first numbers every table in print order (placed ones
    where the narrative puts them, the others after their section), the
    second writes the tables and the figures into the narrative.
    """
    nomor = nomor or Penomoran()
    tabel = tabel_bab2(ctx)
    narasi = ctx["narasi"]
    bagian = _rencana_bab2(narasi, tabel)
    tb, narasi_tb = {}, {}
    for b in bagian:
        for key, judul in b.letak:
            if key is None:
                narasi_tb.setdefault(b.kunci, []).append(nomor.tabel(2, _teks(judul)))
            elif key in tabel and key not in tb:
                tb[key] = nomor.tabel(2, tabel[key].judul)
        for key in b.belakang:
            tb[key] = nomor.tabel(2, tabel[key].judul)
    nilai = _nilai_penanda(ctx)
    hasil = []
    for b in bagian:
        urut = iter(narasi_tb.get(b.kunci, []))

        def ganti_letak(match, urut=urut):
            key = match.group(1)
            if key is None:
                t = next(urut)
                return f'<table class="tabel-narasi" id="{t.anchor}"><caption>{escape(t.label)}</caption>'
            return _render(ctx, tabel[key], tb[key]) if key in tabel else match.group(0)

        html = _PENANDA.sub(lambda m: _isi_penanda(m, tb, nilai), _LETAK.sub(ganti_letak, b.html))
        html += "".join(_render(ctx, tabel[k], tb[k]) for k in b.belakang)
        if b.kunci in narasi or b.belakang:
            hasil.append({"kunci": b.kunci, "judul": narasi[b.kunci]["judul"] if b.kunci in narasi else "",
                          "html": mark_safe(html)})  # noqa: S308 - sanitised narrative and rendered templates
    return hasil, tb


def _teks(html):
    from html import unescape

    from django.utils.html import strip_tags

    return unescape(strip_tags(html)).strip()


def _render(ctx, tabel, tb):
    html = render_to_string(tabel.template,
                            {**ctx, **tabel.extra, "tb": tb, "tabel": {tabel.kunci: tb}, "cetak": True})
    kelas = "lanskap" if tabel.lanskap else "tabel-bab2"
    return f'<section class="{kelas}" id="{tb.anchor}">{html}</section>'


def isi_penanda(html, tb, ctx):
    """A narrative outside BAB II with its markers written: table numbers from `tb`, figures of n-2."""
    if "[[" not in str(html):
        return html
    nilai = _nilai_penanda(ctx)
    return mark_safe(_PENANDA.sub(lambda m: _isi_penanda(m, tb, nilai), str(html)))  # noqa: S308 - sanitised


def _isi_penanda(match, tb, nilai):
    jenis, key = match.group(1), match.group(2)
    if jenis == "nomor":
        return tb[key].nomor if key in tb else match.group(0)
    hasil = nilai.get((jenis, key))
    return escape(hasil) if hasil is not None else match.group(0)


def _nilai_penanda(ctx):
    """{(marker, key): text} of every figure the narrative may state."""
    analisis = ctx["analisis_n2"]
    p, pl, opd_tree = analisis.penilaian, analisis.penilaian_lalu, analisis.anggaran
    nilai = {
        ("akip", None): format_persen(p.nilai_akip), ("akip-lalu", None): format_persen(pl.nilai_akip),
        ("predikat-akip", None): p.predikat_akip.predikat if p.predikat_akip else None,
        ("ikm", None): format_persen(p.nilai_ikm), ("ikm-lalu", None): format_persen(pl.nilai_ikm),
        ("mutu-ikm", None): f"{p.mutu[0]} ({p.mutu[1]})" if p.mutu else None,
        ("pagu-opd", None): format_rupiah(opd_tree.pagu), ("realisasi-opd", None): format_rupiah(opd_tree.realisasi),
        ("serapan-opd", None): format_persen(opd_tree.serapan),
        ("terbilang-pagu-opd", None): terbilang_rupiah(opd_tree.pagu) if opd_tree.pagu is not None else None,
        ("terbilang-realisasi-opd", None): (terbilang_rupiah(opd_tree.realisasi)
                                            if opd_tree.realisasi is not None else None),
    }
    for kode, blok in analisis.blok.items():
        a = blok.anggaran
        nilai.update({
            ("target", kode): blok.ini.target_teks, ("realisasi", kode): blok.ini.realisasi_teks,
            ("capaian", kode): format_persen(blok.ini.capaian) if blok.ini.capaian is not None else None,
            ("target-lalu", kode): blok.lalu.target_teks, ("realisasi-lalu", kode): blok.lalu.realisasi_teks,
            ("capaian-lalu", kode): format_persen(blok.lalu.capaian) if blok.lalu.capaian is not None else None,
            ("pagu", kode): format_rupiah(a.pagu), ("realisasi-anggaran", kode): format_rupiah(a.realisasi),
            ("serapan", kode): format_persen(a.serapan),
            ("efisiensi", kode): format_persen(blok.efisiensi) if blok.efisiensi is not None else None,
            ("terbilang-pagu", kode): terbilang_rupiah(a.pagu) if a.pagu is not None else None,
            ("terbilang-realisasi-anggaran", kode): terbilang_rupiah(a.realisasi) if a.realisasi is not None else None,
            ("program", kode): format_angka(blok.jumlah_anggaran.get("program", 0)),
            ("kegiatan", kode): format_angka(blok.jumlah_anggaran.get("kegiatan", 0)),
            ("sub-kegiatan", kode): format_angka(blok.jumlah_anggaran.get("sub_kegiatan", 0)),
        })
    return nilai
