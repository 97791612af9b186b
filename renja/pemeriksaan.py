"""The Renja's consistency check: where its recorded figures and its rows do not agree, in Bahasa Indonesia.

Nothing is resolved silently: a recorded total the rows do not explain, a
cell printed differently from what was recorded, a row outside the
nomenclature or copied from another year is listed for the perencana.
"""

from dataclasses import dataclass

from portal.angka import format_rupiah
from renja.models import BagianNarasi, BarisRencana, Level
from renja.tabel import FK_LEVEL, NOL, pohon_rencana, review_rkpd, total_rencana


@dataclass
class Temuan:
    tingkat: str  # "beda" (a figure disagrees), "info" (a gap the reader must know)
    pesan: str


def _rp(value):
    return format_rupiah(value)


def pemeriksaan(renja, pohon=None, total_pagu=None, total_maju=None, reviews=None):
    """What the Renja's stored figures and rows do not agree on, in Bahasa Indonesia.

    renja_context passes the tree, totals and reviews it built; called alone, the check builds them.
    """
    if pohon is None:
        pohon = pohon_rencana(renja)
        total_pagu = total_rencana(pohon, "pagu", renja.pagu_total_tercetak)
        total_maju = total_rencana(pohon, "pagu_maju", renja.pagu_maju_total_tercetak)
    if reviews is None:
        reviews = review_rkpd(renja)
    rows = [n for root in pohon for n in root.iter_rows()]
    return [
        *_periksa_jumlah_baris(renja, rows),
        *_periksa_total(renja, rows, total_pagu, total_maju),
        *_periksa_asal_baris(renja, rows),
        *_periksa_salinan(renja),
        *(temuan for review in reviews for temuan in _periksa_review(review)),
    ]


def periksa_realisasi_n2(tahun, rows):
    """A figure of year n-2 the Renja re-uses that may not be printed as final: two sources that disagree,
    quarters missing or not verified (the same marks as on the dashboard and in the LKIP)."""
    return [Temuan("beda", f"Realisasi {tahun} \"{r.indikator.nama}\": {m}.".replace("..", "."))
            for r in rows for m in r.hasil.nilai_tahun.masalah]


def periksa_bab2(analisis):
    """What §2.2 prints of year n-2 that the perencana should know: an IKU without its year's figure, a budget
    row whose realisasi exceeds its pagu (as recorded from the source)."""
    tahun = analisis.tahun
    temuan = [Temuan("info", f"BAB II 2.2: realisasi {tahun} \"{b.indikator.nama}\" belum tercatat.")
              for b in analisis.blok_list if b.ini.realisasi is None]
    dilihat = set()
    for blok in analisis.blok_list:
        for row in blok.anggaran_rows:
            if row.realisasi is not None and row.pagu is not None and row.realisasi > row.pagu \
                    and row.kode not in dilihat:
                dilihat.add(row.kode)
                temuan.append(Temuan("beda", f"BAB II 2.2, anggaran {tahun} {row.kode} {row.nama}: realisasi "
                                             f"{_rp(row.realisasi)} melebihi pagu {_rp(row.pagu)}."))
    return temuan


def _periksa_jumlah_baris(renja, rows):
    """A program or kegiatan whose recorded pagu differs from the sum of the rows below it."""
    temuan = []
    for node in rows:
        if not node.anak:
            continue
        baris = node.baris
        label = f"{baris.get_level_display()} {baris.kode or ''} {baris.nama}".replace("  ", " ")
        for name, judul in (("pagu", f"pagu {renja.tahun}"), ("pagu_maju", f"prakiraan maju {renja.tahun_maju}")):
            tercatat = getattr(baris, name)
            dihitung = getattr(node, name)
            if tercatat is not None and not getattr(node, f"{name}_tercatat") and tercatat != dihitung:
                temuan.append(Temuan("beda", f"{label}: {judul} tercatat {_rp(tercatat)}, "
                                             f"jumlah barisnya {_rp(dihitung)}."))
    return temuan


def _periksa_total(renja, rows, total_pagu, total_maju):
    """The Renja totals: a recorded total the rows contradict, or rows that cannot give the total yet."""
    temuan = []
    tahun_maju = renja.tahun_maju
    subs = [n for n in rows if n.level == Level.SUB_KEGIATAN]
    if total_pagu.tercatat is not None and total_pagu.dari_baris is not None \
            and total_pagu.tercatat != total_pagu.dari_baris:
        temuan.append(Temuan("beda", f"Total pagu {renja.tahun} tercatat {_rp(total_pagu.tercatat)}, "
                                     f"jumlah baris {_rp(total_pagu.dari_baris)}."))
    if total_pagu.dari_baris is None and rows:
        sub_tanpa = [n.baris for n in subs if n.baris.pagu is None]
        sub_diketahui = sum((n.baris.pagu for n in subs if n.baris.pagu is not None), NOL)
        tanpa = ", ".join(p.baris.kode or p.baris.nama for p in total_pagu.program_tanpa_angka)
        temuan.append(Temuan(
            "info",
            f"Pagu {renja.tahun} belum dapat dijumlah dari baris: {len(sub_tanpa)} dari {len(subs)} sub kegiatan "
            f"belum punya pagu (sub kegiatan yang diketahui berjumlah {_rp(sub_diketahui)})"
            + (f"; program tanpa angka: {tanpa}" if tanpa else "") + ".",
        ))
    if total_maju.memakai_tercatat:
        tanpa = ", ".join(p.baris.kode or p.baris.nama for p in total_maju.program_tanpa_angka)
        sub_tanpa = [n for n in subs if n.baris.pagu_maju is None]
        sub_diketahui = sum((n.baris.pagu_maju for n in subs if n.baris.pagu_maju is not None), NOL)
        temuan.append(Temuan(
            "info",
            f"Prakiraan maju {tahun_maju}: baris rencana belum menjelaskan total tercatat "
            f"{_rp(total_maju.tercatat)}. Program {tanpa} tidak punya angka {tahun_maju}; program yang "
            f"diketahui berjumlah {_rp(total_maju.diketahui)}, selisih {_rp(total_maju.selisih_tercatat)}. "
            f"{len(sub_tanpa)} dari {len(subs)} sub kegiatan tanpa angka {tahun_maju}; sub kegiatan yang "
            f"diketahui berjumlah {_rp(sub_diketahui)} (selisih {_rp(total_maju.tercatat - sub_diketahui)}).",
        ))
    elif total_maju.tercatat is not None and total_maju.dari_baris != total_maju.tercatat:
        temuan.append(Temuan("beda", f"Prakiraan maju {tahun_maju} tercatat {_rp(total_maju.tercatat)}, "
                                     f"jumlah baris {_rp(total_maju.dari_baris)}."))
    return temuan


def _periksa_asal_baris(renja, rows):
    """Rows outside the Renja's nomenclature version, without a code, or taken from another source than SIPD."""
    temuan = []
    if renja.versi_nomenklatur_id is None:
        temuan.append(Temuan("info", "Versi nomenklatur Renja belum ditetapkan: kode baris belum dicocokkan "
                                     "dengan nomenklatur program/kegiatan/sub kegiatan."))
    else:
        lepas = [n.baris for n in rows if n.baris.kode
                 and getattr(n.baris, f"{FK_LEVEL[n.baris.level]}_id") is None]
        if lepas:
            temuan.append(Temuan("info", f"{len(lepas)} baris dengan kode yang tidak ada di versi nomenklatur "
                                         f"Renja: " + "; ".join(f"{b.kode} {b.nama}" for b in lepas) + "."))
    tanpa_kode = [n.baris for n in rows if not n.baris.kode]
    if tanpa_kode:
        temuan.append(Temuan("info", f"{len(tanpa_kode)} baris tanpa kode: "
                                     + "; ".join(b.nama for b in tanpa_kode) + "."))
    bukan_sipd = [n.baris for n in rows if n.baris.sumber not in (BarisRencana.Sumber.SIPD,
                                                                   BarisRencana.Sumber.ISIAN)]
    per_sumber = {}
    for b in bukan_sipd:
        per_sumber.setdefault(b.get_sumber_display(), []).append(b)
    for sumber, items in per_sumber.items():
        temuan.append(Temuan("info", f"{len(items)} baris berasal dari {sumber}: "
                                     + "; ".join(f"{b.kode or '(tanpa kode)'} {b.nama}" for b in items)
                                     + "."))
    return temuan


def _periksa_salinan(renja):
    """A narrative never saved since the copy still speaks of the source year."""
    if renja.disalin_dari_id is None:
        return []
    salinan = [b.judul for b in BagianNarasi.objects.filter(renja=renja, versi=0).order_by("urutan")]
    if not salinan:
        return []
    return [Temuan("info", f"{len(salinan)} bagian narasi belum diubah sejak disalin dari Renja "
                           f"{renja.disalin_dari.tahun}: " + "; ".join(salinan) + ".")]


def _periksa_review(review):
    """One review table (T-C.31): cells printed otherwise than recorded, subtotals and total the rows contradict."""
    temuan = []
    judul = review.tabel.judul
    for node in review.iter_rows():
        baris = node.baris
        if baris.analisis_pagu_tercetak:
            temuan.append(Temuan("beda", f"{judul}: sel pagu hasil analisis \"{baris.nama}\" tercetak "
                                         f"\"{baris.analisis_pagu_tercetak}\", dicatat "
                                         f"{_rp(baris.analisis_pagu)}."))
        if not node.anak:
            continue
        for kolom, tercatat, dihitung in (
            ("RKPD", baris.rkpd_pagu, node.rkpd_dari_baris),
            ("hasil analisis", baris.analisis_pagu, node.analisis_dari_baris),
        ):
            if tercatat is not None and dihitung is not None and tercatat != dihitung:
                nomor = f"{baris.nomor} " if baris.nomor else ""
                temuan.append(Temuan(
                    "beda", f"{judul}, {baris.get_level_display().lower()} {nomor}\"{baris.nama}\": "
                            f"pagu {kolom} tercetak {_rp(tercatat)}, jumlah barisnya {_rp(dihitung)}.",
                ))
    if review.tabel.total_tercetak is not None and review.total_rkpd is not None \
            and review.tabel.total_tercetak != review.total_rkpd:
        temuan.append(Temuan(
            "beda", f"{judul}: total tercetak ({review.tabel.sumber_total}) "
                    f"{_rp(review.tabel.total_tercetak)}, jumlah barisnya {_rp(review.total_rkpd)}.",
        ))
    return temuan
