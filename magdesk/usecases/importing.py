"""Importing spreadsheets: preview, import, its report, the templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import load_codelists
from ..settings import Settings, load_settings
from .changes import Changes
from .validation import validate_database

if TYPE_CHECKING:
    from ..storage.db import Database

Progress = Callable[[int, int], None]


def import_file(db: Database, kind: str, path: Path, *, sheet: str | None = None,
                mapping: dict[str, str | None] | None = None, dry_run: bool = False,
                on_duplicate: str = "error", report: Path | None = None,
                settings: Settings | None = None, today: date | None = None,
                lang: str = "zh", progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None, header_row: int | None = None,
                accept_bad_bytes: bool = False):
    """Import a spreadsheet of ``kind`` (counterparties, products, purchases,
    batches, sales, exports, licences) all-or-nothing, checked by the same rules
    as entry; a restore point is taken before a real import writes.  Returns an
    ``importing.ImportResult``; raises ``importing.ImportFileError`` when the
    file, the sheet or its header cannot be used.  The wizard previews the
    header mapping with ``import_preview`` first and passes the ``mapping``
    and ``header_row`` (0-based) the clerk confirmed.  A csv with bytes not
    valid in its encoding is refused unless ``accept_bad_bytes`` (then each
    cell holding a replacement character is a warning)."""
    from ..importing import run_import
    from ..storage.snapshots import folder_for

    settings = settings or load_settings()
    # The import's restore point goes with the others: listed, rotated, restorable.
    backup_dir = folder_for(db.path, db.backup_dir)
    return run_import(
        db, kind, Path(path), codes=load_codelists(), policy=settings.control_policy(),
        validate=lambda: validate_database(db, settings=settings, today=today),
        sheet=sheet, mapping=mapping, dry_run=dry_run, on_duplicate=on_duplicate,
        report=report, backup_dir=backup_dir, lang=lang, progress=progress, cancelled=cancelled,
        header_row=header_row, accept_bad_bytes=accept_bad_bytes)


def import_preview(kind: str, path: Path, sheet: str | None = None,
                   accept_bad_bytes: bool = False):
    """A sheet read once for the import wizard (``importing.preview.Preview``):
    its header mapping, remapped as the clerk chooses, and its first rows."""
    from ..importing.preview import Preview

    return Preview(kind, Path(path), sheet, accept_bad_bytes)


def preview_rows(db: Database, preview, mapping, *, on_duplicate: str = "error",
                 settings: Settings | None = None, lang: str = "zh"):
    """The first rows of ``preview`` under ``mapping`` parsed and checked as
    the import will (``importing.preview.PreviewRows``)."""
    settings = settings or load_settings()
    return preview.rows(db, mapping, codes=load_codelists(), policy=settings.control_policy(),
                        on_duplicate=on_duplicate, lang=lang)


def write_import_report(result, path: Path, *, lang: str = "zh") -> Path:
    """The error report of an import already run (``ImportResult``): a copy
    of the sheet with the bad cells marked and a sheet listing every finding."""
    from ..importing.reader import read_source
    from ..importing.report import write_report

    # the import was run on this file, so its bad bytes (if any) were accepted
    source = read_source(result.file, result.sheet, accept_bad_bytes=True)
    return write_report(source, result, Path(path), lang)


def write_import_template(kind: str, path: Path, *, lang: str = "zh") -> Path:
    """An empty workbook with the headers an import of ``kind`` expects."""
    from ..importing.report import write_template
    from ..importing.service import kind_of

    kind_of(kind)
    return write_template(kind, Path(path), lang)


def import_changes(db: Database, result) -> Changes:
    """What an import (``ImportResult``) wrote, read right after it: its
    records and months, and the undo step that takes it back whole
    (``Changes.edit``, an ``edits.ImportEdit``; none for a dry run or an
    import that wrote nothing)."""
    from ..storage.repository import Repository
    from .edits import ImportEdit
    from .records import edit_records

    edit = ImportEdit.capture(Repository(db), result)
    if edit is None:
        return Changes()
    changes = Changes.of_records(edit_records(edit), edit)
    return replace(changes, entities=changes.entities | {edit.entity}, periods=True)
