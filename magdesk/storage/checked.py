"""Files already checked: opening a file runs SQLite's quick_check and the
foreign-key check (seconds for a million sales, most of it reading the whole
file), unless the file is exactly as it was when such a check last passed.

"Exactly as it was" is the file's identity as the file system keeps it:
device, inode, size, modification and status-change times in nanoseconds,
and the same of its -wal (an empty or missing -wal counts as none).  Any
write to the file or its log, a copy, a restore or a rename changes one of
them.  Two guards more:

* a file changed less than ``SETTLE_SECONDS`` before it was checked is not
  vouched for (a later write within the same tick of a coarse clock, say
  FAT's two seconds, could leave the times as they were: git's "racily
  clean" entries);
* a check older than ``MAX_AGE_SECONDS`` is run again, for damage a disk
  does without any write.

The identities live in ``<data folder>/checked.json`` (the newest
``KEEP`` files); a lost or unreadable list only means a check runs again.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

SETTLE_SECONDS = 3.0
MAX_AGE_SECONDS = 7 * 24 * 3600
KEEP = 32

Identity = tuple  # (dev, ino, size, mtime_ns, ctime_ns, wal (size, mtime_ns) or None)


def identity(path: Path) -> Identity | None:
    """The file's identity now (None when it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        log = [wal.st_size, wal.st_mtime_ns] if wal.st_size else None
    except OSError:
        log = None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, log)


def vouched(path: Path, ident: Identity | None) -> bool:
    """Whether a check passed on ``path`` as it is (``ident``, read before
    SQLite opened it), settled, within MAX_AGE_SECONDS."""
    if ident is None:
        return False
    entry = _load().get(_key(path))
    if not isinstance(entry, dict) or entry.get("identity") != list(ident):
        return False
    checked_at = entry.get("checked_at", 0)
    if not isinstance(checked_at, (int, float)) or time.time() - checked_at > MAX_AGE_SECONDS:
        return False
    return checked_at - _last_change(ident) >= SETTLE_SECONDS


def remember(path: Path, ident: Identity | None, checked_at: float) -> None:
    """A check that began at ``checked_at`` passed on ``path`` as ``ident``."""
    if ident is None:
        return
    entries = _load()
    entries.pop(_key(path), None)
    entries[_key(path)] = {"identity": list(ident), "checked_at": checked_at}
    _save(dict(list(entries.items())[-KEEP:]))


def forget(path: Path) -> None:
    entries = _load()
    if entries.pop(_key(path), None) is not None:
        _save(entries)


def _last_change(ident: Identity) -> float:
    times = [ident[3], ident[4]] + ([ident[5][1]] if ident[5] else [])
    return max(times) / 1e9


def _key(path: Path) -> str:
    return str(Path(path).resolve())


def _store() -> Path:
    from ..settings import data_dir  # the one place that knows the user's folders

    return data_dir() / "checked.json"


def _load() -> dict:
    try:
        data = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(entries: dict) -> None:
    store = _store()
    tmp = store.with_name(f".{store.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):  # not kept: the next open checks again
        store.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(entries, indent=1), encoding="utf-8")
        os.replace(tmp, store)
    tmp.unlink(missing_ok=True)
