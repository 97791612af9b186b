"""The home page's "Tugas saya": what waits for a user, in every open period, each count a link to its list.

- operator: what the perencana returned (with the note), drafts not
  submitted, the quarters open for entry with their closing date, budget
  lines not entered;
- perencana: realisasi waiting for verification (per period and unit),
  units that have not filled, requests to open a quarter, the PK and DPA of
  the year, and what the documents' checks say (from each document app);
- pimpinan: the PK to sign, the documents waiting, the IKU at risk;
- evaluator and admin: the published documents waiting for evaluation, the
  window of the quarter due.

Every count comes from the functions the linked pages use
(indikator.pengisian, anggaran.rekap), so the home page and the page it
sends to agree. The document apps (lkip, renja) sit above this one, so they
name their own task function on their AppConfig (`tugas_saya`) and this
module asks each app that has one. The daily reminder mail
(dasbor.pengingat) sends the same list.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.apps import apps
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.module_loading import import_string

from anggaran.models import DpaSubKegiatan
from anggaran.rekap import anggaran_belum_diisi
from dasbor.konteks import iku_berisiko
from indikator.models import Indikator, PerjanjianKinerja
from indikator.pengisian import (
    baris_realisasi,
    realisasi_dikembalikan,
    realisasi_tertunda,
    rekap_pengisian,
    triwulan_pengisian,
)
from portal.access import Role, can_edit_opd_data
from portal.angka import ROMAWI
from portal.models import JendelaInput, PermintaanJendela
from portal.tugas import BELUM_DIISI, DIKEMBALIKAN, PERMINTAAN, VERIFIKASI, Tugas

# Returned items listed one by one with their note; past this the line's link lists them all.
BATAS_RINCIAN = 5


class Tautan(NamedTuple):
    teks: str
    url: str


@dataclass
class TugasSaya:
    tahun: int  # the triwulan due
    triwulan: int
    label: str  # "TW III 2026"
    tugas: list[Tugas] = field(default_factory=list)
    tautan: list[Tautan] = field(default_factory=list)
    jumlah: int = 0  # indicators the user's unit (or OPD) reports on for the triwulan due
    diverifikasi: int = 0
    selesai: bool = False  # every one of them entered, submitted and verified


def _label(tahun, triwulan):
    return f"TW {ROMAWI[triwulan]} {tahun}"


def _tanggal(hari):
    return date_format(hari, "j F Y")


def tugas_saya(user, hari):
    """What `user` should do now, `hari` being today ("Realisasi TW III 2026 belum diisi: 3 indikator")."""
    tahun, triwulan = triwulan_pengisian(hari)
    saya = TugasSaya(tahun=tahun, triwulan=triwulan, label=_label(tahun, triwulan))
    if user.opd_id is None:
        _tugas_semua_opd(saya, user, tahun, triwulan, hari)
    else:
        opd = user.opd
        operator = user.role == Role.OPERATOR
        unit = user.unit_kerja if operator else None
        _tugas_periode(saya, user, opd, unit, (tahun, triwulan), hari)
        tertunda = realisasi_tertunda(opd, unit)
        if operator:
            _tugas_unit(saya, opd, unit, tertunda, anggaran_belum_diisi(opd, tahun, triwulan).get(unit.pk, []))
        else:
            _tugas_opd(saya, user, opd, tahun, tertunda, anggaran_belum_diisi(opd, tahun, triwulan))
    for app in apps.get_app_configs():
        if getattr(app, "tugas_saya", None):
            saya.tugas += import_string(app.tugas_saya)(user, hari)
    return saya


def _url_periode(opd, tahun, triwulan, unit_id=None):
    kwargs = {"opd": opd.pk, "tahun": tahun, "triwulan": triwulan}
    if unit_id is None:
        return reverse("indikator:realisasi_rekap", kwargs=kwargs)
    return reverse("indikator:realisasi_unit", kwargs={**kwargs, "unit": unit_id})


def _tugas_periode(saya, user, opd, unit, due, hari):
    """Per quarter due or open for entry: what is not filled yet, and whether (until when) it can be.

    The quarter due is always read (its figures fill the summary); a quarter
    opened later (a request granted for TW II) is read while it is open.
    """
    # A quarter not ended yet is not reported on, even when its window is already open.
    terbuka = {(j.tahun, j.triwulan): j for j in JendelaInput.terbuka_untuk(opd, hari) if (j.tahun, j.triwulan) <= due}
    mengisi = unit is not None or can_edit_opd_data(user, opd)
    for tahun, triwulan in sorted({due} | set(terbuka)):
        qs = Indikator.objects.dilaporkan(opd, tahun)
        if unit is not None:
            qs = qs.filter(penanggung_jawab=unit)
        rekap = rekap_pengisian(baris_realisasi(qs, tahun, triwulan))
        belum = sum(r.belum_diisi for r in rekap)
        label, jendela = _label(tahun, triwulan), terbuka.get((tahun, triwulan))
        url = _url_periode(opd, tahun, triwulan, unit.pk if unit is not None else None)
        if (tahun, triwulan) == due:
            saya.jumlah = sum(r.jumlah for r in rekap)
            saya.diverifikasi = sum(r.diverifikasi for r in rekap)
            saya.selesai = bool(saya.jumlah) and all(r.selesai for r in rekap)
            belum_selesai = belum or any(r.belum_diajukan for r in rekap)
            if jendela is None and mengisi and belum_selesai:
                if unit is not None:  # the unit page holds the button that asks the perencana
                    saya.tugas.append(Tugas("secondary", f"Pengisian realisasi {label} sedang ditutup; minta "
                                                         f"perencana membukanya bila masih ada yang harus diisi", url))
                else:
                    saya.tugas.append(Tugas("warning", f"Pengisian realisasi {label} sedang ditutup: buka untuk "
                                                       f"unit kerja", reverse("jendela:halaman", kwargs={
                                                           "opd": opd.pk, "tahun": tahun}) + f"#tw{triwulan}"))
        if not belum:
            continue
        sampai = ""
        if jendela is not None:
            sampai = f"; dibuka sampai {_tanggal(jendela.selesai)}" if jendela.selesai else "; sedang dibuka"
        if unit is not None:
            saya.tugas.append(Tugas("danger", f"Realisasi {label} belum diisi: {belum} indikator{sampai}", url,
                                    jenis=BELUM_DIISI, tenggat=jendela.selesai if jendela else None))
        else:
            n_unit = sum(1 for r in rekap if r.belum_diisi)
            saya.tugas.append(Tugas("warning", f"Realisasi {label} belum diisi: {belum} indikator dari "
                                               f"{n_unit} unit kerja{sampai}", url))


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


def _rincian_dikembalikan(opd, unit, n):
    """One line per returned item with who returned it and why; "… dan N lainnya" past the limit."""
    lines = []
    for r in realisasi_dikembalikan(opd, unit, batas=BATAS_RINCIAN):
        oleh = f" ({r.diverifikasi_oleh})" if r.diverifikasi_oleh else ""
        lines.append(f"{_label(r.tahun, r.triwulan)} · {r.indikator.nama}: "
                     f"\u201c{r.catatan_verifikasi or 'tanpa catatan'}\u201d{oleh}")
    if n > len(lines):
        lines.append(f"… dan {n - len(lines)} lainnya")
    return tuple(lines)


def _tugas_unit(saya, opd, unit, tertunda, lines):
    """An operator: its unit's realisasi waiting in any period, and its budget lines of the triwulan due."""
    dikembalikan = sum(t.dikembalikan for t in tertunda)
    if dikembalikan:
        pertama = next(t for t in tertunda if t.dikembalikan)
        saya.tugas.append(Tugas(
            "danger", f"Dikembalikan perencana, perlu diperbaiki: {dikembalikan} realisasi",
            _url_periode(opd, pertama.tahun, pertama.triwulan, unit.pk),
            _rincian_dikembalikan(opd, unit, dikembalikan), jenis=DIKEMBALIKAN))
    for t in tertunda:
        url = _url_periode(opd, t.tahun, t.triwulan, unit.pk)
        if t.draft:
            saya.tugas.append(Tugas("warning", f"Sudah diisi tetapi belum diajukan: {t.draft} realisasi "
                                               f"{_label(t.tahun, t.triwulan)}", url))
        if t.diajukan:
            saya.tugas.append(Tugas("info", f"Menunggu verifikasi perencana: {t.diajukan} realisasi "
                                            f"{_label(t.tahun, t.triwulan)}", url))
    if lines:
        # The unit's page lists its budget lines of the triwulan, each linked to where it is entered.
        url = _url_periode(opd, saya.tahun, saya.triwulan, unit.pk)
        saya.tugas.append(Tugas("danger", f"Realisasi anggaran {saya.label} belum diisi: {len(lines)} sub "
                                          f"kegiatan", url + "#judul-anggaran"))


def _tugas_opd(saya, user, opd, tahun, tertunda, anggaran_belum):
    """The perencana and the pimpinan: what waits in every period; the perencana also its PK, DPA, requests."""
    perencana = can_edit_opd_data(user, opd)
    for t in tertunda:
        label = _label(t.tahun, t.triwulan)
        if t.diajukan and perencana:
            saya.tugas.append(Tugas("danger", f"Realisasi {label} menunggu verifikasi Anda: {t.diajukan} "
                                              f"indikator dari {t.unit_nama}",
                                    _url_periode(opd, t.tahun, t.triwulan, t.unit_id), jenis=VERIFIKASI))
    belum_diajukan = {}
    for t in tertunda:
        if t.draft + t.dikembalikan:
            kunci = (t.tahun, t.triwulan)
            belum_diajukan[kunci] = belum_diajukan.get(kunci, 0) + t.draft + t.dikembalikan
    for (th, tw), n in belum_diajukan.items():
        saya.tugas.append(Tugas("warning", f"Realisasi {_label(th, tw)} belum diajukan unit: {n} indikator",
                                _url_periode(opd, th, tw)))
    lines = sum(len(v) for v in anggaran_belum.values())
    if lines:
        saya.tugas.append(Tugas("warning", f"Realisasi anggaran {saya.label} belum diisi: {lines} sub kegiatan",
                                _url_periode(opd, saya.tahun, saya.triwulan)))
    # The OPD's own agreement (not a position's), its latest version: a revision being drafted counts.
    pk = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).tingkat_opd().terbaru().order_by("jenis").first()
    pk_url = reverse("indikator:pk", kwargs={"opd": opd.pk, "tahun": tahun})
    if perencana:
        for p in PermintaanJendela.objects.menunggu(opd).select_related("unit_kerja"):
            saya.tugas.append(Tugas("danger", f"{p.unit_kerja} meminta pengisian {p.periode} dibuka",
                                    p.get_absolute_url(), (p.catatan,) if p.catatan else (), jenis=PERMINTAAN))
        if pk is None:
            saya.tugas.append(Tugas("warning", f"Perjanjian Kinerja {tahun} belum dibuat", pk_url))
        elif pk.status != PerjanjianKinerja.Status.DITETAPKAN:
            saya.tugas.append(Tugas("warning", f"Perjanjian Kinerja {tahun} masih draf: lengkapi target "
                                               f"triwulan lalu tetapkan", pk_url))
        if not DpaSubKegiatan.objects.filter(opd=opd, tahun=tahun).exists():
            saya.tugas.append(Tugas("warning", f"DPA {tahun} belum diisi: impor dari XLSX",
                                    reverse("anggaran:dpa_impor", kwargs={"opd": opd.pk, "tahun": tahun})))
    if user.role == Role.PIMPINAN:
        if pk is not None and pk.status != PerjanjianKinerja.Status.DITETAPKAN:
            saya.tugas.append(Tugas("warning", f"Perjanjian Kinerja {tahun} menunggu ditetapkan dan "
                                               f"ditandatangani", pk_url))
        dasbor_url = reverse("dasbor:opd")
        for c in iku_berisiko(opd, tahun):
            saya.tugas.append(Tugas("danger", f"IKU berisiko: {c.indikator.nama} ({c.status_label})",
                                    reverse("dasbor:iku", kwargs={"pk": c.indikator.pk}) + f"?tahun={tahun}"))
        saya.tautan.append(Tautan("Dasbor kinerja perangkat daerah", dasbor_url))
