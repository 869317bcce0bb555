"""From a dashboard count to the record's field; a new demo database made
from the File menu (and one cancelled); a licence's consignees edited in its
form, with undo."""

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton

from .conftest import wait_for_tasks
from .test_main_window import type_text


def click_cell(qtbot, table, row, column):
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def month_row(table, period):
    return [table.item(r, 0).text() for r in range(table.rowCount())].index(period)


def test_an_error_count_opens_the_findings_and_then_the_record(window, qtbot):
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    repo = window.repo
    sale = next(repo.iter("sale", where="date LIKE '2026-06%' AND is_export = 0"))
    repo.update(dataclasses.replace(sale, invoice_no="12AB"))  # not an invoice number
    window.refresh_periods()
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    table = window.dashboard.table
    row = month_row(table, "2026-06")
    assert table.item(row, 4).text() == "1" and table.item(row, 4).font().underline()
    assert not table.item(month_row(table, "2026-07"), 4).font().underline()  # 0: no link
    click_cell(qtbot, table, row, 4)
    dialog = window.findings_flow.dialog
    assert dialog is not None and dialog.isVisible() and "2026-06" in dialog.windowTitle()
    model = dialog.model
    assert model.rowCount() == 1  # the errors of the month (the count clicked)
    cells = [model.index(0, c).data() for c in range(6)]
    assert cells[:5] == ["错误", "invoice.format", "销售出库", sale.doc_no, "发票号码"]
    assert "12AB" in cells[5]
    dialog.severity.setCurrentIndex(0)  # errors and warnings
    assert dialog.model.rowCount() >= 1
    found = next(r for r in range(dialog.model.rowCount())
                 if dialog.model.index(r, 3).data() == sale.doc_no)
    dialog.table.setCurrentIndex(dialog.model.index(found, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    form = window.last_form
    qtbot.addWidget(form)
    assert form.record.id == sale.id
    assert window.current_section().entity == "sale"
    assert form.focusWidget() is form.widgets["invoice_no"]
    assert form.widgets["invoice_no"].property("state") == "invalid"


def test_findings_in_english_and_of_an_export_line(qtbot, demo_copy):
    from magdesk.gui.app import application, install_translations
    from magdesk.gui.main_window import MainWindow
    from magdesk.storage import open_database

    from .conftest import lang_settings

    settings = lang_settings("en")
    install_translations(application(settings), "en")
    with open_database(demo_copy) as db:
        win = MainWindow(db, settings)
        qtbot.addWidget(win)
        qtbot.waitUntil(lambda: not win.findings_task.running, timeout=60000)
        line = next(win.repo.iter("export", where="decl_date LIKE '2026-08%'"))
        win.repo.update(dataclasses.replace(line, hs_code="12"))
        win.refresh_periods()
        qtbot.waitUntil(lambda: not win.findings_task.running, timeout=60000)
        dialog = win.findings_flow.show("2026-08")
        model = dialog.model
        rows = [[model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())]
        mine = [r for r in rows if r[3] == line.key]
        assert mine and mine[0][0] == "Error" and mine[0][2] == "Export line"
        assert mine[0][4] == "HS code" and "12" in mine[0][5]
        form = win.findings_flow.open(next(f for f in model.findings if f.record == line.key))
        qtbot.addWidget(form)
        assert form.record.id == line.id
        assert win.export_tabs.currentWidget() is win.sections["export"]
        win.close()
        qtbot.waitUntil(lambda: not win.findings_task.running, timeout=60000)
        install_translations(application(settings), "zh")


def test_a_new_demo_database_from_the_file_menu(window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "新演示.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked = []
    monkeypatch.setattr(QInputDialog, "getInt",
                        lambda *a, **k: asked.append(a[3:6]) or (800, True))
    window.demo.start()
    assert asked == [(5000, 1, 1_000_000)]  # the default and the limits offered
    qtbot.waitUntil(lambda: getattr(window, "replacement", None) is not None, timeout=60000)
    fresh = window.replacement
    qtbot.addWidget(fresh)
    assert fresh.db.path == target and fresh.repo.count("sale") == 800
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    wait_for_tasks(qtbot, fresh)
    fresh.db.close()


def test_a_cancelled_demo_leaves_no_file(window, qtbot, tmp_path):
    target = tmp_path / "big.sqlite"
    window.demo.build(target, 400_000)
    task = window.tasks[-1]
    task.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    qtbot.waitUntil(lambda: not task.running, timeout=60000)
    assert [p.name for p in tmp_path.iterdir() if "big" in p.name] == []  # nor a part of it
    assert window.demo.result is None and not hasattr(window, "replacement")
    assert window.db.path != target


def test_licence_consignees_added_and_removed_with_undo(window, qtbot):
    repo = window.repo
    licence = next(lic for lic in repo.all_by_id("licence").values() if lic.consignee_ids)
    first = repo.get("counterparty", licence.consignee_ids[0])
    other = next(c for c in repo.iter("counterparty") if c.cp_type == "FOREIGN"
                 and c.id not in licence.consignee_ids)
    domestic = next(c for c in repo.iter("counterparty") if c.cp_type != "FOREIGN")
    window.show_section("licence")
    form = window.open_record("licence", licence.id)  # closes itself on saving
    box = form.consignees
    assert [box.list.item(r).text() for r in range(box.list.count())][0].startswith(
        first.name_cn)
    type_text(qtbot, box.name, other.name_cn[:3])
    box.name.textEdited.emit(box.name.text())  # what typing a key does
    assert other.name_cn in box.name.completer().model().stringList()
    assert domestic.name_cn not in box.name.completer().model().stringList()
    box.name.setText(other.name_cn)
    box.add_button.click()
    assert box.ids == [*licence.consignee_ids, other.id]
    assert "licence.one_consignee" in {f.code for f in form.findings()}  # individual: one
    assert box.message.text()  # said beside the list
    form.widgets["licence_type"].setCurrentIndex(form.widgets["licence_type"].findData("GENERAL"))
    assert "licence.one_consignee" not in {f.code for f in form.findings()}
    box.list.setCurrentRow(0)
    box.remove_button.click()
    assert box.ids == [other.id]
    box.name.setText(domestic.name_cn)
    box.add_button.click()
    assert "licence.consignee_domestic" in {f.code for f in form.findings()}
    box.list.setCurrentRow(1)
    box.remove_button.click()
    form.save()
    saved = repo.get("licence", licence.id)
    assert saved.consignee_ids == (other.id,) and saved.licence_type == "GENERAL"
    assert window.undo_action.text().startswith("撤销 修改出口许可证")
    window.undo_action.trigger()
    assert repo.get("licence", licence.id) == licence
    window.redo_action.trigger()
    assert repo.get("licence", licence.id).consignee_ids == (other.id,)


def test_a_new_licence_with_its_consignee(window, qtbot):
    repo = window.repo
    foreign = next(c for c in repo.iter("counterparty") if c.cp_type == "FOREIGN")
    form = window.open_record("licence", None)
    qtbot.addWidget(form)
    w = form.widgets
    type_text(qtbot, w["licence_no"], "LX-GUI-0001")
    w["licence_type"].setCurrentIndex(w["licence_type"].findData("INDIVIDUAL"))
    w["valid_from"].setText("2026-09-01")  # (typed "-" moves the date a day)
    w["valid_to"].setText("2027-08-31")
    type_text(qtbot, w["qty_g"], "500")
    type_text(qtbot, w["control_no"], "1C905.a.4")
    form.consignees.name.setText(foreign.name_cn)  # typed, not yet added: saving adds it
    form.save()
    saved = repo.find("licence", "LX-GUI-0001")
    assert saved is not None and saved.consignee_ids == (foreign.id,), [
        (f.code, f.field) for f in form.findings()]
    window.undo_action.trigger()
    assert repo.find("licence", "LX-GUI-0001") is None
    window.redo_action.trigger()
    assert repo.find("licence", "LX-GUI-0001").consignee_ids == (foreign.id,)



def test_a_double_click_on_a_count_stays_on_the_dashboard(window, qtbot):
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    table = window.dashboard.table
    row = month_row(table, "2026-06")
    opened = []
    window.dashboard.open_period.connect(opened.append)

    def double_click(column):
        centre = table.visualItemRect(table.item(row, column)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    double_click(4)
    assert opened == []
    double_click(1)
    assert opened == ["2026-06"]


def test_a_count_on_a_file_checked_on_request_says_so(window, qtbot):
    qtbot.waitUntil(lambda: not window.findings_task.running, timeout=60000)
    window.dashboard.findings = None  # as on a file too large to check on opening
    window.dashboard.offer_check(lambda: None)
    assert window.findings_flow.show("2026-06") is None
    assert "立即校验全部记录" in window.statusBar().currentMessage()
