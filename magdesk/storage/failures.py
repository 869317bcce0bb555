"""What went wrong, said to the clerk: an ``OSError`` on a path in words
(zh/en, naming the path), and anything unforeseen written with its traceback
to a log in the user's data folder, so that no traceback reaches a clerk."""

from __future__ import annotations

import errno
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from .. import text
from .reasons import Reason

_BY_ERRNO = {
    errno.ENOSPC: "path_full", errno.EDQUOT: "path_full", errno.EFBIG: "path_too_big",
    errno.EISDIR: "path_is_folder", errno.ENOTDIR: "path_not_folder",
    errno.ENOENT: "path_missing", errno.EACCES: "path_denied", errno.EPERM: "path_denied",
    errno.EROFS: "path_read_only", errno.EEXIST: "path_exists",
}


def path_problem(exc: OSError, path: str | os.PathLike | None = None) -> Reason:
    """``exc`` as a Reason naming the path it concerns: ``path`` when given,
    else the destination of a rename (``filename2``) or the file it names."""
    where = path if path is not None else (exc.filename2 or exc.filename or "")
    code = _BY_ERRNO.get(exc.errno, "path_error")
    if code == "path_exists" and where and Path(os.fsdecode(where)).is_file():
        code = "path_not_folder"  # a folder was to be made there (mkdir of a path through it)
    return Reason(code, path=os.fsdecode(where) if where else "?",
                  error=exc.strerror or exc.__class__.__name__)


CRASHED = 70  # EX_SOFTWARE: an unforeseen failure, its traceback in a log file


def explain(command: str, exc: Exception, lang: str) -> tuple[str, int]:
    """``exc``, met while running ``command``, as one line in ``lang`` and an
    exit code: a storage refusal or an OS error on a path in words (1);
    anything else logged with its traceback, the line naming the log (CRASHED)."""
    from .db import StorageError
    from .reasons import said

    if isinstance(exc, StorageError):
        return exc.message(lang), 1
    if isinstance(exc, OSError) and exc.errno is not None:
        return said(path_problem(exc), lang), 1
    log = write_crash_log(command, exc)
    error = f"{type(exc).__name__}: {exc}"[:300]
    code = "failure.logged" if log is not None else "failure.unlogged"
    return text.say(code, lang, command=command, error=error, log=log), CRASHED


def log_folder() -> Path:
    from ..settings import data_dir

    return data_dir() / "logs"


def write_crash_log(where: str, exc: BaseException) -> Path | None:
    """Write ``exc``'s traceback, with what was being done (``where``), to a
    new log file; its path, or None when even that cannot be written."""
    from .. import __version__

    now = datetime.now()
    text = (f"magdesk {__version__}, {now.isoformat(timespec='seconds')}\n"
            f"while: {where}\npython {sys.version.split()[0]} on {sys.platform}\n\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path


def quiet_stdout() -> None:
    """After a broken pipe (``magdesk-cli … | head``): point stdout at the
    null device so that the interpreter's last flush does not complain (the
    recipe of the Python docs, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout: nothing to quiet
        pass
