"""The monthly filing: export a month's workbook, file it, amend it, and
the months' states."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import Settings, load_settings
from .changes import Changes

if TYPE_CHECKING:
    from ..storage.db import Database

Progress = Callable[[int, int], None]


def export_filing(db: Database, period: str, out_dir: Path, *, draft: bool = False,
                  replace: bool = False, template_id: str | None = None,
                  settings: Settings | None = None, today: date | None = None,
                  progress: Progress | None = None, at: datetime | None = None):
    """Validate ``period`` and write its filing workbook (refused on errors
    unless ``draft``), generated ``at`` (default now).  Returns a
    ``filing.export.ExportResult``."""
    from ..filing.export import export_period
    from .validation import validate_database  # the rules load when first used

    findings = validate_database(db, period=period, settings=settings, today=today)
    return export_period(db, period, out_dir, findings=findings, draft=draft, replace=replace,
                         template_id=template_id, progress=progress, now=at)


def export_target(db: Database, period: str, out_dir: Path, *, draft: bool = False) -> Path:
    """The file ``export_filing`` of ``period`` into ``out_dir`` would write."""
    from ..filing.export import target_path

    return target_path(db, period, out_dir, draft=draft)


def period_statuses(db: Database, *, today: date | None = None,
                    settings: Settings | None = None):
    from ..filing.periods import list_periods

    settings = settings or load_settings()
    return list_periods(db, today=today or date.today(), deadline_day=settings.deadline_day)


def period_status(db: Database, period: str, *, today: date | None = None,
                  settings: Settings | None = None):
    from ..filing.periods import status

    settings = settings or load_settings()
    return status(db, period, today=today or date.today(), deadline_day=settings.deadline_day)


def file_period(db: Database, period: str, filed_on: date, receipt_no: str):
    from ..filing.periods import file_period as file_

    return file_(db, period, filed_on, receipt_no)


def amend_period(db: Database, period: str, *, today: date | None = None):
    from ..filing.periods import amend_period as amend

    return amend(db, period, today=today or date.today())


def period_changed(period: str) -> Changes:
    """What exporting, filing or amending ``period`` changed: its state
    (the dashboard, the filing page, the locks of its records); no record
    and no finding."""
    return Changes(months=frozenset({period}), periods=True)
