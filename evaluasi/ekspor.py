"""The worksheet as XLSX: every criterion with both answers, and the scores, through the safe writer."""

from evaluasi import services
from portal.xlsx import xlsx_response


def lke_xlsx(penilaian):
    struktur, jawaban = services.penilaian_struktur(penilaian)
    usulan = services.penilaian_hasil(penilaian, services.USULAN, struktur, jawaban)
    evaluator = services.penilaian_hasil(penilaian, services.EVALUATOR, struktur, jawaban)
    kolom = ["Kode", "Komponen", "Sub-komponen", "Kriteria", "Jawaban OPD", "Nilai OPD (%)", "Catatan OPD",
             "Bukti dukung", "Tautan data portal", "Jawaban evaluator", "Nilai evaluator (%)", "Catatan evaluator"]
    baris = []
    for k in struktur:
        for s in k.sub.all():
            for kr in s.kriteria.all():
                j = jawaban.get(kr.pk)
                baris.append([
                    kr.kode, k.nama, s.nama, kr.uraian,
                    j.usulan.kode if j and j.usulan else None, j.usulan.nilai if j and j.usulan else None,
                    j.catatan_usulan if j else None, "ada" if j and j.bukti else None, j.tautan if j else None,
                    j.nilai_evaluator.kode if j and j.nilai_evaluator else None,
                    j.nilai_evaluator.nilai if j and j.nilai_evaluator else None,
                    j.catatan_evaluator if j else None,
                ])
    nilai = [[hu.komponen.nomor, hu.komponen.nama, hu.komponen.bobot, hu.terjawab, hu.jumlah, hu.nilai, he.nilai]
             for hu, he in zip(usulan.komponen, evaluator.komponen, strict=True)]
    nilai.append([None, "Jumlah", sum(k.bobot for k in struktur), usulan.terjawab, usulan.jumlah,
                  usulan.total, evaluator.total])
    nilai.append([None, "Predikat", None, None, None, usulan.predikat.predikat if usulan.predikat else None,
                  evaluator.predikat.predikat if evaluator.predikat else None])
    return xlsx_response(
        f"lke-{penilaian.opd.singkatan}-{penilaian.tahun}.xlsx",
        [("LKE", kolom, baris),
         ("Nilai", ["No", "Komponen", "Bobot", "Kriteria terjawab (OPD)", "Jumlah kriteria", "Nilai usulan",
                    "Nilai evaluator"], nilai)],
    )
