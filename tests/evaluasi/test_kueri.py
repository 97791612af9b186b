"""The worksheet pages' queries do not grow with the answers, the evidence or the records the pre-fill reads."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluasi import services
from evaluasi.models import PilihanJawaban
from tests.factories import IndikatorFactory, RealisasiFactory, TargetFactory

TAHUN = 2025


def _jumlah_kueri(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _jawab(penilaian, user, banyak):
    kriteria = [kr for k in penilaian.lke.struktur() for s in k.sub.all() for kr in s.kriteria.all()][:banyak]
    pilihan = PilihanJawaban.objects.get(skala=kriteria[0].skala, kode="A")
    services.jawaban_simpan(penilaian=penilaian, user=user, sisi=services.USULAN, isian=[
        (kr, {"jawaban": pilihan, "catatan": "c", "tautan": "/kinerja/", "versi": None}) for kr in kriteria])


def _data(kantor, banyak):
    for _ in range(banyak):
        indikator = IndikatorFactory(sasaran=kantor.sasaran, formula="a/b", sumber_data="laporan")
        TargetFactory(indikator=indikator, tahun=TAHUN)
        for tw in (1, 2):
            RealisasiFactory(indikator=indikator, tahun=TAHUN, triwulan=tw, nilai=Decimal(1),
                             diisi_pada=timezone.now())


def test_the_component_page_and_the_summary_keep_their_query_count(client, kantor):
    penilaian = services.penilaian_mulai(opd=kantor.opd, tahun=TAHUN, user=kantor.perencana)[0]
    client.force_login(kantor.perencana)
    urls = [reverse("evaluasi:komponen", args=[penilaian.pk, n]) for n in (1, 2)]
    urls += [reverse("evaluasi:ringkasan", args=[penilaian.pk]), reverse("evaluasi:xlsx", args=[penilaian.pk])]
    _jawab(penilaian, kantor.perencana, 2)
    _data(kantor, 1)
    sedikit = [_jumlah_kueri(client, url) for url in urls]
    _jawab(penilaian, kantor.perencana, 45)
    _data(kantor, 6)
    assert [_jumlah_kueri(client, url) for url in urls] == sedikit
