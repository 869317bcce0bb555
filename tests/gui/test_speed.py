"""What keeps the desktop quick on big files, checked for what the clerk sees."""

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def window(qtbot, demo_copy):
    """Shows a main window on the demo copy when called (so that a test can
    patch MainWindow first); ``window.opened`` is (database, settings)."""
    from magdesk.gui.app import application
    from magdesk.gui.main_window import MainWindow
    from magdesk.settings import Settings
    from magdesk.storage import open_database

    settings = Settings(language="zh")
    application(settings)
    with open_database(demo_copy) as db:
        def show():
            win = MainWindow(db, settings)
            qtbot.addWidget(win)
            win.show()
            return win

        show.opened = (db, settings)
        yield show


@pytest.fixture
def sales_section(qtbot, demo_copy):
    """The sales section of the demo copy, shown."""
    from magdesk.gui.sections import RecordSection
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        section = RecordSection(db, "sale", "zh", [])
        qtbot.addWidget(section)
        section.show()
        yield section


def test_no_sort_indicator_is_the_views_own_order(demo_copy):
    from magdesk.gui.table_model import RecordTableModel
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        model = RecordTableModel(db, "sale", "zh")
        model.sort(-1, Qt.SortOrder.AscendingOrder)  # what QTableView does at first
        first = model.record_id(0)
        assert model.sort_column is None
        assert first == db.conn.execute("SELECT min(id) FROM sale_out").fetchone()[0]


def test_a_section_makes_its_table_when_first_shown_and_typing_waits_for_a_pause(
        qtbot, demo_copy):
    from magdesk.gui.sections import RecordSection
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        section = RecordSection(db, "sale", "zh", ["2026-06"])
        qtbot.addWidget(section)
        assert section._table is None and section._model is None  # nothing read yet
        section.show()
        qtbot.waitExposed(section)
        model = section.model
        assert section._table is not None and model.rowCount() == 600
        rows_text = section.tr("{0} rows").format("600")
        assert section.bar().count.text() == rows_text
        widths = [section.table.columnWidth(c) for c in range(model.columnCount())]
        assert all(40 <= w <= RecordSection.WIDEST for w in widths)
        qtbot.keyClicks(section.filter, "SO-")  # the clerk types: the table waits
        assert model.rowCount() == 600 and section.typing.isActive()
        qtbot.waitUntil(lambda: model.rowCount() < 600 or model.text == "SO-", timeout=2000)
        assert model.text == "SO-"
        section.filter.setText("")
        section.table.scrollToBottom()
        assert section.table.verticalScrollBar().value() > 0
        section.filter.setText("SO-")
        assert section.table.verticalScrollBar().value() == 0  # other rows: from the first
        section.filter.setText("no such sale")  # set, not typed: at once
        assert model.rowCount() == 0 and not section.typing.isActive()
        assert section.bar().count.text() == section.tr("No matching records")
        section.filter.setText("")
        assert section.bar().count.text() == rows_text


def test_the_window_opens_without_what_only_menus_forms_and_sums_need(demo_copy):
    """Start-up loads what the first frame shows; the rest comes when used."""
    import os
    import subprocess
    import sys

    code = (
        "import sys, os\n"
        "from pathlib import Path\n"
        "from magdesk.gui.app import application\n"
        "from magdesk.gui.main_window import MainWindow\n"
        "from magdesk.settings import Settings\n"
        "from magdesk.storage import open_database\n"
        "import PySide6.QtCore as QtCore\n"
        "from magdesk.gui.idle import IdleQueue\n"  # what the window loads ahead: not here
        "IdleQueue.start = lambda self: None\n"
        "settings = Settings(language='zh')\n"
        "app = application(settings)\n"
        "w = MainWindow(open_database(Path(sys.argv[1])), settings)\n"
        "w.show(); app.processEvents()\n"
        "first_frame = 'Qt' in QtCore.__dict__\n"  # the window's queue builds it later
        "w.select_section(5); app.processEvents()\n"  # clicked before the window prepared
        "first_table = 'Qt' in QtCore.__dict__\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('magdesk', 'openpyxl', "
        "'xlsxwriter', 'python_calamine')))\n"
        "print(first_frame, first_table, ' '.join(loaded))\n"
        "os._exit(0)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code, str(demo_copy)], capture_output=True,
                         text=True, check=True, env=env).stdout.split()
    first_frame, first_table, loaded = out[0], out[1], set(out[2:])
    assert first_frame == first_table == "False"  # QtCore.Qt's ~100 enums: built on first use
    for late in ("magdesk.core.validation", "magdesk.storage.repository",
                 "magdesk.usecases.safety", "magdesk.filing.template", "magdesk.gui.form",
                 "magdesk.gui.findings", "magdesk.core.model", "magdesk.importing",
                 "magdesk.reports", "openpyxl", "xlsxwriter", "python_calamine"):
        assert late not in loaded, late


def test_the_window_prepares_the_tables_while_the_clerk_looks_at_the_dashboard(qtbot, window):
    import sys

    from PySide6 import QtCore

    from magdesk.gui.table_model import RowNumbers

    win = window()
    sections = list(win.sections.values())
    qtbot.waitUntil(lambda: all(s._model is not None for s in sections), timeout=5000)
    assert "magdesk.gui.table_model" in sys.modules
    sales = win.sections["sale"]
    assert sales._table is not None  # the sales' table is made ahead, the others when shown
    assert all(s._table is None for s in sections if s is not sales)
    qtbot.waitUntil(lambda: win.later.pending == 0, timeout=5000)
    assert "Qt" in vars(QtCore)  # the last step: Qt's namespace, and our row numbers
    assert isinstance(sales.table.verticalHeader(), RowNumbers)
    assert sales.table.verticalHeader().defaultSectionSize() == 22
    win.select_section(5)
    assert win.current_section().table.model().rowCount() == 600
    win.close()


def test_what_the_window_makes_ahead_never_shows_as_a_window_of_its_own(qtbot, window):
    """A part made ahead and made visible before it has a parent would flash up as a
    little window and take the keyboard from the dialog the clerk is typing in."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

    shown = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if (event.type() == QEvent.Type.Show and obj.isWidgetType() and obj.isWindow()
                    and obj is not dialog):
                shown.append(type(obj).__name__ + ":" + obj.objectName())
            return False

    win = window()
    dialog = QDialog()  # the clerk's dialog, say, open while the window loads
    qtbot.addWidget(dialog)
    typing_in = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(typing_in)
    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is typing_in)
        qtbot.waitUntil(lambda: win.later.pending == 0, timeout=5000)
        assert QApplication.focusWidget() is typing_in
        for index in range(len(win.sections) + 3):  # and the pages made when first shown
            win.select_section(index)
        qtbot.wait(50)
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert shown == []
    win.close()


def test_the_window_takes_its_steps_ahead_one_a_turn_and_holds_them_for_a_click(qtbot):
    from magdesk.gui.idle import IdleQueue

    done = []
    queue = IdleQueue()
    queue.add(lambda: done.append(1), lambda: done.append(2))
    queue.imports("json")
    qtbot.wait(20)
    assert done == []  # nothing before the window starts it
    queue.start()
    queue._next()  # one turn of the event loop: one step
    assert done == [1] and queue.pending == 2
    queue.hold()  # the clerk clicked: the rest waits till the click is painted
    qtbot.wait(IdleQueue.HOLD_MS // 2)
    assert done == [1]
    qtbot.waitUntil(lambda: queue.pending == 0, timeout=2000)
    assert done == [1, 2]
    queue.add(lambda: done.append(3))  # added later: runs without another start
    qtbot.waitUntil(lambda: done == [1, 2, 3], timeout=2000)


def test_the_row_numbers_are_as_wide_as_qt_would_make_them(sales_section):
    from PySide6.QtWidgets import QHeaderView

    from magdesk.gui.table_model import RowNumbers

    section = sales_section
    rows = section.table.verticalHeader()
    assert isinstance(rows, RowNumbers)  # Qt's namespace is built: this test names it
    for text in ("", "SO-"):  # 600 rows, then fewer
        section.filter.setText(text)
        assert rows.count() == section.model.rowCount() > 9
        assert rows.sizeHint().width() == QHeaderView.sizeHint(rows).width()
        assert rows.width() >= rows.sizeHint().width()


def test_a_click_on_a_title_sorts_up_then_down(qtbot, sales_section):
    from PySide6.QtCore import QPoint

    section = sales_section
    header = section.table.horizontalHeader()
    assert header.model().headerData(1, Qt.Orientation.Horizontal) == "销售日期"
    assert section.table.verticalHeader().model() is section.model  # row numbers

    def click(column):  # a real click: Qt's header flips its own indicator first
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 8, 5))

    click(1)
    first = section.model.cell_text(0, 1)
    assert (section.model.sort_column, section.model.descending) == ("date", False)
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == 1
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click(1)
    assert (section.model.sort_column, section.model.descending) == ("date", True)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert section.model.cell_text(0, 1) >= first
    click(1)
    assert (section.model.sort_column, section.model.descending) == ("date", False)
    click(6)
    assert (section.model.sort_column, section.model.descending) == ("qty_g", False)
    assert header.sortIndicatorSection() == 6


def test_a_count_clicked_before_the_findings_arrive_says_so(qtbot, window, monkeypatch):
    """The findings list is made on the first click (or when findings arrive)."""
    from magdesk.gui.findings import ERROR_COLUMN
    from magdesk.gui.lazy import made
    from magdesk.gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_count_findings", lambda self, statuses, asked=False: None)
    win = window()
    qtbot.waitUntil(lambda: win.dashboard.table.rowCount() == 12, timeout=30000)
    assert made(win, "findings_flow") is None  # no counts yet, nothing to list
    win.dashboard.table.cellClicked.emit(0, ERROR_COLUMN)
    assert made(win, "findings_flow") is not None
    assert win.statusBar().currentMessage() == "仍在检查记录…"
    win.close()


def test_the_months_are_read_after_the_first_frame_and_a_close_cancels_them(qtbot, window):
    from magdesk.gui.main_window import MainWindow

    win = window()
    assert win.findings_task.running and win.dashboard.table.rowCount() == 0  # waiting
    qtbot.waitUntil(lambda: win.dashboard.table.rowCount() == 12, timeout=30000)
    qtbot.waitUntil(lambda: not win.findings_task.running, timeout=60000)
    closed = MainWindow(*window.opened)
    qtbot.addWidget(closed)
    closed.show()
    closed.close()  # before its background work began: nothing left running
    assert not closed.findings_task.running

