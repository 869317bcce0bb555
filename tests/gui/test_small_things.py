"""Small things that show care: the Filing page chooses the month to file
next, file dialogs open where the last one of the same purpose was left,
Settings ▸ OK keeps the window where it was, a drop-down's chosen line is
legible and the focused field framed, the company dialog shrinks back."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QLineEdit, QVBoxLayout, QWidget

from magdesk.filing.periods import PeriodStatus

from .conftest import lang_settings, wait_for_tasks


def _status(period: str, days_left: int, state: str = "OPEN") -> PeriodStatus:
    today = date(2026, 12, 6)
    return PeriodStatus(period, state, 0, today + timedelta(days=days_left), days_left, None,
                        "", "")


def test_filing_page_chooses_the_month_due_next(qtbot):
    from magdesk.gui.pages import FilingPage

    page = FilingPage("zh")
    qtbot.addWidget(page)
    page.set_periods([_status("2025-12", -330), _status("2026-10", -26),
                      _status("2026-11", 4), _status("2026-12", 35)])
    assert page.selected_period() == "2026-11"  # not the oldest, 2025-12
    page.table.clearSelection()
    page.set_periods([_status("2026-09", -57, "FILED"), _status("2026-10", -26),
                      _status("2026-11", -1)])
    assert page.selected_period() == "2026-11"  # all overdue: the newest of them
    page.table.clearSelection()
    page.set_periods([_status("2026-10", -26, "FILED")])
    assert page.selected_period() is None


def test_filing_page_of_the_demo_preselects_its_last_month(window, qtbot):
    qtbot.waitUntil(lambda: window.filing.table.rowCount() == len(window.periods) > 1,
                    timeout=30000)
    assert window.filing.selected_period() == window.periods[-1]
    assert window.filing.export_button.isEnabled()


def test_folder_dialogs_remember_each_purpose(window, qtbot, monkeypatch, tmp_path):
    from magdesk.gui.folders import last_folder

    exports, backups = tmp_path / "exports", tmp_path / "backups"
    exports.mkdir()
    backups.mkdir()
    asked = []
    answers = [str(exports), ""]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, title, folder="", *a: asked.append(folder)
                        or answers.pop(0))
    window.filing_flow.export_period("2026-07")
    qtbot.waitUntil(lambda: window.filing_flow.last_export is not None, timeout=60000)
    window.filing_flow.export_period("2026-08")  # cancelled, but opened where the last was
    assert asked == [str(window.db.path.parent), str(exports)]  # at first beside the data file

    from magdesk.gui.safety import RestorePoints

    opened = []
    backup = backups / "copy.sqlite"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, folder="", *a: opened.append(folder)
                        or (str(backup), ""))
    for _ in range(2):
        dialog = RestorePoints(window.db, window)
        qtbot.addWidget(dialog)
        dialog._pick_file()
        assert dialog.picked == backup
    assert opened == [str(window.db.path.parent), str(backups)]
    assert last_folder("export") == str(exports) and last_folder("backup") == str(backups)
    assert last_folder("import") == "" and last_folder("print") == ""


def test_print_preview_remembers_the_pdf_folder(qtbot, demo_copy, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from magdesk.gui.folders import last_folder
    from magdesk.gui.printing import ReportPreview
    from magdesk.reports import build_report
    from magdesk.storage import open_database

    with open_database(demo_copy) as db:
        report = build_report(db, "flow", "2026-06")
    first = ReportPreview(report)
    qtbot.addWidget(first)
    assert first._printer.outputFileName() == ""  # nothing printed to a file yet
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "mine.pdf"))
    first._paint(printer)  # as the preview's Print does, to a PDF file
    assert (tmp_path / "mine.pdf").exists() and last_folder("print") == str(tmp_path)
    again = ReportPreview(report)
    qtbot.addWidget(again)
    assert again._printer.outputFileName().startswith(str(tmp_path))


def test_settings_ok_keeps_the_window_where_it_was(qtbot, demo_copy, monkeypatch):
    from magdesk.gui.app import application, open_window
    from magdesk.gui.dialogs import SettingsDialog

    settings = lang_settings("zh")
    application(settings)
    window = open_window(demo_copy, settings)
    qtbot.addWidget(window)
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen().availableGeometry()
    window.setGeometry(QRect(screen.left() + 37, screen.top() + 41, screen.width() * 3 // 4,
                             screen.height() * 3 // 4))
    window.select_section(3)
    qtbot.wait(10)
    before = window.geometry()
    monkeypatch.setattr(SettingsDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted.value)
    window.edit_settings()
    fresh = window.replacement
    qtbot.addWidget(fresh)
    assert fresh.geometry() == before
    assert fresh.nav.currentRow() == 3 and fresh.stack.currentIndex() == 3
    wait_for_tasks(qtbot, fresh)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    wait_for_tasks(qtbot, window)
    fresh.db.close()


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def form_like(qtbot):
    """A field and a drop-down coloured as a record form colours them."""
    from magdesk.gui.app import application
    from magdesk.gui.form import STYLE

    application(lang_settings("zh"))
    box = QWidget()
    box.setStyleSheet(STYLE)
    layout = QVBoxLayout(box)
    combo, edit, other = QComboBox(), QLineEdit("abc"), QLineEdit("def")
    combo.addItems(["国内采购", "进口", "其他"])
    for w in (combo, edit, other):
        w.setProperty("state", "valid")
        layout.addWidget(w)
    qtbot.addWidget(box)
    box.resize(300, 140)
    box.show()
    qtbot.waitExposed(box)
    return box, combo, edit, other


def test_the_chosen_line_of_a_drop_down_is_legible(form_like, qtbot):
    _box, combo, _edit, _other = form_like
    combo.showPopup()
    view = combo.view()
    from PySide6.QtCore import QItemSelectionModel

    view.setCurrentIndex(combo.model().index(1, 0))
    view.selectionModel().select(combo.model().index(1, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.wait(20)
    popup = view.window()  # the drop-down's list as it shows
    image = popup.grab().toImage()
    rect = view.visualRect(combo.model().index(1, 0)).translated(
        view.viewport().mapTo(popup, view.viewport().rect().topLeft()))
    colours = {}
    for x in range(rect.left() + 1, rect.right() - 1):
        for y in range(rect.top() + 1, rect.bottom() - 1):
            name = image.pixelColor(x, y).name()
            colours[name] = colours.get(name, 0) + 1
    ground = QColor(max(colours, key=colours.get))
    ink = max((QColor(c) for c in colours), key=lambda c: _contrast(c, ground))
    assert _contrast(ink, ground) >= 4.5, (ground.name(), ink.name())
    # drawn as a list in the view's own colours (not as a menu in the field's)
    from PySide6.QtWidgets import QStyle

    assert not combo.style().styleHint(QStyle.StyleHint.SH_ComboBox_Popup, None, combo)
    palette = view.palette()
    assert _contrast(palette.color(palette.ColorRole.Highlight),
                     palette.color(palette.ColorRole.HighlightedText)) >= 4.5
    combo.hidePopup()


def test_the_focused_field_is_framed(form_like, qtbot):
    box, _combo, edit, other = form_like
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=3000)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=3000)

    def frame(widget):
        image = widget.grab().toImage()
        return {image.pixelColor(x, 0).name() for x in range(4, image.width() - 4)}

    assert "#2a64b0" in frame(edit)  # the application's focus blue
    assert "#2a64b0" not in frame(other)


def test_the_company_dialog_shrinks_back_when_its_reasons_clear(qtbot):
    from magdesk.gui.app import application
    from magdesk.gui.company import CompanyForm

    application(lang_settings("zh"))
    dialog = CompanyForm("zh")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    start = dialog.height()
    dialog.widgets["name"].setText("赣州测试磁材有限公司")
    dialog.widgets["uscc"].setText("91360700MA35ABCD1X")
    dialog.finish()  # every reason shown
    grown = dialog.height()
    assert grown > start
    dialog.widgets["uscc"].setText("91360700MA35ABCD1Q")
    dialog.widgets["address"].setText("赣州市章贡区")
    dialog.widgets["contact"].setText("0797-1234567")
    dialog.revalidate()
    assert [m.text() for m in dialog.messages.values() if m.text()] == []
    assert dialog.height() < grown
    natural = dialog.layout().totalHeightForWidth(dialog.width())
    assert dialog.height() <= max(start, natural) + 2  # as it would be, never grown


def test_a_focused_check_box_is_framed_too(window, qtbot):
    from PySide6.QtCore import Qt

    form = window.open_record("product", None)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    w = form.widgets
    w["spec"].setFocus()
    qtbot.keyClick(w["spec"], Qt.Key.Key_Return)  # on by Enter, as the clerk goes
    box = w["is_magnetized"]
    qtbot.waitUntil(box.hasFocus, timeout=3000)

    def colours(widget):
        image = widget.grab().toImage()
        return {image.pixelColor(x, y).name() for x in range(image.width())
                for y in range(image.height())}

    assert "#2a64b0" in colours(box)  # the application's focus blue
    assert "#2a64b0" not in colours(w["heavy_re_free"])


def test_enter_on_a_focused_button_of_the_window_presses_it(window, qtbot):
    from PySide6.QtCore import Qt

    window.select_section(1)
    section = window.current_section()
    button = section.new_button
    window.activateWindow()
    button.setFocus()
    before = window.last_form if hasattr(window, "last_form") else None
    qtbot.keyClick(button, Qt.Key.Key_Return)  # as a clerk does on a framed button
    form = window.last_form
    assert form is not None and form is not before and form.isVisible()
    assert form.entity == "counterparty"
    form.close()
    assert window.filing.export_button.autoDefault()  # the Filing page's buttons too


def test_one_row_is_counted_as_one_row_and_a_check_box_is_framed_round_its_box(
        qtbot, demo_copy):
    from PySide6.QtWidgets import QLineEdit

    from magdesk.gui.app import application, install_translations
    from magdesk.gui.main_window import MainWindow
    from magdesk.storage import open_database

    settings = lang_settings("en")
    install_translations(application(settings), "en")
    try:
        with open_database(demo_copy) as db:
            win = MainWindow(db, settings)
            qtbot.addWidget(win)
            win.show()
            win.select_section(1)
            section = win.current_section()
            assert section.table is not None  # made, with its count
            name = next(win.repo.iter("counterparty")).name_cn
            section.filter.setText(name)
            qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=5000)
            assert section.bar().count.text() == "1 row"  # not "1 rows"
            form = win.open_record("product", None)  # (deletes itself on closing)
            box, line = form.widgets["is_magnetized"], form.widgets["spec"]
            assert isinstance(line, QLineEdit)
            assert box.width() < line.width() / 2  # not a long empty frame
            form.close()
            qtbot.waitUntil(lambda: not win.findings_task.running, timeout=60000)
            win.close()
    finally:
        install_translations(application(settings), "zh")


def test_tab_leaves_a_table_of_records_and_arrows_move_in_it(window, qtbot):
    """Keyboard first: Tab goes on to the next control, not cell by cell
    (a clerk on the filing page was held in its six columns); only a table
    she types lines into (a batch's inputs) moves from cell to cell."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    trapping = [t.objectName() or type(t.parent()).__name__
                for t in window.findChildren(QAbstractItemView)
                if t.tabKeyNavigation() and t.objectName() != "inputs"
                and t.metaObject().className() in ("QTableView", "QTableWidget")]
    assert trapping == []
    window.nav.setCurrentRow(window.stack.indexOf(window.filing))
    table = window.filing.table
    qtbot.waitUntil(lambda: table.rowCount() == len(window.periods) > 1, timeout=30000)
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table and table.currentRow() == 1
