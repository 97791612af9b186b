"""Workflows of the performance chain: the realisasi cycle, the PK grid, Renstra editing.

The arithmetic is in indikator.capaian, the year figures in
indikator.pengukuran, the unit page's rows in indikator.pengisian.
"""

from dataclasses import dataclass

from indikator.capaian import selisih_target_triwulan
from indikator.models import Indikator

# --- Quarterly realisasi entry ----------------------------------------------


def realisasi_ajukan(*, rows, user):
    """Submit (ajukan) every filled draft row of a unit's page; returns how many were submitted.

    All or nothing: a row someone changed meanwhile refuses the whole submit.
    """
    from django.db import transaction

    from indikator.models import Realisasi
    from portal.models import JendelaInput

    count = 0
    jendela = {}
    with transaction.atomic():
        for row in rows:
            realisasi = row.realisasi
            if realisasi is None or realisasi.kosong or realisasi.status != Realisasi.Status.DRAFT:
                continue
            opd = row.indikator.opd
            key = (opd.pk, realisasi.tahun, realisasi.triwulan)
            if key not in jendela:
                jendela[key] = JendelaInput.izin(opd=opd, tahun=realisasi.tahun, triwulan=realisasi.triwulan,
                                                 user=user)
            realisasi.ajukan(user=user, versi=realisasi.versi, jendela=jendela[key])
            count += 1
    return count


# --- Perjanjian Kinerja grid --------------------------------------------------


@dataclass
class BarisPk:
    """One indicator of a PK grid: the annual and the four triwulan targets."""

    indikator: Indikator
    pk_indikator: object = None
    triwulan: dict = None  # triwulan -> TargetTriwulan

    @property
    def selisih(self):
        """Σ triwulan − annual for a sum indicator (0 when they agree); None otherwise."""
        if self.pk_indikator is None or self.pk_indikator.kosong:
            return None
        values = {tw: t.nilai_eksak for tw, t in self.triwulan.items() if not t.kosong}
        return selisih_target_triwulan(self.indikator.agregasi, self.pk_indikator.nilai_eksak, values)

    @property
    def tidak_cocok(self):
        return self.selisih not in (None, 0)


def baris_pk(perjanjian, opd, tahun, jabatan=None):
    """The PK grid: its indicators plus every indicator of its level with a target that year not yet in it.

    The OPD's PK offers the IKU; a position's PK the indicators of its level
    (Jabatan.tingkat_indikator) that its unit and sub-units answer for.
    """
    from django.db.models import Prefetch

    from indikator.models import PkIndikator

    rows = {}
    if perjanjian is not None:
        for item in (PkIndikator.objects.filter(perjanjian=perjanjian).select_related("indikator", "mendukung")
                     .prefetch_related(Prefetch("triwulan"))):
            rows[item.indikator_id] = BarisPk(item.indikator, item, {t.triwulan: t for t in item.triwulan.all()})
    if jabatan is None:
        calon = Indikator.objects.dilaporkan(opd, tahun).filter(is_iku=True)
    else:
        calon = (Indikator.objects.filter(opd=opd, target__tahun=tahun, penanggung_jawab__in=jabatan.unit_tercakup())
                 .filter(jabatan.tingkat_indikator()).distinct())
    for indikator in calon.exclude(pk__in=rows.keys()):
        rows[indikator.pk] = BarisPk(indikator, None, {})
    return sorted(rows.values(), key=lambda r: (r.pk_indikator.urutan if r.pk_indikator else 999,
                                                r.indikator.urutan, r.indikator.pk))


def pk_simpan_target(*, perjanjian, versi, nilai, urutan_awal=1, mendukung=None):
    """Save the grid: `nilai` maps indikator -> {0: annual, 1..4: triwulan} of (number or predicate).

    `mendukung` (a position's PK) maps indikator -> the indicator one level up it supports, or None.

    A PK that is ditetapkan is locked. The PK's own version guards the whole
    grid (one form edits it), bumped without a save so its audit trail only
    records real changes; each changed target gets its own history record.
    """
    from django.db import transaction

    from indikator.models import PkIndikator, TargetTriwulan

    if perjanjian.terkunci:
        raise ValueError("PK ini sudah ditetapkan dan terkunci.")
    with transaction.atomic():
        perjanjian.klaim_versi(versi, status="draft")
        existing = {p.indikator_id: p for p in PkIndikator.objects.filter(perjanjian=perjanjian)}
        # urutan_awal: the grid is paginated; a row's order is its place in the whole PK.
        for urutan, (indikator, values) in enumerate(nilai.items(), start=urutan_awal):
            pk_ind = existing.get(indikator.pk)
            if pk_ind is None:
                if all(v is None for v in values.values()):
                    continue
                pk_ind = PkIndikator(perjanjian=perjanjian, indikator=indikator, urutan=urutan)
            berubah = pk_ind.isi_nilai(values.get(0))
            if mendukung is not None and pk_ind.mendukung_id != getattr(mendukung.get(indikator), "pk", None):
                pk_ind.mendukung, berubah = mendukung.get(indikator), True
            if berubah or pk_ind.pk is None:
                pk_ind.save()
            tws = {t.triwulan: t for t in pk_ind.triwulan.all()}
            for tw in range(1, 5):
                target = tws.get(tw)
                if values.get(tw) is None:
                    if target is not None:
                        target.delete()
                    continue
                target = target or TargetTriwulan(pk_indikator=pk_ind, triwulan=tw)
                if target.isi_nilai(values[tw]) or target.pk is None:
                    target.save()
    return perjanjian


def pk_tetapkan(*, perjanjian, versi, rows, tanggal_dpa=None):
    """Set a PK 'ditetapkan', which locks it; refused while a sum indicator's quarters disagree.

    `tanggal_dpa`: the date of the DPA it is signed on, so the check can tell a PK set late.
    """
    from indikator.models import PerjanjianKinerja

    salah = [r.indikator.kode for r in rows if r.tidak_cocok]
    if salah:
        raise ValueError("Target triwulan belum sama dengan target tahunan: " + ", ".join(salah) + ".")
    if not any(r.pk_indikator for r in rows):
        raise ValueError("PK belum memuat indikator.")
    from django.utils import timezone

    perjanjian.status = PerjanjianKinerja.Status.DITETAPKAN
    perjanjian.tanggal = perjanjian.tanggal or timezone.localdate()
    perjanjian.tanggal_dpa = tanggal_dpa or perjanjian.tanggal_dpa
    perjanjian.save_versioned(versi)
    return perjanjian


# --- Renstra editing ---------------------------------------------------------


def indikator_simpan(*, indikator, versi, target):
    """Save an indicator and its Renstra targets (`target`: tahun -> Decimal, predicate or None).

    The indicator's version guards its targets too (one form edits them), so
    a second editor of either is refused; a target emptied is removed, since
    a blank is absent rather than zero.
    """
    from django.db import transaction

    from indikator.models import Target

    with transaction.atomic():
        indikator.simpan_atau_buat(versi)
        existing = {t.tahun: t for t in Target.objects.filter(indikator=indikator)}
        for tahun, value in target.items():
            row = existing.get(tahun)
            if value is None:
                if row is not None:
                    row.delete()
                continue
            row = row or Target(indikator=indikator, tahun=tahun)
            if row.isi_nilai(value) or row.pk is None:
                row.save()
    return indikator


# --- Spreadsheet template and import of a triwulan's realisasi ---------------


