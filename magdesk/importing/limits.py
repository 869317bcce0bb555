"""Limits a clerk's workbook must keep before any reader opens it.

python-calamine (Rust) aborts the whole process when a sheet's used area is
too large to allocate (one cell at XFD1048576 is 17 billion cells once padded
from A1), and reads a deflated 2 GB sheet into 8 GB of memory.  So an .xlsx is
measured here first, by what its zip says and by a streaming scan of its XML:

- the file, the number of parts, each part's declared uncompressed size and
  compression ratio, and their total (from the zip's directory, in microseconds);
- each XML part decompressed in 1 MB chunks, never whole: it must not unpack
  to more than it declares (a forged size), and holds no DTD (entity bombs);
- in every ``<sheetData>``: the declared ``<dimension ref>``, and — since a
  dimension can lie or be absent — the rows and columns its cells really use;
- the number of shared strings.

A file beyond a limit is refused (ImportFileError) naming the limit, the sheet
or part and the figure.  An .xls (OLE, read whole by calamine) is bounded by its
size, and its cell records are walked before calamine opens it (xlsscan.py:
calamine pads every sheet when it opens the file): each sheet within the
limits above, and all sheets together within one sheet's cells.
"""

from __future__ import annotations

import copy
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import sheetscan
from .sheetscan import Use

MAX_ROWS = 1_048_576  # Excel's own
MAX_COLUMNS = 200  # a ledger has a few dozen; a stray cell far right is refused
# rows × columns of the used area, as python-calamine pads it from A1 and the
# reader holds it: ~100 MB a million cells of short texts and numbers (measured:
# 1 M 126 MB, 2 M 229 MB, 3 M 329 MB, 4 M 435 MB peak); 100,000 rows × 30 columns fit
MAX_CELLS = 4_000_000
# an area this large, with fewer cells holding a value than this share of it, is
# stray cells far from the data (calamine pads empty cells too: 43 bytes each)
SPARSE_FROM = 1_000_000
SPARSE_SHARE = 0.05
MAX_PART = 500 * 2**20  # uncompressed, any one part
MAX_TOTAL = 1024 * 2**20  # uncompressed, all parts together
MAX_RATIO = 250  # deflate of real sheets: 5–20 : 1; of repeated bytes: up to 1032 : 1
RATIO_FROM = 2**20  # the ratio is judged on parts of at least 1 MB
MAX_ENTRIES = 10_000
MAX_FILE = 500 * 2**20  # an .xlsx file
MAX_XLS = 200 * 2**20  # an .xls file (BIFF, not compressed: memory follows its size)
MAX_STRINGS = 26 * MAX_ROWS  # a string table beyond this cannot serve a sheet within limits
CHUNK = 2**20


def _error(code: str, **params):
    from .reader import ImportFileError  # reader imports this module

    return ImportFileError(code, **params)


def size_text(n: int) -> str:
    """1536 -> "1.5 KB", as a clerk reads sizes."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def check_workbook(path: Path, fmt: str) -> None:
    """Refuse ``path`` (an "xlsx" or "xls") when it is beyond the limits."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _error("import.file_unreadable", file=path.name,
                     reason=exc.strerror or exc) from None
    limit = MAX_XLS if fmt == "xls" else MAX_FILE
    if size > limit:
        raise _error("import.limit_file", file=path.name, size=size_text(size),
                     limit=size_text(limit))
    if fmt == "xlsx":
        _check_zip(path)
    elif fmt == "xls":
        _check_xls(path)


def check_area(file: str, sheet: str, rows: int, columns: int) -> None:
    """The used area of a sheet a reader returned (1-based last row and column)."""
    use = Use(rows=rows, columns=columns, cell=sheetscan.cell_name(rows, columns))
    _check_use(use, file, sheet)


def _check_xls(path: Path) -> None:
    """Every sheet of an .xls within the limits, and all of them together
    within one sheet's cells: calamine pads every sheet when it opens the file
    (xlsscan.py)."""
    import mmap

    from . import xlsscan

    total, first = 0, ""
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for sheet, rows, columns in xlsscan.sheet_areas(data):
                check_area(path.name, sheet, rows, columns)
                first, total = first or sheet, total + rows * columns
                if total > MAX_CELLS:
                    raise _error("import.limit_cells", file=path.name, sheet=f"{first} … {sheet}",
                                 rows=f"{total // columns:,}", columns=columns,
                                 cells=f"{total:,}", limit=f"{MAX_CELLS:,}")
    except (xlsscan.NotFollowed, struct.error, OSError, ValueError):
        return  # not followed here: calamine says why it cannot read it


# --- the zip --------------------------------------------------------------------

def _check_zip(path: Path) -> None:
    with open(path, "rb") as fh:
        entries = _declared_entries(fh)
    if entries > MAX_ENTRIES:
        raise _error("import.limit_entries", file=path.name, count=f"{entries:,}",
                     limit=f"{MAX_ENTRIES:,}")
    try:
        zf = zipfile.ZipFile(path)
    # (NotImplementedError: an entry asks for a newer zip version than Python reads)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _error("import.file_unreadable", file=path.name, reason=str(exc)[:200]) from None
    with zf:
        infos = zf.infolist()
        _check_directory(path.name, infos)
        try:
            names = _sheet_names(zf, infos)
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _scan_part(zf, info, path.name, names)
        # A part whose compressed data is damaged (zlib), fails its CRC, ends
        # early, is encrypted (RuntimeError) or compressed by an unknown method.
        except (zlib.error, zipfile.BadZipFile, EOFError, RuntimeError,
                NotImplementedError) as exc:
            raise _error("import.file_unreadable", file=path.name,
                         reason=" ".join(str(exc).split())[:200]) from None


def _declared_entries(fh) -> int:
    """How many parts the zip's end record declares, read before zipfile builds
    an object for each (a forged directory of millions would take gigabytes)."""
    find = getattr(zipfile, "_EndRecData", None)
    try:
        end = find(fh) if find else None
    except (OSError, ValueError, EOFError):
        end = None
    return int(end[4]) if end else 0  # _ECD_ENTRIES_TOTAL


def _check_directory(file: str, infos) -> None:
    if len(infos) > MAX_ENTRIES:
        raise _error("import.limit_entries", file=file, count=f"{len(infos):,}",
                     limit=f"{MAX_ENTRIES:,}")
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_PART:
            raise _error("import.limit_part", file=file, part=info.filename,
                         size=size_text(size), limit=size_text(MAX_PART))
        if size >= RATIO_FROM and size > MAX_RATIO * max(info.compress_size, 1):
            raise _error("import.limit_ratio", file=file, part=info.filename,
                         ratio=size // max(info.compress_size, 1), limit=MAX_RATIO)
        total += size
        if total > MAX_TOTAL:
            raise _error("import.limit_total", file=file, size=size_text(total),
                         limit=size_text(MAX_TOTAL))


_STRINGS = "\x00strings"  # marks the shared strings part among the sheet names
_SHEET = re.compile(rb'<(?:[\w.-]+:)?sheet\s[^>]*>')
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_REL = re.compile(rb'<(?:[\w.-]+:)?Relationship\s[^>]*>')


def _sheet_names(zf: zipfile.ZipFile, infos) -> dict[str, str]:
    """Part name (lower case) -> the sheet name the clerk sees, best effort: a
    refusal then names the sheet rather than ``xl/worksheets/sheet3.xml``."""
    small = {i.filename.lower(): i for i in infos if i.file_size <= 4 * 2**20}
    book, rels = small.get("xl/workbook.xml"), small.get("xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        return {}
    try:
        book_xml, rels_xml = zf.read(book), zf.read(rels)
    except Exception:  # noqa: BLE001 - names are a courtesy; the scan still runs
        return {}
    targets, names = {}, {}
    for tag in _REL.findall(rels_xml):
        attrs = _attrs(tag)
        target = attrs.get("Target", "").lstrip("/")
        target = target if target.startswith("xl/") else "xl/" + target
        targets[attrs.get("Id", "")] = target
        if attrs.get("Type", "").endswith("/sharedStrings"):
            names[target.lower()] = _STRINGS
    for tag in _SHEET.findall(book_xml):
        attrs = _attrs(tag)
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
        if rid in targets:
            names[targets[rid].lower()] = attrs.get("name", "")
    return names


def _attrs(tag: bytes) -> dict[str, str]:
    import html

    return {k.decode("utf-8", "replace"): html.unescape((a or b).decode("utf-8", "replace"))
            for k, a, b in _ATTR.findall(tag)}


# --- one part -------------------------------------------------------------------

_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


@dataclass
class _Part:
    file: str
    name: str
    sheet: str
    strings: bool = False  # the shared strings table
    size: int = 0  # declared, uncompressed


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: str,
               names: dict[str, str]) -> None:
    """Decompress one part in chunks (never more than it declares) and scan it."""
    key = info.filename.lower()
    strings_part = key.endswith("sharedstrings.xml") or names.get(key) == _STRINGS
    part = _Part(file, info.filename, info.filename if strings_part else
                 names.get(key, info.filename), strings_part, info.file_size)
    opened = copy.copy(info)
    # zipfile stops at the declared size; let it read on, so that a part that
    # holds more than it declares is seen (and refused) rather than cut short
    opened.file_size = MAX_PART + 1
    scanner = sheetscan.Scanner(_on_use(part))
    strings = 0
    total = 0
    try:
        with zf.open(opened) as stream:
            while data := stream.read(CHUNK):
                if total == 0 and _DTD.search(data, 0, 65536):
                    raise _error("import.limit_dtd", file=file, part=info.filename)
                total += len(data)
                if total > info.file_size:
                    raise _error("import.limit_declared", file=file, part=info.filename,
                                 size=size_text(info.file_size))
                scanner.feed(data)
                if part.strings or not scanner.seen_data:  # a sheet need not be counted
                    strings += data.count(b"<si>") + data.count(b"<si ") + data.count(b":si")
                if strings > MAX_STRINGS:
                    raise _error("import.limit_strings", file=file, count=f"{strings:,}",
                                 limit=f"{MAX_STRINGS:,}")
            scanner.close()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError,
            NotImplementedError) as exc:  # damaged, encrypted or an unknown method
        raise _error("import.file_unreadable", file=file,
                     reason=f"{info.filename}: {exc}"[:200]) from None
    except sheetscan.TagTooLong:
        raise _error("import.limit_tag", file=file, part=info.filename) from None
    if not scanner.seen_data:
        return
    use = scanner.use
    if scanner.exact_needed or _doubtful(use):
        use = _rescan_exact(zf, opened, part)
    _check_final(use, part)


def _rescan_exact(zf: zipfile.ZipFile, opened: zipfile.ZipInfo, part: _Part) -> Use:
    """The part again, tag by tag: its cells use a form the quick scan does not
    measure (no ``r`` attribute, a prefix, quotes or spaces of another kind)."""
    scanner = sheetscan.Scanner(_on_use(part), exact=True)
    try:
        with zf.open(opened) as stream:
            while data := stream.read(CHUNK):
                scanner.feed(data)
            scanner.close()
    except sheetscan.TagTooLong:
        raise _error("import.limit_tag", file=part.file, part=part.name) from None
    return scanner.use


def _on_use(part: _Part):
    def check(use: Use, declared: str | None = None) -> None:
        if declared is not None:
            if _beyond(use):
                raise _error("import.limit_dimension", file=part.file, sheet=part.sheet,
                             ref=declared, rows=f"{MAX_ROWS:,}", columns=MAX_COLUMNS,
                             cells=f"{MAX_CELLS:,}")
            return
        _check_reach(use, part.file, part.sheet)
        _check_values(use, part)

    return check


def _beyond(use: Use) -> bool:
    """A declared dimension beyond the rows or columns (its area is judged by
    the cells really there: Excel declares formatted cells too)."""
    return use.columns > MAX_COLUMNS or use.rows > MAX_ROWS


def _check_use(use: Use, file: str, sheet: str) -> None:
    """The area a reader returned (an .xls, or calamine's end of a sheet)."""
    _check_reach(use, file, sheet)
    cells = use.rows * use.columns
    if cells > MAX_CELLS:
        raise _error("import.limit_cells", file=file, sheet=sheet, rows=f"{use.rows:,}",
                     columns=use.columns, cells=f"{cells:,}", limit=f"{MAX_CELLS:,}")


def _check_reach(use: Use, file: str, sheet: str) -> None:
    if use.columns > MAX_COLUMNS:
        raise _error("import.limit_columns", file=file, sheet=sheet, columns=use.columns,
                     cell=use.cell, limit=MAX_COLUMNS)
    if use.rows > MAX_ROWS:
        raise _error("import.limit_rows", file=file, sheet=sheet, rows=f"{use.rows:,}",
                     cell=use.cell, limit=f"{MAX_ROWS:,}")


def _doubtful(use: Use) -> bool:
    """The quick scan's bounds (formatted cells and its floors included) leave
    the area in doubt: too large, or large and mostly empty."""
    area = use.rows * use.columns
    return area > MAX_CELLS or (area > SPARSE_FROM and use.values < SPARSE_SHARE * area)


def _check_final(use: Use, part: _Part) -> None:
    """The whole part measured (``use`` from the exact scan when in doubt):
    a large, mostly empty area, or more cells than a sheet may have."""
    area = use.rows * use.columns
    if area > SPARSE_FROM and use.values < SPARSE_SHARE * area:
        far = use.down if use.right in ("", use.down) else f"{use.down}、{use.right}"
        raise _error("import.limit_sparse", file=part.file, sheet=part.sheet,
                     ref=f"A1:{sheetscan.cell_name(use.rows, use.columns)}",
                     area=f"{area:,}", cells=f"{use.values:,}", far=far or use.cell)
    if area > MAX_CELLS or use.values > MAX_CELLS:
        raise _dense(part, max(area, use.values), use.rows)


def _dense(part: _Part, cells: int, rows: int):
    return _error("import.limit_dense", file=part.file, sheet=part.sheet, cells=f"{cells:,}",
                  rows=f"{rows:,}", limit=f"{MAX_CELLS:,}")


def _check_values(use: Use, part: _Part) -> None:
    """More cells with a value than a sheet may have, found mid-part: refused
    at once (a dense sheet of millions of cells need not be read to its end),
    its size told from the share of the part read so far."""
    if use.values > MAX_CELLS:
        whole = max(part.size, use.seen) / max(use.seen, 1)
        raise _dense(part, int(round(use.values * whole, -3)), int(round(use.row_tags * whole, -3)))
