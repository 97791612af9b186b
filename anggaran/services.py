"""Budget workflows: importing the DPA of a year (a line's quarters are saved by DpaSubKegiatan.simpan_triwulan).

The figures (serapan, roll-ups, totals) are computed in anggaran.rekap.
"""

from decimal import Decimal

from anggaran.models import DpaSubKegiatan
from anggaran.rekap import baris_dpa, dpa_queryset
from portal.angka import ROMAWI, format_angka
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
    with transaction.atomic():
        for sub, dpa, baru, kas in rencana:
            if dpa is None:
                dpa = DpaSubKegiatan(opd=opd, tahun=tahun, sub_kegiatan=sub)
            changed = dpa.pk is None or any(getattr(dpa, k) != v for k, v in baru.items())
            for name, value in baru.items():
                setattr(dpa, name, value)
            if changed:
                dpa._change_reason = "Impor XLSX"
                # Created by someone else since the preview, or changed meanwhile: a conflict, never a 500.
                dpa.simpan_atau_buat(dpa.versi if dpa.pk else None)
            dpa.simpan_triwulan(user=user, versi=dpa.versi, kas=dict(enumerate(kas, start=1)), alasan="Impor XLSX")
    hasil.disimpan = True
    return hasil
