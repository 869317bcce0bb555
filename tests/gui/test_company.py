"""The company profile by keyboard: the first-start dialog that creates the file,
and File ▸ Company profile, which corrects it (real widgets, real files)."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel

from magdesk.gui.app import application
from magdesk.gui.company import CompanyProfileDialog, FirstStartDialog
from magdesk.gui.main_window import MainWindow, company_colour
from magdesk.storage import open_database
from magdesk.storage.filing_store import FilingStore
from magdesk.storage.repository import Repository

from .conftest import lang_settings

WRONG = "91360700MA35ABCD1X"  # its check character should be Q
RIGHT = "91360700MA35ABCD1Q"


def focused():
    return QApplication.focusWidget()


def type_here(qtbot, text):
    """Type into the focused field like a keyboard; CJK through an input-method commit."""
    if text.isascii():
        qtbot.keyClicks(focused(), text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(focused(), event)


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), k, modifier)


def retype(qtbot, text):
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_Delete)
    type_here(qtbot, text)


def shown(qtbot, dialog):
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is dialog)


def test_first_start_refuses_a_wrong_code_then_creates_the_file(qtbot, tmp_path):
    application(lang_settings("zh"))
    path = tmp_path / "first.sqlite"
    dialog = FirstStartDialog("zh", path)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    w = dialog.widgets
    assert focused() is w["name"]
    type_here(qtbot, "赣州测试磁材有限公司")
    key(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, WRONG)
    assert w["uscc"].property("state") == "invalid"
    assert "计算得Q" in dialog.messages["uscc"].text()
    key(qtbot, Qt.Key.Key_Return)  # Enter moves on: past "keep this code" (not ticked)…
    assert focused() is dialog.pilot
    key(qtbot, Qt.Key.Key_Return)  # …to the address
    assert focused() is w["address"] and not dialog.pilot.isChecked()
    type_here(qtbot, "赣州市章贡区")
    for expected in (w["contact"], w["enterprise_type"], w["system_account"], w["path"]):
        key(qtbot, Qt.Key.Key_Return)
        assert focused() is expected
    key(qtbot, Qt.Key.Key_Return)  # …and on the last field it would create the file
    assert not path.exists()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert focused() is w["uscc"]  # the cursor is put in the faulty field
    assert "计算得Q" in dialog.messages["uscc"].text() and dialog.messages["uscc"].isVisible()
    assert dialog.status.text() == "请先改正标红的字段。"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # nor does OK
    assert not path.exists() and focused() is w["uscc"]

    retype(qtbot, RIGHT)
    assert w["uscc"].property("state") == "valid" and dialog.messages["uscc"].text() == ""
    assert not dialog.pilot.isVisible()
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.created == path
    with open_database(path) as db:
        company = Repository(db).company()
    assert (company.name, company.uscc, company.address) == ("赣州测试磁材有限公司", RIGHT,
                                                             "赣州市章贡区")


def test_first_start_blocks_an_empty_address_and_a_malformed_code(qtbot, tmp_path):
    application(lang_settings("zh"))
    path = tmp_path / "first.sqlite"
    dialog = FirstStartDialog("zh", path)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    type_here(qtbot, "赣州测试磁材有限公司")
    key(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "91360700MA35ABCD1O")  # the letter O cannot occur
    assert "格式不正确" in dialog.messages["uscc"].text()
    assert not dialog.pilot.isVisible()  # a malformed code cannot be kept
    assert dialog.messages["address"].text() == ""  # yellow until a first try
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not path.exists() and focused() is dialog.widgets["uscc"]
    assert dialog.messages["address"].text() == "地址不能为空"
    retype(qtbot, RIGHT)
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not path.exists() and focused() is dialog.widgets["address"]


def test_first_start_keeps_a_pilot_code_only_when_told(qtbot, tmp_path):
    application(lang_settings("zh"))
    path = tmp_path / "pilot.sqlite"
    (tmp_path / "taken.sqlite").write_bytes(b"")
    dialog = FirstStartDialog("zh", tmp_path / "taken.sqlite")
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    w = dialog.widgets
    type_here(qtbot, "厦门试点磁业有限公司")
    key(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "91350211M00013FA1N")  # a real early-pilot code
    assert dialog.pilot.isVisible() and not dialog.pilot.isChecked()
    assert "已有同名文件" in dialog.messages["path"].text()
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.pilot
    key(qtbot, Qt.Key.Key_Space)
    assert w["uscc"].property("state") == "valid"
    assert dialog.messages["uscc"].property("role") == "warning"
    key(qtbot, Qt.Key.Key_Return)
    type_here(qtbot, "厦门市湖里区")
    w["path"].setFocus()
    retype(qtbot, str(path))
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with open_database(path) as db:
        assert Repository(db).company().uscc == "91350211M00013FA1N"
        assert ("company", "91350211M00013FA1N", "uscc.check_digit") in Repository(db).accepted()


def test_company_profile_corrects_the_heading_and_the_band(window, qtbot, monkeypatch):
    old = FilingStore(window.db).heading()
    assert window.company_action.isEnabled()

    def drive(dialog):  # the clerk, at the keyboard, in place of the modal loop
        shown(qtbot, dialog)
        assert dialog.widgets["name"].text() == old.name
        assert dialog.widgets["uscc"].text() == old.uscc
        retype(qtbot, "赣州新材磁业有限公司")
        key(qtbot, Qt.Key.Key_Tab)
        retype(qtbot, WRONG)
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # a bad code blocks
        assert dialog.isVisible() and focused() is dialog.widgets["uscc"]
        assert FilingStore(window.db).heading() == old
        retype(qtbot, RIGHT)
        for _ in range(4):  # Enter through the rest; on the last field it saves
            key(qtbot, Qt.Key.Key_Return)
        assert focused() is dialog.widgets["system_account"]
        key(qtbot, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(CompanyProfileDialog, "exec", drive)
    window.company_action.trigger()
    heading = FilingStore(window.db).heading()
    assert (heading.name, heading.uscc) == ("赣州新材磁业有限公司", RIGHT)
    assert "赣州新材磁业有限公司" in window.windowTitle()
    assert "赣州新材磁业有限公司" in window.band.text() and RIGHT in window.band.text()
    assert company_colour(RIGHT).name() in window.band.styleSheet()
    assert company_colour(old.uscc).name() not in window.band.styleSheet()


def test_company_profile_cancelled_changes_nothing(window, qtbot, monkeypatch):
    old = FilingStore(window.db).heading()

    def drive(dialog):
        shown(qtbot, dialog)
        retype(qtbot, "不保存的名字")
        key(qtbot, Qt.Key.Key_Escape)
        return dialog.result()

    monkeypatch.setattr(CompanyProfileDialog, "exec", drive)
    window.company_action.trigger()
    assert FilingStore(window.db).heading() == old and old.name in window.band.text()


def test_a_read_only_file_offers_no_company_profile(qtbot, demo_copy):
    settings = lang_settings("zh")
    application(settings)
    with open_database(demo_copy) as writer, open_database(demo_copy) as reader:
        assert reader.read_only and not writer.read_only
        win = MainWindow(reader, settings)
        qtbot.addWidget(win)
        assert not win.company_action.isEnabled()
        assert win.company_action.text() == "本企业信息(&C)…"
        banner = win.findChild(QLabel, "readOnlyBanner").text()  # why, in Chinese
        assert banner.startswith(f"只读：{demo_copy.name} 正由 ") and banner.endswith("打开编辑")
        assert "open for writing" not in banner
        win.close()


def test_file_new_database_makes_a_file_for_another_company_and_opens_it(window, qtbot,
                                                                        monkeypatch):
    from magdesk.gui import opening

    other_name = "包头第二磁材有限公司"

    def drive(dialog):
        shown(qtbot, dialog)
        assert dialog.windowTitle() == "新建数据库"
        chosen = dialog.path.text()
        assert chosen.endswith(".sqlite") and not Path(chosen).exists()
        assert Path(chosen).parent == window.db.path.parent  # beside the file open now
        type_here(qtbot, other_name)
        key(qtbot, Qt.Key.Key_Tab)
        type_here(qtbot, RIGHT)
        key(qtbot, Qt.Key.Key_Tab)
        type_here(qtbot, "包头市昆都仑区")
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert dialog.created == Path(chosen)
        return dialog.result()

    monkeypatch.setattr(FirstStartDialog, "exec", drive)
    new_action = next(a for a in window.menuBar().actions()[0].menu().actions()
                      if a.text() == "新建数据库(&N)…")
    new_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "replacement", None) is not None, timeout=30000)
    fresh = window.replacement
    qtbot.addWidget(fresh)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    opening.wait_closed()
    assert other_name in fresh.band.text() and RIGHT in fresh.band.text()
    assert fresh.db.path != window.db.path
    fresh.close()
    fresh.db.close()


def test_restore_points_are_offered_once_there_are_some(window, qtbot):
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.aboutToShow.emit()
    assert not window.restore_action.isEnabled()  # a fresh copy: none yet
    window.db.snapshot("a test restore point")
    file_menu.aboutToShow.emit()
    assert window.restore_action.isEnabled()


def test_the_new_file_s_place_can_be_chosen_in_a_file_dialog(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    application(lang_settings("zh"))
    dialog = FirstStartDialog("zh", tmp_path / "magdesk.sqlite")
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _parent, title, start, kinds:
                        asked.append((title, start, kinds)) or (str(tmp_path / "公司二"), ""))
    browse = dialog.path.actions()[0]
    assert browse.toolTip() == "选择文件的保存位置…"
    browse.trigger()
    assert asked == [("选择文件的保存位置…", str(tmp_path / "magdesk.sqlite"),
                      "magdesk 数据库 (*.sqlite)")]
    assert dialog.path.text() == str(tmp_path / "公司二.sqlite")  # the suffix added


def test_a_credit_code_changed_after_a_filing_is_confirmed_first(window, qtbot, monkeypatch,
                                                                 tmp_path):
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from magdesk import usecases

    usecases.export_filing(window.db, "2026-06", tmp_path)
    usecases.file_period(window.db, "2026-06", date(2026, 7, 8), "RC-1")
    old = FilingStore(window.db).heading()
    answers, asked = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes], []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, text, *a, **k:
                        asked.append(text) or answers.pop(0))

    def drive(dialog):
        shown(qtbot, dialog)
        dialog.widgets["uscc"].setFocus()
        retype(qtbot, RIGHT)
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # asked: No
        assert dialog.isVisible() and FilingStore(window.db).heading() == old
        assert dialog.status.text() == "未保存。"
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # asked again: Yes
        return dialog.result()

    monkeypatch.setattr(CompanyProfileDialog, "exec", drive)
    window.company_action.trigger()
    assert len(asked) == 2 and "2026-06" in asked[0] and RIGHT in asked[0]
    assert FilingStore(window.db).heading().uscc == RIGHT


def test_a_name_changed_after_a_filing_is_not_asked_about(window, qtbot, monkeypatch, tmp_path):
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from magdesk import usecases

    usecases.export_filing(window.db, "2026-06", tmp_path)
    usecases.file_period(window.db, "2026-06", date(2026, 7, 8), "RC-1")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))

    def drive(dialog):
        shown(qtbot, dialog)
        retype(qtbot, "宁波鑫磁新名称有限公司")
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(CompanyProfileDialog, "exec", drive)
    window.company_action.trigger()
    assert FilingStore(window.db).heading().name == "宁波鑫磁新名称有限公司"


def test_first_start_opens_with_blank_fields_to_type_in(qtbot, tmp_path):
    application(lang_settings("zh"))
    dialog = FirstStartDialog("zh", tmp_path / "blank.sqlite")
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    w = dialog.widgets
    assert w["name"].text() == "" and w["uscc"].text() == ""  # nothing to clear first
    assert focused() is w["name"]
    assert dialog.messages["uscc"].text() == ""  # yellow to fill, no reason yet
    type_here(qtbot, "赣州市新磁稀土材料有限公司")
    assert w["name"].text() == "赣州市新磁稀土材料有限公司"
