"""End-user screening: the restricted-party lists kept in the file (imported
and updated by the clerk), the end-use rules shipped as data, and the
screening of every consignee and end user (core/screening.py).  Validation,
the forms and the import screen through ``screen_for``; the CLI's ``screen``
and the window's export page read the lists here."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import load_codelists
from .changes import Changes

if TYPE_CHECKING:
    from ..storage.db import Database

_CACHE: dict[tuple, object] = {}
_LOCK = threading.Lock()


def screen_for(db: Database):
    """The file's restricted-party lists and the shipped end-use rules, as a
    ``core.screening.Screen``, built once per state of the lists."""
    from ..core.screening import Screen
    from ..resources import load_codelists
    from ..storage.screening_store import ScreeningStore

    mark = (str(db.path), *ScreeningStore(db).mark())
    with _LOCK:
        screen = _CACHE.get(mark)
        if screen is None:
            screen = Screen(ScreeningStore(db).parties(), load_codelists().screening_rules)
            _CACHE.clear()  # one file's lists at a time
            _CACHE[mark] = screen
    return screen


def screening_lists(db: Database) -> list:
    """The lists kept in the file (storage.screening_store.ListInfo)."""
    from ..storage.screening_store import ScreeningStore

    return ScreeningStore(db).lists()


def import_screening_list(db: Database, path: Path, list_name: str | None = None) -> Changes:
    """Read a restricted-party list (xlsx, xls, csv: name, other names,
    country, list, date listed, source) and put it in place of the lists it
    names (``list_name`` for rows without one: the file's name).  Refused
    whole with the row and column named when a row is wrong.  What changed is
    every counterparty's and export line's screening."""
    from ..importing.reader import ImportFileError
    from ..importing.screening_list import ScreeningListError, read_screening_list
    from ..storage.db import StorageError
    from ..storage.screening_store import ScreeningStore

    try:
        parties = read_screening_list(Path(path), list_name or Path(path).stem,
                                      load_codelists())
        ScreeningStore(db).replace_lists(parties, f"screening list {Path(path).name}")
    except (StorageError, ImportFileError, ScreeningListError) as exc:
        return Changes(failure=exc)
    return Changes(findings=True, screening=True)


@dataclass(frozen=True)
class Screened:
    """A name screened: where it stands, and the finding it gives."""

    entity: str
    record: str
    field: str
    name: str
    finding: object  # core.findings.Finding


def screen_all(db: Database) -> list[Screened]:
    """Every customer and consignee name and every export line's end user
    (and its end use against the rules) screened now."""
    from datetime import date

    from ..core import rules_records as R
    from ..resources import load_codelists
    from ..storage.repository import Repository

    repo = Repository(db)
    ctx = R.Context(load_codelists(), date.today(), counterparties=repo.all_by_id("counterparty"),
                    screen=screen_for(db))
    out = []
    for cp in ctx.counterparties.values():
        if cp.role == "SUPPLIER":
            continue
        for name_field in ("name_cn", "name_en"):
            for f in R.screen_name("counterparty", cp.name_cn, name_field,
                                   getattr(cp, name_field), ctx):
                out.append(Screened("counterparty", cp.name_cn, name_field,
                                    getattr(cp, name_field), f))
    for x in repo.iter("export"):
        for f in R.screen_name("export", x.key, "end_user", x.end_user, ctx) + \
                R.screen_end_use(x, ctx):
            out.append(Screened("export", x.key, f.field, x.end_user, f))
    return out
