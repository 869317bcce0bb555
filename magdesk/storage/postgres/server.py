"""A company on a PostgreSQL server, open: the same ``Database`` the use
cases get for a file, its SQL translated (``dialect``) and its rules kept by
the server (``rules``).

- ``ServerConnection`` speaks to magdesk's storage code as ``sqlite3`` does:
  ``execute`` with ``?`` parameters, cursors with ``fetchone``/``lastrowid``,
  and the server's refusals raised as sqlite3's own errors with SQLite's
  words (a taken key is ``UNIQUE constraint failed``, a filed month
  ``period.locked``), so the code that catches them, and says them to the
  clerk, is the same for both back ends.  A lost connection is a
  ``ServerLostError``: nothing of the transaction was kept; the clerk is
  told and keeps what she typed.
- ``ServerDatabase`` is the open company.  Several clerks write at once: no
  writer lease; each ``write()`` is one transaction that first takes the
  company's advisory lock (the one the audit chain is numbered under), so
  writers take turns from their first read to their commit as SQLite's
  ``BEGIN IMMEDIATE`` makes them: the stock a sale checks cannot be sold
  by another clerk before it commits.  Who writes goes in the session's
  settings the server's audit triggers read.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import safety
from ..db import Database, ReadOnlyError, StorageUnavailableError
from ..migrations import LATEST
from ..reasons import Reason
from . import dialect
from .connection import ServerError, _said, connect, where
from .rules import CHAIN_LOCK
from .schema import META, never_null, tables

_KEYS = {t.name: (t.key, t.names) for t in tables()}
_NEVER_NULL = never_null()
_IDENTITY = {t.name for t in tables() if t.identity == "id"}
_SQLITE_ONLY = ("PRAGMA", "SQLITE_MASTER", "SQLITE_SCHEMA", "SQLITE_SEQUENCE")


class ServerLostError(StorageUnavailableError, sqlite3.OperationalError):
    """The connection to the server broke (the server stopped, the network
    went): the transaction under way was not kept."""


class ServerCursor:
    """A psycopg cursor as sqlite3's, and ``lastrowid`` of an INSERT."""

    def __init__(self, cursor, lastrowid: int | None = None, first=None):
        self._cursor, self.lastrowid, self._first = cursor, lastrowid, first
        # asked once: psycopg builds the description anew each time (a row
        # read by fetchone would otherwise pay for its columns' objects)
        self._rows = cursor.description is not None

    @property
    def description(self):
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self):
        if self._first is not None:
            row, self._first = self._first, None
            return row
        return self._cursor.fetchone() if self._rows else None

    def fetchmany(self, size: int = 1):
        rows = [self._first] if self._first is not None and size > 0 else []
        if rows:
            self._first = None
        if self._rows and len(rows) < size:
            rows += self._cursor.fetchmany(size - len(rows))
        return rows

    def fetchall(self):
        rows = [self._first] if self._first is not None else []
        self._first = None
        return rows + (self._cursor.fetchall() if self._rows else [])

    def __iter__(self):
        return iter(self.fetchall())

    def close(self) -> None:
        self._cursor.close()


class _NoRows:
    description, rowcount = None, 0

    def close(self) -> None:
        pass


class ServerConnection:
    """A psycopg connection (autocommit; transactions by ``BEGIN``/``COMMIT``
    sent as statements, as the storage code does for SQLite) that runs
    SQLite's SQL translated."""

    dialect = "postgresql"

    def __init__(self, url: str):
        self.url = url
        self._pg = connect(url)
        self._pg.autocommit = True
        _numbers_as_sqlite(self._pg)
        self.total_changes = 0
        self._begun = False  # a transaction under way (BEGIN sent, no COMMIT/ROLLBACK yet)
        self._one_core_pid = 0  # the backend told to plan without parallel workers

    @property
    def in_transaction(self) -> bool:
        if self._pg.broken or self._pg.closed:
            return self._begun
        from psycopg.pq import TransactionStatus

        return self._pg.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params=()) -> ServerCursor:
        upper = sql.lstrip()[:40].upper()
        if (self._pg.broken or self._pg.closed) and not self._again(upper):
            return ServerCursor(_NoRows())
        if any(word in upper for word in _SQLITE_ONLY):
            raise sqlite3.OperationalError(f"not on a server: {sql.strip()[:80]}")
        text, params = dialect.translate(sql, _KEYS, _NEVER_NULL), dialect.params(sql, params)
        table = _returning_id(text)
        if table:
            text = text.rstrip().rstrip(";") + " RETURNING id"
        cursor = self._run(lambda c: c.execute(text, params if params is not None else ()))
        if table and cursor.rowcount == 1:
            first = cursor.fetchone()
            return ServerCursor(cursor, first[0] if first else None)
        return ServerCursor(cursor)

    def _again(self, upper: str) -> bool:
        """After the connection broke: a new one, unless a transaction was
        under way on it (its work is gone: the caller was told, by the
        statement that found it broken; its ROLLBACK has nothing left to do:
        False)."""
        if self._begun:
            if upper.startswith("ROLLBACK"):
                self._begun = False
                return False
            raise ServerLostError(Reason("pg.lost", where=where(self.url), error="—"))
        self.reconnect()
        return True

    def reconnect(self) -> None:
        """A new connection to the server in place of this one (the same
        object: every holder of it goes on with the new one); a
        ``ServerError`` when the server cannot be reached yet."""
        fresh = connect(self.url)
        fresh.autocommit = True
        _numbers_as_sqlite(fresh)
        with contextlib.suppress(Exception):
            self._pg.close()
        self._pg, self._begun = fresh, False

    def one_core(self) -> None:
        """Plan this session's queries without parallel workers (once per
        backend: again after a reconnect).  The window's reads and its
        workers' counts ask for it: a page takes a few ms, where starting
        workers costs more than they save, and a count of ten million rows
        spread over every core of a small server leaves none to the clerk's
        next click (ten million sales counted alone: 1.3 s, in parallel 1.2 s)."""
        pid = self.backend_pid
        if pid and pid != self._one_core_pid:
            self.execute("SET max_parallel_workers_per_gather = 0")
            self._one_core_pid = pid

    @property
    def backend_pid(self) -> int:
        """The server backend's process id (0 when closed): the ``pid`` of
        the notifications of this connection's own writes."""
        try:
            return 0 if self._pg.closed else int(self._pg.info.backend_pid)
        except Exception:  # noqa: BLE001 - a broken connection has no backend
            return 0

    def executemany(self, sql: str, seq) -> ServerCursor:
        text = dialect.translate(sql, _KEYS, _NEVER_NULL)
        return ServerCursor(self._run(lambda c: c.executemany(text, list(seq))))

    def _run(self, call):
        import psycopg

        cursor = self._pg.cursor()
        try:
            call(cursor)
        except psycopg.Error as exc:
            raise _as_sqlite(exc, self.url) from None
        status = self._pg.info.transaction_status
        self._begun = status != status.IDLE
        if cursor.rowcount > 0 and cursor.description is None:
            self.total_changes += cursor.rowcount
        return cursor

    def commit(self) -> None:
        if self.in_transaction:
            self.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.execute("ROLLBACK")

    def interrupt(self) -> None:
        with contextlib.suppress(Exception):
            self._pg.cancel_safe(timeout=2)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._pg.close()

    @property
    def closed(self) -> bool:
        return self._pg.closed


def _returning_id(text: str) -> str | None:
    """The table of a one-row ``INSERT … VALUES`` whose new id the caller
    may ask for (``lastrowid``)."""
    head = text.lstrip()[:80].split()
    if len(head) < 3 or head[0].upper() != "INSERT" or head[1].upper() != "INTO":
        return None
    table = head[2].split("(")[0]
    if table not in _IDENTITY or " RETURNING " in text.upper() or "VALUES" not in text.upper():
        return None
    return table


def _numbers_as_sqlite(pg) -> None:
    """A sum or average comes back as SQLite gives it: a whole number as
    int, else float (PostgreSQL's numeric would be a Decimal)."""
    from psycopg.adapt import Loader

    class Numeric(Loader):
        def load(self, data):
            text = bytes(data).decode()
            if "." in text or "e" in text.lower() or text == "NaN":
                value = float(text)
                return int(value) if value.is_integer() and "." not in text else value
            return int(text)

    pg.adapters.register_loader("numeric", Numeric)


def _as_sqlite(exc, url: str) -> Exception:
    """The server's refusal as sqlite3's error, in SQLite's words where the
    storage code reads them."""
    import psycopg
    from psycopg import errors as e

    detail = exc.diag.message_primary or str(exc)
    if isinstance(exc, e.UniqueViolation):
        return sqlite3.IntegrityError(f"UNIQUE constraint failed: {exc.diag.table_name}."
                                      f"{exc.diag.constraint_name or ''}")
    if isinstance(exc, e.ForeignKeyViolation):
        return sqlite3.IntegrityError(f"FOREIGN KEY constraint failed: {detail}")
    if isinstance(exc, e.NotNullViolation):
        return sqlite3.IntegrityError(f"NOT NULL constraint failed: {exc.diag.table_name}."
                                      f"{exc.diag.column_name}")
    if isinstance(exc, e.CheckViolation):
        return sqlite3.IntegrityError(f"CHECK constraint failed: {exc.diag.constraint_name}")
    if isinstance(exc, e.RaiseException) or "period.locked" in detail:
        return sqlite3.IntegrityError(detail)
    if isinstance(exc, e.InsufficientPrivilege):
        return ReadOnlyError(Reason("pg.denied", where=where(url), error=_said(exc, url)))
    if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)) and \
            not isinstance(exc, e.QueryCanceled):
        return ServerLostError(Reason("pg.lost", where=where(url), error=_said(exc, url)))
    return sqlite3.OperationalError(_said(exc, url))


class ServerDatabase(Database):
    """A company on a server, open for the window or a command (see the
    module's docstring).  ``path`` is a local name of it (for the folders
    kept per company: restore points, attachments opened, the window's
    recent list); ``url`` reaches it; ``where`` names it without password."""

    is_server = True

    def __init__(self, url: str, conn: ServerConnection, *, clerk: str = "", os_user: str = "",
                 backup_dir: Path | None = None, keep: int | None = None,
                 read_only_reason: str = ""):
        self.url, self.where = url, where(url)
        self.path = local_name(url)
        self.conn = conn
        self._lock = None
        self.read_only_reason = read_only_reason
        self.backup_dir, self.keep = backup_dir, keep
        self.clerk, self.os_user = clerk, os_user or safety.os_user()
        self.foreign_key_violations = 0
        self._bulk = None
        self._closed = False
        self._closing = threading.Lock()
        self._audited = True
        self._discarded, self._replaced = 0, False
        self._opened = None
        self._mark = self._state()

    @contextmanager
    def write(self) -> Iterator[ServerConnection]:
        """One transaction, all or nothing, in the company's turn (see the
        module): a lost connection is ``ServerLostError``, nothing kept."""
        if self.read_only:
            raise ReadOnlyError(Reason("nothing_written", reason=self.read_only_reason))
        conn = self.conn
        conn.execute("BEGIN")
        try:
            # who: the clerk's name; the server records its own login beside it (rules.py)
            conn.execute("SELECT pg_advisory_xact_lock(?), set_config('magdesk.app', '1', true), "
                         "set_config('magdesk.clerk', ?, true)",
                         (CHAIN_LOCK, self.clerk)).fetchone()
            yield conn
            conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self._rollback(0)
            from ..db import _integrity_error

            mapped = _integrity_error(exc)
            if mapped is not exc:
                raise mapped from exc
            raise
        except BaseException:
            self._rollback(0)
            raise

    def _rollback(self, begun: int) -> None:
        with contextlib.suppress(sqlite3.Error, StorageUnavailableError):
            self.conn.rollback()

    @contextmanager
    def bulk(self, note: str, *, references_at_commit: bool = False) -> Iterator[None]:
        """On a server every row is audited as it is written (the triggers
        are the server's, not a client's to drop)."""
        yield

    @contextmanager
    def unlogged(self) -> Iterator[None]:
        yield

    def _state(self) -> tuple:
        """What moves when the company changes: the audit chain's last
        entry (every change of every clerk writes one)."""
        row = self.conn.execute("SELECT coalesce(max(seq), 0) FROM audit_seal").fetchone()
        return (row[0],)

    def sibling(self) -> ServerDatabase:
        """Another connection, for a worker thread of the window: its
        queries take one core of the server (``one_core``), the window's
        clicks the others (the sums of a decade's months on every core
        slowed a click beside them three times)."""
        conn = ServerConnection(self.url)
        conn.one_core()
        return ServerDatabase(self.url, conn, clerk=self.clerk,
                              os_user=self.os_user, backup_dir=self.backup_dir, keep=self.keep,
                              read_only_reason=self.read_only_reason)

    def reader(self) -> ServerConnection:
        return ServerConnection(self.url)

    @property
    def schema_version(self) -> int:
        row = self.conn.execute(f"SELECT value FROM {META} WHERE key = 'schema_version'"
                                ).fetchone()
        return int(row[0]) if row else 0

    def health(self) -> tuple[str, int, dict[str, int]]:
        """The server keeps the keys and references itself: what is left to
        tell is every table's row count."""
        counts = {t.name: self.conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
                  for t in sorted(tables(), key=lambda t: t.name)}
        return "ok", 0, counts

    def snapshot(self, note: str, *, kind: str = "before", unless_unchanged: bool = False,
                 protect: tuple[Path, ...] = (), identity: str | None = None):
        """A restore point the clerk asks for (``kind`` manual) is a consistent
        dump of the server's database (``points.take``: a ``ServerPoint``).
        The points a file takes by itself, before each export, deletion or
        import and on closing, are not taken on a server, where many clerks
        work at once and a dump of a decade takes minutes: its history is
        the audit trail, the points asked for and its administrator's
        backups (None)."""
        if kind == "before" and self.read_only:
            raise ReadOnlyError(Reason("nothing_written", reason=self.read_only_reason))
        self._mark, self._replaced = self._state(), False
        if kind != "manual":
            return None
        from . import points

        return points.take(self.url, note, kind="manual", root=self.backup_dir, keep=self.keep)

    def snapshot_later(self, note: str):
        """As ``snapshot(note)``: no point of its own on a server (None)."""
        point = self.snapshot(note)
        return lambda: point

    def check(self, cancelled=None) -> None:
        return None

    def upgrade(self) -> None:
        return None

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = ServerConnection(self.url)
        self._mark = self._state()

    def _close(self, snapshot: bool, note: str):
        if not self._closed:
            self._closed = True
            self.conn.close()
        return None


def local_name(url: str) -> Path:
    """A local path naming the company at ``url`` (user, host, port,
    database: never the password), under the data folder, for what magdesk
    keeps per company on this computer."""
    from ...settings import data_dir

    name = where(url)
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:60]
    return data_dir() / "servers" / f"{safe}-{digest}.pgsql"


def open_server(url: str, *, clerk: str | None = None, backup_dir: Path | None = None,
                keep: int | None = None) -> ServerDatabase:
    """Open the company at ``url`` for writing: a ``ServerError`` when the
    server cannot be reached, holds no magdesk company, or one of another
    schema version than this magdesk's."""
    from ..db import _settings

    clerk, backup_dir, keep = _settings(clerk, backup_dir, keep)
    conn = ServerConnection(url)
    try:
        version = _version(conn, url)
        if version != LATEST:
            raise ServerError(Reason("pg.version" if version < LATEST else "pg.version_newer",
                                     where=where(url), version=version, latest=LATEST))
        db = ServerDatabase(url, conn, clerk=clerk, backup_dir=backup_dir, keep=keep,
                            read_only_reason=_planted(conn, url))
    except BaseException:
        conn.close()
        raise
    return db


def _planted(conn: ServerConnection, url: str) -> Reason | str:
    """Why the company is read-only when the server holds objects magdesk
    did not make there (a trigger runs on every write) or lacks its rules;
    "" when it is as magdesk made it."""
    from .catalog import compare

    diff = compare(conn)
    if diff.ok:
        return ""
    return Reason("pg.schema_foreign", where=where(url), zh=diff.describe("zh"),
                  en=diff.describe("en"))


def _version(conn: ServerConnection, url: str) -> int:
    present = conn.execute("SELECT to_regclass(?) IS NOT NULL", (META,)).fetchone()[0]
    if not present:
        raise ServerError(Reason("pg.not_magdesk", where=where(url)))
    row = conn.execute(f"SELECT value FROM {META} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0
