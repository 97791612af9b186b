"""A bigger copy of an OPD, for benchmarks: every performance and budget row of the source, k times.

    python manage.py gandakan_opd --opd DINSOS --kode BENCH-2X --faktor 2 [--ganti]

The copy (a new PerangkatDaerah) holds, for each of the k copies (c = 1..k):
each tujuan and sasaran of every Renstra with their indicators and targets,
every program/kegiatan/sub-kegiatan indicator, every indicator realisasi,
every PK row with its triwulan targets, every DPA line with its anggaran kas
and budget realisasi, every program-level aggregate budget figure and every
per-IKU LKIP analysis. Copy 1 uses the source's own nomenclature (a new OPD
may hold the same sub-kegiatan); copies 2..k use a cloned program →
kegiatan → sub-kegiatan nomenclature in a version of their own
(``klon<c>-<source version>``, tahun_mulai 2000 so that VersiNomenklatur.for_tahun() never
picks it), with the program code moved up by 50 so the tables keep the rows
apart. Names of copies 2..k end in "(salinan c)".

What an OPD has once whatever its size is copied once: the units, the PK
header of each year, the AKIP evaluation with its components, the
satisfaction survey with its unsur, the LKIP header and its narrative
sections. An OPD-level aggregate budget figure is multiplied by k. Renja
records and input windows are not copied (the LKIP does not read them).

Rows are written with bulk_create (no audit-trail rows: this is not user
work) and every field is copied, so a field added to a model later is copied
too. A model added later that hangs off the OPD is not: add it here.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anggaran.models import (
    AnggaranAgregat,
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
from evaluasi.models import EvaluasiAkip, KomponenAkip, SurveiKepuasan, UnsurSkm
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
from lkip.models import AnalisisIku, BagianLkip, Lkip, VersiTerbit
from portal.models import PerangkatDaerah, UnitKerja
from portal.perintah import opd_dari_argumen
from portal.teks import alasan_teks_kolom

GESER_KODE_PROGRAM = 50


def salin(obj, **ganti):
    """An unsaved copy of a row: every concrete field but the primary key, with `ganti` (attnames) applied."""
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    data.update(ganti)
    return type(obj)(**data)


def label_salinan(teks, c, max_length):
    """The name of copy c (1 = the original wording)."""
    if c == 1:
        return teks
    akhiran = f" (salinan {c})"
    return teks[: max_length - len(akhiran)] + akhiran


def kode_salinan(kode, c, max_length):
    if c == 1:
        return kode
    akhiran = f"~{c}"
    return kode[: max_length - len(akhiran)] + akhiran


def hapus_opd(opd):
    """Delete an OPD made by gandakan_opd with everything under it (PROTECT links first)."""
    with transaction.atomic():
        lkip = Lkip.objects.filter(opd=opd)
        VersiTerbit.objects.filter(lkip__in=lkip).delete()  # queryset delete: the model refuses one by one
        AnalisisIku.objects.filter(lkip__in=lkip).delete()
        lkip.delete()
        Realisasi.objects.filter(indikator__opd=opd).delete()
        PerjanjianKinerja.objects.filter(opd=opd).delete()
        Indikator.objects.filter(opd=opd).delete()
        DpaSubKegiatan.objects.filter(opd=opd).delete()
        AnggaranAgregat.objects.filter(opd=opd).delete()
        opd.delete()


class Nomenklatur:
    """Program → kegiatan → sub-kegiatan of copy c: the source's own for c = 1, a cloned tree otherwise."""

    def __init__(self, c):
        self.c = c
        self.program, self.kegiatan, self.sub_kegiatan = {}, {}, {}

    def versi(self, asal):
        """The cloned version of a source version (one per source version, so two versions never merge)."""
        versi, _ = VersiNomenklatur.objects.get_or_create(
            kode=f"klon{self.c}-{asal.kode}"[:40],
            defaults={"nama": f"Salinan {self.c} {asal.nama} (gandakan_opd, hanya benchmark)"[:200],
                      "tahun_mulai": 2000},
        )
        return versi

    def program_id(self, program_id):
        if program_id is None or self.c == 1:
            return program_id
        if program_id not in self.program:
            asal = Program.objects.select_related("bidang__urusan__versi").get(pk=program_id)
            urusan_asal = asal.bidang.urusan
            urusan, _ = Urusan.objects.get_or_create(
                versi=self.versi(urusan_asal.versi), kode=urusan_asal.kode, defaults={"nama": urusan_asal.nama})
            bidang, _ = BidangUrusan.objects.get_or_create(
                urusan=urusan, kode=asal.bidang.kode, defaults={"nama": asal.bidang.nama})
            kode = asal.kode
            if kode.isdigit() and int(kode) + GESER_KODE_PROGRAM < 100:
                kode = f"{int(kode) + GESER_KODE_PROGRAM:02d}"
            program, _ = Program.objects.get_or_create(
                bidang=bidang, kode=kode, defaults={"nama": label_salinan(asal.nama, self.c, 300)})
            self.program[program_id] = program.pk
        return self.program[program_id]

    def kegiatan_id(self, kegiatan_id):
        if kegiatan_id is None or self.c == 1:
            return kegiatan_id
        if kegiatan_id not in self.kegiatan:
            asal = Kegiatan.objects.get(pk=kegiatan_id)
            kegiatan, _ = Kegiatan.objects.get_or_create(
                program_id=self.program_id(asal.program_id), kode=asal.kode,
                defaults={"nama": label_salinan(asal.nama, self.c, 300)})
            self.kegiatan[kegiatan_id] = kegiatan.pk
        return self.kegiatan[kegiatan_id]

    def sub_kegiatan_id(self, sub_id):
        if sub_id is None or self.c == 1:
            return sub_id
        if sub_id not in self.sub_kegiatan:
            asal = SubKegiatan.objects.get(pk=sub_id)
            sub, _ = SubKegiatan.objects.get_or_create(
                kegiatan_id=self.kegiatan_id(asal.kegiatan_id), kode=asal.kode,
                defaults={"nama": label_salinan(asal.nama, self.c, 400), "kode_lama": asal.kode_lama})
            self.sub_kegiatan[sub_id] = sub.pk
        return self.sub_kegiatan[sub_id]


def gandakan_opd(sumber, *, kode, singkatan=None, nama=None, faktor=2):
    """Create an OPD `faktor` times the size of `sumber` (see the module docstring); returns it."""
    if faktor < 1:
        raise ValueError("faktor harus ≥ 1")
    with transaction.atomic():
        opd = salin(sumber, kode=kode, singkatan=singkatan or kode,
                    nama=nama or f"{sumber.nama} (×{faktor}, benchmark)")
        opd.save()
        unit = _salin_unit(sumber, opd)
        nomen = {c: Nomenklatur(c) for c in range(1, faktor + 1)}
        tujuan, sasaran = _salin_renstra(sumber, opd, nomen)
        indikator = _salin_indikator(sumber, opd, nomen, tujuan, sasaran, unit)
        _salin_nilai(sumber, indikator, faktor)
        _salin_pk(sumber, opd, indikator, faktor)
        _salin_anggaran(sumber, opd, nomen, unit, faktor)
        _salin_sekali(sumber, opd)
        _salin_lkip(sumber, opd, indikator, faktor)
    return opd


def _salin_unit(sumber, opd):
    peta = {}
    sisa = list(UnitKerja.objects.filter(opd=sumber).order_by("pk"))
    while sisa:  # parents before their children
        siap = [u for u in sisa if u.induk_id is None or u.induk_id in peta]
        if not siap:
            raise CommandError("Unit kerja sumber membentuk siklus induk.")
        for u in siap:
            baru = salin(u, opd_id=opd.pk, induk_id=peta.get(u.induk_id))
            baru.save()
            peta[u.pk] = baru.pk
        sisa = [u for u in sisa if u.pk not in peta]
    return peta


def _salin_renstra(sumber, opd, nomen):
    """Each Renstra once; each of its tujuan (with sasaran) once per copy, numbered after the originals."""
    tujuan_peta = {c: {} for c in nomen}
    sasaran_peta = {c: {} for c in nomen}
    for renstra in Renstra.objects.filter(opd=sumber):
        baru = salin(renstra, opd_id=opd.pk)
        baru.save()
        tujuan_list = list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "pk"))
        geser = max((t.urutan for t in tujuan_list), default=0)
        for c in nomen:
            for t in tujuan_list:
                t_baru = salin(t, renstra_id=baru.pk, urutan=t.urutan + geser * (c - 1),
                               uraian=label_salinan(t.uraian, c, 10_000))
                t_baru.save()
                tujuan_peta[c][t.pk] = t_baru.pk
                for s in Sasaran.objects.filter(tujuan=t).prefetch_related("program_pendukung"):
                    s_baru = salin(s, tujuan_id=t_baru.pk, uraian=label_salinan(s.uraian, c, 10_000))
                    s_baru.save()
                    s_baru.program_pendukung.set([nomen[c].program_id(p.pk) for p in s.program_pendukung.all()])
                    sasaran_peta[c][s.pk] = s_baru.pk
    return tujuan_peta, sasaran_peta


def _salin_indikator(sumber, opd, nomen, tujuan, sasaran, unit):
    peta = {c: {} for c in nomen}
    asal = list(Indikator.objects.filter(opd=sumber).order_by("pk"))
    for c, n in nomen.items():
        baru = [
            salin(i, opd_id=opd.pk, kode=kode_salinan(i.kode, c, 60), nama=label_salinan(i.nama, c, 400),
                  tujuan_id=tujuan[c].get(i.tujuan_id), sasaran_id=sasaran[c].get(i.sasaran_id),
                  program_id=n.program_id(i.program_id), kegiatan_id=n.kegiatan_id(i.kegiatan_id),
                  sub_kegiatan_id=n.sub_kegiatan_id(i.sub_kegiatan_id),
                  penanggung_jawab_id=unit.get(i.penanggung_jawab_id))
            for i in asal
        ]
        for lama, b in zip(asal, Indikator.objects.bulk_create(baru), strict=True):
            peta[c][lama.pk] = b.pk
    return peta


def _salin_nilai(sumber, indikator, faktor):
    targets = list(Target.objects.filter(indikator__opd=sumber))
    realisasi = list(Realisasi.objects.filter(indikator__opd=sumber))
    for c in range(1, faktor + 1):
        Target.objects.bulk_create([salin(t, indikator_id=indikator[c][t.indikator_id]) for t in targets])
        Realisasi.objects.bulk_create(
            [salin(r, indikator_id=indikator[c][r.indikator_id], bukti="") for r in realisasi])


def _salin_pk(sumber, opd, indikator, faktor):
    # The positions' agreements stay with the source: the copy has no positions.
    revisi = {}
    for pk in PerjanjianKinerja.objects.tingkat_opd().filter(opd=sumber).order_by("revisi_ke", "pk"):
        baru = salin(pk, opd_id=opd.pk, revisi_dari_id=revisi.get(pk.revisi_dari_id))
        baru.save()
        revisi[pk.pk] = baru.pk
        items = list(PkIndikator.objects.filter(perjanjian=pk).prefetch_related("triwulan").order_by("urutan", "pk"))
        geser = max((i.urutan for i in items), default=0) + 1
        for c in range(1, faktor + 1):
            for item in items:  # one by one: the triwulan rows need the new key
                i_baru = salin(item, perjanjian_id=baru.pk, indikator_id=indikator[c][item.indikator_id],
                               urutan=item.urutan + geser * (c - 1))
                i_baru.save()
                TargetTriwulan.objects.bulk_create(
                    [salin(t, pk_indikator_id=i_baru.pk) for t in item.triwulan.all()])


def _salin_anggaran(sumber, opd, nomen, unit, faktor):
    dpa_list = list(DpaSubKegiatan.objects.filter(opd=sumber).prefetch_related("anggaran_kas", "realisasi"))
    for n in nomen.values():
        baru = DpaSubKegiatan.objects.bulk_create([
            salin(d, opd_id=opd.pk, sub_kegiatan_id=n.sub_kegiatan_id(d.sub_kegiatan_id),
                  unit_kerja_id=unit.get(d.unit_kerja_id))
            for d in dpa_list
        ])
        kas, realisasi = [], []
        for lama, b in zip(dpa_list, baru, strict=True):
            kas += [salin(k, dpa_id=b.pk) for k in lama.anggaran_kas.all()]
            realisasi += [salin(r, dpa_id=b.pk) for r in lama.realisasi.all()]
        AnggaranKas.objects.bulk_create(kas)
        RealisasiAnggaran.objects.bulk_create(realisasi)
    agregat = []
    for a in AnggaranAgregat.objects.filter(opd=sumber):
        if a.program_id is None:  # a figure for the whole OPD: the bigger OPD has k times it
            agregat.append(salin(a, opd_id=opd.pk, **{
                name: None if getattr(a, name) is None else getattr(a, name) * faktor
                for name in ("pagu_murni", "pagu_perubahan", "realisasi")}))
        else:
            agregat += [salin(a, opd_id=opd.pk, program_id=nomen[c].program_id(a.program_id)) for c in nomen]
    AnggaranAgregat.objects.bulk_create(agregat)


def _salin_sekali(sumber, opd):
    """What an OPD has once: its AKIP evaluations and satisfaction surveys."""
    for e in EvaluasiAkip.objects.filter(opd=sumber).prefetch_related("komponen"):
        baru = salin(e, opd_id=opd.pk)
        baru.save()
        KomponenAkip.objects.bulk_create([salin(k, evaluasi_id=baru.pk) for k in e.komponen.all()])
    for s in SurveiKepuasan.objects.filter(opd=sumber).prefetch_related("unsur"):
        baru = salin(s, opd_id=opd.pk)
        baru.save()
        UnsurSkm.objects.bulk_create([salin(u, survei_id=baru.pk) for u in s.unsur.all()])


def _salin_lkip(sumber, opd, indikator, faktor):
    for lkip in Lkip.objects.filter(opd=sumber):
        baru = salin(lkip, opd_id=opd.pk)
        baru.save()
        BagianLkip.objects.bulk_create([salin(b, lkip_id=baru.pk) for b in BagianLkip.objects.filter(lkip=lkip)])
        analisis = list(AnalisisIku.objects.filter(lkip=lkip))
        AnalisisIku.objects.bulk_create([
            salin(a, lkip_id=baru.pk, indikator_id=indikator[c][a.indikator_id])
            for c in range(1, faktor + 1) for a in analisis
        ])


class Command(BaseCommand):
    help = "Membuat salinan perangkat daerah dengan semua baris kinerja dan anggaran dikali FAKTOR (benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="Kode atau singkatan perangkat daerah sumber.")
        parser.add_argument("--kode", required=True, help="Kode (dan singkatan) perangkat daerah baru.")
        parser.add_argument("--faktor", type=int, default=2)
        parser.add_argument("--ganti", action="store_true", help="Hapus lebih dulu salinan lama dengan kode ini.")

    def handle(self, *args, opd, kode, faktor, ganti, **options):
        if faktor < 1:
            raise CommandError("--faktor harus ≥ 1.")
        # The new OPD's kode is also its singkatan: both columns' rules, with the form's message.
        pesan = next(filter(None, (alasan_teks_kolom(PerangkatDaerah, f, kode) for f in ("kode", "singkatan"))), None)
        if pesan:
            raise CommandError(f"--kode: {pesan}")
        sumber = opd_dari_argumen(opd)
        lama = PerangkatDaerah.objects.filter(kode=kode).first()
        if lama is not None:
            if not ganti:
                raise CommandError(f"Perangkat daerah {kode} sudah ada. Jalankan dengan --ganti untuk menggantinya.")
            hapus_opd(lama)
        baru = gandakan_opd(sumber, kode=kode, faktor=faktor)
        self.stdout.write(self.style.SUCCESS(f"{baru.nama} ({baru.kode}) dibuat dari {sumber.nama}."))
