"""Putting a restore point (or a backup copy) back in place of a magdesk file:
the source checked, the current state kept as a restore point first, the copy
written beside the file and synced, then swapped in with one rename after the
file's -wal and -shm are gone, so nothing stale is picked up.

A copy of another file (another identity, or another company's credit code)
is refused unless the clerk insists (``force``): a restore point of company A
must never become company B's file.  The restored file keeps its own
identity, so its restore points stay its own."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .durable import fsync as _fsync
from .durable import fsync_dir as _fsync_dir
from .identity import FileIdentity, describe, of_path, remember
from .migrations import APPLICATION_ID, LATEST
from .reasons import Reason
from .snapshots import (
    INFO_TABLE,
    Snapshot,
    SnapshotError,
    _reason,
    _schema,
    folder_for,
    read_info,
    take,
)


def check_source(source: Path) -> Snapshot | None:
    """Refuse a restore source that is not a sound magdesk file this magdesk
    can open.  Returns its restore point info (None for a plain magdesk file)."""
    source = Path(source)
    if not source.is_file():
        raise SnapshotError(Reason("no_such_point", path=source))
    try:
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            schema = _schema(conn)
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise SnapshotError(Reason("point_unreadable", name=source.name, error=exc)) from exc
    if app_id != APPLICATION_ID:
        raise SnapshotError(Reason("point_not_magdesk", name=source.name))
    if schema > LATEST:
        raise SnapshotError(Reason("point_newer", name=source.name, schema=schema))
    if check != "ok":
        raise SnapshotError(Reason("point_damaged", name=source.name, check=check))
    try:
        return read_info(source)
    except SnapshotError:
        return None


class OtherFileError(SnapshotError):
    """A restore from a copy of another file (another identity or another
    credit code), refused; ``source`` and ``target`` say whose each is."""

    def __init__(self, reason: Reason, source: FileIdentity, target: FileIdentity):
        super().__init__(reason)
        self.source = source
        self.target = target


def owner_of_source(source: Path, info: Snapshot | None) -> FileIdentity:
    """Whose ``source`` is: as its restore point record says, else as its data."""
    if info is not None:
        return info.owner()
    conn = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return describe(conn)
    finally:
        conn.close()


def refuse_other(source: Path, theirs: FileIdentity, target: Path,
                 ours: FileIdentity | None) -> None:
    """OtherFileError when ``source`` is known to be another file's: another
    identity (both having one), or another credit code (both having one).
    A copy without an identity (a backup from before identities) of the same
    company is the file's own; of a file nothing is known of, nothing is said.
    The same identity with another credit code is a copy of this file given
    another company's profile: refused too."""
    if ours is None:
        return
    if theirs.identity and ours.identity:
        if theirs.identity == ours.identity:
            if theirs.uscc and ours.uscc and theirs.uscc != ours.uscc:
                raise OtherFileError(_reason_other("other_company", source, theirs, target,
                                                   ours), theirs, ours)
            return
        if theirs.uscc == ours.uscc:
            raise OtherFileError(_reason_other("other_file", source, theirs, target, ours),
                                 theirs, ours)
    if theirs.uscc != ours.uscc and (theirs.uscc and ours.uscc or theirs.identity):
        raise OtherFileError(_reason_other("other_company", source, theirs, target, ours),
                             theirs, ours)


def _reason_other(code: str, source: Path, theirs: FileIdentity, target: Path,
                  ours: FileIdentity) -> Reason:
    return Reason(code, name=Path(source).name, target=Path(target).name,
                  their_company=theirs.company or "-", their_code=theirs.uscc or "-",
                  our_company=ours.company or "-", our_code=ours.uscc or "-",
                  their_id=theirs.identity[:8] or "-", our_id=ours.identity[:8] or "-")


def prepare_copy(source: Path, target: Path, identity: str = "") -> Path:
    """The restored database written beside ``target`` under a temporary
    name, without the restore point's own note table, synced to disk; with
    ``identity`` (the file's own) kept, whatever copy is put back."""
    tmp = target.with_name(f".{target.name}.restore.{os.getpid()}.tmp")
    try:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            dest = sqlite3.connect(tmp, isolation_level=None)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                dest.execute(f"DROP TABLE IF EXISTS {INFO_TABLE}")
                if identity and _has_identity_table(dest):
                    dest.execute("UPDATE magdesk_file SET identity = ? WHERE id = 1", (identity,))
            finally:
                dest.close()
        finally:
            src.close()
        _fsync(tmp)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise SnapshotError(Reason("copy_not_written", target=target,
                                   error=_reason(exc))) from exc
    return tmp


def _keep_identity(path: Path, ours: FileIdentity, theirs: FileIdentity) -> None:
    """The file keeps its identity whatever is put back: a copy that has one
    gets the file's (prepare_copy); one from before identities gets it when
    it is upgraded, from the index, noted here with the company it will hold."""
    remember(path, FileIdentity(ours.identity, theirs.uscc, theirs.company))


def _has_identity_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                        "AND name = 'magdesk_file'").fetchone() is not None


def swap_in(tmp: Path, target: Path) -> None:
    """Put the prepared copy in place of ``target`` in one rename.  Every
    connection to ``target`` of this process must be closed; its -wal and -shm
    go first, so the restored file cannot pick up the old file's log."""
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SnapshotError(Reason("not_replaced", target=target, error=_reason(exc))) from exc


def keep_damaged(path: Path, root: Path | None = None) -> Path:
    """A byte copy of a file too damaged for the backup API, kept aside (with
    its -wal) before a restore replaces it; never rotated away."""
    import shutil

    folder = folder_for(path, root) / "damaged"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.{stamp}.damaged{path.suffix}"
    try:
        shutil.copyfile(path, target)
        wal = Path(f"{path}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{target}-wal"))
    except OSError as exc:
        raise SnapshotError(Reason("damaged_not_kept", error=_reason(exc))) from exc
    return target


@dataclass(frozen=True)
class RestoreResult:
    restored: Path  # the file put back
    source: Snapshot | None  # what it says about itself (None: a plain magdesk file)
    before: Snapshot | None  # the restore point of the state it replaced
    damaged_copy: Path | None = None  # a file too damaged for a restore point, kept aside

    def as_dict(self) -> dict:
        return {"restored": str(self.restored),
                "source": self.source.as_dict() if self.source else None,
                "before": self.before.as_dict() if self.before else None,
                "damaged_copy": str(self.damaged_copy) if self.damaged_copy else None}


def restore_into(db, source: Path, *, force: bool = False) -> RestoreResult:
    """Replace the file of ``db`` (open for writing) with ``source``: a restore
    point of the current state first, then one atomic rename; ``db`` is
    reconnected to the restored file, whose audit trail records the restore.
    A copy of another file is refused (OtherFileError) unless ``force``."""
    from . import audit
    from .db import ReadOnlyError

    if db.read_only:
        raise ReadOnlyError(db.read_only_reason)
    source = Path(source).resolve()
    info = check_source(source)
    ours, theirs = describe(db.conn), owner_of_source(source, info)
    if not force:
        refuse_other(source, theirs, db.path, ours)
    _keep_identity(db.path, ours, theirs)
    tmp = prepare_copy(source, db.path, ours.identity)
    try:
        before = db.snapshot(f"before restoring {source.name}", kind="restore",
                             protect=(source,))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        swap_in(tmp, db.path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        db.reconnect()
        raise
    db.reconnect()
    if db._audited and not db.read_only:  # read-only: a point with foreign schema objects
        with db.write() as conn:
            audit.record_event(conn, "RESTORE", "*", source.name, new=_restore_note(info, before))
    return RestoreResult(db.path, info, before)


def restore_path(path: Path, source: Path, *, root: Path | None = None,
                 keep: int | None = None, force: bool = False) -> RestoreResult:
    """Restore ``source`` over a file that cannot be opened (damaged, or gone):
    what is there is kept as a restore point if SQLite can still copy it, else
    as a byte copy under ``damaged/``.  The caller then opens the file.  Who
    the file is comes from what can be read of it, or the index; a copy of
    another file is refused unless ``force``."""
    from .db import hold_writer

    path, source = Path(path), Path(source).resolve()
    info = check_source(source)
    ours, theirs = of_path(path), owner_of_source(source, info)
    if not force:
        refuse_other(source, theirs, path, ours)
    if ours is not None:
        _keep_identity(path, ours, theirs)
    lock = hold_writer(path)
    try:
        tmp = prepare_copy(source, path, ours.identity if ours else "")
        before = damaged = None
        if path.exists():
            try:
                before = _take_of_file(path, f"before restoring {source.name}", root, keep,
                                       source, ours)
            except (SnapshotError, sqlite3.Error):
                damaged = keep_damaged(path, root)
        swap_in(tmp, path)
    finally:
        lock.release()
    return RestoreResult(path, info, before, damaged)


def _take_of_file(path: Path, note: str, root, keep, source: Path,
                  ours: FileIdentity | None) -> Snapshot:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise SnapshotError(Reason("file_damaged", name=path.name))
        return take(conn, path, note, kind="restore", root=root, keep=keep, protect=(source,),
                    identity=(ours.identity or None) if ours else None)
    finally:
        conn.close()


def _restore_note(info: Snapshot | None, before: Snapshot | None) -> dict:
    return {"from": info.name if info else None, "note": info.note if info else None,
            "taken_at": info.taken_at.isoformat(timespec="seconds") if info else None,
            "before": before.name if before else None}
