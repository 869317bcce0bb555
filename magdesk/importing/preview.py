"""What the import wizard shows before anything is written: the sheet read
once, its header row mapped (automatically, by a remembered layout, or as the
clerk chose column by column), and the first rows parsed and resolved exactly
as the import will — with every problem at its row and cell.

The wizard hands ``Preview.choice(mapping)`` and ``mapping.header_row`` to the
import, so what runs is what was previewed (and is remembered as the importer
remembers any confirmed mapping)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core import kinds
from ..core.codelists import CodeLists
from ..core.control import ControlPolicy
from ..core.fields import field_label
from ..storage.db import Database
from ..storage.repository import Repository
from . import values as V
from .columns import Column
from .convert import parse_rows
from .issues import ImportFinding, Locator, by_row
from .mapping import Mapping, load_remembered
from .reader import ImportFileError, Source, read_source
from .service import (
    check_choice,
    header_findings,
    inspect_source,
    kind_of,
    prepare,
    replaced_findings,
    sheet_score,
)

PREVIEW_ROWS = 20


@dataclass(frozen=True)
class Target:
    """A column an import of this kind can fill."""

    name: str
    zh: str
    en: str
    required: bool

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class PreviewRows:
    """The first data rows as they will be read: per row (Excel's number) the
    text of each file column (a mapped one as parsed, the others as written),
    and the problems found in them."""

    numbers: list[int] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)

    def at(self, number: int, index: int) -> list[ImportFinding]:
        letter = V.column_letter(index)
        return [f for f in self.findings if f.row == number and f.column == letter]


class Preview:
    """A sheet of ``path`` read once for an import of ``kind``."""

    def __init__(self, kind: str, path: Path, sheet: str | None = None,
                 accept_bad_bytes: bool = False):
        self.kind = kind_of(kind)
        self.path = Path(path)
        self.remembered = load_remembered()
        self.accept_bad_bytes = accept_bad_bytes  # the import reads it the same way
        self.source: Source = read_source(self.path, sheet,
                                          pick=sheet_score(self.kind, self.remembered),
                                          accept_bad_bytes=accept_bad_bytes)
        try:
            self.found: Mapping | None = inspect_source(self.kind, self.source, None, None,
                                                        self.remembered)
        except ImportFileError:
            self.found = None  # no header recognised: the clerk points at it

    @property
    def sheets(self) -> list[str]:
        return self.source.sheets

    @property
    def sheet(self) -> str:
        return self.source.sheet

    def targets(self) -> list[Target]:
        """The columns of this kind, required ones marked (one of each
        "one of" group counts as required)."""
        either = {name for group in self.kind.one_of for name in group}
        return [Target(c.name, c.zh, c.en, c.required or c.name in either)
                for c in self.kind.columns]

    def first_rows(self, count: int = 30) -> list[list[str]]:
        """The sheet's first rows as text, to point at the header row."""
        return [[V.shown(c) if c not in (None, "") else "" for c in row]
                for row in self.source.rows[:count]]

    def mapping(self, chosen: dict[str, str | None] | None = None,
                header_row: int | None = None) -> Mapping:
        """The header mapped: as found, or from ``header_row`` (0-based) and
        ``chosen`` (header text -> column, None to read past)."""
        check_choice(self.kind, chosen)
        if chosen is None and header_row is None and self.found is not None:
            return self.found
        return inspect_source(self.kind, self.source, chosen, header_row, self.remembered)

    def header_findings(self, mapping: Mapping) -> list[ImportFinding]:
        return (header_findings(self.kind, self.source, mapping)
                + replaced_findings(self.kind, self.source, mapping))

    def choice(self, mapping: Mapping) -> dict[str, str | None]:
        """Every header of ``mapping`` with the column it feeds, as the import
        takes it; a column shown as not imported is read past quietly ("")."""
        out: dict[str, str | None] = {}
        for index, text in enumerate(mapping.headers):
            if text and not out.get(text):
                out[text] = mapping.columns.get(index, "")
        return out

    def missing(self, mapping: Mapping, lang: str = "zh") -> list[str]:
        """The labels of required columns no file column feeds (a group of
        alternatives as "A / B")."""
        groups = {group[0]: group for group in self.kind.one_of}
        out = []
        for name in mapping.missing:
            names = groups.get(name, (name,))
            out.append(" / ".join(self._label(self.kind.column(n), lang) for n in names))
        return out

    def field_label(self, entity: str, name: str | None, lang: str = "zh") -> str:
        """A finding's field as the clerk reads it: the import column's label
        (客户, not ``customer_name``), else the record field's."""
        if not name:
            return ""
        for col in self.kind.columns:
            if col.name == name:
                return self._label(col, lang)
        return field_label(entity, name, lang)

    @staticmethod
    def _label(col: Column, lang: str) -> str:
        return col.zh if lang == "zh" else col.en

    def sample(self, mapping: Mapping, index: int) -> str:
        """The first value below the header in file column ``index``."""
        for row in self.source.rows[mapping.header_row + 1:]:
            if index < len(row) and row[index] not in (None, ""):
                return V.shown(row[index])
        return ""

    def rows(self, db: Database, mapping: Mapping, *, codes: CodeLists, policy: ControlPolicy,
             on_duplicate: str = "error", limit: int = PREVIEW_ROWS,
             lang: str = "zh") -> PreviewRows:
        """The first ``limit`` data rows parsed, references resolved against
        ``db`` and checked for duplicates and filed months, as the import does."""
        k, source = self.kind, self.source
        out = PreviewRows()
        end = mapping.header_row + 1 + limit
        raw = source.rows[mapping.header_row + 1:end]
        by_number = {mapping.header_row + 2 + i: cells for i, cells in enumerate(raw)}
        parsed: dict[int, dict] = {}
        if mapping.columns:
            loc = Locator(source.sheet, k.entity, mapping.headers, mapping.columns)
            loc.key = k.key
            rows, out.findings = parse_rows(source.rows[:end], mapping, k, codes, loc)
            parsed = {row.number: row.values for row in rows}
            prepare(k, rows, Repository(db), codes, policy, on_duplicate, mapping, loc,
                    out.findings)
        out.findings += [f for f in replaced_findings(k, source, mapping) if f.row in by_number]
        out.findings.sort(key=by_row)
        width = max([len(mapping.headers), *(len(c) for c in raw)], default=0)
        for number, cells in by_number.items():
            values = parsed.get(number)
            if values is None and not any(c not in (None, "") for c in cells):
                continue  # a blank row: the import reads past it
            texts = []
            for index in range(width):
                name = mapping.columns.get(index)
                cell = cells[index] if index < len(cells) else None
                if values is not None and name is not None and values.get(name) is not None:
                    texts.append(shown_value(k.column(name), values[name], lang))
                else:
                    texts.append(V.shown(cell) if cell not in (None, "") else "")
            out.numbers.append(number)
            out.cells.append(texts)
        return out


def shown_value(col: Column, value, lang: str = "zh") -> str:
    """A parsed value as the clerk reads it: its field kind's display (kg,
    yuan, %, dates, labels), a mass or a percentage with its unit."""
    kind = col.kind
    if kind == "list":
        return "; ".join(str(v) for v in value)
    text = kinds.of(kind).display(value, lang, False, col.choices)
    return f"{text} kg" if kind == "mass" else f"{text} %" if kind == "pct" else text
