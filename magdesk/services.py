"""Use cases shared by the GUI and the CLI.  Each takes an open Database (or a
path) and returns plain data: findings, counts, reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .resources import load_codelists
from .settings import Settings, load_settings
from .storage.db import Database, StorageError, open_database
from .storage.migrations import LATEST
from .storage.reasons import Reason

if TYPE_CHECKING:
    from .core.findings import Finding
    from .core.model import Company
    from .core.validation import Dataset
    from .storage.repository import Repository
    from .storage.schema import SchemaDiff

Progress = Callable[[int, int], None]

# Re-exported from datasafety (restore points, backups, the audit trail), and
# like the rules of validation loaded when first used: the window starts
# without them.
_DATASAFETY = ("audit_log", "backup_to", "close_database", "delete_records", "find_snapshot",
               "foreign_snapshots", "list_snapshots", "record_history", "restore_file", "restore_snapshot",
               "take_snapshot", "verify_audit")


def __getattr__(name: str):
    if name == "Repository":  # re-exported for callers
        from .storage.repository import Repository

        return Repository
    if name in _DATASAFETY:
        from . import datasafety

        return getattr(datasafety, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_DATASAFETY, "Repository"])


def load_dataset(repo: Repository) -> Dataset:
    """Everything validation needs, with the large tables streamed."""
    from .core.validation import Dataset

    # the sales, the batch inputs and the stock movements are summed by
    # SQLite in threads of their own meanwhile: started first
    sale_summary = repo.sale_summary_later()
    input_sums = repo.input_sums_later()
    movements = repo.movements_later()
    return Dataset(
        company=repo.company(),
        counterparties=repo.all_by_id("counterparty"),
        products=repo.all_by_id("product"),
        purchases=repo.all_by_id("purchase"),
        batches=repo.all_by_id("batch"),
        licences=repo.all_by_id("licence"),
        inputs=lambda: repo.iter("batch_input", raw=True),
        input_sums=input_sums,
        sale_summary=sale_summary,
        exports=list(repo.iter("export")),
        adjustments=list(repo.iter("adjustment")),
        movements=movements,
        last_period=repo.last_period(),
        accepted=repo.accepted(),
    )


def validate_database(db: Database, *, period: str | None = None,
                      settings: Settings | None = None, today: date | None = None,
                      progress: Progress | None = None) -> list[Finding]:
    """Every finding of the database (of one period when ``period`` is given)."""
    settings = settings or load_settings()
    from .core.validation import validate
    from .storage.repository import Repository

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
    schema: SchemaDiff | None = None  # the file's schema objects against its version's

    @property
    def ok(self) -> bool:
        return (self.integrity == "ok" and self.foreign_key_violations == 0
                and (self.schema is None or self.schema.ok))


def check_database(db: Database) -> CheckReport:
    """SQLite's integrity and foreign-key checks, the schema version, the
    schema objects magdesk did not define or that are missing, row counts."""
    from .storage.schema import compare

    integrity, violations, counts = db.health()
    return CheckReport(integrity, violations, db.schema_version, LATEST, db.read_only_reason,
                       counts, compare(db.conn))


def repair_schema(path: Path, *, settings: Settings | None = None):
    """Drop the schema objects magdesk did not define from the file at
    ``path`` and make the missing ones again, after a restore point of the
    file as found, recorded in its audit trail (a ``repair.RepairResult``;
    RepairRefused when a table cannot be mended without its rows).  The
    file must not be open for writing; open it afterwards as usual."""
    from .storage import repair, safety
    from .storage.db import _settings

    root = Path(settings.backup_dir) if settings and settings.backup_dir else None
    clerk, backup_dir, keep = _settings(settings.clerk_name if settings else None, root,
                                        settings.snapshots_keep if settings else None)
    return repair.repair_file(Path(path), backup_dir=backup_dir, keep=keep, clerk=clerk,
                              os_user=safety.os_user())


def create_demo(path: Path, *, sales: int = 2400, seed: int = 1, end_period: str | None = None,
                months: int = 12,
                replace: bool = False, progress: Progress | None = None) -> dict[str, int]:
    """Write a demo producer into a new file at ``path``.  It is built in a
    file of its own beside ``path`` and moved there only when complete: a
    failed or cancelled build (``progress`` raising) leaves no file behind,
    and a replaced file is kept until then."""
    import os
    import uuid

    from .demo import build_demo

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


def accept_warning(db: Database, entity: str, record: str, code: str, reason: str) -> None:
    """Record that the clerk accepts a warning (e.g. a pilot credit code whose
    check digit fails) with a reason; validation then leaves it out."""
    from .core.findings import Severity
    from .core.messages import CATALOG
    from .storage.repository import Repository

    if code not in CATALOG:
        raise ValueError(Reason("records.unknown_code", code=code))
    if CATALOG[code][0] is not Severity.WARNING:
        raise ValueError(Reason("records.not_a_warning", code=code))
    if len(reason.strip()) < 4:
        raise ValueError(Reason("records.reason_short"))
    Repository(db).accept_finding(entity, record, code, reason.strip())


# --- the own company ------------------------------------------------------------------


def check_company(company: Company) -> list[Finding]:
    """The own company's findings: its field specs and its credit code."""
    from .core.rules_records import Context
    from .core.rules_records import check_company as rule

    return rule(company, Context(load_codelists(), date.today()))


def save_company(db: Database, company: Company, accept_reason: str = "") -> list[Finding]:
    """Write the own company's profile, the heading of the window and of every
    filing.  Nothing is written while it has an error, or a warning (a credit
    code whose check digit fails, as early pilot codes do) without an
    ``accept_reason``; with one, the warnings are accepted in the same
    transaction.  Returns what stopped it: empty when saved."""
    from .storage.repository import Repository

    found = check_company(company)
    if any(f.is_error for f in found) or (found and len(accept_reason.strip()) < 4):
        return found
    repo = Repository(db)
    with db.write():
        repo.set_company(company)
        for f in found:
            repo.accept_finding(f.entity, f.record, f.code, accept_reason.strip())
    return []


def create_database(path: Path, company: Company, accept_reason: str = "") -> list[Finding]:
    """A new magdesk file at ``path`` headed by ``company`` (the first start).
    Nothing is created while the company has a finding ``save_company``
    refuses (they are returned); an existing file is never touched, and a file
    that could not be completed is removed."""
    path = Path(path)
    found = check_company(company)
    if any(f.is_error for f in found) or (found and len(accept_reason.strip()) < 4):
        return found
    if path.exists():
        raise StorageError(Reason("company_file_exists", path=path))
    db = open_database(path, create=True)
    try:
        save_company(db, company, accept_reason)
    except BaseException:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    db.close()
    return []


# --- the monthly filing ------------------------------------------------------------


def _demo_failed(path: Path, exc: BaseException) -> BaseException:
    """Why the demo at ``path`` was not written, naming ``path`` (not the
    working file beside it); an error it cannot explain is passed on as is."""
    from .failures import path_problem
    from .storage import safety

    if not isinstance(exc, StorageError | OSError) and type(exc).__module__ != "sqlite3":
        return exc  # a cancelled build, or a fault of magdesk's own
    if safety.disk_full(path, exc):
        return StorageError(Reason("demo_disk_full", path=path))
    if isinstance(exc, OSError) and exc.errno:
        return StorageError(Reason("demo_not_written", path=path, error=path_problem(exc)))
    return exc


def export_filing(db: Database, period: str, out_dir: Path, *, draft: bool = False,
                  replace: bool = False, template_id: str | None = None,
                  settings: Settings | None = None, today: date | None = None,
                  progress: Progress | None = None):
    """Validate ``period`` and write its filing workbook (refused on errors
    unless ``draft``).  Returns a ``filing.export.ExportResult``."""
    from .filing.export import export_period

    findings = validate_database(db, period=period, settings=settings, today=today)
    return export_period(db, period, out_dir, findings=findings, draft=draft, replace=replace,
                         template_id=template_id, progress=progress)


def export_target(db: Database, period: str, out_dir: Path, *, draft: bool = False) -> Path:
    """The file ``export_filing`` of ``period`` into ``out_dir`` would write."""
    from .filing.export import target_path

    return target_path(db, period, out_dir, draft=draft)


def period_statuses(db: Database, *, today: date | None = None,
                    settings: Settings | None = None):
    from .filing.periods import list_periods

    settings = settings or load_settings()
    return list_periods(db, today=today or date.today(), deadline_day=settings.deadline_day)


def period_status(db: Database, period: str, *, today: date | None = None,
                  settings: Settings | None = None):
    from .filing.periods import status

    settings = settings or load_settings()
    return status(db, period, today=today or date.today(), deadline_day=settings.deadline_day)


def file_period(db: Database, period: str, filed_on: date, receipt_no: str):
    from .filing.periods import file_period as file_

    return file_(db, period, filed_on, receipt_no)


def amend_period(db: Database, period: str, *, today: date | None = None):
    from .filing.periods import amend_period as amend

    return amend(db, period, today=today or date.today())


def save_record(db: Database, record) -> tuple[int | None, list[Finding]]:
    """Insert (id None) or update a record.  A record dated in a filed period is
    refused with a ``period.locked`` finding; nothing is written then."""
    from .core.findings import finding
    from .storage.db import PeriodLockedError
    from .storage.repository import ENTITY_OF, Repository

    repo = Repository(db)
    try:
        if record.id is None:
            return repo.insert(record), []
        repo.update(record)
        return record.id, []
    except PeriodLockedError:
        entity = ENTITY_OF[type(record)]
        return None, [finding("period.locked", entity, getattr(record, "key", str(record.id)),
                              None, None, period=_record_month(record))]


def _record_month(record) -> str:
    for name in ("date", "decl_date", "end_date"):
        day = getattr(record, name, None)
        if day is not None:
            return f"{day.year}-{day.month:02d}"
    return "?"


# --- importing spreadsheets ------------------------------------------------------------


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
    from .importing import run_import
    from .storage.snapshots import folder_for

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
    from .importing.preview import Preview

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
    from .importing.reader import read_source
    from .importing.report import write_report

    # the import was run on this file, so its bad bytes (if any) were accepted
    source = read_source(result.file, result.sheet, accept_bad_bytes=True)
    return write_report(source, result, Path(path), lang)


def write_import_template(kind: str, path: Path, *, lang: str = "zh") -> Path:
    """An empty workbook with the headers an import of ``kind`` expects."""
    from .importing.report import write_template
    from .importing.service import kind_of

    kind_of(kind)
    return write_template(kind, Path(path), lang)


# --- printed summaries ------------------------------------------------------------------


def summary_report(db: Database, kind: str, period: str, *, lot: str | None = None,
                   sale: str | None = None):
    """A printed summary as data (``reports.model.Report``): ``kind`` is flow,
    inventory, licences or trace (forward from ``lot`` or backward from
    ``sale``).  Raises ``reports.ReportError`` with a message for the clerk.
    ``gui.printing`` turns the report into a print preview or a PDF."""
    from .reports import build_report

    return build_report(db, kind, period, lot=lot, sale=sale)


def monthly_flows(db: Database) -> dict[str, dict[str, tuple[int, int]]]:
    """Per month and product category: (grams in, grams out), for the dashboard chart.
    In = purchases and production; out = sales and exports."""
    from .storage.repository import Repository

    products = {p.id: p.category for p in Repository(db).iter("product")}
    out: dict[str, dict[str, list[int]]] = {}
    for product_id, period, kind, grams in Repository(db).movements():
        cell = out.setdefault(period, {}).setdefault(products.get(product_id, "OTHER"), [0, 0])
        if kind in ("in_purchase", "in_production"):
            cell[0] += grams
        elif kind in ("out_sales", "out_export"):
            cell[1] += grams
    return {p: {c: (v[0], v[1]) for c, v in cats.items()} for p, cats in sorted(out.items())}


def findings_by_period(db: Database, *, settings: Settings | None = None,
                       progress: Progress | None = None) -> dict[str | None, list[Finding]]:
    """All findings grouped by the month they belong to (None: not dated)."""
    grouped: dict[str | None, list[Finding]] = {}
    for f in validate_database(db, settings=settings, progress=progress):
        grouped.setdefault(f.period, []).append(f)
    return grouped
