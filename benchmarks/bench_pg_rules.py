"""Benchmark: what the clerk's rules cost on a PostgreSQL server
(``storage.postgres.rules``: the period-lock check, the audit entry and its
seal in the hash chain, written by triggers under the chain's advisory lock).

On a demo of 20,000 sales copied to the server (``db copy``): one UPDATE of
every sale (a bulk change, 20,000 entries sealed in one transaction) and
1,000 transactions each changing one sale (a clerk's saves), with the rules
and, as the floor, on the same rows with the tables' triggers disabled.
The server is the tests' (``MAGDESK_TEST_PG``), else a throwaway cluster.
Median of 3 runs each.

Target: an audited row in a bulk statement ≤ 0.5 ms (it stays the same per
row however long the transaction: a cost growing with it would show here),
a one-sale save ≤ 2 ms.  Measured 2026-12 (2 cores, shared): bulk 0.15 ms a
row (the floor 0.02 ms), a one-sale save 0.73 ms (the floor 0.35 ms).

    python benchmarks/bench_pg_rules.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import psycopg
from bench_db_copy import drop, fresh_database, server_and_demo

from magdesk.storage.postgres.copy import copy_sqlite_to_pg

SALES, SAVES, RUNS = 20_000, 1_000, 3
TARGET_ROW, TARGET_SAVE = 0.5e-3, 2e-3


def one_run(url: str, demo: Path, rules: bool) -> tuple[float, float]:
    """(seconds per row of the bulk UPDATE, seconds per one-sale save)."""
    db_url = fresh_database(url)
    try:
        copy_sqlite_to_pg(demo, db_url)
        with psycopg.connect(db_url) as pg:
            if not rules:
                pg.execute("ALTER TABLE sale_out DISABLE TRIGGER USER")
                pg.commit()
            rows = pg.execute("SELECT count(*) FROM sale_out").fetchone()[0]
            started = time.perf_counter()
            pg.execute("UPDATE sale_out SET invoice_no = invoice_no || 'x'")
            pg.commit()
            bulk = (time.perf_counter() - started) / rows
            ids = [r[0] for r in pg.execute(f"SELECT id FROM sale_out ORDER BY id LIMIT {SAVES}")]
            started = time.perf_counter()
            for sale in ids:
                pg.execute("UPDATE sale_out SET qty_g = qty_g + 1 WHERE id = %s", (sale,))
                pg.commit()
            return bulk, (time.perf_counter() - started) / len(ids)
    finally:
        drop(url, db_url)


def main() -> int:
    with server_and_demo("magdesk-bench-rules-", SALES) as (url, demo, work):
        got = {rules: [one_run(url, demo, rules) for _ in range(RUNS)] for rules in (True, False)}
        (row, save), (row0, save0) = (
            tuple(statistics.median(r[i] for r in got[k]) for i in (0, 1)) for k in (True, False))
        print(f"PostgreSQL, demo of {SALES:,} sales")
        print(f"bulk UPDATE: {row * 1e3:.3f} ms a row with the rules, {row0 * 1e3:.3f} without")
        print(f"one-sale save: {save * 1e3:.2f} ms with the rules, {save0 * 1e3:.2f} without")
        met = row <= TARGET_ROW and save <= TARGET_SAVE
        print(f"target: <= {TARGET_ROW * 1e3:.1f} ms a row, <= {TARGET_SAVE * 1e3:.0f} ms a save: "
              f"{'met' if met else 'MISSED'}")
        return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
