"""Budget workflows: importing the DPA of a year (a line's quarters are saved by DpaSubKegiatan.simpan_triwulan).

The figures (serapan, roll-ups, totals) are computed in anggaran.rekap.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from simple_history.utils import bulk_create_with_history

from anggaran.models import AnggaranKas, DpaSubKegiatan, SubKegiatan, VersiNomenklatur
from anggaran.rekap import baris_dpa, dpa_queryset
from portal.access import can_edit_opd_data
from portal.angka import ROMAWI, format_angka
from portal.massal import perbarui_massal
from portal.models import AksiDitolak, EditConflict
from portal.sinyal import ditulis_massal
from portal.teks import alasan_teks_kolom
from portal.xlsx import HasilImpor, baca_sheet, baris_berkode, buka_xlsx, uang_sel

NOL = Decimal(0)


DPA_KOLOM = ["Kode sub kegiatan", "Pagu murni", "Pagu perubahan", "Sumber dana", "Lokasi",
             "Kas TW I", "Kas TW II", "Kas TW III", "Kas TW IV"]


def dpa_impor_xlsx(*, file, opd, tahun, user, commit):
    """Import the DPA lines of a year from the portal's XLSX template; all or nothing.

    Every row is checked first (unknown code, text in a number, negative
    money, anggaran kas not adding up to the pagu); with any bad row nothing
    is written. Returns HasilImpor.
    """
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
        if pesan := alasan_teks_kolom(DpaSubKegiatan, "sumber_dana", baru["sumber_dana"]) or \
                alasan_teks_kolom(DpaSubKegiatan, "lokasi", baru["lokasi"]):
            hasil.salah("DPA", number, pesan)
            continue
        if "Unit kerja" in row:  # the unit that enters the line's realisasi; blank: none
            nama_unit = str(row["Unit kerja"] or "").strip()
            baru["unit_kerja"] = units.get(nama_unit.lower()) if nama_unit else None
            if nama_unit and baru["unit_kerja"] is None:
                hasil.salah("DPA", number, f"Unit kerja '{nama_unit}' tidak ada di {opd.nama}.")
                continue
        lama_kas = baris_dpa(dpa).kas if dpa else [None] * 4
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
    _simpan_dpa(rencana, opd=opd, tahun=tahun, user=user)
    hasil.disimpan = True
    return hasil


ALASAN_IMPOR = "Impor XLSX"
BATCH = 500  # rows per INSERT


def _simpan_dpa(rencana, *, opd, tahun, user):
    """Write the planned lines and their anggaran kas in a number of queries that does not grow per row.

    Saved line by line, an import cost ~19 queries a row (95 000 for 5 000
    rows, past the web server's timeout). Here the OPD's lines of the year
    are locked and must still have the version they were read with; new
    lines are created in bulk (one created meanwhile meets the unique key:
    a conflict, never a 500); a line whose fields or quarters change takes
    the next version, so a form opened before the import is refused, as
    DpaSubKegiatan.simpan_triwulan would; the quarters are created, updated
    or removed in bulk; every written row keeps its history row; the
    dashboard learns of the OPD's change once.
    """
    if not can_edit_opd_data(user, opd):
        raise AksiDitolak("Anggaran kas hanya diubah oleh perencana perangkat daerah.")
    with transaction.atomic():
        terkunci = dict(DpaSubKegiatan.objects.select_for_update().filter(opd=opd, tahun=tahun)
                        .values_list("pk", "versi"))
        if any(dpa is not None and terkunci.get(dpa.pk) != dpa.versi for _, dpa, _, _ in rencana):
            raise EditConflict()
        baru, ubah, hanya_kas, kolom = [], [], [], set()
        for sub, dpa, nilai, _ in rencana:
            if dpa is None:
                baru.append(DpaSubKegiatan(opd=opd, tahun=tahun, sub_kegiatan=sub, **nilai))
                continue
            berubah = {k for k, v in nilai.items() if getattr(dpa, k) != v}
            for k in berubah:
                setattr(dpa, k, nilai[k])
            (ubah if berubah else hanya_kas).append(dpa)
            kolom |= berubah
        try:
            with transaction.atomic():
                bulk_create_with_history(baru, DpaSubKegiatan, batch_size=BATCH, default_user=user,
                                         default_change_reason=ALASAN_IMPOR)
        except IntegrityError as exc:
            raise EditConflict() from exc
        for dpa in ubah:
            dpa.versi += 1
        if ubah:
            perbarui_massal(ubah, sorted(kolom) + ["versi"], user=user, alasan=ALASAN_IMPOR)
        baris = {sub.pk: dpa for sub, dpa, _, _ in rencana if dpa is not None} | {d.sub_kegiatan_id: d for d in baru}
        kas_berubah = _simpan_kas([(baris[sub.pk], kas) for sub, _, _, kas in rencana], user)
        # A line whose own fields did not change still guards its quarters: bumped without a history row.
        DpaSubKegiatan.objects.filter(pk__in=[d.pk for d in hanya_kas if d.pk in kas_berubah]).update(
            versi=F("versi") + 1)
    ditulis_massal.send(sender=DpaSubKegiatan, opd_id=opd.pk)


def _simpan_kas(per_baris, user):
    """Create, update or remove the anggaran kas of each (line, [TW I..IV]); the line ids whose kas changed."""
    ada = {(k.dpa_id, k.triwulan): k for k in AnggaranKas.objects.filter(
        dpa__in=[dpa.pk for dpa, _ in per_baris], triwulan__isnull=False)}
    buat, ubah, hapus, berubah = [], [], [], set()
    for dpa, kas in per_baris:
        for tw, jumlah in enumerate(kas, start=1):
            row = ada.get((dpa.pk, tw))
            if (row.jumlah if row is not None else None) == jumlah:
                continue
            berubah.add(dpa.pk)
            if row is None:
                buat.append(AnggaranKas(dpa=dpa, triwulan=tw, jumlah=jumlah))
            elif jumlah is None:
                hapus.append(row.pk)
            else:
                row.jumlah, row.versi = jumlah, row.versi + 1
                ubah.append(row)
    bulk_create_with_history(buat, AnggaranKas, batch_size=BATCH, default_user=user,
                             default_change_reason=ALASAN_IMPOR)
    if ubah:
        perbarui_massal(ubah, ["jumlah", "versi"], user=user, alasan=ALASAN_IMPOR)
    if hapus:
        AnggaranKas.objects.filter(pk__in=hapus).delete()  # one history row each, by the delete signal
    return berubah
