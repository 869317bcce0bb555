"""Export speed through a template learned from an authority's sample.

Figures (targets from the templates issue):
  * a month of 5,000 sales exported end to end (validation, write into the
    sample, read-back) through the learned template: under 2 s;
  * a month of 100,000 sales through the learned template within 1.5x the
    built-in template REFLOW-1's time on the same file (write + read-back),
    both measured in this run.
Each export runs in a child process.

    .venv/bin/python benchmarks/bench_template_export.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PERIOD = "2026-10"
NAME = "省局流向表"


def child(db: str, out: str, mode: str) -> None:
    from magdesk import usecases
    from magdesk.filing.export import export_period
    from magdesk.storage import open_database

    with open_database(db) as conn:
        start = time.perf_counter()
        if mode == "full":
            result = usecases.export_filing(conn, PERIOD, Path(out), replace=True)
            assert not result.refused, [f.code for f in result.findings[:5]]
        else:
            export_period(conn, PERIOD, Path(out), findings=[], replace=True,
                          template_id=NAME if mode == "learned" else "REFLOW-1")
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds}))


def measure(db: Path, out: Path, mode: str) -> float:
    done = subprocess.run([sys.executable, __file__, "--child", str(db), str(out), mode],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def build(folder: Path, sales: int) -> Path:
    """A demo month of ``sales`` sales with the learned template as its default."""
    from magdesk import usecases
    from magdesk.filing.draft import Choice
    from magdesk.storage import open_database
    from tests.filing import sample_books

    path = folder / f"month-{sales}.sqlite"
    usecases.create_demo(path, sales=sales, months=1, end_period=PERIOD)
    learned = usecases.learn_template(sample_books.flow_sheet(folder))
    sheet = learned.layout.sheets[0]
    kind = next(c for c in sheet.columns if "类型" in c.header)
    codes = {"DOMESTIC_ENTERPRISE": kind.choices[0], "INDIVIDUAL_BUSINESS": kind.choices[0],
             "FOREIGN": kind.choices[-1], "OTHER_ORG": kind.choices[0]}
    choices = {sheet.name: {kind.letter: Choice("customer_cp_type", codes=codes)}}
    with open_database(path) as db:
        assert usecases.save_learned(db, learned.draft(NAME, choices), make_default=True).ok
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="20k instead of 100k sales")
    args = parser.parse_args()
    big = 20_000 if args.quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        typical_db, big_db = build(folder, 5_000), build(folder, big)
        typical = measure(typical_db, folder, "full")
        builtin = measure(big_db, folder, "builtin")
        learned = measure(big_db, folder, "learned")
    ratio = learned / builtin
    print(f"typical month, 5,000 sales, end to end through the learned template: "
          f"{typical:.2f} s (target < 2)")
    print(f"{big:,}-sale month through the learned template: {learned:.2f} s")
    print(f"floor, the built-in template REFLOW-1 on the same file: {builtin:.2f} s")
    print(f"ratio: {ratio:.2f} (target <= 1.5)")
    ok = typical < 2 and ratio <= 1.5
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        sys.exit(0)
    sys.exit(main())
