"""A grouped bar chart painted with QPainter straight onto the page (vector,
sharp at any zoom; no QtCharts).  Colours differ in lightness as well as hue
so the two series stay apart on a black-and-white printer."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from ..reports.model import BarChart
from .print_layout import Canvas, Pager, heading_height

SERIES_COLOURS = (QColor("#2f5b8a"), QColor("#f0a860"), QColor("#7aa35a"), QColor("#9b6bb0"))
CHART_MM = 62.0


def nice_step(top: float, ticks: int = 5) -> float:
    """A 1/2/5 × 10^n step giving about ``ticks`` intervals up to ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def place_chart(pager: Pager, chart: BarChart) -> None:
    c = pager.canvas
    height = heading_height(c, "caption") + c.mm(CHART_MM)
    pager.ensure(height)
    y = pager.y
    pager.add(lambda p: (p.setPen(QColor("black")), c.text(p, "caption", 0, y, chart.title)))
    area = QRectF(0, y + heading_height(c, "caption"), pager.width, c.mm(CHART_MM))
    pager.add(lambda p: paint_chart(p, c, chart, area))
    pager.y += height
    pager.gap(2)


def chart_unit(top_grams: int) -> tuple[str, int]:
    """The unit the axis and bar labels use: kg, or tonnes for big months
    (bar labels of seven digits would run into each other)."""
    return ("t", 1_000_000) if top_grams >= 100_000_000 else ("kg", 1000)


def bar_label(grams: int, per_unit: int) -> str:
    value = grams / per_unit
    return f"{value:,.1f}" if per_unit > 1000 and value < 100 else f"{round(value):,}"


def paint_chart(p: QPainter, c: Canvas, chart: BarChart, area: QRectF) -> None:
    top_grams = max((v for s in chart.series for v in s.values), default=0)
    unit, per_unit = chart_unit(top_grams)
    top = top_grams / per_unit
    step = nice_step(top)
    ticks = [step * i for i in range(int(top / step) + 2)]
    tick_w = max(c.adv("small", f"{t:,.0f}") for t in ticks)
    legend_h = c.line_h("small") + c.mm(2)
    label_h = 2 * c.line_h("small") + c.mm(1.5)
    plot = QRectF(area.left() + tick_w + c.mm(3), area.top() + legend_h,
                  area.width() - tick_w - c.mm(4), area.height() - legend_h - label_h)
    scale = plot.height() / ticks[-1]
    grid = QPen(QColor("#c8c8c8"))
    grid.setWidthF(c.pt(0.3))
    p.setFont(c.fonts["small"])
    for t in ticks:
        ty = plot.bottom() - t * scale
        p.setPen(grid)
        p.drawLine(QLineF(plot.left(), ty, plot.right(), ty))
        p.setPen(QColor("black"))
        text = f"{t:,.0f}"
        c.text(p, "small", plot.left() - c.mm(1.5) - c.adv("small", text),
               ty - c.line_h("small") / 2, text)
    c.text(p, "small", area.left(), area.top(), f"单位：{'吨(t)' if unit == 't' else '千克(kg)'}")
    _legend(p, c, chart, area)
    n, k = max(1, len(chart.categories)), max(1, len(chart.series))
    group_w = plot.width() / n
    bar_w = min(group_w * 0.8 / k, c.mm(12))
    for i, name in enumerate(chart.categories):
        centre = plot.left() + group_w * (i + 0.5)
        for s, series in enumerate(chart.series):
            grams = series.values[i]
            x = centre - bar_w * k / 2 + s * bar_w
            h = grams / per_unit * scale
            bar = QRectF(x, plot.bottom() - h, bar_w * 0.92, h)
            p.fillRect(bar, SERIES_COLOURS[s % len(SERIES_COLOURS)])
            p.setPen(QColor("#333333"))
            p.drawRect(bar)
            if grams:
                text = bar_label(grams, per_unit)
                c.text(p, "tiny", x + (bar_w * 0.92 - c.adv("tiny", text)) / 2,
                       bar.top() - c.line_h("tiny"), text)
        p.setPen(QColor("black"))
        for line_no, line in enumerate(c.wrap("small", name, group_w - c.mm(1))[:2]):
            c.text(p, "small", centre - c.adv("small", line) / 2,
                   plot.bottom() + c.mm(1) + line_no * c.line_h("small"), line)
    if not top_grams:
        note = "本期无出入库"
        p.setPen(QColor("#555555"))
        c.text(p, "body", plot.center().x() - c.adv("body", note) / 2, plot.center().y(), note)
    axis = QPen(QColor("black"))
    axis.setWidthF(c.pt(0.6))
    p.setPen(axis)
    p.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
    p.drawLine(QLineF(plot.left(), plot.top(), plot.left(), plot.bottom()))


def _legend(p: QPainter, c: Canvas, chart: BarChart, area: QRectF) -> None:
    box = c.mm(3)
    x = area.right()
    for s in reversed(range(len(chart.series))):
        name = chart.series[s].name
        x -= c.adv("small", name) + box + c.mm(5)
        swatch = QRectF(x, area.top() + (c.line_h("small") - box) / 2, box, box)
        p.fillRect(swatch, SERIES_COLOURS[s % len(SERIES_COLOURS)])
        p.setPen(QColor("#333333"))
        p.drawRect(swatch)
        p.setPen(QColor("black"))
        c.text(p, "small", x + box + c.mm(1.2), area.top(), name)
