"""The Renja as spreadsheets: T-C.33 in the SIPD column layout, and every table of the document.

Each sheet is (title, headers, rows) for portal.xlsx, built from the same
context as the PDF, so the two print the same figures.
"""

from portal.angka import bulatkan, format_angka
from renja.tabel import angka_teks

# --- T-C.33 as a spreadsheet in the SIPD column layout ----------------------

KOLOM_SIPD = [
    "No", "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja Program/Kegiatan/Sub Kegiatan", "Target Akhir Renstra",
    "Realisasi Capaian {n2}", "Prakiraan Capaian {n1}", "Target Capaian {n}", "Satuan",
    "Pagu Indikatif {n} (Rp)", "Lokasi", "Sumber Dana", "Prioritas Nasional", "Prioritas Daerah",
    "Kelompok Sasaran", "Target {n_plus}", "Prakiraan Maju {n_plus} (Rp)",
    "Perangkat Daerah Penanggung Jawab", "Asal Baris", "Keterangan Angka",
]


def lembar_sipd(ctx):
    """(title, headers, rows) of T-C.33 for portal.xlsx: every row, then the totals."""
    renja = ctx["renja"]
    years = {"n": renja.tahun, "n1": renja.tahun - 1, "n2": renja.tahun - 2, "n_plus": renja.tahun_maju}
    headers = [h.format(**years) for h in KOLOM_SIPD]
    rows = []
    for nomor, node in enumerate(ctx["rencana_rows"], start=1):
        baris = node.baris
        indikator = list(baris.indikator.all()) or [None]
        for i, ind in enumerate(indikator):
            first = i == 0
            keterangan = []
            if first and node.pagu_tercatat:
                keterangan.append(f"pagu {renja.tahun} = angka tercatat baris (rincian tidak lengkap)")
            if first and node.pagu_maju_tercatat:
                keterangan.append(f"prakiraan maju {renja.tahun_maju} = angka tercatat baris (rincian tidak lengkap)")
            if first and node.pagu_maju is None:
                keterangan.append(f"prakiraan maju {renja.tahun_maju} tidak diketahui")
            rows.append([
                nomor if first else None,
                baris.kode if first else "",
                baris.nama if first else "",
                ind.nama if ind else "",
                baris.target_akhir_renstra if first else "",
                baris.realisasi_n2 if first else "",
                baris.prakiraan_n1 if first else "",
                _sel_angka(ind.target) if ind else "",
                ind.satuan if ind else "",
                node.pagu if first else None,
                baris.lokasi if first else "",
                baris.sumber_dana if first else "",
                baris.prioritas_nasional if first else "",
                baris.prioritas_daerah if first else "",
                baris.kelompok_sasaran if first else "",
                _sel_angka(ind.target_maju) if ind else "",
                node.pagu_maju if first else None,
                baris.penanggung_jawab if first else "",
                baris.get_sumber_display() if first else "",
                "; ".join(keterangan),
            ])
    total_pagu, total_maju = ctx["total_pagu"], ctx["total_maju"]
    empty = [None] * len(headers)
    jumlah = list(empty)
    jumlah[2] = "JUMLAH (dihitung dari baris)"
    jumlah[9] = total_pagu.dari_baris
    jumlah[16] = total_maju.dari_baris
    if total_maju.dari_baris is None:
        jumlah[19] = (f"prakiraan maju {renja.tahun_maju}: baris belum lengkap; program yang diketahui "
                      f"berjumlah {format_angka(total_maju.diketahui)}")
    rows.append(jumlah)
    if total_pagu.tercatat is not None or total_maju.tercatat is not None:
        tercatat = list(empty)
        tercatat[2] = "TOTAL TERCATAT (angka Dinas tercetak di dokumen sumber)"
        tercatat[9] = total_pagu.tercatat
        tercatat[16] = total_maju.tercatat
        if total_maju.memakai_tercatat:
            tercatat[19] = (f"prakiraan maju total tercatat; baris belum menjelaskan "
                            f"{format_angka(total_maju.selisih_tercatat)}")
        rows.append(tercatat)
    return (f"T-C.33 Renja {renja.tahun}", headers, rows)


def lembar_dokumen(ctx):
    """Every table of the document as (title, headers, rows) sheets: T-C.29 to T-C.33 and the SPM targets.

    Figures are those the PDF prints, from the same context; numbers stored as
    text become numbers where they are numbers.
    """
    renja = ctx["renja"]
    n = renja.tahun
    sheets = []
    t29 = [
        [r.baris.get_level_display(), r.baris.kode, r.baris.nama, r.baris.indikator, r.baris.satuan,
         _sel_angka(r.baris.target_renstra), _sel_angka(r.baris.realisasi_sd_n3), _sel_angka(r.baris.target_n2),
         _sel_angka(r.baris.realisasi_n2), bulatkan(r.tingkat_realisasi, 2), r.kategori_realisasi or "",
         _sel_angka(r.baris.target_n1), _sel_angka(r.baris.prakiraan_realisasi),
         bulatkan(r.tingkat_capaian_renstra, 2), r.kategori_capaian_renstra or ""]
        for r in ctx["evaluasi"]
    ]
    sheets.append((f"T-C.29 Evaluasi {renja.tahun_evaluasi}", [
        "Tingkat", "Kode", "Urusan/Program/Kegiatan", "Indikator Kinerja", "Satuan", "Target Renstra",
        f"Realisasi s.d. {n - 3}", f"Target {n - 2}", f"Realisasi {n - 2}", "Tingkat Realisasi (%)", "Kategori",
        f"Target {n - 1}", f"Prakiraan Realisasi s.d. {n}", "Tingkat Capaian Renstra (%)", "Kategori Capaian",
    ], t29))
    t30 = [
        [k.nomor, k.indikator, k.spm, k.ikk, k.satuan, *(_sel_angka(getattr(k, f)) for f in (
            "target_n3", "target_n2", "target_n1", "target_n", "realisasi_n3", "realisasi_n2", "proyeksi_n1",
            "proyeksi_n")), k.catatan]
        for k in ctx["kinerja_pelayanan"]
    ]
    sheets.append(("T-C.30 Kinerja Pelayanan", [
        "No", "Indikator", "SPM / Standar Nasional", "IKK", "Satuan", f"Target Renstra {n - 3}",
        f"Target Renstra {n - 2}", f"Target Renstra {n - 1}", f"Target Renstra {n}", f"Realisasi {n - 3}",
        f"Realisasi {n - 2}", f"Proyeksi {n - 1}", f"Proyeksi {n}", "Catatan Analisis",
    ], t30))
    for review in ctx["reviews"]:
        rows = []
        for node in review.iter_rows():
            b = node.baris
            rows.append([b.nomor, b.get_level_display(), b.kode, b.nama, b.rkpd_lokasi, b.rkpd_indikator,
                         _sel_angka(b.rkpd_target), b.rkpd_satuan, node.rkpd_pagu, b.analisis_lokasi,
                         b.analisis_indikator, _sel_angka(b.analisis_target), b.analisis_satuan,
                         node.analisis_pagu, b.catatan])
        rows.append([None, None, None, "JUMLAH (dihitung dari baris)", None, None, None, None, review.total_rkpd,
                     None, None, None, None, review.total_analisis,
                     f"Total tercetak ({review.tabel.sumber_total}): {format_angka(review.tabel.total_tercetak)}"
                     if review.tabel.total_tercetak is not None else None])
        sheets.append((f"T-C.31 Review {review.tabel.nomor}", [
            "No", "Tingkat", "Kode", "Program/Kegiatan/Sub Kegiatan", "Lokasi (RKPD)", "Indikator (RKPD)",
            "Target (RKPD)", "Satuan (RKPD)", "Pagu Indikatif RKPD (Rp)", "Lokasi (Hasil Analisis)",
            "Indikator (Hasil Analisis)", "Target (Hasil Analisis)", "Satuan (Hasil Analisis)",
            "Pagu Indikatif Hasil Analisis (Rp)", "Catatan Penting",
        ], rows))
    sheets.append(("T-C.32 Usulan", [
        "No", "Program/Kegiatan", "Lokasi", "Indikator Kinerja", "Besaran/Volume", "Pengusul", "Catatan",
    ], [[i, u.program_kegiatan, u.lokasi, u.indikator, u.volume, u.pengusul, u.catatan]
        for i, u in enumerate(ctx["usulan"], start=1)]))
    sheets.append((f"Target SPM {n}", ["No", "Jenis Pelayanan Dasar", "Indikator Capaian", f"Target {n}", "Satuan"],
                   [[i, s.jenis_pelayanan, s.indikator, s.target, s.satuan] for i, s in enumerate(ctx["spm"], 1)]))
    sheets.append(lembar_sipd(ctx))
    return sheets


def _sel_angka(value):
    number = angka_teks(value)
    return number if number is not None else (value or "")
