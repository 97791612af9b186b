"""Demo evaluation data: the LHE AKIP 2022–2024 with their components and the IKM 2022–2024 (seeds)."""

import datetime
import importlib

from django.apps import apps as django_apps

from evaluasi.models import EvaluasiAkip, KomponenAkip, SurveiKepuasan, UnsurSkm
from portal.demo import dec


def load(ctx):
    pastikan_lke()
    load_akip(ctx, ctx.read("akip.json"))
    load_ikm(ctx, ctx.read("ikm.json"))


def load_akip(ctx, data):
    for item in data["evaluasi"]:
        evaluasi = ctx.upsert(
            EvaluasiAkip,
            {"opd": ctx.opd, "tahun_lhe": item["tahun_lhe"]},
            {
                "tahun_dievaluasi": item["tahun_dievaluasi"],
                "nomor_lhe": item.get("nomor_lhe", "") or "",
                "tanggal_lhe": (
                    datetime.date.fromisoformat(item["tanggal_lhe"]) if item.get("tanggal_lhe") else None
                ),
                "nilai": dec(item.get("nilai")),
            },
        )
        for urutan, komponen in enumerate(item.get("komponen", []), start=1):
            ctx.upsert(
                KomponenAkip, {"evaluasi": evaluasi, "urutan": urutan},
                {"nama": komponen["nama"], "bobot": dec(komponen["bobot"]),
                 "nilai": dec(komponen["nilai"])},
            )


def load_ikm(ctx, data):
    for item in data["survei"]:
        survei = ctx.upsert(
            SurveiKepuasan,
            {"opd": ctx.opd, "tahun": item["tahun"], "periode": item.get("periode", "") or ""},
            {"jumlah_responden": item.get("jumlah_responden"),
             "nilai_ikm": dec(item.get("nilai_ikm")) if not item.get("unsur") else None},
        )
        for unsur in item.get("unsur", []):
            ctx.upsert(
                UnsurSkm, {"survei": survei, "nomor": unsur["nomor"]},
                {"nama": unsur["nama"], "nrr": dec(unsur["nrr"])},
            )


def pastikan_lke():
    """The 88/2021 worksheet of migration 0003, written again if a flush removed it (reference data, not demo)."""
    importlib.import_module("evaluasi.migrations.0003_lke_88_2021").muat_lke(django_apps)
