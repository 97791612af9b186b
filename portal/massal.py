"""Writing many rows of one model at once, each keeping its audit-trail row (simple_history).

Django's bulk_update builds a CASE expression of one Q object per row: for
a 5 000-line import that Python work took ten seconds, longer than the
database. Here one `UPDATE … FROM (VALUES …)` per batch sets the fields
(PostgreSQL, and SQLite from 3.33), and the history rows go in with
bulk_history_create as simple_history's own bulk helpers do.
"""

from django.db import connection
from django.utils import timezone

BARIS_PER_PERINTAH = 500


def _ukuran_batch(jumlah_kolom):
    batas = connection.features.max_query_params or 65535
    return max(1, min(BARIS_PER_PERINTAH, batas // (jumlah_kolom + 1)))


def perbarui_massal(objs, fields, *, user=None, alasan=None):
    """Save `fields` of the already-changed instances `objs` (one model), and one history row each.

    The caller holds the rows' lock (their versions checked under
    select_for_update) and sets `versi` itself where the rows carry one.
    """
    objs = list(objs)
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    kolom = [meta.get_field(f) for f in fields]
    qn = connection.ops.quote_name
    pk = meta.pk
    ukuran = _ukuran_batch(len(kolom))
    with connection.cursor() as cursor:
        for awal in range(0, len(objs), ukuran):
            batch = objs[awal:awal + ukuran]
            baris, params = [], []
            for obj in batch:
                baris.append("(" + ", ".join(["%s"] * (len(kolom) + 1)) + ")")
                params.append(pk.get_db_prep_value(obj.pk, connection))
                params += [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in kolom]
            # Both databases name a VALUES list's columns column1, column2, …: the key, then the fields.
            setel = ", ".join(f"{qn(f.column)} = CAST(v.column{i + 2} AS {f.cast_db_type(connection)})"
                              for i, f in enumerate(kolom))
            cursor.execute(
                f"UPDATE {qn(meta.db_table)} SET {setel} FROM (VALUES {', '.join(baris)}) AS v "
                f"WHERE {qn(meta.db_table)}.{qn(pk.column)} = CAST(v.column1 AS {pk.cast_db_type(connection)})",
                params)
    if hasattr(model, "history"):
        model.history.bulk_history_create(objs, update=True, default_user=user, default_change_reason=alasan,
                                          default_date=timezone.now(), batch_size=ukuran)
