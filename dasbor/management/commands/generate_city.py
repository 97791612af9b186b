"""Synthetic city-scale data for benchmarks and load tests.

    python manage.py generate_city --opd 40 --tahun-awal 2021 --tahun-akhir 2025

Each generated OPD has the shape of the Bekasi Dinas Sosial: a Sekretariat
and four Bidang; six programs (the first the big "Penunjang" program) with
about 70 sub-kegiatan; a Renstra with five IKU (AKIP as a predicate, IKM,
a sum-rule and two last-value indicators) and an indicator per program and
per sub-kegiatan; a PK per year with triwulan targets; quarterly realisasi;
a DPA per year with anggaran kas per triwulan adding up to the pagu and
quarterly budget realisasi; an evaluasi AKIP and an IKM per year.

The data uses the portal's own models, so every page reads it as real data.
It is deterministic (--seed) and varied: each OPD has its own performance
level, so the city overview shows a spread of tercapai/perhatian/kritis.
The last year is filled only up to --sampai-triwulan (a year in progress).
Rows are written with bulk_create (no audit-trail rows: this is not user
work). Generated OPDs have kode/singkatan GEN-01.. and a nomenclature
version of their own, so they never collide with the demo.
"""

import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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
from evaluasi.models import EvaluasiAkip, SurveiKepuasan
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
from portal.models import PerangkatDaerah, UnitKerja
from portal.sinyal import ditulis_massal

PREFIX = "GEN-"
# tahun_mulai 2000 keeps VersiNomenklatur.for_tahun() from ever choosing it for real data.
VERSI_KODE = "sintetis-generate-city"

NAMA_OPD = [
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman", "Satuan Polisi Pamong Praja", "Dinas Sosial",
    "Dinas Tenaga Kerja", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Ketahanan Pangan",
    "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Kelurahan", "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "Dinas Perhubungan", "Dinas Komunikasi, Informatika, Statistik dan Persandian",
    "Dinas Koperasi dan Usaha Kecil Menengah", "Dinas Penanaman Modal dan PTSP",
    "Dinas Kepemudaan dan Olahraga", "Dinas Kebudayaan dan Pariwisata", "Dinas Perpustakaan dan Kearsipan",
    "Dinas Perdagangan dan Perindustrian", "Dinas Pertanian", "Badan Perencanaan Pembangunan Daerah",
    "Badan Keuangan dan Aset Daerah", "Badan Pendapatan Daerah", "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Penanggulangan Bencana Daerah", "Badan Kesatuan Bangsa dan Politik", "Inspektorat",
    "Sekretariat Daerah", "Sekretariat DPRD", "Dinas Pemadam Kebakaran", "Dinas Bina Marga dan Sumber Daya Air",
    "Dinas Tata Ruang", "Dinas Pertanahan", "Rumah Sakit Umum Daerah", "Kecamatan Bekasi Timur",
    "Kecamatan Bekasi Barat", "Kecamatan Bekasi Utara", "Kecamatan Bekasi Selatan",
]
BIDANG = ["Sekretariat", "Bidang Perencanaan Program", "Bidang Pelayanan", "Bidang Pembinaan", "Bidang Pengendalian"]
PROGRAM = [
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Program Peningkatan Kualitas Layanan",
    "Program Pembinaan dan Pemberdayaan",
    "Program Perlindungan dan Jaminan",
    "Program Penanganan Keadaan Darurat",
    "Program Pengelolaan Sarana dan Prasarana",
]
# Share of the sub-kegiatan per program: the Penunjang program is the big one, as in Bekasi.
PORSI_PROGRAM = [0.34, 0.16, 0.16, 0.14, 0.1, 0.1]
PREDIKAT = ["C", "CC", "B", "BB", "A", "AA"]


def d(value, places=2):
    return Decimal(value).quantize(Decimal(1).scaleb(-places))


class Command(BaseCommand):
    help = "Membuat data sintetis skala kota (banyak OPD, beberapa tahun) untuk uji beban dan benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--opd", type=int, default=40, help="Jumlah perangkat daerah (1–99).")
        parser.add_argument("--tahun-awal", type=int, default=2021)
        parser.add_argument("--tahun-akhir", type=int, default=2025)
        parser.add_argument("--sub-kegiatan", type=int, default=70, help="Rata-rata sub kegiatan per OPD.")
        parser.add_argument(
            "--sampai-triwulan", type=int, default=3, help="Triwulan terakhir yang terisi pada tahun terakhir."
        )
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--ganti", action="store_true", help="Hapus data sintetis lama lebih dulu.")

    def handle(self, *args, **options):
        jumlah, awal, akhir = options["opd"], options["tahun_awal"], options["tahun_akhir"]
        if not 1 <= jumlah <= 99:
            raise CommandError("--opd harus antara 1 dan 99.")
        if not 2000 <= awal <= akhir <= 2100:
            raise CommandError("--tahun-awal harus ≤ --tahun-akhir, keduanya antara 2000 dan 2100.")
        if not 1 <= options["sampai_triwulan"] <= 4:
            raise CommandError("--sampai-triwulan harus 1–4.")
        existing = PerangkatDaerah.objects.filter(kode__startswith=PREFIX)
        if existing.exists():
            if not options["ganti"]:
                raise CommandError("Data sintetis sudah ada. Jalankan dengan --ganti untuk menggantinya.")
            self._hapus()
        started = time.monotonic()
        rng = random.Random(options["seed"])
        generator = Generator(rng, awal, akhir, options["sub_kegiatan"], options["sampai_triwulan"])
        for nomor in range(1, jumlah + 1):
            with transaction.atomic():
                generator.opd(nomor)
        # Written in bulk (no model signals): whatever derives state from the data must hear it.
        ditulis_massal.send(sender=self.__class__)
        self.stdout.write(
            f"{jumlah} OPD sintetis {awal}–{akhir} dibuat ({generator.rows} baris, "
            f"{time.monotonic() - started:.1f} detik)."
        )

    def _hapus(self):
        with transaction.atomic():
            opd = PerangkatDaerah.objects.filter(kode__startswith=PREFIX)
            Realisasi.objects.filter(indikator__opd__in=opd).delete()
            PerjanjianKinerja.objects.filter(opd__in=opd).delete()
            Indikator.objects.filter(opd__in=opd).delete()
            DpaSubKegiatan.objects.filter(opd__in=opd).delete()
            opd.delete()
            versi = VersiNomenklatur.objects.filter(kode=VERSI_KODE)
            SubKegiatan.objects.filter(kegiatan__program__bidang__urusan__versi__in=versi).delete()
            Kegiatan.objects.filter(program__bidang__urusan__versi__in=versi).delete()
            Program.objects.filter(bidang__urusan__versi__in=versi).delete()
            BidangUrusan.objects.filter(urusan__versi__in=versi).delete()
            Urusan.objects.filter(versi__in=versi).delete()
            versi.delete()


class Generator:
    def __init__(self, rng, awal, akhir, sub_kegiatan, sampai_triwulan):
        self.rng = rng
        self.tahun_list = list(range(awal, akhir + 1))
        self.sub_kegiatan = sub_kegiatan
        self.sampai_triwulan = sampai_triwulan
        self.rows = 0
        versi, _ = VersiNomenklatur.objects.get_or_create(
            kode=VERSI_KODE, defaults={"nama": "Nomenklatur sintetis (generate_city)", "tahun_mulai": 2000}
        )
        self.urusan, _ = Urusan.objects.get_or_create(
            versi=versi, kode="9", defaults={"nama": "Urusan sintetis"}
        )

    def _bulk(self, model, objs):
        created = model.objects.bulk_create(objs, batch_size=2000)
        self.rows += len(created)
        return created

    def _triwulan_terisi(self, tahun):
        return self.sampai_triwulan if tahun == self.tahun_list[-1] else 4

    def opd(self, nomor):
        rng = self.rng
        kode = f"{PREFIX}{nomor:02d}"
        nama = NAMA_OPD[(nomor - 1) % len(NAMA_OPD)]
        opd = PerangkatDaerah.objects.create(
            kode=kode, singkatan=kode, nama=f"{nama} (sintetis {nomor:02d})",
            kepala_nama=f"Kepala {nama}", kepala_nip=f"19700101 199001 1 {nomor:03d}",
        )
        # Each OPD performs at its own level; quarters and lines vary around it.
        kinerja = rng.uniform(0.6, 1.15)
        serap = rng.uniform(0.55, 1.0)
        units = self._bulk(UnitKerja, [
            UnitKerja(opd=opd, nama=nama_unit, urutan=i,
                      jenis=UnitKerja.Jenis.SEKRETARIAT if i == 0 else UnitKerja.Jenis.BIDANG)
            for i, nama_unit in enumerate(BIDANG)
        ])
        programs, subs_per_program = self._nomenklatur(opd, nomor, nama)
        sub_list = [s for subs in subs_per_program for s in subs]
        indikator = self._renstra(opd, programs, subs_per_program, units, kinerja)
        self._pk_dan_realisasi(opd, indikator, kinerja)
        self._anggaran(opd, sub_list, units, serap)
        self._akip_ikm(opd, kinerja)

    def _nomenklatur(self, opd, nomor, nama):
        rng = self.rng
        bidang = BidangUrusan.objects.create(
            urusan=self.urusan, kode=f"{nomor:02d}", nama=nama, kode_lengkap=f"9.{nomor:02d}"
        )
        programs = self._bulk(Program, [
            Program(bidang=bidang, kode=f"{i + 1:02d}", nama=nama_program,
                    kode_lengkap=f"{bidang.kode_lengkap}.{i + 1:02d}")
            for i, nama_program in enumerate(PROGRAM)
        ])
        total = max(len(PROGRAM), round(self.sub_kegiatan * rng.uniform(0.85, 1.15)))
        per_program = [max(1, round(total * p)) for p in PORSI_PROGRAM]
        kegiatan_objs, rencana = [], []
        for program, jumlah_sub in zip(programs, per_program, strict=True):
            jumlah_kegiatan = max(1, round(jumlah_sub / 4))
            for k in range(jumlah_kegiatan):
                kode_k = f"2.{k + 1:02d}"
                kegiatan_objs.append(Kegiatan(
                    program=program, kode=kode_k, nama=f"Kegiatan {k + 1} {program.nama[8:]}",
                    kode_lengkap=f"{program.kode_lengkap}.{kode_k}",
                ))
                rencana.append(jumlah_sub // jumlah_kegiatan + (1 if k < jumlah_sub % jumlah_kegiatan else 0))
        kegiatan_list = self._bulk(Kegiatan, kegiatan_objs)
        sub_objs = []
        for kegiatan, jumlah_sub in zip(kegiatan_list, rencana, strict=True):
            for s in range(jumlah_sub):
                kode_s = f"{s + 1:04d}"
                sub_objs.append(SubKegiatan(
                    kegiatan=kegiatan, kode=kode_s, nama=f"Sub kegiatan {s + 1} {kegiatan.nama[9:]}",
                    kode_lengkap=f"{kegiatan.kode_lengkap}.{kode_s}",
                ))
        sub_list = self._bulk(SubKegiatan, sub_objs)
        by_program = {p.pk: [] for p in programs}
        kegiatan_program = {k.pk: k.program_id for k in kegiatan_list}
        for sub in sub_list:
            by_program[kegiatan_program[sub.kegiatan_id]].append(sub)
        return programs, [by_program[p.pk] for p in programs]

    def _renstra(self, opd, programs, subs_per_program, units, kinerja):
        awal, akhir = self.tahun_list[0], self.tahun_list[-1]
        renstra = Renstra.objects.create(opd=opd, nama=f"Renstra {opd.nama} {awal}-{akhir}",
                                         tahun_awal=awal, tahun_akhir=akhir)
        tujuan = self._bulk(Tujuan, [
            Tujuan(renstra=renstra, urutan=1, uraian="Meningkatkan tata kelola pemerintahan yang baik"),
            Tujuan(renstra=renstra, urutan=2, uraian="Meningkatkan kualitas layanan kepada masyarakat"),
        ])
        sasaran = self._bulk(Sasaran, [
            Sasaran(tujuan=tujuan[0], urutan=1, uraian="Meningkatnya akuntabilitas kinerja dan kepuasan masyarakat"),
            Sasaran(tujuan=tujuan[1], urutan=2, uraian="Meningkatnya cakupan layanan"),
            Sasaran(tujuan=tujuan[1], urutan=3, uraian="Meningkatnya keberfungsian lembaga mitra"),
            Sasaran(tujuan=tujuan[1], urutan=4, uraian="Menurunnya waktu penanganan keadaan darurat"),
        ])
        through = Sasaran.program_pendukung.through
        links = [(0, 0), (1, 1), (1, 3), (2, 2), (3, 4), (3, 5)]
        self._bulk(through, [through(sasaran_id=sasaran[s].pk, program_id=programs[p].pk) for s, p in links])

        A = Indikator.Agregasi
        spec = [
            # (kode, nama, satuan, parent, jenis, agregasi, base target, yearly step)
            ("IKU-AKIP", "Nilai AKIP", "Predikat", {"sasaran": sasaran[0]}, "predikat", A.AKHIR_TAHUN, None, None),
            ("IKU-IKM", "Nilai Indeks Kepuasan Masyarakat", "Nilai", {"sasaran": sasaran[0]}, "angka",
             A.AKHIR_TAHUN, 80, 1),
            ("IKU-CAKUPAN", "Persentase penerima layanan yang tertangani", "Persen", {"sasaran": sasaran[1]},
             "angka", A.JUMLAH, 12, 1),
            ("IKU-MITRA", "Persentase lembaga mitra yang berfungsi", "Persen", {"sasaran": sasaran[2]},
             "angka", A.NILAI_AKHIR, 90, 2),
            ("IKU-DARURAT", "Persentase kejadian darurat yang ditangani dalam 24 jam", "Persen",
             {"sasaran": sasaran[3]}, "angka", A.NILAI_AKHIR, 85, 2),
        ]
        objs = []
        for urutan, (kode, nama, satuan, parent, jenis, agregasi, _b, _s) in enumerate(spec, start=1):
            objs.append(Indikator(opd=opd, kode=kode, nama=nama, satuan=satuan, is_iku=True, jenis_nilai=jenis,
                                  agregasi=agregasi, urutan=urutan, penanggung_jawab=units[urutan % len(units)],
                                  **parent))
        for i, program in enumerate(programs):
            spec.append((f"PRG-{program.kode}", None, None, None, "angka", A.NILAI_AKHIR, 80 + i * 2, 1))
            objs.append(Indikator(opd=opd, kode=f"PRG-{program.kode}", program=program, satuan="Persen",
                                  nama=f"Persentase capaian sasaran {program.nama[8:].lower()}",
                                  agregasi=A.NILAI_AKHIR, urutan=10 + i,
                                  penanggung_jawab=units[i % len(units)]))
        for i, subs in enumerate(subs_per_program):
            for sub in subs:
                jumlah = self.rng.random() < 0.5
                spec.append((f"SUB-{sub.kode_lengkap}", None, None, None, "angka",
                             A.JUMLAH if jumlah else A.NILAI_AKHIR,
                             self.rng.randint(20, 400) if jumlah else 100, 0))
                objs.append(Indikator(opd=opd, kode=f"SUB-{sub.kode_lengkap}", sub_kegiatan=sub,
                                      nama=f"Jumlah layanan {sub.nama.lower()}" if jumlah
                                      else f"Persentase layanan {sub.nama.lower()} sesuai standar",
                                      satuan="Layanan" if jumlah else "Persen",
                                      agregasi=A.JUMLAH if jumlah else A.NILAI_AKHIR, urutan=100,
                                      # every indicator has a unit that reports it (its program's unit)
                                      penanggung_jawab=units[i % len(units)]))
        indikator = self._bulk(Indikator, objs)
        targets = []
        self.target = {}
        for ind, item in zip(indikator, spec, strict=True):
            base, step = item[6], item[7]
            for k, tahun in enumerate(self.tahun_list):
                if ind.is_predikat:
                    targets.append(Target(indikator=ind, tahun=tahun, predikat="BB"))
                    continue
                nilai = d(min(Decimal(base) + Decimal(step) * k, Decimal(100)) if ind.satuan != "Layanan"
                          else Decimal(base) + Decimal(step) * k)
                self.target[(ind.pk, tahun)] = nilai
                targets.append(Target(indikator=ind, tahun=tahun, nilai=nilai))
        self._bulk(Target, targets)
        return indikator

    def _pk_dan_realisasi(self, opd, indikator, kinerja):
        rng = self.rng
        A = Indikator.Agregasi
        in_pk = [i for i in indikator if i.is_iku or i.program_id]
        pks = self._bulk(PerjanjianKinerja, [
            PerjanjianKinerja(opd=opd, tahun=tahun, status=PerjanjianKinerja.Status.DITETAPKAN,
                              pihak_pertama_nama=opd.kepala_nama, pihak_pertama_jabatan=f"Kepala {opd.nama}")
            for tahun in self.tahun_list
        ])
        pk_items = []
        for pk in pks:
            for urutan, ind in enumerate(in_pk, start=1):
                if ind.is_predikat:
                    pk_items.append(PkIndikator(perjanjian=pk, indikator=ind, predikat="BB", urutan=urutan))
                else:
                    pk_items.append(PkIndikator(perjanjian=pk, indikator=ind, urutan=urutan,
                                                nilai=self.target[(ind.pk, pk.tahun)]))
        pk_items = self._bulk(PkIndikator, pk_items)
        tw_targets = []
        for item in pk_items:
            ind = next(i for i in in_pk if i.pk == item.indikator_id)
            if ind.agregasi == A.AKHIR_TAHUN:
                tw_targets.append(TargetTriwulan(pk_indikator=item, triwulan=4, nilai=item.nilai,
                                                 predikat=item.predikat))
            elif ind.agregasi == A.JUMLAH:
                # The plan is back-loaded, as services are delivered through the year.
                shares = [Decimal("0.1"), Decimal("0.25"), Decimal("0.3")]
                parts = [d(item.nilai * s) for s in shares]
                parts.append(item.nilai - sum(parts))
                tw_targets += [TargetTriwulan(pk_indikator=item, triwulan=tw + 1, nilai=v)
                               for tw, v in enumerate(parts)]
            else:
                tw_targets += [TargetTriwulan(pk_indikator=item, triwulan=tw, nilai=item.nilai)
                               for tw in range(1, 5)]
        self._bulk(TargetTriwulan, tw_targets)

        realisasi = []
        for tahun in self.tahun_list:
            terisi = self._triwulan_terisi(tahun)
            terakhir = tahun == self.tahun_list[-1]
            status = Realisasi.Status.DIAJUKAN if terakhir else Realisasi.Status.DIVERIFIKASI
            for ind in indikator:
                level = kinerja * rng.uniform(0.85, 1.1)
                for tw in range(1, terisi + 1):
                    if terakhir and tw == terisi and rng.random() < 0.08:
                        continue  # some units have not reported the latest quarter yet
                    if ind.agregasi == A.AKHIR_TAHUN:
                        if tw != 4:
                            continue
                        if ind.is_predikat:
                            rank = max(0, min(5, 3 + round((level - 1) * 6)))
                            realisasi.append(Realisasi(indikator=ind, tahun=tahun, triwulan=4,
                                                       predikat=PREDIKAT[rank], status=status))
                            continue
                    target = self.target[(ind.pk, tahun)]
                    if ind.agregasi == A.JUMLAH:
                        share = [Decimal("0.1"), Decimal("0.25"), Decimal("0.3"), Decimal("0.35")][tw - 1]
                        nilai = target * share * Decimal(str(round(level * rng.uniform(0.9, 1.1), 3)))
                    else:
                        nilai = min(target * Decimal(str(round(level * rng.uniform(0.95, 1.05), 3))),
                                    Decimal(100)) if ind.satuan != "Layanan" else target
                    realisasi.append(Realisasi(indikator=ind, tahun=tahun, triwulan=tw, nilai=d(nilai),
                                               status=status))
        self._bulk(Realisasi, realisasi)

    def _anggaran(self, opd, sub_list, units, serap):
        rng = self.rng
        lines = []
        for tahun in self.tahun_list:
            # Past years went through the APBD-P (every line has a pagu perubahan, often
            # unchanged); the year in progress has only its pagu murni so far.
            berjalan = tahun == self.tahun_list[-1]
            for i, sub in enumerate(sub_list):
                murni = Decimal(rng.randint(50, 2500) * 1_000_000)
                perubahan = None
                if not berjalan:
                    perubahan = murni if rng.random() < 0.6 else murni + Decimal(rng.randint(-20, 40) * 1_000_000)
                lines.append(DpaSubKegiatan(opd=opd, tahun=tahun, sub_kegiatan=sub, pagu_murni=murni,
                                            pagu_perubahan=perubahan, unit_kerja=units[i % len(units)],
                                            sumber_dana="DAU"))
        lines = self._bulk(DpaSubKegiatan, lines)
        kas, realisasi = [], []
        plan = [Decimal("0.15"), Decimal("0.25"), Decimal("0.25")]
        for line in lines:
            pagu = line.pagu
            parts = [(pagu * p).quantize(Decimal(1)) for p in plan]
            parts.append(pagu - sum(parts))  # the last quarter takes the remainder: Σ kas = pagu exactly
            kas += [AnggaranKas(dpa=line, triwulan=tw + 1, jumlah=v) for tw, v in enumerate(parts)]
            level = serap * rng.uniform(0.85, 1.08)
            for tw in range(1, self._triwulan_terisi(line.tahun) + 1):
                jumlah = (parts[tw - 1] * Decimal(str(round(min(level, 1.0), 3)))).quantize(Decimal(1))
                realisasi.append(RealisasiAnggaran(dpa=line, triwulan=tw, jumlah=jumlah))
        self._bulk(AnggaranKas, kas)
        self._bulk(RealisasiAnggaran, realisasi)

    def _akip_ikm(self, opd, kinerja):
        rng = self.rng
        evaluasi, survei = [], []
        for tahun in self.tahun_list:
            nilai_akip = d(min(Decimal(95), Decimal(str(round(60 + kinerja * 15 + rng.uniform(-3, 3), 2)))))
            evaluasi.append(EvaluasiAkip(opd=opd, tahun_lhe=tahun, tahun_dievaluasi=tahun - 1, nilai=nilai_akip,
                                         nomor_lhe=f"700/{rng.randint(100, 999)}/Inspektorat"))
            nilai_ikm = d(min(Decimal(98), Decimal(str(round(70 + kinerja * 12 + rng.uniform(-4, 4), 2)))))
            survei.append(SurveiKepuasan(opd=opd, tahun=tahun, periode=f"Tahun {tahun}",
                                         jumlah_responden=rng.randint(150, 900), nilai_ikm=nilai_ikm))
        self._bulk(EvaluasiAkip, evaluasi)
        self._bulk(SurveiKepuasan, survei)
