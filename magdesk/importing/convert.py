"""Cells to values: one compiled converter per mapped column, and the row loop
that turns a sheet into parsed rows and cell findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest

from ..core.codelists import CodeLists
from ..core.identifiers import normalise_uscc
from ..core.rules_records import NAME_FIELDS
from ..core.screening import is_company_form
from ..core.units import unit_alias
from . import values as V
from .columns import Column, Kind
from .issues import ImportFinding, Locator
from .mapping import Mapping

# Words clerks use for the enumerations besides their labels.
SYNONYMS: dict[str, dict[str, str]] = {
    "CpType": {"国内企业": "DOMESTIC_ENTERPRISE", "境内": "DOMESTIC_ENTERPRISE",
               "企业": "DOMESTIC_ENTERPRISE", "内资企业": "DOMESTIC_ENTERPRISE",
               "个体户": "INDIVIDUAL_BUSINESS", "个体": "INDIVIDUAL_BUSINESS",
               "境外": "FOREIGN", "国外企业": "FOREIGN", "国外": "FOREIGN", "外商": "FOREIGN",
               "foreign": "FOREIGN", "domestic": "DOMESTIC_ENTERPRISE", "其他": "OTHER_ORG"},
    "Role": {"客户和供应商": "BOTH", "客户/供应商": "BOTH", "供应商及客户": "BOTH",
             "两者": "BOTH", "购货方": "CUSTOMER", "供货方": "SUPPLIER", "供方": "SUPPLIER"},
    "Category": {"烧结钕铁硼磁体": "SINTERED_NDFEB", "烧结磁体": "SINTERED_NDFEB",
                 "粘结钕铁硼磁体": "BONDED_NDFEB", "粘结磁体": "BONDED_NDFEB",
                 "钐钴磁体": "SMCO", "钐钴永磁": "SMCO", "速凝片": "NDFEB_ALLOY",
                 "钕铁硼合金": "NDFEB_ALLOY", "氧化物": "RE_OXIDE", "稀土金属": "RE_METAL"},
    "Unit": {"公斤": "KG", "kgs": "KG", "吨": "T", "ton": "T", "个": "PCS", "片": "PCS",
             "pc": "PCS"},
    "Origin": {"国内": "DOMESTIC", "国产": "DOMESTIC", "境内": "DOMESTIC", "内购": "DOMESTIC",
               "境内采购": "DOMESTIC", "国内购买": "DOMESTIC",
               "国外": "IMPORT", "境外": "IMPORT", "进口采购": "IMPORT", "境外采购": "IMPORT",
               "国外采购": "IMPORT", "海外": "IMPORT"},
    "LicenceType": {"单项许可证": "INDIVIDUAL", "单次": "INDIVIDUAL", "通用许可证": "GENERAL",
                    "无许可证": "NONE", "单项许可": "INDIVIDUAL", "通用许可": "GENERAL",
                    "individual licence": "INDIVIDUAL", "individual license": "INDIVIDUAL",
                    "general licence": "GENERAL", "general license": "GENERAL"},
    "EndUse": {"军事": "MILITARY", "军用": "MILITARY", "military use": "MILITARY",
               "military end use": "MILITARY"},
    "Process": {"晶界渗透": "GBD", "机加": "MACHINING_ONLY", "加工": "MACHINING_ONLY"},
}
def _label_parts(choices) -> dict[str, str]:
    """Each part of a label written with / or a bracket (工业电机/伺服: 工业电机
    and 伺服; Medical (MRI): medical and MRI) for its code, when no other
    label has it."""
    seen: dict[str, set[str]] = {}
    for code, labels in choices.labels().items():
        for label in labels:
            for part in re.split(r"[/()（）]", label):
                if part.strip():
                    seen.setdefault(part.strip(), set()).add(code)
    return {part: codes.pop() for part, codes in seen.items() if len(codes) == 1}


def _end_use_synonyms() -> dict[str, str]:
    from ..core.enums import EndUse

    return {**_label_parts(EndUse), **SYNONYMS["EndUse"]}


_CURRENCY_WORDS = {"人民币": "CNY", "rmb": "CNY", "元": "CNY", "美元": "USD", "us$": "USD",
                   "$": "USD", "欧元": "EUR", "日元": "JPY", "港币": "HKD", "港元": "HKD",
                   "英镑": "GBP", "韩元": "KRW"}
_COUNTRY_WORDS = {"中国": "CN", "中国内地": "CN", "中国大陆": "CN", "china": "CN", "prc": "CN",
                  "香港": "HK", "中国香港": "HK", "澳门": "MO", "中国澳门": "MO", "台湾": "TW",
                  "中国台湾": "TW", "美国": "US", "usa": "US", "u.s.a.": "US", "uk": "GB",
                  "英国": "GB", "韩国": "KR", "south korea": "KR", "korea": "KR", "德国": "DE",
                  "日本": "JP", "越南": "VN", "俄罗斯": "RU", "russia": "RU"}
_TEXT_KINDS = frozenset({"text", "name"})
_FORMULA_CHARS = ("=", "+", "@")
# A row below the data that is not data: totals and the signature lines.
_FOOTER = re.compile(r"^(合计|总计|小计|累计|本页合计|total|subtotal|制表|制单|审核|复核|填表|"
                     r"负责人|经办人|备注|说明|注[:：])")
_FOOTER_FIRST = frozenset("合总小累本tTsS制审复填负经备说注ｔＴｓＳ")


def country_parser(codes: CodeLists):
    table = {V.name_key(k): v for k, v in _COUNTRY_WORDS.items()}
    for c in codes.countries.values():
        for text in (c.alpha2, c.alpha3, c.name_en, c.name_zh):
            table.setdefault(V.name_key(text), c.alpha2)

    def parse(value) -> str:
        text = V.clean_text(value)
        return table.get(V.name_key(text), text.upper())

    return parse


def currency_parser(value) -> str:
    text = V.clean_text(value)
    return _CURRENCY_WORDS.get(V.name_key(text), text.upper().replace(" ", ""))


def _names(value) -> list[str]:
    """Names separated by ; ； 、 | a new line or a comma; the comma of a company
    form ("Kanto Motor Co., Ltd.") stays inside its name."""
    if isinstance(value, str):  # one a line: before the line breaks become spaces
        value = re.sub(r"[\r\n]+", ";", value)
    text = V.clean_text(value)
    for sep in ("；", "、", "|"):
        text = text.replace(sep, ";")
    parts: list[str] = []
    for item in text.split(";"):
        pieces: list[str] = []
        for piece in item.split(","):
            if pieces and is_company_form(piece):
                pieces[-1] += "," + piece
            else:
                pieces.append(piece)
        parts += pieces
    return [V.normalise_name(part) for part in parts if part.strip()]


def _unit_word(value) -> str:
    """A mass unit word as g, kg or t; anything else (件, 盒) is kept to be reported."""
    text = V.clean_text(value)
    return unit_alias(text) or text


def converter(col: Column, unit: str, codes: CodeLists):
    """The function that turns a non-empty cell of ``col`` into its value."""
    kind = col.kind
    simple = {
        "text": V.clean_text, "name": V.normalise_name, "code": V.code_text,
        "compact": V.compact_code, "upper": V.upper_code, "int": V.parse_int,
        "pct": V.parse_pct, "date": V.parse_date, "bool": V.parse_bool, "list": _names,
        "currency": currency_parser, "uscc": lambda v: normalise_uscc(V.code_text(v)),
        "unit": _unit_word, "control": V.control_code,
    }
    if kind in simple:
        return simple[kind]
    if kind == "mass":
        return V.mass_parser(V.header_mass_unit(unit))
    if kind == "money":
        return V.money_parser(V.header_money_factor(unit))
    if kind == "enum":
        if col.choices.__name__ == "EndUse":
            return V.enum_parser(col.choices, _end_use_synonyms())
        return V.enum_parser(col.choices, SYNONYMS.get(col.choices.__name__))
    if kind == "country":
        return country_parser(codes)
    raise ValueError(f"no converter for column kind {kind!r}")


@dataclass(slots=True)
class Row:
    number: int  # as Excel shows it
    values: dict
    bad: set[str] = field(default_factory=set)  # columns whose cell could not be read

    def get(self, name: str):
        return self.values.get(name)


def parse_rows(rows: list[list], mapping: Mapping, kind: Kind, codes: CodeLists,
               loc: Locator) -> tuple[list[Row], list[ImportFinding]]:
    """Every data row below the header, converted; blank and total rows skipped.

    Columns are converted one at a time, each distinct text or date once (a
    ledger repeats its customers, products, dates and units on every row), and
    the per-row work is left to the rows that need it."""
    data = rows[mapping.header_row + 1:]
    first = mapping.header_row + 2  # Excel's number of data[0]
    width = max(mapping.columns) + 1
    transposed = list(zip_longest(*(cells[:width] for cells in data))) if data else []
    columns: list[tuple[str, list]] = []
    problems: dict[int, list[tuple[str, str, dict]]] = {}
    for index, name in mapping.columns.items():
        col = kind.column(name)
        conv = converter(col, mapping.units.get(index, ""), codes)
        raw = transposed[index] if index < len(transposed) else [None] * len(data)
        # A name that starts like a formula is the core rule's to tell (name.formula_like,
        # as from a form); other texts get the import's own word on it.
        textlike = col.kind in _TEXT_KINDS and name not in NAME_FIELDS.get(kind.entity, ())
        values, found = _convert_column(raw, conv, textlike)
        columns.append((name, values))
        for i, (code, params) in found.items():
            problems.setdefault(i, []).append((name, code, params))
    by_name = dict(columns)
    if "mass_unit" in by_name:
        _apply_unit_column(mapping, kind, transposed, by_name, problems)
    required = [c.name for c in kind.columns if c.required and c.name in by_name]
    groups = [[n for n in group if n in by_name] for group in kind.one_of]
    suspect = _suspect_rows(by_name, required, groups, kind)
    out: list[Row] = []
    findings: list[ImportFinding] = []
    names = [name for name, _ in columns]
    for i, cells in enumerate(zip(*(values for _, values in columns), strict=True)):
        if (i in suspect or i in problems) and _blank(i, columns, problems):
            continue
        row = Row(first + i, dict(zip(names, cells, strict=True)))
        if i in suspect and _is_total(row.values, kind):
            continue
        for name, code, params in problems.get(i, ()):
            if code != "import.formula_text":
                row.bad.add(name)
            findings.append(loc.on(code, row, name, **params))
        if kind.carry and out and row.values[kind.key] in (None, out[-1].values[kind.key]):
            _carry(row, out[-1], kind.carry)
        if i in suspect:
            findings += _required(row, required, groups, loc)
        out.append(row)
    return out, findings


def _apply_unit_column(mapping: Mapping, kind: Kind, transposed: list, by_name: dict,
                       problems: dict) -> None:
    """A 单位 column (kg, 吨, g) says the unit of the row's masses whose header
    names none; a unit written in a mass cell itself still wins."""
    masses = [(i, n) for i, n in mapping.columns.items()
              if kind.column(n).kind == "mass" and not V.unit_kind(mapping.units.get(i, ""))]
    units = by_name["mass_unit"]
    for row, unit in enumerate(units):
        if unit is None or not masses:
            continue
        if unit not in ("g", "kg", "t"):
            problems.setdefault(row, []).append(
                ("mass_unit", "import.unknown_unit", {"value": V.shown(unit)}))
            continue  # the row is bad: its masses are not written
        if unit == "kg":
            continue
        parse = V.mass_parser(unit)
        for index, name in masses:
            raw = transposed[index][row] if index < len(transposed) else None
            if raw is None or raw == "" or any(n == name for n, _, _ in problems.get(row, ())):
                continue
            try:
                by_name[name][row] = parse(raw)
            except V.CellError as exc:
                problems.setdefault(row, []).append((name, exc.code, exc.params))
                by_name[name][row] = None


def _suspect_rows(by_name: dict[str, list], required: list[str], groups: list[list[str]],
                  kind: Kind) -> set[int]:
    """Rows that may be blank, totals or lack a required value (checked one by
    one); the others are plainly complete data rows."""
    suspect: set[int] = set()
    for name in required:
        if None in by_name[name]:
            suspect.update(i for i, v in enumerate(by_name[name]) if v is None)
    for group in groups:
        if group:
            suspect.update(i for i, vs in enumerate(zip(*(by_name[n] for n in group), strict=True))
                           if all(v is None for v in vs))
    key = by_name.get(kind.key)
    if key is not None:
        suspect.update(i for i, v in enumerate(key)
                       if v is None or (type(v) is str and v[:1] in _FOOTER_FIRST
                                        and _FOOTER.match(V.name_key(v))))
    return suspect


def _blank(i: int, columns: list[tuple[str, list]], problems: dict) -> bool:
    return i not in problems and all(values[i] is None for _, values in columns)


def _convert_column(raw, conv, textlike: bool) -> tuple[list, dict[int, tuple]]:
    """Values of one column (None where empty) and its problems by position.
    Texts and dates are converted once per distinct value, unless the first
    rows show that they hardly repeat (document and invoice numbers)."""
    values: list = [None] * len(raw)
    problems: dict[int, tuple] = {}
    memo: dict | None = {}
    CellError = V.CellError
    for i, v in enumerate(raw):
        if v is None or v == "":
            continue
        if type(v) is float:  # numbers rarely repeat
            try:
                values[i] = conv(v)
            except CellError as exc:
                problems[i] = (exc.code, exc.params)
            continue
        if memo is None:
            hit = _convert_one(v, conv, textlike)
        else:
            hit = memo.get(v)
            if hit is None:
                hit = memo[v] = _convert_one(v, conv, textlike)
            if i == _MEMO_TRIAL and len(memo) > _MEMO_TRIAL // 2:
                memo = None
        values[i] = hit[0]
        if hit[1] is not None:
            problems[i] = hit[1]
    return values, problems


_MEMO_TRIAL = 2000


def _convert_one(v, conv, textlike: bool) -> tuple:
    if type(v) is str and not v.strip():
        return None, None
    try:
        value = conv(v)
    except V.CellError as exc:
        return None, (exc.code, exc.params)
    if value == "":
        value = None
    if textlike and type(v) is str and v.lstrip().startswith(_FORMULA_CHARS):
        return value, ("import.formula_text", {"char": v.lstrip()[0], "value": V.shown(v)})
    return value, None


def _carry(row: Row, above: Row, names: tuple[str, ...]) -> None:
    """A continuation row (its key blank or the same as above) repeats the
    blank ones of ``names`` from the row above."""
    for name in names:
        if name in row.values and row.values[name] is None and name not in row.bad:
            row.values[name] = above.values.get(name)


def _is_total(values: dict, kind: Kind) -> bool:
    """A total or signature row: its key (or, without a key, any text) starts
    with 合计, 制表, 审核 and the like."""
    if values.get(kind.key) not in (None, ""):
        return bool(_FOOTER.match(V.name_key(str(values[kind.key]))))
    return any(isinstance(v, str) and _FOOTER.match(V.name_key(v)) for v in values.values())


def _required(row: Row, required: list[str], groups: list[list[str]],
              loc: Locator) -> list[ImportFinding]:
    out = []
    for name in required:
        if row.values[name] is None and name not in row.bad:
            row.bad.add(name)
            out.append(loc.on("field.required", row, name))
    for group in groups:
        if group and all(row.values[n] is None for n in group) and not row.bad & set(group):
            row.bad.add(group[0])
            out.append(loc.on("field.required", row, group[0]))
    return out
