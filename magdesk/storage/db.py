"""Opening a magdesk file: pragmas, the single-writer lock, migrations."""

from __future__ import annotations

import getpass
import os
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from .migrations import APPLICATION_ID, LATEST, MIGRATIONS


class StorageError(Exception):
    """A problem with the database file; the message is for the user."""


class NewerFileError(StorageError):
    pass


class NotMagdeskFileError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class PeriodLockedError(StorageError, sqlite3.IntegrityError):
    """A write touched a record of a filed (locked) period."""


class DuplicateKeyError(StorageError, sqlite3.IntegrityError):
    """A document number, code or credit code that is already taken."""


class InUseError(StorageError, sqlite3.IntegrityError):
    """A record other records still refer to, or a reference to nothing."""


def _integrity_error(exc: sqlite3.IntegrityError) -> sqlite3.IntegrityError:
    text = str(exc)
    if "period.locked" in text:
        return PeriodLockedError(text)
    if "UNIQUE constraint failed" in text:
        return DuplicateKeyError(text)
    if "FOREIGN KEY constraint failed" in text:
        return InUseError(text)
    return exc


class _WriterLock:
    """An exclusive OS lock on ``<db>.lock``, held while the file is open for
    writing.  The lock file names its holder so a second opener can say who."""

    def __init__(self, db_path: Path):
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fh = None

    def acquire(self) -> bool:
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        try:
            _lock_file(fh)
        except OSError:
            fh.close()
            return False
        fh.seek(0)
        fh.truncate()
        fh.write(f"{getpass.getuser()}@{socket.gethostname()} pid {os.getpid()} "
                 f"since {datetime.now().isoformat(timespec='seconds')}\n")
        fh.flush()
        self._fh = fh
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").strip() or "another program"
        except OSError:
            return "another program"

    def release(self) -> None:
        if self._fh is not None:
            _unlock_file(self._fh)
            self._fh.close()
            self._fh = None


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_file(fh):
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(fh):
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock_file(fh):
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(fh):
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class Database:
    """An open magdesk file.  ``read_only`` is True when another writer holds
    it; then ``read_only_reason`` says who, and every write raises."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _WriterLock | None,
                 read_only_reason: str = ""):
        self.path = path
        self.conn = conn
        self._lock = lock
        self.read_only_reason = read_only_reason

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except sqlite3.IntegrityError as exc:
            self.conn.execute("ROLLBACK")
            mapped = _integrity_error(exc)
            if mapped is not exc:
                raise mapped from exc
            raise
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def sibling(self) -> Database:
        """Another connection to the same file, for a worker thread.  It shares
        this one's right to write (the lock stays with this Database)."""
        conn = _connect(self.path, read_only=self.read_only)
        return Database(self.path, conn, None, self.read_only_reason)

    def reader(self) -> sqlite3.Connection:
        """A separate read-only connection to the same file, for another thread."""
        return _connect(self.path, read_only=True)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def health(self) -> tuple[str, int, dict[str, int]]:
        """SQLite's integrity check, the number of foreign-key violations and
        the row count of every table."""
        import sqlite_utils

        integrity = "; ".join(r[0] for r in self.conn.execute("PRAGMA integrity_check"))
        violations = len(self.conn.execute("PRAGMA foreign_key_check").fetchall())
        view = sqlite_utils.Database(self.conn)
        counts = {name: view[name].count for name in sorted(view.table_names())}
        return integrity, violations, counts

    def close(self) -> None:
        self.conn.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_database(path: str | os.PathLike, *, create: bool = False,
                  backup_dir: Path | None = None) -> Database:
    """Open (or with ``create`` make) a magdesk file, migrating it if old.

    A second opener while a writer holds the file gets a read-only Database.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise StorageError(f"no such database file: {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = _WriterLock(path)
    if not lock.acquire():
        if not path.exists():
            raise StorageError(f"{path} is being created by {lock.holder()}")
        conn = _connect(path, read_only=True)
        try:
            _check_identity(conn, path)
        except Exception:
            conn.close()
            raise
        return Database(path, conn, None, f"{path.name} is open for writing by {lock.holder()}")
    try:
        conn = _connect(path, read_only=False)
        _check_identity(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        _migrate(conn, path, backup_dir)
    except Exception:
        lock.release()
        raise
    return Database(path, conn, lock)


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotMagdeskFileError(f"{path} is not a magdesk database ({exc})") from None
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        conn.close()
        raise NotMagdeskFileError(f"{path} is an SQLite file of another program, not magdesk's")
    if version > LATEST:
        conn.close()
        raise NewerFileError(
            f"{path} was written by a newer magdesk (schema {version}; this one knows "
            f"{LATEST}). Install the newer magdesk to open it."
        )


def _migrate(conn: sqlite3.Connection, path: Path, backup_dir: Path | None) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == LATEST:
        return
    if version > 0:
        backup_copy(conn, path, f"before-migration-v{version}", backup_dir)
    for number in range(version, LATEST):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def backup_copy(conn: sqlite3.Connection, path: Path, note: str,
                backup_dir: Path | None = None) -> Path:
    """A consistent copy through SQLite's online backup API."""
    folder = backup_dir or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.{stamp}.{note}.sqlite"
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target
