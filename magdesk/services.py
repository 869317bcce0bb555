"""Use cases shared by the GUI and the CLI.  Each takes an open Database (or a
path) and returns plain data: findings, counts, reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .core.findings import Finding
from .core.validation import Dataset, validate
from .resources import load_codelists
from .settings import Settings, load_settings
from .storage.db import Database, StorageError, open_database
from .storage.migrations import LATEST
from .storage.repository import Repository  # noqa: F401 (re-exported for callers)

Progress = Callable[[int, int], None]


def load_dataset(repo: Repository) -> Dataset:
    """Everything validation needs, with the large tables streamed."""
    return Dataset(
        company=repo.company(),
        counterparties=repo.all_by_id("counterparty"),
        products=repo.all_by_id("product"),
        purchases=repo.all_by_id("purchase"),
        batches=repo.all_by_id("batch"),
        licences=repo.all_by_id("licence"),
        inputs=lambda: repo.iter("batch_input"),
        # A second connection cannot see a transaction in progress (an import
        # being checked before commit): stream only outside one.
        sales=lambda: (repo.iter if repo.conn.in_transaction else repo.stream)(
            "sale", order="date, id"),
        exports=list(repo.iter("export")),
        adjustments=list(repo.iter("adjustment")),
        movements=lambda: repo.movements(with_sales=False),
        last_period=repo.last_period(),
        accepted=repo.accepted(),
    )


def validate_database(db: Database, *, period: str | None = None,
                      settings: Settings | None = None, today: date | None = None,
                      progress: Progress | None = None) -> list[Finding]:
    """Every finding of the database (of one period when ``period`` is given)."""
    settings = settings or load_settings()
    ds = load_dataset(Repository(db))
    return validate(ds, load_codelists(), today=today or date.today(),
                    policy=settings.control_policy(), period=period, progress=progress)


@dataclass(frozen=True)
class CheckReport:
    integrity: str
    foreign_key_violations: int
    schema_version: int
    latest_schema: int
    read_only: str
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.foreign_key_violations == 0


def check_database(db: Database) -> CheckReport:
    """SQLite's integrity and foreign-key checks, the schema version, row counts."""
    integrity, violations, counts = db.health()
    return CheckReport(integrity, violations, db.schema_version, LATEST, db.read_only_reason,
                       counts)


def create_demo(path: Path, *, sales: int = 2400, seed: int = 1, end_period: str | None = None,
                replace: bool = False, progress: Progress | None = None) -> dict[str, int]:
    """Write a demo producer into a new file at ``path``."""
    from .demo import build_demo

    path = Path(path)
    if path.exists():
        if not replace:
            raise StorageError(f"{path} already exists; choose another file or replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    with open_database(path, create=True) as db:
        return build_demo(db, sales=sales, seed=seed, end_period=end_period, progress=progress)


def accept_warning(db: Database, entity: str, record: str, code: str, reason: str) -> None:
    """Record that the clerk accepts a warning (e.g. a pilot credit code whose
    check digit fails) with a reason; validation then leaves it out."""
    from .core.findings import Severity
    from .core.messages import CATALOG

    if code not in CATALOG:
        raise ValueError(f"unknown finding code: {code}")
    if CATALOG[code][0] is not Severity.WARNING:
        raise ValueError(f"{code} is an error and cannot be accepted; correct the record")
    if len(reason.strip()) < 4:
        raise ValueError("give a reason of at least 4 characters")
    Repository(db).accept_finding(entity, record, code, reason.strip())
