"""Benchmark: create_demo with 1,000,000 sales (``magdesk-cli demo --sales 1000000``).

Target: under 60 s (with --quick: 100,000 sales against the target scaled to
6 s).  The floor, measured in the same run, is a bare sqlite3 ``executemany`` of
the same number of 15-column rows shaped like sales (text doc no, ISO date,
ints, short texts) into a fresh table without indexes, in one transaction.

    python benchmarks/bench_demo.py [--quick]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from magdesk.usecases import create_demo

TARGET_SALES, TARGET_SECONDS = 1_000_000, 60.0

FLOOR_TABLE = """CREATE TABLE sale (
    id INTEGER PRIMARY KEY, doc_no TEXT, date TEXT, customer_id INTEGER, product_id INTEGER,
    batch_id INTEGER, qty_g INTEGER, grade TEXT, qty_pcs INTEGER, amount_fen INTEGER,
    currency TEXT, invoice_no TEXT, contract_no TEXT, is_export INTEGER, end_use TEXT)"""


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def sale_like_rows(n: int):
    """n rows shaped like sale_out rows, made with cheap arithmetic (streamed)."""
    for i in range(1, n + 1):
        month, day = i % 12 + 1, i % 28 + 1
        export = i % 9 == 0
        yield (i, f"SO-2025{month:02d}-{i:07d}", f"2025-{month:02d}-{day:02d}", i % 40 + 1,
               i % 20 + 21, i // 300 + 1, 20_000 + i * 7919 % 1_480_000, "N52SH",
               1000 + i % 5000, i * 104_729 % 10**9, "USD" if export else "CNY",
               "" if export else f"25{i:018d}", f"HT-2025-{i % 999 + 1:03d}", int(export),
               "MOTOR" if export else None)


def floor_insert(path: Path, n: int) -> float:
    """Seconds for one executemany of n sale-like rows in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")  # the same pragmas magdesk uses
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(FLOOR_TABLE)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"INSERT INTO sale VALUES ({', '.join('?' * 15)})", sale_like_rows(n))
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 sales instead of 1M")
    args = parser.parse_args()
    sales = 100_000 if args.quick else TARGET_SALES
    target = TARGET_SECONDS * sales / TARGET_SALES
    folder = Path(tempfile.mkdtemp(prefix="magdesk-bench-"))
    try:
        rss_before = peak_rss_mb()
        start = time.perf_counter()
        counts = create_demo(folder / "demo.sqlite", sales=sales)
        seconds = time.perf_counter() - start
        rss_demo = peak_rss_mb()  # taken before the floor runs, so it is the demo's peak
        size_mb = (folder / "demo.sqlite").stat().st_size / 2**20
        floor = floor_insert(folder / "floor.sqlite", sales)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"create_demo(sales={sales:,}): {seconds:.2f} s  "
          f"({seconds / sales * 1e6:.1f} us/sale; file {size_mb:.0f} MB)")
    print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"floor (bare executemany of {sales:,} x 15-column rows, one transaction): "
          f"{floor:.2f} s")
    print(f"ratio: {seconds / floor:.1f}x the floor")
    print(f"peak RSS: {rss_demo:.0f} MB (before create_demo: {rss_before:.0f} MB)")
    ok = seconds < target
    scaled = "" if sales == TARGET_SALES else f", scaled from {TARGET_SECONDS:.0f} s for 1M"
    print(f"verdict: {'PASS' if ok else 'FAIL'}: {seconds:.2f} s for {sales:,} sales, "
          f"target < {target:.0f} s{scaled}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
