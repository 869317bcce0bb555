"""A printed summary as plain data: a title, a period, sections of tables
(headers, rows, totals) and charts.  Values stay exact (mass in grams, money
in hundredths, counts as int); ``cell_text`` formats them the way the filing
workbook shows them (each as its field kind, ``core.kinds``), for every
renderer alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..core.kinds import boolean, mass, money

# Column kinds: text, code (an identifier, never wrapped at a space), mass
# (grams, shown in kg with 3 decimals), money (hundredths, 2 decimals with
# thousands separators, as the workbook's #,##0.00), count, date.
NUMERIC_KINDS = frozenset({"mass", "money", "count"})


def cell_text(kind: str, value) -> str:
    """The printed text of one value of a column of ``kind``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if kind == "mass":
        return mass.display(value)
    if kind == "money":
        return money.display(value, grouped=True)
    if isinstance(value, bool):
        return boolean.filing(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: str = "text"

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True, slots=True)
class Row:
    """One table row; ``style`` is "" (data), "subtotal" or "total"."""

    cells: tuple
    style: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row (repeated on every page it spans), data and
    subtotal rows, and totals rows at its end.  ``group`` is the index of the
    column whose repeated values a renderer may leave blank."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = ()
    totals: tuple[Row, ...] = ()
    group: int | None = None
    note: str = ""
    empty: str = "本期无记录"

    def index(self, header: str) -> int:
        for i, column in enumerate(self.columns):
            if column.header == header:
                return i
        raise KeyError(header)

    def data(self) -> list[tuple]:
        """The cells of the data rows (subtotals left out)."""
        return [r.cells for r in self.rows if not r.style]

    def column_sum(self, header: str) -> int:
        i = self.index(header)
        return sum(cells[i] or 0 for cells in self.data())

    def total(self, header: str, row: int = 0):
        """The value under ``header`` in totals row ``row``."""
        return self.totals[row].cells[self.index(header)]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[int, ...]  # grams, one per category


@dataclass(frozen=True, slots=True)
class BarChart:
    """Grouped bars: one group per category, one bar per series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "kg"


@dataclass(frozen=True, slots=True)
class Facts:
    """Label/value pairs printed as a compact grid (the overview)."""

    title: str
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


Block = Table | BarChart | Facts | Paragraph


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Report:
    kind: str  # flow | inventory | licences | trace
    title: str
    period: str  # YYYY-MM
    company: str
    uscc: str
    sections: tuple[Section, ...]
    generated_at: datetime
    software: str
    subject: str = ""  # what a trace follows, e.g. "批号 L251101-00001"
    landscape: bool = False
    units: str = "重量单位：千克(kg)；金额单位：元(外币以所列币种计)"
    signatures: tuple[str, ...] = field(default=("制表", "审核", "负责人"))

    @property
    def period_label(self) -> str:
        return f"{self.period[:4]}年{int(self.period[5:7])}月"

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def table(self, title: str) -> Table:
        for t in self.tables():
            if t.title == title:
                return t
        raise KeyError(title)

    def charts(self) -> list[BarChart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, BarChart)]
