"""The Renja as a document: its one context, its PDF and XLSX; linking rows to the nomenclature; copy-forward.

One context builder (`renja_context`) composed of the builders of
renja.tabel feeds the HTML preview, the PDF and the XLSX, so the three
always agree; renja.pemeriksaan checks it and renja.lembar lays it out as
sheets.
"""

from typing import TypedDict

from django.db import IntegrityError, transaction

from anggaran.rekap import BarisAnggaran
from evaluasi.dokumen import Penomoran
from indikator.models import Renstra
from portal.docx import html_to_docx
from portal.dokumen import dokumen_ambil, dokumen_beku, dokumen_bekukan
from portal.markdown import render_markdown
from portal.models import BerkasDokumen, PerangkatDaerah
from portal.pdf import html_to_pdf, render_html
from portal.xlsx import workbook_bytes
from renja.analisis import analisis_n2, cetak_bab2, isi_penanda
from renja.lembar import lembar_dokumen, lembar_sipd
from renja.models import BagianNarasi, BarisRencana, EvaluasiRenja, IndikatorRencana, Level, Renja, RiwayatTahap
from renja.pemeriksaan import Temuan, pemeriksaan, periksa_bab2, periksa_realisasi_n2
from renja.tabel import (
    FK_LEVEL,
    BarisEvaluasi,
    NodeRencana,
    Review,
    Total,
    anggaran_n2,
    capaian_n2,
    evaluasi_renja,
    iku_renstra,
    jumlah_program,
    pohon_rencana,
    rencana_queryset,
    review_rkpd,
    total_rencana,
)


class KonteksRenja(TypedDict):
    """Every key the Renja templates (renja/print.html and the preview) and the sheets read, described once."""

    renja: Renja
    opd: PerangkatDaerah
    narasi: dict  # kunci -> {"judul", "html" (sanitised), "obj": BagianNarasi}
    # BAB II: the Renja of n-2 and the review of the Rancangan RKPD
    evaluasi: list[BarisEvaluasi]  # T-C.29
    iku_n2: list  # CapaianN2 of the IKU of the Renstra in force in n-2
    program_n2: list  # CapaianN2 of the program indicators
    anggaran_n2: BarisAnggaran  # the OPD's budget tree of n-2
    anggaran_n2_rows: list[BarisAnggaran]  # its program, kegiatan and sub-kegiatan rows
    # The printed program rows summed: differs from the OPD row when the source
    # gives the OPD total over programs that are not itemised (Renja 2026 §2.1).
    anggaran_n2_jumlah_program: BarisAnggaran
    kinerja_pelayanan: list  # T-C.30
    reviews: list[Review]  # T-C.31, one per review table
    review_utama: Review | None
    usulan: list  # T-C.32
    # BAB III
    renstra: Renstra | None  # the Renstra covering the Renja year
    iku: list[dict]  # its tujuan and sasaran indicators with a target per Renstra year
    spm: list  # SPM targets of the year
    # BAB IV: T-C.33
    pohon: list[NodeRencana]  # the programs as trees with computed pagu and prakiraan maju
    rencana_rows: list[NodeRencana]  # the same rows flattened in print order
    total_pagu: Total
    total_maju: Total
    # the page around the document
    temuan: list[Temuan]  # the consistency check
    riwayat_tahap: list  # RiwayatTahap, oldest first


def renja_context(renja) -> KonteksRenja:
    """Everything the preview, the PDF and the XLSX print, computed once."""
    pohon = pohon_rencana(renja)
    total_pagu = total_rencana(pohon, "pagu", renja.pagu_total_tercetak)
    total_maju = total_rencana(pohon, "pagu_maju", renja.pagu_maju_total_tercetak)
    reviews = review_rkpd(renja)
    narasi = {
        b.kunci: {"judul": b.judul, "html": render_markdown(b.isi), "obj": b}
        for b in BagianNarasi.objects.filter(renja=renja)
    }
    renstra, iku = iku_renstra(renja)
    iku_n2, program_n2 = capaian_n2(renja)
    anggaran = anggaran_n2(renja)
    return KonteksRenja(
        iku_n2=iku_n2,
        program_n2=program_n2,
        anggaran_n2=anggaran,
        anggaran_n2_rows=[r for r in anggaran.iter_rows() if r.level != "opd"],
        anggaran_n2_jumlah_program=jumlah_program(anggaran),
        renja=renja,
        opd=renja.opd,
        pohon=pohon,
        rencana_rows=[n for root in pohon for n in root.iter_rows()],
        total_pagu=total_pagu,
        total_maju=total_maju,
        reviews=reviews,
        review_utama=reviews[0] if reviews else None,
        evaluasi=evaluasi_renja(renja),
        kinerja_pelayanan=list(renja.kinerja_pelayanan.all()),
        spm=list(renja.target_spm.all()),
        usulan=list(renja.usulan.all()),
        narasi=narasi,
        renstra=renstra,
        iku=iku,
        temuan=pemeriksaan(renja, pohon, total_pagu, total_maju, reviews)
        + periksa_realisasi_n2(renja.tahun_evaluasi, iku_n2 + program_n2),
        riwayat_tahap=list(renja.riwayat_tahap.select_related("oleh")),
    )


# --- Nomenclature links -----------------------------------------------------


def _peta_nomenklatur(versi):
    """{level: {kode_lengkap: entry}} of one nomenclature version: 3 queries."""
    from anggaran.models import Kegiatan, Program, SubKegiatan

    return {
        Level.PROGRAM: {p.kode_lengkap: p for p in Program.objects.filter(bidang__urusan__versi=versi)},
        Level.KEGIATAN: {
            k.kode_lengkap: k for k in Kegiatan.objects.filter(program__bidang__urusan__versi=versi)
        },
        Level.SUB_KEGIATAN: {
            s.kode_lengkap: s for s in SubKegiatan.objects.filter(kegiatan__program__bidang__urusan__versi=versi)
        },
    }


@transaction.atomic
def renja_tautkan_nomenklatur(*, renja, versi, rows=None):
    """Set the Renja's nomenclature version and link each row whose code exists in it.

    A code that does not resolve leaves the row unlinked (it keeps its code
    and name as text); the consistency check lists such rows. Returns the
    rows left unlinked.
    """
    if renja.versi_nomenklatur_id != (versi.pk if versi else None):
        renja.versi_nomenklatur = versi
        renja.save(update_fields=["versi_nomenklatur"])
    rows = list(renja.rencana.all()) if rows is None else rows
    peta = _peta_nomenklatur(versi) if versi else {}
    tanpa = []
    for baris in rows:
        for name in FK_LEVEL.values():
            setattr(baris, name, None)
        entry = peta.get(baris.level, {}).get(baris.kode) if baris.kode else None
        if entry is None:
            tanpa.append(baris)
        else:
            setattr(baris, FK_LEVEL[baris.level], entry)
    BarisRencana.objects.bulk_update(rows, list(FK_LEVEL.values()))
    return tanpa


# --- Copy forward -----------------------------------------------------------


@transaction.atomic
def renja_salin_ke_tahun(*, renja_sumber, tahun, user):
    """A new Renja for `tahun` starting from `renja_sumber`: its plan rows, indicators and narrative.

    Figures of year n become the starting point of the new year; prakiraan
    maju of the old year (its n+1) becomes the new pagu where it was known.
    Evaluation, review and SPM rows belong to a year and are not copied; the
    evaluation (T-C.29) starts from the Renja n-2 when the portal holds it.
    """
    sudah_ada = f"Renja {tahun} untuk perangkat daerah ini sudah ada."
    if Renja.objects.filter(opd=renja_sumber.opd, tahun=tahun).exists():
        raise ValueError(sudah_ada)
    try:
        with transaction.atomic():  # the double submit that passed the check above meets the unique year here
            baru = Renja.objects.create(
                opd=renja_sumber.opd, tahun=tahun, tahap=Renja.Tahap.RANCANGAN_AWAL,
                versi_nomenklatur=renja_sumber.versi_nomenklatur, penandatangan_nama=renja_sumber.penandatangan_nama,
                penandatangan_nip=renja_sumber.penandatangan_nip,
                penandatangan_jabatan=renja_sumber.penandatangan_jabatan, tempat=renja_sumber.tempat,
                sumber=f"Disalin dari Renja {renja_sumber.tahun}.", disalin_dari=renja_sumber,
            )
    except IntegrityError:
        raise ValueError(sudah_ada) from None
    RiwayatTahap.objects.create(
        renja=baru, dari="", ke=baru.tahap, oleh=user,
        keterangan=f"Dibuat dengan menyalin Renja {renja_sumber.tahun}.",
    )
    lama_ke_baru = {}
    melompat = tahun == renja_sumber.tahun + 1
    for baris in rencana_queryset(renja_sumber):
        indikator = list(baris.indikator.all())
        old_pk = baris.pk
        baris.pk = None
        baris.id = None
        baris.versi = 0
        baris.renja = baru
        baris.induk = lama_ke_baru.get(baris.induk_id)
        baris.pagu = baris.pagu_maju if melompat else None
        baris.pagu_maju = None
        baris.sumber = BarisRencana.Sumber.ISIAN
        baris.catatan = ""
        baris.save()
        lama_ke_baru[old_pk] = baris
        IndikatorRencana.objects.bulk_create([
            IndikatorRencana(
                baris=baris, urutan=ind.urutan, nama=ind.nama,
                target=(ind.target_maju or ind.target) if melompat else ind.target,
                satuan=(ind.satuan_maju or ind.satuan) if melompat else ind.satuan,
            )
            for ind in indikator
        ])
    BagianNarasi.objects.bulk_create([
        BagianNarasi(renja=baru, kunci=b.kunci, urutan=b.urutan, judul=b.judul, isi=b.isi)
        for b in renja_sumber.narasi.all()
    ])
    evaluasi_dari_renja_n2(baru)
    return baru


def _target_per_kode(renja):
    """{(kode, indicator position): (target, satuan)} of a Renja's plan rows that have a code."""
    hasil = {}
    for baris in rencana_queryset(renja):
        for posisi, ind in enumerate(baris.indikator.all()):
            if baris.kode:
                hasil[(baris.kode, posisi)] = (ind.target, ind.satuan)
    return hasil


def evaluasi_dari_renja_n2(renja):
    """Start T-C.29 from the Renja of year n-2 when the portal holds it: one row per indicator of its plan.

    Targets of n-2 (and of n-1, from the Renja n-1 by code) come from the
    records; realisasi is left for the perencana, because indicator realisasi
    of kegiatan and sub-kegiatan is not recorded elsewhere. Rows already
    present are kept (nothing is created then). Returns the rows created.
    """
    if renja.evaluasi.exists():
        return []
    lama = Renja.objects.filter(opd=renja.opd, tahun=renja.tahun_evaluasi).first()
    if lama is None:
        return []
    n1 = Renja.objects.filter(opd=renja.opd, tahun=renja.tahun - 1).first()
    target_n1 = _target_per_kode(n1) if n1 else {}
    rows = []
    for baris in rencana_queryset(lama):
        indikator = list(baris.indikator.all()) or [None]
        for posisi, ind in enumerate(indikator):
            rows.append(EvaluasiRenja(
                renja=renja, urutan=len(rows) + 1, level=baris.level, kode=baris.kode if posisi == 0 else "",
                nama=baris.nama if posisi == 0 else "", indikator=ind.nama if ind else "",
                satuan=ind.satuan if ind else "", target_renstra=baris.target_akhir_renstra,
                target_n2=ind.target if ind else "",
                target_n1=target_n1.get((baris.kode, posisi), ("", ""))[0] if baris.kode else "",
            ))
    return EvaluasiRenja.objects.bulk_create(rows)


# --- Outputs -----------------------------------------------------------------


def renja_cetak(ctx):
    """The print context: BAB II with its tables placed and numbered in the Renja's sequence, then BAB III and IV.

    Every narrative's markers are written here (renja.analisis), so a sentence
    that refers to a table names the number it is printed under.
    """
    renja, opd = ctx["renja"], ctx["opd"]
    # §2.2 re-uses the LKIP analysis of n-2 (its own queries): built for print only, not for the preview page.
    ctx = {**ctx, "analisis_n2": analisis_n2(renja)}
    nomor = Penomoran()
    bab2, tb = cetak_bab2(ctx, nomor)
    renstra = ctx["renstra"]
    tabel = {
        "iku": nomor.tabel(3, f"Tujuan, Sasaran dan Target Indikator {renstra.nama if renstra else 'Renstra'}"),
        "spm": nomor.tabel(3, f"Target Standar Pelayanan Minimal (SPM) Bidang Sosial Tahun {renja.tahun}"),
        "t33": nomor.tabel(4, f"Rumusan Rencana Program dan Kegiatan {opd.nama} Tahun {renja.tahun} dan "
                              f"Prakiraan Maju Tahun {renja.tahun_maju} (T-C.33)"),
    }
    tb = {**tb, **tabel}
    narasi = {k: {**b, "html": isi_penanda(b["html"], tb, ctx)} for k, b in ctx["narasi"].items()}
    # T-C.33 prints each Prioritas Nasional text once, under the table, and a short reference in its rows:
    # the same long text in every row made a row the height of a third of a page.
    prioritas = list(dict.fromkeys(n.baris.prioritas_nasional for n in ctx["rencana_rows"]
                                   if n.baris.prioritas_nasional))
    return {**ctx, "narasi": narasi, "bab2": bab2, "tabel_cetak": tabel, "daftar_tabel": nomor.daftar,
            "prioritas_daftar": prioritas, "prioritas_nomor": {t: i for i, t in enumerate(prioritas, start=1)}}


def renja_html(renja, ctx=None):
    return render_html("renja/print.html", renja_cetak(ctx or renja_context(renja)))


def _dokumen(renja):
    return {"jenis": BerkasDokumen.Jenis.RENJA, "opd": renja.opd, "tahun": renja.tahun}


def renja_pdf(renja):
    """PDF bytes of the Renja: a Renja in Penetapan is its frozen file; otherwise rendered once per HTML.

    A render takes seconds of a worker; every reader who downloads the same
    document gets the one file. After Penetapan the document is the one that
    was set, even when records of n-2 that §2.2 reads change later.
    """
    if renja.tahap == Renja.Tahap.PENETAPAN:
        beku = renja_versi_tetap(renja)
        if beku is not None:
            return beku.baca()
    return dokumen_ambil(**_dokumen(renja), html=renja_html(renja), buat=html_to_pdf).baca()


def renja_versi_tetap(renja):
    """The frozen PDF of the Renja's latest Penetapan (BerkasDokumen with its SHA-256), or None."""
    return dokumen_beku(**_dokumen(renja))


def renja_tetapkan(*, renja, user):
    """Freeze the Renja as set: its PDF as it is now, stored with the file's SHA-256, who and when.

    Called when the tahap becomes Penetapan, as the LKIP is frozen on
    publishing; the public verification page finds the file by its hash.
    """
    berkas = dokumen_ambil(**_dokumen(renja), html=renja_html(renja), buat=html_to_pdf)
    return dokumen_bekukan(berkas=berkas, user=user)


def renja_docx(renja):
    """The Renja as an editable Word file from the same print HTML as its PDF; stored and served like it."""
    berkas = dokumen_ambil(**_dokumen(renja), html=renja_html(renja), buat=html_to_docx,
                           format=BerkasDokumen.Format.DOCX)
    return berkas.baca()


def renja_laporan_pemeriksaan(renja):
    """The consistency report's context: the Renja's check plus what §2.2 prints of year n-2."""
    ctx = renja_context(renja)
    return {**ctx, "temuan": ctx["temuan"] + periksa_bab2(analisis_n2(renja))}


def renja_pemeriksaan_pdf(renja):
    """The consistency check as a report of its own: a working paper of the perencana, never part of the Renja."""
    return html_to_pdf(render_html("renja/pemeriksaan_print.html", renja_laporan_pemeriksaan(renja)))


def renja_xlsx(renja, semua=False):
    """T-C.33 in the SIPD layout; with `semua`, every table of the document, one sheet each."""
    ctx = renja_context(renja)
    return workbook_bytes(lembar_dokumen(ctx) if semua else [lembar_sipd(ctx)])
