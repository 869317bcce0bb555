"""The one rule for the months (``YYYY-MM``) a record touches.

A filed month is locked: a record touching it cannot be added, changed or
deleted.  The storage locks (the repository's insert checks and the SQL
triggers of ``storage/migrations.py``), the window's read-only decision, the
use cases and the undo of an import all ask this module, so they cannot
disagree.  A test holds the triggers' SQL to the same rule.

- purchase, sale, stock adjustment: the month of its date;
- export line: the month of its declaration date;
- production batch: its start month and its end month (the inputs are
  consumed when it starts, the output enters stock when it ends);
- batch input line: its batch's months;
- counterparty, product, licence, company: none (they are not filed by month).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

# entity -> the date fields whose months the record touches
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "purchase": ("date",),
    "sale": ("date",),
    "adjustment": ("date",),
    "export": ("decl_date",),
    "batch": ("start_date", "end_date"),
}


def month_of(day: date) -> str:
    """``YYYY-MM`` of a date."""
    return f"{day.year}-{day.month:02d}"


def months_of(entity: str, record, batch: Callable[[int], object | None] | None = None
              ) -> list[str]:
    """The months ``record`` (of ``entity``) touches, first month first, each
    once.  A batch input line needs ``batch(id)`` to find its batch (none
    without it, or when the batch is unknown)."""
    if entity == "batch_input":
        parent = batch(record.batch_id) if batch is not None else None
        return months_of("batch", parent) if parent is not None else []
    out: list[str] = []
    for name in DATE_FIELDS.get(entity, ()):
        day = getattr(record, name, None)
        if isinstance(day, date):
            month = month_of(day)
            if month not in out:
                out.append(month)
    return out


def locked_months(entity: str, record, locked: set[str] | frozenset[str],
                  batch: Callable[[int], object | None] | None = None) -> list[str]:
    """The filed (locked) months among those ``record`` touches."""
    if not locked:
        return []
    return [m for m in months_of(entity, record, batch) if m in locked]
