"""The import use case: read a sheet, map its header, parse and check every
row with the same rules as entry, and commit all of it in one transaction after
a restore point — or nothing."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.codelists import CodeLists
from ..core.control import ControlPolicy
from ..core.findings import Finding, finding
from ..storage.db import Database, backup_copy
from ..storage.repository import Repository
from . import commit as C
from .build import Builder, Item, summarise_derived
from .columns import KINDS, Kind
from .convert import parse_rows
from .issues import ImportFinding, Locator
from .mapping import Mapping, find_header, load_remembered, map_header, remember, remembered_choice
from .reader import ImportFileError, Source, read_source

ON_DUPLICATE = ("error", "skip", "update")


@dataclass
class ImportResult:
    kind: str
    file: Path
    sheet: str
    status: str  # "imported", "dry_run", "rejected" (errors), "columns" (missing), "cancelled"
    header_row: int  # as Excel shows it
    mapping: dict[str, str | None]  # header text -> import column (None: read past)
    rows: int = 0  # data rows read
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    findings: list[ImportFinding] = field(default_factory=list)
    backup: Path | None = None
    report: Path | None = None
    report_error: str = ""  # a Reason: why the report asked for was not written
    encoding: str = ""
    # What a real import wrote, for undoing it as one step: the ids of the
    # records it added (first, last; SQLite numbers them in a row) and the
    # records it updated as they were before (with a batch's input lines).
    added: tuple[int, int] | None = None
    replaced: list[tuple[object, list]] = field(default_factory=list)
    derived: list = field(default_factory=list)  # build.DerivedSummary: what rows implied

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "kind": self.kind, "file": str(self.file), "sheet": self.sheet,
            "status": self.status, "header_row": self.header_row, "mapping": self.mapping,
            "rows": self.rows, "inserted": self.inserted, "updated": self.updated,
            "skipped": self.skipped, "errors": self.errors, "warnings": self.warnings,
            "backup": str(self.backup) if self.backup else None,
            "report": str(self.report) if self.report else None,
            "report_error": _said(self.report_error, lang) if self.report_error else None,
            "findings": [f.as_dict(lang) for f in self.findings],
            "derived": [{"rule": d.rule, "field": d.field, "count": d.count, "rows": d.rows,
                         "message": d.message(KINDS[self.kind].entity, lang)}
                        for d in self.derived],
        }


def _said(reason, lang: str) -> str:
    from ..storage.reasons import said

    return said(reason, lang)


class _Rollback(Exception):
    """Raised inside the transaction to undo it (dry run, or errors found)."""


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown import kind {name!r}; one of {', '.join(KINDS)}") from None


def inspect_file(kind: str, path: Path, sheet: str | None = None,
                 chosen: dict[str, str | None] | None = None,
                 header_row: int | None = None, accept_bad_bytes: bool = False,
                 ) -> tuple[Source, Mapping, list[ImportFinding]]:
    """The sheet read and its header mapped, with the header findings (unmapped,
    repeated and missing columns; cells whose bad bytes were replaced): what an
    import wizard shows before importing.  ``header_row`` (0-based) overrides
    the row found by itself."""
    k = kind_of(kind)
    check_choice(k, chosen)
    _a_file(Path(path))
    remembered = load_remembered()
    source = read_source(Path(path), sheet, pick=sheet_score(k, remembered),
                         accept_bad_bytes=accept_bad_bytes)
    mapping = inspect_source(k, source, chosen, header_row, remembered)
    return source, mapping, header_findings(k, source, mapping) + replaced_findings(k, source,
                                                                                   mapping)


def _a_file(path: Path) -> None:
    """A folder or a missing path, said as such (before the reader's own words)."""
    if path.is_dir():
        raise ImportFileError("import.file_is_folder", file=path)
    if not path.exists():
        raise ImportFileError("import.file_missing", file=path)


def sheet_score(k: Kind, remembered: dict):
    """How well a sheet's first rows suit an import of ``k`` (None: not at all),
    to pick the sheet of a workbook when none is named."""

    def score(head):
        at = find_header(head, k, remembered)
        if at is None:
            return None
        m = map_header(head, at, k)
        return (not m.missing, len(m.columns))

    return score


def check_choice(k: Kind, chosen: dict[str, str | None] | None) -> None:
    """A chosen mapping may name only columns this kind has."""
    for name in (chosen or {}).values():
        if name and name not in k.by_name:
            raise ImportFileError("import.column_unknown", value=name,
                                  columns=", ".join(c.name for c in k.columns))


def inspect_source(k: Kind, source: Source, chosen: dict[str, str | None] | None = None,
                   header_row: int | None = None, remembered: dict | None = None) -> Mapping:
    """The header of a sheet already read, mapped: automatically, by a layout
    remembered for it, or as ``chosen`` (header text -> column or None) says."""
    if remembered is None:
        remembered = load_remembered()
    at = header_row if header_row is not None else find_header(source.rows, k, remembered,
                                                               chosen)
    if at is None or not 0 <= at < len(source.rows):
        raise ImportFileError("import.header_missing", sheet=source.sheet, rows=30)
    headers = [str(c) for c in source.rows[at]]
    choice = chosen if chosen is not None else remembered_choice(k.name, headers)
    mapping = map_header(source.rows, at, k, choice)
    mapping.remembered = chosen is None and choice is not None
    return mapping


def header_findings(k: Kind, source: Source, mapping: Mapping) -> list[ImportFinding]:
    loc = Locator(source.sheet, k.entity, mapping.headers, mapping.columns)
    row = mapping.header_row + 1
    out = [loc.at_index("import.column_unmapped", row, i) for i in mapping.unmapped]
    out += [loc.at_index("import.column_twice", row, i, other=mapping.headers[j])
            for i, j in mapping.twice]
    out += [loc.at("import.column_missing", row, None, field=name, label=k.column(name).zh)
            for name in mapping.missing]
    return out


def replaced_findings(k: Kind, source: Source, mapping: Mapping) -> list[ImportFinding]:
    """A warning at each cell holding a replacement character where a bad byte
    of a csv was (only when the clerk accepted them): never garbled unsaid."""
    loc = Locator(source.sheet, k.entity, mapping.headers, mapping.columns)
    return [loc.at_index("import.replaced", row, index) for row, index in source.replaced]


def run_import(db: Database, kind: str, path: Path, *, codes: CodeLists, policy: ControlPolicy,
               validate: Callable[[], list[Finding]], sheet: str | None = None,
               mapping: dict[str, str | None] | None = None, dry_run: bool = False,
               on_duplicate: str = "error", report: Path | None = None,
               backup_dir: Path | None = None, lang: str = "zh",
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None,
               header_row: int | None = None, accept_bad_bytes: bool = False) -> ImportResult:
    """Import ``path`` into ``db`` all-or-nothing; ``validate()`` checks the
    database through the open transaction.  ``progress(done, total)`` hears of
    each step; ``cancelled()``, asked between steps, stops the import before it
    writes (status "cancelled").  ``header_row`` (0-based) overrides the header
    row found by itself.  ImportFileError when the file, sheet or header cannot
    be used; ``accept_bad_bytes``: a csv's bad bytes read as U+FFFD, each cell
    holding one a warning, rather than the file refused."""
    if on_duplicate not in ON_DUPLICATE:
        raise ValueError(f"on_duplicate must be one of {', '.join(ON_DUPLICATE)}")
    job = _Job(db, kind_of(kind), Path(path), codes, policy, validate, sheet, mapping, dry_run,
               on_duplicate, report, lang, progress, cancelled, header_row, accept_bad_bytes)
    from ..storage.db import on_server

    # A server's history is its administrator's backups (ServerDatabase.snapshot)
    restore_point = None if dry_run or on_server(db.conn) else _RestorePoint(db, backup_dir)
    try:
        with _gc_paused():
            return _run(job, restore_point)
    finally:
        if restore_point is not None:
            restore_point.discard()


@dataclass
class _Job:
    db: Database
    kind: Kind
    path: Path
    codes: CodeLists
    policy: ControlPolicy
    validate: Callable[[], list[Finding]]
    sheet: str | None
    mapping: dict[str, str | None] | None
    dry_run: bool
    on_duplicate: str
    report: Path | None
    lang: str
    progress: Callable[[int, int], None] | None
    cancelled: Callable[[], bool] | None
    header_row: int | None = None
    accept_bad_bytes: bool = False

    def step(self, done: int) -> bool:
        """Report step ``done`` of STEPS; True when the caller asked to stop."""
        if self.progress is not None:
            self.progress(done, STEPS)
        return self.cancelled is not None and self.cancelled()


STEPS = 5  # read, parse, resolve, write and validate, report


@contextlib.contextmanager
def _gc_paused():
    """No cyclic garbage collection while a sheet's worth of rows and records
    is built: they hold no cycles, and each collection would scan them all."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _RestorePoint:
    """The database copied, as it is before the import, by SQLite's backup API
    on a second connection in a thread while the file is read and parsed (this
    process holds the writer lock: nothing changes meanwhile).  The copy is made
    in a private folder and moved beside the others only if the import writes."""

    def __init__(self, db: Database, backup_dir: Path | None):
        self.folder = Path(backup_dir or db.path.parent)
        self.work = self.folder / f".import-{uuid.uuid4().hex[:12]}"
        self.path: Path | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._copy, args=(db,),
                                        name="magdesk-import-restore-point", daemon=True)
        self._thread.start()

    def _copy(self, db: Database) -> None:
        try:
            conn = db.reader()
            try:
                self.path = backup_copy(conn, db.path, "before-import", self.work)
            finally:
                conn.close()
        except BaseException as exc:  # raised in the importing thread by keep()
            self.error = exc

    def keep(self) -> Path:
        self._thread.join()
        if self.error is not None:
            raise self.error
        target = self.folder / self.path.name
        n = 1
        while target.exists():
            n += 1
            target = self.folder / f"{self.path.stem}-{n}{self.path.suffix}"
        os.replace(self.path, target)
        self.path = None
        return target

    def discard(self) -> None:
        self._thread.join()
        shutil.rmtree(self.work, ignore_errors=True)


def _run(job: _Job, restore_point: _RestorePoint | None) -> ImportResult:
    k = job.kind
    source, m, findings = inspect_file(k.name, job.path, job.sheet, job.mapping, job.header_row,
                                       job.accept_bad_bytes)
    result = ImportResult(k.name, job.path, source.sheet, "columns", m.header_row + 1,
                          m.as_headers(), findings=findings, encoding=source.encoding)
    if m.missing:
        return _finish(result, source, job)
    loc = Locator(source.sheet, k.entity, m.headers, m.columns)
    loc.key = k.key
    if job.step(1):
        return _cancelled(result)
    rows, cell_findings = parse_rows(source.rows, m, k, job.codes, loc)
    result.rows = len(rows)
    findings += cell_findings
    if job.step(2):
        return _cancelled(result)
    repo = Repository(job.db)
    items, result.skipped = prepare(k, rows, repo, job.codes, job.policy, job.on_duplicate, m,
                                    loc, findings)
    result.derived = summarise_derived(items)
    if job.step(3):
        return _cancelled(result)
    clean = not any(f.is_error for f in findings)
    commit = clean and not job.dry_run
    if items:
        _transaction(job.db, k, items, repo, job.validate, loc, m, result, commit=commit,
                     keep=restore_point.keep if commit and restore_point else None)
    job.step(4)
    result.status = "rejected" if result.errors else "dry_run" if job.dry_run else "imported"
    if result.status == "imported" and job.mapping is not None:
        remember(k.name, m.headers, job.mapping)
    return _finish(result, source, job)


def _cancelled(result: ImportResult) -> ImportResult:
    result.status = "cancelled"
    return result


def prepare(k: Kind, rows, repo: Repository, codes: CodeLists, policy: ControlPolicy,
            on_duplicate: str, m: Mapping, loc: Locator,
            findings: list[ImportFinding]) -> tuple[list[Item], int]:
    """Parsed rows to the records to write: references resolved, duplicates
    and locked months found (appended to ``findings``); and how many skipped."""
    from .refs import Refs

    refs = Refs(repo, loc, findings)
    items = Builder(k.name, refs, codes, policy, findings, m.role_hint).build(rows)
    keys = C.existing_keys(k, repo, refs)
    items, skipped = C.deduplicate(k, items, keys, on_duplicate, loc, findings)
    if k.name == "purchases":
        items = C.check_lots(items, refs, loc, findings)
    items = C.check_locked(k, items, repo.locked_periods(), loc, findings)
    return items, skipped


def _transaction(db: Database, k: Kind, items: list[Item], repo: Repository, validate,
                 loc: Locator, m: Mapping, result: ImportResult, commit: bool,
                 keep: Callable[[], Path] | None = None) -> None:
    """Write, validate through the same transaction, keep what concerns the
    import; roll back unless ``commit`` and no error was found.  Only when
    validation names records the file did not bring is the database validated
    as it was before (back to a savepoint), to keep just what the import caused.
    ``keep()`` puts the restore point in place, only once the import is found
    clean, right before the commit (a refused import takes none)."""
    placer = C.Placer(k, items, loc, set(m.columns.values()))
    # In the audit trail an import is one summarised entry (the rows it added
    # per table) rather than a trigger-written entry per row.
    try:
        with db.bulk(f"import {k.name} {result.file.name}"), db.write():
            repo.savepoint("magdesk_import")
            first = repo.next_id(k.entity)
            replaced = C.replaced(k, items, repo) if commit else []
            result.inserted, result.updated = C.write(k, items, repo)
            after = validate()
            if all(placer.owns(f) for f in after):
                result.findings += [placer.place(f) for f in after]
            else:  # what was there before the import is not the import's doing
                repo.rollback_to("magdesk_import")
                result.findings += C.new_findings(validate(), after, placer)
                if commit and not result.errors:
                    C.write(k, items, repo)
            result.findings = C.summarise_pending(result.findings, loc)
            if not commit or result.errors:
                raise _Rollback
            if keep is not None:
                result.backup = keep()
            if result.inserted:
                result.added = (first, repo.next_id(k.entity) - 1)
            result.replaced = replaced
    except _Rollback:
        if result.errors:  # a dry run keeps the counts it would have written
            result.inserted = result.updated = 0
    except Exception as exc:  # a schema rule the checks above did not foresee
        from ..storage.db import StorageError

        if not isinstance(exc, StorageError):
            raise
        result.inserted = result.updated = 0
        code = "period.locked" if "period.locked" in str(exc) else "import.constraint"
        result.findings.append(ImportFinding(
            finding(code, k.entity, "", None, None, detail=str(exc)[:200], period="?"),
            loc.sheet))


def _finish(result: ImportResult, source: Source, job: _Job) -> ImportResult:
    from .issues import by_row

    result.findings.sort(key=by_row)
    if job.report is not None:
        from .report import ReportError, write_report

        try:
            result.report = write_report(source, result, Path(job.report), job.lang)
        except ReportError as exc:  # what was imported stays imported: say so, and this
            result.report_error = exc.args[0]
    job.step(STEPS)
    return result
