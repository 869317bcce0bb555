"""Many clerks saving sales at once on one server, against the same batches.

    python tests/stress/server_writers.py --url postgresql://... [--writers 10] [--sales 1000]
        [--kill-clients N] [--kill-server DIR]

The company at ``--url`` must be a magdesk company (``db copy`` a demo
there).  Each writer (this script with ``--child``) is a process of its own
that opens the company through ``usecases.open_file`` as a clerk of its own
name and saves ``--sales`` sales through ``usecases.save``, each drawing on
one of a few shared batches, together asking for more than those batches
have.  It reports each sale the server committed, and each refusal with the
words the clerk would read.  Meanwhile the parent may SIGKILL writers
(``--kill-clients``: that many, at random moments, each started again) and
stop the server the hard way and start it again (``--kill-server``: the
cluster folder of ``installer/pg-test-cluster.sh``).  Then:

- every sale a writer reported committed is on the server, and every sale
  on the server was one a writer tried (nothing half-written, nothing lost);
- no shared batch is sold beyond what it has;
- the audit trail verifies (``usecases.verify_audit``);
- every refusal a writer met was one a clerk can act on: the batch is sold
  out (``batch.oversold``), or the server was away (``pg.lost``,
  ``pg.cannot_connect``) and the writer went on once it was back.

Prints a JSON summary; exit code 0 when every check passed.
tests/stress/test_server_writers.py runs a small one in the test suite.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

BATCHES = 4  # the shared batches every writer draws on
ACTABLE = {"batch.oversold", "pg.lost", "pg.cannot_connect"}


def _code(changes) -> str:
    if changes.refused:
        return ",".join(f.code for f in changes.refused)
    reason = changes.failure.args[0] if changes.failure and changes.failure.args else None
    return getattr(reason, "code", type(changes.failure).__name__)


def child(url: str, name: str, sales: int, seed: int, start: int) -> None:
    """Save ``sales`` sales as clerk ``name``, numbered from ``start``; one
    JSON line per outcome."""
    from magdesk import usecases

    rng = random.Random(seed)
    db, batches, template = _open_until_up(url, name)
    print(json.dumps({"ev": "ready"}), flush=True)
    n, retried = start, False
    while n < sales:
        batch = rng.choice(batches)
        sale = dataclasses.replace(template, id=None, doc_no=f"W-{name}-{n:05d}",
                                   batch_id=batch.id, product_id=batch.product_id,
                                   qty_g=rng.randint(1, 4) * 1000)
        print(json.dumps({"ev": "try", "doc": sale.doc_no}), flush=True)
        changes = usecases.save(db, sale)
        code = "" if changes.ok else _code(changes)
        if changes.ok or (retried and code == "key.duplicate"):
            # (saved again after the connection broke at its commit: it was
            # saved then, and the clerk finds it there)
            print(json.dumps({"ev": "ok", "doc": sale.doc_no}), flush=True)
        else:
            print(json.dumps({"ev": "no", "doc": sale.doc_no, "code": code,
                              "said": changes.why("zh")}), flush=True)
            if code in ("pg.lost", "pg.cannot_connect"):
                retried = True
                time.sleep(0.2)  # the clerk waits for the server, and saves again
                continue
        n, retried = n + 1, False
    db.close()


def _open_until_up(url: str, name: str, wait: float = 60.0):
    """The company opened, and what the writer draws on, once the server answers."""
    from magdesk import usecases
    from magdesk.storage.db import StorageError
    from magdesk.storage.postgres.server import open_server

    end = time.monotonic() + wait
    while True:
        try:
            db = open_server(url, clerk=name)
            repo = usecases.repository(db)
            return db, shared_batches(repo), _template(repo)
        except StorageError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


def shared_batches(repo) -> list:
    """The batches every writer draws on: the first few by number."""
    return list(repo.iter("batch", order="batch_no"))[:BATCHES]


def _template(repo):
    sale = next(iter(repo.iter("sale", where="is_export = 0", order="date DESC")))
    return sale


def _start(url: str, name: str, sales: int, seed: int, start: int) -> subprocess.Popen:
    root = Path(__file__).resolve().parents[2]
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", "--url", url, "--name", name,
         "--sales", str(sales), "--seed", str(seed), "--start", str(start)],
        stdout=subprocess.PIPE, text=True, cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)})


def _collect(proc: subprocess.Popen, log: dict) -> None:
    for line in proc.stdout:
        event = json.loads(line)
        if event["ev"] == "ok":
            log["ok"].add(event["doc"])
        elif event["ev"] == "ready":
            log["ready"] += 1
        elif event["ev"] == "try":
            log["tried"].add(event["doc"])
        elif event["ev"] == "no":
            log["refused"].setdefault(event["code"], 0)
            log["refused"][event["code"]] += 1
            log["said"].setdefault(event["code"], event["said"])


def run(url: str, writers: int = 10, sales: int = 1000, kill_clients: int = 0,
        kill_server: Path | None = None, seed: int = 1) -> dict:
    """Run the writers (see the module); the summary, with ``problems``."""
    import threading

    rng = random.Random(seed)
    _room_for(url, writers * sales)
    log = {"ok": set(), "tried": set(), "refused": {}, "said": {}, "ready": 0, "crashed": 0}
    procs, threads, started = {}, [], time.monotonic()

    def launch(i: int, start: int) -> None:
        proc = _start(url, f"clerk{i:02d}", sales, seed * 100 + i + start, start)
        procs[i] = proc
        thread = threading.Thread(target=_collect, args=(proc, log), daemon=True)
        thread.start()
        threads.append(thread)

    for i in range(writers):
        launch(i, 0)
    end = time.monotonic() + 120
    while len(log["ok"]) < 2 * writers and time.monotonic() < end:  # all of them saving
        time.sleep(0.05)
    kills = 0
    for _ in range(kill_clients):
        time.sleep(rng.uniform(0.2, 0.8))
        i = rng.randrange(writers)
        if procs[i].poll() is None:
            procs[i].send_signal(signal.SIGKILL)
            procs[i].wait()
            kills += 1
            done = sum(1 for d in log["tried"] if d.startswith(f"W-clerk{i:02d}-"))
            launch(i, done)  # the clerk starts again, after what she tried
    if kill_server is not None:
        time.sleep(rng.uniform(0.1, 0.5))
        script = Path(__file__).resolve().parents[2] / "installer" / "pg-test-cluster.sh"
        subprocess.run(["bash", str(script), "stop", str(kill_server)], check=True)
        time.sleep(1.0)
        subprocess.run(["bash", str(script), "again", str(kill_server)], check=True,
                       capture_output=True)
    for proc in list(procs.values()):
        if proc.wait() != 0:
            log["crashed"] += 1
    for thread in threads:
        thread.join()
    summary = check(url, log)
    if log["crashed"]:
        summary["problems"].append(f"{log['crashed']} writers stopped with an error")
    summary.update(seconds=round(time.monotonic() - started, 1), client_kills=kills,
                   server_killed=kill_server is not None, writers=writers, sales=sales)
    return summary


def _room_for(url: str, sales: int) -> None:
    """Give the shared batches room for about nine sales in ten (2.5 kg
    each on average), saved through the use case as a clerk would: the
    last ones find the batches sold out."""
    from magdesk import usecases

    with usecases.open_file(url) as db:
        repo = usecases.repository(db)
        for batch in shared_batches(repo):
            _number, sold, has = repo.batch_draw(batch.id)
            more = sold - has + sales * 2500 * 9 // 10 // BATCHES
            assert usecases.save(db, dataclasses.replace(batch, output_g=batch.output_g + more)).ok


def check(url: str, log: dict) -> dict:
    from magdesk import usecases

    problems = []
    with usecases.open_file(url) as db:
        repo = usecases.repository(db)
        there = {s.doc_no for s in repo.iter("sale", where="doc_no LIKE 'W-%'")}
        lost = log["ok"] - there
        if lost:
            problems.append(f"{len(lost)} committed sales missing, e.g. {sorted(lost)[:3]}")
        stray = there - log["tried"]
        if stray:
            problems.append(f"{len(stray)} sales nobody tried: {sorted(stray)[:3]}")
        for batch in shared_batches(repo):
            number, sold, has = repo.batch_draw(batch.id)
            if sold > has:
                problems.append(f"batch {number} oversold: {sold} g of {has} g")
        audit = usecases.verify_audit(db)
        if not audit.report.ok:
            problems.append(f"audit trail broken: {audit.as_dict()}")
    odd = set(log["refused"]) - ACTABLE
    if odd:
        problems.append(f"refusals a clerk cannot act on: {[log['said'][c] for c in odd]}")
    return {"committed": len(log["ok"]), "on_server": len(there), "refused": log["refused"],
            "problems": problems}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--sales", type=int, default=1000)
    parser.add_argument("--kill-clients", type=int, default=0)
    parser.add_argument("--kill-server", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--name")
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args()
    if args.child:
        child(args.url, args.name, args.sales, args.seed, args.start)
        return 0
    summary = run(args.url, args.writers, args.sales, args.kill_clients, args.kill_server,
                  args.seed)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 1 if summary["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
