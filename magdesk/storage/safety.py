"""Small checks around opening and writing a file, kept out of db.py: whether
the file can be written at all, what an SQLite write error means for the
user, and the lease a writer keeps in the lock file for other computers."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

from .reasons import Reason

LEASE_SECONDS = 180  # a writer on another computer is presumed gone after this
HEARTBEAT_SECONDS = 30


def os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) or no login name
        return os.environ.get("USER") or os.environ.get("USERNAME") or f"uid {os.getuid()}"


def read_only_reason(path: Path) -> str:
    """Why ``path`` cannot be written (empty when it can).  Honours the
    read-only mark even for an administrator, who could write anyway."""
    try:
        st = path.stat()
    except OSError:
        return ""
    if not st.st_mode & 0o222:
        return Reason("marked_read_only", name=path.name)
    if hasattr(os, "statvfs"):
        try:
            if os.statvfs(path).f_flag & os.ST_RDONLY:
                return Reason("drive_read_only", name=path.name)
        except OSError:
            pass
    if not os.access(path, os.W_OK):
        return Reason("no_permission", name=path.name)
    if not os.access(path.parent, os.W_OK):
        return Reason("folder_read_only", name=path.name)
    return ""


def write_error_kind(exc: sqlite3.Error) -> str:
    """``full``, ``read_only``, ``gone``, ``damaged`` or '' for an SQLite error
    raised by a write (``sqlite_errorname`` where Python gives it)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "full"
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "read_only"
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return "damaged"
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_NOTADB")) \
            or "disk i/o error" in text or "unable to open" in text:
        return "gone"
    return ""


def disk_full(path: Path, exc: BaseException | None = None) -> bool:
    """True when ``exc`` (an SQLite or OS error) came of a full disk, or the
    disk holding ``path`` has almost nothing free: SQLite reports a full disk
    met while mapping its -shm file as a mere "disk I/O error"."""
    import errno
    import shutil

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(exc, sqlite3.Error) and write_error_kind(exc) == "full":
        return True
    folder = Path(path).parent
    try:
        return shutil.disk_usage(folder if folder.exists() else ".").free < FULL_BELOW
    except OSError:
        return False


FULL_BELOW = 1 << 20  # bytes free under which a disk counts as full


# --- the lease in the lock file ----------------------------------------------------------
#
# The OS lock on <db>.lock keeps a second writer out on this computer.  Over a
# shared folder some file systems do not pass that lock on to other computers,
# so the writer also writes who it is and a heartbeat into the lock file; an
# opener on another computer that finds a heartbeat younger than LEASE_SECONDS
# opens the file read-only even though it got the OS lock.


def host_name() -> str:
    """This computer's name (as socket.gethostname(), without loading socket)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


UNKNOWN_HOLDER = "another magdesk (process unknown)"  # a lock held, its lease unreadable


def holder_line() -> str:
    from datetime import datetime

    return (f"{os_user()}@{host_name()} pid {os.getpid()} "
            f"since {datetime.now().isoformat(timespec='seconds')}")


def lease_text(holder: str) -> str:
    return f"{holder}\nhost {host_name()}\nheartbeat {time.time():.0f}\n"


def live_foreign_lease(text: str) -> bool:
    """True when ``text`` (the lock file) names a writer on another computer
    whose heartbeat is recent."""
    fields = dict(line.split(" ", 1) for line in text.splitlines()[1:] if " " in line)
    host, beat = fields.get("host", ""), fields.get("heartbeat", "")
    if not host or host == host_name():
        return False
    try:
        return abs(time.time() - float(beat)) < LEASE_SECONDS
    except ValueError:
        return False


class Heartbeat:
    """Rewrites the lease in an open lock file every HEARTBEAT_SECONDS."""

    def __init__(self, fh, holder: str):
        self._fh = fh
        self._holder = holder
        self._stop = threading.Event()
        self._guard = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="magdesk-lease", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with self._guard:
                if self._stop.is_set():
                    return
                try:
                    write_lease(self._fh, self._holder)
                except (OSError, ValueError):  # the drive went away: the writes will say so
                    pass

    def stop(self) -> None:
        with self._guard:
            self._stop.set()


def write_lease(fh, holder: str) -> None:
    fh.seek(0)
    fh.truncate()
    fh.write(lease_text(holder))
    fh.flush()
