"""Rencana aksi of a year: the plans of every PK in force, saving a plan, and each quarter's progress rows."""

from django.db import transaction
from django.db.models import Prefetch, Q

from indikator.models import AksiTriwulan, PkIndikator, RencanaAksi
from indikator.models.pk import q_berlaku
from portal.access import unit_operator
from portal.models import AksiDitolak


def pk_indikator_tahun(opd, tahun):
    """The indicators of every PK in force of a year, at every level: what a rencana aksi can hang on."""
    return (PkIndikator.objects.filter(q_berlaku("perjanjian__"), perjanjian__opd=opd, perjanjian__tahun=tahun)
            .select_related("indikator", "perjanjian__jabatan").order_by("perjanjian__jabatan__eselon",
                                                                         "perjanjian__jabatan__urutan", "urutan"))


def rencana_aksi_tahun(opd, tahun, user=None, indikator=None):
    """The plans of a year with their quarters, in a fixed number of queries; an operator's are its unit's.

    `indikator`: only the plans behind it — on its own PK row, or on a lower PK's row that supports it
    (the IKU drill-down shows these).
    """
    qs = (RencanaAksi.objects.filter(q_berlaku("pk_indikator__perjanjian__"), pk_indikator__perjanjian__opd=opd,
                                     pk_indikator__perjanjian__tahun=tahun)
          .select_related("pk_indikator__indikator", "pk_indikator__perjanjian__jabatan",
                          "pk_indikator__perjanjian__opd", "unit", "jabatan", "sub_kegiatan")
          .prefetch_related(Prefetch("triwulan", queryset=AksiTriwulan.objects.order_by("triwulan")))
          .order_by("pk_indikator__perjanjian__jabatan__eselon", "pk_indikator__urutan", "urutan", "pk"))
    if indikator is not None:
        qs = qs.filter(Q(pk_indikator__indikator=indikator) | Q(pk_indikator__mendukung=indikator))
    unit = unit_operator(user) if user is not None else None
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    hasil = list(qs)
    for rencana in hasil:
        per_tw = {t.triwulan: t for t in rencana.triwulan.all()}
        rencana.per_tw = [per_tw.get(tw) for tw in range(1, 5)]
    return hasil


def rencana_aksi_simpan(*, rencana, versi, target):
    """Save a plan and its quarterly targets (`target`: triwulan -> Decimal or None) under the plan's lock.

    A quarter whose progress is verified keeps its target: the verified figure was judged against it.
    """
    with transaction.atomic():
        baru = rencana.pk is None
        rencana.simpan_atau_buat(None if baru else versi)
        ada = {t.triwulan: t for t in AksiTriwulan.objects.select_for_update().filter(rencana=rencana)}
        for tw in range(1, 5):
            baris = ada.get(tw) or AksiTriwulan(rencana=rencana, triwulan=tw)
            if baris.target == target.get(tw) and baris.pk:
                continue
            if baris.terkunci:
                raise AksiDitolak(f"Target TW {tw} tidak dapat diubah: progresnya sudah diverifikasi.")
            baris.target = target.get(tw)
            baris._change_reason = "Target rencana aksi"
            baris.save()
    return rencana


def aksi_triwulan(rencana_list, triwulan):
    """(plan, its row of that quarter) for a progress page; a row not yet saved is made in memory."""
    hasil = []
    for rencana in rencana_list:
        baris = rencana.per_tw[triwulan - 1] or AksiTriwulan(rencana=rencana, triwulan=triwulan)
        baris.rencana = rencana  # the plan already loaded: no query per row for its PK, OPD and unit
        hasil.append((rencana, baris))
    return hasil
