"""Benchmark of the LKIP PDF: the end-to-end render against a bare WeasyPrint render, demo OPD vs twice its size.

From the repo root, serialised with the other benchmarks on these CPUs:

    flock /tmp/bench.lock .venv/bin/python bench/bench_lkip.py [--runs N] [--write-results]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/sakip_bench_lkip (created
when missing); an SQLite file works too (DATABASE_URL=sqlite:////tmp/bench-lkip/bench.sqlite3).
The database name must contain "bench". Each run migrates it, loads the demo
(idempotent) and rebuilds the doubled OPD from the demo OPD
(lkip/management/commands/gandakan_opd.py), so it measures the tree as it is.

For the demo LKIP and for the LKIP of the doubled OPD it measures, interleaved,
median of N runs after one warm-up round (wall and CPU time of this process):

- end-to-end: lkip_context → lkip_html → html_to_pdf, from the records to PDF bytes,
  the stored-file cache bypassed (the chain never touches the document store, BerkasDokumen);
- bare: portal.pdf.html_to_pdf on the already-built final HTML (same fetcher);
- lkip_pdf with its stored files (BerkasDokumen) deleted first — the first download —
  and lkip_pdf again right after, served from the stored file.

To measure the committed tree while others edit the working tree, run it from an export:

    rm -rf /tmp/bench-lkip/src && mkdir -p /tmp/bench-lkip/src
    git archive HEAD | tar -x -C /tmp/bench-lkip/src && git rev-parse --short HEAD > /tmp/bench-lkip/src/.bench-commit
    cd /tmp/bench-lkip/src && flock /tmp/bench.lock /work/main/.venv/bin/python bench/bench_lkip.py \
        --write-results --results-file /work/main/bench/RESULTS.md

A counter on WeasyPrint's HTML.render checks that the uncached path really
renders once and the cached one not at all. It prints the ratios (target
end-to-end / bare ≤ 1.10), page counts, big/demo ratios and the query counts
of lkip_context; --write-results replaces the lkip section of bench/RESULTS.md.
"""

import argparse
import gc
import io
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = Path("/tmp/bench-lkip")
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sakip_bench_lkip")
# Stored PDFs of the cached path go to scratch, never into the project's media folder.
os.environ.setdefault("MEDIA_ROOT", str(SCRATCH / "media"))

TARGET_RATIO = 1.10
KODE_BESAR = "BENCH-2X"
MARK_START, MARK_END = "<!-- lkip:start -->", "<!-- lkip:end -->"


def ensure_database(url):
    """Refuse anything but a benchmark database; create the PostgreSQL one when it is missing."""
    import dj_database_url

    cfg = dj_database_url.parse(url)
    name = str(cfg["NAME"] or "")
    if "bench" not in name or "test" in Path(name).name.split("_"):
        sys.exit(f"Menolak: basis data benchmark harus bernama '*bench*' dan bukan basis data uji ({name!r}).")
    if "postgresql" not in cfg["ENGINE"]:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg2

    conn = psycopg2.connect(dbname="postgres", user=cfg["USER"], password=cfg["PASSWORD"] or None,
                            host=cfg["HOST"], port=cfg["PORT"] or 5432)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    conn.close()


ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import portal.pdf  # noqa: E402
from lkip import services  # noqa: E402
from lkip.management.commands.gandakan_opd import gandakan_opd, hapus_opd  # noqa: E402
from lkip.models import Lkip  # noqa: E402
from portal.models import BerkasDokumen, PerangkatDaerah  # noqa: E402

# --- counting WeasyPrint renders ------------------------------------------------------


class RenderCounter:
    """Counts WeasyPrint layouts (HTML.render, which write_pdf calls), whoever calls them."""

    def __init__(self):
        from weasyprint import HTML

        self.n = 0
        original = HTML.render

        def render(html_self, *args, **kwargs):
            self.n += 1
            return original(html_self, *args, **kwargs)

        HTML.render = render


RENDERS = None


# --- setup ------------------------------------------------------------------------------


def setup(args):
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if not args.no_demo:
        call_command("load_demo", stdout=io.StringIO())
    sumber = PerangkatDaerah.objects.by_kode_or_singkatan(args.opd)
    lama = PerangkatDaerah.objects.filter(kode=KODE_BESAR).first()
    if lama is not None:
        hapus_opd(lama)
    besar = gandakan_opd(sumber, kode=KODE_BESAR, faktor=2)
    print(f"setup (migrate, load_demo, clone) {time.perf_counter() - started:.1f} s")
    return sumber, besar


def size_of(opd, tahun):
    """The rows that make an OPD's LKIP big, counted in the database."""
    from anggaran.models import AnggaranKas, DpaSubKegiatan, RealisasiAnggaran
    from indikator.models import Indikator, PkIndikator, Realisasi

    return {
        "IKU in PK": PkIndikator.objects.filter(perjanjian__opd=opd, perjanjian__tahun=tahun).count(),
        "indicators (all levels)": Indikator.objects.filter(opd=opd).count(),
        "program indicators": Indikator.objects.filter(opd=opd, program__isnull=False).count(),
        f"DPA lines {tahun}": DpaSubKegiatan.objects.filter(opd=opd, tahun=tahun).count(),
        f"anggaran kas rows {tahun}": AnggaranKas.objects.filter(dpa__opd=opd, dpa__tahun=tahun).count(),
        f"budget realisasi rows {tahun}": RealisasiAnggaran.objects.filter(dpa__opd=opd, dpa__tahun=tahun).count(),
        "indicator realisasi rows": Realisasi.objects.filter(indikator__opd=opd).count(),
    }


def page_count(pdf, path):
    path.write_bytes(pdf)
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        found = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if found:
            return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf)) or None


def clear_cache(lkip):
    """Delete the stored PDFs of an LKIP (files and rows), so lkip_pdf must render."""
    stored = services.berkas_lkip(lkip)
    for berkas in stored:
        if berkas.berkas:
            berkas.berkas.delete(save=False)
    BerkasDokumen.objects.filter(pk__in=[b.pk for b in stored]).delete()


def fetch_lkip(opd, tahun):
    return Lkip.objects.select_related("opd").get(opd=opd, tahun=tahun)


# --- measuring --------------------------------------------------------------------------


class Clock:
    """Wall and CPU time of a block, in ms. fresh=True first collects the garbage of earlier runs (untimed),
    so a measurement does not pay for the previous render's objects."""

    def __init__(self, fresh=False):
        self.fresh = fresh

    def __enter__(self):
        if self.fresh:
            gc.collect()
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = (time.perf_counter() - self.wall) * 1000
        self.cpu = (time.process_time() - self.cpu) * 1000


class Case:
    """One LKIP: its prepared HTML and the samples of every measurement."""

    def __init__(self, label, opd, tahun, out_dir):
        self.label, self.opd, self.tahun = label, opd, tahun
        self.samples = {}
        self.problems = []
        lkip = fetch_lkip(opd, tahun)
        services.lkip_context(lkip)  # warm: imports, template loading
        with CaptureQueriesContext(connection) as q:
            ctx = services.lkip_context(lkip)
        self.q_context = len(q.captured_queries)
        with CaptureQueriesContext(connection) as q:
            self.html = services.lkip_html(lkip, ctx)
        self.q_html = len(q.captured_queries)
        pdf = portal.pdf.html_to_pdf(self.html)
        self.pdf_path = out_dir / f"lkip-{label}.pdf"
        self.pages = page_count(pdf, self.pdf_path)
        self.pdf_bytes = len(pdf)
        self.table_rows = len(re.findall(r"<tr[\s>]", self.html))
        self.tables = len(re.findall(r"<table[\s>]", self.html))
        self.size = size_of(opd, tahun)
        clear_cache(lkip)
        with CaptureQueriesContext(connection) as q:
            services.lkip_pdf(lkip)
        self.q_uncached = len(q.captured_queries)
        with CaptureQueriesContext(connection) as q:
            services.lkip_pdf(lkip)
        self.q_cached = len(q.captured_queries)

    def add(self, name, clock):
        self.samples.setdefault(name, []).append((clock.wall, clock.cpu))

    def run_round(self, bare_first=True):
        lkip = fetch_lkip(self.opd, self.tahun)
        if bare_first:
            self.run_bare()
        self.run_chain(lkip)
        if not bare_first:
            self.run_bare()
        self.run_lkip_pdf(lkip)

    def run_bare(self):
        """Bare WeasyPrint on the final HTML."""
        with Clock(fresh=True) as c:
            portal.pdf.html_to_pdf(self.html)
        self.add("bare", c)

    def run_chain(self, lkip):
        """End-to-end from the records, no stored file involved."""
        with Clock(fresh=True) as c:
            with Clock() as c_ctx:
                ctx = services.lkip_context(lkip)
            with Clock() as c_html:
                html = services.lkip_html(lkip, ctx)
            with Clock() as c_pdf:
                getattr(services, "html_to_pdf", portal.pdf.html_to_pdf)(html)
        self.add("chain", c)
        self.add("chain: lkip_context", c_ctx)
        self.add("chain: lkip_html", c_html)
        self.add("chain: html_to_pdf", c_pdf)
        if html != self.html:
            self.problems.append("the HTML differs between two builds of the same records (the cache keyed by "
                                 "its hash can never hit)")

    def run_lkip_pdf(self, lkip):
        """lkip_pdf with its stored files deleted first (the first download), then again from the stored file."""
        clear_cache(lkip)
        before = RENDERS.n
        with Clock(fresh=True) as c:
            services.lkip_pdf(lkip)
        self.add("lkip_pdf uncached", c)
        if RENDERS.n - before != 1:
            self.problems.append(f"lkip_pdf after clearing the cache rendered {RENDERS.n - before} times (expected 1)")
        before = RENDERS.n
        with Clock(fresh=True) as c:
            services.lkip_pdf(lkip)
        self.add("lkip_pdf cached", c)
        if RENDERS.n != before:
            self.problems.append(f"lkip_pdf with a stored file rendered {RENDERS.n - before} times (expected 0)")

    def median(self, name, kind="wall"):
        i = 0 if kind == "wall" else 1
        return statistics.median(s[i] for s in self.samples[name])

    def spread(self, name, kind="wall"):
        i = 0 if kind == "wall" else 1
        values = [s[i] for s in self.samples[name]]
        return f"{min(values):.0f}–{max(values):.0f}"

    def paired_ratio(self, a, b, kind="wall"):
        """Median over rounds of a/b measured in the same round (robust to load drifting between rounds)."""
        i = 0 if kind == "wall" else 1
        return statistics.median(x[i] / y[i] for x, y in zip(self.samples[a], self.samples[b], strict=True))


def uptime():
    """The load averages as `uptime` prints them (its clock is local time; the report gives UTC)."""
    try:
        out = subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout
        found = re.search(r"load averages?: (.*)", out)
        if found:
            return found.group(1).strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def lock_held():
    """True when /tmp/bench.lock is held (normally by the flock(1) wrapping this run)."""
    import fcntl

    with open("/tmp/bench.lock", "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


def db_description():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        return f"PostgreSQL {version} (database `{connection.settings_dict['NAME']}`)"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} (`{connection.settings_dict['NAME']}`)"


def git_head():
    """The commit measured, with a note when the tree has uncommitted changes in what the LKIP uses.

    Outside a git checkout (an export made with `git archive`) it reads .bench-commit, if the export has one.
    """
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
    except (OSError, subprocess.CalledProcessError):
        marker = ROOT / ".bench-commit"
        return marker.read_text().strip() if marker.exists() else "?"
    dirty = git("status", "--porcelain", "--", "lkip", "templates", "static", "portal", "anggaran", "indikator")
    return head + (" + uncommitted changes" if dirty else "")


# --- report -----------------------------------------------------------------------------


MEASURES = ["chain", "chain: lkip_context", "chain: lkip_html", "chain: html_to_pdf", "bare",
            "lkip_pdf uncached", "lkip_pdf cached"]
LABELS = {
    "chain": "**end-to-end** (lkip_context → lkip_html → html_to_pdf, no stored file)",
    "chain: lkip_context": "  of which lkip_context",
    "chain: lkip_html": "  of which lkip_html (template)",
    "chain: html_to_pdf": "  of which html_to_pdf (WeasyPrint)",
    "bare": "**bare WeasyPrint** (portal.pdf.html_to_pdf on the final HTML)",
    "lkip_pdf uncached": "lkip_pdf, stored files deleted first (first download)",
    "lkip_pdf cached": "lkip_pdf, served from the stored file",
}


def _overhead_bound(case):
    build = case.median("chain: lkip_context") + case.median("chain: lkip_html")
    bare = case.median("bare", "cpu")
    return (bare + build) / bare


RATIOS = [
    ("wall, ratio of the medians", lambda c: c.median("chain") / c.median("bare")),
    ("wall, median of the per-run ratios", lambda c: c.paired_ratio("chain", "bare")),
    ("**CPU, ratio of the medians**", lambda c: c.median("chain", "cpu") / c.median("bare", "cpu")),
    ("**(bare CPU + lkip_context and lkip_html wall) / bare CPU**", _overhead_bound),
]
DECIDING = [2, 3]  # indexes in RATIOS of the CPU-based ratios


def verdict(ratio):
    return "met" if ratio <= TARGET_RATIO else "**MISSED**"


def report(result):
    demo, big = result["demo"], result["big"]
    lines = [
        MARK_START,
        "## LKIP PDF (lkip/services.py) — bench/bench_lkip.py",
        "",
        f"Run {result['when']} on {result['db']}, {result['cpus']} CPUs, commit `{result['git']}`. "
        f"LKIP {result['tahun']} of the demo OPD ({demo.opd.singkatan}) and of `{KODE_BESAR}`, a copy of the demo "
        "OPD with every IKU, PK row, indicator, sub-kegiatan/DPA line, anggaran kas and realisasi row twice "
        "(`python manage.py gandakan_opd --opd DINSOS --kode BENCH-2X --faktor 2`). "
        f"Median of {result['runs']} interleaved runs after one warm-up round, in-process, "
        "garbage collected before each measurement, DEBUG off, WeasyPrint progress logging off.",
        "",
        f"Load averages (`uptime`, 1/5/15 min) at start: {result['uptime_start']}; at end: {result['uptime_end']}. "
        "Other sessions' test suites share these CPUs, so wall times are noisy; the CPU time of the "
        "benchmark process is given next to them and is the steadier measure.",
        "",
        "| median time, ms | demo wall | demo CPU | ×2 OPD wall | ×2 OPD CPU | ×2 / demo wall | ×2 / demo CPU |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in MEASURES:
        cells = []
        for case in (demo, big):
            cells += [f"{case.median(name):.0f}", f"{case.median(name, 'cpu'):.0f}"]
        for kind in ("wall", "cpu"):
            d = demo.median(name, kind)
            cells.append(f"{big.median(name, kind) / d:.2f}" if d else "–")
        lines.append(f"| {LABELS[name]} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"| end-to-end / bare (target ≤ {TARGET_RATIO:.2f}) | demo | ×2 OPD |",
        "|---|---:|---:|",
    ]
    for label, fn in RATIOS:
        cells = []
        for case in (demo, big):
            r = fn(case)
            cells.append(f"{r:.3f} ({verdict(r)})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The CPU rows decide the verdict and the exit status: wall time depends on what else runs on "
        "these CPUs. Bare render, min–max over the runs: "
        + "; ".join(f"{c.label} wall {c.spread('bare')}, CPU {c.spread('bare', 'cpu')} ms" for c in (demo, big))
        + ". The last row charges every wall-clock millisecond of building the HTML (database waits included, "
        "which the process CPU time does not see) against WeasyPrint's CPU time: an upper bound of the overhead.",
        "",
        "| cached path | demo | ×2 OPD |",
        "|---|---:|---:|",
        "| lkip_pdf from the stored file / lkip_pdf rendering, wall | "
        + " | ".join(f"{c.median('lkip_pdf cached') / c.median('lkip_pdf uncached'):.3f}" for c in (demo, big))
        + " |",
        "| lkip_pdf rendering (stored files deleted first) / bare, CPU | "
        + " | ".join(f"{c.median('lkip_pdf uncached', 'cpu') / c.median('bare', 'cpu'):.3f}" for c in (demo, big))
        + " |",
    ]
    lines += [
        "",
        "| document and records | demo | ×2 OPD | ×2 / demo |",
        "|---|---:|---:|---:|",
    ]

    def row(label, a, b):
        ratio = f"{b / a:.2f}" if a else "–"
        lines.append(f"| {label} | {a} | {b} | {ratio} |")

    row("pages", demo.pages, big.pages)
    row("tables in the HTML", demo.tables, big.tables)
    row("table rows in the HTML", demo.table_rows, big.table_rows)
    row("HTML characters", len(demo.html), len(big.html))
    row("PDF bytes", demo.pdf_bytes, big.pdf_bytes)
    for key in demo.size:
        row(key, demo.size[key], big.size[key])
    row("queries of lkip_context", demo.q_context, big.q_context)
    row("queries of lkip_html given the context", demo.q_html, big.q_html)
    row("queries of lkip_pdf, uncached", demo.q_uncached, big.q_uncached)
    row("queries of lkip_pdf, cached", demo.q_cached, big.q_cached)
    lines.append("")
    if demo.pages and big.pages:
        per_page = [case.median("bare", "cpu") / case.pages for case in (demo, big)]
        growth = per_page[1] / per_page[0]
        shape = ("about linear in the pages" if 0.8 <= growth <= 1.25 else
                 "**faster than linear** in the pages" if growth > 1.25 else "slower than linear in the pages")
        lines.append(
            f"Bare WeasyPrint CPU time per page: {per_page[0]:.0f} ms (demo) vs {per_page[1]:.0f} ms (×2 OPD), "
            f"×{growth:.2f}: {shape}. The ×2 document has fewer than twice the pages because the cover, "
            "lists and narrative chapters do not grow with the records.")
    problems = result["problems"]
    lines.append("")
    if problems:
        lines.append("Problems found:")
        lines += [f"- {p}" for p in problems]
    else:
        lines.append("Checks: the uncached lkip_pdf rendered exactly once per run and the cached one never; "
                     "the HTML built twice from the same records is identical; the query count of "
                     "lkip_context does not grow with the OPD.")
    lines += ["", MARK_END, ""]
    return "\n".join(lines)


def write_results(path, text):
    """Replace the lkip section of RESULTS.md (appended when absent); other sections untouched."""
    old = path.read_text() if path.exists() else "# Benchmark results\n\n"
    if MARK_START in old and MARK_END in old:
        head, rest = old.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1].lstrip("\n")
        new = head + text + tail
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new)


def main():
    global RENDERS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs per measurement (median; ≥ 3)")
    parser.add_argument("--opd", default="DINSOS", help="kode or singkatan of the demo OPD")
    parser.add_argument("--tahun", type=int, default=2023)
    parser.add_argument("--no-demo", action="store_true", help="skip load_demo (the database already holds it)")
    parser.add_argument("--out-dir", default=str(SCRATCH), help="where the two PDFs are written for a look")
    parser.add_argument("--write-results", action="store_true", help="write the lkip section of bench/RESULTS.md")
    parser.add_argument("--results-file", default=str(ROOT / "bench" / "RESULTS.md"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3")
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if not lock_held():
        print("warning: /tmp/bench.lock is not held; run as `flock /tmp/bench.lock .venv/bin/python "
              "bench/bench_lkip.py ...` so benchmarks do not overlap", file=sys.stderr)
    if settings.DEBUG:
        print("warning: DEBUG is on", file=sys.stderr)
    # Both paths log the same WeasyPrint progress lines; they only clutter the output here.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    sumber, besar = setup(args)
    RENDERS = RenderCounter()
    result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "db": db_description(),
              "cpus": os.cpu_count(), "git": git_head(), "tahun": args.tahun, "runs": args.runs,
              "uptime_start": uptime()}
    demo = Case("demo", sumber, args.tahun, out_dir)
    big = Case("x2", besar, args.tahun, out_dir)
    print(f"demo: {demo.pages} pages, {demo.q_context} queries in lkip_context; "
          f"x2: {big.pages} pages, {big.q_context} queries")
    demo.run_round()  # warm-up round, discarded
    big.run_round()
    for case in (demo, big):
        case.samples.clear()
    for i in range(args.runs):
        for case in (demo, big):
            case.run_round(bare_first=i % 2 == 0)  # alternate, so neither goes first every time
        print(f"run {i + 1}/{args.runs}: demo end-to-end {demo.samples['chain'][-1][0]:.0f} ms / bare "
              f"{demo.samples['bare'][-1][0]:.0f} ms; x2 {big.samples['chain'][-1][0]:.0f} ms / "
              f"{big.samples['bare'][-1][0]:.0f} ms (wall)")
    result["uptime_end"] = uptime()
    result["demo"], result["big"] = demo, big
    problems = [f"{case.label}: {p}" for case in (demo, big) for p in dict.fromkeys(case.problems)]
    if big.q_context != demo.q_context:
        problems.append(f"lkip_context runs {demo.q_context} queries for the demo and {big.q_context} for the "
                        "×2 OPD: a query per row somewhere")
    result["problems"] = problems
    text = report(result)
    print()
    print(text)
    print(f"PDFs: {demo.pdf_path} {big.pdf_path}")
    if args.write_results:
        write_results(Path(args.results_file), text)
        print(f"{args.results_file} updated")
    missed = any(RATIOS[i][1](case) > TARGET_RATIO for i in DECIDING for case in (demo, big))
    sys.exit(1 if problems or missed else 0)


if __name__ == "__main__":
    main()
