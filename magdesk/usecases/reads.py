"""Read models for the window: what it shows and looks up, never a write.

The window reads records through ``records(db)``, typed as ``RecordReader``
(the reading half of the repository), and the months, the heading and the
filing states through the functions here.  Every write goes through the
other use-case modules; import-linter keeps ``magdesk.gui`` away from the
storage modules that write (pyproject.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from ..storage.filing_store import FilingStore, Heading

if TYPE_CHECKING:
    from ..storage.db import Database



def __getattr__(name: str):
    # The repository's lookups, loaded when first used: the window starts
    # without the repository (tests/gui/test_speed.py).
    if name in ("TABLES", "find_id", "key_of", "keys_like", "key_entries"):
        from ..storage import repository

        return getattr(repository, name)
    if name == "lots_left":  # a batch's input lots with stock left, newest first
        from ..storage import suggest

        return suggest.lots_left
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class RecordReader(Protocol):
    """The reads of ``storage.repository.Repository`` the window uses."""

    db: Database

    def get(self, entity: str, record_id: int): ...
    def find(self, entity: str, key: str): ...
    def iter(self, entity: str, order: str = "id", where: str = "", params: tuple = (),
             raw: bool = False) -> Iterator: ...
    def count(self, entity: str) -> int: ...
    def company(self): ...
    def accepted(self) -> set[tuple[str, str, str]]: ...
    def last_period(self) -> str | None: ...


def records(db: Database) -> RecordReader:
    """The file's records, to read."""
    from ..storage.repository import Repository

    return Repository(db)


def key_field(entity: str) -> str:
    """The business key's field of ``entity`` (doc_no, code, credit code…)."""
    from ..storage.repository import TABLES

    return TABLES[entity].key


def accepted(db: Database) -> set[tuple[str, str, str]]:
    """The warnings accepted: (entity, record, code)."""
    return records(db).accepted()


def heading(db: Database) -> Heading | None:
    """The own company's name and credit code (None before a profile)."""
    return FilingStore(db).heading()


def months_with_data(db: Database) -> list[str]:
    """The months that have records or a filing state, in order."""
    return FilingStore(db).months_with_data()


def size_hint(db: Database) -> int:
    """About how many sales the file holds (cheap)."""
    return FilingStore(db).size_hint()


def month_state(db: Database, period: str) -> str:
    """OPEN, EXPORTED, FILED or AMENDED."""
    return FilingStore(db).period(period)["state"]


def filed_periods(db: Database) -> list[str]:
    """The months filed (and so locked)."""
    return FilingStore(db).filed_periods()


def inventory_rows(db: Database, period: str) -> list[dict]:
    """The monthly inventory of ``period`` as the filing has it."""
    from ..filing.sources import source_rows

    return list(source_rows(FilingStore(db), "inventory", period))


def has_snapshots(db: Database) -> bool:
    """Whether the file has restore points to offer."""
    from ..storage.snapshots import has_snapshots as any_points

    return any_points(db.path, db.backup_dir)
