"""Budget figures: serapan, efisiensi and the roll-up sub-kegiatan → kegiatan → program → OPD.

Every total is a sum of DPA lines computed here, in a fixed number of
queries, and every page, spreadsheet and PDF reads it from here. Two paths
give the same figures: `anggaran_opd` builds a row per DPA line (the tables
of the documents), `anggaran_per_opd` sums in the database by OPD and
program (the dashboards and the city overview); both apply the same roll-up
and the same rule for figures recorded only at program or OPD level, and
tests compare them. A figure the source gives only at an aggregate level
(AnggaranAgregat) is used for that level only where there are no lines
below it to sum.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Sum

from anggaran.models import AnggaranAgregat, AnggaranKas, DpaSubKegiatan, Program, RealisasiAnggaran
from portal.angka import bulatkan

SERATUS = Decimal(100)
NOL = Decimal(0)


def serapan(realisasi, pagu):
    """Serapan anggaran (%) = realisasi / pagu × 100, exact; None when either is unknown or pagu is 0."""
    if realisasi is None or not pagu:
        return None
    return realisasi / pagu * SERATUS


def efisiensi(serapan_persen, capaian_kinerja):
    """Tingkat efisiensi as the LKIP uses it: 100 − serapan, stated where capaian reached 100%."""
    # Compared as printed (2 decimals, half-up): a capaian shown as 100,00 has reached 100.
    if serapan_persen is None or capaian_kinerja is None or bulatkan(capaian_kinerja, 2) < SERATUS:
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
    # False when a line below has no realisasi recorded: the sum is then of the
    # lines that have one, and must be shown as incomplete, not as the total.
    realisasi_lengkap: bool = True

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


def baris_dpa(dpa):
    """The figures of one DPA line (pagu, kas and realisasi per triwulan, serapan)."""
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
        realisasi_lengkap=quarterly is not None or tahunan is not None,
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
    row.realisasi_lengkap = bool(children) and all(c.realisasi_lengkap for c in children)


def dpa_queryset(opd, tahun, unit_kerja_id=None):
    """The DPA lines of an OPD's year, or of one unit's (an operator sees only its own)."""
    lines = DpaSubKegiatan.objects.filter(opd=opd, tahun=tahun)
    if unit_kerja_id is not None:
        lines = lines.filter(unit_kerja_id=unit_kerja_id)
    return (
        lines
        .select_related("sub_kegiatan__kegiatan__program", "unit_kerja")
        .prefetch_related(
            Prefetch("anggaran_kas", queryset=AnggaranKas.objects.order_by("triwulan")),
            Prefetch("realisasi", queryset=RealisasiAnggaran.objects.order_by("triwulan")),
        )
        .order_by("sub_kegiatan__kode_lengkap")
    )


def anggaran_opd(opd, tahun, unit_kerja_id=None):
    """The budget tree of an OPD in a year: the OPD row with programs → kegiatan → sub-kegiatan.

    With `unit_kerja_id`, only that unit's lines; figures recorded for a whole
    program or the OPD are then left out, since they are not the unit's.
    Four queries whatever the number of lines.
    """
    programs = {}
    kegiatans = {}
    for dpa in dpa_queryset(opd, tahun, unit_kerja_id):
        sub_row = baris_dpa(dpa)
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

    agregat = [] if unit_kerja_id is not None else list(
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
    """Use an aggregate-level figure where the rows below cannot give it (missing or partial).

    With override (an OPD-level figure), the recorded figure is the OPD's
    total: the source gives it because the rows below are not all recorded.
    """
    for name in ("pagu_murni", "pagu_perubahan", "realisasi"):
        recorded = getattr(item, name)
        if recorded is None:
            continue
        # A sum of only some of the lines is not the program's realisasi; the figure
        # recorded for the program is (LKIP 2023 gives some programs only as a whole).
        partial = name == "realisasi" and not row.realisasi_lengkap
        if override or getattr(row, name) is None or partial:
            setattr(row, name, recorded)
            row.sumber_agregat = True
            if name == "realisasi":
                row.realisasi_lengkap = True


def anggaran_program(opd_row, programs):
    """Pagu and realisasi of a set of programs (the programs supporting an IKU), summed."""
    wanted = {p.pk for p in programs}
    rows = [r for r in opd_row.anak if r.obj is not None and r.obj.pk in wanted]
    total = BarisAnggaran("kelompok", "", "Jumlah", anak=rows)
    _roll_up(total)
    return total


def proyeksi_serapan(pagu, kas_sd, realisasi_sd):
    """Year-end serapan (%) if spending keeps its pace against the anggaran kas plan.

    realisasi s.d. TW n / anggaran kas s.d. TW n × pagu, as a share of the
    pagu. None without a plan to compare against.
    """
    if realisasi_sd is None or not kas_sd or not pagu:
        return None
    return serapan(realisasi_sd / kas_sd * pagu, pagu)


def anggaran_per_opd(tahun, opd_ids=None):
    """The budget of every OPD in a year, set-based: {opd_id: BarisAnggaran of the OPD}.

    The city overview cannot call anggaran_opd once per OPD (4 queries each);
    this computes the same OPD row from aggregates grouped by OPD and program
    in 5 queries whatever the number of OPDs. Each sum runs on its own table
    (lines, anggaran kas, realisasi) so no join multiplies a row. The roll-up
    and the aggregate-figure rules are the ones anggaran_opd uses, applied to
    program rows built from the grouped sums, so both paths agree to the rupiah
    (tests compare them). `opd_ids` limits it to some OPDs (the OPD dashboard
    needs program totals, not 70 line objects).
    """
    opd_filter = {} if opd_ids is None else {"opd_id__in": list(opd_ids)}
    dpa_filter = {} if opd_ids is None else {"dpa__opd_id__in": list(opd_ids)}
    programs = _program_dari_baris(tahun, opd_filter)
    _isi_kas_dan_realisasi(programs, tahun, dpa_filter)
    per_opd = {}
    for (opd_id, program_id), row in programs.items():
        row.obj_id = program_id
        per_opd.setdefault(opd_id, {})[program_id] = row
    agregat = list(AnggaranAgregat.objects.filter(tahun=tahun, **opd_filter))
    for item in agregat:
        if item.program_id is None:
            continue
        rows = per_opd.setdefault(item.opd_id, {})
        row = rows.get(item.program_id)
        if row is None:
            row = rows[item.program_id] = BarisAnggaran("program", "", "")
            row.obj_id = item.program_id
        _apply_agregat(row, item)

    hasil = {}
    for opd_id, rows in per_opd.items():
        opd_row = BarisAnggaran("opd", "", "", anak=list(rows.values()))
        _roll_up(opd_row)
        hasil[opd_id] = opd_row
    for item in agregat:
        if item.program_id is None:
            opd_row = hasil.setdefault(item.opd_id, BarisAnggaran("opd", "", ""))
            _apply_agregat(opd_row, item, override=True)
    return hasil


PROGRAM_DPA = "sub_kegiatan__kegiatan__program_id"


def _program_dari_baris(tahun, opd_filter):
    """{(opd_id, program_id): program row with its pagu} from the DPA lines, grouped in one query."""
    lines = (
        DpaSubKegiatan.objects.filter(tahun=tahun, **opd_filter)
        .order_by()
        .values("opd_id", program=F(PROGRAM_DPA))
        .annotate(
            n=Count("id"),
            murni=Sum("pagu_murni"),
            murni_kosong=Count("id", filter=Q(pagu_murni__isnull=True)),
            perubahan=Sum("pagu_perubahan"),
            perubahan_kosong=Count("id", filter=Q(pagu_perubahan__isnull=True)),
        )
    )
    programs = {}
    for item in lines:
        row = BarisAnggaran("program", "", "")
        row.pagu_murni = None if item["murni_kosong"] else item["murni"]
        row.pagu_perubahan = None if item["perubahan_kosong"] else item["perubahan"]
        row.jumlah_baris = item["n"]
        programs[(item["opd_id"], item["program"])] = row
    return programs


def _isi_kas_dan_realisasi(programs, tahun, dpa_filter):
    """Anggaran kas and realisasi of each program row, each summed on its own table (3 queries)."""
    kas = (
        AnggaranKas.objects.filter(dpa__tahun=tahun, **dpa_filter)
        .order_by()
        .values("triwulan", opd=F("dpa__opd_id"), program=F(f"dpa__{PROGRAM_DPA}"))
        .annotate(n=Count("id"), jumlah=Sum("jumlah"))
    )
    for item in kas:
        row = programs[(item["opd"], item["program"])]
        # A line without its anggaran kas for the quarter leaves the total unknown (as _sum_all).
        row.kas[item["triwulan"] - 1] = item["jumlah"] if item["n"] == row.jumlah_baris else None

    quarterly = (
        RealisasiAnggaran.objects.filter(dpa__tahun=tahun, triwulan__isnull=False, **dpa_filter)
        .order_by()
        .values("triwulan", opd=F("dpa__opd_id"), program=F(f"dpa__{PROGRAM_DPA}"))
        .annotate(jumlah=Sum("jumlah"))
    )
    for item in quarterly:
        row = programs[(item["opd"], item["program"])]
        row.realisasi_tw[item["triwulan"] - 1] = item["jumlah"]
        row.realisasi = (row.realisasi or 0) + item["jumlah"]

    # An annual figure counts only for a line with no quarterly figure (as baris_dpa).
    has_quarterly = RealisasiAnggaran.objects.filter(dpa_id=OuterRef("dpa_id"), triwulan__isnull=False)
    annual = (
        RealisasiAnggaran.objects.filter(dpa__tahun=tahun, triwulan__isnull=True, **dpa_filter)
        .exclude(Exists(has_quarterly))
        .order_by()
        .values(opd=F("dpa__opd_id"), program=F(f"dpa__{PROGRAM_DPA}"))
        .annotate(jumlah=Sum("jumlah"))
    )
    for item in annual:
        row = programs[(item["opd"], item["program"])]
        row.realisasi = (row.realisasi or 0) + item["jumlah"]


def anggaran_opd_program(opd, tahun):
    """The OPD's budget row with its program rows (kode, nama, obj filled), without line objects.

    Same figures as anggaran_opd for the OPD and program
    levels (both use its roll-up), in 6 queries of grouped sums instead of
    building a row per DPA line: what the dashboard needs under load.
    """
    opd_row = anggaran_per_opd(tahun, [opd.pk]).get(opd.pk) or BarisAnggaran("opd", "", "")
    opd_row.kode, opd_row.nama, opd_row.obj = opd.kode, opd.nama, opd
    programs = Program.objects.in_bulk([r.obj_id for r in opd_row.anak])
    for row in opd_row.anak:
        row.obj = programs[row.obj_id]
        row.kode, row.nama = row.obj.kode_lengkap, row.obj.nama
    opd_row.anak.sort(key=lambda r: r.kode)
    return opd_row


def triwulan_anggaran(baris):
    """The latest triwulan with a quarterly budget realisasi in a budget row (None: annual only)."""
    known = [i + 1 for i, v in enumerate(baris.realisasi_tw) if v is not None]
    return max(known) if known else None


def anggaran_belum_diisi(opd, tahun, triwulan):
    """Per unit kerja: the DPA lines whose realisasi anggaran of the triwulan is not entered.

    A line with only an annual figure (no quarterly split) counts as not
    entered for the triwulan: nothing says what was spent in that quarter.
    """
    hasil = {}
    for dpa in dpa_queryset(opd, tahun):
        if not any(r.triwulan == triwulan for r in dpa.realisasi.all()):
            hasil.setdefault(dpa.unit_kerja_id, []).append(dpa)
    return hasil
