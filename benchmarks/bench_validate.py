"""Benchmark: validate_database over a year of demo data, 10k / 100k / 1M sales.

Target: 100,000 sales validate in under 2 s, and the time per sale does not
grow with size (no worse than linear).  The floor, measured on the same file in
the same run, is a bare sqlite3 ``SELECT *`` of every table read in chunks: the
cost of just reading the data.

    python benchmarks/bench_validate.py [--quick]      (--quick: 10k and 100k only)
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from magdesk.core.findings import count
from magdesk.storage import open_database
from magdesk.usecases import validate_database

TARGET_SALES, TARGET_SECONDS = 100_000, 2.0
LINEAR_SLACK = 1.25  # per-sale time at the largest size may be at most this x the smallest
RUNS = 3
CHUNK = 2000


def build_demo(path: Path, sales: int) -> float:
    """Build the demo in a child process (keeps this process's memory clean)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "magdesk.cli", "demo", "--db", str(path),
                    "--sales", str(sales)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_time(fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def read_everything(conn: sqlite3.Connection) -> int:
    """Stream every row of every table; returns the number of rows read."""
    tables = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    rows = 0
    for table in tables:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        while chunk := cursor.fetchmany(CHUNK):
            rows += len(chunk)
    return rows


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def measure(folder: Path, sales: int) -> dict:
    path = folder / f"demo-{sales}.sqlite"
    built = build_demo(path, sales)
    today = date.today()
    with open_database(path) as db:
        seconds, findings = median_time(lambda: validate_database(db, today=today))
    errors, warnings = count(findings)
    conn = sqlite3.connect(path)
    try:
        floor, rows = median_time(lambda: read_everything(conn))
    finally:
        conn.close()
    return {"sales": sales, "built": built, "seconds": seconds, "floor": floor, "rows": rows,
            "errors": errors, "warnings": warnings, "rss": peak_rss_mb()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k sales only")
    args = parser.parse_args()
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    folder = Path(tempfile.mkdtemp(prefix="magdesk-bench-"))
    results = []
    try:
        print(f"validate_database, median of {RUNS} runs; floor = bare sqlite3 SELECT * "
              f"of every table, fetchmany({CHUNK})")
        print(f"{'sales':>9} {'build s':>8} {'rows':>9} {'validate s':>10} {'floor s':>8} "
              f"{'ratio':>6} {'ms/1k sales':>11} {'errors':>6} {'warnings':>8} {'peak RSS MB':>11}")
        for sales in sizes:
            r = measure(folder, sales)
            results.append(r)
            print(f"{r['sales']:>9,} {r['built']:>8.1f} {r['rows']:>9,} {r['seconds']:>10.3f} "
                  f"{r['floor']:>8.3f} {r['seconds'] / r['floor']:>6.1f} "
                  f"{r['seconds'] / sales * 1e6:>11.1f} {r['errors']:>6} {r['warnings']:>8} "
                  f"{r['rss']:>11.0f}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    first, last = results[0], results[-1]
    growth = (last["seconds"] / last["sales"]) / (first["seconds"] / first["sales"])
    floor_growth = (last["floor"] / last["sales"]) / (first["floor"] / first["sales"])
    print(f"per-sale time {last['sales']:,} vs {first['sales']:,}: {growth:.2f}x "
          f"(floor: {floor_growth:.2f}x; linear means <= {LINEAR_SLACK}x)")
    at_target = next(r for r in results if r["sales"] == TARGET_SALES)
    problems = []
    if at_target["seconds"] >= TARGET_SECONDS:
        problems.append(f"{TARGET_SALES:,} sales took {at_target['seconds']:.2f} s "
                        f"(>= {TARGET_SECONDS} s)")
    if growth > LINEAR_SLACK:
        problems.append(f"per-sale time grew {growth:.2f}x (> {LINEAR_SLACK}x)")
    if any(r["errors"] for r in results):
        problems.append("the demo has validation errors")
    verdict = "PASS" if not problems else "FAIL: " + "; ".join(problems)
    print(f"verdict: {verdict} (target: {TARGET_SALES:,} sales < {TARGET_SECONDS} s, "
          f"linear, 0 errors; {TARGET_SALES:,} sales took {at_target['seconds']:.2f} s, "
          f"{at_target['seconds'] / at_target['floor']:.1f}x the floor)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
