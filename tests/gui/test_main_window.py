"""The desktop driven as a clerk would, with real widgets offscreen."""

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from magdesk.gui.form import AcceptWarnings
from magdesk.storage.repository import find_id

from .conftest import lang_settings, wait_for_tasks


def type_text(qtbot, widget, text):
    """Type like a keyboard would; CJK through an input-method commit (pitfall 2)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def test_sections_and_company_band(window):
    assert window.nav.count() == 10
    assert [window.nav.item(i).text() for i in range(10)] == [
        "工作台", "交易对象", "产品", "采购入库", "生产批次", "销售出库", "出口与许可证", "月度库存", "申报",
        "申报模板"]
    assert window.repo.company().name in window.band.text()
    assert "background" in window.band.styleSheet()


def test_counterparty_with_a_wrong_credit_code_by_keyboard(window, qtbot):
    window.select_section(1)
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    type_text(qtbot, form.widgets["name_cn"], "宁波市测试磁业有限公司")
    type_text(qtbot, form.widgets["address"], "宁波市北仑区")
    assert form.widgets["country"].text() == "CN"  # prefilled: a domestic enterprise
    uscc = form.widgets["uscc"]
    # A domestic firm's code is asked for: yellow (to fill) with the reason, not red.
    assert uscc.property("state") == "empty" and form.messages["uscc"].text()
    assert form.messages["uscc"].property("role") == "warning"
    type_text(qtbot, uscc, "91330206MA2AB3CD4O")  # the letter O cannot occur
    assert uscc.property("state") == "invalid"
    assert "格式不正确" in form.messages["uscc"].text()
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.repo.find("counterparty", "宁波市测试磁业有限公司") is None  # errors block
    uscc.clear()
    type_text(qtbot, uscc, "91310110666007217T")
    assert uscc.property("state") == "valid" and form.messages["uscc"].text() == ""
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = window.repo.find("counterparty", "宁波市测试磁业有限公司")
    assert saved is not None and saved.uscc == "91310110666007217T"
    assert form.widgets["name_cn"].text() == ""  # a fresh blank entry follows


def test_a_check_digit_warning_is_accepted_with_a_reason(window, qtbot, monkeypatch):
    monkeypatch.setattr(AcceptWarnings, "ask", classmethod(lambda cls, p, w, lang: "试点期代码"))
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    type_text(qtbot, form.widgets["name_cn"], "厦门市试点磁材有限公司")
    type_text(qtbot, form.widgets["address"], "厦门市")
    assert form.widgets["country"].text() == "CN"  # prefilled: a domestic enterprise
    type_text(qtbot, form.widgets["uscc"], "91350211M00013FA1N")
    assert form.widgets["uscc"].property("state") == "warning"  # amber: a warning, not an error
    assert "校验位" in form.messages["uscc"].text()
    form.save()
    assert window.repo.find("counterparty", "厦门市试点磁材有限公司") is not None
    assert ("counterparty", "厦门市试点磁材有限公司", "uscc.check_digit") in window.repo.accepted()


def fill_sale(qtbot, form, doc_no, batch_no, customer, product):
    w = form.widgets
    type_text(qtbot, w["doc_no"], doc_no)
    w["date"].setFocus()
    qtbot.keyClick(w["date"], Qt.Key.Key_Equal)  # "=" is today
    type_text(qtbot, w["customer_id"], customer)
    type_text(qtbot, w["product_id"], product)
    type_text(qtbot, w["batch_id"], batch_no)
    type_text(qtbot, w["qty_g"], "12.5")
    type_text(qtbot, w["invoice_no"], "25332000000123456789")
    w["end_use"].setFocus()


def test_sale_by_keyboard_then_undo_and_redo(window, qtbot):
    repo = window.repo
    batch = next(repo.iter("batch", order="end_date DESC"))
    product = repo.get("product", batch.product_id)
    customer = next(c for c in repo.iter("counterparty") if c.cp_type != "FOREIGN"
                    and c.role != "SUPPLIER")
    window.select_section(5)
    section = window.current_section()
    before = section.model.rowCount()
    form = window.open_record("sale", None)
    qtbot.addWidget(form)
    fill_sale(qtbot, form, "SO-TEST-0001", batch.batch_no, customer.name_cn, product.code)
    assert form.widgets["date"].text() == __import__("datetime").date.today().isoformat()
    assert [f.code for f in form.findings() if f.is_error] == []
    qtbot.keyClick(form.widgets["end_use"], Qt.Key.Key_Return)  # Enter on the last field saves
    sale = repo.find("sale", "SO-TEST-0001")
    assert sale is not None and sale.qty_g == 12_500 and sale.batch_id == batch.id
    assert section.model.rowCount() == before + 1
    section.filter.setText("SO-TEST")
    assert section.model.rowCount() == 1
    assert section.model.index(0, 0).data() == "SO-TEST-0001"
    assert window.undo_action.text() == "撤销 新增销售出库 SO-TEST-0001"
    window.undo_action.trigger()
    assert repo.find("sale", "SO-TEST-0001") is None and section.model.rowCount() == 0
    window.redo_action.trigger()
    assert repo.find("sale", "SO-TEST-0001").id == sale.id and section.model.rowCount() == 1


def test_delete_is_one_undo_step(window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    repo = window.repo
    doomed = [c for c in repo.iter("counterparty") if not repo.conn.execute(
        "SELECT 1 FROM purchase_in WHERE supplier_id = ? UNION SELECT 1 FROM sale_out "
        "WHERE customer_id = ? UNION SELECT 1 FROM export_shipment WHERE consignee_id = ?",
        (c.id, c.id, c.id)).fetchone()][:2]
    assert len(doomed) == 2
    window.delete_records("counterparty", [c.id for c in doomed])
    assert all(repo.get("counterparty", c.id) is None for c in doomed)
    assert window.undo_action.text() == "撤销 删除 2 条交易对象"
    window.undo_action.trigger()
    assert [repo.get("counterparty", c.id) for c in doomed] == doomed


def test_a_record_in_use_is_not_deleted(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    product = window.repo.find("product", "MG-N42")
    window.delete_records("product", [product.id])
    assert window.repo.get("product", product.id) == product
    assert "仍被其他记录引用" in shown[0]


def test_filters_and_periods(window):
    window.select_section(5)
    section = window.current_section()
    total = section.model.rowCount()
    section.period.setCurrentIndex(section.period.findData("2026-06"))
    in_june = section.model.rowCount()
    assert 0 < in_june < total
    assert all(section.model.index(r, 1).data().startswith("2026-06") for r in range(in_june))
    name = section.model.index(0, 2).data()
    section.filter.setText(name[:6])
    assert 0 < section.model.rowCount() <= in_june


def test_locked_month_opens_read_only(window, qtbot, tmp_path):
    from datetime import date

    from magdesk import usecases

    usecases.export_filing(window.db, "2026-06", tmp_path)
    usecases.file_period(window.db, "2026-06", date(2026, 7, 8), "RC-1")
    sale = next(window.repo.iter("sale", where="date LIKE '2026-06%'"))
    form = window.open_record("sale", sale.id)
    qtbot.addWidget(form)
    assert not form.save_button.isEnabled()
    assert not form.widgets["qty_g"].isEnabled()


def test_export_from_the_gui(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    titles = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda _parent, title, *a, **k: titles.append(title) or str(tmp_path))
    window.select_section(8)  # 申报: the next month to file is chosen, Export one click away
    wait_for_tasks(qtbot, window)
    assert window.filing.selected_period() == max(window.periods)  # the last month, not 2025-11
    window.filing.select("2026-07")
    qtbot.mouseClick(window.filing.export_button, Qt.MouseButton.LeftButton)
    assert titles == ["2026-07 申报表的保存文件夹"]  # the dialog says which month
    qtbot.waitUntil(lambda: window.filing_flow.last_export is not None, timeout=60000)
    assert window.filing_flow.last_export.path.exists()
    assert list(Path(tmp_path).glob("*_202607_稀土产品流向.xlsx"))
    state = window.filing.table.item(
        [window.filing.table.item(r, 0).text() for r in range(window.filing.table.rowCount())]
        .index("2026-07"), 1).text()
    assert state == "已导出"


def test_exporting_a_month_again_asks_before_replacing_its_file(window, qtbot, tmp_path,
                                                               monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    window.filing_flow.export_period("2026-07")
    qtbot.waitUntil(lambda: window.filing_flow.last_export is not None, timeout=60000)
    first = window.filing_flow.last_export
    written = first.path.stat().st_mtime_ns
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, text, *a, **k:
                        asked.append((title, text)) or QMessageBox.StandardButton.No)
    tasks = len(window.tasks)
    window.filing_flow.export_period("2026-07")  # the same folder: asked, and left alone
    assert asked == [("导出申报表", f"{first.path.name} 已在该文件夹中。替换它吗？")]
    assert len(window.tasks) == tasks and first.path.stat().st_mtime_ns == written
    window.filing_flow.last_export = None
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.filing_flow.export_period("2026-07")
    qtbot.waitUntil(lambda: window.filing_flow.last_export is not None, timeout=60000)
    assert window.filing_flow.last_export.path == first.path
    assert first.path.stat().st_mtime_ns != written  # written anew


def test_dashboard_counts_and_chart(window, qtbot):
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    table = window.dashboard.table
    assert table.rowCount() == 12
    assert {table.item(r, 4).text() for r in range(12)} == {"0"}
    assert window.dashboard.chart.flows
    image = window.dashboard.chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 4  # bars were drawn


@pytest.mark.parametrize("lang, first, counterparties", [("zh", "工作台", "交易对象"),
                                                        ("en", "Dashboard", "Counterparties")])
def test_languages(qtbot, demo_copy, lang, first, counterparties):
    from magdesk.gui.app import application, install_translations
    from magdesk.gui.main_window import MainWindow
    from magdesk.storage import open_database

    settings = lang_settings(lang)
    app = application(settings)
    install_translations(app, lang)
    with open_database(demo_copy) as db:
        win = MainWindow(db, settings)
        qtbot.addWidget(win)
        assert win.nav.item(0).text() == first and win.nav.item(1).text() == counterparties
        table = win.sections["sale"].table  # the titles the clerk sees
        header = table.horizontalHeader().model().headerData(0, Qt.Orientation.Horizontal)
        assert header == ("出库单号" if lang == "zh" else "Delivery no.")
        win.close()
        if win.findings_task.running:
            qtbot.waitUntil(lambda: not win.findings_task.running, timeout=60000)



def test_every_model_passes_the_model_tester(qtmodeltester, demo_copy):
    from magdesk.gui.table_model import RecordTableModel
    from magdesk.storage import open_database
    from magdesk.storage.paging import VIEWS

    with open_database(demo_copy) as db:
        for entity in VIEWS:
            model = RecordTableModel(db, entity, "zh")
            qtmodeltester.check(model, force_py=True)


def test_a_million_sales_open_scroll_and_filter(qtbot, million_file):
    from magdesk.gui.app import application
    from magdesk.gui.main_window import MainWindow
    from magdesk.storage import open_database

    settings = lang_settings("zh")
    application(settings)
    with open_database(million_file) as db:
        win = MainWindow(db, settings)
        qtbot.addWidget(win)
        win.show()
        win.select_section(5)
        section = win.current_section()
        assert section.model.rowCount() == 1_000_000
        section.table.scrollToBottom()
        last = section.model.index(999_999, 0).data()
        assert last and last.startswith("S")
        assert not win.dashboard.check_button.isHidden()  # a million sales: checked on request
        section.filter.setText("SX-09990")  # SX-0999000 .. SX-0999099
        assert section.model.rowCount() == 100
        section.filter.setText("")
        section.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # 重量, not indexed
        assert section.model.rowCount() == 1_000_000
        def kg(row):  # shown with thousands separated: 1,498.499
            return float(section.model.index(row, 6).data().replace(",", ""))

        assert section.model.index(0, 6).data().count(",") == 1  # read at a glance
        assert kg(0) >= kg(1)
        win.close()
        qtbot.waitUntil(lambda: not win.findings_task.running, timeout=120000)

        assert sqlite3.connect(million_file).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_pieces_are_shown_with_thousands_separated_like_the_masses(window):
    window.select_section(5)
    section = window.current_section()
    header = section.table.horizontalHeader().model()
    assert header.headerData(7, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == \
        "数量(件)"
    pieces = [section.model.index(row, 7).data() for row in range(section.model.rowCount())]
    assert any("," in text for text in pieces)  # the demo has sales of over 1,000 pieces
    assert all(text == f"{int(text.replace(',', '')):,}" for text in pieces if text)


def _unused(_: QComboBox | QLineEdit) -> None:
    """(imports kept for typing the helpers above)"""


def test_translations_complete_and_fresh():
    """Every tr() string of the GUI has its Chinese, and the .qm is built from the .ts."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(root / "installer" / "build_translations.py"),
                           "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_print_summary_opens_a_preview(window, monkeypatch):
    from magdesk.gui import printing
    from magdesk.gui.flows import print_summary
    from magdesk.gui.print_chooser import SummaryChooser

    shown = []
    monkeypatch.setattr(SummaryChooser, "ask", classmethod(  # the flow, of the month preset
        lambda cls, months, month, parent=None: ("flow", month)))
    monkeypatch.setattr(printing, "preview", lambda report, parent=None: shown.append(report))
    print_summary(window)
    assert shown and shown[0].period == "2026-10"


def test_a_batch_with_its_input_lines_and_undo(window, qtbot):
    repo = window.repo
    lot = next(repo.iter("purchase", order="date DESC"))
    product = repo.find("product", "MG-N42")
    form = window.open_record("batch", None)
    qtbot.addWidget(form)
    w = form.widgets
    type_text(qtbot, w["batch_no"], "PB-TEST-1")
    for name in ("start_date", "end_date"):
        w[name].setFocus()
        qtbot.keyClick(w[name], Qt.Key.Key_Equal)
    type_text(qtbot, w["product_id"], product.code)
    type_text(qtbot, w["output_g"], "90")
    assert "batch.no_inputs" in {f.code for f in form.findings()}  # inputs are required
    form.inputs.add_line(lot.lot_no, "100")
    assert [f.code for f in form.findings() if f.is_error] == []
    form.save()
    batch = repo.find("batch", "PB-TEST-1")
    lines = list(repo.iter("batch_input", where="batch_id = ?", params=(batch.id,)))
    assert [(x.purchase_id, x.qty_g) for x in lines] == [(lot.id, 100_000)]
    window.undo_action.trigger()
    assert repo.find("batch", "PB-TEST-1") is None
    assert not list(repo.iter("batch_input", where="batch_id = ?", params=(batch.id,)))
    window.redo_action.trigger()
    assert len(list(repo.iter("batch_input", where="batch_id = ?", params=(batch.id,)))) == 1


def test_restore_point_from_the_file_menu(window, qtbot, monkeypatch):
    from magdesk import usecases
    from magdesk.gui.flows import restore_point
    from magdesk.gui.safety import RestorePoints

    point = usecases.take_snapshot(window.db, "before a test change")
    product = window.repo.find("product", "MG-N42")
    window.commit(product, __import__("dataclasses").replace(product, spec="CHANGED"))
    assert window.repo.find("product", "MG-N42").spec == "CHANGED"
    monkeypatch.setattr(RestorePoints, "ask", classmethod(lambda cls, db, parent=None: next(
        p for p in usecases.list_snapshots(db) if p.path == point.path)))
    restore_point(window)
    fresh = window.replacement
    qtbot.addWidget(fresh)
    assert fresh.repo.find("product", "MG-N42").spec == product.spec
    assert not fresh.db.read_only
    if fresh.findings_task.running:
        qtbot.waitUntil(lambda: not fresh.findings_task.running, timeout=60000)
    fresh.db.close()


def test_a_record_history_shows_old_and_new(window, qtbot):
    from magdesk.gui.safety import History

    product = window.repo.find("product", "MG-N42")
    window.commit(product, __import__("dataclasses").replace(product, spec="D20x12"))
    dialog = History(window.db, "product", product.id)
    qtbot.addWidget(dialog)
    cells = {(dialog.table.item(r, 3).text(), dialog.table.item(r, 4).text(),
              dialog.table.item(r, 5).text()) for r in range(dialog.table.rowCount())}
    assert ("规格/尺寸", product.spec, "D20x12") in cells


def test_a_sale_in_a_new_month_is_offered_by_the_month_filters(window, qtbot):
    import dataclasses
    from datetime import date

    window.select_section(5)
    sales = window.current_section()
    months = [sales.period.itemData(i) for i in range(sales.period.count())]
    last = window.periods[-1]
    year, month = int(last[:4]), int(last[5:])
    new_month = f"{year + month // 12}-{month % 12 + 1:02d}"
    assert new_month not in months
    first_id = window.db.conn.execute("SELECT min(id) FROM sale_out").fetchone()[0]
    sale = dataclasses.replace(window.repo.get("sale", first_id), id=None, doc_no="SO-NEW-MONTH",
                               date=date(int(new_month[:4]), int(new_month[5:]), 3))
    window.commit(None, sale)
    assert window.periods[-1] == new_month
    assert sales.period.itemData(1) == new_month  # newest first, after "all months"
    assert window.inventory.period.itemData(0) == new_month
    window.undo_stack.undo()  # the month empty again: no longer offered
    assert new_month not in [sales.period.itemData(i) for i in range(sales.period.count())]


def test_a_new_sale_starts_today_and_esc_asks_before_losing_what_was_typed(
        window, qtbot, monkeypatch):
    from datetime import date

    window.select_section(5)  # the forms delete themselves on closing: not the qtbot's to close
    form = window.open_record("sale", None)
    form.show()
    assert form.widgets["date"].text() == date.today().isoformat()
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not form.isVisible()
    form = window.open_record("sale", None)
    form.show()
    type_text(qtbot, form.widgets["doc_no"], "SO-HALF-TYPED")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or
                        QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(form.widgets["doc_no"], Qt.Key.Key_Escape)
    assert asked and form.isVisible() and form.widgets["doc_no"].text() == "SO-HALF-TYPED"
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(form.widgets["doc_no"], Qt.Key.Key_Escape)
    assert not form.isVisible()


def _half_typed_sale(window, qtbot):
    window.select_section(5)
    form = window.open_record("sale", None)
    form.show()
    type_text(qtbot, form.widgets["doc_no"], "SO-HALF-TYPED")
    return form


def _answer(monkeypatch, button):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, title, text, *a, **k: asked.append(text) or button)
    return asked


def test_quitting_asks_before_losing_what_a_form_holds(window, qtbot, monkeypatch):
    idle = window.open_record("sale", None)  # nothing typed: nothing to ask about
    idle.show()
    form = _half_typed_sale(window, qtbot)
    assert window.unsaved_forms() == [form]
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    quit_action = next(a for a in window.menuBar().actions()[0].menu().actions()
                       if a.text() == "退出(&Q)")
    quit_action.trigger()
    assert len(asked) == 1 and "销售出库" in asked[0] and "丢弃这些录入" in asked[0]
    assert window.isVisible() and form.isVisible()
    assert form.widgets["doc_no"].text() == "SO-HALF-TYPED"

    class CloseButton:  # the close event of the window's own close button (from the
        ignored = False  # window system: spontaneous, which no Qt call here can make)

        def spontaneous(self):
            return True

        def ignore(self):
            self.ignored = True

    click = CloseButton()
    window.closeEvent(click)
    assert len(asked) == 2 and click.ignored and window.isVisible() and form.isVisible()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    quit_action.trigger()
    assert len(asked) == 1 and not window.isVisible()


def test_opening_another_file_asks_before_losing_what_a_form_holds(window, qtbot, monkeypatch,
                                                                  tmp_path):
    from PySide6.QtWidgets import QFileDialog

    form = _half_typed_sale(window, qtbot)
    other = tmp_path / "other.sqlite"
    other.write_bytes(window.db.path.read_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.open_database()
    assert asked and getattr(window, "switching", None) is None
    assert form.isVisible() and window.isVisible()


def test_a_long_reason_beside_a_field_leaves_the_field_its_width(window, qtbot):
    from magdesk.gui.form import RecordForm

    window.select_section(1)
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    form.show()
    uscc = form.widgets["uscc"]
    type_text(qtbot, uscc, "91330206MA2AB3CD4O")  # the letter O cannot occur: a long reason
    assert uscc.property("state") == "invalid" and len(form.messages["uscc"].text()) > 8
    qtbot.wait(10)
    assert uscc.width() >= RecordForm.FIELD_WIDTH


def _completions(form, field):
    completer = form.widgets[field].completer()
    model = completer.completionModel()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def _sale_form_and_newest_batch(window, qtbot):
    """A blank sale form, shown, and the newest batch with its product."""
    repo = window.repo
    batch = next(repo.iter("batch", order="end_date DESC"))
    window.select_section(5)
    form = window.open_record("sale", None)
    qtbot.addWidget(form)
    form.show()
    return form, batch, repo.get("product", batch.product_id)


def test_a_sale_offers_the_products_batches_newest_first_and_its_grade(window, qtbot):
    repo = window.repo
    form, batch, product = _sale_form_and_newest_batch(window, qtbot)
    w = form.widgets
    type_text(qtbot, w["batch_id"], batch.batch_no[:3])  # no product yet: newest first
    offered = _completions(form, "batch_id")
    assert offered and offered[0] == batch.batch_no
    ends = [repo.get("batch", find_id(repo, "batch", b)).end_date for b in offered]
    assert ends == sorted(ends, reverse=True)
    w["batch_id"].clear()
    type_text(qtbot, w["product_id"], product.code)
    # The product's grade is suggested (core.derive), the field left for the clerk.
    assert w["grade"].placeholderText() == product.grade and product.grade
    assert w["grade"].text() == ""
    middle = batch.batch_no[2:6]  # substring matching stays
    type_text(qtbot, w["batch_id"], middle)
    offered = _completions(form, "batch_id")
    assert offered[0] == batch.batch_no
    assert {repo.get("batch", find_id(repo, "batch", b)).product_id for b in offered} \
        == {product.id}
    w["batch_id"].clear()
    type_text(qtbot, w["batch_id"], batch.batch_no)
    assert "batch_id" not in {f.field for f in form.findings()}
    w["grade"].clear()  # the clerk's own grade stays when the product changes
    type_text(qtbot, w["grade"], "N52")
    other = next(p for p in repo.iter("product") if p.grade and p.grade != product.grade)
    w["product_id"].clear()
    type_text(qtbot, w["product_id"], other.code)
    assert w["grade"].text() == "N52" and w["grade"].placeholderText() == ""


def test_down_in_an_empty_reference_field_lists_what_it_may_hold(window, qtbot):
    repo = window.repo
    form, batch, product = _sale_form_and_newest_batch(window, qtbot)
    form.activateWindow()  # the clerk's window: the list goes with the focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    w = form.widgets
    type_text(qtbot, w["product_id"], product.code)
    w["batch_id"].setFocus()
    popup = w["batch_id"].completer().popup()
    assert not popup.isVisible()
    qtbot.keyClick(w["batch_id"], Qt.Key.Key_Down)  # nothing typed: the product's batches
    assert popup.isVisible()
    offered = _completions(form, "batch_id")
    assert offered[0] == batch.batch_no
    assert {repo.get("batch", find_id(repo, "batch", b)).product_id for b in offered} \
        == {product.id}
    assert popup.currentIndex().row() == 0  # the first highlighted: Down, Enter takes it
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert w["batch_id"].text() == batch.batch_no and not popup.isVisible()
    w["customer_id"].setFocus()
    qtbot.keyClick(w["customer_id"], Qt.Key.Key_Down)  # every customer, by name
    customers = _completions(form, "customer_id")
    assert len(customers) > 5 and customers == sorted(customers)


def test_a_new_sale_suggests_the_next_delivery_number_to_type_over(window, qtbot):
    import re
    from datetime import date

    repo = window.repo
    last = repo.conn.execute("SELECT MAX(doc_no) FROM sale_out").fetchone()[0]
    head, number = re.fullmatch(r"(SO-)\d{6}-(\d+)", last).groups()
    window.select_section(5)  # the forms delete themselves on closing: not the qtbot's to close
    form = window.open_record("sale", None)
    form.show()
    doc_no = form.widgets["doc_no"]
    expected = f"{head}{date.today():%Y%m}-{int(number) + 1:0{len(number)}d}"
    assert doc_no.text() == expected and doc_no.selectedText() == expected
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # only suggestions: closes without asking
    assert not form.isVisible()
    form = window.open_record("sale", None)
    qtbot.addWidget(form)
    form.show()
    form.widgets["date"].setText("2025-03-14")  # another month: the suggestion follows
    assert form.widgets["doc_no"].text() == f"{head}202503-{int(number) + 1:0{len(number)}d}"
    form.widgets["date"].setText(date.today().isoformat())
    form.widgets["doc_no"].selectAll()
    qtbot.keyClicks(form.widgets["doc_no"], "SO-OWN-1")  # typed over the selection
    assert form.widgets["doc_no"].text() == "SO-OWN-1"
    form.widgets["date"].setText("2025-04-01")
    assert form.widgets["doc_no"].text() == "SO-OWN-1"


def test_a_country_by_name_and_cn_for_a_domestic_enterprise(window, qtbot):
    window.select_section(1)
    form = window.open_record("counterparty", None)
    qtbot.addWidget(form)
    form.show()
    w = form.widgets
    assert w["cp_type"].currentData() == "DOMESTIC_ENTERPRISE" and w["country"].text() == "CN"
    w["cp_type"].setCurrentIndex(w["cp_type"].findData("FOREIGN"))
    w["country"].clear()
    for typed, code in (("日本", "JP"), ("Germany", "DE"), ("中国", "CN"), ("de", "DE")):
        w["country"].clear()
        type_text(qtbot, w["country"], typed)
        assert form.values()[0]["country"] == code
    w["country"].clear()
    type_text(qtbot, w["country"], "德国")
    assert "DE 德国 Germany" in _completions(form, "country")
    type_text(qtbot, w["name_cn"], "汉堡磁材贸易公司")
    type_text(qtbot, w["address"], "Hamburg")
    type_text(qtbot, w["foreign_reg_no"], "HRB12345")
    assert w["country"].property("state") == "valid", form.messages["country"].text()
    type_text(qtbot, w["country"], "xx")
    assert w["country"].property("state") == "invalid"
    w["country"].clear()  # empty again, and a domestic firm once more: CN
    w["cp_type"].setCurrentIndex(w["cp_type"].findData("DOMESTIC_ENTERPRISE"))
    assert w["country"].text() == "CN"


def test_a_new_file_says_on_the_dashboard_what_to_do_first(qtbot, tmp_path, window):
    from magdesk import usecases
    from magdesk.core.model import Company
    from magdesk.gui.main_window import MainWindow
    from magdesk.storage import open_database

    wait_for_tasks(qtbot, window)
    assert window.dashboard.empty.isHidden()  # the demo has months
    path = tmp_path / "new.sqlite"
    assert usecases.create_database(
        path, Company("赣州新材磁业有限公司", "91360700MA35ABCD1Q", "赣州市章贡区")) == []
    with open_database(path) as db:
        fresh = MainWindow(db, window.settings)
        qtbot.addWidget(fresh)
        fresh.show()
        wait_for_tasks(qtbot, fresh)
        qtbot.waitUntil(lambda: not fresh.dashboard.empty.isHidden())
        hint = fresh.dashboard.empty.text()
        assert hint.startswith("还没有任何记录。") and "“交易对象”和“产品”" in hint
        assert "导入电子表格" in hint and fresh.dashboard.table.rowCount() == 0
        fresh.close()


def test_a_new_purchase_suggests_the_next_receipt_number_too(window, qtbot):
    import re

    repo = window.repo
    last = repo.conn.execute("SELECT MAX(doc_no) FROM purchase_in").fetchone()[0]
    match = re.fullmatch(r"(.*?)(20\d{4})(\D+)(\d+)", last)
    assert match, last
    head, _ym, sep, number = match.groups()
    window.select_section(3)
    form = window.open_record("purchase", None)
    form.show()
    doc_no, day = form.widgets["doc_no"], form.widgets["date"]
    day.setText("2026-11-03")
    expected = f"{head}202611{sep}{int(number) + 1:0{len(number)}d}"
    assert doc_no.text() == expected and doc_no.selectedText() == expected
    form.close()  # (by the program: no question)


def test_a_big_table_shows_the_span_of_its_ids_then_its_counted_rows(qtbot, demo_copy,
                                                                       monkeypatch):
    # ten million sales are not counted before the table shows (100 ms): the
    # span of their ids is shown, and a count on a thread of its own follows
    import sqlite3

    from magdesk.gui.table_model import RecordTableModel
    from magdesk.storage import open_database
    from magdesk.storage.paging import PagedQuery

    monkeypatch.setattr(PagedQuery, "ESTIMATE_FROM", 100)
    plain = sqlite3.connect(demo_copy)
    gone = plain.execute("SELECT id FROM sale_out WHERE is_export = 0 LIMIT 1 OFFSET 9")
    plain.execute("DELETE FROM sale_out WHERE id = ?", gone.fetchone())  # another program's
    plain.commit()
    rows, top = plain.execute("SELECT count(*), max(id) FROM sale_out").fetchone()
    last = plain.execute("SELECT doc_no FROM sale_out ORDER BY id DESC LIMIT 1").fetchone()[0]
    plain.close()
    with open_database(demo_copy) as db:
        model = RecordTableModel(db, "sale", "zh")
        assert model.rowCount() == top == rows + 1  # at once: the ids' span
        with qtbot.waitSignal(model.modelReset, timeout=10000):
            pass  # counted meanwhile: one row fewer
        assert model.rowCount() == rows and not model.query.estimated
        assert model.cell_text(rows - 1, 0) == last and model.cell_text(rows, 0) is None
        model.sort(1, 1)  # another order of the same rows: not counted again
        assert model.rowCount() == rows and not model.query.estimated
        assert model.cell_text(0, 1) >= model.cell_text(rows - 1, 1)  # dates, newest first
        model.set_filter("", "2026-06")  # a filter is counted at once
        assert not model.query.estimated and not model._counting
        model.set_filter("", None)  # the whole table again: counted already
        assert model.rowCount() == rows and not model.query.estimated
        assert not model._counting
        model.refresh()  # the data changed: the span first, then counted again
        assert model.rowCount() == top and model.query.estimated
        model.sort(0, 0)  # sorted while it is counted: the count still arrives
        assert model.rowCount() == top and len(model._counting) == 1
        with qtbot.waitSignal(model.modelReset, timeout=10000):
            pass
        assert model.rowCount() == rows and not model.query.estimated
