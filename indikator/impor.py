"""The XLSX template of a unit's triwulan (performance and budget) and its import, all or nothing."""

from django.db import transaction

from anggaran.rekap import baris_dpa, dpa_queryset
from indikator.models import Indikator, Realisasi
from indikator.pengisian import baris_realisasi
from portal.models import AksiDitolak, EditConflict, JendelaInput
from portal.xlsx import HasilImpor, angka_sel, baca_sheet, baris_berkode, buka_xlsx, teks_sel, uang_sel

KINERJA_KOLOM = ["Kode indikator", "Indikator", "Satuan", "Target", "Realisasi", "Analisis", "Kendala"]


ANGGARAN_KOLOM = ["Kode sub kegiatan", "Sub kegiatan", "Pagu", "Anggaran kas", "Realisasi anggaran"]


def realisasi_lembar_templat(*, opd, tahun, triwulan, unit):
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


def realisasi_impor_xlsx(*, file, opd, tahun, triwulan, user, commit):
    """Import a triwulan's realisasi (performance and budget) from the portal's template; all or nothing.

    Rows are checked first: unknown code, text in a number, negative money,
    and every rule of a change by hand (Realisasi.alasan_ditolak and
    DpaSubKegiatan.alasan_ditolak_realisasi: another unit's row, a row
    submitted or verified, a closed input window). With any bad row nothing
    is written. The commit saves through the same model methods as the
    forms, so each row and each DPA line takes its lock: a form opened
    before the import and saved after it is refused, not silently undoing
    the imported figure. Returns portal.xlsx.HasilImpor.
    """
    hasil = HasilImpor()
    izin = JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=user)
    if not izin[1]:
        hasil.salah("", 0, JendelaInput.pesan_tertutup(izin[0], tahun, triwulan, opd=opd))
        return hasil
    workbook = buka_xlsx(file, hasil)
    if workbook is None:
        return hasil
    rencana_kinerja = _rencana_kinerja(workbook, hasil, opd, tahun, triwulan, user, izin)
    rencana_anggaran = _rencana_anggaran(workbook, hasil, opd, tahun, triwulan, user, izin)
    if not hasil.sah or not commit:
        return hasil
    try:
        with transaction.atomic():
            for realisasi in rencana_kinerja:
                realisasi.simpan_isian(user=user, versi=realisasi.versi if realisasi.pk else None,
                                       sumber="Impor XLSX", jendela=izin)
            for dpa, jumlah in rencana_anggaran:
                dpa.simpan_triwulan(user=user, versi=dpa.versi, realisasi={triwulan: jumlah},
                                    alasan="Impor XLSX", jendela=izin)
    except (EditConflict, AksiDitolak) as exc:
        hasil.salah("", 0, exc.message)
        return hasil
    hasil.disimpan = True
    return hasil


def _nilai_sel(indikator, raw):
    """The realisasi typed in a cell: a predicate (text) or an exact number; None when blank."""
    if indikator.is_predikat:
        return str(raw).strip().upper() if raw not in (None, "") else None
    return angka_sel(raw, "Realisasi")


def _rencana_kinerja(workbook, hasil, opd, tahun, triwulan, user, izin):
    """The Kinerja sheet's rows as Realisasi objects carrying the new values (not saved)."""
    baris = {r.indikator.kode: r for r in baris_realisasi(Indikator.objects.dilaporkan(opd, tahun), tahun, triwulan)}
    rencana = []
    for number, row, kode, item in baris_berkode(
        baca_sheet(workbook, "Kinerja", KINERJA_KOLOM, hasil), hasil, "Kinerja", "Kode indikator", baris,
        f"Kode indikator '{{kode}}' tidak dikenal untuk tahun {tahun}.",
    ):
        ind = item.indikator
        try:
            value = _nilai_sel(ind, row["Realisasi"])
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
        realisasi = lama or Realisasi(indikator=ind, tahun=tahun, triwulan=triwulan)
        pesan = realisasi.alasan_ditolak(user, jendela=izin)
        if pesan is None and value is not None:
            teks = row["Realisasi"] if isinstance(row["Realisasi"], str) else None
            pesan = ind.alasan_nilai_ditolak(value, teks=teks, skala=item.skala)
        if pesan is None:
            pesan = ind.alasan_tahun_ditolak(tahun)
        if pesan is None and realisasi.perlu_alasan:
            pesan = f"{kode} sudah diverifikasi: ubah di halaman realisasi dengan alasan."
        if pesan is None and value is None and lama_nilai is None:
            pesan = f"{kode}: realisasi wajib diisi."
        if pesan:
            hasil.salah("Kinerja", number, pesan)
            continue
        if value is not None:
            realisasi.isi_nilai(value)
        realisasi.analisis, realisasi.kendala = analisis, kendala
        for kolom, a, b in changes:
            hasil.perubahan.append(("Kinerja", number, kode, ind.nama, kolom, a, b))
        rencana.append(realisasi)
    return rencana


def _rencana_anggaran(workbook, hasil, opd, tahun, triwulan, user, izin):
    """The Anggaran sheet's rows as (DPA line, new realisasi of the triwulan)."""
    lines = {d.sub_kegiatan.kode_lengkap: d for d in dpa_queryset(opd, tahun)}
    rencana = []
    for number, row, kode, dpa in baris_berkode(
        baca_sheet(workbook, "Anggaran", ANGGARAN_KOLOM, hasil), hasil, "Anggaran", "Kode sub kegiatan", lines,
        f"Kode sub kegiatan '{{kode}}' tidak ada di DPA {tahun}.",
    ):
        try:
            jumlah = uang_sel(row["Realisasi anggaran"], "Realisasi anggaran")
        except ValueError as exc:
            hasil.salah("Anggaran", number, str(exc))
            continue
        lama = next((r.jumlah for r in dpa.realisasi.all() if r.triwulan == triwulan), None)
        if jumlah is None or jumlah == lama:
            continue
        pesan = dpa.alasan_ditolak_realisasi(user, triwulan, izin)
        if pesan:
            hasil.salah("Anggaran", number, pesan)
            continue
        hasil.perubahan.append(("Anggaran", number, kode, dpa.sub_kegiatan.nama, "realisasi anggaran", lama, jumlah))
        rencana.append((dpa, jumlah))
    return rencana
