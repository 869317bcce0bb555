"""File ▸ Back up to…: a checked copy of the file where the clerk says, with
the attachments it names beside it, written off the window's thread; a file
restored from it brings them back."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from magdesk import usecases

from .conftest import wait_for_tasks


def _action(window, text):
    menu = window.menuBar().actions()[0].menu()
    return next(a for a in menu.actions() if a.text() == text)


def test_back_up_to_a_stick_carries_the_attachments(window, qtbot, monkeypatch, tmp_path):
    sale = next(iter(window.repo.iter("sale")))
    document = tmp_path / "合同.pdf"
    document.write_bytes(b"%PDF-1.4 a contract\n" * 1000)
    changes = usecases.attach(window.db, "sale", sale.id, document, "contract")
    assert changes.ok
    stick = tmp_path / "U盘"
    stick.mkdir()
    asked = []

    def save_name(parent, title, start, kinds):
        asked.append((title, Path(start).parent, kinds))
        return str(stick / "公司备份"), kinds  # no suffix typed: .sqlite is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    _action(window, "备份到(&B)…").trigger()
    wait_for_tasks(qtbot, window)
    copy = stick / "公司备份.sqlite"
    assert asked[0][0] == "备份到" and asked[0][1] == window.db.path.parent
    assert copy.is_file()
    assert usecases.attachments_in_copy(copy) == (1, document.stat().st_size)
    said = window.statusBar().currentMessage()
    assert str(copy) in said and "附件 1 个，共 19.5 KB" in said
    # the next backup starts in the folder chosen this time
    _action(window, "备份到(&B)…").trigger()
    wait_for_tasks(qtbot, window)
    assert asked[1][1] == stick
