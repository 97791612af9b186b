"""The XLSX template of a unit's triwulan (performance and budget) and its import, all or nothing."""

from anggaran.rekap import baris_dpa, dpa_queryset
from indikator.models import Indikator
from indikator.pengisian import baris_realisasi
from portal.angka import ROMAWI

KINERJA_KOLOM = ["Kode indikator", "Indikator", "Satuan", "Target", "Realisasi", "Analisis", "Kendala"]


ANGGARAN_KOLOM = ["Kode sub kegiatan", "Sub kegiatan", "Pagu", "Anggaran kas", "Realisasi anggaran"]


def realisasi_template_sheets(*, opd, tahun, triwulan, unit):
    """The sheets of the XLSX template of a unit's triwulan, pre-filled with its rows."""
    rows = baris_realisasi(Indikator.objects.dilaporkan(opd, tahun).filter(penanggung_jawab=unit), tahun, triwulan)
    kinerja = []
    for row in rows:
        if not row.dapat_diisi:
            continue
        r, t = row.realisasi, row.target
        kinerja.append([
            row.indikator.kode, row.indikator.nama, row.indikator.satuan,
            None if t is None or t.kosong else (t.predikat or t.nilai_eksak),
            None if r is None or r.kosong else (r.predikat or r.nilai),
            r.analisis if r else "", r.kendala if r else "",
        ])
    anggaran = []
    for dpa in dpa_queryset(opd, tahun).filter(unit_kerja=unit):
        b = baris_dpa(dpa)
        anggaran.append([b.kode, b.nama, b.pagu, b.kas[triwulan - 1], b.realisasi_tw[triwulan - 1]])
    return [("Kinerja", KINERJA_KOLOM, kinerja), ("Anggaran", ANGGARAN_KOLOM, anggaran)]


def realisasi_import_xlsx(*, file, opd, tahun, triwulan, user, commit):
    """Import a triwulan's realisasi (performance and budget) from the portal's template; all or nothing.

    Rows are checked first: unknown code, text in a number, negative money,
    a row of another unit (the user may enter only its own), a row already
    submitted or verified, a triwulan whose input window is closed. With any
    bad row nothing is written. Returns portal.xlsx.HasilImpor.
    """
    from django.db import transaction
    from django.utils import timezone

    from anggaran.models import RealisasiAnggaran
    from anggaran.rekap import dpa_queryset
    from indikator.models import Realisasi
    from portal.access import can_edit_opd_data, can_enter_realisasi
    from portal.models import JendelaInput
    from portal.xlsx import HasilImpor, angka_sel, baca_sheet, baris_berkode, buka_xlsx, teks_sel, uang_sel

    hasil = HasilImpor()
    if not JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=user)[1]:
        romawi = ROMAWI[triwulan]
        hasil.salah("", 0, f"Pengisian realisasi TW {romawi} {tahun} sedang ditutup.")
        return hasil
    workbook = buka_xlsx(file, hasil)
    if workbook is None:
        return hasil
    baris = {r.indikator.kode: r for r in baris_realisasi(Indikator.objects.dilaporkan(opd, tahun), tahun, triwulan)}
    rencana_kinerja = []
    for number, row, kode, item in baris_berkode(
        baca_sheet(workbook, "Kinerja", KINERJA_KOLOM, hasil), hasil, "Kinerja", "Kode indikator", baris,
        f"Kode indikator '{{kode}}' tidak dikenal untuk tahun {tahun}.",
    ):
        ind = item.indikator
        if not can_enter_realisasi(user, opd, ind.penanggung_jawab_id):
            hasil.salah("Kinerja", number, f"{kode} adalah indikator unit lain ({ind.penanggung_jawab or '-'}).")
            continue
        raw = row["Realisasi"]
        try:
            if ind.is_predikat:
                value = str(raw).strip().upper()[:5] if raw not in (None, "") else None
            else:
                value = angka_sel(raw, "Realisasi")
        except ValueError as exc:
            hasil.salah("Kinerja", number, str(exc))
            continue
        lama = item.realisasi
        try:
            # A cut or cleaned export of the stored text is "unchanged", never a shorter replacement.
            analisis = teks_sel(row["Analisis"], lama.analisis if lama else "", "Analisis")
            kendala = teks_sel(row["Kendala"], lama.kendala if lama else "", "Kendala")
        except ValueError as exc:
            hasil.salah("Kinerja", number, f"{kode}: {exc}")
            continue
        lama_nilai = None if lama is None or lama.kosong else (lama.predikat or lama.nilai)
        changes = []
        if value is not None and value != lama_nilai:
            changes.append(("realisasi", lama_nilai, value))
        for name, baru in (("analisis", analisis), ("kendala", kendala)):
            if (getattr(lama, name) if lama else "") != baru and (value is not None or lama is not None):
                changes.append((name, getattr(lama, name) if lama else "", baru))
        if not changes:
            continue
        if not item.dapat_diisi:
            hasil.salah("Kinerja", number, f"{kode} hanya diisi pada TW IV.")
            continue
        if lama is not None and lama.status == Realisasi.Status.DIVERIFIKASI:
            hasil.salah("Kinerja", number, f"{kode} sudah diverifikasi: ubah di halaman realisasi dengan alasan.")
            continue
        if lama is not None and lama.status == Realisasi.Status.DIAJUKAN and not can_edit_opd_data(user, opd):
            hasil.salah("Kinerja", number, f"{kode} sedang menunggu verifikasi dan tidak dapat diubah.")
            continue
        if value is None and lama_nilai is None:
            hasil.salah("Kinerja", number, f"{kode}: realisasi wajib diisi.")
            continue
        for kolom, a, b in changes:
            hasil.perubahan.append(("Kinerja", number, kode, ind.nama, kolom, a, b))
        rencana_kinerja.append((item, value, analisis, kendala))

    lines = {d.sub_kegiatan.kode_lengkap: d for d in dpa_queryset(opd, tahun)}
    rencana_anggaran = []
    for number, row, kode, dpa in baris_berkode(
        baca_sheet(workbook, "Anggaran", ANGGARAN_KOLOM, hasil), hasil, "Anggaran", "Kode sub kegiatan", lines,
        f"Kode sub kegiatan '{{kode}}' tidak ada di DPA {tahun}.",
    ):
        if not can_enter_realisasi(user, opd, dpa.unit_kerja_id):
            hasil.salah("Anggaran", number, f"{kode} adalah sub kegiatan unit lain ({dpa.unit_kerja or '-'}).")
            continue
        try:
            jumlah = uang_sel(row["Realisasi anggaran"], "Realisasi anggaran")
        except ValueError as exc:
            hasil.salah("Anggaran", number, str(exc))
            continue
        lama = next((r.jumlah for r in dpa.realisasi.all() if r.triwulan == triwulan), None)
        if jumlah is None or jumlah == lama:
            continue
        hasil.perubahan.append(("Anggaran", number, kode, dpa.sub_kegiatan.nama, "realisasi anggaran", lama, jumlah))
        rencana_anggaran.append((dpa, jumlah))

    if not hasil.sah or not commit:
        return hasil
    now = timezone.now()
    with transaction.atomic():
        for item, value, analisis, kendala in rencana_kinerja:
            realisasi = item.realisasi or Realisasi(indikator=item.indikator, tahun=tahun, triwulan=triwulan)
            if value is not None:
                if item.indikator.is_predikat:
                    realisasi.predikat, realisasi.nilai = value, None
                else:
                    if realisasi.nilai != value:
                        realisasi.pembilang = realisasi.penyebut = None
                    realisasi.nilai, realisasi.predikat = value, ""
            realisasi.analisis, realisasi.kendala = analisis, kendala
            if realisasi.status == Realisasi.Status.DIKEMBALIKAN:
                realisasi.status = Realisasi.Status.DRAFT
            realisasi.diisi_oleh, realisasi.diisi_pada = user, now
            realisasi._change_reason = "Impor XLSX"
            if realisasi.pk is None:
                realisasi.save()
            else:
                realisasi.save_versioned(realisasi.versi)
        for dpa, jumlah in rencana_anggaran:
            row = next((r for r in dpa.realisasi.all() if r.triwulan == triwulan), None)
            row = row or RealisasiAnggaran(dpa=dpa, triwulan=triwulan, jumlah=jumlah)
            row.jumlah = jumlah
            row._change_reason = "Impor XLSX"
            if row.pk is None:
                row.save()
            else:
                row.save_versioned(row.versi)
    hasil.disimpan = True
    return hasil
