"""The home page's "Yang perlu dikerjakan sekarang": what waits for a user in the triwulan due now.

Tasks (coloured, linked) come from the triwulan due now: performance
realisasi, realisasi anggaran, the input window, and for the perencana the
PK and DPA of the year. Links (`tautan`) are where a reader starts. Every
count comes from the pages the task links to (indikator.pengisian,
anggaran.rekap), so the home page and the page it sends to agree.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.urls import reverse

from anggaran.models import DpaSubKegiatan
from anggaran.rekap import anggaran_belum_diisi
from indikator.models import Indikator, PerjanjianKinerja
from indikator.pengisian import baris_realisasi, rekap_pengisian, triwulan_pengisian
from portal.access import Role, can_edit_opd_data
from portal.angka import ROMAWI
from portal.models import JendelaInput


class Tugas(NamedTuple):
    warna: str  # Bootstrap colour of the list item: danger for what is late or returned
    teks: str
    url: str


class Tautan(NamedTuple):
    teks: str
    url: str


@dataclass
class TugasSaya:
    label: str  # the triwulan due, "TW III 2026"
    tugas: list[Tugas] = field(default_factory=list)
    tautan: list[Tautan] = field(default_factory=list)
    jumlah: int = 0  # indicators the user's unit (or OPD) reports on for the triwulan
    diverifikasi: int = 0
    selesai: bool = False  # every one of them entered, submitted and verified


def tugas_saya(user, hari):
    """What `user` should do now, `hari` being today ("Realisasi TW III belum diisi: 3 indikator")."""
    tahun, triwulan = triwulan_pengisian(hari)
    saya = TugasSaya(label=f"TW {ROMAWI[triwulan]} {tahun}")
    if user.opd_id is None:
        _tugas_semua_opd(saya, user, tahun, triwulan, hari)
        return saya
    opd = user.opd
    operator = user.role == Role.OPERATOR
    qs = Indikator.objects.dilaporkan(opd, tahun)
    if operator:
        qs = qs.filter(penanggung_jawab=user.unit_kerja_id)
    rekap = rekap_pengisian(baris_realisasi(qs, tahun, triwulan))
    n = {k: sum(getattr(r, k) for r in rekap)
         for k in ("belum_diisi", "draft", "dikembalikan", "diajukan", "jumlah", "diverifikasi")}
    anggaran_belum = anggaran_belum_diisi(opd, tahun, triwulan)
    jendela = JendelaInput.untuk(opd, tahun, triwulan)
    terbuka = jendela is not None and jendela.terbuka_pada(hari)
    if (operator or can_edit_opd_data(user, opd)) and not terbuka and (
            n["belum_diisi"] or n["draft"] or n["dikembalikan"]):
        saya.tugas.append(Tugas("secondary", f"Pengisian realisasi {saya.label} sedang ditutup; minta admin "
                                             f"membukanya bila masih ada yang harus diisi",
                                reverse("indikator:indeks")))
    kwargs = {"opd": opd.pk, "tahun": tahun, "triwulan": triwulan}
    if operator:
        url = reverse("indikator:realisasi_unit", kwargs={**kwargs, "unit": user.unit_kerja_id})
        _tugas_unit(saya, n, anggaran_belum.get(user.unit_kerja_id, []), url)
    else:
        url = reverse("indikator:realisasi_rekap", kwargs=kwargs)
        _tugas_opd(saya, user, opd, tahun, n, rekap, anggaran_belum, url)
    saya.jumlah, saya.diverifikasi = n["jumlah"], n["diverifikasi"]
    saya.selesai = bool(n["jumlah"]) and all(r.selesai for r in rekap)
    return saya


def _tugas_semua_opd(saya, user, tahun, triwulan, hari):
    """Readers of every OPD start from the lists; the admin also keeps the input window of the triwulan."""
    saya.tautan.append(Tautan("Realisasi kinerja per perangkat daerah", reverse("indikator:indeks")))
    saya.tautan.append(Tautan("Anggaran dan serapan per perangkat daerah", reverse("anggaran:indeks")))
    saya.tautan.append(Tautan("Dasbor kota", reverse("dasbor:kota")))
    if user.is_superuser or user.role == Role.ADMIN:
        jendela = JendelaInput.untuk(None, tahun, triwulan)
        buka = jendela is not None and jendela.terbuka_pada(hari)
        saya.tugas.append(Tugas("info" if buka else "warning",
                                f"Pengisian realisasi {saya.label} untuk semua perangkat daerah "
                                f"{'dibuka' if buka else 'belum dibuka'}: atur jendela input",
                                reverse("admin:portal_jendelainput_changelist")))


def _tugas_unit(saya, n, lines, url):
    """An operator: its unit's realisasi by state, and its budget lines of the triwulan not entered."""
    label = saya.label
    if n["belum_diisi"]:
        saya.tugas.append(Tugas("danger", f"Realisasi {label} belum diisi: {n['belum_diisi']} indikator", url))
    if n["dikembalikan"]:
        saya.tugas.append(Tugas("danger", f"Dikembalikan perencana, perlu diperbaiki: {n['dikembalikan']} "
                                          f"realisasi", url))
    if n["draft"]:
        saya.tugas.append(Tugas("warning", f"Sudah diisi tetapi belum diajukan: {n['draft']} realisasi", url))
    if n["diajukan"]:
        saya.tugas.append(Tugas("info", f"Menunggu verifikasi perencana: {n['diajukan']} realisasi", url))
    if lines:
        # The unit's page lists its budget lines of the triwulan, each linked to where it is entered.
        saya.tugas.append(Tugas("danger", f"Realisasi anggaran {label} belum diisi: {len(lines)} sub kegiatan",
                                url + "#judul-anggaran"))


def _tugas_opd(saya, user, opd, tahun, n, rekap, anggaran_belum, url):
    """The perencana and the pimpinan: the OPD's realisasi by unit; the perencana also its PK and DPA."""
    label = saya.label
    if n["diajukan"] and can_edit_opd_data(user, opd):
        saya.tugas.append(Tugas("danger", f"Realisasi {label} menunggu verifikasi Anda: {n['diajukan']} "
                                          f"indikator", url))
    unit_belum = [r for r in rekap if r.belum_diisi]
    if unit_belum:
        saya.tugas.append(Tugas("warning", f"Realisasi {label} belum diisi: {n['belum_diisi']} indikator dari "
                                           f"{len(unit_belum)} unit kerja", url))
    if n["draft"] + n["dikembalikan"]:
        saya.tugas.append(Tugas("warning", f"Realisasi {label} belum diajukan unit: "
                                           f"{n['draft'] + n['dikembalikan']} indikator", url))
    lines = sum(len(v) for v in anggaran_belum.values())
    if lines:
        saya.tugas.append(Tugas("warning", f"Realisasi anggaran {label} belum diisi: {lines} sub kegiatan", url))
    if can_edit_opd_data(user, opd):
        pk = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("jenis").first()
        pk_url = reverse("indikator:pk", kwargs={"opd": opd.pk, "tahun": tahun})
        if pk is None:
            saya.tugas.append(Tugas("warning", f"Perjanjian Kinerja {tahun} belum dibuat", pk_url))
        elif pk.status != PerjanjianKinerja.Status.DITETAPKAN:
            saya.tugas.append(Tugas("warning", f"Perjanjian Kinerja {tahun} masih draf: lengkapi target "
                                               f"triwulan lalu tetapkan", pk_url))
        if not DpaSubKegiatan.objects.filter(opd=opd, tahun=tahun).exists():
            saya.tugas.append(Tugas("warning", f"DPA {tahun} belum diisi: impor dari XLSX",
                                    reverse("anggaran:dpa_impor", kwargs={"opd": opd.pk, "tahun": tahun})))
    if user.role == Role.PIMPINAN:
        saya.tautan.append(Tautan("Dasbor kinerja perangkat daerah", reverse("dasbor:opd")))
