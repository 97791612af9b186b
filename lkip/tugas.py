"""The LKIP's lines of the home page's "Tugas saya" (dasbor.tugas asks LkipConfig.tugas_saya).

The LKIP reports on the year that ended: the perencana writes it and
publishes it once its check is clean, the pimpinan signs it, the evaluator
evaluates the published version.
"""

from django.urls import reverse

from evaluasi.models import EvaluasiAkip
from lkip.models import Lkip, VersiTerbit
from lkip.services import lkip_context, pemeriksaan
from portal.access import Role, can_edit_opd_data
from portal.tugas import Tugas

# Published LKIP listed one by one for the evaluator; past this the line links to the list.
BATAS_EVALUASI = 5


def tugas_lkip(user, hari):
    tahun = hari.year - 1
    if user.opd_id is None:
        return _menunggu_evaluasi(user) if user.role == Role.EVALUATOR else []
    opd = user.opd
    lkip = Lkip.objects.filter(opd=opd, tahun=tahun).first()
    terbit = lkip is not None and VersiTerbit.objects.filter(lkip=lkip).exists()
    if terbit:
        return []
    if can_edit_opd_data(user, opd):
        if lkip is None:
            return [Tugas("warning", f"LKIP {tahun} belum dibuat", reverse("lkip:indeks"))]
        masalah = pemeriksaan(lkip_context(lkip))
        if masalah:
            return [Tugas("warning", f"LKIP {tahun} belum diterbitkan: pemeriksaan menemukan {len(masalah)} "
                                     f"masalah", lkip.get_absolute_url() + "#pemeriksaan")]
        return [Tugas("info", f"LKIP {tahun} lolos pemeriksaan: siap diterbitkan", lkip.get_absolute_url())]
    if user.role == Role.PIMPINAN and lkip is not None:
        return [Tugas("warning", f"LKIP {tahun} belum diterbitkan: periksa lalu tandatangani",
                      lkip.get_absolute_url())]
    return []


def _menunggu_evaluasi(user):
    """Published LKIP of the years whose AKIP evaluation (LHE) is not recorded yet, oldest first."""
    dinilai = set(EvaluasiAkip.objects.values_list("opd_id", "tahun_dievaluasi"))
    daftar = [lkip for lkip in Lkip.objects.filter(versi_terbit__isnull=False).distinct()
              .select_related("opd").order_by("tahun", "opd__nama")
              if (lkip.opd_id, lkip.tahun) not in dinilai]
    if not daftar:
        return []
    rincian = tuple(f"LKIP {lkip.tahun} {lkip.opd.nama}" for lkip in daftar[:BATAS_EVALUASI])
    if len(daftar) > BATAS_EVALUASI:
        rincian += (f"… dan {len(daftar) - BATAS_EVALUASI} lainnya",)
    return [Tugas("warning", f"LKIP terbit menunggu evaluasi AKIP: {len(daftar)} dokumen",
                  reverse("lkip:indeks"), rincian)]
