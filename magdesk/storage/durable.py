"""Writing files so that a crash cannot leave half of one under its real
name: syncing a file and the folder that names it, and telling whether the
process that left a temporary file is still running.  The few lines that
differ on Windows are here, once (tests/windows runs them there)."""

from __future__ import annotations

import os
from pathlib import Path


def fsync(path: Path) -> None:
    """Push ``path``'s bytes to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Push ``folder``'s entries (a rename into it) to the disk."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder; NTFS logs renames
        return
    fsync(folder)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` may still be running (True when unsure: a
    temporary file is then left to the age rule of its caller)."""
    if os.name == "nt":  # pragma: no cover - no signal 0 on Windows: the age rule decides
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
