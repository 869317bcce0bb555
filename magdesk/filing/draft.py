"""A template drafted from a learned sample workbook (filing/learn.py), the
clerk's choices laid over the suggestions; what is still unmapped or
ambiguous; the TOML text it is kept as; a preview of a month's rows in the
sample's layout."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..core import enums as E
from .cells import cell_value
from .learn import ColumnSuggestion, SampleColumn, SampleLayout, SheetSuggestion
from .learn import field_kind as learn_field_kind
from .sources import SOURCES
from .template import (
    DEFAULT_UNIT,
    DERIVED,
    UNITS,
    Column,
    Sheet,
    Template,
    column_index,
    column_letter,
    load_template,
)

_DEFAULT_KEYS = {"batches": ("batch_no", "lot_no"), "inventory": ("product_code",)}


@functools.cache
def _builtin() -> Template:
    return load_template("REFLOW-1")


def field_kind(source: str, field: str) -> tuple[str, type[E.LabelledEnum] | None]:
    """The kind (and enumeration) of a source's field (learn.field_kind: the
    built-in template's, and the fields it does not show)."""
    kind, enum = learn_field_kind(source, field)
    return kind, getattr(E, enum) if enum else None


def field_header(source: str, field: str) -> str:
    """The built-in template's header of a field (how magdesk names it)."""
    for sheet in _builtin().sheets:
        if sheet.source == source:
            for column in sheet.columns:
                if column.field == field:
                    return column.header
    return {"customer_cp_type": "客户类型", "supplier_cp_type": "供应商类型",
            "customer_name_en": "客户英文名称"}.get(field, field)


def source_key(source: str) -> tuple[str, ...]:
    for sheet in _builtin().sheets:
        if sheet.source == source:
            return sheet.key
    return _DEFAULT_KEYS.get(source, (SOURCES[source][0],))


@dataclass(frozen=True)
class Choice:
    """What the clerk chose for one sample column: a ``target`` (a field of
    the sheet's source, "seq", "@period", "@period_zh", "@company.name",
    "@company.uscc", "=TEXT" for a fixed text, "" for none), the unit of a
    quantity, the codes of an enumeration."""

    target: str
    unit: str = ""
    codes: Mapping[str, str] | None = None


def targets(source: str) -> list[str]:
    """Every target a column of a ``source`` sheet may take."""
    return ["seq", *SOURCES[source], *(f"@{d}" for d in DERIVED)]


# a quantity column in another unit than the kind's own, when the sample has no format
_UNIT_FORMATS = {"t": "0.000###", "g": "0", "万元": "#,##0.00####"}


def column_for(sample: SampleColumn, source: str, choice: Choice) -> Column:
    """The template column of one sample column, as chosen."""
    target = choice.target
    base = dict(header=sample.header, index=sample.index, required=sample.required)
    fmt = "" if sample.number_format in ("", "General") else sample.number_format
    if not target:
        return Column(field="", kind="text", **base)
    if target.startswith("="):
        return Column(field="", kind="text", fixed=target[1:], **base)
    if target.startswith("@"):
        return Column(field="", kind="text", derive=target[1:], **base)
    kind, enum = field_kind(source, target)
    unit = choice.unit if choice.unit in UNITS.get(kind, {}) else ""
    unit = "" if unit == DEFAULT_UNIT.get(kind) else unit
    codes: tuple[tuple[str, str], ...] = ()
    if choice.codes and kind in ("enum", "bool"):
        codes = tuple((str(k), str(v)) for k, v in choice.codes.items() if v)
    if kind in ("text", "enum", "bool") and fmt not in ("", "@"):
        fmt = ""  # a text column keeps its text, whatever the sample's number format
    if not fmt and unit in _UNIT_FORMATS:
        fmt = _UNIT_FORMATS[unit]  # 1,200.5 kg shows as 1.2005 t, not the kg format's 1.201
    column = Column(field=target, kind=kind, enum=enum, unit=unit, codes=codes, format=fmt, **base)
    if fmt and column.number_format != fmt:
        column = replace(column, format="")  # a date or number the sample formats as text
    return column


def draft(layout: SampleLayout, suggestions: Iterable[SheetSuggestion], name: str,
          choices: Mapping[str, Mapping[str, Choice]] | None = None,
          sources: Mapping[str, str] | None = None, version: int = 1,
          magdesk_sheets: bool = True, totals: Mapping[str, bool] | None = None) -> Template:
    """The template of ``layout``: each column's suggestion, or the clerk's
    ``choices`` (sheet → letter → Choice) where given; ``sources`` (sheet →
    source) overrides a sheet's suggested source; a sheet whose source is ""
    is left out; ``totals`` (sheet → bool): whether a totals row follows the
    data (by default when the sample has one)."""
    choices, sources, totals = choices or {}, sources or {}, totals or {}
    by_sheet = {s.sheet: s for s in suggestions}
    sheets = []
    for sample in layout.sheets:
        suggestion = by_sheet.get(sample.name)
        source = sources.get(sample.name, suggestion.source if suggestion else "")
        if not source:
            continue
        suggested = {c.letter: c for c in suggestion.columns} if suggestion and \
            suggestion.source == source else {}
        chosen = choices.get(sample.name, {})
        columns = tuple(column_for(c, source, chosen.get(c.letter) or _choice(suggested.get(c.letter)))
                        for c in sample.columns)
        total = (sample.total or "合计") if totals.get(sample.name, bool(sample.total)) else ""
        total_at = column_index(sample.total_letter) if sample.total_letter else None
        if total_at is None:
            total_at = sample.columns[0].index if sample.columns else 0
        sheets.append(Sheet(sample.name, source, columns, source_key(source), sample.header_rows,
                            sample.first_row, total, total_at))
    stem = Path(layout.file_name).stem
    return Template(name, version, stem, "{uscc}_{period}_" + _safe(name) + "{suffix}.xlsx",
                    tuple(sheets), Path(f"{name}.toml"), layout="sample",
                    sample_sha256=layout.sha256, sample_name=layout.file_name,
                    magdesk_sheets=magdesk_sheets)


def _choice(suggestion: ColumnSuggestion | None) -> Choice:
    if suggestion is None or not suggestion.target:
        return Choice("")
    return Choice(suggestion.target, suggestion.unit, suggestion.codes)


def _safe(name: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|{}' else c for c in name)


@dataclass(frozen=True)
class Problem:
    """Something the clerk must settle (``blocking``) or should look at."""

    sheet: str
    letter: str
    header: str
    code: str  # a catalogue code (magdesk/text/learn.py)
    blocking: bool
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "zh") -> str:
        from ..text import say

        params = dict(self.params)
        if "values_zh" in params:  # value labels, said in the clerk's language
            params["values"] = params.pop("values_zh") if lang == "zh" else params["values_en"]
            params.pop("values_en", None)
        return say(self.code, lang, sheet=self.sheet, column=self.letter, header=self.header,
                   **params)


def problems(template: Template, suggestions: Iterable[SheetSuggestion] = (),
             choices: Mapping[str, Mapping[str, Choice]] | None = None,
             layout: SampleLayout | None = None) -> list[Problem]:
    """What is unmapped or ambiguous: a required column without a target, two
    columns on one field (blocking); a guessed mapping nobody confirmed, an
    enumeration whose list lacks the code of some value (not blocking: a
    month holding such a value is refused when exported), an enumeration or
    yes/no column whose drop-down in the sample (``layout``) offers choices
    none of its values has a code for (magdesk's labels would be written)."""
    out: list[Problem] = []
    choices = choices or {}
    by_sheet = {s.sheet: {c.letter: c for c in s.columns} for s in suggestions}
    offered = {(s.name, c.letter): c.choices for s in (layout.sheets if layout else ())
               for c in s.columns if c.choices}
    # the columns of a sheet that says no mass unit anywhere (no header, note
    # under it or line above it names one): a quantity there is in magdesk's
    # guess of a unit (kg), which a tonne form would take as 1,000 times too much
    unsaid = {(s.name, c.letter) for s in (layout.sheets if layout else ())
              if not s.mass_unit and not any(c.unit in UNITS["mass"] for c in s.columns)
              for c in s.columns}
    for sheet in template.sheets:
        seen: dict[str, str] = {}
        for column, at in zip(sheet.columns, sheet.indexes, strict=True):
            letter = column_letter(at)
            where = (sheet.name, letter, column.header)
            if column.required and not column.mapped:
                out.append(Problem(*where, "template.required_unmapped", True))
            if column.field and column.field != "seq":
                if column.field in seen:
                    out.append(Problem(*where, "template.twice", True,
                                       (("other", seen[column.field]),)))
                seen.setdefault(column.field, letter)
            if column.kind in ("enum", "bool") and column.codes:
                members = ("true", "false") if column.kind == "bool" else tuple(column.enum.__members__)
                have = {k for k, _v in column.codes}
                missing = [m for m in members if m not in have]
                if missing:
                    zh = "、".join(_label(column, m, "zh") for m in missing)
                    en = ", ".join(_label(column, m, "en") for m in missing)
                    out.append(Problem(*where, "template.no_code", False,
                                       (("values_zh", zh), ("values_en", en))))
            if column.kind in ("enum", "bool") and not column.codes and \
                    (sheet.name, letter) in offered:
                listed = offered[(sheet.name, letter)]
                more = "…" if len(listed) > 6 else ""
                out.append(Problem(*where, "template.no_codes", False, (
                    ("values_zh", "、".join(listed[:6]) + more),
                    ("values_en", ", ".join(listed[:6]) + more))))
            suggested = by_sheet.get(sheet.name, {}).get(letter)
            confirmed = letter in choices.get(sheet.name, {})
            if column.kind == "mass" and not confirmed and (sheet.name, letter) in unsaid:
                out.append(Problem(*where, "template.unit_unsaid", False,
                                   (("unit", column.unit or DEFAULT_UNIT[column.kind]),)))
            if suggested is not None and not confirmed and suggested.target and \
                    suggested.confidence != "sure":
                out.append(Problem(*where, "template.guess", False,
                                   (("target", suggested.target),)))
    return sorted(out, key=lambda p: (not p.blocking, p.sheet, len(p.letter), p.letter))


def _label(column: Column, member: str, lang: str = "zh") -> str:
    if column.kind == "bool":
        return {("true", "zh"): "是", ("false", "zh"): "否"}.get((member, lang), member == "true"
                                                                  and "yes" or "no")
    zh, en = column.enum.labels()[member]
    return zh if lang == "zh" else en


# --- the TOML text ---------------------------------------------------------------------

def to_toml(template: Template, comment: str = "") -> str:
    """The template as TOML that ``template.parse_template`` reads back the
    same (a column per line, as REFLOW-1.toml is written)."""
    q = _quote
    lines = [f"# {line}" for line in comment.splitlines()]
    lines += ["[template]", f"id = {q(template.id)}", f"version = {template.version}",
              f"name = {q(template.name)}", f"file_name = {q(template.file_name)}",
              f"layout = {q(template.layout)}"]
    if template.layout == "sample":
        lines += [f"sample_name = {q(template.sample_name)}",
                  f"sample_sha256 = {q(template.sample_sha256)}"]
    lines.append(f"magdesk_sheets = {'true' if template.magdesk_sheets else 'false'}")
    for sheet in template.sheets:
        lines += ["", "[[sheet]]", f"name = {q(sheet.name)}", f"source = {q(sheet.source)}",
                  f"key = [{', '.join(map(q, sheet.key))}]"]
        if template.layout == "sample":
            lines += [f"header_rows = [{', '.join(map(str, sheet.header_rows))}]",
                      f"first_row = {sheet.first_row}"]
            if sheet.total:
                lines += [f"total = {q(sheet.total)}",
                          f"total_column = {q(column_letter(sheet.total_column))}"]
        lines.append("columns = [")
        for column in sheet.columns:
            lines.append(f"  {_column_toml(column)},")
        lines.append("]")
    return "\n".join(lines) + "\n"


def _column_toml(column: Column) -> str:
    q = _quote
    parts = []
    if column.index is not None:
        parts.append(f"column = {q(column_letter(column.index))}")
    parts.append(f"header = {q(column.header)}")
    if column.derive:
        parts.append(f"derive = {q(column.derive)}")
    elif column.fixed is not None:
        parts.append(f"fixed = {q(column.fixed)}")
    elif column.field:
        parts.append(f"field = {q(column.field)}")
    if column.mapped:
        parts.append(f"kind = {q(column.kind)}")
    if column.enum is not None:
        parts.append(f"enum = {q(column.enum.__name__)}")
    if column.unit and column.unit != DEFAULT_UNIT.get(column.kind):
        parts.append(f"unit = {q(column.unit)}")
    if column.codes:
        parts.append("codes = { " + ", ".join(f"{q(k)} = {q(v)}" for k, v in column.codes) + " }")
    if column.format:
        parts.append(f"format = {q(column.format)}")
    if column.width is not None:
        parts.append(f"width = {column.width}")
    if column.required:
        parts.append("required = true")
    return "{ " + ", ".join(parts) + " }"


def _quote(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(str(text), ensure_ascii=False)


# --- a month in the sample's layout ---------------------------------------------------

@dataclass(frozen=True)
class Preview:
    sheet: str
    letters: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: int  # rows the month has


def preview(store, template: Template, period: str, limit: int = 20) -> list[Preview]:
    """The first ``limit`` rows of each sheet as they would be written (the
    texts of the cells, numbers in the column's unit), for ``period``."""
    from .sources import source_rows

    out = []
    for sheet in template.sheets:
        rows, total = [], 0
        for total, row in enumerate(source_rows(store, sheet.source, period), 1):
            if total <= limit:
                rows.append(tuple(_shown(cell_value(c, row.get(c.field), total))
                                  if c.mapped else "" for c in sheet.columns))
        out.append(Preview(sheet.name, tuple(column_letter(at) for at in sheet.indexes),
                           tuple(c.header for c in sheet.columns), tuple(rows), total))
    return out


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
