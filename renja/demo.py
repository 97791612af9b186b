"""Demo Renja 2026 of Dinas Sosial Kota Bekasi from the seed's Rancangan Akhir Renja.

Rows keep the provenance the transcription gives them (`sumber`): the seed's
SIPD table lost rows at page breaks, and those rows come from the first
Tabel 2.19, which holds the same plan. Figures are recorded at the level the
seed prints them; nothing is split or filled in.

The SIPD codes follow a newer nomenclature than the portal holds; the rows
are not linked to nomenclature entries (see renja.models), so no version is
created here: a version starting in 2025 would also become the one
`VersiNomenklatur.for_tahun` picks for the 2024–2026 Renstra's programs.
"""

from portal.demo import dec
from renja.models import (
    BagianNarasi,
    BarisRencana,
    BarisReview,
    EvaluasiRenja,
    IndikatorRencana,
    KinerjaPelayanan,
    Renja,
    RiwayatTahap,
    TabelReview,
    TargetSpm,
)


def teks(value):
    return "" if value is None else str(value)


def load(ctx):
    rencana = ctx.read("renja_2026.json")
    lampiran = ctx.read("renja_2026_lampiran.json")
    narasi = ctx.read("renja_2026_narasi.json")
    ttd = narasi.get("penandatangan") or {}
    renja = ctx.upsert(
        Renja,
        {"opd": ctx.opd, "tahun": rencana["tahun"]},
        {
            "tahap": rencana["tahap"],
            "pagu_total_tercetak": dec(rencana["total_dicetak"]["pagu"]),
            "pagu_maju_total_tercetak": dec(rencana["total_dicetak"]["pagu_2027"]),
            "penandatangan_nama": teks(ttd.get("nama")),
            "penandatangan_nip": teks(ttd.get("nip")),
            "penandatangan_jabatan": teks(ttd.get("jabatan")),
            "tempat": teks(ttd.get("tempat")),
            "sumber": rencana["sumber"],
        },
    )
    if not renja.riwayat_tahap.exists():
        RiwayatTahap.objects.create(
            renja=renja, dari="", ke=renja.tahap, keterangan="Dimuat dari dokumen sumber (data demo)."
        )
        ctx.created += 1
    load_rencana(ctx, renja, rencana["rencana"])
    load_review(ctx, renja, lampiran["review_rkpd"])
    load_evaluasi(ctx, renja, lampiran["evaluasi_renja"])
    load_kinerja_pelayanan(ctx, renja, lampiran["kinerja_pelayanan"])
    for urutan, item in enumerate(lampiran["spm"], start=1):
        ctx.upsert(
            TargetSpm,
            {"renja": renja, "urutan": urutan},
            {"jenis_pelayanan": item["jenis_pelayanan"], "indikator": item["indikator"],
             "target": dec(item["target"]), "satuan": item["satuan"]},
        )
    for urutan, bagian in enumerate(narasi["bagian"], start=1):
        ctx.upsert(
            BagianNarasi,
            {"renja": renja, "kunci": bagian["kunci"]},
            {"urutan": urutan, "judul": bagian["judul"], "isi": bagian["markdown"]},
        )


def load_rencana(ctx, renja, rows):
    program = kegiatan = None
    for nomor, row in enumerate(rows, start=1):
        level = row["level"]
        induk = None if level == "program" else (program if level == "kegiatan" else kegiatan)
        baris = ctx.upsert(
            BarisRencana,
            {"renja": renja, "urutan": nomor * 10},
            {
                "induk": induk,
                "level": level,
                "kode": teks(row["kode"]),
                "nama": row["nama"],
                "pagu": dec(row["pagu"]),
                "pagu_maju": dec(row["pagu_2027"]),
                "target_akhir_renstra": teks(row["target_akhir_renstra"]),
                "realisasi_n2": teks(row["realisasi_2024"]),
                "prakiraan_n1": teks(row["prakiraan_2025"]),
                "lokasi": row["lokasi"],
                "sumber_dana": row["sumber_dana"],
                "prioritas_nasional": row["prioritas_nasional"],
                "prioritas_daerah": row["prioritas_daerah"],
                "kelompok_sasaran": row["kelompok_sasaran"],
                "penanggung_jawab": row["penanggung_jawab"],
                "sumber": row["sumber"],
                "catatan": "\n".join(row["catatan"]),
            },
        )
        if level == "program":
            program, kegiatan = baris, None
        elif level == "kegiatan":
            kegiatan = baris
        maju = dict(enumerate(row.get("target_2027") or []))
        for urutan, item in enumerate(row["indikator"], start=1):
            target_maju = maju.get(urutan - 1) or {}
            ctx.upsert(
                IndikatorRencana,
                {"baris": baris, "urutan": urutan},
                {"nama": teks(item["nama"]), "target": teks(item["target"]), "satuan": teks(item["satuan"]),
                 "target_maju": teks(target_maju.get("target")),
                 "satuan_maju": teks(target_maju.get("satuan"))},
            )


REVIEW_TABEL = {
    1: ("Review terhadap Rancangan Akhir RKPD Tahun 2026", "BAB II 2.4", None, ""),
    2: ("Rencana Program dan Kegiatan Tahun 2026 (lampiran BAB III 3.3)", "BAB III 3.3 (terlampir)",
        "39606686100", "narasi BAB III 3.3 dan 2.4"),
}


def load_review(ctx, renja, rows):
    tabel = {}
    for nomor, (judul, letak, total, sumber_total) in REVIEW_TABEL.items():
        tabel[nomor] = ctx.upsert(
            TabelReview,
            {"renja": renja, "nomor": nomor},
            {"judul": judul, "letak": letak, "total_tercetak": dec(total), "sumber_total": sumber_total},
        )
    counter = {1: 0, 2: 0}
    for row in rows:
        nomor = row["kemunculan"]
        counter[nomor] += 1
        rkpd, analisis = row["rkpd"], row["hasil_analisis"]
        ctx.upsert(
            BarisReview,
            {"tabel": tabel[nomor], "urutan": counter[nomor] * 10},
            {
                "level": row["level"],
                "nomor": teks(row["no"]),
                "kode": teks(row["kode"]),
                "nama": row["nama"],
                "rkpd_lokasi": teks(rkpd["lokasi"]),
                "rkpd_indikator": teks(rkpd["indikator"]),
                "rkpd_target": teks(rkpd["target"]),
                "rkpd_satuan": teks(rkpd["satuan"]),
                "rkpd_pagu": dec(rkpd["pagu"]),
                "analisis_lokasi": teks(analisis["lokasi"]),
                "analisis_indikator": teks(analisis["indikator"]),
                "analisis_target": teks(analisis["target"]),
                "analisis_satuan": teks(analisis["satuan"]),
                "analisis_pagu": dec(analisis["pagu"]),
                "analisis_pagu_tercetak": teks(analisis.get("pagu_dicetak")),
                "catatan": teks(row["catatan"]),
            },
        )


def load_evaluasi(ctx, renja, rows):
    for nomor, row in enumerate(rows, start=1):
        ctx.upsert(
            EvaluasiRenja,
            {"renja": renja, "urutan": nomor * 10},
            {
                "level": row["level"],
                "kode": teks(row["kode"]),
                "nama": row["nama"],
                "indikator": teks(row["indikator"]),
                "satuan": teks(row["satuan"]),
                "target_renstra": teks(row["target_renstra"]),
                "realisasi_sd_n3": teks(row["realisasi_sd_n3"]),
                "target_n2": teks(row["target_n2"]),
                "realisasi_n2": teks(row["realisasi_n2"]),
                "target_n1": teks(row["target_n1"]),
                "prakiraan_realisasi": teks(row["prakiraan_realisasi_renstra"]),
            },
        )


def load_kinerja_pelayanan(ctx, renja, rows):
    """Tabel 2.3 of the seed (service performance incl. SPM). Tabel 2.2 is built from the IKU records."""
    n = renja.tahun
    urutan = 0
    for row in rows:
        if row["tabel"] != "2.3":
            continue
        urutan += 1
        target, realisasi, proyeksi = row["target_renstra"], row["realisasi"], row["proyeksi"]
        ctx.upsert(
            KinerjaPelayanan,
            {"renja": renja, "urutan": urutan},
            {
                "nomor": row["no"],
                "indikator": row["indikator"],
                "spm": row["spm"],
                "ikk": row["ikk"],
                "satuan": row["satuan"],
                "target_n3": teks(target.get(str(n - 3))),
                "target_n2": teks(target.get(str(n - 2))),
                "target_n1": teks(target.get(str(n - 1))),
                "target_n": teks(target.get(str(n))),
                "realisasi_n3": teks(realisasi.get(str(n - 3))),
                "realisasi_n2": teks(realisasi.get(str(n - 2))),
                "proyeksi_n1": teks(proyeksi.get(str(n - 1))),
                "proyeksi_n": teks(proyeksi.get(str(n))),
                "catatan": row["catatan_analisa"],
            },
        )
