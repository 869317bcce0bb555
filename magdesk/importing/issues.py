"""Import findings: a core finding plus where it is in the file (sheet, row as
Excel shows it, column letter and header)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import text
from ..core.findings import Finding, Severity, finding
from ..core.messages import render, render_text


def by_row(found: ImportFinding) -> tuple:
    """The order a clerk reads findings in: the file's own first, then by row and
    column as Excel shows them (B before AA)."""
    column = found.column or ""
    return (found.row is not None, found.row or 0, len(column), column)


@dataclass(frozen=True, slots=True)
class ImportFinding:
    finding: Finding
    sheet: str = ""
    row: int | None = None  # 1-based, as Excel shows it
    column: str | None = None  # letter, e.g. "C"
    header: str | None = None

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    @property
    def is_error(self) -> bool:
        return self.finding.severity is Severity.ERROR

    def where(self, lang: str = "zh") -> str:
        """Where in the file, as Excel shows it: 第5行 H列“重量(kg)” / row 5, column H."""
        if self.row is None:
            return ""
        if not self.column:
            return text.say("import.where.row", lang, row=self.row)
        code = "import.where.header" if self.header else "import.where.column"
        return text.say(code, lang, row=self.row, column=self.column, header=self.header)

    def message(self, lang: str = "zh") -> str:
        where = self.where(lang)
        if not where:
            # a record the import touched elsewhere is named; the file itself is not
            return render(self.finding, lang) if self.finding.record else render_text(
                self.finding, lang)
        return text.say("import.where.said", lang, where=where,
                        message=render_text(self.finding, lang))

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        f = self.finding
        return {
            "sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header,
            "code": f.code, "severity": str(f.severity), "message": self.message(lang),
            "entity": f.entity, "record": f.record, "field": f.field,
            "params": {k: str(v) for k, v in f.params.items()},
        }


class Locator:
    """Makes findings at cells of one sheet from import column names."""

    def __init__(self, sheet: str, entity: str, headers: list[str], columns: dict[int, str]):
        from .values import column_letter

        self.sheet = sheet
        self.entity = entity
        self.place: dict[str, tuple[str, str]] = {
            name: (column_letter(index), headers[index]) for index, name in columns.items()}
        self.headers = headers
        self.key = ""  # the import column that holds a row's business key

    def at(self, code: str, row: int | None, column: str | None, record: str = "",
           field: str | None = None, entity: str | None = None, **params) -> ImportFinding:
        """A finding at ``row`` (Excel's number) and import column ``column``."""
        letter, header = self.place.get(column, (None, None)) if column else (None, None)
        if header is not None:
            params.setdefault("label", header)
        f = finding(code, entity or self.entity, record, field or column, None, **params)
        return ImportFinding(f, self.sheet, row, letter, header)

    def on(self, code: str, row, column: str | None, **params) -> ImportFinding:
        """A finding at a parsed row (its record named by its key, if read)."""
        key = row.values.get(self.key) if self.key else None
        return self.at(code, row.number, column, str(key) if key is not None else "", **params)

    def at_index(self, code: str, row: int | None, index: int, **params) -> ImportFinding:
        """A finding about file column ``index`` (a header problem)."""
        from .values import column_letter

        header = self.headers[index] if index < len(self.headers) else ""
        params.setdefault("label", header)
        f = finding(code, self.entity, "", None, None, **params)
        return ImportFinding(f, self.sheet, row, column_letter(index), header)

    def wrap(self, f: Finding, row: int | None, column: str | None) -> ImportFinding:
        """A validation finding placed at a row and column of the file."""
        letter, header = self.place.get(column, (None, None)) if column else (None, None)
        return ImportFinding(f, self.sheet, row, letter, header)
