"""The database refuses rows that break a structural rule."""

from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction

from anggaran.models import AnggaranKas, DpaSubKegiatan, RealisasiAnggaran
from tests.factories import (
    AnggaranKasFactory,
    DpaFactory,
    IndikatorFactory,
    RealisasiAnggaranFactory,
    RealisasiFactory,
)

pytestmark = pytest.mark.django_db


def refused(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_negative_pagu_is_refused():
    dpa = DpaFactory()
    refused(lambda: DpaSubKegiatan.objects.filter(pk=dpa.pk).update(pagu_perubahan=D("-1")))


def test_a_dpa_line_needs_some_pagu():
    dpa = DpaFactory()
    refused(
        lambda: DpaSubKegiatan.objects.filter(pk=dpa.pk).update(pagu_murni=None, pagu_perubahan=None)
    )


def test_one_dpa_line_per_sub_kegiatan_and_year():
    dpa = DpaFactory()
    refused(lambda: DpaFactory(opd=dpa.opd, sub_kegiatan=dpa.sub_kegiatan, tahun=dpa.tahun))


def test_triwulan_is_1_to_4():
    dpa = DpaFactory()
    refused(lambda: AnggaranKas.objects.create(dpa=dpa, triwulan=5, jumlah=D(1)))
    refused(lambda: AnggaranKas.objects.create(dpa=dpa, triwulan=0, jumlah=D(1)))


def test_negative_anggaran_kas_and_realisasi_are_refused():
    dpa = DpaFactory()
    refused(lambda: AnggaranKasFactory(dpa=dpa, jumlah=D("-5")))
    refused(lambda: RealisasiAnggaranFactory(dpa=dpa, jumlah=D("-5")))


def test_one_realisasi_anggaran_per_triwulan_and_one_annual():
    dpa = DpaFactory()
    RealisasiAnggaranFactory(dpa=dpa, triwulan=2)
    refused(lambda: RealisasiAnggaranFactory(dpa=dpa, triwulan=2))
    RealisasiAnggaran.objects.create(dpa=dpa, triwulan=None, jumlah=D(1))
    refused(lambda: RealisasiAnggaran.objects.create(dpa=dpa, triwulan=None, jumlah=D(2)))


def test_one_realisasi_per_indikator_year_and_triwulan():
    indikator = IndikatorFactory()
    RealisasiFactory(indikator=indikator, tahun=2023, triwulan=3)
    refused(lambda: RealisasiFactory(indikator=indikator, tahun=2023, triwulan=3))
    refused(lambda: RealisasiFactory(indikator=indikator, tahun=2023, triwulan=5))
    RealisasiFactory(indikator=indikator, tahun=2023, triwulan=None)
    refused(lambda: RealisasiFactory(indikator=indikator, tahun=2023, triwulan=None))


def test_an_indicator_belongs_to_exactly_one_level():
    indikator = IndikatorFactory()
    from indikator.models import Indikator

    refused(lambda: Indikator.objects.filter(pk=indikator.pk).update(sasaran=None))
