"""Tables on pages: column widths fitted to the text, rows wrapped, the
header row repeated on every page a table spans, group subtotals kept with
their group and totals with the last row, one grid drawn per page."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter

from ..reports.model import Paragraph, Row, Table, cell_text
from .print_layout import (
    GRID,
    HEADER_FILL,
    SUBTOTAL_FILL,
    TOTAL_FILL,
    ZEBRA_FILL,
    Canvas,
    Pager,
    heading_height,
    pen,
    place_heading,
    place_paragraph,
)


class _Cell:
    __slots__ = ("col", "x", "w", "lines", "right", "font")

    def __init__(self, col, x, w, lines, right, font):
        self.col, self.x, self.w, self.lines = col, x, w, lines
        self.right, self.font = right, font


class TableLayout:
    """Column widths, fonts and row heights of one table for a given width.

    Widths come from the text itself: natural widths, stretched to the full
    width when they fit; otherwise, step by step, numeric headers wrap
    before their unit, text columns wrap, the table drops to the small font,
    and long identifiers wrap.  Numbers and dates never wrap."""

    def __init__(self, c: Canvas, table: Table, width: float):
        self.c, self.table, self.width = c, table, width
        self.rows: list[tuple[Row, list[str]]] = [
            (row, [cell_text(col.kind, v) for col, v in zip(table.columns, row.cells, strict=True)])
            for row in (*table.rows, *table.totals)]
        for font, bold in (("body", "bold"), ("small", "small_bold")):
            self.font, self.bold = font, bold
            self.pad, self.pv = c.mm(1.0 if font == "body" else 0.8), c.mm(0.6)
            self.widths, fitted = self._widths()
            if fitted:
                break
        self.lh = c.line_h(self.font)
        self.xs = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        self.header = [c.wrap_header(self.bold, col.header, w - 2 * self.pad)
                       for col, w in zip(table.columns, self.widths, strict=True)]
        self.header_h = max(len(h) for h in self.header) * c.line_h(self.bold) + 2 * self.pv

    def _span(self, row: Row, texts: list[str]) -> int:
        """How many columns a subtotal/total label covers (1 for data rows)."""
        if not row.style or not texts[0]:
            return 1
        n = 1
        while n < len(texts) and texts[n] == "":
            n += 1
        return max(1, n)

    def _widths(self) -> tuple[list[float], bool]:
        """Widths, and whether they fit without wrapping text below ~18 mm
        or wrapping identifiers."""
        c, cols, pad2 = self.c, self.table.columns, 2 * self.pad
        content = [0.0] * len(cols)
        for row, texts in self.rows:
            key = self.bold if row.style == "total" else self.font
            start = 1 if self._span(row, texts) > 1 else 0
            for j in range(start, len(cols)):
                content[j] = max(content[j], c.adv(key, texts[j]))
        head = [c.adv(self.bold, col.header) for col in cols]
        head2 = [_two_line_width(c, self.bold, col.header) for col in cols]
        text = [col.kind == "text" for col in cols]
        code = [col.kind == "code" for col in cols]
        nat = [max(content[j], head[j]) for j in range(len(cols))]
        levels = [
            [nat[j] if text[j] else max(content[j], head2[j]) for j in range(len(cols))],
            [max(head2[j], min(content[j], c.mm(18))) if text[j] else None
             for j in range(len(cols))],
            [max(head2[j], min(content[j], c.mm(9))) if text[j] else None
             for j in range(len(cols))],
            [max(head2[j], content[j] / 2) if code[j] else None for j in range(len(cols))],
        ]
        widths, level = _fit([n + pad2 for n in nat],
                             [[None if m is None else m + pad2 for m in lv] for lv in levels],
                             self.width)
        return widths, level <= 2

    def row_cells(self, row: Row, texts: list[str]) -> tuple[list[_Cell], float]:
        c, pad = self.c, self.pad
        font = self.bold if row.style == "total" else self.font
        span = self._span(row, texts)
        cells = []
        j = 0
        while j < len(texts):
            n = span if j == 0 else 1
            x, w = self.xs[j], self.xs[j + n] - self.xs[j]
            right = self.table.columns[j].numeric and n == 1
            cells.append(_Cell(j, x, w, c.wrap(font, texts[j], w - 2 * pad), right, font))
            j += n
        height = max(len(cell.lines) for cell in cells) * self.lh + 2 * self.pv
        return cells, height


def _two_line_width(c: Canvas, key: str, header: str) -> float:
    """The narrowest width at which a header takes at most two lines."""
    lo, hi = 0.0, c.adv(key, header)
    for _ in range(12):
        mid = (lo + hi) / 2
        if len(c.wrap_header(key, header, mid)) <= 2:
            hi = mid
        else:
            lo = mid
    return hi


def _fit(nat: list[float], levels: list[list[float | None]],
         width: float) -> tuple[list[float], int]:
    """Widths filling ``width`` and the number of shrinking steps it took.

    Natural widths are stretched when they fit.  Otherwise each level in
    turn lowers the minimum of some columns (None: unchanged) and the widest
    of them are capped first (water-filling) until the table fits."""
    total = sum(nat)
    if total <= width:
        return [n * width / total for n in nat], 0
    widths = list(nat)
    for step, level in enumerate(levels, 1):
        floor = [widths[j] if m is None else min(widths[j], m) for j, m in enumerate(level)]
        if sum(floor) > width:
            widths = floor
            continue
        lo, hi = 0.0, max(widths)
        for _ in range(40):
            cap = (lo + hi) / 2
            if sum(max(floor[j], min(widths[j], cap)) for j in range(len(widths))) > width:
                hi = cap
            else:
                lo = cap
        return [max(floor[j], min(widths[j], lo)) for j in range(len(widths))], step
    total = sum(widths)
    return [w * width / total for w in widths], len(levels) + 1


def place_table(pager: Pager, table: Table, titled: bool = True) -> None:
    """A table with its title (unless ``titled`` is False: the section title
    says it), header row repeated on each page it spans, subtotals kept with
    their group, totals with the last data row, and its note."""
    c = pager.canvas
    lay = TableLayout(c, table, pager.width)
    rows = [(row, *lay.row_cells(row, texts)) for row, texts in lay.rows]
    n_data = len(table.rows)
    title_h = heading_height(c, "caption") if titled else 0
    first = sum(h for _, _, h in rows[:2]) + (0 if table.rows else lay.lh + 2 * lay.pv)
    pager.ensure(title_h + lay.header_h + first)
    seg = _Segment(pager, lay, table.title if titled else "")
    if not table.rows:
        seg.empty(table.empty)
    keeps = _keeps(rows, n_data)
    for i, (row, cells, height) in enumerate(rows):
        if height + keeps[i] > pager.room and seg.rows:
            seg.close()
            pager.new_page()
            seg = _Segment(pager, lay, table.title + "(续)")
        seg.row(row, cells, height, zebra=i % 2 == 1 and not row.style)
    seg.close()
    if table.note:
        pager.gap(0.8)
        place_paragraph(pager, Paragraph(table.note), "small")
    pager.gap(3)


def _keeps(rows: list, n_data: int) -> list[float]:
    """For each row, the height that must stay on its page after it: a data
    row keeps its group's subtotal, and the last data row keeps the totals."""
    totals_h = sum(h for _, _, h in rows[n_data:])
    keeps = [0.0] * len(rows)
    for i in range(n_data):
        if rows[i][0].style:
            continue
        j = i + 1
        while j < n_data and rows[j][0].style == "subtotal":
            keeps[i] += rows[j][2]
            j += 1
        if j == n_data:
            keeps[i] += totals_h
    return keeps


class _Segment:
    """The part of a table on one page: title, header, rows, grid."""

    def __init__(self, pager: Pager, lay: TableLayout, title: str):
        self.pager, self.lay, self.c = pager, lay, lay.c
        self.rows = 0
        self.lines: list[QLineF] = []
        self.last_group: str | None = None
        if title:
            place_heading(pager, "caption", title, lay.header_h)
        self.top = pager.y
        y, c, pad, pv = pager.y, self.c, lay.pad, lay.pv

        def paint_header(p: QPainter) -> None:
            p.fillRect(QRectF(0, y, lay.width, lay.header_h), HEADER_FILL)
            p.setPen(QColor("black"))
            for j, lines in enumerate(lay.header):
                x, w = lay.xs[j], lay.widths[j]
                for n, line in enumerate(lines):
                    lx = x + (w - c.adv(lay.bold, line)) / 2
                    c.text(p, lay.bold, max(x + pad, lx), y + pv + n * c.line_h(lay.bold), line)

        pager.add(paint_header)
        self._verticals(y, lay.header_h, range(1, len(lay.widths)))
        pager.y += lay.header_h
        self.lines.append(QLineF(0, pager.y, lay.width, pager.y))

    def _verticals(self, y: float, h: float, edges) -> None:
        for j in edges:
            x = self.lay.xs[j]
            self.lines.append(QLineF(x, y, x, y + h))

    def row(self, row: Row, cells: list[_Cell], height: float, zebra: bool) -> None:
        lay, c, y = self.lay, self.c, self.pager.y
        group = lay.table.group
        if group is not None and not row.style:
            value = row.cells[group]
            if value == self.last_group and cells[group].lines:
                blank = cells[group]
                cells[group] = _Cell(group, blank.x, blank.w, [""], False, lay.font)
                # no rule across the blank group cell: the group reads as one
                self.lines[-1] = QLineF(lay.xs[group + 1], y, lay.width, y)
                if group:
                    self.lines.append(QLineF(0, y, lay.xs[group], y))
            self.last_group = value
        fill = {"subtotal": SUBTOTAL_FILL, "total": TOTAL_FILL}.get(row.style,
                                                                    ZEBRA_FILL if zebra else None)

        def paint_row(p: QPainter) -> None:
            if fill is not None:
                p.fillRect(QRectF(0, y, lay.width, height), fill)
            p.setPen(QColor("black"))
            for cell in cells:
                for n, line in enumerate(cell.lines):
                    x = (cell.x + cell.w - lay.pad - c.adv(cell.font, line) if cell.right
                         else cell.x + lay.pad)
                    c.text(p, cell.font, x, y + lay.pv + n * lay.lh, line)

        self.pager.add(paint_row)
        self._verticals(y, height, [cell.col for cell in cells[1:]])
        self.pager.y += height
        self.lines.append(QLineF(0, self.pager.y, lay.width, self.pager.y))
        self.rows += 1

    def empty(self, text: str) -> None:
        lay, c, y = self.lay, self.c, self.pager.y
        height = lay.lh + 2 * lay.pv
        self.pager.add(lambda p: c.text(p, lay.font, lay.pad, y + lay.pv, text))
        self.pager.y += height
        self.lines.append(QLineF(0, self.pager.y, lay.width, self.pager.y))
        self.rows += 1

    def close(self) -> None:
        lay, c = self.lay, self.c
        top, bottom, lines = self.top, self.pager.y, self.lines

        def paint_grid(p: QPainter) -> None:
            p.setPen(pen(c, GRID, 0.35))
            p.drawLines(lines)
            p.setPen(pen(c, QColor("black"), 0.8))
            p.drawRect(QRectF(0, top, lay.width, bottom - top))
            p.drawLine(QLineF(0, top + lay.header_h, lay.width, top + lay.header_h))

        self.pager.add(paint_grid)
