"""The evaluation's lines of the home page's "Tugas saya" (dasbor.tugas asks EvaluasiConfig.tugas_saya).

The perencana fills the self-assessment of the year that ended and follows up
the LHE's recommendations; an evaluator scores what was submitted, and a
second evaluator approves what another scored.
"""

from django.db.models import Count, Q
from django.urls import reverse

from evaluasi.models import PenilaianLke
from portal.access import Role, can_edit_opd_data
from portal.tugas import Tugas

BATAS_RINCIAN = 5


def tugas_evaluasi(user, hari):
    if user.opd_id is None:
        return _tugas_evaluator(user) if user.role in (Role.EVALUATOR, Role.ADMIN) else []
    if not can_edit_opd_data(user, user.opd):
        return []
    return _tindak_lanjut_terbuka(user.opd_id, hari) + _penilaian_mandiri(user, hari.year - 1)


def _tindak_lanjut_terbuka(opd_id, hari):
    """Recommendations of the OPD's issued LHE not yet followed up to the end, the overdue ones first."""
    from evaluasi.models import Rekomendasi, TindakLanjut

    terbuka = list(Rekomendasi.objects.filter(penilaian__opd_id=opd_id, penilaian__status=PenilaianLke.Status.FINAL)
                   .exclude(tindak_lanjut__status=TindakLanjut.Status.SELESAI)
                   .select_related("penilaian", "tindak_lanjut").order_by("penilaian__tahun", "urutan"))
    if not terbuka:
        return []
    lewat = [r for r in terbuka if getattr(r, "tindak_lanjut", None) and r.tindak_lanjut.tenggat
             and r.tindak_lanjut.tenggat < hari]
    teks = f"Rekomendasi LHE belum selesai ditindaklanjuti: {len(terbuka)}"
    if lewat:
        teks += f" ({len(lewat)} melewati tenggat)"
    rincian = tuple(f"LHE {r.penilaian.tahun} no. {r.urutan}: {r.uraian[:80]}" for r in terbuka[:BATAS_RINCIAN])
    return [Tugas("danger" if lewat else "warning", teks,
                  reverse("evaluasi:tindak_lanjut", args=[terbuka[0].penilaian_id]), rincian)]


def _penilaian_mandiri(user, tahun):
    penilaian = (PenilaianLke.objects.filter(opd_id=user.opd_id, tahun=tahun)
                 .annotate(terisi=Count("jawaban", filter=Q(jawaban__usulan__isnull=False))).first())
    if penilaian is None:
        return [Tugas("info", f"Penilaian mandiri AKIP {tahun} belum dimulai", reverse("evaluasi:indeks"))]
    if penilaian.status != PenilaianLke.Status.DIISI:
        return []
    if penilaian.catatan_umum:
        return [Tugas("danger", f"Penilaian mandiri AKIP {tahun} dikembalikan evaluator",
                      penilaian.get_absolute_url(), (penilaian.catatan_umum,))]
    return [Tugas("warning", f"Penilaian mandiri AKIP {tahun}: {penilaian.terisi} kriteria terisi, belum diajukan",
                  penilaian.get_absolute_url())]


def _tugas_evaluator(user):
    tugas = []
    daftar = list(PenilaianLke.objects.filter(status__in=[PenilaianLke.Status.DIAJUKAN, PenilaianLke.Status.DINILAI])
                  .select_related("opd").order_by("tahun", "opd__nama"))
    dinilai = [p for p in daftar if p.status == PenilaianLke.Status.DIAJUKAN]
    disetujui = [p for p in daftar if p.status == PenilaianLke.Status.DINILAI and p.evaluator_id != user.pk]
    for judul, isi in (("Penilaian mandiri menunggu nilai evaluator", dinilai),
                       ("Hasil evaluasi menunggu persetujuan reviewer kedua", disetujui)):
        if isi:
            rincian = tuple(f"{p.opd.nama} {p.tahun}" for p in isi[:BATAS_RINCIAN])
            if len(isi) > BATAS_RINCIAN:
                rincian += (f"… dan {len(isi) - BATAS_RINCIAN} lainnya",)
            url = isi[0].get_absolute_url() if len(isi) == 1 else reverse("evaluasi:indeks")
            tugas.append(Tugas("warning", f"{judul}: {len(isi)}", url, rincian))
    return tugas
