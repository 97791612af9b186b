"""Demo data of Dinas Sosial Kota Bekasi: the OPD, its units and the demo users.

Each app that has demo data has a `demo` module with `load(ctx)`; the
`load_demo` command calls them in INSTALLED_APPS order, so the loading of
lower layers never imports higher ones. Every write goes through `upsert`,
which saves only what differs: loading twice changes nothing, not even the
audit trail.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from portal.models import PerangkatDaerah, UnitKerja, User

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "dinsos_bekasi"

DEMO_USERS = [
    # username, role, unit (None: the whole OPD or all OPDs), full name, password
    ("admin", User.Role.ADMIN, None, "Admin Portal", "Admin#Sakip2026"),
    ("perencana", User.Role.PERENCANA, None, "Sub Bagian Perencanaan", "Perencana#2026"),
    ("operator", User.Role.OPERATOR, "Bidang Rehabilitasi Sosial", "Operator Rehabilitasi Sosial",
     "Operator#2026"),
    ("operator.pemberdayaan", User.Role.OPERATOR, "Bidang Pemberdayaan Sosial",
     "Operator Pemberdayaan Sosial", "Operator#2026"),
    ("pimpinan", User.Role.PIMPINAN, None, "Kepala Dinas Sosial", "Pimpinan#2026"),
    ("evaluator", User.Role.EVALUATOR, None, "Inspektorat Kota Bekasi", "Evaluator#2026"),
    # The second reviewer who approves an AKIP evaluation another evaluator scored (evaluasi).
    ("reviewer", User.Role.EVALUATOR, None, "Pengendali Teknis Inspektorat", "Reviewer#2026"),
]


@dataclass
class DemoContext:
    """What the loaders share: the OPD, counters of what changed, and messages."""

    opd: PerangkatDaerah | None = None
    created: int = 0
    updated: int = 0
    messages: list = field(default_factory=list)
    with_users: bool = False

    def read(self, name):
        path = DEMO_DIR / name
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)

    def exists(self, name):
        return (DEMO_DIR / name).exists()

    def upsert(self, model, lookup, values=None):
        """get-or-create by `lookup`, then save only the fields whose value differs."""
        values = values or {}
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.save()
            self.created += 1
            return obj
        changed = [name for name, value in values.items() if not _same(getattr(obj, name), value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            self.updated += 1
        return obj


def _same(current, new):
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        if current is None or new is None:
            return current is None and new is None
        return Decimal(current) == Decimal(new)
    if hasattr(current, "pk") and hasattr(new, "pk"):
        return current.pk == new.pk
    return current == new


def dec(value):
    """A Decimal from a fixture string ("80.50"); None and "" stay None."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        raise TypeError("Fixture numbers must be strings, not floats.")
    return Decimal(str(value))


def load(ctx):
    data = ctx.read("opd.json")
    info = data["opd"]
    ctx.opd = ctx.upsert(
        PerangkatDaerah,
        {"kode": info["kode"]},
        {key: info.get(key, "") or "" for key in (
            "nama", "singkatan", "alamat", "kepala_nama", "kepala_nip", "kepala_jabatan",
            "kepala_pangkat")},
    )
    for urutan, unit in enumerate(data["unit_kerja"], start=1):
        parent = ctx.upsert(
            UnitKerja,
            {"opd": ctx.opd, "nama": unit["nama"]},
            {"jenis": unit.get("jenis", UnitKerja.Jenis.BIDANG), "urutan": urutan * 10, "induk": None},
        )
        for sub_urutan, sub in enumerate(unit.get("sub", []), start=1):
            ctx.upsert(
                UnitKerja,
                {"opd": ctx.opd, "nama": sub},
                {"jenis": UnitKerja.Jenis.SUB, "urutan": urutan * 10 + sub_urutan, "induk": parent},
            )
    if ctx.with_users:
        load_users(ctx)


def load_users(ctx):
    for username, role, unit_name, full_name, password in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        opd = None if role in (User.Role.ADMIN, User.Role.EVALUATOR) else ctx.opd
        unit = UnitKerja.objects.get(opd=ctx.opd, nama=unit_name) if unit_name else None
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(password)
            ctx.created += 1
            state = "dibuat"
        else:
            state = "sudah ada (kata sandi tidak diubah)"
        user.first_name, user.last_name = first, last
        user.role, user.opd, user.unit_kerja = role, opd, unit
        user.is_staff = role == User.Role.ADMIN
        user.is_superuser = role == User.Role.ADMIN
        user.save()
        ctx.messages.append(f"  {username:<24} {role.label:<22} kata sandi: {password}   [{state}]")
