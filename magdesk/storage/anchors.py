"""Anchors of the audit chain held outside the file.

The chain (audit.py) proves that sealed entries were not changed only as long
as its hashes are not recomputed; whoever can write the file can recompute
them.  So the head of the chain (the number and hash of the last sealed entry)
is also written where an edit of the file does not reach it: in every filing
workbook (申报信息, row 审计链), in every restore point and backup (their info
table), and in a small list in the user's data folder, ``anchors.json``, kept
here.  ``audit verify`` checks the chain against all of them (anchor_check.py).

The list is keyed by the file's identity (identity.py) and appended when
magdesk exports a workbook, takes a restore point or a backup, restores, and
when a session that changed the file closes it; never on a save.  It is
written whole to a temporary file and renamed, kept small (the newest
``KEEP`` entries of each file, and always the newest export of each month and
the newest restores), and never stops the work in hand: a list that cannot be
read is set aside as ``anchors.corrupt-<time>.json`` (verify says so) and a
new one begun; a list that cannot be written is left as it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .db import on_server
from .identity import file_identity

LIST_NAME = "anchors.json"
SET_ASIDE = "anchors.corrupt-*.json"
KEEP = 500  # entries per file identity (besides the newest export of each month)
KEEP_RESTORES = 100
MAX_BYTES = 32 << 20  # a list of 500 entries for each of 100 files is some 12 MB
# What an anchor records (``kind``): a workbook export, a restore point, a backup,
# a restore, a session that changed the file closing it; "workbook" is one read
# from a workbook given to verify.
KINDS = ("export", "point", "backup", "restore", "closed", "workbook")


@dataclass(frozen=True)
class Anchor:
    """The chain's head (entry ``seq`` had ``hash``) as held somewhere outside
    the file, ``when``, by what (``kind``, ``detail``: the period and file of an
    export, a restore point's name, a backup's path…).  ``source`` says where
    verify found it: ``list`` (the data folder's), ``point`` (a restore point of
    the file) or ``workbook``; ``origin`` is that file."""

    identity: str
    seq: int
    hash: str
    when: datetime  # with its offset
    kind: str
    detail: str
    source: str = "list"
    origin: str = ""
    copy: str = ""  # a copy of the file holding the anchored entries (a point, a backup)
    file: str = ""  # the path of the file it was taken of, when known

    def as_dict(self) -> dict:
        return {"identity": self.identity, "seq": self.seq, "hash": self.hash,
                "when": self.when.isoformat(timespec="seconds"), "kind": self.kind,
                "detail": self.detail, "source": self.source, "origin": self.origin,
                "file": self.file}


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """The number and hash of the last entry magdesk sealed; (0, "") for a file
    without an audit trail."""
    try:
        row = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    except sqlite3.Error:
        return 0, ""
    return (row[0], row[1]) if row else (0, "")


def workbook_text(conn: sqlite3.Connection) -> str:
    """The value of the row 审计链 of a filing workbook: ``seq:hash:identity``."""
    seq, digest = head(conn)
    return f"{seq}:{digest}:{file_identity(conn)}"


def parse_text(text: str) -> tuple[int, str, str] | None:
    """(seq, hash, identity) of a 审计链 value, or None when it is not one."""
    parts = str(text or "").strip().split(":")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[1]) != 64:
        return None
    return int(parts[0]), parts[1].lower(), parts[2].lower()


def identity_of(copy: Path) -> str:
    """The identity a copy of a file (a restore point, a backup) carries; ""
    when it cannot be read."""
    try:
        conn = sqlite3.connect(f"{Path(copy).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except (sqlite3.Error, OSError):
        return ""
    try:
        return file_identity(conn)
    finally:
        conn.close()


def list_path() -> Path:
    from ..settings import data_dir  # the one place that knows the user's folders

    return data_dir() / LIST_NAME


# --- appending ----------------------------------------------------------------------------


def record(conn: sqlite3.Connection, kind: str, detail: str, *, at: tuple[int, str] | None = None,
           text: str = "", when: datetime | None = None, db_path: Path | None = None,
           copy: Path | None = None, period: str = "") -> bool:
    """Append an anchor of the file behind ``conn``: its head now, or ``at``,
    or the one a workbook's 审计链 ``text`` holds.  Never raises: the work that
    called it is done whatever happens here.  Returns whether the list was
    written."""
    try:
        identity = key(conn)
        if text:
            at = (parse_text(text) or (0, ""))[:2]
        seq, digest = at if at is not None else head(conn)
        if not identity or seq <= 0 or not digest:
            return False
        entry = {"seq": int(seq), "hash": digest, "kind": kind, "detail": str(detail),
                 "when": (when or datetime.now().astimezone()).isoformat(timespec="milliseconds"),
                 "file": str(Path(db_path).resolve()) if db_path else "",
                 "copy": str(copy) if copy else "", "period": period}
        return _append(list_path(), identity, entry)
    except Exception:  # noqa: BLE001 - an anchor is never worth a failed save or export
        return False


def _append(path: Path, identity: str, entry: dict) -> bool:
    with _locked(path):
        data = _load(path)
        entries = data["files"].setdefault(identity, [])
        if _repeats(entries, entry):
            return False
        entries.append(entry)
        data["files"][identity] = prune(entries)
        _save(path, data)
    return True


def _repeats(entries: list[dict], entry: dict) -> bool:
    """A file closed unchanged since its last anchor, or a restore point
    recorded again (the one on exit, when the newest already holds the state)."""
    if not entries:
        return False
    last = entries[-1]
    same_head = (last.get("seq"), last.get("hash")) == (entry["seq"], entry["hash"])
    if entry["kind"] == "closed":
        return same_head
    if entry["kind"] == "point":
        return same_head and any(e.get("kind") == "point" and e.get("detail") == entry["detail"]
                                 for e in entries[-20:])
    return False


def prune(entries: list[dict], keep: int = KEEP) -> list[dict]:
    """The newest ``keep`` entries, the newest export of each month and the
    newest restores (which tell verify what older anchors a restore replaced),
    in their order."""
    kept = set(range(max(0, len(entries) - keep), len(entries)))
    months: dict[str, int] = {}
    restores = []
    for n, e in enumerate(entries):
        if e.get("kind") == "export" and e.get("period"):
            months[e["period"]] = n
        elif e.get("kind") == "restore":
            restores.append(n)
    kept |= set(months.values()) | set(restores[-KEEP_RESTORES:])
    return [e for n, e in enumerate(entries) if n in kept]


# --- reading -------------------------------------------------------------------------------


def key(conn) -> str:
    """Under what the anchors of the company behind ``conn`` are listed: its
    identity, and for a server also where it is (a company copied to a
    server goes on there on a trail of its own, which the file it came
    from does not continue)."""
    identity = file_identity(conn)
    if identity and on_server(conn):
        from .postgres.connection import where

        return f"{identity}@{where(conn.url)}"
    return identity


def load(identity: str) -> tuple[list[Anchor], list[Path]]:
    """The anchors the data folder's list holds for ``identity`` (a ``key``),
    oldest first, and the lists set aside as unreadable (this one now, or
    before)."""
    path = list_path()
    anchors = []
    try:
        with _locked(path):
            data = _load(path)
    except OSError:  # the folder cannot be read or written: nothing to add
        data = {"files": {}}
    for e in data["files"].get(identity, []):
        anchor = _anchor(identity.partition("@")[0], e, path)
        if anchor is not None:
            anchors.append(anchor)
    return anchors, sorted(path.parent.glob(SET_ASIDE))


def _anchor(identity: str, e: dict, path: Path) -> Anchor | None:
    """One entry of the list, or None when it does not hold together (a list
    edited by hand: the rest still counts)."""
    try:
        when = datetime.fromisoformat(e["when"])
        if when.tzinfo is None:
            when = when.astimezone()
        return Anchor(identity, int(e["seq"]), str(e["hash"]), when, str(e["kind"]),
                      str(e.get("detail", "")), "list", str(path), str(e.get("copy") or ""),
                      str(e.get("file") or ""))
    except (KeyError, TypeError, ValueError):
        return None


def _load(path: Path) -> dict:
    """The list as a dict; a list that cannot be read is set aside (renamed)
    and an empty one begun."""
    try:
        if path.stat().st_size > MAX_BYTES:  # not a list magdesk wrote: never read whole
            return _set_aside(path)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"version": 1, "files": {}}
    except (OSError, UnicodeDecodeError):
        return _set_aside(path)
    try:
        data = json.loads(text)
    except ValueError:
        return _set_aside(path)
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict) or not all(
            isinstance(v, list) for v in data["files"].values()):
        return _set_aside(path)
    data["files"] = {k: [e for e in v if isinstance(e, dict)] for k, v in data["files"].items()}
    return data


def _set_aside(path: Path) -> dict:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(SET_ASIDE.replace("*", stamp)))
    return {"version": 1, "files": {}}


def _save(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(path: Path, wait: float = 2.0) -> Iterator[None]:
    """Hold ``anchors.json.lock`` while the list is read and rewritten, so two
    magdesk processes do not lose each other's entries; after ``wait`` seconds
    go on without it rather than hold up the work in hand."""
    from .db import _lock_file, _unlock_file  # the writer lock's OS calls

    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path.with_name(path.name + ".lock"), "a+", encoding="utf-8")  # noqa: SIM115
    held = False
    try:
        deadline = time.monotonic() + wait
        while not held:
            try:
                _lock_file(fh)
                held = True
            except OSError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
        yield
    finally:
        if held:
            with contextlib.suppress(OSError):
                _unlock_file(fh)
        fh.close()
