"""Kill a writer while it attaches a large file, then check the file.

    python tests/stress/attach_kill.py --kills 20 [--size-mb 200] [--dir DIR]

A writer (this script with ``--child``) attaches one large file to a sale
again and again (each time streamed and hashed into the store: the same
bytes are then kept once), detaching now and then.  The parent SIGKILLs it
at a random moment: in the copy, the sync, the rename, the row's commit.
After every kill:

- the file opens for writing, ``PRAGMA integrity_check`` is ok and the audit
  trail verifies;
- every attachment row names a blob that is there and whole; every blob
  under a real name is whole (never half a blob); at most temporary copies
  are left, and pruning clears those of the dead writer;
- every attach the writer reported committed is there.

Exit code 0 when every kill passed.  tests/stress/test_attach_kill.py runs a few.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child(db_path: Path, big: Path, seed: int) -> None:
    from magdesk import usecases
    from magdesk.storage import open_database

    rng = random.Random(seed)
    db = open_database(db_path)
    sale = next(usecases.repository(db).iter("sale"))
    print(json.dumps({"ev": "ready"}), flush=True)
    while True:
        changes = usecases.attach(db, "sale", sale.id, big, "contract", limit=2**40)
        assert changes.ok, changes.why("en")
        print(json.dumps({"ev": "ok", "id": changes.edit.att.id}), flush=True)
        if rng.random() < 0.3:
            assert usecases.detach(db, changes.edit.att.id).ok
            print(json.dumps({"ev": "gone", "id": changes.edit.att.id}), flush=True)


def make_big(path: Path, size_mb: int) -> Path:
    """``size_mb`` MiB of bytes no two MiB alike (so no file system dedups them)."""
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for n in range(size_mb):
            f.write(n.to_bytes(8, "little") + block[8:])
    return path


def check(db_path: Path, committed: set[int], gone: set[int]) -> list[str]:
    """What is wrong with the file after a kill ([] when nothing)."""
    from magdesk import usecases
    from magdesk.storage import open_database
    from magdesk.storage.attachments import store_for

    problems = []
    with open_database(db_path) as db:
        if db.read_only:
            return [f"read-only after the kill: {db.read_only_reason}"]
        if db.conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        if not usecases.verify_audit(db).ok:
            problems.append("audit trail does not verify")
        report = usecases.check_attachments(db)
        if not report.ok:
            problems.append(f"rows without a whole blob: {report.missing + report.damaged}")
        ids = {a.id for a in usecases.all_attachments(db)}
        if committed - gone - ids:
            problems.append(f"committed attachments lost: {sorted(committed - gone - ids)}")
        store = store_for(db_path)
        for sha in store.shas():
            if not store.verify(sha):
                problems.append(f"half a blob under a real name: {sha}")
        usecases.prune_attachments(db)
        if list(store.root.glob(".tmp-*")):
            problems.append("a dead writer's temporary copy survived pruning")
    return problems


def run(kills: int, *, folder: Path, size_mb: int = 200, seed: int = 1,
        max_wait: float = 2.0, log=print) -> dict:
    """Kill ``kills`` writers; ``{"kills", "commits", "problems"}``."""
    from magdesk.usecases import create_demo

    rng = random.Random(seed)
    db_path = folder / "books.sqlite"
    create_demo(db_path, sales=50, seed=seed)
    big = make_big(folder / "large scan.pdf", size_mb)
    committed: set[int] = set()
    gone: set[int] = set()
    problems: list[str] = []
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    for k in range(kills):
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(db_path), str(big),
                                 str(seed + k)], stdout=subprocess.PIPE, text=True, env=env)
        assert json.loads(proc.stdout.readline())["ev"] == "ready"
        time.sleep(rng.uniform(0, max_wait))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.splitlines():
            event = json.loads(line)
            (committed if event["ev"] == "ok" else gone).add(event["id"])
        found = check(db_path, committed, gone)
        log(f"kill {k + 1}: {len(committed)} attached so far, {'ok' if not found else found}")
        problems += found
    return {"kills": kills, "commits": len(committed), "problems": problems}


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        result = run(args.kills, folder=Path(folder), size_mb=args.size_mb, seed=args.seed)
    print(json.dumps(result))
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
