"""Restore points: consistent copies of a magdesk file made through SQLite's
online backup API, each carrying a note (what was about to happen) and a time.

They live in ``<backup_dir or data dir>/snapshots/<file identity>/`` as
``<stem>.<YYYYMMDD-HHMMSS-mmm>.<note slug>.sqlite``: one folder, one list and
one rotation per file identity (identity.py), never per file name, so two
companies' ``magdesk.sqlite`` in two folders never share restore points.  The
note, the time and what the copy holds (identity, credit code, company name,
schema, audit head, the state of every period) are kept inside the copy, in a
one-row table ``magdesk_snapshot``, so a copy carried away on a USB stick
still says what it is and whose it is.  Folders ``snapshots/<db stem>/`` of
the previous release are sorted by what each point holds (legacy.py).  A copy
is written to a hidden temporary name, synced and then renamed, so a crash
never leaves half a restore point under a real name.

Restoring one is in restore.py.  Rotation keeps the newest ``keep`` copies, the one just made and, always, the
newest copy that still holds each filed period revision (``2026-03@0``), so a
burst of new restore points, or a restore to an older state, can never push
out the last good copy of a filed month (AnkiDroid #8897).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .db import StorageError
from .durable import fsync as _fsync
from .durable import fsync_dir as _fsync_dir
from .durable import pid_alive as _alive
from .identity import FileIdentity, describe, of_path
from .reasons import Reason

INFO_TABLE = "magdesk_snapshot"
DEFAULT_KEEP = 20


class SnapshotError(StorageError):
    """A restore point could not be written or read; the message says why."""


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: datetime  # local time, with offset
    note: str
    kind: str  # before (an operation), manual, exit, migration, restore, backup
    source: str
    schema: int
    audit_seq: int
    audit_hash: str
    filed: tuple[str, ...]  # "YYYY-MM@revision" of every filed period in the copy
    size: int
    identity: str = ""  # the file's identity ("": taken by the previous release, or before v5)
    uscc: str = ""  # the company's credit code in the copy
    company: str = ""  # and its name
    periods: tuple[str, ...] = ()  # "YYYY-MM STATE@revision" of every period in the copy

    @property
    def name(self) -> str:
        return self.path.name

    def as_dict(self) -> dict:
        return {"file": str(self.path), "name": self.name,
                "taken_at": self.taken_at.isoformat(timespec="seconds"), "note": self.note,
                "kind": self.kind, "source": self.source, "schema": self.schema,
                "audit_seq": self.audit_seq, "filed": list(self.filed), "size": self.size,
                "identity": self.identity, "uscc": self.uscc, "company": self.company,
                "periods": list(self.periods)}

    def owner(self) -> FileIdentity:
        return FileIdentity(self.identity, self.uscc, self.company)


def default_root() -> Path:
    from ..settings import data_dir  # the one place that knows the user's folders

    return data_dir()


def default_keep() -> int:
    from ..settings import load_settings

    return max(1, load_settings().snapshots_keep)


def folder_for(db_path: Path, root: Path | None = None, identity: str | None = None) -> Path:
    """The folder of a file's restore points: its identity's (read from the
    file, or from the index when it cannot be read, unless given); a file
    without one (before v5, or damaged and never seen) keeps its stem's."""
    if identity is None:
        who = of_path(db_path)
        identity = who.identity if who is not None else ""
    if not identity:
        return legacy_folder(db_path, root)
    return Path(root or default_root()) / "snapshots" / identity


def legacy_folder(db_path: Path, root: Path | None = None) -> Path:
    """Where the previous release kept restore points: by file name alone."""
    return Path(root or default_root()) / "snapshots" / Path(db_path).stem


# --- taking ------------------------------------------------------------------------------


def take(conn: sqlite3.Connection, db_path: Path, note: str, *, kind: str = "before",
         root: Path | None = None, keep: int | None = None, protect: tuple[Path, ...] = (),
         unless_unchanged: bool = False, identity: str | None = None) -> Snapshot:
    """A restore point of the database behind ``conn`` (outside a transaction),
    then rotation among the points of the same identity.  With
    ``unless_unchanged`` (on exit) nothing is written when the newest restore
    point already holds this state; it is returned instead.  ``identity``
    (a migration about to give the file its identity) overrides the file's."""
    if conn.in_transaction:
        raise SnapshotError(Reason("point_mid_change"))
    db_path = Path(db_path)
    who = describe(conn)
    if identity is not None:
        who = FileIdentity(identity, who.uscc, who.company)
    folder = folder_for(db_path, root, who.identity)
    if unless_unchanged:
        latest = next(iter(list_snapshots(db_path, root, owner=who)), None)
        if latest is not None and latest.schema == _schema(conn) \
                and (latest.audit_seq, latest.audit_hash) == _audit_head(conn):
            return latest
    now = datetime.now().astimezone()
    name = f"{db_path.stem}.{now:%Y%m%d-%H%M%S}-{now.microsecond // 1000:03d}.{slug(note)}.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _clean_temporaries(folder)
        target = folder / name
        _copy(conn, target, note=note, kind=kind, source=str(db_path.resolve()), when=now,
              identity=who.identity)
    except (OSError, sqlite3.Error) as exc:
        raise SnapshotError(Reason("point_not_written", folder=folder,
                                   error=_reason(exc))) from exc
    snapshot = read_info(target)
    rotate(folder, keep if keep is not None else default_keep(), protect=(target, *protect),
           owner=who, db_path=db_path)
    return snapshot


def backup_to(conn: sqlite3.Connection, db_path: Path, target: Path, *,
              replace: bool = False) -> Snapshot:
    """A copy of the database at ``target`` (a USB stick, say), checked with
    ``quick_check`` before it takes the name; restorable like a restore point."""
    target = Path(target)
    if target.is_dir():
        now = datetime.now()
        target = target / f"{Path(db_path).stem}.{now:%Y%m%d-%H%M%S}.backup.sqlite"
    if target.resolve() == Path(db_path).resolve():
        raise SnapshotError(Reason("backup_self"))
    if target.exists() and not replace:
        raise SnapshotError(Reason("backup_exists", target=target))
    try:
        _copy(conn, target, note="backup", kind="backup", source=str(Path(db_path).resolve()),
              when=datetime.now().astimezone(), check=True)
    except (OSError, sqlite3.Error) as exc:
        from .failures import path_problem

        error = path_problem(exc, target) if isinstance(exc, OSError) and exc.errno \
            and _reason(exc) == str(exc) else _reason(exc)
        raise SnapshotError(Reason("backup_not_written", target=target, error=error)) from exc
    return read_info(target)


def _copy(conn: sqlite3.Connection, target: Path, *, note: str, kind: str, source: str,
          when: datetime, check: bool = False, identity: str | None = None) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.backup(dest)
            # A copy is a plain file: no -wal beside it, nothing to lose with it.
            dest.execute("PRAGMA journal_mode = DELETE")
            _write_info(dest, note=note, kind=kind, source=source, when=when,
                        identity=identity)
            if check and dest.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise SnapshotError(Reason("copy_unreadable"))
        finally:
            dest.close()
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)


def _write_info(dest: sqlite3.Connection, *, note: str, kind: str, source: str,
                when: datetime, identity: str | None) -> None:
    """The one-row table saying what the copy is, whose, and what it holds."""
    filed = ",".join(f"{p}@{r}" for p, r in dest.execute(
        "SELECT period, revision FROM period WHERE state = 'FILED' ORDER BY period"))
    seq, digest = _audit_head(dest)
    who = describe(dest)
    dest.execute(f"DROP TABLE IF EXISTS {INFO_TABLE}")
    dest.execute(
        f"CREATE TABLE {INFO_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "taken_at TEXT NOT NULL, note TEXT NOT NULL, kind TEXT NOT NULL, "
        "source TEXT NOT NULL, schema INTEGER NOT NULL, audit_seq INTEGER NOT NULL, "
        "audit_hash TEXT NOT NULL, filed TEXT NOT NULL, identity TEXT NOT NULL, "
        "uscc TEXT NOT NULL, company TEXT NOT NULL, periods TEXT NOT NULL)")
    dest.execute(f"INSERT INTO {INFO_TABLE} VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (when.isoformat(timespec="milliseconds"), note, kind, source, _schema(dest),
                  seq, digest, filed, who.identity if identity is None else identity,
                  who.uscc, who.company, ",".join(_periods(dest))))


def _periods(conn: sqlite3.Connection) -> tuple[str, ...]:
    try:
        rows = conn.execute("SELECT period, state, revision FROM period ORDER BY period")
        return tuple(f"{p} {state}@{rev}" for p, state, rev in rows)
    except sqlite3.Error:  # not a magdesk file after all: nothing to say
        return ()


def _schema(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _audit_head(conn: sqlite3.Connection) -> tuple[int, str]:
    try:
        row = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # a file from before the audit trail
        row = None
    return (row[0], row[1]) if row else (0, "")


def slug(note: str) -> str:
    text = re.sub(r"[^\w]+", "-", note.strip().lower()).strip("-_")
    return text[:40].strip("-") or "snapshot"


# --- listing and rotating -------------------------------------------------------------------


def _snapshot_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.glob("*.sqlite") if not p.name.startswith(".")]


def has_snapshots(db_path: Path, root: Path | None = None) -> bool:
    """Whether ``db_path`` may have restore points (without reading them):
    its identity's folder holds some, or its old folder still does."""
    who = of_path(db_path)
    if who is None:
        return False
    return bool(_snapshot_files(folder_for(db_path, root, who.identity))) or \
        bool(who.identity and _snapshot_files(legacy_folder(db_path, root)))


def list_snapshots(db_path: Path, root: Path | None = None, *,
                   owner: FileIdentity | None = None) -> list[Snapshot]:
    """The restore points of ``db_path`` (of ``owner`` when given: who the
    file is), newest first: only its own, never another file's; points of
    the previous release that are its own are adopted into its folder
    first.  Unreadable files are left out (``legacy.foreign`` lists them)."""
    from . import legacy

    who = owner if owner is not None else of_path(db_path)
    if who is None:  # nothing can tell whose it is: none rather than another's
        return []
    if who.identity:
        legacy.adopt(Path(db_path), root, who)
    out = [s for s in _read_all(folder_for(db_path, root, who.identity))
           if is_own(s, who, db_path)]
    return sorted(out, key=lambda s: (s.taken_at, s.name), reverse=True)


def is_own(snap: Snapshot, who: FileIdentity, db_path: Path) -> bool:
    """Whether ``snap`` is a restore point of the file ``who`` describes.  A
    point of the previous release (no identity inside) found in the
    identity's folder was adopted there because it matched (legacy.py)."""
    if who.identity and snap.identity == who.identity:
        return True
    if who.identity and not snap.identity and snap.path.parent.name == who.identity:
        return True
    return belongs(snap, who, db_path)


def belongs(snap: Snapshot, who: FileIdentity, db_path: Path) -> bool:
    """Whether a point without an identity is of the file ``who`` describes:
    the same credit code and company name (or, neither having a code yet,
    taken of the same path).  A point with an identity belongs by it alone."""
    if snap.identity:
        return bool(who.identity) and snap.identity == who.identity
    if who.uscc or snap.uscc:
        return (snap.uscc, snap.company) == (who.uscc, who.company)
    return snap.source == str(Path(db_path).resolve())


def _read_all(folder: Path) -> list[Snapshot]:
    out = []
    for path in _snapshot_files(folder):
        with contextlib.suppress(SnapshotError):
            out.append(read_info(path))
    return out


def read_info(path: Path) -> Snapshot:
    """What a restore point (or a backup) says about itself; one written by
    the previous release says who it is through the data it holds."""
    path = Path(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            cursor = conn.execute(f"SELECT * FROM {INFO_TABLE} WHERE id = 1")
            names = [d[0] for d in cursor.description]
            row = cursor.fetchone()
            info = dict(zip(names, row, strict=True)) if row else None
            if info is not None and "identity" not in info:
                who = describe(conn)
                info.update(identity=who.identity, uscc=who.uscc, company=who.company,
                            periods=",".join(_periods(conn)))
        finally:
            conn.close()
        size = path.stat().st_size
    except (OSError, sqlite3.Error) as exc:
        raise SnapshotError(Reason("point_not_readable", name=path.name, error=str(exc))) from exc
    if info is None:
        raise SnapshotError(Reason("not_a_point", name=path.name))
    return Snapshot(path, datetime.fromisoformat(info["taken_at"]), info["note"], info["kind"],
                    info["source"], info["schema"], info["audit_seq"], info["audit_hash"],
                    tuple(f for f in info["filed"].split(",") if f), size, info["identity"],
                    info["uscc"], info["company"],
                    tuple(p for p in info["periods"].split(",") if p))


def rotate(folder: Path, keep: int, protect: tuple[Path, ...] = (), *,
           owner: FileIdentity | None = None, db_path: Path | None = None) -> list[Path]:
    """Delete restore points beyond the newest ``keep``, except the protected
    ones and the newest copy holding each filed period revision.  With
    ``owner`` only that file's own points are counted or ever deleted."""
    snaps = [s for s in _read_all(folder)
             if owner is None or is_own(s, owner, db_path or Path(s.source))]
    removed = []
    for s in beyond_keep(snaps, keep, protect):
        with contextlib.suppress(OSError):
            s.path.unlink()
            removed.append(s.path)
    return removed


def beyond_keep(points: list, keep: int, protect: tuple[Path, ...] = ()) -> list:
    """Of ``points`` (with ``taken_at``, ``name``, ``path``, ``filed``; a
    file's or a server's), those a rotation deletes: beyond the newest
    ``keep``, but for the protected ones and the newest holding each filed
    period revision; newest first."""
    ordered = sorted(points, key=lambda p: (p.taken_at, p.name), reverse=True)
    kept = {p.path for p in ordered[:keep]} | {Path(p) for p in protect}
    newest_with: dict[str, Path] = {}
    for point in ordered:
        for filed in point.filed:
            newest_with.setdefault(filed, point.path)
    kept |= set(newest_with.values())
    return [p for p in ordered if p.path not in kept]


def _clean_temporaries(folder: Path) -> None:
    """Temporary copies left by a process that was killed while writing one."""
    for tmp in folder.glob(".*.tmp*"):
        pid = tmp.name[:tmp.name.rindex(".tmp")].rsplit(".", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
        elif time.time() - tmp.stat().st_mtime > 24 * 3600:
            tmp.unlink(missing_ok=True)




# --- helpers ------------------------------------------------------------------------------




def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "disk is full" in text or getattr(exc, "errno", None) == 28:
        return Reason("disk_full")
    return text


# The notes restore points carry are English (the CLI's, and older points'):
# the list of points says the known ones in the clerk's language.
_NOTES = (
    (re.compile(r"before export (\S+)\Z"), "file.note_export", ("period",)),
    (re.compile(r"before filing (\S+)\Z"), "file.note_filing", ("period",)),
    (re.compile(r"before amending (\S+)\Z"), "file.note_amending", ("period",)),
    (re.compile(r"before[ -]import\Z"), "file.note_import", ()),
    (re.compile(r"before deleting (\d+) \S+ records\Z"), "file.note_deleting", ("count",)),
    (re.compile(r"before restoring (.+)\Z"), "file.note_restoring", ("name",)),
    (re.compile(r"before migration from schema v(\d+)\Z"), "file.note_migration", ("version",)),
    (re.compile(r"before repairing the schema\Z"), "file.note_repair", ()),
    (re.compile(r"before saving template (.+)\Z"), "file.note_template_save", ("name",)),
    (re.compile(r"before deleting template (.+)\Z"), "file.note_template_delete", ("name",)),
    (re.compile(r"on (?:exit|closing)\Z"), "file.note_exit", ()),
    (re.compile(r"manual\Z"), "file.note_manual", ()),
    (re.compile(r"backup\Z"), "file.note_backup", ()),
)


def said_note(note: str, lang: str = "zh") -> str:
    """A restore point's note as the clerk reads it: the known notes in her
    language, a note she typed herself as she typed it."""
    from .. import text

    for pattern, code, names in _NOTES:
        found = pattern.match(note)
        if found:
            return text.say(code, lang, **dict(zip(names, found.groups(), strict=True)))
    return note
