"""The rencana aksi's lines of the home page's "Tugas saya" (dasbor.tugas asks IndikatorConfig.tugas_saya).

An operator sees the progress returned to its unit, the actions of each open
quarter it has not recorded, and those off track; the perencana the progress
waiting for verification and the actions off track; the pimpinan those off
track. Three queries whatever the number of actions.
"""

from django.urls import reverse

from indikator.models import AksiTriwulan
from indikator.models.pk import q_berlaku
from portal.access import Role, can_edit_opd_data, unit_operator
from portal.angka import ROMAWI
from portal.models import JendelaInput
from portal.tugas import BELUM_DIISI, DIKEMBALIKAN, VERIFIKASI, Tugas


def tugas_rencana_aksi(user, hari):
    if user.opd_id is None or user.role not in (Role.OPERATOR, Role.PERENCANA, Role.PIMPINAN):
        return []
    opd = user.opd
    terbuka = {(j.tahun, j.triwulan): j for j in JendelaInput.terbuka_untuk(opd, hari)}
    tahun_list = {t for t, _ in terbuka} | {hari.year}
    rows = (AksiTriwulan.objects.filter(q_berlaku("rencana__pk_indikator__perjanjian__"),
                                        rencana__pk_indikator__perjanjian__opd=opd,
                                        rencana__pk_indikator__perjanjian__tahun__in=tahun_list)
            .select_related("rencana__pk_indikator__perjanjian").order_by("triwulan", "rencana__urutan"))
    unit = unit_operator(user)
    if unit is not None:
        rows = rows.filter(rencana__unit_id=unit)
    kelompok = {}
    for b in rows:
        tahun = b.rencana.pk_indikator.perjanjian.tahun
        jenis = ("kembali" if b.status == b.Status.DIKEMBALIKAN else "ajukan" if b.menunggu_verifikasi
                 else "tertinggal" if b.tertinggal else "kosong" if b.kosong and (tahun, b.triwulan) in terbuka
                 else None)
        if jenis:
            kelompok.setdefault((jenis, tahun, b.triwulan), []).append(b)
    return _baris(user, opd, kelompok, terbuka)


def _baris(user, opd, kelompok, terbuka):
    hasil = []
    perencana = can_edit_opd_data(user, opd)
    operator = user.role == Role.OPERATOR
    for (jenis, tahun, tw), daftar in sorted(kelompok.items(), key=lambda k: (k[0][1], k[0][2], k[0][0])):
        url = reverse("indikator:aksi_triwulan", kwargs={"opd": opd.pk, "tahun": tahun, "triwulan": tw})
        label = f"TW {ROMAWI[tw]} {tahun}"
        if jenis == "kembali" and operator:
            hasil.append(Tugas("danger", f"Progres rencana aksi {label} dikembalikan: {len(daftar)} aksi", url,
                               tuple(f"{b.rencana.uraian}: {b.catatan_verifikasi}" for b in daftar),
                               jenis=DIKEMBALIKAN))
        elif jenis == "ajukan" and perencana:
            hasil.append(Tugas("warning", f"Progres rencana aksi {label} menunggu verifikasi: {len(daftar)} aksi",
                               url, jenis=VERIFIKASI))
        elif jenis == "tertinggal":
            hasil.append(Tugas("warning", f"Rencana aksi {label} tertinggal dari target: {len(daftar)} aksi", url,
                               tuple(b.rencana.uraian for b in daftar)))
        elif jenis == "kosong" and operator:
            jendela = terbuka.get((tahun, tw))
            hasil.append(Tugas("warning", f"Progres rencana aksi {label} belum diisi: {len(daftar)} aksi", url,
                               jenis=BELUM_DIISI, tenggat=jendela.selesai if jendela else None))
    return hasil
