"""Reading a spreadsheet into a grid of cells: .xlsx and .xls through
python-calamine, .csv in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK.

``rows[i][j]`` is the cell Excel shows at row ``i + 1``, column ``j + 1``:
title rows and empty leading columns are kept so that positions are exact.
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..core.findings import Finding, Severity
from ..core.messages import render_text
from ..storage.reasons import Reason

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}


class ImportFileError(Exception):
    """The file, the sheet or its header cannot be used: nothing was read.
    ``code`` and ``params`` name the problem in the catalog."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}

    def message(self, lang: str = "zh") -> str:
        return render_text(Finding(self.code, Severity.ERROR, "", "", None, self.params), lang)

    def __str__(self) -> str:
        return self.message("en")


@dataclass
class Source:
    path: Path
    format: str  # "xlsx", "xls" or "csv"
    sheets: list[str]
    sheet: str
    rows: list[list]
    encoding: str = ""  # of a csv file
    # a csv read with its bad bytes accepted: how many were replaced by U+FFFD,
    # and the cells (row as Excel shows it, 0-based column) that hold one
    bad_bytes: int = 0
    replaced: list[tuple[int, int]] = field(default_factory=list)


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (a csv file has one, named after the file)."""
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "csv":
        return [path.stem]
    with _open_workbook(path) as wb:
        return _worksheets(wb)


def read_source(path: Path, sheet: str | None = None, *, pick=None,
                accept_bad_bytes: bool = False) -> Source:
    """Read one sheet.  Without ``sheet``: the sheet whose first rows ``pick``
    scores highest (None: not a candidate; the first of equals), else the first.
    A csv with bytes not valid in its encoding is refused ("import.bad_bytes")
    unless ``accept_bad_bytes``: then they read as U+FFFD, their cells listed."""
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "csv":
        if sheet not in (None, "", path.stem):
            raise ImportFileError("import.sheet_missing", file=path.name, sheet=sheet,
                                  sheets=path.stem)
        return read_csv(path, accept_bad_bytes)
    with _open_workbook(path) as wb:
        names = _worksheets(wb)
        if not names:
            raise ImportFileError("import.file_unreadable", file=path.name,
                                  reason=Reason("no_worksheet"))
        name = _choose_sheet(wb, names, sheet, pick, path)
        rows = _grid(wb, name, path)
    return Source(path, fmt, names, name, rows)


def detect_format(path: Path) -> str:
    """"xlsx", "xls" or "csv" from the file's first bytes (a renamed file is
    judged by what it holds), else ImportFileError."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFileError("import.file_unreadable", file=path.name,
                              reason=exc.strerror or exc) from None
    suffix = path.suffix.lower()
    if head.startswith(_ZIP):
        return "xlsx"
    if head.startswith(_OLE):
        return "xls"
    if suffix in SPREADSHEET_SUFFIXES:
        reason = "empty file" if not head else "not an Excel workbook (damaged or renamed)"
        raise ImportFileError("import.file_unreadable", file=path.name, reason=reason)
    if suffix in TEXT_SUFFIXES:
        return "csv"
    raise ImportFileError("import.file_type", file=path.name)


class _open_workbook:  # noqa: N801 - a context manager used like open()
    def __init__(self, path: Path):
        self.path = path
        self.wb = None

    def __enter__(self):
        import python_calamine

        from . import limits

        # before calamine sees a byte of it: a workbook beyond the limits could
        # abort the process or take gigabytes (limits.py)
        limits.check_workbook(self.path, detect_format(self.path))
        try:
            self.wb = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except BaseException as exc:  # calamine raises its own errors, even Rust panics
            _reraise_unexpected(exc)
            raise ImportFileError("import.file_unreadable", file=self.path.name,
                                  reason=_reason(exc)) from None
        return self.wb

    def __exit__(self, *exc):
        if self.wb is not None:
            self.wb.close()
        return False


def _reraise_unexpected(exc: BaseException) -> None:
    if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
        raise exc


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _worksheets(wb) -> list[str]:
    try:
        meta = wb.sheets_metadata
        return [m.name for m in meta if "WorkSheet" in str(m.typ)] or list(wb.sheet_names)
    except Exception:  # older calamine: every sheet
        return list(wb.sheet_names)


def _choose_sheet(wb, names: list[str], sheet: str | None, pick, path: Path) -> str:
    if sheet:
        if sheet in names:
            return sheet
        key = unicodedata.normalize("NFKC", sheet).strip().casefold()
        for name in names:
            if unicodedata.normalize("NFKC", name).strip().casefold() == key:
                return name
        raise ImportFileError("import.sheet_missing", file=path.name, sheet=sheet,
                              sheets="、".join(names))
    best, best_score = names[0], None
    if pick is not None and len(names) > 1:
        for name in names:
            try:
                head = _sheet(wb, name, path).to_python(skip_empty_area=False, nrows=40)
            except ImportFileError:
                raise
            except BaseException as exc:
                _reraise_unexpected(exc)
                continue
            score = pick(head)
            if score is not None and (best_score is None or score > best_score):
                best, best_score = name, score
    return best


def _grid(wb, name: str, path: Path) -> list[list]:
    try:
        sheet = _sheet(wb, name, path)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except ImportFileError:
        raise
    except BaseException as exc:
        _reraise_unexpected(exc)
        raise ImportFileError("import.file_unreadable", file=path.name,
                              reason=_reason(exc)) from None
    _fill_merged(rows, merged)
    return rows


def _sheet(wb, name: str, path: Path):
    """A sheet whose used area, padded from A1 as the reader returns it, is
    within the limits (an .xls is measured here; an .xlsx was before opening)."""
    from . import limits

    sheet = wb.get_sheet_by_name(name)
    end = sheet.end
    if end is not None:
        limits.check_area(path.name, name, end[0] + 1, end[1] + 1)
    return sheet


def _fill_merged(rows: list[list], merged) -> None:
    """Every cell of a merged range shows its top-left value, as Excel does."""
    for (r1, c1), (r2, c2) in merged:
        if r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            cells = rows[r]
            for c in range(c1, min(c2, len(cells) - 1) + 1):
                cells[c] = value


# --- csv ------------------------------------------------------------------------

def read_csv(path: Path, accept_bad_bytes: bool = False) -> Source:
    """A csv file as one sheet named after the file (see ``encoding.decode``)."""
    from . import encoding as enc

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError("import.file_unreadable", file=path.name,
                              reason=exc.strerror or exc) from None
    try:
        decoded = enc.decode(data, accept_bad_bytes)
    except enc.BadBytes as bad:
        raise ImportFileError("import.bad_bytes", file=path.name, encoding=enc.name(bad.encoding),
                              row=_row_at_end(bad.text_before), offset=bad.offset,
                              count=bad.count) from None
    rows = _parse_csv(decoded.text.replace("\x00", ""), path)
    replaced = [(number, index) for number, cells in enumerate(rows, 1)
                for index, cell in enumerate(cells) if enc.REPLACEMENT in cell] \
        if decoded.bad_bytes else []
    return Source(path, "csv", [path.stem], path.stem, rows, decoded.encoding,
                  decoded.bad_bytes, replaced)


def _parse_csv(text: str, path: Path) -> list[list[str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise ImportFileError("import.file_unreadable", file=path.name, reason=_reason(exc)) \
            from None


def _row_at_end(text: str) -> int:
    """The row (as Excel numbers a csv's records) in which ``text`` ends: a
    quoted cell may span lines, so records are counted, not lines."""
    text = text.replace("\x00", "")
    try:
        return len(list(csv.reader(io.StringIO(text + "x", newline=""),
                                   delimiter=_delimiter(text))))
    except csv.Error:
        return text.count("\n") + 1


def _delimiter(text: str) -> str:
    """Comma, tab or semicolon: whichever the first lines use most consistently."""
    lines = [line for line in text[:20_000].splitlines()[:30] if line.strip()]
    best, best_count = ",", 0
    for candidate in (",", "\t", ";"):
        counts = [line.count(candidate) for line in lines]
        common = max(set(counts), key=counts.count) if counts else 0
        if common > best_count:
            best, best_count = candidate, common
    return best
