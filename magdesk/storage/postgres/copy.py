"""A company copied exactly between a SQLite file and a PostgreSQL database.

``copy_sqlite_to_pg``: every table's rows in primary-key order through COPY
(binary), in one transaction on the server, with the audit log, its seals
and head verbatim and the attachments' bytes in ``attachment_blob``; before
the commit the rows are counted and the audit chain is read back from the
server and recomputed (``storage.audit.verify`` runs on the server's rows:
its SQL is plain); then the server's rules are installed (``rules``: period
locks, audit entries sealed by the server).  ``copy_pg_to_sqlite``: from one repeatable-read snapshot
of the server into a new file under a temporary name, with magdesk's whole
schema, counted, its chain verified and its schema compared, then renamed
into place; the bytes back into the store beside it.  Either way a target
that is not empty is refused unless ``replace``, and a failure writes
nothing (the server rolls back; the temporary file is removed)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import audit, totals
from ..attachments import store_for
from ..reasons import Reason
from . import rules, sqlite_side
from .connection import ServerError, connect, server_errors, where
from .schema import (
    BLOBS,
    META,
    VERSION,
    Table,
    create_statements,
    foreign_keys,
    indexes,
    owned_tables,
    tables,
)

Progress = Callable[[str, int, int], None]  # (table, tables done, tables in all)


@dataclass
class CopyReport:
    """What a copy did: rows per table, the attachments' bytes moved, the
    audit chain verified on arrival (entries, head), and how long it took."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    attachments: int = 0
    attachment_bytes: int = 0
    audit_entries: int = 0
    audit_head: int = 0
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def copy_sqlite_to_pg(sqlite_path: Path, url: str, *, replace: bool = False,
                      progress: Progress | None = None) -> CopyReport:
    """Copy the company file at ``sqlite_path`` into the database at ``url``
    (see the module's docstring); a ``ServerError`` says why not."""
    started, path = time.perf_counter(), Path(sqlite_path)
    report = CopyReport(str(path), where(url))
    source = sqlite_side.open_source(path)
    try:
        sqlite_side.check_types(source)
        blobs = _source_blobs(source, path)
        head = source.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        with connect(url) as pg, server_errors(url):
            _empty_target(pg, url, replace)
            for statement in create_statements():
                pg.execute(statement)
            for done, table in enumerate(tables()):
                report.rows[table.name] = _rows_to_pg(source, pg, table)
                if progress:
                    progress(table.name, done + 1, len(tables()))
            _finish_pg(pg, source)
            report.attachments, report.attachment_bytes = _blobs_to_pg(pg, blobs)
            _arrived(pg, report, head)
            totals.made_right(pg)  # before the rules: their triggers would keep them again
            rules.install(pg)  # from here on the server keeps the locks and the chain
            pg.execute("ANALYZE")  # the planner's statistics, of the rows just loaded
    finally:
        source.close()
    report.seconds = time.perf_counter() - started
    return report


def _empty_target(pg, url: str, replace: bool) -> None:
    present = [r[0] for r in pg.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() ORDER BY table_name")]
    if not present:
        return
    if not replace:
        raise ServerError(Reason("pg.not_empty", where=where(url), tables=_listed(present)))
    foreign = [t for t in present if t not in owned_tables()]
    if foreign:
        raise ServerError(Reason("pg.foreign_tables", where=where(url), tables=_listed(foreign)))
    pg.execute(f"DROP TABLE {', '.join(present)} CASCADE")


def _listed(names: list[str], most: int = 5) -> str:
    return ", ".join(names[:most]) + (f" (+{len(names) - most})" if len(names) > most else "")


def _rows_to_pg(source, pg, table: Table) -> int:
    done = 0
    with pg.cursor().copy(f"COPY {table.name} ({', '.join(table.names)}) "
                          "FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([c.pg_type for c in table.columns])
        for row in sqlite_side.rows(source, table):
            copy.write_row(row)
            done += 1
    return done


def _finish_pg(pg, source) -> None:
    """After the rows: the indexes and foreign keys, every identity's sequence past the
    largest key (and past SQLite's AUTOINCREMENT counter), the meta rows."""
    for statement in (*indexes(), *foreign_keys()):  # each key checked by one query
        pg.execute(statement)
    counters = sqlite_side.sequences(source)
    for table in tables():
        if table.identity is None:
            continue
        top = pg.execute(f"SELECT coalesce(max({table.identity}), 0) FROM {table.name}"
                         ).fetchone()[0]
        top = max(top, counters.get(table.name, 0))
        pg.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)",
                   (table.name, table.identity, max(top, 1), top > 0))
    identity = source.execute("SELECT identity FROM magdesk_file WHERE id = 1").fetchone()
    meta = {"schema_version": str(VERSION), "identity": identity[0] if identity else "",
            "sqlite_sequence": json.dumps(counters, sort_keys=True)}
    pg.cursor().executemany(f"INSERT INTO {META} (key, value) VALUES (%s, %s)",
                            sorted(meta.items()))


def _source_blobs(source, path: Path) -> list[tuple[str, Path]]:
    """The stored file of every attachment row, each checked whole first: a
    copy that would lose one is refused, naming it."""
    store = store_for(path)
    found = []
    for sha, name in source.execute(
            "SELECT sha256, min(name) FROM attachment GROUP BY sha256 ORDER BY sha256"):
        if not store.verify(sha):
            raise ServerError(Reason("pg.blob_missing", name=name, sha=sha[:12]))
        found.append((sha, store.path(sha)))
    return found


def _blobs_to_pg(pg, blobs: list[tuple[str, Path]]) -> tuple[int, int]:
    size = 0
    with pg.cursor().copy(f"COPY {BLOBS} (sha256, data) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(["text", "bytea"])
        for sha, blob in blobs:
            data = blob.read_bytes()
            copy.write_row((sha, data))
            size += len(data)
    return len(blobs), size


def _arrived(pg, report: CopyReport, head) -> None:
    """On the server, before the commit: its counts are the source's, and
    its audit chain recomputes whole to the source's head."""
    for name, want in report.rows.items():
        got = pg.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        if got != want:
            raise ServerError(Reason("pg.counts", table=name, source=want, target=got))
    chain = audit.verify(pg)
    sqlite_side.check_chain(chain, head)
    report.audit_entries, report.audit_head = chain.entries, chain.head


def copy_pg_to_sqlite(url: str, sqlite_path: Path, *, replace: bool = False,
                      progress: Progress | None = None) -> CopyReport:
    """Copy the company in the database at ``url`` into a new SQLite file at
    ``sqlite_path`` (see the module's docstring); a ``ServerError`` says why not."""
    started, target = time.perf_counter(), Path(sqlite_path).absolute()
    report = CopyReport(where(url), str(target))
    if target.exists() and not replace:
        raise ServerError(Reason("pg.target_exists", path=target))
    with connect(url) as pg, server_errors(url):
        pg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counters = _server_meta(pg, url)
        head = pg.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        tmp = sqlite_side.temporary_beside(target)
        try:
            conn = sqlite_side.create(tmp)
            try:
                for done, table in enumerate(tables()):
                    report.rows[table.name] = sqlite_side.insert(conn, table, _pg_rows(pg, table))
                    if progress:
                        progress(table.name, done + 1, len(tables()))
                sqlite_side.finish(conn, counters)
                sqlite_side.verify(conn, _pg_counts(pg), head)
                _totals_right(conn)
                chain = audit.verify(conn)
                report.audit_entries, report.audit_head = chain.entries, chain.head
            finally:
                conn.close()
            report.attachments, report.attachment_bytes = _blobs_from_pg(pg, target)
            sqlite_side.put_in_place(tmp, target)
        finally:
            sqlite_side.remove(tmp)
    report.seconds = time.perf_counter() - started
    return report


def _totals_right(conn) -> None:
    """The new file's monthly totals as its rows sum to (``totals``)."""
    conn.execute("BEGIN IMMEDIATE")
    totals.made_right(conn)
    conn.execute("COMMIT")


def _server_meta(pg, url: str) -> dict[str, int]:
    """The server database's schema version checked; SQLite's counters."""
    known = pg.execute("SELECT to_regclass(%s) IS NOT NULL", (META,)).fetchone()[0]
    if not known:
        raise ServerError(Reason("pg.not_magdesk", where=where(url)))
    meta = dict(pg.execute(f"SELECT key, value FROM {META}"))
    version = meta.get("schema_version", "?")
    if version != str(VERSION):
        newer = version.isdigit() and int(version) > VERSION
        raise ServerError(Reason("pg.version_newer" if newer else "pg.version", where=where(url),
                                 version=version, latest=VERSION))
    return sqlite_side.meta_sequences(meta.get("sqlite_sequence", "{}"))


def _pg_rows(pg, table: Table):
    with pg.cursor().copy(f"COPY (SELECT {', '.join(table.names)} FROM {table.name} "
                          f"ORDER BY {', '.join(table.key)}) TO STDOUT (FORMAT BINARY)") as copy:
        copy.set_types([c.pg_type for c in table.columns])
        yield from copy.rows()


def _pg_counts(pg) -> dict[str, int]:
    return {t.name: pg.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
            for t in tables()}


def _blobs_from_pg(pg, target: Path) -> tuple[int, int]:
    """The server's attachment bytes into the store beside ``target``, each
    checked against its hash (a blob already there is kept)."""
    store, count, size = store_for(target), 0, 0
    with pg.cursor().copy(f"COPY (SELECT sha256, data FROM {BLOBS} ORDER BY sha256) "
                          "TO STDOUT (FORMAT BINARY)") as copy:
        copy.set_types(["text", "bytea"])
        for sha, data in copy.rows():
            data = bytes(data)
            if hashlib.sha256(data).hexdigest() != sha or not store.put_bytes(data, sha):
                raise ServerError(Reason("pg.blob_damaged", sha=sha[:12]))
            count, size = count + 1, size + len(data)
    return count, size
