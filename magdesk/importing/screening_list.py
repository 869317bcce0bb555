"""Reading a restricted-party list the clerk imports (xlsx, xls, csv): one
row per listed party with its name, other names (separated by ``;``, ``；``,
``|`` or line breaks), country, list, date listed and source; an English
name column beside a Chinese one gives another name.  The header is
found among the first rows by its words (Chinese or English); the file is
read with the import's limits and encodings (reader.py).  A row without a
name, or with a date that is not one, refuses the whole file naming the row
and column."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.codelists import CodeLists
from ..core.kinds import KindError
from ..core.screening import ListedParty
from .reader import read_source
from .values import clean_text, column_letter, header_key, parse_date

COLUMNS = {
    "name": ("名称", "名单主体", "实体名称", "主体名称", "单位名称", "企业名称", "name", "entity",
             "party", "entity name", "中文名称", "中文名", "名称(中文)", "chinese name",
             "name(chinese)"),
    "name_en": ("英文名称", "英文名", "名称(英文)", "实体名称(英文)", "english name",
                "name(english)", "name(en)"),
    "other_names": ("别名", "其他名称", "曾用名", "other names", "aliases", "alias", "aka",
                    "also known as"),
    "country": ("国家", "国家/地区", "国家或地区", "所在国", "country", "country/region"),
    "list_name": ("名单", "清单", "名单名称", "list", "list name"),
    "date_listed": ("列入日期", "列名日期", "公布日期", "日期", "date listed", "listed",
                    "listed on", "date"),
    "source": ("来源", "依据", "公告", "source", "reference"),
}
_LABELS = {"name": ("名称", "name"), "date_listed": ("列入日期", "date listed")}
_SPLIT = re.compile(r"[;；|\n]+")


class ScreeningListError(Exception):
    """The list cannot be read; ``message(lang)`` names the file, row and column."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else str(self)


def read_screening_list(path: Path, default_list: str,
                        codes: CodeLists | None = None) -> list[ListedParty]:
    """The parties the list names; a country named in words (日本, Japan) is
    kept as its code (JP) when ``codes`` knows it."""
    from .convert import country_parser

    country = country_parser(codes) if codes is not None else (lambda v: clean_text(v).upper())
    source = read_source(path, pick=_score)
    rows = source.rows
    at, columns = _header(rows)
    if at is None:
        raise ScreeningListError(
            f"{path.name}：前 20 行中找不到名单的表头（至少需要“名称”列）",
            f"{path.name}: no list header in the first 20 rows (a 'name' column at least)")
    out = []
    for r, row in enumerate(rows[at + 1:], at + 2):
        cells = {field: clean_text(row[c]) if c < len(row) and row[c] is not None else ""
                 for field, c in columns.items() if field != "date_listed"}
        if not any(cells.values()):
            continue
        name_en = cells.pop("name_en", "")
        if not cells.get("name"):
            cells["name"], name_en = name_en, ""
        if not cells["name"]:
            raise _cell_error(path, r, columns.get("name", columns.get("name_en")), "name",
                              "为空", "is empty")
        listed = None
        c = columns.get("date_listed")
        if c is not None and c < len(row) and row[c] not in (None, ""):
            try:
                listed = parse_date(row[c])
            except (KindError, ValueError):
                raise _cell_error(path, r, c, "date_listed", f"“{row[c]}”不是日期",
                                  f"'{row[c]}' is not a date") from None
        others = tuple(n.strip() for n in _SPLIT.split(cells.get("other_names", "")) if n.strip())
        if name_en and name_en not in others:
            others = (name_en, *others)
        out.append(ListedParty(None, cells["name"], others,
                               country(cells["country"]) if cells.get("country") else "",
                               cells.get("list_name") or default_list, listed,
                               cells.get("source", "")))
    if not out:
        raise ScreeningListError(f"{path.name}：名单中没有任何条目",
                                 f"{path.name}: the list holds no entries")
    return out


_KEYS = {header_key(a)[0]: field for field, aliases in COLUMNS.items() for a in aliases}
# a bilingual header: 名称 Name, 国家/Country, 列入日期 Date listed
_PARTS = re.compile(r"[/|\n]+|(?<=[\u3000-\u9fff\uff00-\uffef])\s*(?=[A-Za-z])"
                    r"|(?<=[A-Za-z.)])\s*(?=[\u3000-\u9fff])")


def _field(cell) -> str | None:
    """The list's field a header cell names, if any: the whole header, else
    one of its parts (in Chinese or English)."""
    if not isinstance(cell, str):
        return None
    for text in (cell, *_PARTS.split(cell)):
        whole, base, _ = header_key(text)
        field = _KEYS.get(whole) or _KEYS.get(base)
        if field:
            return field
    return None


def _header(rows: list[list]) -> tuple[int | None, dict[str, int]]:
    for i, row in enumerate(rows[:20]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            field = _field(cell)
            if field and field not in found:
                found[field] = c
        if found.keys() & {"name", "name_en"} and len(found) >= 2:
            return i, found
    return None, {}


def _score(rows: list[list]) -> int | None:
    at, columns = _header(rows)
    return None if at is None else len(columns)


def _cell_error(path: Path, row: int, col: int, field: str, zh: str, en: str):
    label_zh, label_en = _LABELS[field]
    letter = column_letter(col)
    return ScreeningListError(f"{path.name} 第 {row} 行 {letter} 列（{label_zh}）：{zh}",
                              f"{path.name}, row {row}, column {letter} ({label_en}): {en}")
