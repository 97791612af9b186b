"""The dashboards' tables as XLSX: every row, exact numbers, through the one safe writer (portal.xlsx).

Each export takes the context its page was built from (dasbor.konteks), so
the sheet and the screen show the same figures.
"""

from portal.angka import bulatkan
from portal.xlsx import xlsx_response


def opd_xlsx(c):
    """The OPD dashboard's tables, every row, exact numbers: IKU, program budget, OPD plan per triwulan."""
    iku = []
    for no, r in enumerate(c["iku"], start=1):
        x = r["capaian"]
        iku.append([
            no, x.indikator.kode, x.indikator.nama, x.indikator.satuan, x.indikator.get_agregasi_display(),
            x.sampai_triwulan if x.periode == "triwulan" else ("setahun" if x.periode == "tahunan" else None),
            x.target_teks or x.target, x.realisasi_teks or x.realisasi, _dua(x.capaian),
            "Dinilai akhir tahun" if x.akhir_tahun_nanti else x.status_label, _dua(x.proyeksi_capaian),
            "meleset" if x.proyeksi_meleset else None,
            r["anggaran"].pagu if r["anggaran"] else None, r["anggaran"].realisasi if r["anggaran"] else None,
            _dua(r["serapan"]), _dua(r["efisiensi"]), catatan_angka(x), _dua(x.perubahan),
        ])
    n = c["tw_anggaran"]
    program = [
        [p["baris"].kode, p["baris"].nama, p["baris"].pagu, p["kas_n"], p["realisasi_n"], _dua(p["terhadap_rencana"]),
         p["baris"].realisasi, _dua(p["baris"].serapan), _dua(p["proyeksi"]), "Berisiko" if p["berisiko"] else None]
        for p in c["program_rows"]
    ]
    tree = c["tree"]
    program.append(["", "Jumlah", tree.pagu, c["kas_sd_opd"], c["realisasi_sd_opd"], _dua(c["terhadap_rencana_opd"]),
                    tree.realisasi, _dua(tree.serapan), _dua(c["proyeksi_opd"]), None])
    kas = [[f"s.d. TW {tw}", t["kas"], t["realisasi"], _dua(t["persen"])] for tw, t in enumerate(c["opd_tw"], 1)]
    sd = f"s.d. TW {n}" if n else "s.d. TW"
    terlambat = [[str(u.unit or "(tanpa penanggung jawab)"), u.belum_diisi, u.belum_diajukan, len(u.anggaran_belum),
                  "; ".join(i.kode for i in u.belum_diisi_nama)] for u in c["unit_terlambat"] or []]
    return xlsx_response(f"dasbor-{c['opd'].singkatan}-{c['tahun']}.xlsx".replace(" ", "-"), [
        ("Capaian IKU", ["No", "Kode", "Indikator kinerja utama", "Satuan", "Agregasi", "Sampai triwulan", "Target",
                         "Realisasi", "Capaian (%)", "Status", "Proyeksi capaian akhir tahun (%)", "Proyeksi",
                         "Pagu program pendukung (Rp)", "Realisasi program pendukung (Rp)", "Serapan (%)",
                         "Efisiensi (%)", "Catatan realisasi", "Perubahan capaian sejak triwulan lalu (poin)"], iku),
        ("Anggaran per program", ["Kode", "Program", "Pagu (Rp)", f"Rencana kas {sd} (Rp)", f"Realisasi {sd} (Rp)",
                                  "Realisasi thd rencana (%)", "Realisasi (Rp)", "Serapan (%)",
                                  "Proyeksi serapan akhir tahun (%)", "Status"], program),
        ("Rencana kas OPD", ["Triwulan", "Rencana kas kumulatif (Rp)", "Realisasi kumulatif (Rp)",
                             "Realisasi thd rencana (%)"], kas),
        ("Unit terlambat", [f"Unit kerja (TW {c['tw'] or '-'})", "Indikator belum diisi", "Belum diajukan",
                                                 "Sub kegiatan tanpa realisasi anggaran",
                                                 "Kode indikator belum diisi"], terlambat),
    ])


def iku_xlsx(c):
    """The drill-down's tables, every row: quarters, supporting indicators, programs, budget lines."""
    row = c["row"]
    n = row.sampai_triwulan or 0
    triwulan = []
    for t in c["triwulan"]:
        sd = t["sd"] if t["sd"] is not None and t["tw"] <= n else None
        triwulan.append([t["nama"], t["target"], t["predikat"] or t["realisasi"],
                         (t["sd"].target_teks or t["sd"].target) if t["sd"] is not None else None,
                         (sd.realisasi_teks or sd.realisasi) if sd else None, _dua(sd.capaian) if sd else None,
                         sd.status_label if sd else None])
    triwulan.append(["Tahunan", row.target_predikat or row.target_tahunan,
                     row.predikat_tahunan or row.realisasi_tahunan, None, None, None, None])
    pendukung = [
        [p.indikator.program.kode_lengkap if p.indikator.program else None,
         p.indikator.program.nama if p.indikator.program else None, p.indikator.nama,
         p.sampai_triwulan if p.periode == "triwulan" else ("setahun" if p.periode == "tahunan" else None),
         p.target_teks or p.target, p.realisasi_teks or p.realisasi, _dua(p.capaian), p.status_label,
         catatan_angka(p)]
        for p in c["pendukung"]
    ]
    program = [[p["baris"].kode, p["baris"].nama, p["baris"].pagu, p["kas_sd"], p["realisasi_sd"], p["deviasi"],
                _dua(p["terhadap_rencana"]), _dua(p["baris"].serapan)] for p in c["program_anggaran"]]
    baris = [[x["baris"].kode, x["baris"].nama, x["baris"].pagu, x["kas_sd"], x["realisasi_sd"], x["deviasi"],
              _dua(x["terhadap_rencana"]), _dua(x["baris"].serapan)] for x in c["lines"]]
    sd = f"s.d. TW {c['tw_anggaran']}" if c["tw_anggaran"] else "setahun"
    return xlsx_response(f"rincian-{c['indikator'].kode}-{c['tahun']}.xlsx".replace(" ", "-"), [
        ("Per triwulan", ["Triwulan", "Target triwulan", "Realisasi triwulan", "Target s.d. triwulan",
                          "Realisasi s.d. triwulan", "Capaian s.d. triwulan (%)", "Status"], triwulan),
        ("Indikator pendukung", ["Kode program", "Program", "Indikator", "Sampai triwulan", "Target", "Realisasi",
                                 "Capaian (%)", "Status", "Catatan realisasi"], pendukung),
        ("Program pendukung", ["Kode", "Program", "Pagu (Rp)", f"Rencana kas {sd} (Rp)", f"Realisasi {sd} (Rp)",
                               "Deviasi (Rp)", "Terhadap rencana (%)", "Serapan (%)"], program),
        ("Baris anggaran", ["Kode", "Sub kegiatan", "Pagu (Rp)", f"Rencana kas {sd} (Rp)", f"Realisasi {sd} (Rp)",
                            "Deviasi (Rp)", "Terhadap rencana (%)", "Serapan setahun (%)"], baris),
    ])


def tren_xlsx(c):
    """The trend tables, every row: each IKU per Renstra year, AKIP by year, IKM by year."""
    iku = []
    for item in c["tren_iku"]:
        for r in item["tahun"]:
            iku.append([
                item["indikator"].kode, item["indikator"].nama, r.tahun, r.target_predikat or r.target_tahunan,
                None if r.akhir_tahun_nanti else (r.realisasi_teks or r.realisasi),
                r.sampai_triwulan if r.periode == "triwulan" else ("setahun" if r.periode == "tahunan" else None),
                None if r.akhir_tahun_nanti else _dua(r.capaian),
                "Dinilai akhir tahun" if r.akhir_tahun_nanti else r.status_label, catatan_angka(r),
            ])
    akip = [[a["evaluasi"].tahun_lhe, a["evaluasi"].tahun_dievaluasi, a["nilai"],
             a["predikat"].predikat if a["predikat"] else None] for a in c["akip"]]
    ikm = [[i["survei"].tahun, i["survei"].periode, i["survei"].jumlah_responden, _dua(i["nilai"]),
            i["mutu"][0] if i["mutu"] else None] for i in c["ikm"]]
    nama = c["renstra"].tahun_awal if c["renstra"] else "tanpa-renstra"
    return xlsx_response(f"tren-{c['opd'].singkatan}-{nama}.xlsx".replace(" ", "-"), [
        ("IKU per tahun", ["Kode", "Indikator", "Tahun", "Target", "Realisasi", "Sampai triwulan", "Capaian (%)",
                           "Status", "Catatan realisasi"], iku),
        ("AKIP", ["Tahun LHE", "Kinerja tahun", "Nilai", "Predikat"], akip),
        ("IKM", ["Tahun", "Periode", "Responden", "IKM", "Mutu"], ikm),
    ])


def kota_xlsx(rows, tahun):
    """The city overview, one row per OPD."""
    headers = [
        "Perangkat daerah", "Singkatan", "Jumlah IKU", "Tercapai", "Perlu perhatian", "Kritis", "Belum diisi",
        "Dinilai akhir tahun",
        "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Triwulan anggaran", "Rencana kas s.d. TW (Rp)",
        "Realisasi s.d. TW (Rp)", "Realisasi terhadap rencana (%)", "Tahun LHE AKIP", "Nilai AKIP",
        "Predikat AKIP", "Tahun IKM", "IKM", "Mutu IKM", "IKU dapat dinilai", "IKU tercapai dari yang dinilai (%)",
        "Selisih realisasi dari anggaran kas (Rp)",
    ]
    data = []
    for r in rows:
        data.append([
            r["opd"].nama, r["opd"].singkatan, r["jumlah_iku"], r["status"]["tercapai"], r["status"]["perhatian"],
            r["status"]["kritis"], r["status"]["kosong"], r["status"]["akhir_tahun"], r["pagu"], r["realisasi"],
            _dua(r["serapan"]),
            r["tw_anggaran"], r["kas_sd"], r["realisasi_sd"], _dua(r["terhadap_rencana"]),
            r["akip"].tahun_lhe if r["akip"] else None, r["nilai_akip"],
            r["predikat_akip"].predikat if r["predikat_akip"] else None,
            r["survei"].tahun if r["survei"] else None, _dua(r["ikm"]),
            r["mutu_ikm"][0] if r["mutu_ikm"] else None, r["iku_dinilai"], _dua(r["persen_sesuai"]), r["selisih_kas"],
        ])
    return xlsx_response(f"ikhtisar-kota-{tahun}.xlsx", [(f"Ikhtisar {tahun}", headers, data)])


def catatan_angka(row):
    """The marks of a year figure (two sources, incomplete, unverified) as the sheet's words: the page's badges."""
    return "; ".join(row.nilai_tahun.masalah) if row.nilai_tahun else None


def _dua(value):
    return bulatkan(value, 2)

