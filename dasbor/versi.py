"""Per-OPD data versions for the dashboard cache: a save in one OPD recomputes only that OPD.

Each OPD has a counter in the table indikator_dasborversi: a plain table
without a Django model (nothing but this module reads or writes it), so it
stays where indikator/migrations/0007_dasbor_versi_tabel created it before
the dashboard was an app of its own; there is no model state to move.
Saving or deleting any row a dashboard figure is computed from bumps the
counter of the OPD that row belongs to, after the transaction commits;
nomenclature and predicate scales, which every OPD shows, bump the shared
counter (opd_id 0). A cached dashboard entry is keyed on the counters it
depends on, so it is never served after a committed change of its own data,
and a change in one OPD leaves the others' entries valid.

Writes that bypass model signals (QuerySet.update, bulk_create: generate_city)
do not bump; such a command sends portal.sinyal.ditulis_massal at its end,
and `setelah_tulis_massal` bumps the shared counter.

On by default on PostgreSQL; settings.DASBOR_CACHE = True/False forces it on
or off (the SQLite test suite runs without it, so other tests' query counts
do not see the bump).
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete

TABEL = "indikator_dasborversi"
BERSAMA = 0  # the counter every OPD's pages depend on


def aktif():
    value = getattr(settings, "DASBOR_CACHE", None)
    if value is None:
        return connection.vendor == "postgresql"
    return bool(value)


def versi_opd(opd_id):
    """(this OPD's counter, the shared counter): one query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT opd_id, versi FROM {TABEL} WHERE opd_id IN (%s, %s)", [opd_id, BERSAMA])
        found = dict(cursor.fetchall())
    return found.get(opd_id, 0), found.get(BERSAMA, 0)


def semua_versi():
    """{opd_id: counter} of every OPD with one (absent: 0), shared counter included: one query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT opd_id, versi FROM {TABEL}")
        return dict(cursor.fetchall())


_UPSERT = (
    f"INSERT INTO {TABEL} (opd_id, versi) SELECT opd_id, 1 FROM ({{sumber}}) AS sumber "
    f"WHERE opd_id IS NOT NULL ON CONFLICT (opd_id) DO UPDATE SET versi = {TABEL}.versi + 1"
)


def _bump(sumber, params):
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT.format(sumber=sumber), params)


def tandai(opd_id):
    """Mark an OPD's data changed (BERSAMA: every OPD's), once the transaction commits."""
    transaction.on_commit(lambda: _bump("SELECT %s AS opd_id", [opd_id]))


def tandai_semua():
    """After a bulk write that bypassed the signals: every cached dashboard is recomputed."""
    if aktif():
        _bump("SELECT %s AS opd_id", [BERSAMA])


def setelah_tulis_massal(sender, opd_id=None, **kwargs):
    """Receiver of portal.sinyal.ditulis_massal (DasborConfig.ready): the OPD written, or every OPD.

    Connected whether or not the cache is on, since tests turn it on after
    start-up; whether to bump is decided when the signal arrives.
    """
    if opd_id is None:
        tandai_semua()
    elif aktif():
        tandai(opd_id)


def _sumber(model, instance):
    """SQL giving the OPD id a row belongs to, and its parameters; None for shared data."""
    from anggaran.models import AnggaranAgregat, AnggaranKas, DpaSubKegiatan, RealisasiAnggaran
    from evaluasi.models import EvaluasiAkip, KomponenAkip, SurveiKepuasan, UnsurSkm
    from indikator.models import (
        Indikator,
        PerjanjianKinerja,
        PkIndikator,
        Realisasi,
        Renstra,
        Sasaran,
        Target,
        TargetTriwulan,
        Tujuan,
    )
    from portal.models import PerangkatDaerah

    langsung = "SELECT %s AS opd_id"
    if model is PerangkatDaerah:
        return langsung, [instance.pk]
    if model in (Renstra, Indikator, PerjanjianKinerja, EvaluasiAkip, SurveiKepuasan, DpaSubKegiatan,
                 AnggaranAgregat):
        return langsung, [instance.opd_id]
    t = {m: m._meta.db_table for m in (Renstra, Tujuan, Indikator, PkIndikator, EvaluasiAkip, SurveiKepuasan,
                                        DpaSubKegiatan)}
    if model is Tujuan:
        return f"SELECT opd_id FROM {t[Renstra]} WHERE id = %s", [instance.renstra_id]
    if model is Sasaran:
        return (f"SELECT r.opd_id FROM {t[Tujuan]} x JOIN {t[Renstra]} r ON r.id = x.renstra_id "
                "WHERE x.id = %s", [instance.tujuan_id])
    if model in (Target, Realisasi, PkIndikator):
        return f"SELECT opd_id FROM {t[Indikator]} WHERE id = %s", [instance.indikator_id]
    if model is TargetTriwulan:
        return (f"SELECT i.opd_id FROM {t[PkIndikator]} p JOIN {t[Indikator]} i ON i.id = p.indikator_id "
                "WHERE p.id = %s", [instance.pk_indikator_id])
    if model is KomponenAkip:
        return f"SELECT opd_id FROM {t[EvaluasiAkip]} WHERE id = %s", [instance.evaluasi_id]
    if model is UnsurSkm:
        return f"SELECT opd_id FROM {t[SurveiKepuasan]} WHERE id = %s", [instance.survei_id]
    if model in (AnggaranKas, RealisasiAnggaran):
        return f"SELECT opd_id FROM {t[DpaSubKegiatan]} WHERE id = %s", [instance.dpa_id]
    return None


def _disimpan(sender, instance, **kwargs):
    if not aktif():
        return
    sumber = _sumber(sender, instance)
    if sumber is None:
        tandai(BERSAMA)
        return
    sql, params = sumber
    # Resolved after the commit: the row and its parents exist then.
    transaction.on_commit(lambda: _bump(sql, params))


def _dihapus(sender, instance, **kwargs):
    """Resolved before the delete (its parent may go in the same cascade), bumped after the commit."""
    if not aktif():
        return
    sumber = _sumber(sender, instance)
    if sumber is None:
        tandai(BERSAMA)
        return
    with connection.cursor() as cursor:
        cursor.execute(sumber[0], sumber[1])
        row = cursor.fetchone()
    if row and row[0] is not None:
        tandai(row[0])


def _program_pendukung(sender, instance, action, reverse, **kwargs):
    if not aktif() or action not in ("post_add", "post_remove", "post_clear"):
        return
    from indikator.models import Sasaran

    if isinstance(instance, Sasaran):
        _disimpan(Sasaran, instance)
    else:
        tandai(BERSAMA)  # a program's sasaran changed from the program's side: rare, recompute all


def sambungkan():
    """Connect the signals (DasborConfig.ready)."""
    from anggaran.models import (
        AnggaranAgregat,
        AnggaranKas,
        DpaSubKegiatan,
        Kegiatan,
        Program,
        RealisasiAnggaran,
        SubKegiatan,
    )
    from evaluasi.models import EvaluasiAkip, KomponenAkip, SurveiKepuasan, UnsurSkm
    from indikator.models import (
        Indikator,
        PerjanjianKinerja,
        PkIndikator,
        PredikatAkip,
        Realisasi,
        Renstra,
        Sasaran,
        SkalaPredikat,
        Target,
        TargetTriwulan,
        Tujuan,
    )
    from portal.models import PerangkatDaerah

    models = [
        PerangkatDaerah, Renstra, Tujuan, Sasaran, Indikator, Target, PerjanjianKinerja, PkIndikator,
        TargetTriwulan, Realisasi, EvaluasiAkip, KomponenAkip, SurveiKepuasan, UnsurSkm, DpaSubKegiatan,
        AnggaranKas, RealisasiAnggaran, AnggaranAgregat,
        # Shared by every OPD's pages: names and codes of the nomenclature, predicate scales.
        Program, Kegiatan, SubKegiatan, SkalaPredikat, PredikatAkip,
    ]
    for model in models:
        uid = f"dasbor_versi_{model._meta.label_lower}"
        post_save.connect(_disimpan, sender=model, dispatch_uid=uid + "_save")
        pre_delete.connect(_dihapus, sender=model, dispatch_uid=uid + "_delete")
    m2m_changed.connect(_program_pendukung, sender=Sasaran.program_pendukung.through,
                        dispatch_uid="dasbor_versi_program_pendukung")
    return models


def putuskan():
    """Disconnect them again (tests that turn the cache on for a while)."""
    from indikator.models import Sasaran

    for model in sambungkan():
        uid = f"dasbor_versi_{model._meta.label_lower}"
        post_save.disconnect(sender=model, dispatch_uid=uid + "_save")
        pre_delete.disconnect(sender=model, dispatch_uid=uid + "_delete")
    m2m_changed.disconnect(sender=Sasaran.program_pendukung.through, dispatch_uid="dasbor_versi_program_pendukung")
