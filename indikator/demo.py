"""Demo performance data: Renstra, IKU and targets, PK 2023, realisasi, AKIP, IKM."""

import datetime
import importlib

from django.apps import apps as django_apps

from anggaran.models import Program
from indikator import demo_jenjang
from indikator.models import (
    Indikator,
    PerjanjianKinerja,
    PkIndikator,
    Realisasi,
    Renstra,
    Sasaran,
    Target,
    TargetTriwulan,
    Tujuan,
)
from portal.demo import dec
from portal.models import JendelaInput, UnitKerja

RENSTRA_FILES = ["renstra_2018_2023.json", "renstra_2024_2026.json", "renstra_2025_2029.json"]


def load(ctx):
    pastikan_skala_predikat()
    ctx.indikator_urutan = 0
    for name in RENSTRA_FILES:
        if ctx.exists(name):
            load_renstra(ctx, ctx.read(name))
    load_program_indikator(ctx, ctx.read("program_indikator.json"))
    load_pk(ctx, ctx.read("pk_2023.json"))
    load_realisasi(ctx, ctx.read("realisasi_iku.json"))
    load_jendela(ctx)
    demo_jenjang.load(ctx)


def nilai_values(data):
    """The NilaiMixin fields from a fixture value {"nilai"| "predikat", "pembilang", "penyebut"}."""
    data = data or {}
    return {
        "nilai": dec(data.get("nilai")),
        "predikat": data.get("predikat", "") or "",
        "pembilang": dec(data.get("pembilang")),
        "penyebut": dec(data.get("penyebut")),
    }


def unit_named(ctx, nama):
    if not nama:
        return None
    return UnitKerja.objects.filter(opd=ctx.opd, nama=nama).first()


def programs_by_code(kodes, tahun):
    """Programs of the nomenclature version in force in `tahun` with these full codes."""
    from anggaran.models import VersiNomenklatur

    versi = VersiNomenklatur.for_tahun(tahun)
    return list(Program.objects.filter(bidang__urusan__versi=versi, kode_lengkap__in=kodes))


def load_indikator(ctx, data, parent):
    ctx.indikator_urutan += 1
    indikator = ctx.upsert(
        Indikator,
        {"opd": ctx.opd, "kode": data["kode"]},
        {
            **dict.fromkeys(("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")),
            **parent,
            "nama": data["nama"],
            "satuan": data.get("satuan", "") or "",
            "formula": data.get("formula", "") or "",
            "alasan": data.get("alasan", "") or "",
            "sumber_data": data.get("sumber_data", "") or "",
            "penanggung_jawab": unit_named(ctx, data.get("penanggung_jawab")),
            "is_iku": bool(data.get("is_iku")),
            "jenis_nilai": data.get("jenis_nilai", Indikator.JenisNilai.ANGKA),
            "polaritas": data.get("polaritas", Indikator.Polaritas.POSITIF),
            "agregasi": data.get("agregasi", Indikator.Agregasi.NILAI_AKHIR),
            "urutan": ctx.indikator_urutan,
        },
    )
    for tahun, value in (data.get("target") or {}).items():
        ctx.upsert(Target, {"indikator": indikator, "tahun": int(tahun)}, nilai_values(value))
    return indikator


def load_renstra(ctx, data):
    renstra = ctx.upsert(
        Renstra,
        {"opd": ctx.opd, "tahun_awal": data["tahun_awal"], "tahun_akhir": data["tahun_akhir"]},
        {"nama": data["nama"]},
    )
    for tujuan_data in data["tujuan"]:
        tujuan = ctx.upsert(
            Tujuan, {"renstra": renstra, "urutan": tujuan_data["urutan"]},
            {"uraian": tujuan_data["uraian"]},
        )
        for ind in tujuan_data.get("indikator", []):
            load_indikator(ctx, ind, {"tujuan": tujuan})
        for sasaran_data in tujuan_data.get("sasaran", []):
            sasaran = ctx.upsert(
                Sasaran, {"tujuan": tujuan, "urutan": sasaran_data["urutan"]},
                {"uraian": sasaran_data["uraian"]},
            )
            wanted = programs_by_code(sasaran_data.get("program_pendukung", []), renstra.tahun_akhir)
            if {p.pk for p in sasaran.program_pendukung.all()} != {p.pk for p in wanted}:
                sasaran.program_pendukung.set(wanted)
                ctx.updated += 1
            for ind in sasaran_data.get("indikator", []):
                load_indikator(ctx, ind, {"sasaran": sasaran})


def load_program_indikator(ctx, data):
    for item in data["indikator"]:
        tahun_list = sorted(int(t) for t in {**item.get("target", {}), **item.get("realisasi", {})})
        program = programs_by_code([item["program"]], tahun_list[0] if tahun_list else 2023)[0]
        indikator = load_indikator(ctx, item, {"program": program})
        for tahun, value in (item.get("realisasi") or {}).items():
            save_realisasi(ctx, indikator, int(tahun), value.get("triwulan"), value)


def save_realisasi(ctx, indikator, tahun, triwulan, value):
    if triwulan is not None:
        # A year-end figure now kept at TW IV (its rule's year value) replaces the annual record an
        # earlier load made of the same figure: both at once would be flagged as two sources.
        lama = Realisasi.objects.filter(indikator=indikator, tahun=tahun, triwulan__isnull=True)
        if lama.exists():
            lama.delete()
            ctx.updated += 1
    ctx.upsert(
        Realisasi,
        {"indikator": indikator, "tahun": tahun, "triwulan": triwulan},
        {**nilai_values(value), "status": Realisasi.Status.DIVERIFIKASI},
    )


def load_pk(ctx, data):
    pihak1, pihak2 = data.get("pihak_pertama") or {}, data.get("pihak_kedua") or {}
    pk = ctx.upsert(
        PerjanjianKinerja,
        {"opd": ctx.opd, "tahun": data["tahun"], "jenis": data.get("jenis", "murni")},
        {
            "pihak_pertama_nama": pihak1.get("nama", "") or "",
            "pihak_pertama_nip": pihak1.get("nip", "") or "",
            "pihak_pertama_jabatan": pihak1.get("jabatan", "") or "",
            "pihak_kedua_nama": pihak2.get("nama", "") or "",
            "pihak_kedua_nip": pihak2.get("nip", "") or "",
            "pihak_kedua_jabatan": pihak2.get("jabatan", "") or "",
            "tanggal": datetime.date.fromisoformat(data["tanggal"]) if data.get("tanggal") else None,
            "status": PerjanjianKinerja.Status.DITETAPKAN,
        },
    )
    for urutan, item in enumerate(data["indikator"], start=1):
        indikator = Indikator.objects.get(opd=ctx.opd, kode=item["kode"])
        pk_indikator = ctx.upsert(
            PkIndikator, {"perjanjian": pk, "indikator": indikator},
            {**nilai_values(item["target"]), "urutan": urutan},
        )
        for triwulan, value in (item.get("triwulan") or {}).items():
            ctx.upsert(
                TargetTriwulan, {"pk_indikator": pk_indikator, "triwulan": int(triwulan)},
                nilai_values(value),
            )


def load_realisasi(ctx, data):
    for item in data["realisasi"]:
        indikator = Indikator.objects.get(opd=ctx.opd, kode=item["indikator"])
        save_realisasi(ctx, indikator, item["tahun"], item.get("triwulan"), item)


def pastikan_skala_predikat():
    """The AKIP predicate scales of migration 0003, written again if they are gone.

    They are reference data, not demo data, but a flush (what transactional
    tests do between tests) removes them, and without them no predicate has a capaian.
    """
    migrasi = importlib.import_module("indikator.migrations.0003_skala_predikat_akip")
    migrasi.create_scales(django_apps, None)


# The demo year whose realisasi units enter: its four triwulan are open to every OPD.
TAHUN_PENGISIAN_DEMO = 2026


def load_jendela(ctx):
    for triwulan in range(1, 5):
        ctx.upsert(JendelaInput, {"opd": None, "tahun": TAHUN_PENGISIAN_DEMO, "triwulan": triwulan},
                   {"dibuka": True})
