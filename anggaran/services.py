"""Budget arithmetic: serapan, efisiensi and the roll-up sub-kegiatan → kegiatan → program → OPD.

Every total is a sum of DPA lines computed here, in one pass over a fixed
number of queries, and every page, spreadsheet and PDF reads it from here.
A figure the source gives only at an aggregate level (AnggaranAgregat) is
used for that level only where there are no lines below it to sum.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from anggaran.models import AnggaranAgregat, AnggaranKas, DpaSubKegiatan, RealisasiAnggaran

SERATUS = Decimal(100)
NOL = Decimal(0)


def serapan(realisasi, pagu):
    """Serapan anggaran (%) = realisasi / pagu × 100, exact; None when either is unknown or pagu is 0."""
    if realisasi is None or not pagu:
        return None
    return realisasi / pagu * SERATUS


def efisiensi(serapan_persen, capaian_kinerja):
    """Tingkat efisiensi as the LKIP uses it: 100 − serapan, stated where capaian reached 100%."""
    if serapan_persen is None or capaian_kinerja is None or capaian_kinerja < SERATUS:
        return None
    return SERATUS - serapan_persen


def _sum_known(values):
    """Sum of the known values; None when none is known (a blank is not a zero)."""
    known = [v for v in values if v is not None]
    return sum(known, NOL) if known else None


def _sum_all(values):
    """Sum only when every value is known, else None."""
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return sum(values, NOL)


@dataclass
class BarisAnggaran:
    """One row of the budget tree: a sub-kegiatan, kegiatan, program or the OPD."""

    level: str
    kode: str
    nama: str
    pagu_murni: Decimal | None = None
    pagu_perubahan: Decimal | None = None
    kas: list = field(default_factory=lambda: [None, None, None, None])
    realisasi_tw: list = field(default_factory=lambda: [None, None, None, None])
    realisasi: Decimal | None = None
    anak: list = field(default_factory=list)
    dpa: DpaSubKegiatan | None = None
    obj: object = None
    sumber_agregat: bool = False

    @property
    def pagu(self):
        return self.pagu_perubahan if self.pagu_perubahan is not None else self.pagu_murni

    @property
    def kas_total(self):
        return _sum_all(self.kas)

    @property
    def selisih_kas(self):
        """Anggaran kas TW I..IV minus pagu; 0 when they agree (LKIP Tabel 2.4 "selisih")."""
        total = self.kas_total
        return None if total is None or self.pagu is None else total - self.pagu

    @property
    def serapan(self):
        return serapan(self.realisasi, self.pagu)

    def realisasi_sd(self, triwulan):
        """Realisasi up to and including a triwulan (None if no quarter of it is known)."""
        return _sum_known(self.realisasi_tw[:triwulan])

    def kas_sd(self, triwulan):
        return _sum_known(self.kas[:triwulan])

    def iter_rows(self):
        """This row then every row below it, depth first (the order tables print)."""
        yield self
        for child in self.anak:
            yield from child.iter_rows()


def _baris_dpa(dpa):
    kas = [None, None, None, None]
    for item in dpa.anggaran_kas.all():
        kas[item.triwulan - 1] = item.jumlah
    realisasi_tw = [None, None, None, None]
    tahunan = None
    for item in dpa.realisasi.all():
        if item.triwulan:
            realisasi_tw[item.triwulan - 1] = item.jumlah
        else:
            tahunan = item.jumlah
    quarterly = _sum_known(realisasi_tw)
    sub = dpa.sub_kegiatan
    return BarisAnggaran(
        level="sub_kegiatan",
        kode=sub.kode_lengkap,
        nama=sub.nama,
        pagu_murni=dpa.pagu_murni,
        pagu_perubahan=dpa.pagu_perubahan,
        kas=kas,
        realisasi_tw=realisasi_tw,
        realisasi=quarterly if quarterly is not None else tahunan,
        dpa=dpa,
        obj=sub,
    )


def _roll_up(row):
    """Fill a parent row's figures from its children."""
    children = row.anak
    row.pagu_murni = _sum_all(c.pagu_murni for c in children)
    row.pagu_perubahan = _sum_all(c.pagu_perubahan for c in children)
    row.kas = [_sum_all(c.kas[i] for c in children) for i in range(4)]
    row.realisasi_tw = [_sum_known(c.realisasi_tw[i] for c in children) for i in range(4)]
    row.realisasi = _sum_known(c.realisasi for c in children)


def dpa_queryset(opd, tahun):
    return (
        DpaSubKegiatan.objects.filter(opd=opd, tahun=tahun)
        .select_related("sub_kegiatan__kegiatan__program", "unit_kerja")
        .prefetch_related(
            Prefetch("anggaran_kas", queryset=AnggaranKas.objects.order_by("triwulan")),
            Prefetch("realisasi", queryset=RealisasiAnggaran.objects.order_by("triwulan")),
        )
        .order_by("sub_kegiatan__kode_lengkap")
    )


def anggaran_opd(opd, tahun):
    """The budget tree of an OPD in a year: the OPD row with programs → kegiatan → sub-kegiatan.

    Four queries whatever the number of lines.
    """
    programs = {}
    kegiatans = {}
    for dpa in dpa_queryset(opd, tahun):
        sub_row = _baris_dpa(dpa)
        kegiatan = dpa.sub_kegiatan.kegiatan
        program = kegiatan.program
        if program.pk not in programs:
            programs[program.pk] = BarisAnggaran("program", program.kode_lengkap, program.nama, obj=program)
        if kegiatan.pk not in kegiatans:
            kegiatans[kegiatan.pk] = BarisAnggaran(
                "kegiatan", kegiatan.kode_lengkap, kegiatan.nama, obj=kegiatan
            )
            programs[program.pk].anak.append(kegiatans[kegiatan.pk])
        kegiatans[kegiatan.pk].anak.append(sub_row)

    for row in kegiatans.values():
        _roll_up(row)
    for row in programs.values():
        _roll_up(row)

    agregat = list(
        AnggaranAgregat.objects.filter(opd=opd, tahun=tahun).select_related("program")
    )
    for item in agregat:
        if item.program_id is None:
            continue
        row = programs.get(item.program_id)
        if row is None:
            row = BarisAnggaran("program", item.program.kode_lengkap, item.program.nama, obj=item.program)
            programs[item.program_id] = row
        _apply_agregat(row, item)

    opd_row = BarisAnggaran("opd", opd.kode, opd.nama, obj=opd)
    opd_row.anak = sorted(programs.values(), key=lambda r: r.kode)
    _roll_up(opd_row)
    for item in agregat:
        if item.program_id is None:
            _apply_agregat(opd_row, item, override=True)
    return opd_row


def _apply_agregat(row, item, override=False):
    """Use an aggregate-level figure where the rows below cannot give it.

    With override (an OPD-level figure), the recorded figure is the OPD's
    total: the source gives it because the rows below are not all recorded.
    """
    for name in ("pagu_murni", "pagu_perubahan", "realisasi"):
        recorded = getattr(item, name)
        if recorded is not None and (override or getattr(row, name) is None):
            setattr(row, name, recorded)
            row.sumber_agregat = True


def anggaran_program(opd_row, programs):
    """Pagu and realisasi of a set of programs (the programs supporting an IKU), summed."""
    wanted = {p.pk for p in programs}
    rows = [r for r in opd_row.anak if r.obj is not None and r.obj.pk in wanted]
    total = BarisAnggaran("kelompok", "", "Jumlah", anak=rows)
    _roll_up(total)
    return total


def dpa_simpan_triwulan(*, dpa, versi, kas=None, realisasi=None, reason=None):
    """Save a DPA line's quarters (anggaran kas and/or realisasi), refusing a stale form.

    One form edits the four quarters of a line together, so the line's own
    version guards them: the line is bumped without a save (its fields did
    not change, so its audit trail gets no empty entry) and only the quarters
    whose amount changed are saved, each with its own history record.
    `kas` / `realisasi` map triwulan -> Decimal or None (None removes the
    figure: a blank is absent, not zero).
    """
    from django.db import transaction
    from django.db.models import F

    from portal.models import EditConflict

    with transaction.atomic():
        updated = DpaSubKegiatan.objects.filter(pk=dpa.pk, versi=versi).update(versi=F("versi") + 1)
        if not updated:
            raise EditConflict()
        dpa.versi = versi + 1
        for model, values in ((AnggaranKas, kas), (RealisasiAnggaran, realisasi)):
            if values is None:
                continue
            existing = {row.triwulan: row for row in model.objects.filter(dpa=dpa, triwulan__isnull=False)}
            for triwulan, jumlah in values.items():
                row = existing.get(triwulan)
                if jumlah is None:
                    if row is not None:
                        row._change_reason = reason
                        row.delete()
                    continue
                if row is None:
                    row = model(dpa=dpa, triwulan=triwulan, jumlah=jumlah)
                elif row.jumlah == jumlah:
                    continue
                else:
                    row.versi += 1
                row.jumlah = jumlah
                row._change_reason = reason
                row.save()
    return dpa


def baris_dpa(dpa):
    """The figures of one DPA line (pagu, kas and realisasi per triwulan, serapan)."""
    return _baris_dpa(dpa)
