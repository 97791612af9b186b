"""A small cascade to test against: the office of tests/kantor.py with positions down to eselon IV.

Kepala (II) → Kabid of the operator's unit (III) → a sub-koordinator under it
(IV). The OPD's PK holds one IKU (a sum of quarters); the Kabid's unit runs a
program with `n` outcome indicators, its sub-unit a sub-kegiatan with one output.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indikator.models import Indikator, Jabatan, PerjanjianKinerja, PkIndikator, TargetTriwulan
from tests.factories import IndikatorFactory, ProgramFactory, SubKegiatanFactory, TargetFactory, UnitKerjaFactory
from tests.kantor import TAHUN


@dataclass
class Jenjang:
    kantor: object
    kepala: object
    kabid: object
    subkoor: object
    sub_unit: object
    iku: object
    pk_opd: object
    program: list = field(default_factory=list)
    sub_kegiatan: object = None


def pk_dengan(perjanjian, indikator, tahunan, triwulan=(), mendukung=None):
    item = PkIndikator.objects.create(perjanjian=perjanjian, indikator=indikator, nilai=Decimal(tahunan),
                                      mendukung=mendukung)
    for tw, nilai in enumerate(triwulan, start=1):
        TargetTriwulan.objects.create(pk_indikator=item, triwulan=tw, nilai=Decimal(nilai))
    return item


def bangun(kantor, n=1):
    opd = kantor.opd
    sub_unit = UnitKerjaFactory(opd=opd, nama="Sub Koordinator Satu", induk=kantor.unit)
    kepala = Jabatan.objects.create(opd=opd, eselon="II", nama="Kepala Dinas Uji", pemegang_nama="Kepala Asli",
                                    pemegang_nip="111")
    kabid = Jabatan.objects.create(opd=opd, eselon="III", nama="Kepala Bidang Satu", unit=kantor.unit,
                                   atasan=kepala, pemegang_nama="Kabid Pertama", pemegang_nip="222")
    subkoor = Jabatan.objects.create(opd=opd, eselon="IV", nama="Sub Koordinator Satu", unit=sub_unit,
                                     atasan=kabid, pemegang_nama="Subkoor Pertama", pemegang_nip="333")
    iku = IndikatorFactory(sasaran=kantor.sasaran, opd=opd, kode="IKU-1", satuan="Orang",
                           agregasi=Indikator.Agregasi.JUMLAH, penanggung_jawab=kantor.unit)
    TargetFactory(indikator=iku, tahun=TAHUN, nilai=Decimal(100))
    pk_opd = PerjanjianKinerja.objects.create(opd=opd, tahun=TAHUN, pihak_pertama_nama="Kepala Asli")
    pk_dengan(pk_opd, iku, 100, (10, 20, 30, 40))
    program = ProgramFactory()
    hasil = Jenjang(kantor, kepala, kabid, subkoor, sub_unit, iku, pk_opd)
    for i in range(n):
        ind = Indikator.objects.create(opd=opd, program=program, kode=f"PRG-{i}", nama=f"Outcome program {i}",
                                       satuan="Orang", agregasi=Indikator.Agregasi.JUMLAH,
                                       penanggung_jawab=kantor.unit)
        TargetFactory(indikator=ind, tahun=TAHUN, nilai=Decimal(100))
        hasil.program.append(ind)
    sub = SubKegiatanFactory(kegiatan__program=program)
    hasil.sub_kegiatan = Indikator.objects.create(opd=opd, sub_kegiatan=sub, kode="SUB-1", nama="Output sub",
                                                  satuan="Orang", agregasi=Indikator.Agregasi.JUMLAH,
                                                  penanggung_jawab=sub_unit)
    TargetFactory(indikator=hasil.sub_kegiatan, tahun=TAHUN, nilai=Decimal(40))
    return hasil
