"""The benchmark companies kept between runs, and the back end a benchmark
measures.

A demo of ten years and 10,000,000 sales takes minutes to build; it is
built once into a cache folder (``--cache``, by default
``$TMPDIR/magdesk-bench-cache``) and reused while the file is there.  The
back end is named in every figure: ``sqlite`` (the file in the cache) now;
a ``postgresql://`` URL is the same measurement through the same
``usecases.open_file`` once that opens a server, with the floors' plain
queries sent through psycopg instead of sqlite3."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "magdesk-bench-cache"


def cached_demo(cache: Path, name: str, *, sales: int, months: int,
                end_period: str | None = None) -> Path:
    """The demo file ``name`` in ``cache``: built by ``usecases.create_demo``
    when missing (progress on stderr), as it is when present."""
    from magdesk.usecases import create_demo

    path = cache / name
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 1_000_000 == 0:
            print(f"  building {name}: {done:,} of {total:,} sales, "
                  f"{time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)

    create_demo(path, sales=sales, months=months, end_period=end_period, progress=progress)
    print(f"  built {name} in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return path


@dataclass(frozen=True)
class Backend:
    """Where the company is kept: ``name`` as the figures say it, and
    ``location`` as ``usecases.open_file`` takes it (a path or a URL)."""

    name: str
    location: str

    @classmethod
    def of(cls, argument: str, file: Path) -> Backend:
        if argument == "sqlite":
            return cls("sqlite", str(file))
        if argument.startswith(("postgresql://", "postgres://")):
            return cls("postgresql", argument)
        raise SystemExit(f"--backend: sqlite or a postgresql:// URL, not {argument!r}")

    def open(self, **kwargs):
        """The company opened as the window and the CLI open it."""
        from magdesk import usecases

        return usecases.open_file(self.location, **kwargs)

    def plain(self) -> Plain:
        """A bare DB-API connection to the same rows, for the floors."""
        if self.name == "sqlite":
            conn = sqlite3.connect(f"file:{self.location}?mode=ro", uri=True)
            return Plain(conn, "?")
        import psycopg  # only for a server

        return Plain(psycopg.connect(self.location), "%s")


class Plain:
    """A bare connection; floors write ``?`` for a parameter."""

    def __init__(self, conn, marker: str):
        self.conn, self.marker = conn, marker

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.marker != "?":
            sql = sql.replace("?", self.marker)
        cursor = self.conn.cursor()
        cursor.execute(sql, params)
        return cursor.fetchall()

    def close(self) -> None:
        self.conn.close()


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def env_for_child() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env
