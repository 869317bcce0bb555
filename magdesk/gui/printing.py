"""Printing a summary (magdesk/reports/): print preview and PDF.

A4, a CJK font chosen explicitly (no tofu), on every page the company, its
credit code, the title and the period above, the generation time, the
software version and 第 x 页 / 共 y 页 below; table headers repeat after page
breaks; the last page ends with the signature lines 制表 / 审核 / 负责人 and
the date.

The main window calls ``preview(report, parent)`` and ``save_pdf(report, path)``.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF
from PySide6.QtGui import QColor, QFontDatabase, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ..reports.model import BarChart, Facts, Paragraph, Report, Table
from .print_chart import place_chart
from .print_layout import (
    MUTED,
    Canvas,
    Pager,
    place_facts,
    place_heading,
    place_paragraph,
)
from .print_table import place_table

# Families tried in order; the first installed one that writes Simplified
# Chinese wins.  WenQuanYi first: ENVIRONMENT.md found Qt prefers it anyway.
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
                "Microsoft YaHei", "SimHei", "PingFang SC", "Noto Sans SC", "SimSun")
MARGINS_MM = QMarginsF(14, 12, 14, 10)


def ensure_app():
    """The running Qt application, or a new QGuiApplication (fonts and
    printing need one); with no display it runs offscreen."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                      or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["magdesk"])
        _APP.append(app)  # kept: a collected application takes its fonts with it
    return app


_APP: list = []


@functools.cache
def cjk_family() -> str:
    """An installed font family with Simplified Chinese glyphs ("" if none,
    then Qt's default is used and Chinese may show as boxes)."""
    return pick_cjk(QFontDatabase.families(),
                    QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def pick_cjk(installed: list[str], chinese: list[str]) -> str:
    """The first of CJK_FAMILIES that is ``installed`` (Linux: WenQuanYi or
    Noto; Windows: Microsoft YaHei, else SimHei, else SimSun; macOS: PingFang),
    else the first family that writes Simplified Chinese, else ""."""
    have = set(installed)
    for family in CJK_FAMILIES:
        if family in have:
            return family
    return chinese[0] if chinese else ""


def configure(printer: QPrinter, report: Report) -> QPrinter:
    orientation = (QPageLayout.Orientation.Landscape if report.landscape
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      MARGINS_MM, QPageLayout.Unit.Millimeter))
    printer.setDocName(f"{report.title} {report.period}")
    printer.setCreator(report.software)
    return printer


def save_pdf(report: Report, path: str | Path) -> int:
    """Write ``report`` as an A4 PDF at ``path``; returns the page count."""
    import errno
    import os

    path = Path(path)
    if path.is_dir():  # (errno: said as the clerk reads it, failures.path_problem)
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"no such folder: {path.parent}", str(path.parent))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPdfVersion(QPrinter.PdfVersion.PdfVersion_1_6)
    configure(printer, report)
    return render(report, printer)


class ReportPreview(QPrintPreviewDialog):
    """QPrintPreviewDialog over a report; it owns its QPrinter, which must
    outlive the dialog (a temporary printer crashes on show)."""

    def __init__(self, report: Report, parent: QWidget | None = None):
        from .folders import last_folder

        self._printer = configure(QPrinter(QPrinter.PrinterMode.HighResolution), report)
        folder = last_folder("print")
        if folder:  # printed to a PDF file last time: the same folder again
            self._printer.setOutputFileName(str(Path(folder) / f"{report.title} {report.period}.pdf"))
        super().__init__(self._printer, parent)
        self.report = report
        self.pages = 0
        self.setWindowTitle(self.tr("Print preview — {0} {1}").format(report.title, report.period))
        self.resize(900, 1000)
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        self.pages = render(self.report, printer)
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            from .folders import remember

            remember("print", printer.outputFileName())


def preview(report: Report, parent: QWidget | None = None) -> int:
    """Show the print preview of ``report`` (modal); returns the dialog's result."""
    dialog = ReportPreview(report, parent)
    return dialog.exec()


# --- painting ----------------------------------------------------------------------------


def render(report: Report, printer: QPrinter) -> int:
    """Lay ``report`` out for ``printer``'s page, then paint every page."""
    canvas = Canvas(printer, cjk_family())
    rect = printer.pageLayout().paintRectPixels(printer.resolution())
    width, height = float(rect.width()), float(rect.height())
    top = _header_height(canvas, report)
    bottom = height - _footer_height(canvas)
    pages = layout(report, canvas, width, top, bottom)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot print to {printer.outputFileName() or printer.printerName()}")
    try:
        for number, ops in enumerate(pages, 1):
            if number > 1:
                printer.newPage()
            _paint_header(painter, canvas, report, width)
            for op in ops:
                op(painter)
            _paint_footer(painter, canvas, report, width, height, number, len(pages))
    finally:
        painter.end()
    return len(pages)


def layout(report: Report, canvas: Canvas, width: float, top: float,
           bottom: float) -> list[list]:
    pager = Pager(canvas, width, top, bottom)
    per_row = 3 if report.landscape else 2
    if report.subject:
        place_heading(pager, "section", report.subject, 0)
    for section in report.sections:
        pager.gap(2)
        place_heading(pager, "section", section.title, canvas.mm(25))
        for block in section.blocks:
            if isinstance(block, Table):
                place_table(pager, block, titled=block.title != _bare(section.title))
            elif isinstance(block, BarChart):
                place_chart(pager, block)
            elif isinstance(block, Facts):
                place_facts(pager, block, per_row)
            elif isinstance(block, Paragraph):
                place_paragraph(pager, block)
    _place_signatures(pager, report)
    return pager.pages


def _bare(title: str) -> str:
    """A section title without its numbering (一、)."""
    return re.sub(r"^[一二三四五六七八九十]+、", "", title)


def _place_signatures(pager: Pager, report: Report) -> None:
    c = pager.canvas
    height = c.line_h("head") + c.mm(4)
    # up to 8 mm below the last table, less rather than a page of its own
    pager.y += max(0.0, min(c.mm(8), pager.room - height))
    pager.ensure(height)
    y = pager.y + c.mm(2)
    labels = [f"{name}：" for name in report.signatures] + ["日期："]
    slot = pager.width / len(labels)

    def paint(p: QPainter) -> None:
        pen = QPen(QColor("black"))
        pen.setWidthF(c.pt(0.6))
        for i, label in enumerate(labels):
            x = i * slot
            p.setPen(QColor("black"))
            c.text(p, "head", x, y, label)
            start = x + c.adv("head", label) + c.mm(1)
            end = x + slot - c.mm(6)
            if label == "日期：":
                c.text(p, "head", start, y, "        年      月      日")
            else:
                p.setPen(pen)
                base = y + c.line_h("head")
                p.drawLine(QLineF(start, base, end, base))

    pager.add(paint)
    pager.y += height


def _header_height(c: Canvas, report: Report) -> float:
    return (c.line_h("head") + c.line_h("title") + c.line_h("small") + c.mm(5))


def _footer_height(c: Canvas) -> float:
    return c.line_h("small") + c.mm(3)


def _paint_header(p: QPainter, c: Canvas, report: Report, width: float) -> None:
    p.setPen(QColor("black"))
    c.text(p, "head", 0, 0, report.company)
    code = f"统一社会信用代码：{report.uscc}"
    c.text(p, "head", width - c.adv("head", code), 0, code)
    y = c.line_h("head") + c.mm(0.8)
    c.text(p, "title", (width - c.adv("title", report.title)) / 2, y, report.title)
    y += c.line_h("title") + c.mm(0.8)
    c.text(p, "bold", 0, y, f"所属期：{report.period_label}")
    p.setPen(MUTED)
    c.text(p, "small", width - c.adv("small", report.units), y, report.units)
    y += c.line_h("small") + c.mm(1.2)
    pen = QPen(QColor("black"))
    pen.setWidthF(c.pt(0.8))
    p.setPen(pen)
    p.drawLine(QLineF(0, y, width, y))


def footer_time(at) -> str:
    """The generation time as the clerk reads a clock: local, to the minute,
    no offset (2026-12-06 16:28)."""
    return f"{at.astimezone():%Y-%m-%d %H:%M}"


def _paint_footer(p: QPainter, c: Canvas, report: Report, width: float, height: float,
                  number: int, total: int) -> None:
    y = height - c.line_h("small")
    pen = QPen(QColor("#888888"))
    pen.setWidthF(c.pt(0.5))
    p.setPen(pen)
    p.drawLine(QLineF(0, y - c.mm(1.2), width, y - c.mm(1.2)))
    p.setPen(MUTED)
    stamp = footer_time(report.generated_at)
    c.text(p, "small", 0, y, f"生成时间：{stamp}    生成软件：{report.software}")
    page = f"第 {number} 页 / 共 {total} 页"
    p.setPen(QColor("black"))
    c.text(p, "bold", width - c.adv("bold", page), y - (c.line_h("bold") - c.line_h("small")),
           page)
