"""SKM respondents from XLSX: the portal's template, preview, then commit (all or nothing), as the other imports."""

from evaluasi import skm
from evaluasi.models import RespondenSkm
from evaluasi.models.hasil import JUMLAH_UNSUR_SKM, UNSUR_SKM
from portal.models import AksiDitolak
from portal.xlsx import HasilImpor, baca_sheet, buka_xlsx, xlsx_response

LEMBAR = "Responden"
UNSUR = [f"U{i}" for i in range(1, JUMLAH_UNSUR_SKM + 1)]
PROFIL = ["Unit layanan", "Jenis kelamin (L/P)", "Pendidikan", "Pekerjaan"]


def skm_templat(survei):
    """An empty sheet to fill, with a second sheet naming the unsur and the scale."""
    keterangan = [[f"U{i}", nama, "1 (tidak baik) – 4 (sangat baik)"] for i, nama in enumerate(UNSUR_SKM, start=1)]
    return xlsx_response(f"templat-skm-{survei.opd.singkatan}-{survei.tahun}.xlsx", [
        (LEMBAR, PROFIL + UNSUR, []),
        ("Keterangan", ["Kolom", "Unsur (PermenPANRB 14/2017)", "Skor"], keterangan),
    ])


def skm_impor_xlsx(*, file, survei, user, commit):
    """Check every row (nine scores 1–4, L/P), then add them all as new respondents; returns HasilImpor."""
    hasil = HasilImpor()
    if not skm.survei_menerima_responden(survei):
        hasil.salah("", 0, skm.PESAN_DICATAT)
        return hasil
    workbook = buka_xlsx(file, hasil)
    if workbook is None:
        return hasil
    rencana = []
    for number, row in baca_sheet(workbook, LEMBAR, UNSUR, hasil, opsional=PROFIL):
        data = _baris(row, number, hasil)
        if data is not None:
            rencana.append(data)
            skor = " ".join(str(data[f"u{i}"]) for i in range(1, JUMLAH_UNSUR_SKM + 1))
            hasil.perubahan.append((LEMBAR, number, f"R+{len(rencana)}", data["unit_layanan"] or "–",
                                    "U1–U9", None, skor))
    if not hasil.sah or not commit or not rencana:
        return hasil
    try:
        skm.survei_tambah_banyak(survei=survei, user=user, daftar=rencana)
    except AksiDitolak as exc:
        hasil.salah("", 0, str(exc))
        return hasil
    hasil.disimpan = True
    return hasil


def _baris(row, number, hasil):
    data, salah = {}, False
    for i, kolom in enumerate(UNSUR, start=1):
        nilai = row.get(kolom)
        try:
            skor = int(str(nilai).strip().replace(",", ".").removesuffix(".0")) if nilai is not None else None
        except ValueError:
            skor = None
        if skor not in (1, 2, 3, 4):
            hasil.salah(LEMBAR, number, f"{kolom} ({UNSUR_SKM[i - 1]}): skor harus 1, 2, 3 atau 4"
                                        f"{'' if nilai is None else f', bukan {nilai!r}'}.")
            salah = True
        data[f"u{i}"] = skor
    jk = str(row.get("Jenis kelamin (L/P)") or "").strip().upper()[:1]
    if jk and jk not in RespondenSkm.JenisKelamin.values:
        hasil.salah(LEMBAR, number, "Jenis kelamin: isi L atau P (atau kosongkan).")
        salah = True
    data["jenis_kelamin"] = jk
    for kolom, field, panjang in (("Unit layanan", "unit_layanan", 150), ("Pendidikan", "pendidikan", 60),
                                  ("Pekerjaan", "pekerjaan", 60)):
        data[field] = str(row.get(kolom) or "").strip()[:panjang]
    return None if salah else data
