"""A small factory-built office to test against, with one named user per role (like healthchecks' BaseTestCase).

Tests that are not about the seed documents' numbers use this instead of the
Bekasi demo data: it builds in milliseconds and every figure in it is set by
the test that reads it.
"""

from dataclasses import dataclass
from decimal import Decimal as D
from types import SimpleNamespace

from portal.models import JendelaInput, User
from tests.factories import (
    AnggaranKasFactory,
    DpaFactory,
    IndikatorFactory,
    PerangkatDaerahFactory,
    PkIndikatorFactory,
    RealisasiAnggaranFactory,
    RealisasiFactory,
    RenstraFactory,
    SasaranFactory,
    TargetFactory,
    UnitKerjaFactory,
    UserFactory,
)

TAHUN = 2026  # a year inside the office's Renstra


@dataclass
class Kantor:
    opd: object
    unit: object  # the operator's unit
    unit_lain: object  # another unit of the same OPD
    renstra: object
    sasaran: object
    admin: object
    perencana: object
    operator: object
    operator_lain: object
    pimpinan: object
    evaluator: object
    perencana_lain: object  # the perencana of another OPD

    @classmethod
    def buat(cls):
        opd = PerangkatDaerahFactory(nama="Dinas Uji", singkatan="DUJI")
        unit = UnitKerjaFactory(opd=opd, nama="Bidang Satu")
        unit_lain = UnitKerjaFactory(opd=opd, nama="Bidang Dua")
        renstra = RenstraFactory(opd=opd, nama="Renstra Dinas Uji", tahun_awal=2024, tahun_akhir=2028)
        role = User.Role
        return cls(
            opd=opd, unit=unit, unit_lain=unit_lain, renstra=renstra,
            sasaran=SasaranFactory(tujuan__renstra=renstra),
            admin=UserFactory(username="admin-uji", role=role.ADMIN, opd=None, is_staff=True, is_superuser=True),
            perencana=UserFactory(username="perencana-uji", role=role.PERENCANA, opd=opd),
            operator=UserFactory(username="operator-uji", role=role.OPERATOR, opd=opd, unit_kerja=unit),
            operator_lain=UserFactory(username="operator-lain-uji", role=role.OPERATOR, opd=opd,
                                      unit_kerja=unit_lain),
            pimpinan=UserFactory(username="pimpinan-uji", role=role.PIMPINAN, opd=opd),
            evaluator=UserFactory(username="evaluator-uji", role=role.EVALUATOR, opd=None),
            perencana_lain=UserFactory(username="perencana-lain-uji", role=role.PERENCANA,
                                       opd=PerangkatDaerahFactory()),
        )

    def isi_setahun(self, tahun=TAHUN, target=D(80), realisasi=D(72), pagu=D(1_000_000),
                    realisasi_anggaran=D(850_000)):
        """A year of the office's performance data, complete: one IKU of the operator's unit with its
        target, PK and a verified annual realisasi; the program behind its sasaran with one DPA line
        (anggaran kas equal to the pagu, realisasi below it); the year's LHE and survey."""
        from evaluasi.models import EvaluasiAkip, SurveiKepuasan
        from indikator.models import PerjanjianKinerja, Realisasi

        iku = IndikatorFactory(sasaran=self.sasaran, opd=self.opd, penanggung_jawab=self.unit,
                               nama="Persentase uji", satuan="%")
        TargetFactory(indikator=iku, tahun=tahun, nilai=target)
        perjanjian = PerjanjianKinerja.objects.create(opd=self.opd, tahun=tahun,
                                                      pihak_pertama_nama="Kepala Dinas Uji")
        pk = PkIndikatorFactory(perjanjian=perjanjian, indikator=iku, nilai=target)
        RealisasiFactory(indikator=iku, tahun=tahun, triwulan=None, nilai=realisasi,
                         status=Realisasi.Status.DIVERIFIKASI)
        dpa = DpaFactory(opd=self.opd, tahun=tahun, unit_kerja=self.unit, pagu_murni=pagu, pagu_perubahan=pagu)
        for tw in range(1, 5):
            AnggaranKasFactory(dpa=dpa, triwulan=tw, jumlah=pagu / 4)
        RealisasiAnggaranFactory(dpa=dpa, triwulan=1, jumlah=realisasi_anggaran)
        self.sasaran.program_pendukung.add(dpa.sub_kegiatan.kegiatan.program)
        return SimpleNamespace(
            iku=iku, perjanjian=perjanjian, pk=pk, dpa=dpa,
            evaluasi=EvaluasiAkip.objects.create(opd=self.opd, tahun_lhe=tahun, tahun_dievaluasi=tahun - 1,
                                                 nilai=D("70.5")),
            survei=SurveiKepuasan.objects.create(opd=self.opd, tahun=tahun, nilai_ikm=D("85.1")),
        )


def buka_jendela(tahun, triwulan, opd=None):
    """Open a triwulan for entry (every OPD unless `opd`), whatever windows the database already holds."""
    jendela, _ = JendelaInput.objects.update_or_create(
        opd=opd, tahun=tahun, triwulan=triwulan, defaults={"dibuka": True, "mulai": None, "selesai": None})
    return jendela
