"""Exporting a period's filing workbook: refuse on errors (unless a draft),
write to a temporary file, read it back, rename into place, record it."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import __version__
from ..core.findings import Finding, count
from ..storage import anchors
from ..storage.db import Database
from ..storage.filing_store import FilingStore
from ..storage.repository import Repository
from . import declaration
from .data import differences
from .readback import ReadBackError, XlsxReader, compare_sheet, info_items, sheet_digest
from .resolve import default_template, resolve_template
from .sample_writer import SampleWriter
from .sources import source_rows
from .template import Template, UncodedValue, column_letter, file_name
from .writer import AMEND_SHEET, ANCHOR_ROW, CHECK_SHEET, INFO_SHEET, WorkbookWriter

# Which finding codes each line of the 校验 sheet stands for.
CHECK_GROUPS = [
    ("月度库存不为负", {"balance.negative", "balance.identity", "balance.opening"}),
    ("销售不超过批次产量", {"batch.oversold", "sale.before_batch", "sale.batch_product"}),
    ("投料不超过批号入库数量", {"lot.overdrawn", "input.before_lot"}),
    ("出口明细与销售单对应", {"export.sale_not_export", "sale.export_missing",
                             "export.exceeds_sale"}),
    ("管制物项出口均有有效许可证", {"export.licence_missing", "export.control_missed",
                                   "licence.consignee", "licence.expired",
                                   "licence.not_yet_valid", "licence.exceeded",
                                   "licence.end_user", "licence.end_use"}),
]


class ExportError(Exception):
    """The export cannot be made; the message says why (``str()`` English,
    ``message(lang)`` in the clerk's language)."""

    def message(self, lang: str = "zh") -> str:
        from ..storage.reasons import said

        return said(self.args[0], lang) if self.args else ""


def target_path(db: Database, period: str, out_dir: Path, *, draft: bool = False,
                template_id: str | None = None) -> Path:
    """The file the export of ``period`` into ``out_dir`` writes (its name
    from the template, the credit code, the period, the revision, a draft)."""
    from ..storage.reasons import Reason

    state = FilingStore(db).period(period)
    company = Repository(db).company()
    if company is None:
        raise ExportError(Reason("no_company"))
    template = export_template(db, state, template_id)
    suffix = (f"_更正{state['revision']}" if state["revision"] else "") + ("_草稿" if draft else "")
    return Path(out_dir) / file_name(template, company.uscc, period, suffix)


@dataclass
class ExportResult:
    period: str
    path: Path | None = None
    sha256: str = ""
    data_sha256: str = ""
    revision: int = 0
    draft: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.path is None


def export_period(db: Database, period: str, out_dir: Path, *, findings: list[Finding],
                  draft: bool = False, template_id: str | None = None, replace: bool = False,
                  now: datetime | None = None,
                  progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write the filing workbook of ``period`` into ``out_dir``.

    ``findings`` are the period's validation findings; with an error among
    them the export is refused unless it is a ``draft``.
    """
    store = FilingStore(db)
    state = store.period(period)
    result = ExportResult(period, revision=state["revision"], draft=draft, findings=findings)
    if count(findings)[0] and not draft:
        return result
    target = target_path(db, period, out_dir, draft=draft, template_id=template_id)
    company = Repository(db).company()
    template = export_template(db, state, template_id).bind(company.name, company.uscc, period)
    out_dir = _out_folder(Path(out_dir))
    if target.exists() and not replace:
        from ..storage.reasons import Reason

        raise ExportError(Reason("export_exists", path=target))
    # the restore point is copied while the workbook is written, and is
    # whole before the export is recorded (a decade's file: 14 s of copying)
    point = db.snapshot_later(f"before export {period}")
    tmp = out_dir / f".{target.name}.{os.getpid()}.tmp"
    try:
        written = _write(tmp, template, store, period, company, state, draft, findings,
                         now or datetime.now().astimezone(), progress)
        _read_back(tmp, template, store, period, written)
        _check_counts(template, store, period, written.counts)
        result.sha256 = hashlib.sha256(tmp.read_bytes()).hexdigest()
        point()
        with _placed_when_recorded(tmp, target) as place, db.write():
            store.record_export(period, state["revision"], target.name, template.ref,
                                result.sha256, written.data_sha256, draft)
            if not draft and state["state"] == "OPEN":
                store.set_period(period, state="EXPORTED", template=template.ref)
            place()  # the last step before the COMMIT
    except UncodedValue as exc:
        from ..storage.reasons import Reason

        raise ExportError(Reason("export_uncoded", period=period, sheet=exc.sheet, row=exc.row,
                                 column=column_letter(_index_of(template, exc)),
                                 header=exc.column.header, value=exc.label)) from None
    except OSError as exc:  # a full disk, a folder gone: said of the workbook, not its temp
        from ..storage.failures import path_problem

        raise ExportError(path_problem(exc, target)) from exc
    except BaseException:
        with contextlib.suppress(Exception):  # the copy ends before the error is said
            point()
        raise
    finally:
        tmp.unlink(missing_ok=True)
    result.path, result.counts, result.data_sha256 = target, written.counts, written.data_sha256
    anchors.record(db.conn, "export", f"{period} r{state['revision']} {target.name}",
                   text=dict(written.after).get(ANCHOR_ROW, ""), db_path=db.path, period=period)
    return result


def _out_folder(out_dir: Path) -> Path:
    """``out_dir``, made when missing; a file there, or a folder that cannot
    be made, is an ExportError naming it (in the clerk's language)."""
    from ..storage.failures import path_problem
    from ..storage.reasons import Reason

    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(Reason("path_not_folder", path=out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(path_problem(exc)) from exc
    return out_dir


@contextlib.contextmanager
def _placed_when_recorded(tmp: Path, target: Path):
    """The workbook takes its name only as its export is recorded: ``place()``
    renames it into place as the last step of the recording transaction, and
    it is taken away again if that transaction then fails (a full disk at the
    COMMIT); a workbook it replaces is kept aside until then and put back.  So
    the folder and the file never disagree, and a rerun does not find it."""
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    placed = []
    kept = target.exists()
    if kept:
        os.replace(target, old)
    try:
        yield lambda: placed.append(os.replace(tmp, target))
    except BaseException:
        if placed:
            target.unlink(missing_ok=True)
        if kept:
            os.replace(old, target)
        raise
    old.unlink(missing_ok=True)


def _write(path, template: Template, store: FilingStore, period, company, state, draft,
           findings, now, progress):
    writer = (SampleWriter if template.layout == "sample" else WorkbookWriter)(path, template)
    writer.stamp(now)
    total = sum(store.count(s.source, period) or 0 for s in template.sheets) or 1
    done = [0]

    def tick():
        done[0] += 1000
        if progress is not None:
            progress(min(done[0], total), total)

    for sheet in template.sheets:
        writer.data_sheet(sheet, source_rows(store, sheet.source, period), tick)
    writer.plain_sheet(CHECK_SHEET, ["检查项", "结果", "说明"],
                       _checks(template, store, period, writer.written.counts, findings))
    if state["revision"]:
        filed = store.snapshot(period, state["revision"] - 1)
        writer.plain_sheet(AMEND_SHEET, ["表名", "记录", "字段", "原值", "新值", "变更"],
                           differences(template, filed, store, period))
    if template.layout != "sample" and any(s.source == "exports" for s in template.sheets):
        # magdesk's own layout: the declaration texts of the month's export
        # lines, after the other sheets (the specification text customs
        # expects and the remarks statement on control).
        writer.plain_sheet(declaration.SHEET, declaration.HEADERS,
                           declaration.sheet_rows(declaration.declaration_texts(store.db, period)))
    info = [("模板", template.id), ("企业名称", company.name), ("统一社会信用代码", company.uscc),
            ("所属期", period), ("申报类型", "更正" if state["revision"] else "正常"),
            ("更正序号", str(state["revision"])),
            ("生成时间", now.isoformat(timespec="seconds")),
            ("生成软件", f"magdesk {__version__}")]
    if template.layout == "sample":
        info.insert(1, ("模板版本", str(template.version)))
        info.insert(2, ("样表SHA-256", template.sample_sha256))
    if draft:
        info.append(("状态", "草稿（未通过校验，不得上传）"))
    return writer.finish(info, after=[(ANCHOR_ROW, anchors.workbook_text(store.conn))])


def _checks(template, store, period, counts, findings) -> list[list[str]]:
    rows = []
    bad = [s.name for s in template.sheets
           if store.count(s.source, period) not in (None, counts.get(s.name))]
    rows.append(["各表行数与数据库一致", "不通过" if bad else "通过",
                 "、".join(bad) if bad else "、".join(f"{k} {v}" for k, v in counts.items())])
    for item, codes in CHECK_GROUPS:
        hits = [f for f in findings if f.code in codes and f.is_error]
        rows.append([item, "不通过" if hits else "通过",
                     "；".join(f.message("zh") for f in hits[:5]) if hits else ""])
    errors, warnings = count(findings)
    rows.append(["全部记录通过校验", "不通过" if errors else "通过",
                 f"{errors} 个错误，{warnings} 个警告"])
    return rows


def _read_back(path, template: Template, store: FilingStore, period: str, written) -> None:
    """Every data cell as read back, in its canonical text, must hash to what was
    computed from the database rows while writing; if not, find the cells."""
    with XlsxReader(path) as reader:
        digest, counts = sheet_digest(reader, template.sheets)
        if template.magdesk_sheets and \
                not dict(written.after).items() <= info_items(reader, INFO_SHEET).items():
            raise ReadBackError(f"{path.name}: 申报信息 does not read back as written")
        if digest == written.data_sha256 and counts == written.counts:
            return
        for sheet in template.sheets:
            mismatches = compare_sheet(reader, sheet, source_rows(store, sheet.source, period))
            if mismatches:
                raise ReadBackError("; ".join(map(str, mismatches[:5])))
        raise ReadBackError(f"{path.name}: the data read back differ from what was written")


def _check_counts(template: Template, store: FilingStore, period: str,
                  counts: dict[str, int]) -> None:
    """The rows of each data sheet (as read back, which ``_read_back`` found
    equal to ``counts``) against the records counted straight from their
    tables: a join that lost rows (a view planted in place of a table, a
    record whose parent is gone) must not reach a filing.  ExportError names
    the sheets; the caller removes the written file."""
    from ..storage.reasons import Reason

    short = [(s.name, counts.get(s.name, 0), n) for s in template.sheets
             if (n := store.count(s.source, period)) is not None and n != counts.get(s.name, 0)]
    if short:
        zh = "；".join(f"工作表“{name}”有 {got} 行，数据库中有 {want} 条" for name, got, want in short)
        en = "; ".join(f"sheet '{name}' holds {got} rows, the database {want}"
                       for name, got, want in short)
        raise ExportError(Reason("export_counts", period=period, zh=zh, en=en))


def _index_of(template: Template, exc: UncodedValue) -> int:
    for sheet in template.sheets:
        for position, column in enumerate(sheet.columns):
            if column is exc.column:
                return sheet.column_index(position)
    return 0


def export_template(db: Database, state: dict, template_id: str | None = None) -> Template:
    """The template a month is exported with: the one asked for; else, for a
    month filed or being amended, the one it was filed with; else the
    company's default (REFLOW-1 when none is chosen)."""
    if template_id:
        return resolve_template(db, template_id)
    if state["template"] and state["state"] in ("FILED", "AMENDED"):
        return resolve_template(db, state["template"])
    return resolve_template(db, default_template(db))
