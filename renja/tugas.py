"""The Renja's lines of the home page's "Tugas saya" (dasbor.tugas asks RenjaConfig.tugas_saya).

A Renja is drawn up in the year before the one it plans: the perencana
takes it through its tahap, the pimpinan sets it (Penetapan) once it is in
Rancangan Akhir. Its consistency check lives on its page, which each line
links to (the check needs the whole document: too heavy for the home page).
"""

from django.urls import reverse

from portal.access import Role, can_edit_opd_data
from portal.tugas import Tugas
from renja.models import Renja


def tugas_renja(user, hari):
    if user.opd_id is None:
        return []
    tahun = hari.year + 1
    renja = Renja.objects.filter(opd=user.opd, tahun=tahun).first()
    if can_edit_opd_data(user, user.opd):
        if renja is None:
            return [Tugas("warning", f"Renja {tahun} belum dibuat: salin dari Renja {hari.year} atau buat baru",
                          reverse("renja:indeks"))]
        if renja.tahap != Renja.Tahap.PENETAPAN:
            return [Tugas("info", f"Renja {tahun} masih tahap {renja.get_tahap_display()}: periksa konsistensinya "
                                  f"lalu lanjutkan tahapnya", renja.get_absolute_url())]
    elif user.role == Role.PIMPINAN and renja is not None and renja.tahap == Renja.Tahap.RANCANGAN_AKHIR:
        return [Tugas("warning", f"Renja {tahun} Rancangan Akhir menunggu penetapan", renja.get_absolute_url())]
    return []
