"""Factories for test data. The demo fixtures are for the seed-number tests only."""

from decimal import Decimal

import factory

from anggaran.models import (
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
from portal.models import PerangkatDaerah, UnitKerja, User


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    kode = factory.Sequence(lambda n: f"9.99.0.00.0.00.{n:02d}.0000")
    nama = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    singkatan = factory.Sequence(lambda n: f"DC{n}")
    kepala_nama = "Kepala Contoh"
    kepala_nip = "19700101 199001 1 001"


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    opd = factory.SubFactory(PerangkatDaerahFactory)
    nama = factory.Sequence(lambda n: f"Bidang {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.PERENCANA
    opd = factory.SubFactory(PerangkatDaerahFactory)
    # Hashed before the INSERT: one query per user, not an INSERT and then an UPDATE.
    password = factory.django.Password("rahasia-123")


class VersiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VersiNomenklatur
        django_get_or_create = ["kode"]

    kode = "versi-uji"
    nama = "Nomenklatur uji"
    tahun_mulai = 2020


class UrusanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Urusan
        django_get_or_create = ["versi", "kode"]

    versi = factory.SubFactory(VersiFactory)
    kode = "1"
    nama = "Urusan wajib pelayanan dasar"


class BidangUrusanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BidangUrusan
        django_get_or_create = ["urusan", "kode"]

    urusan = factory.SubFactory(UrusanFactory)
    kode = "06"
    nama = "Sosial"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    bidang = factory.SubFactory(BidangUrusanFactory)
    kode = factory.Sequence(lambda n: f"{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Program {n}")


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    program = factory.SubFactory(ProgramFactory)
    kode = factory.Sequence(lambda n: f"2.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Kegiatan {n}")


class SubKegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubKegiatan

    kegiatan = factory.SubFactory(KegiatanFactory)
    kode = factory.Sequence(lambda n: f"{n % 10000:04d}")
    nama = factory.Sequence(lambda n: f"Sub kegiatan {n}")


class DpaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DpaSubKegiatan

    opd = factory.SubFactory(PerangkatDaerahFactory)
    tahun = 2023
    sub_kegiatan = factory.SubFactory(SubKegiatanFactory)
    pagu_perubahan = Decimal("1000000")


class AnggaranKasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnggaranKas

    dpa = factory.SubFactory(DpaFactory)
    triwulan = 1
    jumlah = Decimal("250000")


class RealisasiAnggaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RealisasiAnggaran

    dpa = factory.SubFactory(DpaFactory)
    triwulan = 1
    jumlah = Decimal("200000")


class RenstraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Renstra

    opd = factory.SubFactory(PerangkatDaerahFactory)
    nama = "Renstra uji"
    tahun_awal = 2021
    tahun_akhir = 2025


class TujuanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tujuan

    renstra = factory.SubFactory(RenstraFactory)
    uraian = factory.Sequence(lambda n: f"Tujuan {n}")


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    tujuan = factory.SubFactory(TujuanFactory)
    uraian = factory.Sequence(lambda n: f"Sasaran {n}")


class IndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indikator

    sasaran = factory.SubFactory(SasaranFactory)
    opd = factory.LazyAttribute(lambda o: o.sasaran.tujuan.renstra.opd)
    kode = factory.Sequence(lambda n: f"IND-{n}")
    nama = factory.Sequence(lambda n: f"Indikator {n}")
    satuan = "%"
    is_iku = True
    agregasi = Indikator.Agregasi.JUMLAH


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2023
    nilai = Decimal("10")


class PerjanjianKinerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerjanjianKinerja

    opd = factory.SubFactory(PerangkatDaerahFactory)
    tahun = 2023


class PkIndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PkIndikator

    perjanjian = factory.SubFactory(PerjanjianKinerjaFactory)
    indikator = factory.SubFactory(IndikatorFactory)
    nilai = Decimal("14")


class TargetTriwulanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetTriwulan

    pk_indikator = factory.SubFactory(PkIndikatorFactory)
    triwulan = 1
    nilai = Decimal("1")


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisasi

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2023
    triwulan = 1
    nilai = Decimal("1")
