"""The dashboard's chart: outbound counted as the printed flow summary counts
it (consumption by production included), month labels a clerk reads, a value
axis with ticks, and a legend that fits, each name whole in a tooltip."""

import re

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from magdesk import usecases
from magdesk.core import enums as E
from magdesk.reports import build_report
from magdesk.storage import open_database

from .conftest import lang_settings


def test_monthly_flows_equal_the_printed_summary(demo_copy):
    with open_database(demo_copy) as db:
        flows = usecases.monthly_flows(db)
        for period in ("2026-06", "2026-09"):
            report = build_report(db, "flow", period)
            table = next(b for b in report.sections[0].blocks
                         if getattr(b, "title", "") == "入库与出库(按产品类别)")
            printed = {row.cells[0]: (row.cells[3], row.cells[7]) for row in table.rows}
            shown = {E.Category(c).label("zh"): v for c, v in flows[period].items()
                     if v != (0, 0)}
            assert shown == printed
            # production used material: outbound is more than what was sold
            consumed = table.total("生产领用(kg)")
            assert consumed > 0


@pytest.fixture
def chart_in(qtbot, demo_copy):
    from magdesk.gui.app import application
    from magdesk.gui.dashboard import FlowChart

    def make(lang, width=900):
        application(lang_settings(lang))
        with open_database(demo_copy) as db:
            flows = usecases.monthly_flows(db)
        chart = FlowChart(lang)
        qtbot.addWidget(chart)
        chart.resize(width, 260)
        chart.set_flows(flows)
        chart.show()
        chart.grab()
        qtbot.wait(20)  # its ``painted`` went out
        return chart

    yield make
    application(lang_settings("zh"))


@pytest.mark.parametrize("width", [900, 560])
def test_english_chart_reads_whole(chart_in, qtbot, width):
    chart = chart_in("en", width)
    assert chart.month_labels and all(re.fullmatch(r"20\d\d-\d\d", m) for m in chart.month_labels)
    assert len(chart.ticks) >= 3 and chart.ticks[0] == "0"
    assert all(re.fullmatch(r"[\d,.]+", t) for t in chart.ticks)
    names = {E.Category(c).label("en") for m in chart.flows.values() for c in m}
    assert {full for _, _, full in chart.legend} == names
    for rect, shown, full in chart.legend:
        assert rect.right() <= chart.width()
        assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1]))
        chart.event(QHelpEvent(QEvent.Type.ToolTip, rect.center().toPoint(),
                               chart.mapToGlobal(rect.center().toPoint())))
        qtbot.waitUntil(lambda full=full: QToolTip.text() == full, timeout=3000)
    if width < 600:  # the long names are elided, not cut
        assert any(shown != full for _, shown, full in chart.legend)
    QToolTip.hideText()
    chart.event(QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), chart.mapToGlobal(QPoint(5, 5))))


def test_chinese_months_read_as_months(chart_in):
    chart = chart_in("zh")
    assert chart.month_labels and all(re.fullmatch(r"\d{1,2}月", m) for m in chart.month_labels)
    assert len(chart.ticks) >= 3
