"""The SQLite end of a copy: reading a company file as it is (checked to be
exactly representable on a server), and writing one from a server's rows
under a temporary name, with magdesk's whole schema (user_version,
application_id, indexes, triggers), checked, then renamed into place."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .. import audit
from ..db import hold_writer
from ..durable import fsync, fsync_dir
from ..migrations import APPLICATION_ID
from ..reasons import Reason
from ..schema import compare
from ..schema_latest import MASTER, VERSION
from .connection import ServerError
from .schema import Table, tables

BATCH = 5000  # rows per executemany


def open_source(path: Path) -> sqlite3.Connection:
    """The company file at ``path``, read-only, inside one read transaction
    (every table read from the same moment); refused unless it is a magdesk
    file of the newest schema version."""
    if not path.is_file():
        raise ServerError(Reason("pg.no_source", path=path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None)
        conn.execute("BEGIN")
        app_id, version = (conn.execute(f"PRAGMA {p}").fetchone()[0]
                           for p in ("application_id", "user_version"))
    except sqlite3.DatabaseError:
        raise ServerError(Reason("pg.not_a_file", path=path)) from None
    if app_id != APPLICATION_ID:
        conn.close()
        raise ServerError(Reason("pg.not_a_file", path=path))
    if version != VERSION:
        conn.close()
        raise ServerError(Reason("pg.source_version", path=path, version=version, latest=VERSION))
    return conn


def check_types(conn: sqlite3.Connection) -> None:
    """Refuse a value whose storage class is not its column's declared type
    (SQLite keeps ``'12'`` in an INTEGER column as text when it must): on a
    server it would become another value, and the copy would not be exact."""
    for table in tables():
        wrong = " OR ".join(f"typeof({c.name}) NOT IN ('{c.sqlite_class}', 'null')"
                            for c in table.columns)
        classes = ", ".join(f"typeof({c.name})" for c in table.columns)
        row = conn.execute(f"SELECT {', '.join(table.key)}, {classes} FROM {table.name} "
                           f"WHERE {wrong} LIMIT 1").fetchone()
        if row is None:
            continue
        key, found = row[:len(table.key)], row[len(table.key):]
        for column, kind in zip(table.columns, found, strict=True):
            if kind not in (column.sqlite_class, "null"):
                raise ServerError(Reason("pg.bad_type", table=table.name, column=column.name,
                                         key="/".join(map(str, key)), found=kind,
                                         declared=column.sqlite_type))


def rows(conn: sqlite3.Connection, table: Table):
    """The rows of ``table`` in primary-key order, as a cursor."""
    return conn.execute(f"SELECT {', '.join(table.names)} FROM {table.name} "
                        f"ORDER BY {', '.join(table.key)}")


def sequences(conn: sqlite3.Connection) -> dict[str, int]:
    """SQLite's AUTOINCREMENT counters (``sqlite_sequence``), kept verbatim."""
    return dict(conn.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name"))


def temporary_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.copy-{os.getpid()}-{secrets.token_hex(4)}")


def create(path: Path) -> sqlite3.Connection:
    """A new file at ``path`` with the newest schema's tables, in a write
    transaction; no journal (the file is a temporary one until renamed)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    for table in tables():
        conn.execute(table.sqlite_sql)
    return conn


def insert(conn: sqlite3.Connection, table: Table, source: Iterable[tuple]) -> int:
    """Insert ``source``'s rows into ``table``; how many."""
    sql = (f"INSERT INTO {table.name} ({', '.join(table.names)}) "
           f"VALUES ({', '.join('?' * len(table.columns))})")
    done, batch = 0, []
    for row in source:
        batch.append(row)
        if len(batch) == BATCH:
            conn.executemany(sql, batch)
            done, batch = done + len(batch), []
    conn.executemany(sql, batch)
    return done + len(batch)


def finish(conn: sqlite3.Connection, counters: dict[str, int]) -> None:
    """After the rows: the AUTOINCREMENT counters as the source had them, the
    indexes and triggers of the definition, the file's marks; committed."""
    conn.execute("DELETE FROM sqlite_sequence")
    conn.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                     sorted(counters.items()))
    for kind, _name, _table, sql in MASTER:
        if kind in ("index", "trigger") and sql is not None:
            conn.execute(sql)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {VERSION}")
    conn.execute("COMMIT")


def verify(conn: sqlite3.Connection, counts: dict[str, int], head: tuple) -> None:
    """The written file as magdesk would check it: the schema as defined, no
    broken foreign key, every table's row count as on the server, and the
    audit chain recomputed whole, ending at the server's head."""
    diff = compare(conn)
    if not diff.ok:
        raise ServerError(Reason("pg.schema", detail=diff.describe("en")))
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise ServerError(Reason("pg.schema", detail="foreign_key_check"))
    for table, want in counts.items():
        got = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if got != want:
            raise ServerError(Reason("pg.counts", table=table, source=want, target=got))
    check_chain(audit.verify(conn), head)


def check_chain(report: audit.VerifyReport, head: tuple | None) -> None:
    """Refuse a chain that does not verify, or that ends elsewhere than ``head``."""
    if not report.ok:
        raise ServerError(Reason("pg.audit_broken", seq=report.broken_at,
                                 detail=report.detail_text("en")))
    if head is not None and report.head != head[0]:
        raise ServerError(Reason("pg.audit_broken", seq=report.head,
                                 detail=f"head {report.head} is not the source's {head[0]}"))


def put_in_place(tmp: Path, target: Path) -> None:
    """Rename the finished ``tmp`` over ``target``: synced first; a target
    magdesk has open is refused (its lease); the old file's journal and WAL
    are removed, else SQLite would replay them into the new file."""
    fsync(tmp)
    lock = hold_writer(target)
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    finally:
        lock.release()


def remove(tmp: Path) -> None:
    for path in (tmp, tmp.with_name(tmp.name + "-journal")):
        path.unlink(missing_ok=True)


def meta_sequences(value: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in json.loads(value).items()}
