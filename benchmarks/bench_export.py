"""Filing export speed and memory.

Figures (targets from the filing issue):
  * a month with 100,000 sales: export (write + read-back) within 1.3x the
    floor, a bare openpyxl write-only loop writing the same cell values;
  * peak memory flat: the 100k export within 50 MB of the 10k one;
  * a typical month of 5,000 sales end to end (validation, write, read-back)
    under 2 s.
Each export runs in a child process so its peak RSS is its own.

    .venv/bin/python benchmarks/bench_export.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PERIOD = "2026-10"


def child(db: str, out: str, mode: str) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    from magdesk import usecases
    from magdesk.filing.export import export_period
    from magdesk.filing.sources import source_rows
    from magdesk.filing.template import load_template
    from magdesk.storage import open_database
    from magdesk.storage.filing_store import FilingStore

    with open_database(db) as conn:
        if mode == "floor":
            rows = _floor_values(conn, load_template(), FilingStore(conn), source_rows)
            start = time.perf_counter()
            _openpyxl_write_only(rows, Path(out) / "floor.xlsx")
        elif mode == "export":
            start = time.perf_counter()
            export_period(conn, PERIOD, Path(out), findings=[], replace=True)
        else:  # end to end, validation included
            start = time.perf_counter()
            result = usecases.export_filing(conn, PERIOD, Path(out), replace=True)
            assert not result.refused, [f.code for f in result.findings[:5]]
        seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss}))


def _floor_values(conn, template, store, source_rows):
    """The same cell values the export writes, prepared before the clock starts."""
    from magdesk.filing.cells import cell_value

    sheets = []
    for sheet in template.sheets:
        values = [[cell_value(c, row.get(c.field), n) for c in sheet.columns]
                  for n, row in enumerate(source_rows(store, sheet.source, PERIOD), 1)]
        sheets.append((sheet.name, [c.header for c in sheet.columns], values))
    return sheets


def _openpyxl_write_only(sheets, path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for name, headers, rows in sheets:
        ws = book.create_sheet(name)
        ws.append(headers)
        for row in rows:
            ws.append(row)
    book.save(path)


def measure(db: Path, out: Path, mode: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(db), str(out), mode],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def build(folder: Path, sales: int) -> Path:
    from magdesk.usecases import create_demo

    path = folder / f"month-{sales}.sqlite"
    start = time.perf_counter()
    create_demo(path, sales=sales, months=1, end_period=PERIOD)
    print(f"  demo month of {sales:,} sales built in {time.perf_counter() - start:.1f} s")
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="20k instead of 100k sales")
    args = parser.parse_args()
    big = 20_000 if args.quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small_db, big_db, typical_db = build(folder, 10_000), build(folder, big), build(folder, 5_000)
        floor = measure(big_db, folder, "floor")
        export = measure(big_db, folder, "export")
        small = measure(small_db, folder, "export")
        typical = measure(typical_db, folder, "full")
    ratio = export["seconds"] / floor["seconds"]
    growth = export["rss_mb"] - small["rss_mb"]
    print(f"export of a {big:,}-sale month (write + read-back): {export['seconds']:.2f} s")
    print(f"floor, bare openpyxl write-only of the same values: {floor['seconds']:.2f} s")
    print(f"ratio: {ratio:.2f} (target <= 1.3)")
    print(f"peak RSS: 10k {small['rss_mb']:.0f} MB, {big // 1000}k {export['rss_mb']:.0f} MB, "
          f"growth {growth:.0f} MB (target <= 50)")
    print(f"typical month, 5,000 sales, end to end: {typical['seconds']:.2f} s (target < 2)")
    ok = ratio <= 1.3 and growth <= 50 and typical["seconds"] < 2
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        sys.exit(0)
    sys.exit(main())
