"""One realisasi of the year: every output that shows an indicator's year figure gives the same answer or flag.

Each aggregation rule × {quarters only, annual record only, both agreeing,
both disagreeing, a partial year} is asked of the OPD dashboard, its XLSX,
the drill-down, the pohon kinerja, the trend, the LKIP and the Renja of
year n+2; all must agree with indikator.pengukuran.realisasi_tahun, the one
computation, and that one must give the figure a person computes by hand.
"""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from dasbor.ekspor import opd_xlsx
from dasbor.konteks import konteks_iku, konteks_opd, konteks_pohon, konteks_tren
from indikator.models import Indikator, Realisasi
from lkip.models import Lkip
from lkip.services import lkip_context, pemeriksaan
from renja.models import Renja
from renja.tabel import capaian_n2
from tests.factories import (
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    PkIndikatorFactory,
    TargetFactory,
    TargetTriwulanFactory,
)

D = Decimal
TAHUN = 2025  # inside the office's Renstra 2024–2028
ATURAN = {
    # rule: (quarterly targets, quarterly values, the year's figure by hand)
    "jumlah": ([D(2), D(3), D(5), D(5)], [D(1), D(3), D(5), D(5)], D(14)),
    "nilai_akhir": ([D(90)] * 4, [D(60), D(70), D(80), D(90)], D(90)),
    "akhir_tahun": ([None, None, None, D(80)], [None, None, None, D(85)], D(85)),
}
KEADAAN = ["triwulan", "setahun", "keduanya_sama", "keduanya_beda", "sebagian"]


def _susun(kantor, aturan, keadaan):
    target_tw, nilai_tw, setahun = ATURAN[aturan]
    ind = IndikatorFactory(sasaran=kantor.sasaran, opd=kantor.opd, penanggung_jawab=kantor.unit, agregasi=aturan,
                           satuan="Nilai", nilai_maks=D(1000))
    TargetFactory(indikator=ind, tahun=TAHUN, nilai=target_tw[3] if aturan != "jumlah" else sum(target_tw))
    pk = PkIndikatorFactory(perjanjian=PerjanjianKinerjaFactory(opd=kantor.opd, tahun=TAHUN), indikator=ind,
                            nilai=target_tw[3] if aturan != "jumlah" else sum(target_tw))
    for tw, t in enumerate(target_tw, start=1):
        if t is not None:
            TargetTriwulanFactory(pk_indikator=pk, triwulan=tw, nilai=t)
    verified = Realisasi.Status.DIVERIFIKASI
    if keadaan in ("triwulan", "keduanya_sama", "keduanya_beda", "sebagian"):
        for tw, v in enumerate(nilai_tw, start=1):
            if v is not None and not (keadaan == "sebagian" and tw == 4):
                Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=tw, nilai=v, status=verified)
    if keadaan in ("setahun", "keduanya_sama", "keduanya_beda"):
        annual = setahun + (1 if keadaan == "keduanya_beda" else 0)
        Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=None, nilai=annual, status=verified)
    return ind


def _angka(nilai_tahun, realisasi):
    """What an output says of the year figure: (number, two sources disagree?, incomplete?)."""
    return (realisasi, bool(nilai_tahun.konflik), bool(nilai_tahun.sebagian))


def _dari_xlsx(response, kode):
    sheet = load_workbook(io.BytesIO(response.content))["Capaian IKU"]
    kolom = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[kolom.index("Kode")] == kode:
            catatan = row[kolom.index("Catatan realisasi")] or ""
            realisasi = row[kolom.index("Realisasi")]
            return (None if realisasi is None else D(str(realisasi)), "tidak sama" in catatan or "berbeda" in catatan
                    or "sedangkan" in catatan, "belum lengkap" in catatan)
    raise AssertionError(f"{kode} tidak ada di XLSX")


def _setiap_keluaran(kantor, ind, tw):
    """The year figure of `ind` to TW `tw` as each output shows it."""
    opd = kantor.opd
    hasil = {}
    ctx = konteks_opd(opd, TAHUN, tw)
    row = next(r["capaian"] for r in ctx["iku"] if r["capaian"].indikator.pk == ind.pk)
    hasil["dasbor"] = _angka(row.nilai_tahun, row.realisasi)
    hasil["dasbor_xlsx"] = _dari_xlsx(opd_xlsx(ctx), ind.kode)
    hasil["rincian"] = _angka(konteks_iku(opd, ind, TAHUN, tw)["row"].nilai_tahun,
                              konteks_iku(opd, ind, TAHUN, tw)["row"].realisasi)
    pohon = konteks_pohon(opd, TAHUN, tw)
    node = next(r for t in pohon["pohon"] for s in t["sasaran"] for r in s["indikator"] if r.indikator.pk == ind.pk)
    hasil["pohon"] = _angka(node.nilai_tahun, node.realisasi)
    if tw == 4:
        lkip = lkip_context(Lkip.objects.create(opd=opd, tahun=TAHUN))
        blok = next(b for b in lkip["blok_list"] if b.indikator.pk == ind.pk)
        hasil["lkip"] = _angka(blok.ini.nilai_tahun, blok.ini.realisasi.nilai if blok.ini.realisasi else None)
        hasil["lkip_pemeriksaan"] = any(ind.nama in m and "sedangkan" in m for m in pemeriksaan(lkip))
        n2 = capaian_n2(Renja.objects.create(opd=opd, tahun=TAHUN + 2))[0]
        renja = next(r.hasil for r in n2 if r.indikator.pk == ind.pk)
        hasil["renja"] = _angka(renja.nilai_tahun, renja.realisasi)
    return hasil


@pytest.mark.parametrize("keadaan", KEADAAN)
@pytest.mark.parametrize("aturan", list(ATURAN))
def test_every_output_gives_the_one_year_figure(kantor, aturan, keadaan):
    ind = _susun(kantor, aturan, keadaan)
    setahun = ATURAN[aturan][2]
    # By hand: quarters (or the annual record alone) give the year; two sources that disagree are marked;
    # a year without its TW IV has no year figure yet.
    expected = {
        "triwulan": (setahun, False, False),
        "setahun": (setahun, False, False),
        "keduanya_sama": (setahun, False, False),
        "keduanya_beda": (setahun, True, False),
        "sebagian": (None, False, aturan != "akhir_tahun"),
    }[keadaan]
    hasil = _setiap_keluaran(kantor, ind, 4)
    assert hasil.pop("lkip_pemeriksaan") == expected[1]
    assert hasil == dict.fromkeys(hasil, expected)


@pytest.mark.parametrize("aturan", list(ATURAN))
def test_a_partial_year_is_the_same_s_d_tw_n_on_the_row_its_drill_down_and_its_export(kantor, aturan):
    ind = _susun(kantor, aturan, "sebagian")
    n = konteks_opd(kantor.opd, TAHUN, None)["tw"]
    assert n == (3 if aturan != "akhir_tahun" else None)
    if n is None:
        return  # a year-end-only indicator before TW IV has no quarter to speak of: "dinilai akhir tahun"
    target_tw, nilai_tw, _ = ATURAN[aturan]
    by_hand = sum(nilai_tw[:3]) if aturan == "jumlah" else nilai_tw[2]
    hasil = _setiap_keluaran(kantor, ind, n)
    assert hasil == dict.fromkeys(hasil, (by_hand, False, False))


def test_the_trend_plots_only_whole_years_and_marks_two_sources(kantor):
    ind = _susun(kantor, "jumlah", "keduanya_beda")
    tren = konteks_tren(kantor.opd, kantor.renstra, [kantor.renstra])
    item = next(i for i in tren["tren_iku"] if i["indikator"].pk == ind.pk)
    row = next(r for r in item["tahun"] if r.tahun == TAHUN)
    assert (row.realisasi, bool(row.nilai_tahun.konflik)) == (D(14), True)
    assert D(item["chart"]["realisasi"][kantor.renstra.tahun_list.index(TAHUN)]) == D(14)


def test_the_one_computation_is_indikator_pengukuran(kantor):
    """The outputs above read RealisasiTahun; nothing else computes a year figure (the LKIP's own is gone)."""
    import lkip.tabel

    assert not hasattr(lkip.tabel, "realisasi_tahunan")
    assert Indikator.Agregasi.values == list(ATURAN)
