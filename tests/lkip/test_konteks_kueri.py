"""lkip_context reads the records in a fixed number of queries, however many rows the OPD has.

The same LKIP is built twice: as the demo has it, and after the OPD has grown by more IKU (each
with its Renstra targets, realisasi, PK triwulan targets and analysis), more program indicators and
more DPA lines (with anggaran kas and realisasi per triwulan). The number of queries must not move.
"""

from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import AnggaranKas, DpaSubKegiatan, RealisasiAnggaran, SubKegiatan
from indikator.models import Indikator, PerjanjianKinerja, PkIndikator, Realisasi, Target, TargetTriwulan
from lkip.models import AnalisisIku, Lkip
from lkip.services import lkip_context, lkip_html, pemeriksaan


def _kueri(lkip):
    with CaptureQueriesContext(connection) as ctx_queries:
        ctx = lkip_context(lkip)
    with CaptureQueriesContext(connection) as render_queries:
        lkip_html(lkip, ctx)
        pemeriksaan(ctx)
    return ctx, len(ctx_queries), len(render_queries)


def _perbesar(lkip, ctx, kali):
    """Add `kali` IKU per sasaran, 2 indicators per supporting program and `kali` DPA lines per kegiatan."""
    opd, tahun = lkip.opd, lkip.tahun
    perjanjian = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("-jenis").first()
    tahun_list = sorted({*ctx["tahun_renstra"], tahun - 1, tahun})
    sasaran_list = {blok.sasaran.pk: blok.sasaran for blok in ctx["blok_list"] if blok.sasaran}
    nomor = 0
    for sasaran in sasaran_list.values():
        for _ in range(kali):
            nomor += 1
            ind = Indikator.objects.create(opd=opd, kode=f"UJI-IKU-{nomor}", sasaran=sasaran, is_iku=True,
                                           nama=f"Indikator uji {nomor}", satuan="Persen", urutan=50 + nomor)
            Target.objects.bulk_create([Target(indikator=ind, tahun=t, nilai=D(10 + nomor)) for t in tahun_list])
            Realisasi.objects.bulk_create([Realisasi(indikator=ind, tahun=t, nilai=D(9 + nomor))
                                           for t in (tahun - 1, tahun)])
            item = PkIndikator.objects.create(perjanjian=perjanjian, indikator=ind, nilai=D(10 + nomor),
                                              urutan=50 + nomor)
            TargetTriwulan.objects.bulk_create([TargetTriwulan(pk_indikator=item, triwulan=tw, nilai=D(2))
                                                for tw in range(1, 5)])
            AnalisisIku.objects.create(lkip=lkip, indikator=ind, uraian=f"Uraian **uji** {nomor}.")
        for program in sasaran.program_pendukung.all():
            for n in range(2):
                nomor += 1
                ind = Indikator.objects.create(opd=opd, kode=f"UJI-PROG-{nomor}", program=program,
                                               nama=f"Indikator program uji {n}", satuan="Persen")
                Target.objects.create(indikator=ind, tahun=tahun, nilai=D(100))
                Realisasi.objects.create(indikator=ind, tahun=tahun, nilai=D(100))
    dpa_list = list(DpaSubKegiatan.objects.filter(opd=opd, tahun=tahun).select_related("sub_kegiatan"))
    kegiatan = {d.sub_kegiatan.kegiatan_id for d in dpa_list}
    for kegiatan_id in kegiatan:
        for n in range(kali):
            sub = SubKegiatan.objects.create(kegiatan_id=kegiatan_id, kode=f"9{n:03d}", nama=f"Sub kegiatan uji {n}")
            dpa = DpaSubKegiatan.objects.create(opd=opd, tahun=tahun, sub_kegiatan=sub, pagu_murni=D(4000),
                                                pagu_perubahan=D(4000))
            AnggaranKas.objects.bulk_create([AnggaranKas(dpa=dpa, triwulan=tw, jumlah=D(1000)) for tw in range(1, 5)])
            RealisasiAnggaran.objects.bulk_create([RealisasiAnggaran(dpa=dpa, triwulan=tw, jumlah=D(900))
                                                   for tw in range(1, 5)])
    return nomor


def test_lkip_context_query_count_does_not_grow_with_the_rows(demo):
    lkip = Lkip.objects.select_related("opd").get(opd=demo, tahun=2023)
    ctx, kueri_demo, kueri_render = _kueri(lkip)
    assert kueri_render == 0  # the template and the check only read the context
    blok_demo, sub_demo = len(ctx["blok_list"]), len(ctx["sub_rows"])
    program_ind_demo = sum(len(b.program_indikator) for b in ctx["blok_list"])

    _perbesar(lkip, ctx, kali=3)
    ctx_besar, kueri_besar, kueri_render_besar = _kueri(lkip)

    # the OPD really grew in every dimension the document loops over
    assert len(ctx_besar["blok_list"]) == blok_demo + 3 * len({b.sasaran.pk for b in ctx["blok_list"]})
    assert len(ctx_besar["sub_rows"]) > sub_demo + 10
    assert sum(len(b.program_indikator) for b in ctx_besar["blok_list"]) > program_ind_demo
    assert len(ctx_besar["daftar_tabel"]) > len(ctx["daftar_tabel"])
    assert kueri_besar == kueri_demo
    assert kueri_render_besar == 0
    assert kueri_demo <= 30
