"""The dossier and the licence application sheet from the window: 报关资料包…
on the export lines' page makes the selected line's declaration's PDF,
workbook and zip, with the statement of performance and use drafted for the
clerk and edited in the dialog (the edited text reaches the PDF and the
zip, and is there again when the dialog opens again); 许可证申请表… on the
sales page writes the sheet of the selected sale or of its whole contract."""

import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from magdesk import usecases

MARK = "MARK-7Q2 本批磁体仅用于伺服电机转子"


def _two_line_declaration(window) -> str:
    counts = Counter(x.customs_decl_no for x in window.repo.iter("export"))
    return next(decl for decl, n in counts.items() if n == 2)


def _select(section, text: str) -> None:
    section.build()
    section.filter.setText(text)
    section.apply_filter()
    section.table.selectRow(0)


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _answer(button_text: str, tries: int = 500) -> None:
    """Press ``button_text`` in the modal message box that shows it (soon)."""
    def press(left=tries):
        box = QApplication.activeModalWidget()
        found = [b for b in getattr(box, "buttons", list)() if b.text() == button_text]
        if found:
            found[0].click()
        elif left:
            QTimer.singleShot(20, lambda: press(left - 1))

    QTimer.singleShot(0, press)


def test_dossier_dialog_makes_the_files_with_the_edited_statement(window, qtbot, monkeypatch,
                                                                  tmp_path):
    decl = _two_line_declaration(window)
    window.show_section("export")
    section = window.sections["export"]
    _select(section, decl)
    button = window.dossier_button
    assert button.text() == "报关资料包(&D)…" and button.toolTip()
    dialog = button.open()
    assert decl in dialog.windowTitle()
    draft = dialog.statement.toPlainText()
    assert draft and draft == usecases.draft_statement(window.db, decl, lang="zh")
    dialog.statement.setPlainText(draft + "\n" + MARK)
    dialog.folder.setText(str(tmp_path))
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None or "未生成" in dialog.outcome.text(),
                    timeout=60000)
    result = dialog.result
    assert result is not None, dialog.outcome.text()
    pdf, bundle = Path(result.pdf), Path(result.zip)
    assert pdf.parent == tmp_path and bundle.exists()
    text = _pdf_text(pdf)
    assert decl in text and "MARK-7Q2" in text
    with zipfile.ZipFile(bundle) as z:
        statements = [n for n in z.namelist() if n.endswith(".txt")]
        assert statements and MARK in z.read(statements[0]).decode("utf-8")
        assert any(n.endswith(".pdf") for n in z.namelist())
    assert str(pdf) in dialog.outcome.text() and str(bundle) in dialog.outcome.text()
    for piece in result.missing:  # each missing piece listed, as on the cover page
        said = piece if isinstance(piece, str) else piece.message("zh")
        assert said in dialog.outcome.text()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_pdf.click()
    dialog.open_folder.click()
    assert [Path(u.toLocalFile()) for u in opened] == [pdf, tmp_path]
    dialog.close()
    again = button.open()  # the clerk's text kept for the declaration
    assert again.statement.toPlainText().endswith(MARK)
    assert again.folder.text() == str(tmp_path)  # the last folder remembered
    again.close()


def test_dossier_asks_for_a_line_first(window, monkeypatch):
    window.show_section("export")
    section = window.sections["export"]
    section.build()
    section.table.setCurrentIndex(section.model.index(-1, -1))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    assert window.dossier_button.open() is None
    assert told == ["请先选择一条出口明细。"]


def _contract(window, n=2) -> tuple[list, str]:
    """Two export sales of one customer given one contract number (as the clerk would)."""
    sales = [s for s in window.repo.iter("sale") if s.is_export][:n]
    for sale in sales:
        import dataclasses

        changes = usecases.save(window.db, dataclasses.replace(sale, contract_no="HT-2026-77"),
                                old=sale)
        assert changes.ok, changes.why("zh")
    return [window.repo.get("sale", s.id) for s in sales], "HT-2026-77"


@pytest.mark.parametrize("scope", ["sale", "contract"])
def test_licence_sheet_for_a_sale_or_its_contract(window, qtbot, monkeypatch, tmp_path, scope):
    sales, contract = _contract(window)
    window.show_section("sale")
    section = window.sections["sale"]
    _select(section, sales[0].doc_no)
    button = window.licence_sheet_button
    assert button.text() == "许可证申请表(&P)…" and button.toolTip()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    _answer("这一笔销售(&S)" if scope == "sale" else "整个合同(&C)")
    _answer("打开 PDF(&P)")  # the second box: where it is, and open it
    result = button.write()
    assert result is not None
    pdf, xlsx = Path(result.pdf), Path(result.xlsx)
    assert pdf.exists() and xlsx.exists() and pdf.parent == tmp_path
    assert [Path(u.toLocalFile()) for u in opened] == [pdf]
    text = _pdf_text(pdf)
    assert sales[0].doc_no in text
    if scope == "contract":
        assert contract in text and sales[1].doc_no in text
    else:
        assert sales[1].doc_no not in text


def test_dossier_names_a_folder_that_is_not_one_and_lists_the_first_missing_pieces(
        window, qtbot, monkeypatch, tmp_path):
    from magdesk.gui.dossier import DossierDialog

    decl = _two_line_declaration(window)
    dialog = DossierDialog(window, decl, window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "nowhere"))
    dialog.make()
    assert dialog.outcome.text() == f"{tmp_path / 'nowhere'} 不是文件夹，请选择一个文件夹。"
    assert dialog.make_button.isEnabled() and not dialog.open_pdf.isEnabled()
    monkeypatch.setattr(DossierDialog, "LISTED", 2)
    dialog.folder.setText(str(tmp_path))
    dialog.make()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    missing = dialog.result.missing
    assert len(missing) > 2  # the demo's declaration lacks files and a test report
    assert dialog.outcome.text().count("•") == 2
    assert f"……还有 {len(missing) - 2} 项" in dialog.outcome.text()
    assert f"缺少的材料（{len(missing)} 项）" in dialog.outcome.text()
