"""Repairing a file whose schema objects are not magdesk's (schema.py): the
foreign objects dropped, the missing ones made again from the migrations'
definitions, after a restore point of the file as found, in one transaction
that the audit trail records.  No data row is written, changed or deleted.

A table of magdesk's that is missing is not made up: if its rows are intact
under another name (a table renamed away and a view put in its place) it is
renamed back; otherwise the repair is refused and says so, since an empty
table in its place would look like lost records.  A foreign table is dropped
(its rows stay in the restore point taken first)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .. import text
from . import totals
from .reasons import Reason
from .schema import SchemaDiff, SchemaObject, compare, definition, normalise

NOTE = "before repairing the schema"
TOTALS_VERSION = 12  # the schema version that keeps the monthly movement totals


class RepairRefused(Exception):
    """The schema cannot be repaired without inventing data; nothing changed."""

    def message(self, lang: str = "zh") -> str:
        reason = self.args[0]
        return reason.message(lang) if isinstance(reason, Reason) else str(reason)


@dataclass(frozen=True)
class RepairPlan:
    """What a repair does: ``dropped`` (foreign objects, and the file's
    version of changed ones), ``recreated`` (from the definition), ``renamed``
    (a table found intact under another name: (found, defined)), and
    ``blocked`` (tables it cannot mend)."""

    diff: SchemaDiff
    dropped: tuple[SchemaObject, ...] = ()
    recreated: tuple[SchemaObject, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    blocked: tuple[SchemaObject, ...] = field(default=())

    @property
    def needed(self) -> bool:
        return not self.diff.ok

    def describe(self, lang: str = "en") -> str:
        """``dropped: trigger evil on audit_session; recreated: …``."""
        sep = text.say("words.list", lang)
        parts = [text.say(f"schema.{word}", lang, names=sep.join(o.said(lang) for o in objects))
                 for objects, word in ((self.dropped, "dropped"), (self.recreated, "recreated"))
                 if objects]
        parts += [text.say("schema.renamed", lang, found=found, name=name)
                  for found, name in self.renamed]
        return text.say("words.parts", lang).join(parts)

    def as_dict(self) -> dict:
        def listed(objects):
            return [{"type": o.type, "name": o.name, "table": o.table} for o in objects]

        return {"dropped": listed(self.dropped), "recreated": listed(self.recreated),
                "renamed": [{"from": a, "to": b} for a, b in self.renamed],
                "blocked": listed(self.blocked)}


def _q(name: str) -> str:
    """An identifier quoted for SQL, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


_HEADER = re.compile(r"^CREATE TABLE (\w+)\(")


def _as_named(sql: str, name: str) -> str:
    return _HEADER.sub(f"CREATE TABLE {name}(", sql, count=1)


def plan(conn: sqlite3.Connection) -> RepairPlan:
    """What repairing the file on ``conn`` would do (nothing is written)."""
    diff = compare(conn)
    tables = [o for o in diff.foreign if o.type == "table"]
    renamed: list[tuple[str, str]] = []
    blocked: list[SchemaObject] = []
    for want in (o for o in diff.missing if o.type == "table"):
        intact = next((f for f in tables if f.name not in {a for a, _ in renamed}
                       and _as_named(normalise(f.sql), want.name) == normalise(want.sql)),
                      None)
        if intact is None:
            blocked.append(want)
        else:
            renamed.append((intact.name, want.name))
    for found, want in diff.changed:
        if found.type == "table" and \
                _renamed_sql(normalise(found.sql), renamed) != normalise(want.sql):
            blocked.append(found)
    moved = {a for a, _ in renamed}
    dropped = [o for o in diff.foreign if o.name not in moved or o.type != "table"]
    dropped += [found for found, _ in diff.changed if found.type != "table"]
    recreated = [o for o in diff.missing if o.type != "table"]
    recreated += [want for _, want in diff.changed if want.type != "table"]
    return RepairPlan(diff, tuple(dropped), tuple(recreated), tuple(renamed), tuple(blocked))


def _renamed_sql(sql: str, renamed: list[tuple[str, str]]) -> str:
    """A table's SQL with references to tables renamed away put back (SQLite
    rewrote the other tables' foreign keys when the table was renamed)."""
    for found, name in renamed:
        sql = re.sub(rf"\b{re.escape(found)}\b", name, sql)
    return sql


def refusal(p: RepairPlan, path: Path) -> Reason:
    """Why ``p`` cannot be carried out, naming the tables, in both languages."""
    def said(lang: str) -> str:
        return text.say("words.list", lang).join(o.said(lang) for o in p.blocked)

    return Reason("repair_refused", name=path.name, path=path, zh=said("zh"), en=said("en"))


def apply(conn: sqlite3.Connection, p: RepairPlan, clerk: str, os_user: str) -> None:
    """Carry out ``p`` in one transaction, recorded in the audit trail; all
    of it or none.  Every trigger is dropped first (nothing planted runs,
    and a table can be renamed back while no trigger names it) and magdesk's
    are made again from the definition at the end."""
    from . import audit

    version = p.diff.version
    defs = definition(version)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for kind in ("trigger", "view"):
            for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = ?", (kind,)).fetchall():
                conn.execute(f"DROP {kind.upper()} {_q(name)}")
        for obj in p.dropped:
            if obj.type == "index":
                conn.execute(f"DROP INDEX IF EXISTS {_q(obj.name)}")
        for found, name in p.renamed:
            conn.execute(f"ALTER TABLE {_q(found)} RENAME TO {_q(name)}")
        for obj in p.dropped:
            if obj.type == "table":
                conn.execute(f"DROP TABLE IF EXISTS {_q(obj.name)}")  # a virtual table's go with it
        for obj in p.recreated:
            if obj.type == "index":
                conn.execute(defs[obj.key])
        for (kind, _name), sql in defs.items():
            if kind in ("view", "trigger"):
                conn.execute(sql)
        if version >= TOTALS_VERSION:  # writes made while a trigger was missing escaped them
            totals.rebuild(conn)
        left = compare(conn)
        if not left.ok:  # the plan missed something: leave the file as it was
            raise RepairRefused(Reason("repair_incomplete", en=left.describe("en"),
                                       zh=left.describe("zh")))
        if audit.has_audit(conn):
            since = audit.begin(conn, clerk, os_user)
            audit.record_event(conn, "REPAIR", "*", "schema", new=p.as_dict())
            audit.finish(conn, since)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@dataclass(frozen=True)
class RepairResult:
    path: Path
    plan: RepairPlan
    point: object | None  # the restore point of the file as found (snapshots.Snapshot)

    def as_dict(self) -> dict:
        return {"path": str(self.path), "repaired": self.plan.needed,
                "found": self.plan.diff.as_dict(), **self.plan.as_dict(),
                "restore_point": str(self.point.path) if self.point is not None else None}


def repair_file(path: Path, *, backup_dir: Path | None, keep: int | None, clerk: str,
                os_user: str) -> RepairResult:
    """Repair the schema of the file at ``path`` (held for writing while it
    runs): refused (RepairRefused) when a table cannot be mended; else a
    restore point of the file as found (SQLite's backup API: pages copied,
    nothing run), then ``apply``.  A file that needs nothing is left alone."""
    from . import anchors, snapshots
    from .db import StorageError, _check_identity, _connect, hold_writer

    path = Path(path)
    if not path.exists():
        raise StorageError(Reason("no_file", path=path))
    lock = hold_writer(path)
    try:
        conn = _connect(path, read_only=False)
        try:
            _check_identity(conn, path, backup_dir)
            p = plan(conn)
            if not p.needed:
                return RepairResult(path, p, None)
            if p.blocked:
                raise RepairRefused(refusal(p, path))
            point = snapshots.take(conn, path, NOTE, kind="repair", root=backup_dir, keep=keep)
            anchors.record(conn, "point", point.name, at=(point.audit_seq, point.audit_hash),
                           when=point.taken_at, db_path=path, copy=point.path)
            try:
                apply(conn, p, clerk, os_user)
            except sqlite3.Error as exc:  # rolled back: the file is as it was
                raise StorageError(Reason("repair_failed", name=path.name, error=exc)) from exc
            anchors.record(conn, "closed", str(path), db_path=path)  # the head after it
        finally:
            conn.close()
    finally:
        lock.release()
    return RepairResult(path, p, point)
