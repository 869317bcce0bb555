"""The dossier and the licence application sheet as the officer gets them:
real PDFs (gui.printing.save_pdf, read back with pdftotext) of a two-line
declaration made through the use cases (tests/usecases/dossier_case.py)."""

from __future__ import annotations

import subprocess

import pytest

from magdesk import usecases
from magdesk.storage import open_database
from tests.usecases.dossier_case import make_declared
from tests.usecases.test_dossier import attached

# The suite's QApplication (the window's tests need one) before anything is
# printed: printing alone would make a QGuiApplication.
pytestmark = pytest.mark.usefixtures("qapp")


def _render():
    from magdesk.gui import printing

    printing.ensure_app()
    return printing.save_pdf


def _pdf_text(path, last: int | None = None) -> str:
    pages = ["-l", str(last)] if last else []
    return subprocess.run(["pdftotext", *pages, "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def declared(demo_copy):
    return demo_copy, make_declared(demo_copy)


def test_the_pdf_names_the_declaration_its_chain_reports_and_licence(declared, tmp_path):
    path, f = declared
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=_render())
    text = _pdf_text(result.pdf)
    assert f["decl"] in text and f["licence"] in text and f["report"] in text
    for number in [*f["batches"], *f["lots"], *f["sales"]]:
        assert number in text, number
    cover = _pdf_text(result.pdf, 1)
    assert f"型号 {f['bare']} 无检测报告编号" in cover  # the missing report, on the cover
    assert f"第1页/共{result.pages}页" in cover.replace(" ", "") and result.pages >= 2
    assert "出口报关单证资料 Export declaration dossier" in cover


def test_a_lost_attachment_is_on_the_cover_and_the_sheet_ticks(declared, tmp_path):
    path, f = declared
    attached(path, f, tmp_path / "files")
    with open_database(path) as db:
        result = usecases.write_dossier(db, f["decl"], tmp_path / "out", render_pdf=_render())
        sheet = usecases.write_licence_sheet(db, tmp_path / "sheet", render_pdf=_render(),
                                             contract=f["contract"])
    assert "photo.png" in _pdf_text(result.pdf, 1)
    text = _pdf_text(sheet.pdf)
    assert "☑" in text and "☐" in text and "申请所需附件 Attachments required" in text
    assert f["contract"] in text and sheet.pages >= 1
