"""Laying a report out on pages: measuring and wrapping text, and placing
blocks (section titles, facts, paragraphs, tables, charts, signatures) page by
page.  The result is a list of pages, each a list of paint operations, so the
page count is known before the first page is painted (共 y 页).

Painting goes straight to QPainter rather than through QTextDocument: a
month of 5,000 sales gives tables of ~1,000 rows, which QTextDocument lays
out and prints about six times slower; painting ourselves also gives the
per-page header and footer and repeated table headers directly."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPen

from ..reports.model import Facts, Paragraph

Op = Callable[[QPainter], None]

# Sizes in points; the canvas turns them into device pixels.
FONT_SIZES = {"body": 8.5, "bold": 8.5, "small": 7.5, "small_bold": 7.5, "title": 15.0,
              "section": 10.5, "caption": 9.5, "tiny": 6.5, "head": 9.0}
BOLD = {"bold", "small_bold", "title", "section", "caption", "head"}
GRID = QColor("#7a7a7a")
HEADER_FILL = QColor("#dfe6ee")
ZEBRA_FILL = QColor("#f6f7f9")
SUBTOTAL_FILL = QColor("#eceff3")
TOTAL_FILL = QColor("#d5dde7")
LABEL_FILL = QColor("#eef1f5")
MUTED = QColor("#555555")
_TOKENS = re.compile(r"[A-Za-z0-9.,:;_\-/+#%&'()\[\]@]+ *| +|.")


class Canvas:
    """Fonts, metrics and unit conversion for one paint device (a QPrinter)."""

    def __init__(self, device: QPaintDevice, family: str):
        self.device = device
        self.dpi = device.logicalDpiY()
        self.fonts: dict[str, QFont] = {}
        self.metrics: dict[str, QFontMetricsF] = {}
        self._adv: dict[str, dict[str, float]] = {}
        for key, size in FONT_SIZES.items():
            font = QFont(family)
            font.setPointSizeF(size)
            font.setBold(key in BOLD)
            font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
            self.fonts[key] = font
            self.metrics[key] = QFontMetricsF(font, device)
            self._adv[key] = {}

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72.0

    def line_h(self, key: str) -> float:
        return self.metrics[key].height()

    def ascent(self, key: str) -> float:
        return self.metrics[key].ascent()

    def adv(self, key: str, text: str) -> float:
        cache = self._adv[key]
        width = cache.get(text)
        if width is None:
            width = cache[text] = self.metrics[key].horizontalAdvance(text)
        return width

    def wrap(self, key: str, text: str, width: float) -> list[str]:
        """Lines of ``text`` no wider than ``width``: breaks between CJK
        characters and at spaces, a Latin word or number kept whole unless
        it alone is too wide."""
        if not text:
            return [""]
        lines: list[str] = []
        for part in text.split("\n"):
            lines += self._wrap_line(key, part, width)
        return lines

    def _wrap_line(self, key: str, text: str, width: float) -> list[str]:
        if self.adv(key, text) <= width:
            return [text]
        lines, line = [], ""
        for token in _TOKENS.findall(text):
            if self.adv(key, line + token.rstrip()) <= width:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = token.lstrip()
            while self.adv(key, line.rstrip()) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and self.adv(key, line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        if line.strip() or not lines:
            lines.append(line.rstrip())
        return lines

    def wrap_header(self, key: str, text: str, width: float) -> list[str]:
        """A column header, broken before its unit "(kg)" when it must wrap."""
        if self.adv(key, text) <= width or "(" not in text:
            return self.wrap(key, text, width)
        head, _, unit = text.rpartition("(")
        return self.wrap(key, head, width) + self.wrap(key, "(" + unit, width)

    def text(self, painter: QPainter, key: str, x: float, top: float, text: str) -> None:
        """One line of text whose box starts at ``top``."""
        painter.setFont(self.fonts[key])
        painter.drawText(QPointF(x, top + self.ascent(key)), text)


class Pager:
    """Places blocks top to bottom, starting a new page when one is full."""

    def __init__(self, canvas: Canvas, width: float, top: float, bottom: float):
        self.canvas = canvas
        self.width = width
        self.top = top
        self.bottom = bottom
        self.pages: list[list[Op]] = [[]]
        self.y = top

    @property
    def room(self) -> float:
        return self.bottom - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= self.top + 0.5

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def ensure(self, height: float) -> None:
        if height > self.room and not self.at_top:
            self.new_page()

    def add(self, op: Op) -> None:
        self.pages[-1].append(op)

    def gap(self, mm: float) -> None:
        if not self.at_top:
            self.y = min(self.bottom, self.y + self.canvas.mm(mm))


def heading_height(canvas: Canvas, key: str) -> float:
    return canvas.line_h(key) + canvas.mm(1.5)


def place_heading(pager: Pager, key: str, text: str, keep: float) -> None:
    """A title kept on the same page as the first ``keep`` pixels after it."""
    c = pager.canvas
    height = heading_height(c, key)
    pager.ensure(height + keep)
    y = pager.y

    def paint(p: QPainter) -> None:
        p.setPen(QColor("black"))
        c.text(p, key, 0, y, text)

    pager.add(paint)
    pager.y += height


def place_paragraph(pager: Pager, paragraph: Paragraph, key: str = "body") -> None:
    c = pager.canvas
    for line in c.wrap(key, paragraph.text, pager.width):
        pager.ensure(c.line_h(key))
        y = pager.y

        def paint(p: QPainter, y=y, line=line) -> None:
            p.setPen(QColor("black") if key == "body" else MUTED)
            c.text(p, key, 0, y, line)

        pager.add(paint)
        pager.y += c.line_h(key) * 1.15
    pager.gap(1.5)


def place_facts(pager: Pager, facts: Facts, per_row: int) -> None:
    """Label/value pairs in a bordered grid, ``per_row`` pairs a line."""
    c = pager.canvas
    pad, pv, lh = c.mm(1.5), c.mm(0.9), c.line_h("body")
    label_w = max(c.adv("bold", k) for k, _ in facts.pairs) + 2 * pad
    value_w = pager.width / per_row - label_w
    for start in range(0, len(facts.pairs), per_row):
        chunk = facts.pairs[start:start + per_row]
        wrapped = [c.wrap("body", v, value_w - 2 * pad) for _, v in chunk]
        height = max(len(w) for w in wrapped) * lh + 2 * pv
        pager.ensure(height)
        y = pager.y
        pager.add(lambda p, y=y, chunk=chunk, wrapped=wrapped, h=height:
                  _paint_facts_row(c, p, y, h, chunk, wrapped, label_w, value_w, per_row))
        pager.y += height
    pager.gap(3)


def _paint_facts_row(c: Canvas, p: QPainter, y, h, chunk, wrapped, label_w, value_w,
                     per_row) -> None:
    pad, pv, lh = c.mm(1.5), c.mm(0.9), c.line_h("body")
    p.setPen(pen(c, GRID, 0.4))
    for i, (label, _) in enumerate(chunk):
        x = i * (label_w + value_w)
        p.fillRect(QRectF(x, y, label_w, h), LABEL_FILL)
        p.drawRect(QRectF(x, y, label_w, h))
        p.drawRect(QRectF(x + label_w, y, value_w, h))
        p.setPen(QColor("black"))
        c.text(p, "bold", x + pad, y + pv, label)
        for n, line in enumerate(wrapped[i]):
            c.text(p, "body", x + label_w + pad, y + pv + n * lh, line)
        p.setPen(pen(c, GRID, 0.4))
    for i in range(len(chunk), per_row):  # an empty pair keeps the grid closed
        x = i * (label_w + value_w)
        p.drawRect(QRectF(x, y, label_w + value_w, h))


def pen(c: Canvas, color: QColor, points: float) -> QPen:
    pen = QPen(color)
    pen.setWidthF(c.pt(points))
    return pen
