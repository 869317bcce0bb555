"""Printed summaries as PDFs produced offscreen and read back with poppler
(pdftotext, pdfinfo, pdffonts, pdftoppm): page count, page header and footer,
repeated table headers, totals equal to the exported filing workbook,
signature lines, an embedded CJK font, and a rendered page that is not blank."""

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from magdesk import __version__
from magdesk.cli import main
from magdesk.core.units import format_kg
from magdesk.reports import build_report
from magdesk.reports.model import cell_text
from magdesk.storage import open_database
from tests.reports.workbook import export_workbook, mass_sum, money_sum, read_sheets

PERIOD = "2026-06"
BIG = "2026-10"
NOW = datetime(2026, 11, 2, 8, 15, tzinfo=UTC)


def lines_of(pdf: Path) -> list[list[str]]:
    """The lines of every page as laid out, whitespace removed (pdftotext
    spaces CJK text unreliably)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [[flat(line) for line in page.splitlines() if line.strip()]
            for page in text.split("\f")[:-1]]


def pages_of(pdf: Path) -> list[str]:
    return ["".join(lines) for lines in lines_of(pdf)]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture(scope="module")
def big_month(tmp_path_factory) -> Path:
    """One month of 3,000 sales: the flow summary runs over many pages."""
    from magdesk.usecases import create_demo

    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    create_demo(path, sales=3000, seed=3, months=1, end_period=BIG)
    return path


def pdf_of(qtbot, db_path: Path, kind: str, period: str, out: Path, **subject) -> Path:
    from magdesk.gui.printing import save_pdf

    with open_database(db_path) as db:
        report = build_report(db, kind, period, now=NOW, **subject)
    pdf = out / f"{kind}.pdf"
    assert save_pdf(report, pdf) == page_count(pdf)
    return pdf


def test_flow_summary_pdf_against_the_workbook(qtbot, demo_copy, tmp_path):
    pdf = pdf_of(qtbot, demo_copy, "flow", PERIOD, tmp_path)
    sheets = read_sheets(export_workbook(demo_copy, PERIOD, tmp_path))
    pages = pages_of(pdf)
    n = page_count(pdf)
    assert n == len(pages) > 1
    with open_database(demo_copy) as db:
        company = db.conn.execute("SELECT name, uscc FROM company").fetchone()
    for number, page in enumerate(pages, 1):
        assert company[0] in page and f"统一社会信用代码：{company[1]}" in page
        assert "月度产品流向汇总表" in page and "所属期：2026年6月" in page
        assert f"第{number}页/共{n}页" in page
        assert "生成时间：" + flat(f"{NOW.astimezone():%Y-%m-%d %H:%M}") + "生成软件" in page and f"magdesk{__version__}" in page
    text = "".join(pages)
    purchases, sales = sheets["采购入库"], sheets["销售出库"]
    exports = sheets["出口明细"]
    for figure in (format_kg(mass_sum(purchases, "数量(kg)")),
                   cell_text("money", money_sum(purchases, "金额(元)")),
                   format_kg(mass_sum(sales, "重量(kg)")),
                   cell_text("money", money_sum(sales, "金额", 币种="USD")),
                   format_kg(mass_sum(exports, "重量(kg)")),
                   cell_text("money", money_sum(exports, "货值")),
                   format_kg(mass_sum(sheets["生产批次"], "投料重量(kg)")),
                   format_kg(mass_sum(sheets["月度库存"], "生产领用(kg)"))):
        assert figure in text, figure
    assert f"{len(sales)}笔" in text and f"{len(exports)}行" in text
    last = pages[-1]
    for label in ("制表：", "审核：", "负责人：", "日期："):
        assert label in last and label not in "".join(pages[:-1])


def test_big_month_repeats_table_headers_on_every_page(qtbot, big_month, tmp_path):
    pdf = pdf_of(qtbot, big_month, "flow", BIG, tmp_path)
    pages = lines_of(pdf)
    assert len(pages) >= 8
    continued = [p for p in pages if "销售出库(按客户、产品)(续)" in p]
    assert len(continued) >= 4
    for lines in continued:  # the header row comes again under the continued title
        below = lines[lines.index("销售出库(按客户、产品)(续)") + 1]
        assert below == "客户名称国家(地区)物料编码产品名称笔数重量(kg)金额币种"
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    assert re.search(r"(WenQuanYi|NotoSansCJK|SourceHanSans)\S*\s.*\syes\s", fonts), fonts


def test_inventory_pdf_prints_the_sheet_rows(qtbot, demo_copy, tmp_path):
    pdf = pdf_of(qtbot, demo_copy, "inventory", PERIOD, tmp_path)
    sheets = read_sheets(export_workbook(demo_copy, PERIOD, tmp_path))
    lines = [line for page in lines_of(pdf) for line in page]
    text = "".join(lines)
    assert "月度库存核对表" in text and "相符" in text
    for seq, row in enumerate(sheets["月度库存"], 1):
        figures = [format_kg(round(row[h] * 1000)) for h in
                   ("期初库存(kg)", "采购入库(kg)", "生产入库(kg)", "销售出库(kg)", "生产领用(kg)",
                    "损耗(kg)", "期末库存(kg)")]
        printed = f"{seq}{row['物料编码']}{flat(row['物料名称'])}{flat(row['产品类别'])}"
        assert printed + "".join(figures) + "相符" in lines, row["物料编码"]
    assert format_kg(mass_sum(sheets["月度库存"], "期末库存(kg)")) in text


def test_licence_and_trace_pdfs(qtbot, demo_copy, tmp_path):
    import sqlite3

    lic = pages_of(pdf_of(qtbot, demo_copy, "licences", PERIOD, tmp_path))
    assert "出口许可证使用情况表" in lic[0] and "许可证号" in lic[0] and "剩余(kg)" in lic[0]
    conn = sqlite3.connect(demo_copy)
    lot, doc = conn.execute(
        "SELECT p.lot_no, s.doc_no FROM sale_out s JOIN batch_input i ON i.batch_id = s.batch_id "
        "JOIN purchase_in p ON p.id = i.purchase_id WHERE s.is_export = 1 LIMIT 1").fetchone()
    forward = "".join(pages_of(pdf_of(qtbot, demo_copy, "trace", PERIOD, tmp_path, lot=lot)))
    assert f"正向追溯：原料批号{lot}" in forward and doc in forward
    backward = "".join(pages_of(pdf_of(qtbot, demo_copy, "trace", PERIOD, tmp_path, sale=doc)))
    assert f"反向追溯：出库单号{doc}" in backward and lot in backward and "投料批号及供应商" in backward


def test_an_empty_month_still_prints_its_frame(qtbot, demo_copy, tmp_path):
    text = "".join(pages_of(pdf_of(qtbot, demo_copy, "flow", "2024-01", tmp_path)))
    assert "本期无记录" in text and "本期无出入库" in text and "0笔，0.000kg" in text
    assert "制表：" in text and "第1页/共" in text


def test_a_rendered_page_is_not_blank(qtbot, demo_copy, tmp_path):
    from PySide6.QtGui import QImage

    pdf = pdf_of(qtbot, demo_copy, "flow", PERIOD, tmp_path)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (496, 702)  # A4 portrait at 60 dpi
    dark = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 1500  # text, grid lines and the bars of the chart


def test_preview_dialog_paints_the_report_and_closes(qtbot, demo_copy):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from magdesk.gui.printing import ReportPreview, preview

    with open_database(demo_copy) as db:
        report = build_report(db, "inventory", PERIOD, now=NOW)
    dialog = ReportPreview(report)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pages > 1, timeout=5000)
    dialog.close()

    def close_modal():
        widget = QApplication.activeModalWidget()
        if widget is not None:
            widget.reject()
        else:
            QTimer.singleShot(50, close_modal)

    QTimer.singleShot(100, close_modal)
    assert preview(report) == 0  # rejected by the timer, never left open


def test_cli_summary_writes_pdfs(qtbot, demo_file, tmp_path, capsys):
    for kind in ("flow", "inventory", "licences"):
        pdf = tmp_path / f"{kind}.pdf"
        args = ["--lang", "en", "summary", "--db", str(demo_file), "--period", PERIOD,
                "--report", kind, "--pdf", str(pdf)]
        assert main(args) == 0
        assert f"pages): {pdf}" in capsys.readouterr().out
        assert page_count(pdf) >= 1
    base = ["--lang", "en", "summary", "--db", str(demo_file), "--period", PERIOD, "--pdf",
            str(tmp_path / "t.pdf")]
    assert main([*base, "--report", "trace"]) == 2
    assert main([*base, "--report", "flow", "--lot", "X"]) == 2
    assert main([*base, "--report", "trace", "--sale", "NO-SUCH"]) == 1
    assert "No sale 'NO-SUCH'" in capsys.readouterr().err
    assert main([*base[:-1], str(tmp_path / "missing" / "t.pdf"), "--report", "flow"]) == 1
