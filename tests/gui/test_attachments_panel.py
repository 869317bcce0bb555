"""A record's attachments in its form: attached through the panel (a file
dialog, then the kind), listed in the clerk's words, opened at once through a
linked copy under the file's own name, saved out, removed with Delete (no
question) and brought back by the window's Undo; files dropped on the list
attach too; a new record says it must be saved first; a missing file shows
red with why."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from magdesk import usecases
from magdesk.gui.attachments import KindChooser

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def contract(tmp_path) -> Path:
    path = tmp_path / "销售合同 S-1.pdf"
    path.write_bytes(PDF + b"contract of sale\n")
    return path


def _first(window, entity):
    return next(iter(window.repo.iter(entity)))


def _choose(monkeypatch, kind="contract", seen=None):
    def ask(cls, names, lang, parent=None):
        if seen is not None:
            seen.append(names)
        return kind

    monkeypatch.setattr(KindChooser, "ask", classmethod(ask))


def _attach(panel, monkeypatch, path: Path, kind="contract"):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(path)], ""))
    _choose(monkeypatch, kind)
    panel.expand()
    panel.attach_button.click()


def test_attach_list_remove_and_undo(window, qtbot, monkeypatch, contract):
    sale = _first(window, "sale")
    form = window.open_record("sale", sale.id)
    panel = form.attachments
    assert panel.toggle.text().startswith("附件（0）")
    assert panel.body is None  # closed, the list not even made: the form opens as before
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.body.isVisible() and panel.list.topLevelItemCount() == 0
    assert not panel.remove_button.isEnabled() and panel.attach_button.isEnabled()
    steps = window.undo_stack.count()
    _attach(panel, monkeypatch, contract)
    (att,) = usecases.attachments_of(window.db, "sale", sale.id)
    assert att.name == contract.name and att.kind == "contract"
    assert panel.body.isVisible() and panel.list.topLevelItemCount() == 1
    row = panel.list.topLevelItem(0)
    assert [row.text(c) for c in range(3)] == [contract.name, "合同", f"{att.size} B"]
    assert row.text(3).endswith(att.added_by)  # who added it (and when)
    assert panel.toggle.text().startswith("附件（1）")
    assert window.undo_stack.count() == steps + 1
    assert contract.name in window.undo_stack.text(steps)
    # Delete removes it at once (no question asked), an undo step
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))
    panel.list.setFocus()
    panel.list.setCurrentItem(row)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert usecases.attachments_of(window.db, "sale", sale.id) == []
    assert panel.list.topLevelItemCount() == 0
    assert window.undo_stack.count() == steps + 2
    assert contract.name in form.status.text() and "Ctrl+Z" in form.status.text()
    # the window's Undo brings it back, and the open form's list shows it
    assert window.guard.undo()
    (back,) = usecases.attachments_of(window.db, "sale", sale.id)
    assert back.id == att.id
    assert panel.list.topLevelItemCount() == 1
    assert "Ctrl+Z" not in form.status.text()  # "removed" is no longer true
    # Ctrl+Z on the list undoes too: the attach itself
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert usecases.attachments_of(window.db, "sale", sale.id) == []
    assert panel.list.topLevelItemCount() == 0
    form.close()


def test_open_at_once_and_save_as(window, qtbot, monkeypatch, contract, tmp_path):
    product = _first(window, "product")
    form = window.open_record("product", product.id)
    panel = form.attachments
    _attach(panel, monkeypatch, contract, "test_report")
    assert panel.list.topLevelItem(0).text(1) == "检测报告"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    (url,) = opened
    path = Path(url.toLocalFile())
    assert path.name == contract.name
    assert path.read_bytes() == contract.read_bytes()
    (att,) = usecases.attachments_of(window.db, "product", product.id)
    assert os.path.samefile(path, usecases.attachment_file(window.db, att))  # a link: at once
    assert "打开" in form.status.text()
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    written = panel.save_current()
    assert written is not None and Path(written).read_bytes() == contract.read_bytes()
    form.close()


def test_missing_file_red_with_why(window, monkeypatch, contract):
    counterparty = _first(window, "counterparty")
    form = window.open_record("counterparty", counterparty.id)
    _attach(form.attachments, monkeypatch, contract)
    (att,) = usecases.attachments_of(window.db, "counterparty", counterparty.id)
    blob = usecases.attachment_file(window.db, att)
    blob.chmod(0o644)
    blob.unlink()
    form.attachments.refresh()
    row = form.attachments.list.topLevelItem(0)
    assert row.foreground(0).color() == QColor("#a61b1b")
    assert "缺失" in row.text(1)
    assert ".files" in row.toolTip(0)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: told.append(a[2]))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: pytest.fail("opened"))
    form.attachments.open_current()
    assert contract.name in told[0]
    form.close()


def test_dropped_files_attach(window, qtbot, monkeypatch, contract, tmp_path):
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    licence = _first(window, "licence")
    form = window.open_record("licence", licence.id)
    seen = []
    _choose(monkeypatch, "photo", seen)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(contract))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    form.attachments.dropEvent(event)  # on the closed line: it opens
    assert seen == [[photo.name, contract.name]]  # asked once for both
    names = sorted(a.name for a in usecases.attachments_of(window.db, "licence", licence.id))
    assert names == sorted([photo.name, contract.name])
    assert form.attachments.list.topLevelItemCount() == 2
    form.close()


def test_new_record_saves_first_and_other_forms_have_none(window):
    form = window.open_record("sale", None)
    panel = form.attachments
    assert not panel.toggle.isEnabled()
    assert "先保存" in panel.toggle.text()
    panel.toggle.click()
    assert panel.body is None  # nothing to open
    form.close()
    form = window.open_record("purchase", _first(window, "purchase").id)
    assert form.attachments is None
    form.close()


def test_kind_chooser_keys(qtbot):
    dialog = KindChooser(["a.jpg", "b.png"], "zh")
    qtbot.addWidget(dialog)
    assert dialog.kind() == "photo"  # pictures: most likely photos
    texts = [b.text() for b in dialog.group.buttons()]
    assert texts[:3] == ["&1  合同", "&2  检测报告", "&3  最终用户和最终用途证明"]
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.kind() == "test_report")  # Alt+2: the second kind
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.kind() == "end_user_cert"  # the arrows move through them
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_file_over_the_limit_is_refused_naming_it_and_the_limit(window, monkeypatch,
                                                                  tmp_path):
    import dataclasses

    from magdesk.settings import Settings, save_settings

    save_settings(dataclasses.replace(Settings(), attachment_limit_mb=1))
    big = tmp_path / "扫描件 合同全本.pdf"
    big.write_bytes(PDF + b"\0" * (3 << 19))  # 1.5 MB
    sale = _first(window, "sale")
    form = window.open_record("sale", sale.id)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: told.append(a[1:3]))
    steps = window.undo_stack.count()
    _attach(form.attachments, monkeypatch, big)
    ((title, text),) = told
    assert title == "未附加"
    assert big.name in text and "1.0 MB" in text and "1.5 MB" in text
    assert usecases.attachments_of(window.db, "sale", sale.id) == []
    assert window.undo_stack.count() == steps  # nothing to undo
    assert form.attachments.list.topLevelItemCount() == 0
    form.close()


def test_a_record_of_a_filed_month_still_takes_its_documents(window, monkeypatch, contract,
                                                             tmp_path):
    from datetime import date

    usecases.export_filing(window.db, "2026-06", tmp_path, today=date(2026, 11, 26))
    usecases.file_period(window.db, "2026-06", date(2026, 7, 8), "RC-1")
    line = next(iter(window.repo.iter("export", where="decl_date LIKE '2026-06%'")))
    form = window.open_record("export", line.id)
    assert not form.save_button.isEnabled()  # the line itself is locked
    _attach(form.attachments, monkeypatch, contract)
    (att,) = usecases.attachments_of(window.db, "export", line.id)
    assert form.attachments.remove_button.isEnabled()
    form.attachments.remove_current()
    assert usecases.attachments_of(window.db, "export", line.id) == []
    form.close()


def test_large_files_attach_in_the_background(window, qtbot, monkeypatch, contract, tmp_path):
    from magdesk.gui.attachments import AttachmentsPanel

    monkeypatch.setattr(AttachmentsPanel, "BACKGROUND_BYTES", 1)  # every file counts as large
    missing = tmp_path / "已移走.pdf"
    sale = _first(window, "sale")
    form = window.open_record("sale", sale.id)
    panel = form.attachments
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: told.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(contract), str(missing)], ""))
    _choose(monkeypatch, "contract")
    steps = window.undo_stack.count()
    panel.expand()
    panel.attach_button.click()
    assert panel.busy  # the window goes on while the bytes are copied
    qtbot.waitUntil(lambda: not panel.busy, timeout=30000)
    assert [a.name for a in usecases.attachments_of(window.db, "sale", sale.id)] == \
        [contract.name]
    assert panel.list.topLevelItemCount() == 1
    assert window.undo_stack.count() == steps + 1
    assert len(told) == 1 and missing.name in told[0]
    form.close()


def test_a_form_closed_while_attaching_leaves_the_step_on_the_undo_stack(window, qtbot,
                                                                         monkeypatch, contract):
    from magdesk.gui.attachments import AttachmentsPanel

    monkeypatch.setattr(AttachmentsPanel, "BACKGROUND_BYTES", 1)
    sale = _first(window, "sale")
    form = window.open_record("sale", sale.id)
    steps = window.undo_stack.count()
    _attach(form.attachments, monkeypatch, contract)
    form.close()  # deleted on close, before the copy is done
    qtbot.waitUntil(lambda: window.undo_stack.count() == steps + 1, timeout=30000)
    assert [a.name for a in usecases.attachments_of(window.db, "sale", sale.id)] == \
        [contract.name]
    assert window.guard.undo()
    assert usecases.attachments_of(window.db, "sale", sale.id) == []
