"""Opening a magdesk file: pragmas, the single-writer lock, integrity checks,
migrations (after a restore point), the audit session of each write."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import safety
from .migrations import APPLICATION_ID, IDENTITY_VERSION, LATEST, MIGRATIONS
from .reasons import Reason


def on_server(conn) -> bool:
    """Whether ``conn`` reaches a PostgreSQL server (``postgres.server``)
    rather than a SQLite file: for the few statements written once per
    back end."""
    return getattr(conn, "dialect", "sqlite") == "postgresql"


class StorageError(Exception):
    """A problem with the database file; the message is for the user
    (``str()`` English, ``message(lang)`` in the clerk's language)."""

    def message(self, lang: str = "zh") -> str:
        reason = self.args[0] if self.args else ""
        return reason.message(lang) if isinstance(reason, Reason) else str(self)


class NewerFileError(StorageError):
    pass


class NotMagdeskFileError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class DamagedFileError(StorageError):
    """The file fails SQLite's checks; ``latest`` is the newest restore point
    (a ``snapshots.Snapshot``) or None."""

    def __init__(self, message: str, path: Path, latest=None):
        super().__init__(message)
        self.path = path
        self.latest = latest


class OpenCancelled(StorageError):
    """Opening was given up while the file was being checked; nothing changed."""


class DiskFullError(StorageError):
    """A write found the disk full; nothing of it was saved, nothing before lost."""


class StorageUnavailableError(StorageError):
    """The file could not be written (the drive went away, an I/O error)."""


class PeriodLockedError(StorageError, sqlite3.IntegrityError):
    """A write touched a record of a filed (locked) period.  ``str()`` is the
    storage's own ``period.locked [YYYY-MM]`` (a trigger cannot name the
    month); ``period`` is the month when known, and ``message(lang)`` the
    refusal in the clerk's words, never the code."""

    @property
    def period(self) -> str | None:
        words = str(self).split()
        return words[-1] if len(words) > 1 and re.fullmatch(r"\d{4}-\d{2}", words[-1]) else None

    def message(self, lang: str = "zh") -> str:
        from .. import text

        if self.period is None:
            return text.say("period.locked_record", lang)
        return text.say("period.locked", lang, period=self.period)


class DuplicateKeyError(StorageError, sqlite3.IntegrityError):
    """A document number, code or credit code that is already taken."""

    def message(self, lang: str = "zh") -> str:
        from .. import text

        return text.say("file.key_taken", lang)


class InUseError(StorageError, sqlite3.IntegrityError):
    """A record other records still refer to, or a reference to nothing."""

    def message(self, lang: str = "zh") -> str:
        from .. import text

        return text.say("record.in_use", lang)


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
        """True when this process may write.  Raises OSError when the lock file
        cannot be made at all (a read-only folder)."""
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        try:
            _lock_file(fh)
        except OSError:
            fh.close()
            return False
        fh.seek(0)
        if safety.live_foreign_lease(fh.read()):  # a writer on another computer
            _unlock_file(fh)
            fh.close()
            return False
        holder = safety.holder_line()
        safety.write_lease(fh, holder)
        self._fh = fh
        self._heartbeat = safety.Heartbeat(fh, holder)
        return True

    def holder(self) -> str:
        """Who holds the lock, as its lease says.  Only magdesk locks this file:
        a holder whose lease is not written yet (it is written right after the
        lock is taken; a heartbeat rewrites it) or cannot be read is still
        another magdesk, of unknown process (safety.UNKNOWN_HOLDER)."""
        for attempt in range(4):
            try:
                text = self.path.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                break
            if text:
                return text.splitlines()[0]
            time.sleep(0.05 * (attempt + 1))  # between its lock and its lease
        return safety.UNKNOWN_HOLDER

    def release(self) -> None:
        if self._fh is not None:
            self._heartbeat.stop()
            with contextlib.suppress(OSError, ValueError):
                self._fh.seek(0)
                self._fh.truncate()  # a clean close leaves no lease behind
            with contextlib.suppress(OSError, ValueError):
                _unlock_file(self._fh)
            self._fh.close()
            self._fh = None


# Windows locks are mandatory: a locked byte cannot be read by another
# process.  The lock is taken on one byte far past the lease text, so a second
# magdesk can still read who holds the file (tests/windows runs this there).
_NT_LOCK_AT = 1 << 30

if os.name == "nt":  # pragma: no cover - exercised on Windows only (tests/windows)
    import msvcrt

    def _lock_file(fh):
        fh.seek(_NT_LOCK_AT)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(fh):
        fh.seek(_NT_LOCK_AT)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock_file(fh):
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(fh):
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def hold_writer(path: Path) -> _WriterLock:
    """The writer lease of ``path``, held, for work on the file by path (a
    restore, a repair); a StorageError says who holds it, or why it cannot be
    taken.  The caller releases it."""
    lock = _WriterLock(path)
    try:
        held = lock.acquire()
    except OSError as exc:
        raise StorageError(Reason("cannot_write", path=path, error=exc)) from exc
    if not held:
        raise StorageError(Reason("restore_in_use", name=path.name, holder=lock.holder()))
    return lock


class Database:
    """An open magdesk file.  ``read_only`` is True when another writer holds
    it or the file cannot be written; then ``read_only_reason`` says why (for
    a banner), and every write raises.

    Every write transaction is magdesk's in the audit trail, by ``clerk`` and
    ``os_user``, and seals its audit entries before it commits.  Restore points
    go under ``backup_dir`` (or the data folder), ``keep`` of them.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: _WriterLock | None,
                 read_only_reason: str = "", *, backup_dir: Path | None = None,
                 keep: int | None = None, clerk: str = "", os_user: str = ""):
        self.path = path
        self.conn = conn
        self._lock = lock
        self.read_only_reason = read_only_reason
        self.backup_dir = backup_dir
        self.keep = keep
        self.clerk = clerk
        self.os_user = os_user or safety.os_user()
        self.foreign_key_violations = 0
        self._bulk: str | None = None
        self._closed = False
        self._closing = threading.Lock()  # a window's file may close in a thread of its own
        self._audited = _has_audit(conn)
        # Whether this session changed the file (changed()): rows written here
        # and rolled back again do not count, nor does a read.
        self._discarded = 0
        self._replaced = False
        self._mark: tuple | None = None
        self._opened: tuple | None = None  # the state once opened (upgrade), for closing
        with contextlib.suppress(sqlite3.DatabaseError):  # unreadable: changed() says True
            self._mark = self._state()

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it.  A
        full disk or a vanished drive raises DiskFullError or
        StorageUnavailableError; what was committed before stays."""
        from . import audit

        if self.read_only:
            raise ReadOnlyError(Reason("nothing_written", reason=self.read_only_reason))
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._write_failed(exc) from exc
        begun = self.conn.total_changes
        try:
            since = audit.begin(self.conn, self.clerk, self.os_user) if self._audited else None
            bulk = self._bulk_start() if self._bulk and since is not None else None
            yield self.conn
            if bulk is not None:
                self._bulk_end(*bulk)
            if self._bulk and not self.conn.execute("PRAGMA foreign_keys").fetchone()[0]:
                broken = self.conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise sqlite3.IntegrityError(
                        f"FOREIGN KEY constraint failed: {broken[0]} row {broken[1]} "
                        f"refers to a missing {broken[2]}")
            if since is not None:
                audit.finish(self.conn, since)
            self.conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self._rollback(begun)
            mapped = _integrity_error(exc)
            if mapped is not exc:
                raise mapped from exc
            raise
        except sqlite3.Error as exc:
            self._rollback(begun)
            raise self._write_failed(exc) from exc
        except BaseException:
            self._rollback(begun)
            raise

    @contextmanager
    def bulk(self, note: str, *, references_at_commit: bool = False) -> Iterator[None]:
        """Write transactions inside are bulk operations (the demo): the row
        audit triggers are dropped inside each transaction and one entry
        summarises it (rows added or removed per table) instead.

        ``references_at_commit``: foreign keys are not checked row by row but
        all at once before each commit (a violation rolls the transaction
        back), so that children may be written before their parents and no
        index is needed to find a parent's children while loading."""
        self._bulk = note
        if references_at_commit:
            self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            self._bulk = None
            if references_at_commit:
                self.conn.execute("PRAGMA foreign_keys = ON")

    @contextlib.contextmanager
    def unlogged(self) -> Iterator[None]:
        """For a file being built that nobody else sees and that is thrown
        away if the build fails (create_demo): writes go straight into the
        file, not first into the write-ahead log and then copied over, and
        nothing waits for the disk.  A rollback still works (the journal is
        kept in memory).  Back to WAL at the end."""
        self.conn.execute("PRAGMA journal_mode = MEMORY")
        self.conn.execute("PRAGMA synchronous = OFF")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA journal_mode = WAL")

    def _bulk_start(self):
        from . import audit

        marks = audit.row_counts(self.conn), audit.last_ids(self.conn)
        return marks, audit.suspend_triggers(self.conn)

    def _bulk_end(self, before: tuple[dict, dict], triggers: list[str]) -> None:
        from . import audit

        audit.resume_triggers(self.conn, triggers)
        after = audit.row_counts(self.conn), audit.last_ids(self.conn)
        audit.record_event(self.conn, "BULK", "*", self._bulk or "",
                           new=audit.bulk_summary(self._bulk or "", before, after))

    def _rollback(self, begun: int) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        self._discarded += self.conn.total_changes - begun  # written, then undone

    def _state(self) -> tuple[int, int, int]:
        """What moves when the file changes: rows this connection wrote and
        kept (SQLite's total_changes, less those rolled back), commits of any
        other connection or program (PRAGMA data_version: a worker thread's
        sibling, an import), and the schema (its cookie: a migration, the
        triggers a bulk load drops and restores)."""
        return (self.conn.total_changes - self._discarded,
                self.conn.execute("PRAGMA data_version").fetchone()[0],
                self.conn.execute("PRAGMA schema_version").fetchone()[0])

    def changed(self) -> bool:
        """Whether the file changed since it was opened or, if later, since
        the newest restore point this session took; a restore that replaced
        the file counts as a change.  From the thread that uses ``conn``."""
        try:
            return self._replaced or self._state() != self._mark
        except sqlite3.Error:  # cannot tell (the drive went away): say so, to be safe
            return True

    def _write_failed(self, exc: sqlite3.Error) -> Exception:
        kind = safety.write_error_kind(exc)
        if kind == "full":
            return DiskFullError(Reason("not_saved_full", path=self.path))
        if kind == "read_only":
            return ReadOnlyError(Reason("not_saved_read_only", path=self.path))
        if kind == "gone":
            return StorageUnavailableError(Reason("not_saved_gone", path=self.path, error=exc))
        if kind == "damaged":
            return _damaged(self.path, str(exc), self.backup_dir)
        return exc

    def sibling(self) -> Database:
        """Another connection to the same file, for a worker thread.  It shares
        this one's right to write (the lock stays with this Database)."""
        conn = _connect(self.path, read_only=self.read_only)
        return Database(self.path, conn, None, self.read_only_reason, backup_dir=self.backup_dir,
                        keep=self.keep, clerk=self.clerk, os_user=self.os_user)

    def reader(self) -> sqlite3.Connection:
        """A separate read-only connection to the same file, for another thread."""
        return _reader(self.path)

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

    def snapshot(self, note: str, *, kind: str = "before", unless_unchanged: bool = False,
                 protect: tuple[Path, ...] = (), identity: str | None = None):
        """A restore point of this file now (a ``snapshots.Snapshot``), kept
        with the points of its identity (or of ``identity``, the one to come).
        A point taken before a change (``kind`` "before": an export, a filing,
        a deletion) is refused on a read-only file, whose change cannot follow:
        each attempt would otherwise rotate a good point out."""
        from . import snapshots

        if kind == "before" and self.read_only:
            raise ReadOnlyError(Reason("nothing_written", reason=self.read_only_reason))
        state = self._state()  # before the copy: a commit during it counts as after it
        taken = snapshots.take(self.conn, self.path, note, kind=kind, root=self.backup_dir,
                               keep=self.keep, protect=protect,
                               unless_unchanged=unless_unchanged, identity=identity)
        self._mark, self._replaced = state, False
        _anchor(self, "point", taken.name, at=(taken.audit_seq, taken.audit_hash),
                when=taken.taken_at, copy=taken.path)
        return taken

    def snapshot_later(self, note: str) -> Callable[[], object]:
        """A restore point before a change, copied by a connection and a
        thread of its own while the caller prepares the change (an export
        writes its workbook meanwhile: on a large file the copy is most of
        the wait).  The callable returned waits for the point; it must be
        called before the change is written.  The copy reads in one read
        transaction, so it holds the file as it was when the copy began."""
        from . import snapshots
        from .background import Background

        if self.read_only:
            raise ReadOnlyError(Reason("nothing_written", reason=self.read_only_reason))
        state = self._state()
        job = Background(self, lambda conn: snapshots.take(
            conn, self.path, note, kind="before", root=self.backup_dir, keep=self.keep),
            "restore point")

        done: list = []

        def taken():  # the same point however often it is asked for
            if not done:
                point = job.result()
                self._mark, self._replaced = state, False
                _anchor(self, "point", point.name, at=(point.audit_seq, point.audit_hash),
                        when=point.taken_at, copy=point.path)
                done.append(point)
            return done[0]
        return taken

    def check(self, cancelled: Callable[[], bool] | None = None) -> None:
        """``PRAGMA quick_check`` and the foreign-key check: DamagedFileError
        when the file is damaged; ``foreign_key_violations`` counts the rest.
        ``cancelled`` (asked ten times a second, from another thread) stops
        the check with OpenCancelled."""
        watch = _Interrupter(self.conn, cancelled) if cancelled is not None else None
        try:
            result = "; ".join(r[0] for r in self.conn.execute("PRAGMA quick_check(20)"))
            self.foreign_key_violations = len(
                self.conn.execute("PRAGMA foreign_key_check").fetchall())
        except sqlite3.DatabaseError as exc:
            if watch is not None and watch.fired:
                raise OpenCancelled(f"opening {self.path.name} was cancelled") from exc
            raise _damaged(self.path, str(exc), self.backup_dir) from exc
        finally:
            if watch is not None:
                watch.stop()
        if watch is not None and watch.fired:  # asked to stop just as it ended
            raise OpenCancelled(f"opening {self.path.name} was cancelled")
        if result != "ok":
            raise _damaged(self.path, result, self.backup_dir)

    def upgrade(self) -> None:
        """Bring the file up to date: migrate an older schema (after a restore
        point), seal what other programs wrote since magdesk last had it.
        Done on opening, and after a restore put an older copy back."""
        if self.read_only:
            return
        _migrate(self.conn, self.path, self)
        self._audited = _has_audit(self.conn)
        _seal_pending(self)
        self._opened = self._state()  # a session that changes it anchors the chain on closing

    def reconnect(self) -> None:
        """A fresh connection to the file (after a restore replaced it); the
        writer lock is kept.  Objects holding the old ``conn`` must be remade."""
        self.conn.close()
        self.conn = _connect(self.path, read_only=self.read_only)
        if not self.read_only:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self._audited = _has_audit(self.conn)
        self._discarded, self._mark = 0, self._state()
        self._replaced = True  # the file may be another one now (a restore)
        # A restore point of a file with planted objects: written no more.
        self.read_only_reason = _foreign_schema(self.conn, self.path, self.backup_dir) or \
            self.read_only_reason

    def close(self, snapshot: bool = False, note: str = "on exit"):
        """Close the file; with ``snapshot`` (on exit) first take a restore
        point if this session changed the file since it was opened or since
        its last restore point (``changed``), and return it; else None.  The
        file is closed in any case; a restore point that failed raises
        afterwards.  A second call (from another thread) waits for the first."""
        with self._closing:
            return self._close(snapshot, note)

    def _close(self, snapshot: bool, note: str):
        taken = error = None
        if self._closed:
            return None
        changed = self._changed_since_opening()
        if snapshot and not self.read_only:
            try:
                if self.changed():
                    taken = self.snapshot(note, kind="exit")
            except StorageError as exc:
                error = exc
            except sqlite3.Error as exc:  # the state unreadable: no copy could be made either
                error = StorageError(Reason("no_point_on_closing", name=self.path.name,
                                            error=exc))
        if changed:
            _anchor(self, "closed", str(self.path))
        self._closed = True
        self.conn.close()
        if self._lock is not None:
            self._lock.release()
        if error is not None:
            raise error
        return taken

    def _changed_since_opening(self) -> bool:
        """Whether this session (opened for writing by ``open_database``)
        changed the file, a restore included; False when it cannot tell."""
        if self._opened is None or self.read_only or not self._audited:
            return False
        try:
            return self._replaced or self._state() != self._opened
        except sqlite3.Error:
            return False

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Interrupter:
    """Asks ``cancelled`` ten times a second and interrupts ``conn`` when it
    says so (a long check cannot otherwise be stopped)."""

    def __init__(self, conn: sqlite3.Connection, cancelled: Callable[[], bool]):
        self.fired = False
        self._done = threading.Event()
        self._conn, self._cancelled = conn, cancelled
        self._thread = threading.Thread(target=self._run, name="magdesk check cancel",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            if self._cancelled():
                self.fired = True
                self._conn.interrupt()
                return
            self._done.wait(0.1)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def _connect(path: Path, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    if read_only:
        # immutable: a file on a read-only drive or folder, where SQLite cannot
        # make the -shm it needs to read a WAL file; nobody can write it anyway.
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if read_only:
        # No function that is not marked harmless runs from a view of the file.
        # Not on a writable connection: the audit triggers use json_object(),
        # which the SQLite of Python 3.11-3.12 (3.40) does not mark harmless;
        # what runs there is kept to magdesk's own triggers by schema.py.
        conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def open_database(path: str | os.PathLike, *, create: bool = False,
                  backup_dir: Path | None = None, check: bool = True, clerk: str | None = None,
                  keep: int | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Database:
    """Open (or with ``create`` make) a magdesk file, migrating it if old.

    A second opener while a writer holds the file (here, or on another computer
    through a shared folder) gets a read-only Database, and so does a file that
    cannot be written.  With ``check`` SQLite's quick_check and foreign-key
    check run first (2-10 s for a million sales, as much of the file is in
    memory), unless the file is exactly as it was when they last passed
    (checked.py); a damaged file raises DamagedFileError naming the newest
    restore point.  ``cancelled`` (a worker opening for the window) stops
    the check with OpenCancelled.  ``clerk``, ``backup_dir`` and ``keep``
    default to the user's settings.
    """
    path = Path(path)
    if path.is_dir():
        raise StorageError(Reason("path_is_folder", path=path))
    if not path.exists() and not create:
        raise StorageError(Reason("no_file", path=path))
    clerk, backup_dir, keep = _settings(clerk, backup_dir, keep)
    extra = {"backup_dir": backup_dir, "keep": keep, "clerk": clerk}
    reason = safety.read_only_reason(path) if path.exists() else ""
    lock = _WriterLock(path)
    if not reason:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not lock.acquire():
                if not path.exists():
                    raise StorageError(Reason("being_created", path=path, holder=lock.holder()))
                reason = Reason("in_use", name=path.name, holder=lock.holder())
        except OSError as exc:
            if not path.exists():
                raise StorageError(Reason("cannot_create", path=path,
                                          error=exc.strerror or exc)) from exc
            reason = Reason("full_read_only", name=path.name) if safety.disk_full(path, exc) \
                else Reason("folder_not_writable", name=path.name, error=exc.strerror or exc)
    seen = _seen(path) if check else None  # before SQLite opens it
    if reason:
        return _open_read_only(path, reason, seen, extra, cancelled)
    conn = None
    try:
        conn = _connect(path, read_only=False)
        _check_identity(conn, path, backup_dir)
        foreign = _foreign_schema(conn, path, backup_dir)
        if foreign:  # before anything is written that could run what was planted
            conn.close()
            conn = None
            lock.release()
            return _open_read_only(path, foreign, seen, extra, cancelled)
        db = Database(path, conn, lock, **extra)
        if seen is not None:
            _check(db, seen, cancelled)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        db._mark = db._state()  # a file leaving rollback mode moves data_version, no data
        db.upgrade()
        _settle_identity(db)
    except BaseException as exc:
        if conn is not None:  # closed before the lock goes: a restore may replace the file
            conn.close()
        lock.release()
        if isinstance(exc, sqlite3.OperationalError) and \
                safety.write_error_kind(exc) in ("full", "gone", "read_only"):
            if safety.disk_full(path, exc):
                raise StorageError(Reason("open_disk_full", path=path)) from exc
            raise StorageError(Reason("not_writable", path=path, error=exc)) from exc
        raise
    return db


def _reader(path: Path) -> sqlite3.Connection:
    conn = _connect(path, read_only=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:  # a WAL file in a folder where no -shm can be made
        conn.close()
        conn = _connect(path, read_only=True, immutable=True)
    return conn


def _open_read_only(path: Path, reason: str, seen: tuple | None, extra: dict,
                    cancelled: Callable[[], bool] | None) -> Database:
    conn = _reader(path)
    try:
        _check_identity(conn, path, extra["backup_dir"])
        reason = _foreign_schema(conn, path, extra["backup_dir"]) or reason
        db = Database(path, conn, None, reason, **extra)
        if seen is not None:
            _check(db, seen, cancelled)
        _settle_identity(db)
    except BaseException:
        conn.close()
        raise
    return db


def _seen(path: Path) -> tuple:
    """When and as what the file was found, for checked.py."""
    from . import checked

    now = time.time()
    return now, checked.identity(path)


def _check(db: Database, seen: tuple, cancelled: Callable[[], bool] | None) -> None:
    """The checks on opening, unless they passed on the file as it is now."""
    from . import checked

    at, ident = seen
    if checked.vouched(db.path, ident):
        return
    db.check(cancelled)
    checked.remember(db.path, ident, at)


def _settings(clerk: str | None, backup_dir: Path | None, keep: int | None):
    """Who writes and where restore points go: the user's settings unless given."""
    if clerk is None or backup_dir is None or keep is None:
        from ..settings import load_settings  # only the defaults come from there

        settings = load_settings()
        clerk = settings.clerk_name if clerk is None else clerk
        if backup_dir is None and settings.backup_dir:
            backup_dir = Path(settings.backup_dir)
        keep = settings.snapshots_keep if keep is None else keep
    return clerk, backup_dir, max(1, keep)


# The audit trail's state as opening a file reads it; kept here rather than in
# audit.py so that opening a file does not load the sealing and verifying code.


def has_audit(conn: sqlite3.Connection) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_seal'").fetchone() \
        is not None


def needs_sealing(conn: sqlite3.Connection) -> bool:
    """Whether entries were written since the last seal (or the session row
    was left filled in by another program)."""
    logged = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
    sealed = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_seal").fetchone()[0]
    session = conn.execute("SELECT app, clerk, os_user FROM audit_session WHERE id = 1").fetchone()
    return logged > sealed or tuple(session or ()) != (0, "", "")


def _has_audit(conn: sqlite3.Connection) -> bool:
    try:
        return has_audit(conn)
    except sqlite3.Error:
        return False


def _seal_pending(db: Database) -> None:
    """Seal what other programs wrote since magdesk last had the file, and
    clear a session row they may have left filled in."""
    if db._audited and needs_sealing(db.conn):
        with db.write():
            pass  # write() seals everything unsealed (as written outside magdesk)


def _anchor(db: Database, kind: str, detail: str, **kw) -> None:
    """The chain's head in the data folder's anchor list (anchors.py): on a
    restore point and on closing, never on a save."""
    if db._audited:
        from . import anchors

        anchors.record(db.conn, kind, detail, db_path=db.path, **kw)


def _damaged(path: Path, problem: str, backup_dir: Path | None) -> DamagedFileError:
    """The error naming the newest of the file's own restore points: who the
    file is comes from what can still be read of it, or from the index of
    files opened before; when nothing tells, no point is recommended."""
    from .identity import of_path
    from .snapshots import list_snapshots

    who = of_path(path)
    if who is None:
        return DamagedFileError(Reason("damaged_unknown", path=path, problem=problem[:300]),
                                path, None)
    latest = next(iter(list_snapshots(path, backup_dir, owner=who)), None)
    reason = (Reason("damaged", path=path, problem=problem[:300], name=latest.name,
                     taken=f"{latest.taken_at:%Y-%m-%d %H:%M}", note=latest.note)
              if latest else Reason("damaged_no_point", path=path, problem=problem[:300]))
    return DamagedFileError(reason, path, latest)


def _settle_identity(db: Database) -> None:
    """Note who the file is in the index (for the day it cannot be read) and
    adopt its restore points from the previous release's folder; neither
    may stop the file from opening."""
    from . import legacy
    from .identity import describe, remember

    try:
        who = describe(db.conn)
        remember(db.path, who)
        legacy.adopt(db.path, db.backup_dir, who)
    except (OSError, sqlite3.Error):
        pass


def _identity_to_come(conn: sqlite3.Connection, path: Path) -> str:
    """The identity a migration gives a file from before identities: the one
    this path had (a copy from before them put back by a restore) when the
    company is the same, else a new one.  Noted in the index before the
    restore point is taken, so a migration killed midway gives the same."""
    import secrets

    from .identity import FileIdentity, describe, recall, remember

    who, known = describe(conn), recall(path)
    identity = known.identity if known and known.uscc == who.uscc else secrets.token_hex(16)
    remember(path, FileIdentity(identity, who.uscc, who.company))
    return identity


def _check_identity(conn: sqlite3.Connection, path: Path,
                    backup_dir: Path | None = None) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        if safety.write_error_kind(exc) in ("full", "gone") and safety.disk_full(path, exc):
            raise StorageError(Reason("open_disk_full", path=path)) from None
        damaged = _damaged(path, str(exc), backup_dir)
        # Malformed, or unreadable but with restore points: a magdesk file, damaged.
        if damaged.latest is not None or safety.write_error_kind(exc) == "damaged":
            raise damaged from None
        raise NotMagdeskFileError(Reason("not_magdesk", path=path, error=exc)) from None
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        conn.close()
        raise NotMagdeskFileError(Reason("other_program", path=path))
    if version > LATEST:
        conn.close()
        raise NewerFileError(Reason("newer", path=path, version=version, latest=LATEST))


def _foreign_schema(conn: sqlite3.Connection, path: Path, backup_dir: Path | None) -> str:
    """Why the file is read-only when its schema objects are not what its
    version defines (schema.py), naming them; "" when they are."""
    from . import schema

    try:
        diff = schema.compare(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _damaged(path, str(exc), backup_dir) from None
    return "" if diff.ok else schema.reason(diff, path.name, path)


def _migrate(conn: sqlite3.Connection, path: Path, db: Database) -> None:
    """Each step in its own transaction, after a restore point of the old file;
    the step that creates the audit trail starts it with one entry."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == LATEST:
        return
    from . import audit
    identity = _identity_to_come(conn, path) if 0 < version < IDENTITY_VERSION else None
    if version > 0:  # kept with the points of the identity the file is about to get
        db.snapshot(f"before migration from schema v{version}", kind="migration",
                    identity=identity)
    for number in range(version, LATEST):
        conn.execute("BEGIN IMMEDIATE")
        try:
            audited = audit.has_audit(conn)
            since = audit.begin(conn, db.clerk, db.os_user) if audited else None
            for statement in MIGRATIONS[number]:
                conn.execute(statement)
            if identity and number + 1 == IDENTITY_VERSION:
                conn.execute("UPDATE magdesk_file SET identity = ? WHERE id = 1", (identity,))
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number + 1}")
            if not audited and audit.has_audit(conn):
                since = audit.begin(conn, db.clerk, db.os_user)
                audit.record_event(conn, "START", "*", "audit trail",
                                   new={"schema": number + 1, "rows": audit.row_counts(conn)})
            if since is not None:
                audit.finish(conn, since)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def backup_copy(conn: sqlite3.Connection, path: Path, note: str,
                backup_dir: Path | None = None) -> Path:
    """A restore point (kept for callers from before snapshots.py): prefer
    ``Database.snapshot(note)`` or ``usecases.take_snapshot(db, note)``."""
    from .snapshots import take

    return take(conn, path, note.replace("-", " "), root=backup_dir).path
