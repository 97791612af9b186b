"""Demo budget data: nomenclature, DPA 2023 with anggaran kas and realisasi, budget 2024."""

from anggaran.models import (
    AnggaranAgregat,
    AnggaranKas,
    BidangUrusan,
    DpaSubKegiatan,
    Kegiatan,
    Program,
    RealisasiAnggaran,
    SubKegiatan,
    Urusan,
    VersiNomenklatur,
)
from portal.demo import dec
from portal.models import UnitKerja

# Which unit keeps the lines of each program (by the program's code in the sub
# kegiatan's full code). The seeds do not say; this follows the struktur
# organisasi of LKIP 2023 §1.2 (disaster victims sit with Perlindungan dan
# Jaminan Sosial, the heroes' cemetery with Kepahlawanan in Pemberdayaan), so
# that each demo operator has budget lines of its own.
UNIT_PER_PROGRAM = {
    "1.06.01": "Sekretariat",
    "1.06.02": "Bidang Pemberdayaan Sosial",
    "1.06.03": "Bidang Rehabilitasi Sosial",
    "1.06.04": "Bidang Rehabilitasi Sosial",
    "1.06.05": "Bidang Perlindungan dan Jaminan Sosial",
    "1.06.06": "Bidang Perlindungan dan Jaminan Sosial",
    "1.06.07": "Bidang Pemberdayaan Sosial",
}


def load(ctx):
    load_nomenklatur(ctx, ctx.read("nomenklatur.json"))
    load_dpa_2023(ctx, ctx.read("dpa_2023.json"))
    load_anggaran_2024(ctx, ctx.read("anggaran_2024.json"))


def load_nomenklatur(ctx, data):
    for versi in data["versi"]:
        ctx.upsert(
            VersiNomenklatur,
            {"kode": versi["kode"]},
            {"nama": versi["nama"], "tahun_mulai": versi["tahun_mulai"]},
        )
    for item in data["urusan"]:
        versi = VersiNomenklatur.objects.get(kode=item["versi"])
        urusan = ctx.upsert(Urusan, {"versi": versi, "kode": item["kode"]}, {"nama": item["nama"]})
        for bidang_data in item["bidang"]:
            bidang = ctx.upsert(
                BidangUrusan, {"urusan": urusan, "kode": bidang_data["kode"]},
                {"nama": bidang_data["nama"]},
            )
            for program_data in bidang_data["program"]:
                program = ctx.upsert(
                    Program, {"bidang": bidang, "kode": program_data["kode"]},
                    {"nama": program_data["nama"]},
                )
                for kegiatan_data in program_data.get("kegiatan", []):
                    kegiatan = ctx.upsert(
                        Kegiatan, {"program": program, "kode": kegiatan_data["kode"]},
                        {"nama": kegiatan_data["nama"]},
                    )
                    for sub in kegiatan_data.get("sub_kegiatan", []):
                        ctx.upsert(
                            SubKegiatan, {"kegiatan": kegiatan, "kode": sub["kode"]},
                            {"nama": sub["nama"], "kode_lama": sub.get("kode_lama", "") or ""},
                        )


def find_sub_kegiatan(versi_kode, kode_lengkap):
    return SubKegiatan.objects.get(
        kegiatan__program__bidang__urusan__versi__kode=versi_kode, kode_lengkap=kode_lengkap
    )


def unit_untuk(ctx, kode_sub_kegiatan):
    nama = UNIT_PER_PROGRAM.get(kode_sub_kegiatan[:7])
    return UnitKerja.objects.filter(opd=ctx.opd, nama=nama).first() if nama else None


def find_program(versi_kode, kode_lengkap):
    return Program.objects.get(bidang__urusan__versi__kode=versi_kode, kode_lengkap=kode_lengkap)


def load_dpa_2023(ctx, data):
    tahun, versi = data["tahun"], data["versi"]
    for baris in data["baris"]:
        dpa = ctx.upsert(
            DpaSubKegiatan,
            {"opd": ctx.opd, "tahun": tahun, "sub_kegiatan": find_sub_kegiatan(versi, baris["kode"])},
            {"pagu_murni": dec(baris.get("pagu_murni")),
             "pagu_perubahan": dec(baris["pagu_perubahan"]),
             "sumber_dana": baris.get("sumber_dana", "") or "",
             "lokasi": baris.get("lokasi", "") or "",
             "unit_kerja": unit_untuk(ctx, baris["kode"])},
        )
        for triwulan, jumlah in enumerate(baris["anggaran_kas"], start=1):
            ctx.upsert(AnggaranKas, {"dpa": dpa, "triwulan": triwulan}, {"jumlah": dec(jumlah)})
        if baris.get("realisasi") is not None:
            ctx.upsert(
                RealisasiAnggaran, {"dpa": dpa, "triwulan": None}, {"jumlah": dec(baris["realisasi"])}
            )
    for item in data["program"]:
        ctx.upsert(
            AnggaranAgregat,
            {"opd": ctx.opd, "tahun": tahun, "program": find_program(versi, item["kode"])},
            {"pagu_murni": dec(item.get("pagu_murni")),
             "realisasi": dec(item.get("realisasi")),
             "sumber": "LKIP 2023 Tabel 3.17 dan 3.18"},
        )


def load_anggaran_2024(ctx, data):
    tahun, versi = data["tahun"], data["versi"]
    for baris in data["baris"]:
        dpa = ctx.upsert(
            DpaSubKegiatan,
            {"opd": ctx.opd, "tahun": tahun, "sub_kegiatan": find_sub_kegiatan(versi, baris["kode"])},
            {"pagu_murni": None, "pagu_perubahan": dec(baris["pagu"]), "unit_kerja": unit_untuk(ctx, baris["kode"])},
        )
        if baris.get("realisasi") is not None:
            ctx.upsert(
                RealisasiAnggaran, {"dpa": dpa, "triwulan": None}, {"jumlah": dec(baris["realisasi"])}
            )
    total = data.get("opd_total")
    if total:
        ctx.upsert(
            AnggaranAgregat,
            {"opd": ctx.opd, "tahun": tahun, "program": None},
            {"pagu_perubahan": dec(total["pagu"]), "realisasi": dec(total["realisasi"]),
             "sumber": "Renja 2026 BAB II (anggaran dan realisasi Dinas Sosial 2024)"},
        )
