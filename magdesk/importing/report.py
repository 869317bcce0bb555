"""The error report (a copy of the input workbook with an added 错误说明 column,
the bad cells filled red, and a sheet listing every finding) and the empty
import template of each kind."""

from __future__ import annotations

import errno
import os
import re
from collections import defaultdict
from pathlib import Path

from .. import text
from ..core.fields import entity_label
from .columns import KINDS
from .reader import Source

REASON_HEADER = "错误说明"
FINDINGS_SHEET = "导入问题"
MAX_CELL = 32_767  # Excel's limit of characters in a cell
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TEXT_KINDS = {"text", "name", "code", "compact", "upper", "uscc", "list", "currency", "country",
               "unit", "control"}


def _fills():
    from openpyxl.styles import Font, PatternFill

    return (PatternFill("solid", fgColor="FFC7CE"), PatternFill("solid", fgColor="FFEB9C"),
            Font(bold=True))


COPY_LIMIT = 20_000  # rows; a larger sheet is written streaming, values only


class ReportError(Exception):
    """The error report could not be written; ``message(lang)`` says where
    and why in the clerk's language (``str()`` in English).  Its temporary
    file is gone, and nothing is left under the report's name."""

    def message(self, lang: str = "zh") -> str:
        from ..storage.reasons import said

        return said(self.args[0], lang)


def write_report(source: Source, result, path: Path, lang: str = "zh") -> Path:
    """Write the report of ``result`` (an ImportResult) about ``source`` to ``path``:
    an xlsx of up to COPY_LIMIT rows is copied with its formats; a larger one,
    an xls or a csv is rewritten streaming (values, marks and reasons).
    ReportError when it cannot be written (a full disk, a folder, a sheet
    wider than a workbook holds)."""
    from ..storage.failures import path_problem
    from ..storage.reasons import Reason

    try:
        return _write_report(source, result, path, lang)
    except Exception as exc:  # noqa: BLE001 - whatever stops it, the clerk is told where
        why = path_problem(exc, path) if isinstance(exc, OSError) and exc.errno else \
            Reason("path_error", path=path, error=f"{type(exc).__name__}: {exc}"[:200])
        raise ReportError(Reason("report_not_written", error=why)) from exc


def _write_report(source: Source, result, path: Path, lang: str) -> Path:
    by_row: dict[int, list] = defaultdict(list)
    for f in result.findings:
        if f.row is not None and f.row > result.header_row:
            by_row[f.row].append(f)
    if source.format == "xlsx" and len(source.rows) <= COPY_LIMIT:
        copied = _copy(source)
        if copied is not None:
            return _annotated_copy(*copied, source, result, by_row, path, lang)
    return _streamed(source, result, by_row, path, lang)


def _annotated_copy(wb, ws, source: Source, result, by_row, path: Path, lang: str) -> Path:
    red, yellow, bold = _fills()
    reason_col = max(ws.max_column, max((len(r) for r in source.rows), default=0)) + 1
    ws.cell(result.header_row, reason_col, REASON_HEADER).font = bold
    for row, found in by_row.items():
        for f in found:
            if f.column:
                ws[f"{f.column}{row}"].fill = red if f.is_error else yellow
        _set_text(ws.cell(row, reason_col), "\n".join(f.message(lang) for f in found))
    _findings_sheet(wb, result, lang, bold)
    _derived_sheet(wb, result, lang, bold)
    return _save(wb, path)


def _streamed(source: Source, result, by_row, path: Path, lang: str) -> Path:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    from .values import column_letter

    red, yellow, bold = _fills()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(source.sheet))
    width = max((len(r) for r in source.rows), default=0)
    for number, cells in enumerate(source.rows, 1):
        found = by_row.get(number, ())
        fills = {f.column: (red if f.is_error else yellow) for f in found if f.column}
        out = []
        for index, value in enumerate(cells):
            cell = WriteOnlyCell(ws)
            if value not in ("", None):
                _set_value(cell, value)
            fill = fills.get(column_letter(index)) if fills else None
            if fill is not None:
                cell.fill = fill
            out.append(cell)
        out += [WriteOnlyCell(ws) for _ in range(width - len(cells))]
        if number == result.header_row:
            out.append(_bold(WriteOnlyCell(ws, REASON_HEADER), bold))
        elif found:
            reason = WriteOnlyCell(ws)
            _set_text(reason, "\n".join(f.message(lang) for f in found))
            out.append(reason)
        ws.append(out)
    _findings_sheet(wb, result, lang, bold)
    _derived_sheet(wb, result, lang, bold)
    return _save(wb, path)


def _bold(cell, font):
    cell.font = font
    return cell


def _copy(source: Source):
    """The input xlsx opened by openpyxl (formats kept), or None when openpyxl,
    stricter than calamine, cannot open it — or could not open it safely: the
    clerk's file is read only within the limits and only through defusedxml
    (no entity expansion, no external entities); else the report is written
    from the rows already read."""
    import openpyxl

    from .limits import check_workbook

    if not openpyxl.DEFUSEDXML:  # defusedxml missing, or OPENPYXL_DEFUSEDXML=False
        return None
    try:
        check_workbook(source.path, "xlsx")  # the file may have changed since it was read
        wb = openpyxl.load_workbook(source.path)
    except Exception:  # ImportFileError too: a bomb by now gets the streamed report
        return None
    return (wb, wb[source.sheet]) if source.sheet in wb.sheetnames else None


def _sheet_title(text: str) -> str:
    """A name Excel accepts for a sheet: 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31] or "Sheet1"


def _set_value(cell, value) -> None:
    if isinstance(value, str):
        _set_text(cell, value)
    else:
        cell.value = value


def _set_text(cell, text: str) -> None:
    """A string cell, never a formula, cut to what Excel holds."""
    text = _ILLEGAL.sub("", text)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    cell.value = text
    cell.data_type = "s"


def _findings_sheet(wb, result, lang: str, bold) -> None:
    """A sheet listing every finding (also those of no particular row)."""
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet(FINDINGS_SHEET)
    for letter, width in zip("ABCDEFG", (12, 6, 6, 18, 6, 22, 80), strict=True):
        ws.column_dimensions[letter].width = width
    heads = [text.say(f"import.report.{key}", lang)
             for key in ("sheet", "row", "column", "header", "severity", "code", "message")]
    ws.append([_bold(WriteOnlyCell(ws, head), bold) for head in heads])
    for f in result.findings:
        severity = text.say(f"severity.{f.severity}", lang)
        row = []
        for value in (f.sheet, f.row, f.column, f.header, severity, f.code, f.message(lang)):
            cell = WriteOnlyCell(ws)
            if value is not None:
                _set_value(cell, value)
            row.append(cell)
        ws.append(row)


def _derived_sheet(wb, result, lang: str, bold) -> None:
    """A sheet saying what the rows implied (core.derive), per rule: the same
    values a form would have filled in.  None when nothing was derived."""
    from openpyxl.cell import WriteOnlyCell

    from .columns import KINDS

    if not result.derived:
        return
    ws = wb.create_sheet(DERIVED_SHEET[0] if lang == "zh" else DERIVED_SHEET[1])
    for letter, width in zip("ABCD", (18, 6, 28, 100), strict=True):
        ws.column_dimensions[letter].width = width
    heads = ("字段", "行数", "规则", "说明") if lang == "zh" else (
        "Field", "Rows", "Rule", "Message")
    ws.append([_bold(WriteOnlyCell(ws, text), bold) for text in heads])
    entity = KINDS[result.kind].entity
    for d in result.derived:
        from ..core.fields import field_label

        ws.append([field_label(entity, d.field, lang), d.count, d.rule, d.message(entity, lang)])


DERIVED_SHEET = ("推导", "Derived")


def _save(wb, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # a half-written report is no report
    return path


# --- templates ----------------------------------------------------------------------

def write_template(kind: str, path: Path, lang: str = "zh") -> Path:
    """An empty workbook with the headers an import of ``kind`` expects; text
    columns are formatted as text (so Excel keeps long identifiers), enumerations
    offer their labels in a drop-down."""
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    from .values import column_letter

    k = KINDS[kind]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _sheet_title(entity_label(k.entity, "zh"))
    _, _, bold = _fills()
    for index, col in enumerate(k.columns):
        letter = column_letter(index)
        cell = ws.cell(1, index + 1, col.zh if lang == "zh" else col.en)
        cell.font = bold
        dim = ws.column_dimensions[letter]
        dim.width = max(12, 2 * len(col.zh) + 2)
        if col.kind in _TEXT_KINDS:
            dim.number_format = "@"
        elif col.kind == "date":
            dim.number_format = "yyyy-mm-dd"
        choices = _choices(col)
        if choices:
            dv = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True)
            dv.add(f"{letter}2:{letter}5000")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    _notes_sheet(wb, k, lang, bold)
    return _save(wb, path)


def _also(col, lang: str) -> str:
    """The other words an import takes for a choice column, by the label they mean."""
    if col.kind == "bool":
        from ..core.kinds.boolean import WORDS

        return "；".join(f"{label}：{'、'.join(WORDS[value])}"
                        for label, value in (("是", True), ("否", False)))
    if col.kind != "enum" or col.choices is None:
        return ""
    from .convert import SYNONYMS

    words: dict[str, list[str]] = defaultdict(list)
    for word, code in SYNONYMS.get(col.choices.__name__, {}).items():
        words[code].append(word)
    labels = col.choices.labels()
    return "；".join(f"{labels[code][0]}：{'、'.join(found)}"
                    for code, found in words.items() if code in labels)


def _choices(col) -> list[str]:
    if col.kind == "bool":
        return ["是", "否"]
    if col.kind == "enum" and col.choices is not None:
        return [zh for zh, _en in col.choices.labels().values()]
    return []


def _notes_sheet(wb, k, lang: str, bold) -> None:
    ws = wb.create_sheet(text.say("import.report.notes", lang))
    heads = [text.say(f"import.report.{key}", lang)
             for key in ("column", "other_language", "required", "choices", "also")]
    for c, head in enumerate(heads, 1):
        ws.cell(1, c, head).font = bold
    for r, col in enumerate(k.columns, 2):
        first, second = (col.zh, col.en) if lang == "zh" else (col.en, col.zh)
        required = text.say("import.report.yes", lang) if col.required else ""
        for c, value in enumerate((first, second, required, "、".join(_choices(col)),
                                   _also(col, lang)), 1):
            _set_text(ws.cell(r, c), value)
    for letter, width in zip("ABCDE", (24, 30, 6, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
