"""Kill a writer at random moments, then check the file after every kill.

    python tests/stress/crash_kill.py --kills 200 [--seed 1] [--dir DIR]

A writer process (this script with ``--child``) opens the database through
magdesk and changes it without a pause: saves, edits and deletions of records,
spreadsheet imports, restore points and restores (and, after them, writers
migrating a file of the release before or repairing a file with planted schema
objects: ``run_schema``; and writers saving filing templates with their sample
workbooks: ``run_templates``).  It prints each change before
it starts (``begin``) and once it is committed (``ok``).  The parent SIGKILLs it
at a random moment (sometimes while it is still opening the file) and checks:

- the file opens for writing again (the lock died with the writer),
- ``PRAGMA integrity_check`` is ok and the audit trail's hash chain verifies,
- the records are exactly those the reported commits say, give or take the one
  change that was in flight when the writer died,
- every restore point listed reads back (``quick_check``) and is the file's own
  (its identity), and the file keeps its identity, restores included.

With ``--mix restore`` every writer restores half the time, so that kills
land in restores (the file is then either as it was or as restored).

Exit code 0 when every kill passed.  tests/stress/test_crash.py runs a few kills.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

KEEP = 5  # restore points kept by rotation: small, so rotation runs all the time


# --- the writer ------------------------------------------------------------------------------


def _say(**event) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _counterparty(name: str, address: str):
    from magdesk.core import model as M

    return M.Counterparty(None, name, "FOREIGN", "CUSTOMER", "JP", address, name_en="Test Co",
                          end_use_default="EV_MOTOR")


def child(db_path: Path, run: int, seed: int, mix: str = "all") -> None:
    from magdesk import usecases
    from magdesk.storage import open_database
    from magdesk.storage.repository import Repository

    rng = random.Random(seed)
    db = open_database(db_path, keep=KEEP)
    assert not db.read_only, db.read_only_reason
    present = {r.name_cn: r for r in Repository(db).iter("counterparty")}
    snaps: list[Path] = []
    # Half the writers only save, edit and delete, so that kills land in those
    # short transactions too; the others also import, take restore points, restore.
    small_only = mix == "all" and rng.random() < 0.5
    _say(ev="ready")
    for i in range(1_000_000):
        repo = Repository(db)
        roll = rng.random() * (0.65 if small_only else 1.0)
        if mix == "restore":  # saves, restore points and restores only, half of it restores
            roll = (0.0, 0.9, 0.99)[min(2, int(rng.random() * 4))] if snaps else 0.9
        if roll < 0.35 or not present:
            name = f"K{run}-{i}"
            op = {"kind": "save", "names": {name: f"addr {i}"}}
            _say(ev="begin", op=op)
            changes = usecases.save(db, _counterparty(name, f"addr {i}"))
            assert changes.ok, changes.refused
            ((_, new_id),) = changes.records
            present[name] = repo.get("counterparty", new_id)
        elif roll < 0.55:
            name = rng.choice(sorted(present))
            op = {"kind": "update", "names": {name: f"moved {i}"}}
            _say(ev="begin", op=op)
            repo.update(replace(present[name], address=f"moved {i}"))
            present[name] = replace(present[name], address=f"moved {i}")
        elif roll < 0.65:
            name = rng.choice(sorted(present))
            op = {"kind": "delete", "names": {name: None}}
            _say(ev="begin", op=op)
            repo.delete("counterparty", present.pop(name).id)
        elif roll < 0.85:
            rows = {f"I{run}-{i}-{n}": f"imported {i}" for n in range(rng.randint(1, 40))}
            sheet = db_path.with_name(f"import-{os.getpid()}.csv")
            _write_csv(sheet, rows)
            op = {"kind": "import", "names": rows}
            _say(ev="begin", op=op)
            result = usecases.import_file(db, "counterparties", sheet)
            assert result.status == "imported", [f.code for f in result.findings]
            present.update({r.name_cn: r for r in Repository(db).iter(
                "counterparty", where="name_cn LIKE ?", params=(f"I{run}-{i}-%",))})
        elif roll < 0.95 or not snaps:
            _say(ev="begin", op={"kind": "snapshot"})
            snap = db.snapshot(f"crash test {run}-{i}")
            snaps.append(snap.path)
            _say(ev="ok", snapshot=snap.name)
            continue
        else:
            source = rng.choice([s for s in snaps if s.exists()] or snaps)
            _say(ev="begin", op={"kind": "restore", "snapshot": source.name})
            usecases.restore_snapshot(db, source)
            present = {r.name_cn: r for r in Repository(db).iter("counterparty")}
        _say(ev="ok")


def _write_csv(path: Path, rows: dict[str, str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["单位名称", "英文名称", "交易对象类型", "角色", "国家(地区)", "地址",
                      "默认最终用途"])
        for name, address in rows.items():
            out.writerow([name, "Test Co", "境外企业", "客户", "日本", address, "新能源汽车驱动电机"])


# --- the killer and checker ----------------------------------------------------------------------


class Model:
    """What the database must hold: counterparty name -> address."""

    def __init__(self):
        self.rows: dict[str, str] = {}
        self.snapshots: dict[str, dict[str, str]] = {}
        self.identity = ""  # the file's, which no kill nor restore may change

    def applied(self, op: dict) -> dict[str, str]:
        if op["kind"] == "restore":
            return dict(self.snapshots[op["snapshot"]])
        rows = dict(self.rows)
        for name, address in op.get("names", {}).items():
            if address is None:
                rows.pop(name, None)
            else:
                rows[name] = address
        return rows


def one_kill(db_path: Path, model: Model, run: int, rng: random.Random, max_wait: float,
             env: dict, mix: str = "all") -> tuple[str, int]:
    """Start a writer, kill it, follow its report.  Returns (what was in flight,
    how many commits it reported)."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(db_path), str(run),
                             str(rng.randrange(1 << 30)), mix], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True, bufsize=1)
    early = rng.random() < 0.15
    if early:  # while Python starts, magdesk opens, checks and seals the file
        time.sleep(rng.uniform(0.05, 0.8))
    else:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"writer {run} died before it was ready: {proc.stderr.read()}")
        time.sleep(rng.uniform(0.0, max_wait))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out, err = proc.stdout.read(), proc.stderr.read()  # the same buffered readers as above
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode != -signal.SIGKILL:
        raise AssertionError(f"writer {run} stopped by itself ({proc.returncode}): {err[-2000:]}")
    pending, commits = None, 0
    for line in out.splitlines():
        try:
            event = json.loads(line)
        except ValueError:  # the last line, cut by the kill: that step was not reported
            break
        if event["ev"] == "begin":
            pending = event["op"]
        elif event["ev"] == "ok":
            if pending["kind"] == "snapshot":
                model.snapshots[event["snapshot"]] = dict(model.rows)
            else:
                model.rows = model.applied(pending)
            pending, commits = None, commits + 1
    in_flight = "start-up" if early and pending is None and commits == 0 else (
        pending["kind"] if pending else "between changes")
    check(db_path, model, pending, run)
    model.snapshots.clear()  # a new writer restores only restore points of its own
    return in_flight, commits


def check(db_path: Path, model: Model, pending: dict | None, run: int) -> None:
    from magdesk import usecases
    from magdesk.storage import audit, open_database, restore
    from magdesk.storage.identity import file_identity

    with open_database(db_path, keep=KEEP) as db:  # quick_check + foreign keys on open
        if db.read_only:
            raise AssertionError(f"after kill {run}: still locked ({db.read_only_reason})")
        integrity = db.conn.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            raise AssertionError(f"after kill {run}: integrity_check {integrity}")
        report = audit.verify(db.conn)
        if not report.ok:
            raise AssertionError(f"after kill {run}: audit trail broken: {report.detail}")
        actual = dict(db.conn.execute("SELECT name_cn, address FROM counterparty"))
        listed = usecases.list_snapshots(db)
        identity = file_identity(db.conn)
    if identity != (model.identity or identity) or not identity:
        raise AssertionError(f"after kill {run}: the file's identity is {identity!r}, "
                             f"not {model.identity!r}")
    model.identity = identity
    if any(s.identity != identity for s in listed):
        raise AssertionError(f"after kill {run}: another file's restore point is listed")
    allowed = [model.rows] + ([model.applied(pending)] if pending and
                              pending["kind"] != "snapshot" else [])
    if actual not in allowed:
        missing = set(model.rows) - set(actual)
        extra = set(actual) - set(model.rows)
        raise AssertionError(f"after kill {run}: records differ from the reported commits "
                             f"(in flight: {pending}); missing {sorted(missing)[:5]}, "
                             f"unexpected {sorted(extra)[:5]}")
    model.rows = actual  # the change in flight either made it or not: both are fine
    for snap in listed:
        if restore.check_source(snap.path) is None:
            raise AssertionError(f"after kill {run}: {snap.name} has lost its note")


def run(kills: int, *, seed: int = 1, folder: Path | None = None, max_wait: float = 0.6,
        log=print, mix: str = "all") -> dict:
    """Kill ``kills`` writers in a row on one file; raises AssertionError on the
    first check that fails.  Returns counts for the summary."""
    rng = random.Random(seed)
    folder = Path(folder or tempfile.mkdtemp(prefix="magdesk-crash-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MAGDESK_DATA_DIR": str(folder / "data"),
           "MAGDESK_CONFIG_DIR": str(folder / "config"), "PYTHONDONTWRITEBYTECODE": "1"}
    os.environ.update({k: env[k] for k in ("MAGDESK_DATA_DIR", "MAGDESK_CONFIG_DIR")})
    db_path = folder / "crash.sqlite"
    _create(db_path)
    model = Model()
    where: collections.Counter = collections.Counter()
    commits = 0
    started = time.perf_counter()
    for n in range(1, kills + 1):
        in_flight, reported = one_kill(db_path, model, n, rng, max_wait, env, mix)
        where[in_flight] += 1
        commits += reported
        if n % 20 == 0 or n == kills:
            log(f"  {n} kills, {commits} commits checked, {len(model.rows)} records, "
                f"{time.perf_counter() - started:.0f} s")
    return {"kills": kills, "commits": commits, "records": len(model.rows), "where": where,
            "seconds": time.perf_counter() - started, "folder": folder}


def _create(db_path: Path) -> None:
    from magdesk.core import model as M
    from magdesk.storage import open_database
    from magdesk.storage.repository import Repository

    with open_database(db_path, create=True, keep=KEEP) as db:
        Repository(db).set_company(M.Company("崩溃测试有限公司", "91310110666007217T"))


# --- kills during a migration and a repair --------------------------------------------------
#
# A writer migrates a file of the release before (schema v4) or repairs a file
# with planted schema objects, and is killed at a random moment of it.  After
# each kill the file is either as it was or as it should become (a migration
# step and a repair are one transaction each), its rows are untouched, and
# opening it (and repairing it again) brings it to magdesk's schema.

PLANTED = ("ALTER TABLE counterparty RENAME TO counterparty_real;"
           "CREATE VIEW counterparty AS SELECT * FROM counterparty_real WHERE id > 10;"
           "CREATE TRIGGER evil_x AFTER UPDATE ON audit_session "
           "BEGIN DELETE FROM counterparty_real; END;"
           "DROP TRIGGER audit_product_update")


def schema_child(kind: str, db_path: Path) -> None:
    from magdesk import usecases
    from magdesk.storage import open_database

    _say(ev="ready")
    if kind == "migrate":
        open_database(db_path, keep=KEEP).close()
    else:
        usecases.repair_schema(db_path)
    _say(ev="ok")


def _old_file(path: Path, rows: int = 20_000) -> None:
    """A file as the release before this one made it (schema v4), with rows."""
    import sqlite3

    from magdesk.storage.migrations import APPLICATION_ID, MIGRATIONS

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for step in MIGRATIONS[:4]:
        for statement in step:
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO company (id, name, uscc) VALUES (1, '崩溃测试有限公司', "
                 "'91310110666007217T')")
    conn.executemany("INSERT INTO counterparty (name_cn, cp_type, role, country, address) "
                     "VALUES (?, 'FOREIGN', 'CUSTOMER', 'JP', ?)",
                     ((f"M{n}", f"addr {n}") for n in range(rows)))
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _data(conn) -> dict[str, list]:
    """Every data row by table (a table renamed away counted under its own name)."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'audit%' "
        "AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'magdesk%'")]
    rows = {t.removesuffix("_real"): sorted(conn.execute(f'SELECT * FROM "{t}"'))
            for t in tables}
    return {t: r for t, r in rows.items() if r}  # (a migration adds empty tables)


def _as_found(db_path: Path):
    import sqlite3

    from magdesk.storage import schema

    conn = sqlite3.connect(db_path)
    try:
        return (conn.execute("PRAGMA user_version").fetchone()[0], schema.compare(conn),
                _data(conn))
    finally:
        conn.close()


def schema_kill(kind: str, template: Path, db_path: Path, rng: random.Random, env: dict,
                max_wait: float) -> str:
    """Copy ``template``, start a writer migrating or repairing it, kill it;
    check the file.  Returns what the kill found ("old", "new")."""
    import shutil

    from magdesk import usecases
    from magdesk.storage import audit, open_database
    from magdesk.storage.migrations import LATEST

    shutil.copyfile(template, db_path)
    before = _as_found(db_path)
    proc = subprocess.Popen([sys.executable, __file__, "--schema-child", kind, str(db_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    if not proc.stdout.readline():
        raise AssertionError(f"{kind} writer died before it was ready: {proc.stderr.read()}")
    # Opening an old file (a restore point, the step, sealing) takes twice a repair's time.
    time.sleep(rng.uniform(0.0, max_wait * (2 if kind == "migrate" else 1)))
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    version, diff, data = _as_found(db_path)
    if data != before[2]:
        raise AssertionError(f"killed {kind}: the rows changed")
    # each step is a transaction of its own: killed between steps, the file is at a
    # later version, whole; the next opening takes it on to the latest
    new = version > before[0] and diff.ok if kind == "migrate" else diff.ok
    old = (version, diff) == before[:2]
    if not (old or new):
        raise AssertionError(f"killed {kind}: the file is neither as it was nor as it should "
                             f"become: schema v{version}, {diff.describe()}")
    if kind == "repair" and not diff.ok:
        usecases.repair_schema(db_path)  # the repair, done again, ends where it should
    with open_database(db_path, keep=KEEP) as db:
        assert not db.read_only, db.read_only_reason
        assert db.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        report = audit.verify(db.conn)
        assert report.ok, report.detail
    after = _as_found(db_path)
    if after[2] != before[2] or not after[1].ok or after[0] != LATEST:
        raise AssertionError(f"killed {kind}: opened afterwards, the file is not magdesk's")
    return "new" if new else "old"


def run_schema(kills: int, *, seed: int = 1, folder: Path | None = None,
               max_wait: float = 0.3) -> collections.Counter:
    """Kill ``kills`` writers migrating a v4 file and as many repairing a file
    with planted objects; raises AssertionError on the first failed check."""
    import sqlite3

    rng = random.Random(seed)
    folder = Path(folder or tempfile.mkdtemp(prefix="magdesk-crash-schema-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MAGDESK_DATA_DIR": str(folder / "data"),
           "MAGDESK_CONFIG_DIR": str(folder / "config"), "PYTHONDONTWRITEBYTECODE": "1"}
    os.environ.update({k: env[k] for k in ("MAGDESK_DATA_DIR", "MAGDESK_CONFIG_DIR")})
    old, planted = folder / "v4.sqlite", folder / "planted.sqlite"
    _old_file(old)
    _old_file(planted)
    from magdesk.storage import open_database

    open_database(planted, keep=KEEP).close()  # migrated, then planted
    conn = sqlite3.connect(planted)
    conn.executescript(PLANTED)
    conn.close()
    found: collections.Counter = collections.Counter()
    for n in range(kills):
        for kind, template in (("migrate", old), ("repair", planted)):
            target = folder / f"{kind}-{n}.sqlite"
            found[f"{kind}: {schema_kill(kind, template, target, rng, env, max_wait)}"] += 1
    return found


# --- kills during template saves ------------------------------------------------------------
#
# A writer saves filing templates with a sample workbook of about 200 KB each
# (a restore point, then one transaction), chooses the default and deletes
# templates, through the use cases, and is killed at a random moment.  After
# each kill the file opens for writing, passes the integrity check, the schema
# comparison and the audit chain, and holds exactly the templates the writer
# reported saved, give or take the one in flight: each wholly (its text, its
# sample and the sample's hash agree) or not at all.

TEMPLATE_NAMES = ("省局流向表", "市局表", "SJ-2026", "月报")
SAMPLE_SIZE = 200_000


def _template_body(name: str, sample_sha: str, tag: str) -> str:
    """A whole template (saving checks it): the built-in one under ``name``."""
    from magdesk.resources import resource_path

    builtin = resource_path("templates", "REFLOW-1.toml").read_text(encoding="utf-8")
    return f"# learned from a sample; {tag}\n" + builtin.replace(
        'id = "REFLOW-1"', f'id = "{name}"\nsample_sha256 = "{sample_sha}"')


def template_child(db_path: Path, run: int, seed: int) -> None:
    import hashlib

    from magdesk import usecases
    from magdesk.storage import open_database

    rng = random.Random(seed)
    db = open_database(db_path, keep=KEEP)
    assert not db.read_only, db.read_only_reason
    kept = {t.name for t in usecases.list_templates(db) if not t.builtin}
    _say(ev="ready")
    for i in range(1_000_000):
        roll = rng.random()
        name = rng.choice(TEMPLATE_NAMES)
        if roll < 0.75 or not kept:
            sample = rng.randbytes(SAMPLE_SIZE)
            sha = hashlib.sha256(sample).hexdigest()
            body = _template_body(name, sha, f"{run}-{i}")
            make_default = rng.random() < 0.2
            _say(ev="begin", op={"kind": "save", "name": name, "sample": sha,
                                 "body": hashlib.sha256(body.encode()).hexdigest(),
                                 "default": make_default})
            changes = usecases.save_template(db, name, body, sample, f"{name}.xlsx",
                                             make_default=make_default)
            kept.add(name)
        elif roll < 0.88:
            name = rng.choice(sorted(kept))
            _say(ev="begin", op={"kind": "delete", "name": name})
            changes = usecases.delete_template(db, name)
            kept.discard(name)
        else:
            name = rng.choice([None, *sorted(kept)])
            _say(ev="begin", op={"kind": "default", "name": name})
            changes = usecases.set_default_template(db, name)
        assert changes.ok, changes.why("en")
        _say(ev="ok")


class TemplateModel:
    """What the file must hold: (name, version) -> (body sha, sample sha), the default."""

    def __init__(self):
        self.rows: dict[tuple[str, int], tuple[str, str]] = {}
        self.default: str | None = None

    def state(self) -> tuple[dict, str | None]:
        return dict(self.rows), self.default

    def applied(self, op: dict) -> tuple[dict, str | None]:
        rows, default = self.state()
        name = op["name"]
        if op["kind"] == "save":
            version = max((v for n, v in rows if n == name), default=0) + 1
            rows[(name, version)] = (op["body"], op["sample"])
            default = name if op["default"] else default
        elif op["kind"] == "delete":
            rows = {k: v for k, v in rows.items() if k[0] != name}
            default = None if default == name else default
        else:
            default = name
        return rows, default


def _templates_found(db_path: Path, run: int) -> tuple[dict, str | None]:
    """The templates of the file after a kill, each checked whole."""
    import hashlib
    import re

    from magdesk import usecases
    from magdesk.storage import audit, open_database, restore, schema

    with open_database(db_path, keep=KEEP) as db:  # quick_check + foreign keys on open
        if db.read_only:
            raise AssertionError(f"after template kill {run}: still locked "
                                 f"({db.read_only_reason})")
        integrity = db.conn.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            raise AssertionError(f"after template kill {run}: integrity_check {integrity}")
        diff = schema.compare(db.conn)
        if not diff.ok:
            raise AssertionError(f"after template kill {run}: schema differs: {diff.describe()}")
        report = audit.verify(db.conn)
        if not report.ok:
            raise AssertionError(f"after template kill {run}: audit trail broken: "
                                 f"{report.detail}")
        rows = db.conn.execute("SELECT name, version, body, sample, sample_sha256 "
                               "FROM filing_template").fetchall()
        default = usecases.default_template(db)
        listed = usecases.list_snapshots(db)
    found = {}
    for name, version, body, sample, sample_sha in rows:
        said = re.search(r'sample_sha256 = "([0-9a-f]{64})"', body)
        whole = (sample is not None and len(sample) == SAMPLE_SIZE and said is not None
                 and hashlib.sha256(sample).hexdigest() == sample_sha == said.group(1))
        if not whole:
            raise AssertionError(f"after template kill {run}: {name} v{version} is not whole "
                                 f"(its text, its sample and the sample's hash disagree)")
        found[(name, version)] = (hashlib.sha256(body.encode()).hexdigest(), sample_sha)
    for snap in listed:
        if restore.check_source(snap.path) is None:
            raise AssertionError(f"after template kill {run}: {snap.name} has lost its note")
    return found, None if default == "REFLOW-1" else default


def template_kill(db_path: Path, model: TemplateModel, run: int, rng: random.Random,
                  max_wait: float, env: dict) -> str:
    """Start a template writer, kill it, check the file.  Returns what was in flight."""
    proc = subprocess.Popen([sys.executable, __file__, "--template-child", str(db_path),
                             str(run), str(rng.randrange(1 << 30))], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True, bufsize=1)
    if not proc.stdout.readline():
        raise AssertionError(f"template writer {run} died before it was ready: "
                             f"{proc.stderr.read()}")
    time.sleep(rng.uniform(0.0, max_wait))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode != -signal.SIGKILL:
        raise AssertionError(f"template writer {run} stopped by itself ({proc.returncode}): "
                             f"{err[-2000:]}")
    pending = None
    for line in out.splitlines():
        try:
            event = json.loads(line)
        except ValueError:  # the last line, cut by the kill
            break
        if event["ev"] == "begin":
            pending = event["op"]
        elif event["ev"] == "ok":
            model.rows, model.default = model.applied(pending)
            pending = None
    actual = _templates_found(db_path, run)
    allowed = [model.state()] + ([model.applied(pending)] if pending else [])
    if actual not in allowed:
        raise AssertionError(f"after template kill {run}: the templates differ from the "
                             f"reported commits (in flight: {pending}): found "
                             f"{sorted(actual[0])} default {actual[1]}, expected "
                             f"{sorted(model.rows)} default {model.default}")
    model.rows, model.default = actual  # the change in flight made it or not: both fine
    return pending["kind"] if pending else "between changes"


def run_templates(kills: int, *, seed: int = 1, folder: Path | None = None,
                  max_wait: float = 0.5) -> collections.Counter:
    """Kill ``kills`` writers saving templates on one file; raises
    AssertionError on the first failed check.  Returns where the kills landed."""
    rng = random.Random(seed)
    folder = Path(folder or tempfile.mkdtemp(prefix="magdesk-crash-templates-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MAGDESK_DATA_DIR": str(folder / "data"),
           "MAGDESK_CONFIG_DIR": str(folder / "config"), "PYTHONDONTWRITEBYTECODE": "1"}
    os.environ.update({k: env[k] for k in ("MAGDESK_DATA_DIR", "MAGDESK_CONFIG_DIR")})
    db_path = folder / "templates.sqlite"
    _create(db_path)
    model = TemplateModel()
    where: collections.Counter = collections.Counter()
    for n in range(1, kills + 1):
        where[template_kill(db_path, model, n, rng, max_wait, env)] += 1
    return where


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--schema-child":
        schema_child(sys.argv[2], Path(sys.argv[3]))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--template-child":
        template_child(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="work folder (default: a new temporary one)")
    parser.add_argument("--max-wait", type=float, default=0.6,
                        help="longest wait after the writer is ready, seconds")
    parser.add_argument("--mix", choices=("all", "restore"), default="all",
                        help="restore: writers restore half the time (kills during restores)")
    parser.add_argument("--schema-kills", type=int, default=20,
                        help="then kill as many migrations of a v4 file, and repairs")
    parser.add_argument("--template-kills", type=int, default=20,
                        help="then kill as many writers saving templates with a 200 KB sample")
    args = parser.parse_args()
    print(f"crash test: {args.kills} SIGKILLs of a writer, seed {args.seed}")
    try:
        result = run(args.kills, seed=args.seed, folder=args.dir, max_wait=args.max_wait,
                     mix=args.mix)
        schema = run_schema(args.schema_kills, seed=args.seed,
                            folder=args.dir / "schema" if args.dir else None)
        templates = run_templates(args.template_kills, seed=args.seed,
                                  folder=args.dir / "templates" if args.dir else None)
    except AssertionError as exc:
        print(f"FAIL: {exc}")
        return 1
    print("migrations and repairs killed, the file found as it was or as it should become: "
          + ", ".join(f"{k} {v}" for k, v in sorted(schema.items())))
    print("template writers killed, each template found whole or not at all: "
          + ", ".join(f"{k} {v}" for k, v in templates.most_common()))
    where = ", ".join(f"{k} {v}" for k, v in result["where"].most_common())
    print(f"kills: {result['kills']} in {result['seconds']:.0f} s; in flight at the kill: {where}")
    print(f"commits reported by the writers and found after the kills: {result['commits']}; "
          f"records at the end: {result['records']}")
    print("after every kill: the file opened for writing, integrity_check ok, audit trail "
          "intact, every reported commit present, every restore point readable and the "
          "file's own, the file's identity unchanged")
    print(f"work folder: {result['folder']}")
    print("verdict: PASS")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
