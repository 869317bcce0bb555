"""Filing templates as data: TOML (shipped under resources/templates/, or
learned from an authority's sample workbook and kept in the company file),
loaded and checked when used: an unknown field, kind, unit, enumeration or
derived value, a repeated header or column, a code list that leaves a value
without its code, is an error naming the file and line (and the sheet and
column).

A template of ``layout = "own"`` (REFLOW-1) is written as magdesk lays a
workbook out: a header row, the data from row 2.  A template of ``layout =
"sample"`` fills the sample workbook it was learned from: each column at its
letter, under the sample's header rows, in the sample's unit, number format
and codes (filing/sample_writer.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from ..core import enums as E
from ..core.letters import column_index, column_letter
from .sources import SOURCES

KINDS = {"seq", "text", "date", "mass", "money", "integer", "enum", "bool"}
NUMBER_FORMATS = {"seq": "0", "text": "@", "date": "yyyy-mm-dd", "mass": "0.000",
                  "money": "#,##0.00", "integer": "0", "enum": "@", "bool": "@"}
# The units a quantity column may be written in, as decimal places of the
# stored integer (grams, fen): 1,200.5 kg is 1.2005 in a tonne column, exactly.
UNITS = {"mass": {"kg": 3, "t": 6, "g": 0}, "money": {"元": 2, "万元": 6}}
DEFAULT_UNIT = {"mass": "kg", "money": "元"}
# Values a column may take from outside the rows (filled in when exporting).
DERIVED = ("period", "period_zh", "company.name", "company.uscc")
LAYOUTS = ("own", "sample")


class TemplateError(ValueError):
    """A template file is wrong; the message names the file and line, the
    sheet and column (``str()`` English, ``message(lang)`` in the clerk's
    language)."""

    def __init__(self, message: str, zh: str = ""):
        super().__init__(message)
        self.zh = zh or message

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else str(self)


def _is_date_format(fmt: str) -> bool:
    from openpyxl.styles.numbers import is_date_format

    return bool(is_date_format(fmt))


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # a field of the sheet's source, "seq" (1..n), or "" (derived, fixed or unmapped)
    kind: str
    enum: type[E.LabelledEnum] | None = None
    width: float | None = None
    index: int | None = None  # 0-based column (its letter in the sample); None: its place in the list
    unit: str = ""  # mass: kg, t, g; money: 元, 万元 ("" is the kind's default)
    codes: tuple[tuple[str, str], ...] = ()  # value -> the text written (enum member, "true"/"false")
    derive: str = ""  # one of DERIVED
    fixed: str | None = None  # the same text on every row
    required: bool = False  # the sample marks the column required (it must be mapped)
    format: str = ""  # the sample's number format ("" is the kind's)
    const: str | None = None  # a derived value, filled in for one export (bind())

    @property
    def number_format(self) -> str:
        """The sample's format, unless it would hide the value: a date or a
        number is never shown as text (a sample's ``@`` for a date column
        would show 46174), a date only in a date format."""
        fmt = self.format
        if fmt and self.kind in ("date", "mass", "money", "integer", "seq"):
            if fmt.strip() == "@" or (self.kind == "date") != _is_date_format(fmt):
                fmt = ""
        return fmt or NUMBER_FORMATS[self.kind]

    @property
    def mapped(self) -> bool:
        return bool(self.field) or bool(self.derive) or self.fixed is not None

    @property
    def places(self) -> int:
        """Decimal places of a mass or money column's numbers (kg: 3, t: 6)."""
        return UNITS[self.kind][self.unit or DEFAULT_UNIT[self.kind]]

    @property
    def code_map(self) -> dict:
        """The codes keyed as the rows hold the values (True/False for yes/no)."""
        if self.kind == "bool":
            return {key == "true": text for key, text in self.codes}
        return dict(self.codes)

    def choices(self) -> list[str]:
        """The allowed texts of an enumeration or yes/no column."""
        if self.codes:
            return [text for _key, text in self.codes]
        if self.kind == "bool":
            return ["是", "否"]
        if self.enum is not None:
            return [zh for zh, _en in self.enum.labels().values()]
        return []


@dataclass(frozen=True)
class Sheet:
    name: str
    source: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    header_rows: tuple[int, ...] = (1,)  # Excel rows of the header, top-down
    first_row: int = 2  # the first data row
    total: str = ""  # a totals row under the data, with this label ("合计"); "" none
    total_column: int = 0  # 0-based column of the totals row's label

    @property
    def header_row(self) -> int:
        return self.header_rows[-1]

    def column_index(self, position: int) -> int:
        """The 0-based sheet column of the ``position``-th column."""
        index = self.columns[position].index
        return position if index is None else index

    @property
    def indexes(self) -> list[int]:
        return [self.column_index(i) for i in range(len(self.columns))]

    @property
    def written(self) -> tuple[Column, ...]:
        """The columns that receive values (an unmapped sample column is left empty)."""
        return tuple(c for c in self.columns if c.mapped)

    @property
    def summed(self) -> list[int]:
        """Positions among ``written`` of the columns a totals row sums (mass, money)."""
        if not self.total:
            return []
        return [i for i, c in enumerate(self.written)
                if c.kind in ("mass", "money") and c.const is None]


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    name: str
    file_name: str
    sheets: tuple[Sheet, ...]
    path: Path
    layout: str = "own"
    sample_sha256: str = ""  # of the sample a "sample" layout fills
    sample_name: str = ""
    magdesk_sheets: bool = True  # 申报信息, 校验 and 更正说明 after the data sheets
    sample: bytes | None = dataclasses.field(default=None, repr=False, compare=False)
    stored: bool = False  # kept in the company file (its reference then names the version)

    @property
    def ref(self) -> str:
        """How an export records it: ``id`` (shipped), ``id@version`` (kept in
        the company file), the path of a TOML file given by path."""
        if self.stored:
            return f"{self.id}@{self.version}"
        if self.path.suffix == ".toml" and self.path.parent != templates_dir():
            return str(self.path)
        return self.id

    def bind(self, company_name: str, uscc: str, period: str) -> Template:
        """The template with its derived columns' values for one export."""
        values = {"period": period, "period_zh": _period_zh(period),
                  "company.name": company_name, "company.uscc": uscc}
        sheets = tuple(replace(s, columns=tuple(
            replace(c, const=values[c.derive] if c.derive else c.fixed) for c in s.columns))
            for s in self.sheets)
        return replace(self, sheets=sheets)


def _period_zh(period: str) -> str:
    year, month = period.split("-")
    return f"{year}年{int(month)}月"


def templates_dir() -> Path:
    from ..resources import resource_path

    return resource_path("templates")


def available_templates() -> list[str]:
    return sorted(p.stem for p in templates_dir().glob("*.toml"))


def load_template(template_id: str = "REFLOW-1", path: Path | None = None) -> Template:
    """Load and check one template (from ``path``, or the shipped one named ``template_id``)."""
    path = path or templates_dir() / f"{template_id}.toml"
    if not path.is_file():
        raise TemplateError(f"no template {template_id!r} ({path})",
                            f"没有申报模板“{template_id}”（{path}）")
    return parse_template(path.read_text(encoding="utf-8"), path)


def parse_template(text: str, path: Path | str, sample: bytes | None = None,
                   stored: bool = False) -> Template:
    """A template from its TOML ``text`` (``path`` names it in messages);
    ``sample``: the workbook a "sample" layout fills, which must be the one
    it was learned from."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: {exc}") from None
    try:
        template = _build(data, text, path)
    except TemplateError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        # A value of the wrong type (a table where a list belongs, text for a
        # number): found by fuzzing, refused like any other mistake.
        raise TemplateError(f"{path}: malformed template ({type(exc).__name__}: {exc})") from None
    if template.layout == "sample":
        if sample is None:
            raise TemplateError(f"{path}: the template fills a sample workbook "
                                f"({template.sample_name or 'sample'}), which is not there",
                                f"{path}：此模板填写样表“{template.sample_name}”，但样表不在")
        digest = hashlib.sha256(sample).hexdigest()
        if template.sample_sha256 and digest != template.sample_sha256:
            raise TemplateError(f"{path}: the sample workbook no longer matches the template "
                                f"(its SHA-256 is {digest[:12]}…, the template was learned from "
                                f"{template.sample_sha256[:12]}…)",
                                f"{path}：样表已不是学习模板时的那一份（其 SHA-256 为 "
                                f"{digest[:12]}…，学习时为 {template.sample_sha256[:12]}…），"
                                f"请重新从样表学习")
    return replace(template, sample=sample, stored=stored)


def _build(data: dict, text: str, path: Path) -> Template:
    def fail(message: str, needle: str = "", zh: str = "") -> TemplateError:
        line = _line_of(text, needle)
        return TemplateError(f"{path}:{line}: {message}", f"{path} 第{line}行：{zh or message}")

    head = data.get("template")
    if not isinstance(head, dict):
        raise fail("missing [template] table", "", "缺少 [template] 表")
    for key in ("id", "version", "name", "file_name"):
        if key not in head:
            raise fail(f"[template] lacks {key!r}", "[template]")
    layout = str(head.get("layout", "own"))
    if layout not in LAYOUTS:
        raise fail(f"unknown layout {layout!r} (known: {', '.join(LAYOUTS)})", "layout")
    sheets = []
    names: set[str] = set()
    for raw in data.get("sheet", []):
        sheet = _sheet(raw, fail, layout)
        if sheet.name in names:
            raise fail(f"sheet {sheet.name!r} appears twice", f'name = "{sheet.name}"',
                       f"工作表“{sheet.name}”出现了两次")
        names.add(sheet.name)
        sheets.append(sheet)
    if not sheets:
        raise fail("a template needs at least one [[sheet]]", "", "模板至少需要一个工作表 [[sheet]]")
    return Template(str(head["id"]), int(head["version"]), str(head["name"]),
                    str(head["file_name"]), tuple(sheets), path, layout=layout,
                    sample_sha256=str(head.get("sample_sha256", "")),
                    sample_name=str(head.get("sample_name", "")),
                    magdesk_sheets=bool(head.get("magdesk_sheets", True)))


def _sheet(raw: dict, fail, layout: str = "own") -> Sheet:
    name = raw.get("name")
    source = raw.get("source")
    if not name or source not in SOURCES:
        raise fail(f"sheet {name!r}: unknown source {source!r} (known: {', '.join(SOURCES)})",
                   f'source = "{source}"',
                   f"工作表“{name}”：数据来源“{source}”未知（可用：{'、'.join(SOURCES)}）")
    fields = SOURCES[source]
    columns, headers, letters = [], set(), set()
    for col in raw.get("columns", []):
        column = _column(col, name, source, fields, fail, layout)
        where = f'header = "{column.header}"'
        if column.header in headers and layout == "own":
            raise fail(f"sheet {name!r}: header {column.header!r} appears twice", where,
                       f"工作表“{name}”：表头“{column.header}”出现了两次")
        headers.add(column.header)
        if column.index is not None:
            if column.index in letters:
                raise fail(f"sheet {name!r}, column {column_letter(column.index)}: appears twice",
                           where, f"工作表“{name}”第 {column_letter(column.index)} 列出现了两次")
            letters.add(column.index)
        columns.append(column)
    if not any(c.mapped for c in columns):
        raise fail(f"sheet {name!r} has no columns", f'name = "{name}"',
                   f"工作表“{name}”没有任何对应的列")
    key = tuple(raw.get("key", ()))
    unknown = [k for k in key if k not in fields]
    if unknown or not key:
        raise fail(f"sheet {name!r}: key {list(key)} names no field of {source!r}",
                   f'name = "{name}"', f"工作表“{name}”：key {list(key)} 不是“{source}”的字段")
    header_rows = tuple(int(r) for r in raw.get("header_rows", (1,)))
    first_row = int(raw.get("first_row", header_rows[-1] + 1 if header_rows else 2))
    if not header_rows or min(header_rows) < 1 or first_row <= max(header_rows):
        raise fail(f"sheet {name!r}: the data (row {first_row}) must start below the header "
                   f"(rows {list(header_rows)})", f'name = "{name}"',
                   f"工作表“{name}”：数据（第{first_row}行）须在表头（第{list(header_rows)}行）之下")
    total = str(raw.get("total", ""))
    total_column = column_index(str(raw.get("total_column", "A")))
    if total_column is None:
        raise fail(f"sheet {name!r}: total_column {raw.get('total_column')!r} is not a column "
                   f"letter", f'name = "{name}"',
                   f"工作表“{name}”：total_column“{raw.get('total_column')}”不是列字母")
    if total and layout == "own":
        raise fail(f"sheet {name!r}: a totals row belongs to a sample layout", f'name = "{name}"',
                   f"工作表“{name}”：合计行只用于样表格式")
    if layout == "own" and (header_rows, first_row) != ((1,), 2):
        raise fail(f"sheet {name!r}: a workbook of magdesk's own layout has its header in row 1",
                   f'name = "{name}"', f"工作表“{name}”：magdesk 自有格式的表头在第1行")
    return Sheet(name, source, tuple(columns), key, header_rows, first_row, total, total_column)


def _column(col: dict, sheet: str, source: str, fields, fail, layout: str) -> Column:
    header = str(col.get("header", ""))
    field_name = str(col.get("field", ""))
    derive, fixed = str(col.get("derive", "")), col.get("fixed")
    kind = col.get("kind", "text" if (derive or fixed is not None or not field_name) else None)
    where = f'header = "{header}"'
    letter = col.get("column")
    index = column_index(str(letter)) if letter is not None else None
    name = f"sheet {sheet!r}, column {letter + ' ' if letter else ''}{header!r}"
    zname = f"工作表“{sheet}”{f'第 {letter} 列' if letter else ''}“{header}”"
    if letter is not None and index is None:
        raise fail(f"{name}: {letter!r} is not a column letter", where,
                   f"{zname}：“{letter}”不是列字母")
    if layout == "sample" and index is None:
        raise fail(f"{name}: a column of a sample layout needs its letter (column = \"B\")", where,
                   f"{zname}：样表格式的列须写明列字母（column = \"B\"）")
    if kind not in KINDS:
        raise fail(f"{name}: unknown kind {kind!r}", where, f"{zname}：类型“{kind}”未知")
    if sum(map(bool, (field_name, derive, fixed is not None))) > 1:
        raise fail(f"{name}: takes one of field, derive and fixed", where,
                   f"{zname}：field、derive、fixed 只能选一个")
    if field_name and field_name != "seq" and field_name not in fields:
        raise fail(f"{name}: source {source!r} has no field {field_name!r}", where,
                   f"{zname}：数据来源“{source}”没有字段“{field_name}”")
    if field_name == "seq" and kind != "seq" or kind == "seq" and field_name != "seq":
        raise fail(f"{name}: the row number is field \"seq\" of kind \"seq\"", where,
                   f"{zname}：序号列须为 field = \"seq\"、kind = \"seq\"")
    if derive and derive not in DERIVED:
        raise fail(f"{name}: unknown derived value {derive!r} (known: {', '.join(DERIVED)})",
                   where, f"{zname}：派生值“{derive}”未知（可用：{'、'.join(DERIVED)}）")
    if (derive or fixed is not None) and kind != "text":
        raise fail(f"{name}: a derived or fixed value is text (kind = \"text\")", where,
                   f"{zname}：派生值或固定文字须为文本（kind = \"text\"）")
    required = bool(col.get("required", False))
    if required and not (field_name or derive or fixed is not None):
        raise fail(f"{name}: the sample marks it required, and it is not mapped", where,
                   f"{zname}：样表标为必填，尚未对应任何字段")
    enum = None
    if kind == "enum":
        enum = getattr(E, str(col.get("enum")), None)
        if not (isinstance(enum, type) and issubclass(enum, E.LabelledEnum)):
            raise fail(f"{name}: unknown enum {col.get('enum')!r}", where,
                       f"{zname}：代码表“{col.get('enum')}”未知")
    unit = str(col.get("unit", ""))
    if unit and unit not in UNITS.get(kind, {}):
        known = ", ".join(UNITS.get(kind, {})) or "none"
        raise fail(f"{name}: unit {unit!r} does not fit a {kind} column (units: {known})", where,
                   f"{zname}：单位“{unit}”不适用于此列（可用：{known}）")
    codes = col.get("codes") or {}
    if not isinstance(codes, dict):
        raise fail(f"{name}: codes must be a table (value = \"code\")", where,
                   f"{zname}：codes 须为表（值 = \"代码\"）")
    codes = tuple((str(k), str(v)) for k, v in codes.items())
    if codes:
        members = (("true", "false") if kind == "bool"
                   else tuple(enum.__members__) if enum is not None else ())
        if not members:
            raise fail(f"{name}: codes belong to an enum or yes/no column", where,
                       f"{zname}：只有代码列或是/否列才有 codes")
        keys = [k for k, _v in codes]
        stray = [k for k in keys if k not in members]
        if stray:
            raise fail(f"{name}: codes name unknown values {stray} (known: {list(members)})",
                       where, f"{zname}：codes 中的值 {stray} 未知（可用：{list(members)}）")
        # A value the authority's list has no code for is refused when a
        # month holds it (UncodedValue), not here: the list may simply lack
        # values this company never has.
    return Column(header, field_name, kind, enum, col.get("width"), index, unit, codes, derive,
                  None if fixed is None else str(fixed), required, str(col.get("format", "")))


class UncodedValue(ValueError):
    """A row holds a value its column's code list has no code for."""

    def __init__(self, column: Column, value):
        super().__init__(f"column {column.header!r}: no code for {value!r}")
        self.column, self.value = column, value

    @property
    def label(self) -> str:
        if self.column.kind == "bool":
            return "是" if self.value else "否"
        labels = self.column.enum.labels() if self.column.enum else {}
        return labels.get(self.value, (str(self.value),))[0]


def _line_of(text: str, needle: str) -> int:
    """The 1-based line where ``needle`` first stands (1 if nowhere)."""
    if needle:
        for number, line in enumerate(text.splitlines(), 1):
            if needle in line:
                return number
    return 1


def file_name(template: Template, uscc: str, period: str, suffix: str = "") -> str:
    name = template.file_name.format(uscc=uscc, period=period.replace("-", ""), suffix=suffix)
    return re.sub(r'[\\/:*?"<>|]', "_", name)
