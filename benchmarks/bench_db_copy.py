"""Benchmark: a demo company of 100,000 sales copied to PostgreSQL and back
(``magdesk-cli db copy``'s work: ``storage.postgres.copy``), each way with
its checks (types, counts, the audit chain recomputed on arrival, the
schema compared, the SQLite file synced and renamed).

The floor, measured in the same run on the same file, is SQLite's own
backup API copying the file to another file (``sqlite3.Connection.backup``,
page by page, no checks): the least any copy of these rows costs here.
The server is the tests' (``MAGDESK_TEST_PG``), else a throwaway cluster
started as the tests start one (installer/pg-test-cluster.sh).  Median of
3 runs each.

Target: each way ≤ 20× the floor.  The floor copies pages, parsing
nothing; a copy to or from a server must turn every row into values, send
it through a socket, build the indexes and read the rows again for its
checks.  Measured 2026-12 (2 cores, shared): 100,000 sales, 204,618 rows,
34 MB: to PostgreSQL 2.3 s (15.6×), back 1.9 s (12.5×), floor 0.15 s.

    python benchmarks/bench_db_copy.py [--quick]   (--quick: 20,000 sales)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from magdesk.storage.postgres.copy import copy_pg_to_sqlite, copy_sqlite_to_pg

RUNS, TARGET = 3, 20.0
SCRIPT = Path(__file__).resolve().parents[1] / "installer" / "pg-test-cluster.sh"


@contextlib.contextmanager
def server_and_demo(prefix: str, sales: int):
    """A server (the tests' ``MAGDESK_TEST_PG``, else a throwaway cluster
    started as the tests start one) and a demo of ``sales`` sales in a work
    folder: ``(url, demo, work)``, the cluster and the folder removed after."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    cluster = tempfile.mkdtemp(prefix="magdesk-pg-bench-")
    url = os.environ.get("MAGDESK_TEST_PG", "")
    try:
        if not url:
            url = subprocess.run(["bash", str(SCRIPT), "start", cluster], check=True,
                                 capture_output=True, text=True).stdout.strip()
        demo = work / "demo.sqlite"
        subprocess.run([sys.executable, "-m", "magdesk.cli", "demo", "--db", str(demo),
                        "--sales", str(sales)], check=True, stdout=subprocess.DEVNULL)
        yield url, demo, work
    finally:
        if not os.environ.get("MAGDESK_TEST_PG"):
            subprocess.run(["bash", str(SCRIPT), "stop", cluster], capture_output=True)
        shutil.rmtree(cluster, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def fresh_database(url: str) -> str:
    name = f"magdesk_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop(url: str, db_url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {urlsplit(db_url).path[1:]} WITH (FORCE)")


def floor(source: Path, folder: Path) -> float:
    target = folder / "floor.sqlite"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    sales = 20_000 if parser.parse_args().quick else 100_000
    with server_and_demo("magdesk-bench-copy-", sales) as (url, demo, work):
        there, back, floors, rows = [], [], [], 0
        for run in range(RUNS):
            floors.append(floor(demo, work))
            db_url = fresh_database(url)
            try:
                report = copy_sqlite_to_pg(demo, db_url)
                there.append(report.seconds)
                rows = report.total_rows
                report = copy_pg_to_sqlite(db_url, work / f"back{run}.sqlite")
                back.append(report.seconds)
            finally:
                drop(url, db_url)
        f = statistics.median(floors)
        print(f"demo of {sales:,} sales: {rows:,} rows, {demo.stat().st_size / 2**20:.1f} MB")
        print(f"floor (SQLite backup API, file to file): {f:.3f} s")
        worst = 0.0
        for label, times in (("SQLite -> PostgreSQL", there), ("PostgreSQL -> SQLite", back)):
            t = statistics.median(times)
            worst = max(worst, t / f)
            print(f"{label}: {t:.2f} s ({rows / t:,.0f} rows/s), {t / f:.1f}x the floor")
        print(f"target: each way <= {TARGET:.0f}x the floor: {'met' if worst <= TARGET else 'MISSED'}")
        return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
