"""Benchmark: a company file with 200 attachments totalling 500 MB opens,
pages its sales table and validates as fast as the same file without them;
a backup --to carries them at the speed of a plain copy.

The attachments' bytes live beside the file (``<file>.files/``, by SHA-256),
so the file itself barely grows.  Measured on one demo file and a copy of it
with the attachments (median of 5 each, alternating): opening
(``open_database`` with its integrity check), paging the sales table through
the window's read model (``storage.paging.PagedQuery``: the count, then 50
pages from the top, the middle and the end), and ``validate_database``.  The
floor of each figure is the same step on the file without attachments, in
the same run.  The backup's floor is a checked copy of the same bytes done
plainly: the file by ``shutil.copyfile``, every blob read in 1 MiB chunks,
hashed with SHA-256 and written and synced, as a backup that says its copy
is whole must (``shutil.copyfile`` alone, the kernel's sendfile with no check,
is printed beside it).

Target: with/without ≤ 1.10 for opening, paging and validating (or within
20 ms); the backup ≤ 1.5× its floor.

    python benchmarks/bench_attachments.py [--quick]   (--quick: 20,000 sales, not 100,000)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from magdesk import usecases
from magdesk.storage import open_database
from magdesk.storage.paging import VIEWS, PagedQuery

FILES, TOTAL = 200, 500 * 2**20
RUNS = 5
SLACK_RATIO, SLACK_S, BACKUP_RATIO = 1.10, 0.020, 1.5


def build(path: Path, sales: int) -> None:
    subprocess.run([sys.executable, "-m", "magdesk.cli", "demo", "--db", str(path),
                    "--sales", str(sales)], check=True, stdout=subprocess.DEVNULL)


def add_attachments(path: Path, folder: Path) -> float:
    """200 distinct files of 2.5 MiB attached to sales; the seconds it took."""
    folder.mkdir()
    size = TOTAL // FILES
    with open_database(path) as db:
        sales = [s.id for _, s in zip(range(FILES), usecases.repository(db).iter("sale"),
                                      strict=False)]
        start = time.perf_counter()
        for n in range(FILES):
            source = folder / f"contract-{n:03d}.pdf"
            source.write_bytes(b"%PDF-1.4\n" + os.urandom(size - 9))
            changes = usecases.attach(db, "sale", sales[n % len(sales)], source, "contract")
            assert changes.ok, changes.why("en")
            source.unlink()
        return time.perf_counter() - start


def open_once(path: Path) -> None:
    # The checks every time (not once per unchanged file): what a first opening costs.
    with open_database(path, check=False) as db:
        db.check()


def page_once(path: Path) -> None:
    with open_database(path, check=False) as db:
        query = PagedQuery(db, VIEWS["sale"])
        n = query.count()
        for start in (0, n // 2, max(0, n - 50 * PagedQuery.PAGE)):
            for i in range(start, min(n, start + 50 * PagedQuery.PAGE), PagedQuery.PAGE):
                query.row(i)


def validate_once(path: Path) -> None:
    with open_database(path, check=False) as db:
        usecases.validate_database(db)


def timed(fn, path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def compare(fn, plain: Path, attached: Path) -> tuple[float, float]:
    """Median seconds of ``fn`` on each file, the runs alternating."""
    a, b = [], []
    for _ in range(RUNS):
        a.append(timed(fn, plain))
        b.append(timed(fn, attached))
    return statistics.median(a), statistics.median(b)


def backup_figures(attached: Path, folder: Path) -> tuple[float, float, str]:
    """Seconds of backup --to with the attachments, of a plain copy of the same bytes."""
    with open_database(attached) as db:
        start = time.perf_counter()
        snap = usecases.backup_to(db, folder / "usb.sqlite")
        backup = time.perf_counter() - start
    count, size = usecases.attachments_in_copy(snap.path)
    store = Path(f"{attached}.files")
    target = folder / "plain"
    blobs = [b for b in store.rglob("*") if b.is_file() and not b.name.startswith(".")]
    start = time.perf_counter()
    target.mkdir()
    shutil.copyfile(attached, target / attached.name)
    for blob in blobs:
        (target / blob.parent.name).mkdir(exist_ok=True)
        digest = hashlib.sha256()
        with open(blob, "rb") as src, open(target / blob.parent.name / blob.name, "wb") as out:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())  # the backup syncs each blob: so does the floor
        assert digest.hexdigest() == blob.name
    floor = time.perf_counter() - start
    unchecked = folder / "unchecked"
    start = time.perf_counter()
    unchecked.mkdir()
    for blob in blobs:
        shutil.copyfile(blob, unchecked / blob.name)
    sendfile = time.perf_counter() - start
    return backup, floor, (f"{count} files, {size / 2**20:.0f} MB carried; unchecked "
                           f"sendfile copy of the blobs alone {sendfile:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    sales = 20_000 if parser.parse_args().quick else 100_000
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain, attached = tmp / "plain.sqlite", tmp / "attached.sqlite"
        build(plain, sales)
        shutil.copyfile(plain, attached)
        took = add_attachments(attached, tmp / "sources")
        print(f"{sales:,} sales; {FILES} attachments, {TOTAL / 2**20:.0f} MB, attached in "
              f"{took:.1f} s ({TOTAL / 2**20 / took:.0f} MB/s); file {plain.stat().st_size / 2**20:.1f}"
              f" MB without, {attached.stat().st_size / 2**20:.1f} MB with")
        print(f"{'step':<10} {'without s':>10} {'with s':>8} {'ratio':>6}")
        for name, fn in (("open", open_once), ("page", page_once), ("validate", validate_once)):
            without, with_ = compare(fn, plain, attached)
            ratio = with_ / without
            print(f"{name:<10} {without:>10.3f} {with_:>8.3f} {ratio:>6.2f}")
            if ratio > SLACK_RATIO and with_ - without > SLACK_S:
                problems.append(f"{name} {ratio:.2f}x")
        backup, floor, carried = backup_figures(attached, tmp)
        print(f"backup --to with them: {backup:.2f} s; checked copy of the same bytes "
              f"{floor:.2f} s; ratio {backup / floor:.2f} ({carried})")
        if backup / floor > BACKUP_RATIO:
            problems.append(f"backup {backup / floor:.2f}x")
    verdict = "PASS" if not problems else "FAIL: " + "; ".join(problems)
    print(f"verdict: {verdict} (target: open, page, validate ≤ {SLACK_RATIO}x without "
          f"(or +{SLACK_S * 1000:.0f} ms); backup ≤ {BACKUP_RATIO}x a plain copy)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
