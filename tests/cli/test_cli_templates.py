"""``magdesk-cli template list|show|save|default|delete`` on real files: a
template and its sample workbook kept in the file and read back whole, the
default chosen and given back, refusals said in the clerk's language with
exit 1, a file held by another writer refused, usage mistakes exit 2."""

import hashlib
import io
import json

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from magdesk import usecases
from magdesk.cli import main
from magdesk.resources import resource_path
from magdesk.storage import open_database
from magdesk.storage.repository import Repository
from tests.core import world as W
from tests.usecases.state import content

NAME = "省局流向表"
# A whole template (saving checks it): the built-in one under another name.
BODY = resource_path("templates", "REFLOW-1.toml").read_text(encoding="utf-8").replace(
    'id = "REFLOW-1"', f'id = "{NAME}"')


@pytest.fixture
def files(tmp_path):
    db = tmp_path / "company.sqlite"
    with open_database(db, create=True) as opened:
        Repository(opened).set_company(W.COMPANY)
    toml = tmp_path / "省局.toml"
    toml.write_text(BODY, encoding="utf-8")
    sample = tmp_path / "流向表样表.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "流向"
    sheet.append(["稀土产品流向表"])
    sheet.append(["序号", "产品名称", "数量（吨）"])
    book.create_sheet("填表说明").append(["请勿修改表头"])
    book.save(sample)
    return db, toml, sample


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_save_list_show_and_the_sample_read_back(files, capsys, tmp_path):
    db, toml, sample = files
    code, out, err = _run(capsys, "--lang", "zh", "template", "save", str(db), str(toml),
                          "--sample", str(sample), "--default")
    assert (code, err) == (0, "") and out == f"已保存申报模板“{NAME}”第1版，并设为默认\n"
    code, out, _ = _run(capsys, "--lang", "en", "template", "save", str(db), str(toml))
    assert code == 0 and out == f"Saved filing template '{NAME}' version 2\n"
    code, out, _ = _run(capsys, "--lang", "zh", "template", "list", str(db))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("  REFLOW-1  第1版（共1版）  内置")
    assert lines[1].startswith(f"* {NAME}  第2版（共2版）  本文件") and lines[1].endswith("样表 -")
    assert lines[2] == "* 为默认申报模板（导出时使用）"
    code, out, _ = _run(capsys, "template", "list", str(db), "--json")
    listed = json.loads(out)
    assert [(t["name"], t["version"], t["default"]) for t in listed] == [
        ("REFLOW-1", 1, False), (NAME, 2, True)]
    code, out, _ = _run(capsys, "template", "show", str(db), NAME, "--version", "1")
    assert code == 0 and out == BODY
    # the sample as it was given, byte for byte, still a workbook both readers open
    with open_database(db) as opened:
        kept = usecases.stored_template(opened, NAME, 1)
    assert kept.sample == sample.read_bytes() and kept.sample_name == "流向表样表.xlsx"
    assert kept.sample_sha256 == hashlib.sha256(sample.read_bytes()).hexdigest()
    book = openpyxl.load_workbook(io.BytesIO(kept.sample))
    assert book.sheetnames == ["流向", "填表说明"] and book["流向"]["C2"].value == "数量（吨）"
    copy = tmp_path / "read back.xlsx"
    copy.write_bytes(kept.sample)
    calamine = CalamineWorkbook.from_path(str(copy))
    assert calamine.get_sheet_by_name("流向").to_python()[1] == ["序号", "产品名称", "数量（吨）"]


def test_default_delete_and_the_built_in_one(files, capsys):
    db, toml, _ = files
    assert _run(capsys, "template", "save", str(db), str(toml))[0] == 0
    code, out, _ = _run(capsys, "--lang", "zh", "template", "default", str(db), NAME)
    assert code == 0 and out == f"默认申报模板现为“{NAME}”\n"
    code, out, _ = _run(capsys, "--lang", "en", "template", "default", str(db), "--builtin")
    assert code == 0 and out == "The default filing template is now 'REFLOW-1'\n"
    assert _run(capsys, "template", "default", str(db), NAME)[0] == 0
    code, out, _ = _run(capsys, "--lang", "zh", "template", "delete", str(db), NAME)
    assert code == 0 and out == f"已删除申报模板“{NAME}”（共1版）\n"
    code, out, _ = _run(capsys, "template", "list", str(db))
    assert out.splitlines()[0].startswith("* REFLOW-1") and NAME not in out
    code, out, _ = _run(capsys, "template", "show", str(db), "REFLOW-1")
    assert code == 0 and 'id = "REFLOW-1"' in out


def test_refusals_are_one_line_in_the_clerks_language(files, capsys, tmp_path):
    db, toml, _ = files
    before = content(db)
    broken = tmp_path / "broken.toml"
    broken.write_text('[template\nid = "坏"\n', encoding="utf-8")
    for argv, said in (
        (["template", "save", str(db), str(broken)], "不是有效的 TOML 文本（第1行"),
        (["template", "show", str(db), "没有的模板"], "本文件中没有名为“没有的模板”的申报模板"),
        (["template", "default", str(db), "没有的模板"], "没有名为“没有的模板”"),
        (["template", "delete", str(db), "REFLOW-1"], "“REFLOW-1”是内置模板，不能删除"),
        (["template", "delete", str(db), NAME], f"没有名为“{NAME}”"),
    ):
        code, out, err = _run(capsys, "--lang", "zh", *argv)
        assert (code, out) == (1, "") and said in err and err.count("\n") == 1, argv
        assert err.startswith("magdesk-cli: ")
    not_text = tmp_path / "latin1.toml"
    not_text.write_bytes('[template]\nid = "é"\n'.encode("latin-1"))
    code, _, err = _run(capsys, "--lang", "en", "template", "save", str(db), str(not_text))
    assert code == 1 and "Cannot read" in err and "latin1.toml" in err
    assert content(db) == before


def test_usage_mistakes_exit_2(files, capsys):
    db, _, _ = files
    code, _, err = _run(capsys, "--lang", "zh", "template", "default", str(db))
    assert code == 2 and "--builtin" in err
    code, _, err = _run(capsys, "template", "default", str(db), NAME, "--builtin")
    assert code == 2
    with pytest.raises(SystemExit) as caught:
        main(["template", "rename", str(db)])
    assert caught.value.code == 2


def test_a_file_held_by_another_writer_keeps_its_templates(files, capsys):
    db, toml, _ = files
    with open_database(db) as writer:
        assert not writer.read_only
        before = content(db)
        code, out, err = _run(capsys, "--lang", "zh", "template", "save", str(db), str(toml))
        assert (code, out) == (1, "") and err.startswith("magdesk-cli: 未写入任何内容：")
        assert "company.sqlite 正由" in err and "打开编辑" in err
        assert content(db) == before
        code, out, _ = _run(capsys, "template", "list", str(db))  # reading is fine
        assert code == 0 and "REFLOW-1" in out


def test_learn_save_check_and_export_through_a_sample(demo_copy, tmp_path, capsys):
    """The whole round by the command line, on the authority's sample
    workbooks the tests make (tests/filing/sample_books.py)."""
    import openpyxl

    from tests.filing import sample_books as B

    sample = B.plain_english(tmp_path)
    toml = tmp_path / "monthly.toml"
    assert main(["--lang", "en", "template", "learn", str(sample), "--out", str(toml),
                 "--name", "Monthly sales"]) == 0
    assert "Learned template 'Monthly sales'" in capsys.readouterr().out
    assert main(["template", "save", str(demo_copy), str(toml), "--sample", str(sample),
                 "--default"]) == 0
    assert main(["template", "check", str(demo_copy), "Monthly sales"]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["template", "export", str(demo_copy), "Monthly sales", "--period", "2026-06",
                 "--out", str(out)]) == 0
    [book] = out.glob("*.xlsx")
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[0] == "Sales" and "申报信息" in wb.sheetnames
    assert wb["Sales"].max_row > 2


def test_learn_names_the_required_column_left_open(tmp_path, capsys):
    """A required column magdesk has no field for (审批人*) is said, and marked
    in the TOML, which is refused until it is mapped."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "销售流向"
    ws.append(["序号", "销售日期*", "客户名称*", "数量（吨）*", "审批人*"])
    wb.save(tmp_path / "sample.xlsx")
    toml = tmp_path / "flow.toml"
    assert main(["--lang", "zh", "template", "learn", str(tmp_path / "sample.xlsx"),
                 "--out", str(toml)]) == 1
    said = capsys.readouterr().out
    assert "必填" in said and "销售流向" in said and "审批人" in said
    text = toml.read_text(encoding="utf-8")
    assert "# ! " in text  # the question is in the TOML as well
    from magdesk.filing.template import TemplateError, parse_template

    with pytest.raises(TemplateError, match="required"):
        parse_template(text, toml, (tmp_path / "sample.xlsx").read_bytes())
