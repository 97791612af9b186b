"""Demo LKIP 2023 of Dinas Sosial Kota Bekasi: the seed's narrative, year labels corrected."""

from indikator.models import Indikator
from lkip.models import AnalisisIku, BagianLkip, Lkip

BERKAS = "lkip_2023_narasi.json"


def load(ctx):
    if not ctx.exists(BERKAS):
        return
    data = ctx.read(BERKAS)
    opd = ctx.opd
    lkip = ctx.upsert(
        Lkip,
        {"opd": opd, "tahun": data["tahun"]},
        {"tempat": "Bekasi"},
    )
    for bagian in data["bagian"]:
        ctx.upsert(
            BagianLkip,
            {"lkip": lkip, "kunci": bagian["kunci"]},
            {"judul": bagian["judul"], "markdown": bagian["markdown"]},
        )
    for item in data["iku"]:
        # The IKU of the year are those of its Perjanjian Kinerja (names repeat across Renstra periods).
        indikator = Indikator.objects.get(
            opd=opd, nama=item["indikator"], pk_indikator__perjanjian__tahun=data["tahun"]
        )
        ctx.upsert(
            AnalisisIku,
            {"lkip": lkip, "indikator": indikator},
            {key: item.get(key, "") for key in ("uraian", "faktor", "solusi", "langkah")},
        )
