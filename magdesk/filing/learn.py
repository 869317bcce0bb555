"""Learning a sample workbook: the authority's template as the clerk received
it (a blank download, or a form her bureau emailed), read for its layout, and
suggestions of what each of its columns holds in magdesk.

``learn_sample(path)`` finds the data sheets, their header rows under title,
reporter and instruction lines (a merged two-level header included), each
column's header path, required marker, unit, number format, drop-down list and
kind; the sheets that hold no table (instructions, code lists) are named.
``suggest(layout)`` proposes for each data sheet a source and for each column a
target — a source field, the row number or a company/period value — with a
confidence, the alternatives and the code translation of a drop-down.

Pure analysis: no Qt, no storage.  The file is measured against the import's
limits before it is opened, and openpyxl (which builds every cell) only ever
sees the first rows of a large sheet: the header and a few example rows are
all a template holds.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from ..core import enums as E
from ..core.kinds.mass import unit_alias
from ..importing.columns import KINDS
from ..importing.limits import check_workbook
from ..importing.reader import ImportFileError
from ..importing.values import header_key
from ..text import say
from .sources import SOURCES

SCAN_ROWS = 50  # rows looked at for the header and its notes
KEEP_ROWS = 200  # rows of a large sheet part that openpyxl is given
LARGE_PART = 256 * 1024  # a sheet part beyond this is cut to KEEP_ROWS before loading
MAX_HEADER_TEXT = 40  # a header cell is short; longer texts are instructions


class SampleError(ValueError):
    """The sample cannot be learned; ``code`` and ``params`` name the file,
    the sheet and the reason in the catalogue (``magdesk/text/learn.py``)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "zh") -> str:
        return say(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


@dataclass(frozen=True)
class SampleColumn:
    index: int  # 0-based
    letter: str  # "A"
    header: str  # the leaf header text as in the sample, whitespace-trimmed ("数量（吨）*")
    path: tuple[str, ...]  # header levels top-down (("产品信息", "数量（吨）*")); one if merged down
    label: str  # without required marker and unit bracket, NFKC ("数量")
    required: bool
    unit: str  # "kg" | "t" | "g" | "元" | "万元" | ""
    number_format: str  # of the first data cell, else the column's style, else "General"
    choices: tuple[str, ...]  # a list data validation over the column's data area
    kind_hint: str  # "date" | "number" | "text" | ""


@dataclass(frozen=True)
class SampleSheet:
    name: str
    title: str  # a title row's text, "" if none
    header_rows: tuple[int, ...]  # 1-based, top-down (1 or 2 rows)
    first_row: int  # 1-based first data row (after the header and any note row)
    columns: tuple[SampleColumn, ...]
    example_rows: int  # filled rows below the header (sample data), usually 0
    mass_unit: str = ""  # a unit stated above the header for the sheet ("单位：吨"): "t"
    money_unit: str = ""  # likewise for money ("金额单位：万元"): "万元"
    total: str = ""  # the label of a totals row under the sample's data ("合计"), "" if none
    total_letter: str = ""  # the column holding that label


@dataclass(frozen=True)
class SampleLayout:
    file_name: str
    sha256: str  # of the sample's bytes
    sheets: tuple[SampleSheet, ...]  # the data sheets, in workbook order
    other_sheets: tuple[str, ...]  # sheets holding no table (instructions, code lists)


# --- reading the sample --------------------------------------------------------------

def learn_sample(path) -> SampleLayout:
    """The layout of the sample workbook at ``path``; SampleError if it is not
    an .xlsx, is beyond the import's limits, or holds no data sheet."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise SampleError("learn.not_xlsx", file=path.name)
    if not path.is_file():
        raise SampleError("learn.missing", file=path.name)
    try:
        check_workbook(path, "xlsx")
        data = path.read_bytes()
    except ImportFileError as exc:
        raise SampleError("learn.limit", file=path.name, reason=exc) from None
    except OSError as exc:
        raise SampleError("learn.unreadable", file=path.name,
                          reason=exc.strerror or type(exc).__name__) from None
    digest = hashlib.sha256(data).hexdigest()
    try:
        trimmed, beyond = _trimmed(data)
        from openpyxl import load_workbook

        wb = load_workbook(trimmed, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - any reader failure: the file is not a workbook
        raise SampleError("learn.unreadable", file=path.name,
                          reason=" ".join(str(exc).split())[:200] or type(exc).__name__) from None
    referenced = _referenced_sheets(wb)
    sheets, others, looked = [], [], []
    for ws in wb.worksheets:
        sheet = None
        if ws.sheet_state == "visible" and ws.title not in referenced \
                and not _NOT_DATA_NAME.search(ws.title):
            looked.append(ws.title)
            sheet = _learn_sheet(wb, ws, beyond.get(ws.title, 0))
        if sheet is None:
            others.append(ws.title)
        else:
            sheets.append(sheet)
    others += [cs.title for cs in getattr(wb, "chartsheets", [])]
    if not sheets:
        raise SampleError("learn.no_table", file=path.name,
                          sheets="、".join(looked or [ws.title for ws in wb.worksheets]),
                          rows=SCAN_ROWS)
    return SampleLayout(path.name, digest, tuple(sheets), tuple(others))


_NOT_DATA_NAME = re.compile(r"说明|须知|指南|填报要求|代码|字典|码表|参数|instruction|readme|guide|"
                            r"lookup|code ?list", re.IGNORECASE)


def _trimmed(data: bytes) -> tuple[io.BytesIO, dict[str, int]]:
    """The workbook with each large sheet part cut after KEEP_ROWS rows, and
    for each sheet cut, how many filled rows were left out."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    names = _part_sheet_names(zin)
    out = io.BytesIO()
    beyond: dict[str, int] = {}
    with zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            key = info.filename.lower()
            if key.startswith("xl/worksheets/") and key.endswith(".xml") \
                    and len(body) > LARGE_PART:
                body, left = _cut_rows(body)
                if left:
                    beyond[names.get(key, "")] = left
            zout.writestr(info, body)
    out.seek(0)
    return out, beyond


_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br\s*=\s*["\'](\d+)["\']')
_SHEETDATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData>")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?(?:v|is)[\s>]")


def _cut_rows(body: bytes) -> tuple[bytes, int]:
    """``body`` without the rows after KEEP_ROWS, and how many of those held a value."""
    end = _SHEETDATA_END.search(body)
    if end is None:
        return body, 0
    number, cut = 0, None
    for match in _ROW_TAG.finditer(body, 0, end.start()):
        given = _ROW_NUMBER.search(match.group(1))
        number = int(given.group(1)) if given else number + 1
        if number > KEEP_ROWS:
            cut = match.start()
            break
    if cut is None:
        return body, 0
    rest = body[cut:end.start()]
    if b"<row" in rest[:8]:  # plain tags: split in C, not by the expression (12 MB: 20 ms)
        filled = sum(1 for chunk in rest.split(b"<row")[1:]
                     if b"<v>" in chunk or b"<is>" in chunk or _VALUE.search(chunk))
    else:
        filled = sum(1 for chunk in _ROW_TAG.split(rest)[2::2] if _VALUE.search(chunk))
    return body[:cut] + body[end.start():], filled


def _part_sheet_names(zin: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part (lower case) -> sheet name, from the workbook and its relations."""
    try:
        book = zin.read("xl/workbook.xml")
        rels = zin.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    import html

    targets = {}
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\s[^>]*>", rels):
        rid = re.search(rb'\bId\s*=\s*"([^"]*)"', tag)
        target = re.search(rb'\bTarget\s*=\s*"([^"]*)"', tag)
        if rid and target:
            t = target.group(1).decode("utf-8", "replace").lstrip("/")
            targets[rid.group(1)] = (t if t.startswith("xl/") else "xl/" + t).lower()
    names = {}
    for tag in re.findall(rb"<(?:[\w.-]+:)?sheet\s[^>]*>", book):
        name = re.search(rb'\bname\s*=\s*"([^"]*)"', tag)
        rid = re.search(rb'\b[\w.-]+:id\s*=\s*"([^"]*)"', tag)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = html.unescape(name.group(1).decode("utf-8", "replace"))
    return names


# --- one sheet -----------------------------------------------------------------------

class _Grid:
    """The first rows of a sheet as values, with its merged ranges."""

    def __init__(self, ws):
        self.ws = ws
        self.rows = min(ws.max_row or 0, SCAN_ROWS + 2)
        self.cols = min(ws.max_column or 0, 200)
        self.values: list[list] = [list(r) for r in ws.iter_rows(
            min_row=1, max_row=self.rows, max_col=self.cols, values_only=True)] \
            if self.rows and self.cols else []
        self.merge_at: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for rng in ws.merged_cells.ranges:
            box = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
            if rng.min_row > self.rows:
                continue
            for r in range(rng.min_row, min(rng.max_row, self.rows) + 1):
                for c in range(rng.min_col, min(rng.max_col, self.cols) + 1):
                    self.merge_at[(r, c)] = box

    def raw(self, r: int, c: int):
        if 1 <= r <= len(self.values) and 1 <= c <= len(self.values[r - 1]):
            return self.values[r - 1][c - 1]
        return None

    def value(self, r: int, c: int):
        """The cell's value, a merged range's top-left value for any cell it covers."""
        box = self.merge_at.get((r, c))
        return self.raw(box[0], box[1]) if box else self.raw(r, c)

    def units(self, r: int) -> list[tuple[int, object, tuple | None]]:
        """(first column, value, merge box) of each filled cell or merged range in row r."""
        seen, out = set(), []
        for c in range(1, self.cols + 1):
            box = self.merge_at.get((r, c))
            if box:
                if box in seen:
                    continue
                seen.add(box)
            value = self.value(r, c)
            if _filled(value):
                out.append((c, value, box))
        return out


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


_NUMBERISH = re.compile(r"^[\s\d.,+\-%/年月日:：]*$")


def _short_text(value) -> bool:
    """A header-like cell: a short text, not a number or date, not a "label："
    line (a colon inside brackets is part of a header: 数量（单位：吨）)."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    bare = _BRACKET.sub("", unicodedata.normalize("NFKC", text))
    return (0 < len(text) <= MAX_HEADER_TEXT and not _NUMBERISH.match(text)
            and ":" not in bare)


def _header_like(text: str) -> bool:
    """A column's header, not a note beside the table (注：…)."""
    bare = _BRACKET.sub("", unicodedata.normalize("NFKC", text))
    return len(text) <= 60 and ":" not in bare


def _learn_sheet(wb, ws, beyond: int) -> SampleSheet | None:
    grid = _Grid(ws)
    if not grid.values:
        return None
    best, score = 0, 1
    for r in range(1, min(grid.rows, SCAN_ROWS) + 1):
        count = sum(1 for _c, v, _b in grid.units(r) if _short_text(v))
        if count > score:
            best, score = r, count
    if not best:
        return None
    header_rows = _header_rows(grid, best)
    leaf = header_rows[-1]
    parent = header_rows[0] if len(header_rows) == 2 else 0
    above = [str(v) for r in range(1, header_rows[0]) for _c, v, _b in grid.units(r)]
    width = sum(1 for c in range(1, grid.cols + 1) if _path(grid, c, leaf, parent))
    note = _note_row(grid, leaf + 1, width)
    if note == "line":
        above += [str(v) for _c, v, _b in grid.units(leaf + 1)]
    markers = _required_markers(above)
    note_row = leaf + 1 if note == "columns" else 0
    first_row = leaf + (2 if note else 1)
    validations = _validations(wb, ws)
    columns = []
    for c in range(1, grid.cols + 1):
        path = _path(grid, c, leaf, parent)
        if not path or not _header_like(path[-1]):
            continue
        columns.append(_column(ws, grid, c, path, markers, note_row, first_row, validations))
    if len(columns) <= 2:  # a code list (code, name) or a note: no table to fill
        return None
    if _long_texts(grid, first_row):  # a table of explanations, not of data
        return None
    total, total_letter = _total_row(ws, first_row, len(columns))
    return SampleSheet(ws.title, _title(grid, header_rows[0]), header_rows, first_row,
                       tuple(columns), _example_rows(grid, ws, first_row, len(columns)) + beyond,
                       *_stated_units(above), total, total_letter)


def _long_texts(grid: _Grid, first_row: int) -> bool:
    """Most rows under the header hold a long text (field | what to fill in)."""
    rows = [[v for v in grid.values[r - 1] if _filled(v)]
            for r in range(first_row, min(grid.rows, first_row + 20) + 1)]
    rows = [r for r in rows if r]
    long = sum(1 for r in rows
               if any(isinstance(v, str) and len(v.strip()) > MAX_HEADER_TEXT for v in r))
    return len(rows) >= 3 and long * 2 > len(rows)


def _header_rows(grid: _Grid, best: int) -> tuple[int, ...]:
    """``(best,)``, or two rows when the row above (or below) is the upper level."""

    def spans(r: int) -> bool:  # a header text merged across columns in row r, among others
        units = [(v, b) for _c, v, b in grid.units(r) if _short_text(v)]
        return len(units) >= 2 and any(b and b[0] == r and b[2] == r and b[3] > b[1]
                                       for _v, b in units)

    if best > 1:
        up = best - 1
        merged_down = any(b and b[0] == up and b[2] >= best and _short_text(v)
                          for _c, v, b in grid.units(best))
        if spans(up) or merged_down:
            return (up, best)
    below = best + 1
    if spans(best) and below <= grid.rows:
        under = [(c, v) for c, v, b in grid.units(below) if not (b and b[0] < below)]
        if under and all(_short_text(v) for _c, v in under):
            boxes = [b for _c, _v, b in grid.units(best) if b and b[3] > b[1]]
            if all(any(b[1] <= c <= b[3] for b in boxes) for c, _v in under):
                return (best, below)
    return (best,)


def _text(value) -> str:
    """A header cell's text on one line: a line break between Chinese
    characters joins them (客户\n名称), one beside a Latin letter or digit
    is a space (销售日期\nDate)."""
    if value is None:
        return ""

    def join(match: re.Match) -> str:
        text = match.string
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        rest = text[match.end():].split("\n", 1)[0].strip(" *＊※▲△★☆#")
        return " " if before.isascii() and before.isalnum() or after.isascii() and \
            after.isalnum() or (_unit_word(rest) and not _BRACKET.match(rest)) else ""  # 金额\n万元

    return re.sub(r"\s*\n\s*", join, str(value).strip())


def _path(grid: _Grid, c: int, leaf: int, parent: int) -> tuple[str, ...]:
    box = grid.merge_at.get((leaf, c))
    if box and box[1] != c and box[0] == leaf:
        return ()  # covered by a header merged across from the left
    leaf_text = _text(grid.value(leaf, c)) if _filled(grid.value(leaf, c)) else ""
    if not parent:
        return (leaf_text,) if leaf_text else ()
    if box and box[0] <= parent:  # merged down from the upper level: one level
        return (leaf_text,) if leaf_text else ()
    up = grid.value(parent, c)
    up_text = _text(up) if _filled(up) else ""
    up_box = grid.merge_at.get((parent, c))
    if up_text and up_box and up_box[3] > up_box[1]:
        return (up_text, leaf_text) if leaf_text else (up_text,)
    if leaf_text:
        return (up_text, leaf_text) if up_text else (leaf_text,)
    return (up_text,) if up_text else ()


def _title(grid: _Grid, top: int) -> str:
    """The text of a row above the header holding one short text, one merged
    across columns first (a lone 附件1 in A1 is no title)."""
    found = []
    for r in range(1, top):
        units = grid.units(r)
        if len(units) == 1 and isinstance(units[0][1], str):
            text = _text(units[0][1])
            if text and len(text) <= MAX_HEADER_TEXT and ":" not in text and "：" not in text \
                    and not text.startswith(("说明", "注", "填报说明", "备注")):
                box = units[0][2]
                found.append((0 if box and box[3] > box[1] else 1, r, text))
    return min(found)[2] if found else ""


_STATED = re.compile(r"(重量|数量|质量|金额|货值|价值|价格)?\s*(?:的)?(?:计量)?单位\s*(?:[:：]|为|是)\s*"
                     r"([^\s,，;；。、()（）]{1,5})|(重量|数量|质量|金额|货值)?\s*以\s*([^\s,，;；。]{1,4}?)\s*为单位")
_STATED_LIST = re.compile(r"单位\s*(?:[:：]|为|是)\s*((?:[^\s,，;；。、()（）/]{1,4}\s*[、,]\s*)+"
                          r"[^\s,，;；。、()（）/]{1,4})(?![/\w])")
# 单位：数量为吨，金额为万元 (the unit after the quantity it is of)
_STATED_EACH = re.compile(r"(重量|数量|质量|金额|货值|价值)\s*(?:为|是|按|用|[:：])\s*"
                          r"([^\s\d,，;；。、()（）]{1,4})")


def _stated_units(texts: list[str]) -> tuple[str, str]:
    """(mass, money) units a line above the header states for the sheet:
    单位：吨, 金额单位：万元, 数量以吨为单位."""
    mass = money = ""
    for text in texts:
        normal = unicodedata.normalize("NFKC", text)
        words = [match.group(2) or match.group(4) or ""
                 for match in (*_STATED.finditer(normal), *_STATED_EACH.finditer(normal))]
        for match in _STATED_LIST.finditer(normal):  # 单位：吨、万元
            words += re.split(r"[、,]", match.group(1))
        for word in words:
            unit = _unit_word(word)
            if unit in ("元", "万元"):
                money = money or unit
            elif unit:
                mass = mass or unit
    return mass, money


_RULE = re.compile(r"([*＊※▲△★☆#])[^。；;，,]{0,10}?必填")
_NOTE_WORDS = re.compile(r"必填|选填|可选|可不填|必须|required|optional", re.IGNORECASE)
_NOT_REQUIRED = re.compile(r"非必填|不必填|选填|可不填|optional", re.IGNORECASE)
_REQUIRED = re.compile(r"必填|必须填|required", re.IGNORECASE)


def _required_markers(texts: list[str]) -> frozenset[str]:
    """``*`` and ``＊``, plus the marker an instruction line names (带▲为必填)."""
    markers = {"*", "＊"}
    for text in texts:
        for match in _RULE.finditer(text):
            markers.add(match.group(1))
    return frozenset(markers)


def _note_row(grid: _Grid, r: int, width: int) -> str:
    """What row ``r`` under the header is: "columns" (必填／选填 or a unit per
    column, or the columns numbered 1..n), "line" (one instruction across the
    table), or "" (data)."""
    if r > grid.rows:
        return ""
    units = [(v, b) for _c, v, b in grid.units(r) if not (b and b[0] < r)]
    values = [v for v, _b in units]
    if not values:
        return ""
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        numbers = [int(v) for v in values if float(v).is_integer()]
        return "columns" if len(numbers) == len(values) >= 3 and numbers == list(
            range(numbers[0], numbers[0] + len(numbers))) else ""
    if not all(isinstance(v, str) for v in values):
        return ""
    texts = [v.strip() for v in values]
    if len(units) == 1 and width >= 3:
        box = units[0][1]
        if len(texts[0]) > MAX_HEADER_TEXT / 2 or (box and box[3] - box[1] + 1 >= width / 2):
            return "line"
    if any(_NOTE_WORDS.search(t) or _unit_word(t) for t in texts) and all(
            len(t) <= 20 and (_NOTE_WORDS.search(t) or _unit_word(t) or t in ("是", "否", "-", "/"))
            for t in texts):
        return "columns"
    return ""


_MONEY = {"元": "元", "人民币": "元", "人民币元": "元", "rmb": "元", "cny": "元", "万元": "万元",
          "万元人民币": "万元", "人民币万元": "万元"}


def _unit_word(text: str) -> str:
    """The unit a word names ("千克" -> "kg", "万元" -> "万元"), or ""."""
    word = unicodedata.normalize("NFKC", text).strip().casefold()
    word = re.sub(r"^(?:计量)?单位[:：]?", "", word.strip("()[]【】")).strip()
    return unit_alias(word) or _MONEY.get(word, "") if word else ""


_BRACKET = re.compile(r"[(\[【<{]([^)\]】>}]*)[)\]】>}]")
_SLASH_UNIT = re.compile(r"/\s*([^/()\[\]]+?)\s*$")


def _unit_and_label(header: str, markers: frozenset[str]) -> tuple[str, str]:
    text = unicodedata.normalize("NFKC", header)
    for mark in markers:
        text = text.replace(unicodedata.normalize("NFKC", mark), "")
    unit = ""

    def bracket(match: re.Match) -> str:
        nonlocal unit
        inner = match.group(1).strip()
        if _REQUIRED.fullmatch(inner) or _NOT_REQUIRED.fullmatch(inner):
            return ""
        found = _unit_word(inner)
        if found:
            unit = unit or found
            return ""
        return match.group(0)

    text = _BRACKET.sub(bracket, text)
    slash = _SLASH_UNIT.search(text)
    if slash and _unit_word(slash.group(1)):
        unit = unit or _unit_word(slash.group(1))
        text = text[:slash.start()]
    text = re.sub(r"(?<![非不])(必填|必须填)$", "", text.strip())
    words = text.split()
    if not unit and len(words) > 1 and _unit_word(words[-1]):  # 重量 kg, 金额 万元
        unit = _unit_word(words.pop())
    return unit, " ".join(words)


def _column(ws, grid: _Grid, c: int, path: tuple[str, ...], markers: frozenset[str],
            note_row: int, first_row: int, validations) -> SampleColumn:
    from openpyxl.utils import get_column_letter

    header = path[-1]
    unit, label = _unit_and_label(header, markers)
    note = _text(grid.value(note_row, c)) if note_row else ""
    if not unit and note:
        unit = _unit_word(note)
    normal = unicodedata.normalize("NFKC", header)
    required = (any(unicodedata.normalize("NFKC", m) in normal for m in markers)
                or bool(_REQUIRED.search(normal) and not _NOT_REQUIRED.search(normal))
                or bool(note and _REQUIRED.search(note) and not _NOT_REQUIRED.search(note)))
    letter = get_column_letter(c)
    fmt = _number_format(ws, c, letter, first_row)
    kind, choices = _validation_at(validations, c, first_row)
    example = grid.raw(first_row, c) if first_row <= grid.rows else None
    return SampleColumn(c - 1, letter, header, path, label, required, unit, fmt, choices,
                        _kind_hint(fmt, kind, example))


def _number_format(ws, c: int, letter: str, first_row: int) -> str:
    fmt = ws.cell(first_row, c).number_format
    if fmt and fmt != "General":
        return fmt
    for dim in ws.column_dimensions.values():
        low, high = dim.min or 0, dim.max or 0
        if (low <= c <= high) or (not low and dim.index == letter):
            style = dim.number_format
            if style and style != "General":
                return style
    return "General"


def _kind_hint(fmt: str, validation: str, example) -> str:
    from openpyxl.styles.numbers import is_date_format

    if fmt == "@":
        return "text"
    if fmt and fmt != "General":
        if is_date_format(fmt):
            return "date"
        if re.search(r"[0#?]", fmt):
            return "number"
    if validation in ("date", "time"):
        return "date"
    if validation in ("whole", "decimal"):
        return "number"
    if validation == "list":
        return "text"
    if isinstance(example, datetime | date | time):
        return "date"
    if isinstance(example, int | float) and not isinstance(example, bool):
        return "number"
    if isinstance(example, str) and example.strip():
        return "text"
    return ""


_TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计|total|sum)\s*[:：]?$", re.IGNORECASE)


def _total_row(ws, first_row: int, width: int) -> tuple[str, str]:
    """The label and column of a totals row (合计, 总计, Total) among the
    sample's first rows under its header, if it has one."""
    for row in ws.iter_rows(min_row=first_row, max_row=first_row + SCAN_ROWS,
                            max_col=max(width, 1)):
        for cell in row:
            if isinstance(cell.value, str) and _TOTAL.match(cell.value.strip()):
                return cell.value.strip(), cell.column_letter
    return "", ""


def _example_rows(grid: _Grid, ws, first_row: int, width: int) -> int:
    count = 0
    for row in ws.iter_rows(min_row=first_row, max_row=max(ws.max_row or 0, first_row),
                            max_col=max(grid.cols, width), values_only=True):
        if any(_filled(v) for v in row):
            count += 1
    return count


# --- data validations ---------------------------------------------------------------

def _validations(wb, ws) -> list[tuple[list, str, tuple[str, ...]]]:
    """(ranges, type, choices) of each validation of the sheet."""
    out = []
    for dv in ws.data_validations.dataValidation:
        kind = dv.type or ""
        choices: tuple[str, ...] = ()
        if kind == "list":
            choices = _list_choices(wb, ws, dv.formula1 or "")
        out.append((list(dv.sqref.ranges), kind, choices))
    return out


def _validation_at(validations, c: int, first_row: int) -> tuple[str, tuple[str, ...]]:
    for ranges, kind, choices in validations:
        for rng in ranges:
            if rng.min_col <= c <= rng.max_col and rng.max_row >= first_row:
                return kind, choices
    return "", ()


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def _list_choices(wb, ws, formula: str) -> tuple[str, ...]:
    formula = formula.strip().lstrip("=")
    if formula.startswith('"'):
        inner = formula[1:-1] if formula.endswith('"') and len(formula) > 1 else formula[1:]
        return tuple(t.strip() for t in inner.replace('""', '"').split(",") if t.strip())
    target = _resolve(wb, ws, formula)
    if target is None:
        return ()
    sheet, ref = target
    if sheet not in wb.sheetnames or not _REF.match(ref.replace("$", "")):
        return ()
    values = []
    for row in wb[sheet][ref.replace("$", "")] if ":" in ref else ((wb[sheet][ref.replace("$", "")],),):
        for cell in row:
            if _filled(cell.value):
                values.append(_choice_text(cell.value))
    return tuple(values)


def _choice_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _resolve(wb, ws, formula: str) -> tuple[str, str] | None:
    """(sheet, range) of a reference or a defined name."""
    if "!" in formula:
        sheet, ref = formula.rsplit("!", 1)
        sheet = sheet.strip()
        if sheet.startswith("'") and sheet.endswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        return sheet, ref.strip()
    if _REF.match(formula.replace("$", "")):
        return ws.title, formula
    for names in (getattr(ws, "defined_names", {}), wb.defined_names):
        defined = names.get(formula) if hasattr(names, "get") else None
        if defined is not None:
            for sheet, ref in defined.destinations:
                return sheet, ref
    return None


def _referenced_sheets(wb) -> set[str]:
    """The sheets a drop-down list draws on: code lists, never data sheets."""
    found = set()
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            if dv.type == "list" and dv.formula1 and not dv.formula1.strip().startswith('"'):
                target = _resolve(wb, ws, dv.formula1.strip().lstrip("="))
                if target and target[0] != ws.title:
                    found.add(target[0])
    return found


# --- suggestions -------------------------------------------------------------------------

@dataclass(frozen=True)
class ColumnSuggestion:
    letter: str
    target: str  # a source field, "seq", "@period", "@company.name", "@company.uscc" or ""
    confidence: str  # "sure" | "guess" | "none"
    alternatives: tuple[str, ...]  # other plausible targets, best first
    unit: str  # the unit to write in: "t", "kg", "g", "元", "万元", or ""
    codes: dict[str, str]  # magdesk value -> the sample's choice ({"true": "是", ...})
    note: str  # why, short English


@dataclass(frozen=True)
class SheetSuggestion:
    sheet: str
    source: str  # a key of magdesk.filing.sources.SOURCES
    columns: tuple[ColumnSuggestion, ...]


SPECIAL = ("seq", "@period", "@company.name", "@company.uscc")
_SPECIAL_WORDS = {
    "seq": ("序号", "行号", "行次", "序", "编号序号", "no", "no.", "#", "s/n", "sn", "seq", "item",
            "line"),
    "@period": ("所属期", "所属期间", "所属月份", "报告期", "报告月份", "填报月份", "填报期间", "统计期",
                "统计月份", "申报期", "申报月份", "报送期", "期间", "月份", "period", "month",
                "reporting period"),
    "@company.name": ("填报单位", "填报单位名称", "填报企业", "填报企业名称", "申报单位", "申报单位名称",
                      "申报企业", "申报企业名称", "报送单位", "报送企业", "本企业名称", "本单位名称",
                      "reporting company", "reporter"),
    "@company.uscc": ("填报单位统一社会信用代码", "填报企业统一社会信用代码", "申报单位统一社会信用代码",
                      "申报企业统一社会信用代码", "本企业统一社会信用代码", "企业统一社会信用代码",
                      "填报单位信用代码", "reporter credit code"),
}
# The words authority forms use, beyond magdesk's own labels and the import's aliases.
_FORM_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "sales": {
        "date": ("销售日期", "交易日期", "出库日期", "发货日期", "开票日期", "sale date"),
        "customer_name": ("购买方", "购买方名称", "采购方", "采购方名称", "客户名称", "客户", "购买单位",
                          "购货方", "购货方名称", "采购单位", "客户单位", "买方", "购货单位", "购货单位名称",
                          "购方", "购方名称", "收货单位", "收货单位名称", "customer",
                          "buyer"),
        "customer_uscc": ("购买方统一社会信用代码", "客户统一社会信用代码", "购买方信用代码",
                          "采购方统一社会信用代码", "购货方统一社会信用代码", "买方统一社会信用代码",
                          "客户信用代码", "客户社会信用代码", "购买方社会信用代码",
                          "buyer credit code"),
        "customer_cp_type": ("客户类型", "购买方类型", "客户性质", "购买方性质", "客户企业类型",
                             "customer type"),
        "customer_country": ("国家(地区)", "客户国家", "客户所在国", "国别", "国家", "country"),
        "product_code": ("产品编码", "产品代码", "物料编码"),
        "product_name": ("产品名称", "品名", "商品名称", "货物名称", "产品", "product",
                         "product name"),
        "category": ("产品类别", "产品类型", "产品种类", "品类"),
        "grade": ("牌号", "产品牌号", "性能牌号", "规格牌号", "牌号规格", "grade"),
        "batch_no": ("批次号", "批号", "生产批号", "产品批号", "生产批次号", "batch no", "batch"),
        "qty_g": ("销售数量", "销售量", "销售重量", "重量", "净重", "出库数量", "出库重量", "数量",
                  "quantity", "weight", "net weight"),
        "qty_pcs": ("件数", "片数", "销售件数"),
        "amount_fen": ("销售额", "销售金额", "金额", "货值", "销售收入", "含税金额", "amount",
                       "value"),
        "is_export": ("是否出口", "出口", "是否境外销售", "境外销售", "export"),
        "doc_no": ("出库单号", "销售单号", "单号", "单据编号", "发货单号"),
        "invoice_no": ("发票号码", "发票号", "invoice no"),
        "contract_no": ("合同号", "合同编号", "contract no"),
        "currency": ("币种", "币别", "currency"),
        "hs_code": ("海关商品编号", "海关编码", "商品编码", "hs编码"),
    },
    "purchases": {
        "date": ("采购日期", "入库日期", "到货日期", "购进日期", "purchase date"),
        "supplier_name": ("供应商名称", "供应商", "供货方", "供货方名称", "供货单位", "销售方", "销售方名称",
                          "卖方", "supplier"),
        "supplier_cp_type": ("供应商类型", "供货方类型", "供应商性质", "供货方性质", "supplier type"),
        "supplier_uscc": ("供应商统一社会信用代码", "供货方统一社会信用代码", "销售方统一社会信用代码",
                          "供货单位统一社会信用代码", "卖方统一社会信用代码", "供应商信用代码",
                          "供应商社会信用代码", "供货方社会信用代码"),
        "product_code": ("物料编码", "原料编码", "产品编码"),
        "product_name": ("原料名称", "物料名称", "产品名称", "品名", "货物名称", "商品名称"),
        "category": ("产品类别", "原料类别", "物料类别"),
        "lot_no": ("批号", "批次号", "原料批号", "供应商批号", "lot no"),
        "qty_g": ("采购数量", "采购量", "采购重量", "入库数量", "入库重量", "重量", "净重", "数量",
                  "quantity", "weight"),
        "amount_fen": ("采购金额", "金额", "货值", "含税金额", "amount"),
        "origin": ("来源", "采购来源", "原料来源", "国产/进口"),
        "import_decl_no": ("进口报关单号",),
        "invoice_no": ("发票号码", "发票号"),
        "doc_no": ("入库单号", "采购单号", "单号"),
        "hs_code": ("海关商品编号", "海关编码", "商品编码"),
    },
    "batches": {
        "batch_no": ("生产批号", "批次号", "批号", "生产批次"),
        "start_date": ("投产日期", "生产日期", "开工日期"),
        "end_date": ("完工日期", "入库日期", "完工入库日期"),
        "process": ("工艺", "生产工艺"),
        "product_name": ("产品名称", "产出产品名称", "成品名称"),
        "grade": ("牌号", "产品牌号"),
        "output_g": ("产量", "产出重量", "生产数量", "产出数量", "成品重量", "完工重量"),
        "lot_no": ("投料批号", "原料批号", "领料批号"),
        "input_g": ("投料重量", "投料量", "投料数量", "领用量", "消耗量", "原料消耗"),
    },
    "exports": {
        "customs_decl_no": ("报关单号", "出口报关单号", "报关单编号", "海关报关单号"),
        "decl_date": ("出口日期", "报关日期", "申报日期", "出境日期"),
        "destination": ("目的国", "运抵国", "运抵国(地区)", "目的国(地区)", "出口国家", "destination"),
        "consignee_name": ("境外收货人", "收货人", "境外客户", "进口商", "consignee"),
        "end_user": ("最终用户", "end user"),
        "end_use": ("最终用途", "用途", "end use"),
        "controlled": ("是否管制物项", "是否属于管制物项", "管制物项", "是否管制"),
        "control_no": ("管制编码", "管制编号", "物项编码"),
        "licence_type": ("许可证类型",),
        "licence_no": ("许可证号", "出口许可证号", "许可证编号"),
        "qty_g": ("出口数量", "出口重量", "重量", "净重", "数量"),
        "value_fen": ("货值", "出口金额", "金额", "出口货值", "value"),
        "currency": ("币种", "币制", "币别"),
        "sale_doc_no": ("出库单号", "销售单号"),
    },
    "inventory": {
        "product_code": ("产品编码", "物料编码", "产品代码"),
        "product_name": ("产品名称", "物料名称", "品名"),
        "category": ("产品类别", "产品类型"),
        "opening_g": ("期初库存", "期初结存", "上月结存", "期初数量", "上期结存", "期初"),
        "in_purchase": ("采购入库", "本月采购", "购进", "外购入库", "采购"),
        "in_production": ("生产入库", "本月生产", "产量", "自产入库", "生产"),
        "out_sales": ("销售出库", "本月销售", "销量", "销售"),
        "out_consumption": ("生产领用", "领用", "消耗", "生产消耗"),
        "out_loss": ("损耗", "损耗量", "损失"),
        "closing_g": ("期末库存", "期末结存", "本月结存", "结存", "库存", "期末"),
    },
    "counterparties": {
        "name_cn": ("单位名称", "企业名称", "名称", "客户名称", "供应商名称", "交易对象名称", "name"),
        "name_en": ("英文名称", "外文名称"),
        "cp_type": ("企业类型", "单位类型", "客户类型", "交易对象类型", "类型"),
        "role": ("角色", "往来类型", "客户/供应商"),
        "uscc": ("统一社会信用代码", "信用代码"),
        "foreign_reg_no": ("境外登记号", "登记号", "注册号"),
        "country": ("国家(地区)", "国家", "国别", "country"),
        "address": ("地址", "注册地址", "单位地址"),
    },
}
# the party's type on a purchase or sale row (not a column of the built-in template)
_PARTY_TYPES = {("sales", "customer_cp_type"): E.CpType, ("purchases", "supplier_cp_type"): E.CpType}
_SHEET_WORDS = (
    ("exports", ("出口", "报关")),
    ("sales", ("销售", "出库", "流向", "sales", "sale")),
    ("purchases", ("采购", "入库", "购进", "purchase")),
    ("batches", ("生产", "批次", "production", "batch")),
    ("inventory", ("库存", "结存", "进销存", "inventory", "stock")),
    ("counterparties", ("交易对象", "客户", "供应商", "名录", "counterpart", "customer",
                        "supplier")),
)
_ENTITY_SOURCE = {"counterparty": "counterparties", "purchase": "purchases", "batch": "batches",
                  "sale": "sales", "export": "exports"}
_RENAME = {("batch", "input_lot"): "lot_no", ("batch", "input_product"): "input_product_code",
           ("batch", "input_qty"): "input_g"}
_PRODUCT = {"code": "product_code", "name_cn": "product_name", "category": "category",
            "grade": "grade", "hs_code": "hs_code"}
_PARENT_TAIL = re.compile(r"(信息|情况|资料|明细|info|information|details)$")
# priorities of an alias's provenance: lower is stronger
_FORM, _OWN, _IMPORT, _BASE = 0, 1, 2, 3
# magdesk's word for the party or the goods a parent header names
_PARENT_WORD = {"customer_name": "客户", "supplier_name": "供应商", "product_name": "产品"}


def _key(text: str) -> str:
    """A header compared: NFKC, case-folded, without spaces, markers or a
    trailing full stop (the import's header_key, its whole form)."""
    return header_key(text)[0].rstrip(".")


def _base(text: str) -> str:
    return header_key(text)[1].rstrip(".")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, dict[str, dict[str, int]]], dict[tuple[str, str], str],
                           dict[tuple[str, str], type[E.LabelledEnum] | str]]:
    """``(aliases, kinds, enums)``: per source, header key -> {field: priority};
    the built-in template's kind of each (source, field); its enumerations
    (and "bool")."""
    from .template import load_template

    aliases: dict[str, dict[str, dict[str, int]]] = {s: {} for s in SOURCES}

    def add(source: str, field: str, text: str, priority: int) -> None:
        if field not in SOURCES[source] or not text:
            return
        for key in {_key(text), _base(text)} if priority == _BASE else {_key(text)}:
            if key:
                slot = aliases[source].setdefault(key, {})
                slot[field] = min(slot.get(field, priority), priority)

    kinds: dict[tuple[str, str], str] = {}
    enums: dict[tuple[str, str], type[E.LabelledEnum] | str] = {}
    try:
        builtin = load_template("REFLOW-1")
    except Exception:  # noqa: BLE001 - the suggestions then go without its headers
        builtin = None
    for sheet in getattr(builtin, "sheets", ()):
        for col in sheet.columns:
            field, kind = getattr(col, "field", ""), getattr(col, "kind", "")
            if field in SOURCES.get(sheet.source, ()):
                kinds[(sheet.source, field)] = kind
                if getattr(col, "enum", None) is not None:
                    enums[(sheet.source, field)] = col.enum
                elif kind == "bool":
                    enums[(sheet.source, field)] = "bool"
                add(sheet.source, field, getattr(col, "header", ""), _OWN)
                add(sheet.source, field, getattr(col, "header", ""), _BASE)
    for (source, field), enum in _PARTY_TYPES.items():
        kinds[(source, field)] = "enum"
        enums[(source, field)] = enum
    for source, fields in _FORM_WORDS.items():
        for field, words in fields.items():
            for word in words:
                add(source, field, word, _FORM)
    for kind in KINDS.values():
        for col in kind.columns:
            if kind.entity == "product":
                field = _PRODUCT.get(col.name)
                targets = [s for s in SOURCES if field and field in SOURCES[s]
                           and s != "counterparties"]
            else:
                source = _ENTITY_SOURCE.get(kind.entity)
                field = _RENAME.get((kind.entity, col.name), col.name)
                targets = [source] if source else []
            for source in targets:
                add(source, field, col.zh, _OWN)
                add(source, field, col.en, _OWN)
                for alias in col.aliases:
                    add(source, field, alias, _IMPORT)
    return aliases, kinds, enums


@lru_cache(maxsize=1)
def _special_keys() -> dict[str, str]:
    return {_key(w): target for target, words in _SPECIAL_WORDS.items() for w in words}


def field_kind(source: str, target: str) -> tuple[str, str]:
    """``(kind, enum)`` of a target a column may hold: the built-in template's
    kind ("text", "date", "mass", "money", "integer", "enum", "bool", "seq")
    and an enumeration's name ("CpType"), "" when none; a company or period
    value is text, a field the built-in template lacks text."""
    if target == "seq":
        return "seq", ""
    _aliases, kinds, enums = _vocabulary()
    enum = enums.get((source, target))
    name = enum.__name__ if isinstance(enum, type) else ""
    return kinds.get((source, target), "text"), name


def suggest(layout: SampleLayout) -> tuple[SheetSuggestion, ...]:
    """For each data sheet of ``layout``: the source it best matches and a
    target for each of its columns."""
    return tuple(_suggest_sheet(sheet) for sheet in layout.sheets)


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'&/\-]*")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _halves(text: str) -> list[str]:
    """The Chinese words and the Latin ones of a header in both languages
    (数量 Quantity → 数量, Quantity); none for a header in one."""
    text = unicodedata.normalize("NFKC", text)
    if not _CJK.search(text) or not re.search(r"[A-Za-z]{2}", text):
        return []
    chinese = " ".join(_LATIN.sub(" ", text).split())
    latin = " ".join(_CJK.sub(" ", text).split())
    return [half for half in (chinese, latin) if half and half != text]


_YES_NO_TAIL = re.compile(r"[(\[]?\s*(?:是/否|是或否|y/n|yes/no)\s*[)\]]?$")


def _candidates(column: SampleColumn, source: str) -> list[tuple[int, str, str]]:
    """(rank, target, how) of the targets a column may hold, best first: rank 0-3
    an exact header (via the parent first), 10+ a header containing an alias."""
    aliases, kinds, _enums = _vocabulary()
    table = aliases[source]
    specials = _special_keys()
    texts = []  # (text, as shown, whether it is the parent's and the label's)
    if len(column.path) == 2:
        parent = unicodedata.normalize("NFKC", column.path[0]).strip()
        short = _PARENT_TAIL.sub("", parent)
        texts += [(short + column.label, f"{parent}/{column.label}", True),
                  (parent + column.label, f"{parent}/{column.label}", True)]
        # a parent naming the party or the goods in the form's own words
        # (购货单位 over 名称, 类型): as magdesk names them (客户名称, 客户类型)
        for field in table.get(_key(short), {}):
            if field in _PARENT_WORD and _PARENT_WORD[field] != short:
                texts.append((_PARENT_WORD[field] + column.label, f"{parent}/{column.label}",
                              True))
    texts += [(column.label, column.label, False), (column.header, column.header, False),
              (_base(column.label), column.label, False),
              (_YES_NO_TAIL.sub("", _base(column.label)), column.label, False)]
    # a bilingual header (数量 Quantity, 销售日期\nDate) that is no alias whole:
    # each language's words alone
    labels = [column.label, *_halves(column.label)]
    halves = []
    if len(column.path) == 2:
        for up in (parent, *_halves(parent)):
            short = _PARENT_TAIL.sub("", up)
            halves += [(short + label, f"{parent}/{column.label}", True)
                       for label in labels if (up, label) != (parent, column.label)]
    halves += [(half, column.label, False) for half in labels[1:]]
    found: dict[str, tuple[int, str]] = {}

    def offer(target: str, rank: int, how: str) -> None:
        if target not in found or rank < found[target][0]:
            found[target] = (rank, how)

    for text, shown, whole in texts + (halves if not _aliased(texts, table, specials) else []):
        key = _key(text)
        if not key:
            continue
        if key in specials:
            offer(specials[key], 0, f"header {shown} names {specials[key]}")
        for field, priority in table.get(key, {}).items():
            offer(field, priority + (0 if whole or len(column.path) == 1 else 4),
                  f"header {shown} is an alias of {field}")
    for label in (labels if not found else ()):
        label = _key(label)
        for alias, fields in table.items():
            # one inside the other, the shorter more than half the longer
            # (客户 is no guess for 客户类型)
            if min(len(alias), len(label)) >= 2 and 2 * min(len(alias), len(label)) > \
                    max(len(alias), len(label)) and (alias in label or label in alias):
                for field, priority in fields.items():
                    offer(field, 10 + priority + (0 if alias in label else 2),
                          f"header {column.label} resembles {alias}")
    ranked = sorted(found.items(), key=lambda item: (item[1][0], _unit_fit(item[0], column,
                                                                              source, kinds)))
    return [(rank, target, how) for target, (rank, how) in ranked
            if _unit_fit(target, column, source, kinds) < 2]


def _aliased(texts, table, specials) -> bool:
    return any(_key(text) in table or _key(text) in specials for text, _s, _w in texts)


def _unit_fit(target: str, column: SampleColumn, source: str, kinds) -> int:
    """0 the column's unit suits the target, 1 no unit said, 2 a unit of another kind."""
    kind = kinds.get((source, target), "")
    if not column.unit:
        return 1 if kind in ("mass", "money") else 0
    unit_kind = "money" if column.unit in ("元", "万元") else "mass"
    if kind in ("mass", "money"):
        return 0 if kind == unit_kind else 2
    return 2 if kind in ("date", "bool", "enum", "seq") else 1


def _source_for(sheet: SampleSheet) -> str:
    scores = {}
    for order, source in enumerate(SOURCES):
        matched = 0.0
        for column in sheet.columns:
            found = _candidates(column, source)
            best = next((rank for rank, target, _h in found if target not in SPECIAL), None)
            if best is not None:
                matched += 1.0 if best < 10 else 0.4
        named = next((words for s, words in _SHEET_WORDS if s == source), ())
        name = sheet.name.casefold()
        title = sheet.title.casefold()
        bonus = 3.0 if any(w in name for w in named) else (
            2.0 if any(w in title for w in named) else 0.0)
        scores[source] = (matched + bonus, -order)
    return max(scores, key=lambda s: scores[s])


def _suggest_sheet(sheet: SampleSheet) -> SheetSuggestion:
    source = _source_for(sheet)
    _aliases, kinds, enums = _vocabulary()
    options = {col.letter: _candidates(col, source) for col in sheet.columns}
    # the strongest claims first: a field is "sure" for one column only
    order = sorted(sheet.columns, key=lambda col: (options[col.letter][0][0]
                                                    if options[col.letter] else 99, col.index))
    taken: dict[str, str] = {}
    chosen: dict[str, ColumnSuggestion] = {}
    # a column without a unit of its own is in the unit its sheet's others state
    said = {"mass": {c.unit for c in sheet.columns if c.unit in ("kg", "t", "g")},
            "money": {c.unit for c in sheet.columns if c.unit in ("元", "万元")}}
    for col in order:
        found = options[col.letter]
        if not found:
            chosen[col.letter] = ColumnSuggestion(col.letter, "", "none", (), "", {},
                                                  f"no field of {source} is called {col.label}")
            continue
        rank, target, how = found[0]
        others = [t for _r, t, _h in found[1:]]
        confidence = "sure" if rank < 10 else "guess"
        if rank < 10 and len(found) > 1 and found[1][0] == rank:
            confidence = "guess"  # two fields as likely
        if target in taken:
            free = [t for _r, t, _h in found if t not in taken]
            if free and found[[t for _r, t, _h in found].index(free[0])][0] < 10:
                rank, target, how = next(f for f in found if f[1] == free[0])
                others = [t for _r, t, _h in found if t != target]
                confidence = "guess"
            else:
                others = [t for t in others if t != target] or [""]
                how = f"{how}; {target} is already column {taken[target]}"
                confidence = "guess"
        if confidence == "sure" or target not in taken:
            taken.setdefault(target, col.letter)
        codes = _codes(enums.get((source, target)), col.choices)
        kind = kinds.get((source, target), "")
        unit = col.unit
        stated = sheet.mass_unit if kind == "mass" else sheet.money_unit if kind == "money" else ""
        if kind in ("mass", "money") and not unit and stated:
            unit = stated
            how = f"{how}; in {unit} as stated above the header"
        elif kind in ("mass", "money") and not unit and len(said[kind]) == 1:
            unit = next(iter(said[kind]))
            how = f"{how}; in {unit} as the sheet's other {kind} columns"
        chosen[col.letter] = ColumnSuggestion(col.letter, target, confidence, tuple(others),
                                              _unit(kind, unit), codes, how)
    return SheetSuggestion(sheet.name, source,
                           tuple(chosen[col.letter] for col in sheet.columns))


def _unit(kind: str, unit: str) -> str:
    if kind == "mass":
        return unit if unit in ("kg", "t", "g") else "kg"
    if kind == "money":
        return unit if unit in ("元", "万元") else "元"
    return ""


_LEADING_CODE = re.compile(r"^\s*(?:\d{1,3}\s*[-.、:：)）_\s]|[A-Za-z]{1,2}\s*[-.、:：)）_])\s*")
_TRUE = ("是", "yes", "y", "true", "有", "√", "出口")
_FALSE = ("否", "no", "n", "false", "无", "×", "不出口", "内销")


# Other words the authority's lists use for a member, beside its own labels.
_MEMBER_WORDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("CpType", "DOMESTIC_ENTERPRISE"): ("国内企业", "境内单位", "境内", "国内", "内资企业"),
    ("CpType", "FOREIGN"): ("境外", "国外企业", "境外单位", "国外", "外国企业"),
    ("CpType", "INDIVIDUAL_BUSINESS"): ("个体户", "个体", "个体经营"),
    ("CpType", "OTHER_ORG"): ("其他", "其它", "其他单位", "其它组织"),
    ("Role", "BOTH"): ("既是客户也是供应商", "客户/供应商", "客户和供应商", "两者"),
    ("Origin", "DOMESTIC"): ("国产", "国内", "境内", "境内采购", "国内购买"),
    ("Origin", "IMPORT"): ("进口采购", "境外", "国外", "境外采购"),
    ("LicenceType", "INDIVIDUAL"): ("单项许可", "单项许可证"),
    ("LicenceType", "GENERAL"): ("通用许可", "通用许可证"),
    ("LicenceType", "NONE"): ("无需许可", "不需要", "无许可证"),
    ("Category", "OTHER"): ("其它",),
    ("EndUse", "OTHER"): ("其它",),
}


def _bare(choice: str) -> str:
    text = unicodedata.normalize("NFKC", choice).strip()
    stripped = _LEADING_CODE.sub("", text, count=1)
    return (stripped or text).strip().casefold()


def _codes(enum, choices: tuple[str, ...]) -> dict[str, str]:
    """magdesk value -> the sample's choice for an enumeration or yes/no field."""
    if not enum or not choices:
        return {}
    bare = [(_bare(c), c) for c in choices]
    if enum == "bool":
        codes = {}
        for value, words in (("true", _TRUE), ("false", _FALSE)):
            hit = next((c for b, c in bare if b in words), None)
            if hit is not None:
                codes[value] = hit
        if not codes and {b for b, _c in bare} == {"1", "0"}:  # 1 是, 0 否
            codes = {"true": next(c for b, c in bare if b == "1"),
                     "false": next(c for b, c in bare if b == "0")}
        return codes
    labels = {member: [unicodedata.normalize("NFKC", t).strip().casefold()
                       for t in (*pair, *_MEMBER_WORDS.get((enum.__name__, member), ()))]
              for member, pair in enum.labels().items()}
    codes: dict[str, str] = {}
    used = set()
    for member, texts in labels.items():  # exact first
        hit = next((c for b, c in bare if b in texts or b == member.casefold()), None)
        if hit is not None:
            codes[member] = hit
            used.add(hit)
    for member, texts in labels.items():  # then one inside the other, the closest
        if member in codes:
            continue
        near = [(abs(len(b) - len(t)), c) for b, c in bare if c not in used
                for t in texts if b and t and (b in t or t in b)]
        if near:
            codes[member] = min(near, key=lambda n: n[0])[1]
    return codes
