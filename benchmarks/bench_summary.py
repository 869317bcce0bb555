"""Printed summary speed: the flow summary of a month of 5,000 sales to PDF.

Figure: ``reports.build_report(db, "flow", period)`` plus
``gui.printing.save_pdf`` (all queries, aggregation, layout and painting),
median of 3 fresh processes; the Qt application and the font lookup are made
before the clock starts, as in the running desktop.

Floor, same run and same machine: the same number of table rows and cells
(the report's own texts), painted with bare ``QPainter.drawText`` into a grid
on A4 pages of the same PDF printer and font, with no measuring, wrapping or
pagination logic: the cost of putting that text into a PDF at all.
For reference it also times QTextDocument printing an HTML table of the same
rows, the obvious alternative renderer.

Target (issue 6): under 2 s.

    .venv/bin/python benchmarks/bench_summary.py
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PERIOD = "2026-10"
SALES = 5000


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from magdesk.gui.printing import cjk_family, ensure_app

    app = ensure_app()
    cjk_family()
    return app


def _report(db_path: str):
    from magdesk.reports import build_report
    from magdesk.storage import open_database

    with open_database(db_path) as db:
        return build_report(db, "flow", PERIOD)


def _cells(report) -> list[list[str]]:
    from magdesk.reports.model import cell_text

    return [[cell_text(c.kind, v) for c, v in zip(t.columns, row.cells, strict=True)]
            for t in report.tables() for row in (*t.rows, *t.totals)]


def child(mode: str, db_path: str, out: str) -> None:
    app = _app()  # noqa: F841 - kept alive while painting
    from magdesk.gui.printing import save_pdf

    if mode == "summary":
        start = time.perf_counter()
        report = _report(db_path)
        data = time.perf_counter() - start
        pages = save_pdf(report, Path(out) / "flow.pdf")
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds, "data": data, "pages": pages}))
        return
    else:
        rows = _cells(_report(db_path))
        start = time.perf_counter()
        pages = (_bare_painter if mode == "floor" else _qtextdocument)(rows, Path(out))
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "pages": pages, "rows": len(rows)}))


def _printer(path: Path):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait,
                                      QMarginsF(14, 12, 14, 10), QPageLayout.Unit.Millimeter))
    return printer


def _bare_painter(rows: list[list[str]], out: Path) -> int:
    from PySide6.QtCore import QLineF, QPointF
    from PySide6.QtGui import QFont, QFontMetricsF, QPainter

    from magdesk.gui.printing import cjk_family

    printer = _printer(out / "floor.pdf")
    font = QFont(cjk_family())
    font.setPointSizeF(8.5)
    height = QFontMetricsF(font, printer).height() * 1.25
    ascent = QFontMetricsF(font, printer).ascent()
    rect = printer.pageLayout().paintRectPixels(printer.resolution())
    painter = QPainter(printer)
    painter.setFont(font)
    y, pages = 0.0, 1
    for cells in rows:
        if y + height > rect.height():
            printer.newPage()
            painter.setFont(font)
            y, pages = 0.0, pages + 1
        width = rect.width() / len(cells)
        for j, text in enumerate(cells):
            painter.drawText(QPointF(j * width + 20, y + ascent), text)
        painter.drawLine(QLineF(0, y + height, rect.width(), y + height))
        y += height
    painter.end()
    return pages


def _qtextdocument(rows: list[list[str]], out: Path) -> int:
    from html import escape

    from PySide6.QtGui import QFont, QTextDocument

    from magdesk.gui.printing import cjk_family

    printer = _printer(out / "qtextdocument.pdf")
    html = ["<table border=1 cellspacing=0 cellpadding=2 width=100%>"]
    html += ["<tr>" + "".join(f"<td>{escape(t)}</td>" for t in cells) + "</tr>" for cells in rows]
    html.append("</table>")
    doc = QTextDocument()
    font = QFont(cjk_family())
    font.setPointSizeF(8.5)
    doc.setDefaultFont(font)
    doc.setHtml("".join(html))
    doc.print_(printer)
    del printer  # finishes the file
    return len(re.findall(rb"/Type\s*/Page\b", (out / "qtextdocument.pdf").read_bytes()))


def measure(mode: str, db: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(db), str(out)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    from magdesk.usecases import create_demo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "month.sqlite"
        start = time.perf_counter()
        create_demo(db, sales=SALES, months=1, end_period=PERIOD)
        print(f"  demo month of {SALES:,} sales built in {time.perf_counter() - start:.1f} s")
        runs = [measure("summary", db, folder) for _ in range(3)]
        floors = [measure("floor", db, folder) for _ in range(3)]
        reference = measure("qtextdocument", db, folder)
    figure = statistics.median(r["seconds"] for r in runs)
    data = statistics.median(r["data"] for r in runs)
    floor = statistics.median(r["seconds"] for r in floors)
    rows = floors[0]["rows"]
    print(f"flow summary of a {SALES:,}-sale month to PDF: {figure:.2f} s "
          f"({runs[0]['pages']} pages, {rows} table rows; median of 3)")
    print(f"  of which the figures (filing sources, aggregation): {data:.2f} s, "
          f"layout and painting: {figure - data:.2f} s")
    print(f"floor, bare QPainter.drawText of the same {rows} rows to PDF: {floor:.2f} s "
          f"({floors[0]['pages']} pages)")
    print(f"ratio: {figure / floor:.2f} (layout and painting alone: "
          f"{(figure - data) / floor:.2f})")
    print(f"reference, QTextDocument printing the same rows as an HTML table: "
          f"{reference['seconds']:.2f} s ({reference['pages']} pages)")
    ok = figure < 2.0
    print(f"{'PASS' if ok else 'FAIL'} (target: under 2 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        sys.exit(0)
    sys.exit(main())
