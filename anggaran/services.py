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
from portal.angka import ROMAWI, bulatkan, format_angka
from portal.xlsx import HasilImpor, baca_sheet, baris_berkode, buka_xlsx, uang_sel

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


    with transaction.atomic():
        dpa.klaim_versi(versi)
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


# --- Spreadsheet import -------------------------------------------------------


DPA_KOLOM = ["Kode sub kegiatan", "Pagu murni", "Pagu perubahan", "Sumber dana", "Lokasi",
             "Kas TW I", "Kas TW II", "Kas TW III", "Kas TW IV"]


def dpa_import_xlsx(*, file, opd, tahun, user, commit):
    """Import the DPA lines of a year from the portal's XLSX template; all or nothing.

    Every row is checked first (unknown code, text in a number, negative
    money, anggaran kas not adding up to the pagu); with any bad row nothing
    is written. Returns HasilImpor.
    """
    from django.db import transaction

    from anggaran.models import SubKegiatan, VersiNomenklatur

    hasil = HasilImpor()
    workbook = buka_xlsx(file, hasil)
    if workbook is None:
        return hasil
    rows = baca_sheet(workbook, "DPA", DPA_KOLOM, hasil, opsional=["Unit kerja"])
    units = {u.nama.strip().lower(): u for u in opd.unit_kerja.all()}
    versi = VersiNomenklatur.for_tahun(tahun)
    subs = {s.kode_lengkap: s for s in SubKegiatan.objects.filter(kegiatan__program__bidang__urusan__versi=versi)}
    existing = {d.sub_kegiatan.kode_lengkap: d for d in dpa_queryset(opd, tahun)}
    rencana = []
    for number, row, kode, sub in baris_berkode(
        rows, hasil, "DPA", "Kode sub kegiatan", subs,
        f"Kode sub kegiatan '{{kode}}' tidak dikenal pada nomenklatur {tahun}.",
    ):
        try:
            murni = uang_sel(row["Pagu murni"], "Pagu murni")
            perubahan = uang_sel(row["Pagu perubahan"], "Pagu perubahan")
            kas = [uang_sel(row[f"Kas TW {r}"], f"Kas TW {r}") for r in ROMAWI.values()]
        except ValueError as exc:
            hasil.salah("DPA", number, str(exc))
            continue
        pagu = perubahan if perubahan is not None else murni
        if pagu is None:
            hasil.salah("DPA", number, "Isi pagu murni atau pagu perubahan.")
            continue
        if any(k is not None for k in kas) and sum((k or NOL) for k in kas) != pagu:
            total = sum((k or NOL) for k in kas)
            hasil.salah("DPA", number, f"Kas TW I–IV berjumlah Rp {format_angka(total)}, tidak sama dengan "
                                       f"pagu Rp {format_angka(pagu)} (selisih Rp {format_angka(total - pagu)}).")
            continue
        dpa = existing.get(kode)
        baru = {"pagu_murni": murni, "pagu_perubahan": perubahan,
                "sumber_dana": str(row["Sumber dana"] or "").strip(), "lokasi": str(row["Lokasi"] or "").strip()}
        if "Unit kerja" in row:  # the unit that enters the line's realisasi; blank: none
            nama_unit = str(row["Unit kerja"] or "").strip()
            baru["unit_kerja"] = units.get(nama_unit.lower()) if nama_unit else None
            if nama_unit and baru["unit_kerja"] is None:
                hasil.salah("DPA", number, f"Unit kerja '{nama_unit}' tidak ada di {opd.nama}.")
                continue
        lama_kas = _baris_dpa(dpa).kas if dpa else [None] * 4
        for name, value in baru.items():
            lama = getattr(dpa, name) if dpa else None
            if (None if lama == "" else lama) != (None if value == "" else value):
                label = str(DpaSubKegiatan._meta.get_field(name).verbose_name)
                hasil.perubahan.append(("DPA", number, kode, sub.nama, label, lama, value))
        for tw in range(4):
            if lama_kas[tw] != kas[tw]:
                hasil.perubahan.append(("DPA", number, kode, sub.nama, f"kas TW {tw + 1}", lama_kas[tw], kas[tw]))
        rencana.append((sub, dpa, baru, kas))
    if not hasil.sah or not commit:
        return hasil
    with transaction.atomic():
        for sub, dpa, baru, kas in rencana:
            if dpa is None:
                dpa = DpaSubKegiatan(opd=opd, tahun=tahun, sub_kegiatan=sub)
            changed = dpa.pk is None or any(getattr(dpa, k) != v for k, v in baru.items())
            for name, value in baru.items():
                setattr(dpa, name, value)
            if changed:
                dpa._change_reason = "Impor XLSX"
                dpa.save_versioned(dpa.versi)
            dpa_simpan_triwulan(dpa=dpa, versi=dpa.versi, kas=dict(enumerate(kas, start=1)), reason="Impor XLSX")
    hasil.disimpan = True
    return hasil


# --- Audit trail ----------------------------------------------------------------


@dataclass
class EntriRiwayat:
    waktu: object
    pengguna: object
    objek: str
    jenis: str  # "dibuat", "diubah", "dihapus"
    perubahan: list  # (field label, old, new)
    alasan: str = ""


JENIS_RIWAYAT = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
TIDAK_DICATAT = {"versi"}  # the lock counter is bookkeeping, not a change a reader cares about
# The object a history page is about, and the OPD: the page title already says which.
INDUK = {"opd", "dpa", "indikator", "pk_indikator", "perjanjian"}
# Set once when a row is created and named in the entry's label ("Anggaran kas TW 2", "DPA 2023").
IDENTITAS = {"tahun", "triwulan"}


def riwayat_perubahan(*sumber):
    """Who changed what, when, old → new, from simple_history tables, newest first.

    `sumber`: (history queryset, label function) pairs. Each table is read
    once; consecutive records of one object are compared in memory, so the
    page does not query per record. Foreign keys are shown by name (one
    query per related model) and choices by their label.
    """
    entries = []
    for queryset, label in sumber:
        per_objek = {}
        for record in queryset.select_related("history_user").order_by("history_date", "history_id"):
            per_objek.setdefault(record.id, []).append(record)
        for records in per_objek.values():
            prev = None
            for record in records:
                fields = [f for f in record.instance._meta.concrete_fields
                          if f.attname not in TIDAK_DICATAT and f.name not in INDUK]
                changes = []
                for f in fields:
                    new = getattr(record, f.attname)
                    old = getattr(prev, f.attname) if prev is not None else None
                    if prev is None and record.history_type == "+":
                        if new not in (None, "") and not f.primary_key and f.name not in IDENTITAS:
                            changes.append((f, None, new))
                    elif prev is not None and old != new:
                        changes.append((f, old, new))
                if record.history_type == "~" and not changes:
                    prev = record
                    continue
                entries.append(EntriRiwayat(
                    waktu=record.history_date, pengguna=record.history_user, objek=label(record),
                    jenis=JENIS_RIWAYAT.get(record.history_type, record.history_type), perubahan=changes,
                    alasan=record.history_change_reason or "",
                ))
                prev = record
    _nama_nilai(entries)
    return sorted(entries, key=lambda e: e.waktu, reverse=True)


def _nama_nilai(entries):
    """Replace (field, old, new) by (label, old, new) as a reader sees them: names for ids, labels for codes."""
    ids = {}
    for e in entries:
        for f, old, new in e.perubahan:
            if f.is_relation:
                ids.setdefault(f.related_model, set()).update(v for v in (old, new) if v is not None)
    names = {model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(list(pks)).items()}
             for model, pks in ids.items()}

    def tampil(f, value):
        if value is None:
            return None
        if f.is_relation:
            return names[f.related_model].get(value, f"(terhapus, id {value})")
        if f.choices:
            return dict(f.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "Ya" if value else "Tidak"
        if f.name == "tahun":
            return str(value)  # a year, not an amount: no thousands separator
        return value

    for e in entries:
        e.perubahan = [(str(f.verbose_name), tampil(f, old), tampil(f, new)) for f, old, new in e.perubahan]
