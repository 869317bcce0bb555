"""The real main window on a big company, in a process of its own (run by
bench_decade.py): shown offscreen, the sales opened, scrolled to the middle
and the end, filtered by a customer and a month, sorted by amount and by
date; each step timed to the table painted; the background work the window
starts waited for; then the process's peak memory (VmHWM).

    python benchmarks/decade_window.py LOCATION      # prints JSON
    python benchmarks/decade_window.py --bare        # the floor: a bare window
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from decade_data import peak_rss_mb  # noqa: E402

SALES, PURCHASES, BATCHES = 5, 3, 4  # the sections' rows in the navigation
MONTH_INDEX = 2  # an entry of the month filter (0 is every month)
SETTLE_S = 1.0  # the clerk's first click comes a moment after the window shows
BACKGROUND_LIMIT_S = 300.0


def wait(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def timed(app, action) -> float:
    start = time.perf_counter()
    action()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def bare() -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1280, 800)
    window.show()
    wait(app, 0.2)
    return {"peak_mb": peak_rss_mb()}


def steps(app, window) -> dict[str, float]:
    out = {"switch_sales": timed(app, lambda: window.select_section(SALES))}
    section = window.current_section()
    table = section.table
    rows = section.model.rowCount()
    out["scroll_middle"] = timed(app, lambda: table.scrollTo(section.model.index(rows // 2, 0)))
    out["scroll_end"] = timed(app, table.scrollToBottom)
    customer = section.model.cell_text(0, 2) or ""
    out["filter_customer"] = timed(app, lambda: section.filter.setText(customer))
    out["filter_clear"] = timed(app, lambda: section.filter.setText(""))
    out["filter_month"] = timed(app, lambda: section.period.setCurrentIndex(MONTH_INDEX))
    out["filter_all_months"] = timed(app, lambda: section.period.setCurrentIndex(0))
    titles = table.horizontalHeader()
    amount = next(i for i, c in enumerate(section.model.view.columns) if c.name == "amount_fen")
    out["sort_amount"] = timed(app, lambda: titles.sectionClicked.emit(amount))
    out["sort_date"] = timed(app, lambda: titles.sectionClicked.emit(1))
    out["sort_date_desc"] = timed(app, lambda: titles.sectionClicked.emit(1))
    out["sort_back_by_number"] = timed(app, lambda: titles.sectionClicked.emit(0))
    out["switch_purchases"] = timed(app, lambda: window.select_section(PURCHASES))
    out["switch_batches"] = timed(app, lambda: window.select_section(BATCHES))
    return out


def on_company(location: str) -> dict:
    from magdesk import usecases
    from magdesk.gui.app import application
    from magdesk.gui.main_window import MainWindow
    from magdesk.settings import Settings

    settings = Settings(language="zh")
    app = application(settings)
    start = time.perf_counter()
    window = MainWindow(usecases.open_file(location), settings)
    window.show()
    app.processEvents()
    shown = (time.perf_counter() - start) * 1000
    wait(app, SETTLE_S)
    figures = steps(app, window)
    end = time.perf_counter() + BACKGROUND_LIMIT_S
    while any(t.running for t in window.tasks) and time.perf_counter() < end:
        wait(app, 0.05)
    background = not any(t.running for t in window.tasks)
    return {"steps": {"open_to_shown": shown, **figures}, "peak_mb": peak_rss_mb(),
            "background_done": background}


def main() -> int:
    if sys.argv[1] == "--bare":
        print(json.dumps(bare()))
    else:
        import subprocess

        floor = subprocess.run([sys.executable, __file__, "--bare"], check=True,
                               capture_output=True, text=True).stdout.strip().splitlines()[-1]
        result = on_company(sys.argv[1])
        result["bare_mb"] = json.loads(floor)["peak_mb"]
        print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # the window's threads and the file are left to the process's end


if __name__ == "__main__":
    sys.exit(main())
