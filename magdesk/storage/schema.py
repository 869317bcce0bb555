"""Only magdesk's schema runs: the schema objects of a file (tables, indexes,
triggers, views) compared with what its schema version defines.

A trigger or a view planted with the sqlite3 shell runs inside magdesk's own
writes and reads (a trigger on ``audit_session`` fires on every save), and a
dropped audit trigger leaves changes unlogged; so a file whose objects differ
from the definition is opened read-only, before anything is written to it,
naming the objects.  The definition of version N is what ``MIGRATIONS[:N]``
make in an empty in-memory database (made once per version and process)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from .. import text
from .migrations import MIGRATIONS
from .reasons import Reason

# Made by SQLite itself (AUTOINCREMENT, ANALYZE, UNIQUE and PRIMARY KEY constraints).
_SQLITE_TABLES = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3",
                  "sqlite_stat4"}
# Made by magdesk at run time: the note table of a restore point (snapshots.INFO_TABLE).
# A table holds no code, so its columns are not compared (they grow with releases).
_RUNTIME_TABLES = {"magdesk_snapshot"}

@dataclass(frozen=True)
class SchemaObject:
    """One row of ``sqlite_master``: ``sql`` as stored ("" for none)."""

    type: str
    name: str
    table: str
    sql: str

    @property
    def key(self) -> tuple[str, str]:
        return self.type, self.name.lower()

    def said(self, lang: str) -> str:
        """``trigger evil on audit_session`` / ``audit_session 表上的触发器 evil``."""
        code = f"schema.kind.{self.type}"
        kind = text.say(code, lang) if code in text.CATALOGUE else self.type
        on = self.type in ("trigger", "index") and self.table
        return text.say("schema.object_on" if on else "schema.object", lang, kind=kind,
                        name=self.name, table=self.table)


@dataclass(frozen=True)
class SchemaDiff:
    """What the file holds that its version does not define (``foreign``),
    what it lacks (``missing``), and objects of a defined name that differ
    (``changed``: the file's, and the definition's)."""

    version: int
    foreign: tuple[SchemaObject, ...] = ()
    missing: tuple[SchemaObject, ...] = ()
    changed: tuple[tuple[SchemaObject, SchemaObject], ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.foreign or self.missing or self.changed)

    def describe(self, lang: str = "en", most: int = 8) -> str:
        """``foreign: trigger evil_x on audit_session; missing: trigger …``."""
        parts = []
        for kind, objects in (("foreign", self.foreign), ("missing", self.missing),
                              ("changed", tuple(found for found, _ in self.changed))):
            if not objects:
                continue
            names = [o.said(lang) for o in objects[:most]]
            if len(objects) > most:
                more = len(objects) - most
                names.append(text.say("schema.more", lang, count=more))
            parts.append(text.say(f"schema.{kind}", lang,
                                  names=text.say("words.list", lang).join(names)))
        return text.say("words.parts", lang).join(parts)

    def as_dict(self) -> dict:
        def listed(objects):
            return [{"type": o.type, "name": o.name, "table": o.table} for o in objects]

        return {"ok": self.ok, "version": self.version, "foreign": listed(self.foreign),
                "missing": listed(self.missing),
                "changed": listed(found for found, _ in self.changed)}


def reason(diff: SchemaDiff, name: str, path) -> Reason:
    """Why the file is read-only, naming the objects, in both languages."""
    return Reason("schema_foreign", name=name, path=path, zh=diff.describe("zh"),
                  en=diff.describe("en"))


_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([(),;=])\s*")
_QUOTED = re.compile(r'"(\w+)"|\[(\w+)\]|`(\w+)`')


def same_sql(a: str, b: str) -> bool:
    """Whether two CREATE statements are the same once normalised (the text
    is compared first: a file's SQL is almost always the definition's)."""
    return a == b or normalise(a) == normalise(b)


def normalise(sql: str | None) -> str:
    """SQL as compared: whitespace collapsed, identifier quotes removed (a
    table renamed and renamed back has its references quoted by SQLite)."""
    if not sql:
        return ""
    text = _QUOTED.sub(lambda m: m.group(1) or m.group(2) or m.group(3), sql)
    return _AROUND.sub(r"\1", _SPACE.sub(" ", text)).strip()


def _objects(rows) -> dict[tuple[str, str], SchemaObject]:
    found = {}
    for kind, name, table, sql in rows:
        if _ignored(kind, name, sql):
            continue
        obj = SchemaObject(kind, name, table or "", sql or "")
        found[obj.key] = obj
    return found


def _master(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall()


def _ignored(kind: str, name: str, sql: str | None) -> bool:
    """SQLite's own objects and the tables magdesk makes at run time."""
    if kind == "table" and (name in _SQLITE_TABLES or name in _RUNTIME_TABLES):
        return True
    return kind == "index" and name.startswith("sqlite_autoindex_") and sql is None


@cache
def _built(version: int) -> tuple[tuple, ...]:
    """``sqlite_master`` of an empty database after ``MIGRATIONS[:version]``.
    The newest version's ships as data (schema_latest.py, held to the
    migrations by a test): building it took 12-20 ms of every start."""
    if version == len(MIGRATIONS):
        from .schema_latest import MASTER, VERSION

        if VERSION == version:
            return MASTER
    return build(version)


def build(version: int) -> tuple[tuple, ...]:
    """``sqlite_master`` of ``MIGRATIONS[:version]`` run on an empty database."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            for statement in step:
                conn.execute(statement)
        return tuple(_master(conn))
    finally:
        conn.close()


@cache
def expected(version: int) -> dict[tuple[str, str], SchemaObject]:
    """The objects ``MIGRATIONS[:version]`` make (once per version)."""
    return _objects(_built(version))


def definition(version: int) -> dict[tuple[str, str], str]:
    """The CREATE statements of ``version`` as the migrations leave them, by
    (type, lower-case name), in the order they were made: what a repair
    recreates a missing object from."""
    return {(kind, name.lower()): sql for kind, name, _table, sql in _built(version)
            if sql is not None}


def compare(conn: sqlite3.Connection) -> SchemaDiff:
    """The file's schema objects against its version's definition (a few
    hundred microseconds: the definition is cached).  On a server: what
    magdesk makes there, by name (``postgres.catalog``)."""
    from .db import on_server

    if on_server(conn):
        from .postgres import catalog

        return catalog.compare(conn)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    want = expected(min(version, len(MIGRATIONS)))
    have = _objects(_master(conn))
    foreign = tuple(o for k, o in have.items() if k not in want)
    missing = tuple(o for k, o in want.items() if k not in have)
    changed = tuple((have[k], o) for k, o in want.items()
                    if k in have and (not same_sql(have[k].sql, o.sql) or
                                      have[k].table.lower() != o.table.lower()))
    return SchemaDiff(version, foreign, missing, changed)


def render_latest() -> str:
    """The text of schema_latest.py for the migrations as they are now
    (``python -m magdesk.storage.schema`` writes it)."""
    version = len(MIGRATIONS)
    rows = "".join(f"    {row!r},\n" for row in build(version))
    return ('"""The definition of the newest schema as ``sqlite_master`` holds it\n'
            '(type, name, table, SQL), generated by ``python -m magdesk.storage.schema``\n'
            'from the migrations; tests/storage/test_schema.py holds it to them."""\n\n'
            f"VERSION = {version}\n\nMASTER = (\n{rows})\n")


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("schema_latest.py").write_text(render_latest(), encoding="utf-8")
