"""magdesk-cli dossier and licence-sheet on the demo's declaration of two
lines (one controlled, one not, the second model without a test report)."""

import sqlite3
import subprocess
import zipfile

import pytest

from magdesk.cli import main

# The suite's QApplication (the window's tests need one) before anything is
# printed: printing alone would make a QGuiApplication.
pytestmark = pytest.mark.usefixtures("qapp")


def _two_lines(path) -> tuple[str, str, str]:
    """The demo's declaration of two lines, its first sale and contract."""
    conn = sqlite3.connect(path)
    decl, = conn.execute("SELECT customs_decl_no FROM export_shipment GROUP BY 1 "
                         "HAVING count(*) = 2 AND sum(controlled) = 1").fetchone()
    sale, contract = conn.execute(
        "SELECT s.doc_no, s.contract_no FROM export_shipment x JOIN sale_out s "
        "ON s.id = x.sale_id WHERE x.customs_decl_no = ? ORDER BY x.line_no", (decl,)).fetchone()
    bare, = conn.execute(
        "SELECT p.code FROM export_shipment x JOIN sale_out s ON s.id = x.sale_id "
        "JOIN product p ON p.id = s.product_id WHERE x.customs_decl_no = ? AND x.line_no = 2",
        (decl,)).fetchone()
    conn.close()
    return decl, sale, contract, bare


def test_the_demo_dossier_prints_its_paths_and_missing_pieces(demo_copy, tmp_path, capsys):
    decl, _sale, _contract, bare = _two_lines(demo_copy)
    out = tmp_path / "out"
    assert main(["--lang", "zh", "dossier", "--db", str(demo_copy), "--decl", decl,
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"已生成报关单 {decl} 的资料" in printed and f"型号 {bare} 无检测报告编号" in printed
    (pdf,) = out.glob("*.pdf")
    assert str(pdf) in printed
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert decl in text and "是 Yes" in text and "否 No" in text  # one controlled, one not
    (archive,) = out.glob("*.zip")
    assert len(zipfile.ZipFile(archive).namelist()) == 3


def test_an_edited_statement_and_the_draft(demo_copy, tmp_path, capsys):
    decl, *_rest = _two_lines(demo_copy)
    assert main(["--lang", "en", "dossier", "--db", str(demo_copy), "--decl", decl,
                 "--draft-statement"]) == 0
    draft = capsys.readouterr().out
    assert draft.startswith(f"Statement of performance and use of the goods of declaration {decl}")
    mine = tmp_path / "statement.txt"
    mine.write_text("\ufeff这批磁体用于工业伺服电机。\n", encoding="utf-8")
    assert main(["dossier", "--db", str(demo_copy), "--decl", decl, "--out", str(tmp_path / "o"),
                 "--statement", str(mine)]) == 0
    (txt,) = (tmp_path / "o").glob("*.txt")
    assert txt.read_text(encoding="utf-8") == "这批磁体用于工业伺服电机。\n"


def test_refusals_name_what_was_asked(demo_copy, tmp_path, capsys):
    assert main(["--lang", "en", "dossier", "--db", str(demo_copy), "--decl", "123",
                 "--out", str(tmp_path)]) == 1
    assert "declaration number '123'" in capsys.readouterr().err
    assert main(["--lang", "zh", "dossier", "--db", str(demo_copy), "--decl", "123"]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["--lang", "zh", "licence-sheet", "--db", str(demo_copy), "--contract", "HT-X",
                 "--out", str(tmp_path)]) == 1
    assert "找不到合同号“HT-X”的销售" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["licence-sheet", "--db", str(demo_copy), "--out", str(tmp_path)])


def test_the_licence_sheet_of_a_sale_and_a_contract(demo_copy, tmp_path, capsys):
    _decl, sale, contract, _bare = _two_lines(demo_copy)
    assert main(["--lang", "zh", "licence-sheet", "--db", str(demo_copy), "--sale", sale,
                 "--out", str(tmp_path / "s")]) == 0
    printed = capsys.readouterr().out
    assert "☐ 出口合同或协议" in printed and "已生成许可申请资料表" in printed
    assert main(["--lang", "en", "licence-sheet", "--db", str(demo_copy), "--contract", contract,
                 "--out", str(tmp_path / "c")]) == 0
    assert "☐ Export contract or agreement" in capsys.readouterr().out
    assert len(list((tmp_path / "c").glob("*.pdf"))) == len(list((tmp_path / "c").glob("*.xlsx"))) == 1
