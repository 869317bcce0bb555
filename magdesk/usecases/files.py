"""Files: the health check of a file and the repair of its schema, and why
a file could not be written or read, in the clerk's words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import Settings
from ..storage.migrations import LATEST

if TYPE_CHECKING:
    from ..storage.db import Database
    from ..storage.schema import SchemaDiff


def db_target(value: str) -> Path | str:
    """What ``--db`` names: a server's ``postgresql://`` URL as given, else
    a file's path."""
    from ..storage.postgres.connection import is_url

    return value if is_url(value) else Path(value)


def open_file(path, *, cancelled=None, check: bool = True) -> Database:
    """Open a company file for the window or the CLI: the writer lease, the
    schema comparison before anything is written, the integrity checks (once
    per state of the file; ``cancelled`` stops them), migration after a
    restore point.  A file another magdesk writes, or that holds objects
    that are not magdesk's, comes back read-only with the reason.  A
    ``postgresql://`` URL opens the company on that server (many clerks
    write there at once; the server keeps the rules)."""
    from ..storage.postgres.connection import is_url

    if is_url(path):
        from ..storage.postgres.server import open_server

        return open_server(str(path))
    from ..storage.db import open_database

    return open_database(path, cancelled=cancelled, check=check)


@dataclass(frozen=True)
class CheckReport:
    integrity: str
    foreign_key_violations: int
    schema_version: int
    latest_schema: int
    read_only: str
    counts: dict[str, int]
    schema: SchemaDiff | None = None  # the file's schema objects against its version's
    movement_totals: int = 0  # monthly movement totals that differ from their rows

    @property
    def ok(self) -> bool:
        return (self.integrity == "ok" and self.foreign_key_violations == 0
                and (self.schema is None or self.schema.ok) and not self.movement_totals)


def check_database(db: Database) -> CheckReport:
    """SQLite's integrity and foreign-key checks, the schema version, the
    schema objects magdesk did not define or that are missing, row counts,
    and the monthly movement totals against their rows (from schema v12)."""
    from ..storage import totals
    from ..storage.schema import compare

    integrity, violations, counts = db.health()
    wrong = len(totals.mismatches(db.conn)) if totals.TABLE in counts else 0
    return CheckReport(integrity, violations, db.schema_version, LATEST, db.read_only_reason,
                       counts, compare(db.conn), wrong)


def repair_schema(path: Path, *, settings: Settings | None = None):
    """Drop the schema objects magdesk did not define from the file at
    ``path`` and make the missing ones again, after a restore point of the
    file as found, recorded in its audit trail (a ``repair.RepairResult``;
    RepairRefused when a table cannot be mended without its rows).  The
    file must not be open for writing; open it afterwards as usual.  A
    server is not repaired by a client: ``check`` names what differs there,
    for its administrator."""
    from ..storage.postgres.connection import is_url

    if is_url(path):
        from ..storage.db import StorageError
        from ..storage.reasons import Reason

        raise StorageError(Reason("pg.file_only", instead="magdesk-cli check --db URL"))
    from ..storage import repair, safety
    from ..storage.db import _settings

    root = Path(settings.backup_dir) if settings and settings.backup_dir else None
    clerk, backup_dir, keep = _settings(settings.clerk_name if settings else None, root,
                                        settings.snapshots_keep if settings else None)
    return repair.repair_file(Path(path), backup_dir=backup_dir, keep=keep, clerk=clerk,
                              os_user=safety.os_user())


def repair_plan(db: Database):
    """What a repair of ``db`` would drop and make again (a
    ``storage.repair`` plan; reading only: nothing of the file runs)."""
    from ..storage import repair

    return repair.plan(db.conn)


def repair_refusal(plan, path: Path):
    """Why a ``plan`` cannot be carried out (its ``message(lang)``)."""
    from ..storage import repair

    return repair.refusal(plan, path)


def failure_words(exc: BaseException, lang: str, path: Path | None = None) -> str:
    """Why something failed, in ``lang``: a refusal carrying a code (its own
    ``message``), or an OSError as the path problem it is (naming ``path``
    when given: the file the clerk chose, not a temporary name)."""
    from ..storage.failures import path_problem
    from ..storage.reasons import said

    if isinstance(exc, OSError) and exc.errno:
        return path_problem(exc, path).message(lang)
    return said(exc, lang)
