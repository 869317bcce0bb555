"""The identity of a magdesk file: a random value made with the file (schema
v5) and kept inside it, so that it survives copy, rename and move.  Restore
points are kept per identity; a restore across identities is refused unless
the clerk insists."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .migrations import IDENTITY_VERSION


@dataclass(frozen=True)
class FileIdentity:
    identity: str  # 32 hex digits; "" for a file from before v5
    uscc: str  # the company's credit code, "" when the file has no profile yet
    company: str  # the company's name

    def same_company(self, other: FileIdentity) -> bool:
        return bool(self.identity) and self.identity == other.identity


def file_identity(conn: sqlite3.Connection) -> str:
    """The identity kept in the file behind ``conn``, or "" (a file from before
    schema v5, or not a magdesk file)."""
    try:
        row = conn.execute("SELECT identity FROM magdesk_file WHERE id = 1").fetchone()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


def describe(conn: sqlite3.Connection) -> FileIdentity:
    """Identity, credit code and company name of the file behind ``conn``."""
    try:
        row = conn.execute("SELECT uscc, name FROM company WHERE id = 1").fetchone()
    except sqlite3.Error:
        row = None
    uscc, name = (row[0] or "", row[1] or "") if row else ("", "")
    return FileIdentity(file_identity(conn), uscc, name)


def of_path(path: Path) -> FileIdentity | None:
    """Identity, code and name of the file at ``path``, read from it, or
    (a damaged file, a missing one) as the index last saw it; None when
    neither can tell.  A file from before identities has the one the index
    holds for its path and company (that its migration will give it)."""
    path = Path(path)
    found, version = None, 0
    # immutable: a WAL file on a read-only drive, where no -shm can be made
    # (the index would otherwise answer for a file that can be read).
    for flags in ("mode=ro", "mode=ro&immutable=1") if path.is_file() else ():
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
            try:
                conn.execute("PRAGMA busy_timeout = 2000")
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                found = describe(conn)
            finally:
                conn.close()
            break
        except sqlite3.Error:
            found = None
    known = recall(path)
    if found is None or found.identity:
        return found or known
    if version >= IDENTITY_VERSION:  # it has an identity, yet it cannot be read: damaged
        return known
    if known is not None and known.uscc == found.uscc:  # the identity its migration gives
        return FileIdentity(known.identity, found.uscc, found.company)
    return found


# --- the index: which identity each file had when it was last opened ----------------------
#
# A damaged file cannot say who it is, so the message that recommends a restore
# point reads its identity here instead (never someone else's points).  Kept in
# the user's data folder, a small JSON file; a lost or unwritable index only
# means a damaged file's own points cannot be named.

INDEX_NAME = "identities.json"
INDEX_KEEP = 200


def _index_path() -> Path:
    from ..settings import data_dir

    return data_dir() / INDEX_NAME


def _load() -> dict:
    try:
        data = json.loads(_index_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _key(path: Path) -> str:
    return str(Path(path).resolve())


def recall(path: Path) -> FileIdentity | None:
    """The identity the index holds for ``path``, or None."""
    entry = _load().get(_key(path))
    if not isinstance(entry, dict) or not isinstance(entry.get("identity"), str):
        return None
    return FileIdentity(entry["identity"], str(entry.get("uscc", "")),
                        str(entry.get("company", "")))


def remember(path: Path, who: FileIdentity) -> None:
    """Note ``who`` for ``path`` (when the file is opened); written only when
    it changed, atomically; failures are ignored (only the index is lost)."""
    if not who.identity:
        return
    entry = {"identity": who.identity, "uscc": who.uscc, "company": who.company}
    data = _load()
    key = _key(path)
    old = data.pop(key, None)
    if isinstance(old, dict) and all(old.get(k) == v for k, v in entry.items()):
        return
    data[key] = {**entry, "seen": int(time.time())}
    if len(data) > INDEX_KEEP:  # the files seen least recently go first
        for old in sorted(data, key=lambda k: _seen_at(data[k]))[:len(data) - INDEX_KEEP]:
            del data[old]
    target = _index_path()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(tmp, target)
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def _seen_at(entry) -> int:
    seen = entry.get("seen", 0) if isinstance(entry, dict) else 0
    return seen if isinstance(seen, int) else 0
