"""Input windows in the browser: the perencana opens and closes a triwulan, units ask for it to be opened.

Who may enter what stays in one place (JendelaInput.izin, through
Realisasi.alasan_ditolak and DpaSubKegiatan.alasan_ditolak_realisasi); this
module only changes windows and answers requests, and reads what the pages
show about them.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from portal.access import can_edit_opd_data
from portal.angka import ROMAWI
from portal.models import AksiDitolak, JendelaInput, PermintaanJendela, User

KEADAAN_LABEL = {
    "dibuka": "Dibuka",
    "dijadwalkan": "Dijadwalkan",
    "ditutup": "Ditutup",
    "belum": "Belum dibuka",
}


def _periode(tahun, triwulan):
    return f"TW {ROMAWI[triwulan]} {tahun}"


def _tanggal(hari):
    return date_format(hari, "j F Y")


# --- Changing windows ----------------------------------------------------------


def jendela_simpan(*, jendela, versi, user, alasan=None):
    """Save a window under its lock and answer the requests it now opens → how many it answered.

    The page and the admin both save through here. `versi`: the version the
    form was read at (None: the form saw no row). Someone's save in between
    raises EditConflict and nothing is written.
    """
    jendela._history_user = user
    jendela._change_reason = (alasan or "")[:100] or None
    with transaction.atomic():
        jendela.simpan_atau_buat(versi)
        return _penuhi_permintaan(jendela, user)


class Perubahan(NamedTuple):
    jendela: JendelaInput
    berubah: bool  # False: it already was in the state asked for
    dipenuhi: int  # waiting requests the change answered


def jendela_atur(*, opd, tahun, triwulan, dibuka, tanggal=None, versi, user, alasan=None):
    """Set the OPD's own window of a triwulan (created on its first change) → Perubahan.

    `tanggal`: (mulai, selesai), either may be None; None keeps the window's
    dates (closing does not forget them). The same state submitted twice (a
    double click, or two perencana making the same decision) changes nothing
    and is no conflict: nothing would be overwritten.
    """
    jendela = JendelaInput.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).first()
    if tanggal is None:
        tanggal = (jendela.mulai, jendela.selesai) if jendela else (None, None)
    if jendela is not None and (jendela.dibuka, jendela.mulai, jendela.selesai) == (dibuka, *tanggal):
        return Perubahan(jendela, False, 0)
    jendela = jendela or JendelaInput(opd=opd, tahun=tahun, triwulan=triwulan)
    jendela.dibuka, (jendela.mulai, jendela.selesai) = dibuka, tanggal
    dipenuhi = jendela_simpan(jendela=jendela, versi=versi if jendela.pk else None, user=user, alasan=alasan)
    return Perubahan(jendela, True, dipenuhi)


def _penuhi_permintaan(jendela, user):
    """Waiting requests of the quarter this window now opens (today or from a later day) are met.

    A window for every OPD meets the requests of the OPDs without their own
    window of that quarter (their own one is the one in force).
    """
    hari = timezone.localdate()
    if not jendela.akan_terbuka(hari):
        return 0
    qs = PermintaanJendela.objects.menunggu().filter(tahun=jendela.tahun, triwulan=jendela.triwulan)
    if jendela.opd_id is not None:
        qs = qs.filter(opd=jendela.opd_id)
    else:
        qs = qs.exclude(opd__in=JendelaInput.objects.filter(
            tahun=jendela.tahun, triwulan=jendela.triwulan, opd__isnull=False).values("opd"))
    jawaban = "Dibuka" + (f" sampai {_tanggal(jendela.selesai)}" if jendela.selesai else "") + "."
    dipenuhi = 0
    for permintaan in qs.select_related("unit_kerja"):
        try:
            permintaan.jawab(status=PermintaanJendela.Status.DIPENUHI, user=user, jawaban=jawaban)
        except AksiDitolak:
            continue  # answered by someone else meanwhile; the window opens all the same
        dipenuhi += 1
    return dipenuhi


# --- Requests to open a triwulan -----------------------------------------------


def permintaan_jendela_ajukan(*, unit, tahun, triwulan, user, catatan=""):
    """The operator of `unit` asks its perencana to open a closed triwulan; one waiting request per unit.

    A second request while one waits (a second click, a double submit, a
    colleague of the same unit) is refused with when and by whom it was asked.
    """
    opd = unit.opd
    if user.role != User.Role.OPERATOR or user.unit_kerja_id != unit.pk:
        raise AksiDitolak("Hanya operator unit kerja ini yang dapat meminta pembukaan pengisian.")
    jendela, terbuka = JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=user)
    if terbuka:
        raise AksiDitolak(f"Pengisian realisasi {_periode(tahun, triwulan)} sedang dibuka; tidak perlu diminta.")
    try:
        with transaction.atomic():
            return PermintaanJendela.objects.create(
                opd=opd, unit_kerja=unit, tahun=tahun, triwulan=triwulan, catatan=catatan, diminta_oleh=user)
    except IntegrityError:
        pass
    ada = PermintaanJendela.objects.menunggu().filter(unit_kerja=unit, tahun=tahun, triwulan=triwulan).first()
    kapan = f" oleh {ada.diminta_oleh or '-'} pada {_tanggal(timezone.localtime(ada.diminta_pada))}" if ada else ""
    raise AksiDitolak(f"Pembukaan {_periode(tahun, triwulan)} sudah diminta{kapan}; "
                      f"tunggu jawaban perencana.")


def permintaan_jendela_penuhi(*, permintaan, user, versi, selesai=None):
    """The perencana grants a request: the OPD's window of that triwulan opens today (until `selesai`).

    Opening it answers every waiting request of that quarter in the OPD.
    `versi`: the version of the OPD's window the page showed (None: none).
    """
    if not can_edit_opd_data(user, permintaan.opd):
        raise AksiDitolak("Hanya perencana perangkat daerah yang membuka pengisian.")
    if permintaan.status != PermintaanJendela.Status.MENUNGGU:
        raise AksiDitolak(f"Permintaan {permintaan.unit_kerja} untuk {permintaan.periode} sudah dijawab.")
    hari = timezone.localdate()
    if selesai is not None and selesai < hari:
        raise AksiDitolak(f"Tanggal selesai ({_tanggal(selesai)}) sudah lewat; pilih hari ini atau sesudahnya.")
    with transaction.atomic():
        jendela = jendela_atur(opd=permintaan.opd, tahun=permintaan.tahun, triwulan=permintaan.triwulan,
                               dibuka=True, tanggal=(hari, selesai), versi=versi, user=user,
                               alasan=f"Dibuka atas permintaan {permintaan.unit_kerja}").jendela
        permintaan.refresh_from_db()
        if permintaan.status == PermintaanJendela.Status.MENUNGGU:
            # The window was already as asked (nothing saved), so nothing answered it yet.
            permintaan.jawab(status=PermintaanJendela.Status.DIPENUHI, user=user, jawaban="Dibuka.")
    return jendela


def _akhir_triwulan(tahun, triwulan):
    if triwulan == 4:
        return datetime.date(tahun, 12, 31)
    return datetime.date(tahun, 3 * triwulan + 1, 1) - datetime.timedelta(days=1)


# --- What the pages show --------------------------------------------------------


@dataclass
class TriwulanJendela:
    """One triwulan on the window page: the window in force, the OPD's own, the requests waiting."""

    tahun: int
    triwulan: int
    jendela: JendelaInput | None
    milik: JendelaInput | None
    keadaan: str
    ditutup_sejak: datetime.date | None
    permintaan: list = field(default_factory=list)
    diubah: object = None  # the latest audit record of the OPD's own window
    form: object = None

    @property
    def romawi(self):
        return ROMAWI[self.triwulan]

    @property
    def label(self):
        return KEADAAN_LABEL[self.keadaan]

    @property
    def versi(self):
        return self.milik.versi if self.milik else ""


def keadaan_jendela(jendela, hari):
    """The state key of KEADAAN_LABEL of the window in force (None: no window)."""
    return "belum" if jendela is None else jendela.keadaan(hari)


def triwulan_jendela(opd, tahun, hari=None):
    """The four triwulan of a year on the window page (a fixed number of queries)."""
    hari = hari or timezone.localdate()
    menunggu = {}
    for p in PermintaanJendela.objects.menunggu(opd).filter(tahun=tahun).select_related("unit_kerja",
                                                                                          "diminta_oleh"):
        menunggu.setdefault(p.triwulan, []).append(p)
    rows = []
    for tw in range(1, 5):
        jendela = JendelaInput.untuk(opd, tahun, tw)
        milik = jendela if jendela is not None and jendela.opd_id == opd.pk else None
        rows.append(TriwulanJendela(
            tahun=tahun, triwulan=tw, jendela=jendela, milik=milik, keadaan=keadaan_jendela(jendela, hari),
            ditutup_sejak=jendela.ditutup_sejak(hari) if jendela else None, permintaan=menunggu.get(tw, [])))
    milik = {r.milik.pk: r for r in rows if r.milik}
    if milik:
        for catatan in (JendelaInput.history.filter(id__in=milik).select_related("history_user")
                        .order_by("id", "-history_date", "-history_id")):
            if milik[catatan.id].diubah is None:
                milik[catatan.id].diubah = catatan
    return rows


def riwayat_permintaan(opd, tahun):
    """The answered requests of a year, newest first."""
    return (PermintaanJendela.objects.filter(opd=opd, tahun=tahun).exclude(status=PermintaanJendela.Status.MENUNGGU)
            .select_related("unit_kerja", "diminta_oleh", "dijawab_oleh").order_by("-dijawab_pada", "-pk"))


@dataclass
class JendelaUnit:
    """A unit's triwulan as the unit page and the DPA line page show it."""

    tahun: int
    triwulan: int
    jendela: JendelaInput | None
    terbuka: bool
    pesan: object
    permintaan: PermintaanJendela | None
    boleh_minta: bool

    @property
    def romawi(self):
        return ROMAWI[self.triwulan]

    @property
    def menunggu(self):
        return self.permintaan is not None and self.permintaan.status == PermintaanJendela.Status.MENUNGGU


def jendela_unit(*, opd, unit, tahun, triwulan, user, permintaan=None, izin=None):
    """Is the triwulan open to `user`, what is a unit told when not, and what became of its last request.

    `permintaan`: the unit's latest request of the quarter, when the caller
    read the requests of several quarters at once (False: it read none).
    """
    jendela, terbuka = izin or JendelaInput.izin(opd=opd, tahun=tahun, triwulan=triwulan, user=user)
    if permintaan is None:
        permintaan = (PermintaanJendela.objects.filter(unit_kerja=unit, tahun=tahun, triwulan=triwulan)
                      .select_related("diminta_oleh", "dijawab_oleh").order_by("-diminta_pada", "-pk").first())
    permintaan = permintaan or None
    operator = user.role == User.Role.OPERATOR and user.unit_kerja_id == unit.pk
    return JendelaUnit(
        tahun=tahun, triwulan=triwulan, jendela=jendela, terbuka=terbuka,
        pesan=None if terbuka else JendelaInput.pesan_tertutup(jendela, tahun, triwulan, opd=opd),
        permintaan=permintaan,
        boleh_minta=operator and not terbuka and (permintaan is None
                                                  or permintaan.status != PermintaanJendela.Status.MENUNGGU),
    )


def jendela_dpa(*, dpa, user, hari=None):
    """The triwulan of a DPA line closed to the operator of its unit, among those already ended.

    Realisasi of a quarter is reported after it ends (TW III in October), so
    a quarter still running is not offered for a request.
    """
    hari = hari or timezone.localdate()
    if dpa.unit_kerja_id is None or user.role != User.Role.OPERATOR or user.unit_kerja_id != dpa.unit_kerja_id:
        return []
    berakhir = [tw for tw in range(1, 5) if _akhir_triwulan(dpa.tahun, tw) < hari]
    terakhir = {}
    for p in (PermintaanJendela.objects.filter(unit_kerja=dpa.unit_kerja_id, tahun=dpa.tahun)
              .filter(triwulan__in=berakhir).select_related("diminta_oleh", "dijawab_oleh")
              .order_by("diminta_pada", "pk")):
        terakhir[p.triwulan] = p
    result = []
    for tw in berakhir:
        izin = JendelaInput.izin(opd=dpa.opd, tahun=dpa.tahun, triwulan=tw, user=user)
        if not izin[1]:
            result.append(jendela_unit(opd=dpa.opd, unit=dpa.unit_kerja, tahun=dpa.tahun, triwulan=tw, user=user,
                                       permintaan=terakhir.get(tw, False), izin=izin))
    return result
