"""Benchmark of the DPA import at its limit (5 000 rows): preview and commit, queries and seconds.

Never point it at a test database. On PostgreSQL:

    createdb -h 127.0.0.1 -U postgres sakip_bench_impor
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_bench_impor SECRET_KEY=bench
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/bench_impor_dpa.py [--baris 5000]

It builds (once) a nomenclature of `--baris` sub-kegiatan and an OPD, writes
the import file, and measures against a bare read of the same file with
openpyxl (read_only): the preview, the first commit (every line new), a
second commit changing every pagu and anggaran kas, and ten commits of the
same file at once (threads), which must end in one success and conflict
messages, never an exception. Prints counts and ratios from one run.
"""

import argparse
import io
import os
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from anggaran.models import (  # noqa: E402
    AnggaranKas,
    BidangUrusan,
    DpaSubKegiatan,
    Kegiatan,
    Program,
    SubKegiatan,
    Urusan,
    VersiNomenklatur,
)
from anggaran.services import DPA_KOLOM, dpa_impor_xlsx  # noqa: E402
from portal.models import EditConflict, PerangkatDaerah, User  # noqa: E402

TAHUN = 2031
PER_KEGIATAN = 100


def siapkan(n):
    versi, _ = VersiNomenklatur.objects.get_or_create(kode="BENCH-IMPOR", defaults={
        "nama": "Nomenklatur benchmark impor", "tahun_mulai": TAHUN})
    urusan, _ = Urusan.objects.get_or_create(versi=versi, kode="9", defaults={"nama": "Urusan benchmark"})
    bidang, _ = BidangUrusan.objects.get_or_create(urusan=urusan, kode="99", defaults={"nama": "Bidang benchmark"})
    program, _ = Program.objects.get_or_create(bidang=bidang, kode="01", defaults={"nama": "Program benchmark"})
    ada = SubKegiatan.objects.filter(kegiatan__program=program).count()
    for k in range(ada // PER_KEGIATAN, (n + PER_KEGIATAN - 1) // PER_KEGIATAN):
        kegiatan, _ = Kegiatan.objects.get_or_create(program=program, kode=f"2.{k + 1:02d}",
                                                     defaults={"nama": f"Kegiatan {k + 1}"})
        for s in range(PER_KEGIATAN):
            SubKegiatan.objects.get_or_create(kegiatan=kegiatan, kode=f"{s + 1:04d}",
                                              defaults={"nama": f"Sub kegiatan {k + 1}.{s + 1}"})
    opd, _ = PerangkatDaerah.objects.get_or_create(singkatan="BENCH-IMPOR", defaults={
        "nama": "Dinas Benchmark Impor", "kode": "9.99.0.00.0.00.99.0000"})
    user, _ = User.objects.get_or_create(username="bench-impor", defaults={"role": User.Role.PERENCANA, "opd": opd})
    DpaSubKegiatan.objects.filter(opd=opd, tahun=TAHUN).delete()
    subs = list(SubKegiatan.objects.filter(kegiatan__program=program).order_by("kode_lengkap")[:n])
    return opd, user, subs


def berkas(subs, kali):
    wb = Workbook()
    ws = wb.active
    ws.title = "DPA"
    ws.append(DPA_KOLOM)
    for i, sub in enumerate(subs):
        kas = Decimal(1000 * (i + 1) * kali)
        ws.append([sub.kode_lengkap, kas * 4, None, "DAU", "Kota Benchmark", kas, kas, kas, kas])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ukur(label, fn):
    """Seconds and queries of `fn()` (counted by a wrapper: Django's query log stops at 9 000)."""
    n = [0]

    def hitung(execute, sql, params, many, context):
        n[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hitung):
        t = time.perf_counter()
        hasil = fn()
        detik = time.perf_counter() - t
    print(f"{label:<48} {detik:8.2f} s {n[0]:8d} queries")
    return hasil, detik


def serentak(data, opd, user, n=10):
    """`n` commits of the same file at once: outcomes by kind."""
    hasil, kunci = [], threading.Lock()

    def satu():
        try:
            h = dpa_impor_xlsx(file=io.BytesIO(data), opd=opd, tahun=TAHUN, user=user, commit=True)
            jenis = "disimpan" if h.disimpan else ("konflik" if h.kesalahan else "tidak berubah")
        except EditConflict:
            jenis = "konflik (the import page shows EditConflict's message)"
        except Exception as exc:  # noqa: BLE001 - what the benchmark reports
            jenis = f"galat {type(exc).__name__}"
        finally:
            connections.close_all()
        with kunci:
            hasil.append(jenis)

    threads = [threading.Thread(target=satu) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {k: hasil.count(k) for k in sorted(set(hasil))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baris", type=int, default=5000)
    args = parser.parse_args()
    opd, user, subs = siapkan(args.baris)
    print(f"{connection.vendor}, {len(subs)} baris DPA, OPD {opd.singkatan}, tahun {TAHUN}")
    pertama, kedua = berkas(subs, 1), berkas(subs, 2)

    _, baca = ukur("openpyxl read_only, bare read", lambda: sum(
        1 for _ in load_workbook(io.BytesIO(pertama), read_only=True, data_only=True)["DPA"].iter_rows()))
    hasil, pratinjau = ukur("preview (commit=False)", lambda: dpa_impor_xlsx(
        file=io.BytesIO(pertama), opd=opd, tahun=TAHUN, user=user, commit=False))
    print(f"  {len(hasil.perubahan)} changes listed, {hasil.jumlah_kesalahan} errors")
    hasil, buat = ukur("commit, every line new", lambda: dpa_impor_xlsx(
        file=io.BytesIO(pertama), opd=opd, tahun=TAHUN, user=user, commit=True))
    assert hasil.disimpan, hasil.kesalahan[:3]
    hasil, ubah = ukur("commit, every pagu and kas changed", lambda: dpa_impor_xlsx(
        file=io.BytesIO(kedua), opd=opd, tahun=TAHUN, user=user, commit=True))
    assert hasil.disimpan, hasil.kesalahan[:3]
    total = sum(AnggaranKas.objects.filter(dpa__opd=opd, dpa__tahun=TAHUN).values_list("jumlah", flat=True))
    harapan = sum(Decimal(1000 * (i + 1) * 2) * 4 for i in range(len(subs)))
    print(f"  anggaran kas stored {total:,} = expected {harapan:,}: {total == harapan}")
    print(f"ratios to the bare read: preview {pratinjau / baca:.1f}×, commit new {buat / baca:.1f}×, "
          f"commit changed {ubah / baca:.1f}×")
    DpaSubKegiatan.objects.filter(opd=opd, tahun=TAHUN).delete()
    print("10 commits of the same new file at once:", serentak(pertama, opd, user))
    print("10 commits of the same changed file at once:", serentak(berkas(subs, 3), opd, user))


if __name__ == "__main__":
    main()
