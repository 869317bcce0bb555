"""PostgreSQL's own client programs (``pg_dump``, ``pg_restore``, ``psql``)
found and run for the restore points: the one of the server's major version
when Debian keeps several under ``/usr/lib/postgresql/<major>/bin``, else a
newer one there (pg_dump reads older servers, never newer ones), else the one
on PATH.  The password never goes on a command line (``ps`` would show it):
it is taken out of the URL and given through ``PGPASSWORD``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from glob import glob
from pathlib import Path

from ..reasons import Reason
from .connection import ServerError, where

VERSIONED = "/usr/lib/postgresql/*/bin"  # Debian's versioned client programs
_MAJOR = re.compile(r"/postgresql/(\d+)/bin$")


def find(tool: str, major: int) -> Path:
    """The program ``tool`` for a server of ``major`` version; a
    ``ServerError`` saying where it was looked for when there is none."""
    versioned = {}
    for folder in glob(VERSIONED):
        found = _MAJOR.search(folder)
        if found and os.access(Path(folder, tool), os.X_OK):
            versioned[int(found.group(1))] = Path(folder, tool)
    fitting = sorted(v for v in versioned if v >= major)
    if fitting:
        return versioned[fitting[0]]
    on_path = shutil.which(tool)
    if on_path:
        return Path(on_path)
    raise ServerError(Reason("pg.no_tool", tool=tool, major=major,
                             places=f"PATH, {VERSIONED}"))


def without_password(url: str) -> tuple[str, dict[str, str]]:
    """``url`` as a libpq connection string without its password, and the
    environment that gives the password to the program instead."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    info = conninfo_to_dict(url)
    password = info.pop("password", None)
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**info), env


def run(command: list[str], url: str, env: dict[str, str], *, timeout: float | None = None
        ) -> None:
    """Run one client program against ``url``; a failure (an exit that is
    not 0, a program killed) is a ``ServerError`` with the program's last
    words, naming the server."""
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(Reason("pg.tool_failed", tool=Path(command[0]).name, where=where(url),
                                 error=str(exc)[:400])) from None
    if done.returncode != 0:
        words = " ".join(done.stderr.split()[-60:]) or f"exit {done.returncode}"
        password = env.get("PGPASSWORD")
        if password:
            words = words.replace(password, "***")
        raise ServerError(Reason("pg.tool_failed", tool=Path(command[0]).name, where=where(url),
                                 error=words[:400]))
