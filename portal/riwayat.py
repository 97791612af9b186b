"""The audit trail as a reader sees it: who changed what, when, old → new, and why.

Every model keeps its history with django-simple-history; the history pages
of DPA lines and indicators read it through `riwayat_perubahan`.
"""

from dataclasses import dataclass


@dataclass
class EntriRiwayat:
    waktu: object
    pengguna: object
    objek: str
    jenis: str  # "dibuat", "diubah", "dihapus"
    perubahan: list  # (field label, old, new)
    alasan: str = ""


JENIS_RIWAYAT = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


TIDAK_DICATAT = {"versi"}  # the lock counter is bookkeeping, not a change a reader cares about


# The object a history page is about, and the OPD: the page title already says which.
INDUK = {"opd", "dpa", "indikator", "pk_indikator", "perjanjian"}


# Set once when a row is created and named in the entry's label ("Anggaran kas TW 2", "DPA 2023").
IDENTITAS = {"tahun", "triwulan"}


def riwayat_perubahan(*sumber):
    """Who changed what, when, old → new, from simple_history tables, newest first.

    `sumber`: (history queryset, label function) pairs. Each table is read
    once; consecutive records of one object are compared in memory, so the
    page does not query per record. Foreign keys are shown by name (one
    query per related model) and choices by their label.
    """
    entries = []
    for queryset, label in sumber:
        per_objek = {}
        for record in queryset.select_related("history_user").order_by("history_date", "history_id"):
            per_objek.setdefault(record.id, []).append(record)
        for records in per_objek.values():
            prev = None
            for record in records:
                fields = [f for f in record.instance._meta.concrete_fields
                          if f.attname not in TIDAK_DICATAT and f.name not in INDUK]
                changes = []
                for f in fields:
                    new = getattr(record, f.attname)
                    old = getattr(prev, f.attname) if prev is not None else None
                    if prev is None and record.history_type == "+":
                        if new not in (None, "") and not f.primary_key and f.name not in IDENTITAS:
                            changes.append((f, None, new))
                    elif prev is not None and old != new:
                        changes.append((f, old, new))
                if record.history_type == "~" and not changes:
                    prev = record
                    continue
                entries.append(EntriRiwayat(
                    waktu=record.history_date, pengguna=record.history_user, objek=label(record),
                    jenis=JENIS_RIWAYAT.get(record.history_type, record.history_type), perubahan=changes,
                    alasan=record.history_change_reason or "",
                ))
                prev = record
    _nama_nilai(entries)
    return sorted(entries, key=lambda e: e.waktu, reverse=True)


def _nama_nilai(entries):
    """Replace (field, old, new) by (label, old, new) as a reader sees them: names for ids, labels for codes."""
    ids = {}
    for e in entries:
        for f, old, new in e.perubahan:
            if f.is_relation:
                ids.setdefault(f.related_model, set()).update(v for v in (old, new) if v is not None)
    names = {model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(list(pks)).items()}
             for model, pks in ids.items()}

    def tampil(f, value):
        if value is None:
            return None
        if f.is_relation:
            return names[f.related_model].get(value, f"(terhapus, id {value})")
        if f.choices:
            return dict(f.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "Ya" if value else "Tidak"
        if f.name == "tahun":
            return str(value)  # a year, not an amount: no thousands separator
        return value

    for e in entries:
        e.perubahan = [(str(f.verbose_name), tampil(f, old), tampil(f, new)) for f, old, new in e.perubahan]
