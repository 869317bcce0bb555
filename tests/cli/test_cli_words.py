"""magdesk-cli --lang zh says its refusals in Chinese: a backup over an
existing file or over the database itself, a restore point it does not have,
an unknown entity in the audit log, accepting an error, a broken audit chain."""

import re
import sqlite3

from magdesk.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")
CODE = re.compile(r"(?<![A-Za-z0-9_.])[a-z_]+\.[a-z_]+(?![A-Za-z0-9_])")  # period.locked


def run_zh(capsys, *argv):
    code = main(["--lang", "zh", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _said_in_chinese(err: str) -> None:
    line = err.strip()
    assert line.startswith("magdesk-cli: ") and CJK.search(line), line
    assert not CODE.search(line.replace(".sqlite", "")), line  # no key of the catalogue


def test_backup_refusals_are_said_in_chinese(demo_copy, tmp_path, capsys):
    target = tmp_path / "usb.sqlite"
    assert run_zh(capsys, "backup", "--db", demo_copy, "--to", target)[0] == 0
    code, _, err = run_zh(capsys, "backup", "--db", demo_copy, "--to", target)
    assert code == 1 and "已存在；请另选文件名，或选择替换" in err
    _said_in_chinese(err)
    code, _, err = run_zh(capsys, "backup", "--db", demo_copy, "--to", demo_copy, "--replace")
    assert code == 1 and "备份不能覆盖它所复制的数据库" in err
    _said_in_chinese(err)


def test_restore_point_by_number_and_audit_refusals_in_chinese(demo_copy, capsys):
    code, _, err = run_zh(capsys, "restore", "--db", demo_copy, "--snapshot", "9")
    assert code == 1 and "没有第 9 个还原点" in err
    _said_in_chinese(err)
    code, _, err = run_zh(capsys, "audit", "log", "--db", demo_copy, "--entity", "nothing")
    assert code == 2 and "没有“nothing”这类记录" in err
    _said_in_chinese(err)


def test_accepting_an_error_is_refused_in_chinese(demo_copy, capsys):
    code, _, err = run_zh(capsys, "accept", "--db", demo_copy, "--entity", "counterparty",
                          "--record", "x", "--code", "uscc.format", "--reason", "试点期代码")
    assert code == 2 and "uscc.format 是错误，不能接受" in err


def test_a_broken_audit_chain_is_explained_in_chinese(demo_copy, capsys):
    raw = sqlite3.connect(demo_copy)  # a change outside magdesk, sealed when magdesk opens it
    raw.execute("UPDATE counterparty SET address = 'elsewhere' WHERE id = 2")
    raw.commit()
    raw.close()
    assert run_zh(capsys, "audit", "verify", "--db", demo_copy)[0] == 0
    raw = sqlite3.connect(demo_copy)  # then the trail's entry of it rewritten
    raw.execute("UPDATE audit_log SET new = replace(new, 'elsewhere', 'here') "
                "WHERE new LIKE '%elsewhere%'")
    raw.commit()
    raw.close()
    code, _, err = run_zh(capsys, "audit", "verify", "--db", demo_copy)
    assert code == 1
    assert "审计记录已被改动：第 3 条起不可信（内容在封存后被修改）：第 3 条在封存后被修改或移动" in err


def test_a_wrong_period_or_date_is_said_in_the_language_asked(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["--lang", "zh", "validate", "--db", "x.sqlite", "--period", "2026-13"])
    assert "期间“2026-13”格式应为YYYY-MM" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang=zh", "period", "--db", "x.sqlite", "file", "--date", "2026-02-30"])
    assert "日期“2026-02-30”格式应为YYYY-MM-DD" in capsys.readouterr().err
