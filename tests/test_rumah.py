"""The house keeps one home for each rule: the structure checks of the house issue, read from the source with ast.

- no import circle between modules;
- no import of another app's private (`_`) names;
- nothing installed into another module at start-up (no module-level
  `global` rebinding, no assignment to an attribute of an imported module);
- imports flow one way between apps (DESIGN.md): portal ← anggaran ←
  indikator ← dasbor / renja / lkip, which do not import each other;
- no app file (migrations aside) over 700 lines, no function over 80 lines.
"""

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
# An app may import the apps listed for it (and itself), nothing else of the project.
BOLEH = {
    "portal": set(),
    "anggaran": {"portal"},
    "indikator": {"portal", "anggaran"},
    "evaluasi": {"portal", "anggaran", "indikator"},
    "dasbor": {"portal", "anggaran", "indikator", "evaluasi"},
    "renja": {"portal", "anggaran", "indikator", "evaluasi"},
    "lkip": {"portal", "anggaran", "indikator", "evaluasi"},
}
MAKS_BARIS_BERKAS = 700
MAKS_BARIS_FUNGSI = 80


def _apps():
    return sorted(p.parent.name for p in AKAR.glob("*/apps.py")) + (["portal"] if (AKAR / "portal").is_dir() else [])


def _modul():
    hasil = {}
    for app in set(_apps()):
        for berkas in (AKAR / app).rglob("*.py"):
            rel = berkas.relative_to(AKAR)
            if "migrations" in rel.parts:
                continue
            nama = ".".join(rel.with_suffix("").parts).removesuffix(".__init__")
            hasil[nama] = berkas
    return hasil


MODUL = _modul()
POHON = {nama: ast.parse(berkas.read_text()) for nama, berkas in MODUL.items()}


def _resolve(nama):
    while nama and nama not in MODUL:
        nama = nama.rpartition(".")[0]
    return nama or None


def _impor(tree):
    """(module imported, names) of every absolute import in a module, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, []


def _graf():
    graf = {}
    for nama, tree in POHON.items():
        deps = set()
        for modul, names in _impor(tree):
            target = _resolve(modul)
            if target:
                deps.add(target)
            for n in names:
                sub = _resolve(f"{modul}.{n}")
                if sub and sub != target:
                    deps.add(sub)
        deps.discard(nama)
        graf[nama] = deps
    return graf


def test_no_module_imports_itself_back_through_a_circle():
    graf, circles = _graf(), []
    index, low, stack, on, counter = {}, {}, [], set(), [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graf.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                circles.append(sorted(comp))

    for v in graf:
        if v not in index:
            strong(v)
    assert circles == []


def test_no_app_imports_another_apps_private_names():
    found = []
    for nama, tree in POHON.items():
        app = nama.split(".")[0]
        for modul, names in _impor(tree):
            if modul.split(".")[0] != app and _resolve(modul):
                found += [f"{nama} <- {modul}.{n}" for n in names if n.startswith("_")]
    assert found == []


def test_imports_flow_one_way_between_apps():
    found = []
    for nama, tree in POHON.items():
        app = nama.split(".")[0]
        for modul, _ in _impor(tree):
            other = modul.split(".")[0]
            if other != app and other in BOLEH and other not in BOLEH.get(app, set()):
                found.append(f"{nama} imports {modul}")
    assert found == []


def test_nothing_is_installed_into_another_module_at_start_up():
    found = []
    for nama, tree in POHON.items():
        imported = {a.asname or a.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for a in node.names}
        imported |= {a.asname or a.name for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module and _resolve(node.module)
                     for a in node.names if _resolve(f"{node.module}.{a.name}")}
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.append(f"{nama}: global {', '.join(node.names)}")
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in imported:
                        found.append(f"{nama}: {t.value.id}.{t.attr} = ...")
    assert found == []


@pytest.mark.parametrize("nama", sorted(MODUL))
def test_no_app_file_is_too_long_and_no_function_either(nama):
    berkas = MODUL[nama]
    baris = berkas.read_text().count("\n") + 1
    assert baris <= MAKS_BARIS_BERKAS, f"{berkas.relative_to(AKAR)}: {baris} baris"
    fungsi = [n for n in ast.walk(POHON[nama]) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    panjang = [f"{n.name} ({n.end_lineno - n.lineno + 1} baris)" for n in fungsi
               if n.end_lineno - n.lineno + 1 > MAKS_BARIS_FUNGSI]
    assert panjang == []
