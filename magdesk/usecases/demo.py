"""A demo producer written into a new file (the builder: ``demo_build``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..storage.db import StorageError, open_database
from ..storage.reasons import Reason

Progress = Callable[[int, int], None]


def create_demo(path: Path, *, sales: int = 2400, seed: int = 1, end_period: str | None = None,
                months: int = 12,
                replace: bool = False, progress: Progress | None = None) -> dict[str, int]:
    """Write a demo producer into a new file at ``path``.  It is built in a
    file of its own beside ``path`` and moved there only when complete: a
    failed or cancelled build (``progress`` raising) leaves no file behind,
    and a replaced file is kept until then."""
    import os
    import uuid

    from .demo_build import build_demo

    path = Path(path)
    if path.is_dir():
        raise StorageError(Reason("path_is_folder", path=path))
    if path.exists() and not replace:
        raise StorageError(Reason("demo_exists", path=path))
    work = path.with_name(f".{path.stem}-{uuid.uuid4().hex[:8]}.part{path.suffix}")
    try:
        # Generated data: one summarising audit entry instead of one per row.
        with open_database(work, create=True) as db, db.unlogged(), \
                db.bulk("demo producer", references_at_commit=True):
            counts = build_demo(db, sales=sales, seed=seed, end_period=end_period,
                                months=months, progress=progress)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(work, path)
    except Exception as exc:
        failed = _demo_failed(path, exc)
        if failed is exc:
            raise
        raise failed from exc
    finally:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    return counts


def _demo_failed(path: Path, exc: BaseException) -> BaseException:
    """Why the demo at ``path`` was not written, naming ``path`` (not the
    working file beside it); an error it cannot explain is passed on as is."""
    from ..storage import safety
    from ..storage.failures import path_problem

    if not isinstance(exc, StorageError | OSError) and type(exc).__module__ != "sqlite3":
        return exc  # a cancelled build, or a fault of magdesk's own
    if safety.disk_full(path, exc):
        return StorageError(Reason("demo_disk_full", path=path))
    if isinstance(exc, OSError) and exc.errno:
        return StorageError(Reason("demo_not_written", path=path, error=path_problem(exc)))
    return exc
