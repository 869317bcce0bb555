"""Fuzz stress: at least 10,000 generated inputs against identifier checks,
filing-template loading and spreadsheet imports; no crash, no partial write.

    python tests/stress/fuzz_stress.py [--inputs 10000] [--seed 1]

Inputs are seeded mutations of valid ones plus noise (tests/stress/fuzzing.py).
Identifier checks must return a reason code; a template loads or is refused
with TemplateError; an import returns a result or ImportFileError, and unless
it reports "imported" the database's row counts and audit trail are exactly as
before.  At the end the database passes integrity_check and its audit trail
verifies.  Exit code 0 when nothing failed.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

SHARE = {"identifier": 0.6, "template": 0.25, "import": 0.15}


def run(inputs: int, seed: int = 1, folder: Path | None = None, log=print) -> dict:
    from magdesk.core import model as M
    from magdesk.storage import audit, open_database
    from magdesk.storage.repository import Repository
    from tests.stress import fuzzing as F

    rng = random.Random(seed)
    folder = Path(folder or tempfile.mkdtemp(prefix="magdesk-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["MAGDESK_DATA_DIR"] = str(folder / "data")
    os.environ["MAGDESK_CONFIG_DIR"] = str(folder / "config")
    seed_toml = F.template_seed()
    outcomes: dict[str, collections.Counter] = {k: collections.Counter() for k in SHARE}
    failures = []
    started = time.perf_counter()
    db = open_database(folder / "fuzz.sqlite", create=True, keep=3)
    Repository(db).set_company(M.Company("模糊测试有限公司", "91310110666007217T"))
    try:
        for n in range(inputs):
            target = rng.choices(list(SHARE), weights=list(SHARE.values()))[0]
            try:
                if target == "identifier":
                    F.check_identifier(F.random_identifier(rng))
                    outcomes[target]["checked"] += 1
                elif target == "template":
                    path = folder / "t.toml"
                    path.write_text(F.mutate_text(rng, seed_toml), encoding="utf-8")
                    outcomes[target][F.check_template(path)] += 1
                else:
                    path, how = F.random_import_file(rng, folder, n)
                    status = F.check_import(db, path)
                    outcomes[target][f"{how}: {status}"] += 1
                    path.unlink()
            except Exception as exc:  # noqa: BLE001 - every failure is reported
                failures.append((n, target, f"{type(exc).__name__}: {exc}",
                                 traceback.format_exc(limit=4)))
            if (n + 1) % 2000 == 0:
                log(f"  {n + 1} inputs, {len(failures)} failures, "
                    f"{time.perf_counter() - started:.0f} s")
        integrity = db.conn.execute("PRAGMA integrity_check").fetchone()[0]
        trail = audit.verify(db.conn)
    finally:
        db.close()
    return {"inputs": inputs, "outcomes": outcomes, "failures": failures,
            "integrity": integrity, "trail_ok": trail.ok, "entries": trail.entries,
            "seconds": time.perf_counter() - started, "folder": folder}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    print(f"fuzz stress: {args.inputs:,} inputs, seed {args.seed}")
    result = run(args.inputs, args.seed, args.dir)
    for target, counts in result["outcomes"].items():
        total = sum(counts.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{target}: {total:,} inputs ({detail})")
    for n, target, message, trace in result["failures"][:10]:
        print(f"FAILED input {n} ({target}): {message}\n{trace}")
    print(f"database after the imports: integrity_check {result['integrity']}, audit trail "
          f"{'intact' if result['trail_ok'] else 'BROKEN'} ({result['entries']} entries)")
    ok = not result["failures"] and result["integrity"] == "ok" and result["trail_ok"]
    print(f"{result['inputs']:,} inputs in {result['seconds']:.0f} s; failures: "
          f"{len(result['failures'])}; verdict: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
