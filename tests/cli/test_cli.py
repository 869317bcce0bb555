import json
import sqlite3
import subprocess
import sys

import pytest

from magdesk import __version__
from magdesk.cli import main
from magdesk.storage import open_database
from tests.conftest import DEMO_END


def run_json(capsys, *argv):
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_demo_validates_with_zero_errors(demo_file, capsys):
    code, findings = run_json(capsys, "--lang", "en", "validate", "--db", str(demo_file), "--json")
    assert code == 0
    assert [f for f in findings if f["severity"] == "error"] == []


def test_demo_is_a_realistic_producer(demo_file):
    db = sqlite3.connect(demo_file)
    count = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    assert 50 <= count("SELECT count(*) FROM counterparty") <= 70
    assert count("SELECT count(*) FROM counterparty WHERE cp_type = 'FOREIGN'") >= 10
    assert 35 <= count("SELECT count(*) FROM product") <= 45
    assert count("SELECT count(DISTINCT category) FROM product") >= 8
    assert count("SELECT count(*) FROM sale_out") == 600
    assert count("SELECT count(DISTINCT substr(date, 1, 7)) FROM sale_out") == 12
    assert count("SELECT max(date) FROM sale_out") <= f"{DEMO_END}-31"
    assert count("SELECT count(*) FROM export_shipment WHERE controlled = 1") > 0
    assert count("SELECT count(*) FROM export_shipment WHERE controlled = 1 "
                 "AND licence_id IS NULL") == 0
    assert count("SELECT count(*) FROM purchase_in WHERE origin = 'IMPORT'") > 0
    name = db.execute("SELECT name_cn FROM counterparty WHERE cp_type <> 'FOREIGN'").fetchone()[0]
    assert name.endswith(("有限公司", "经营部"))


def test_same_seed_same_data(tmp_path):
    for name in ("a", "b"):
        assert main(["demo", "--db", str(tmp_path / f"{name}.sqlite"), "--sales", "50",
                     "--seed", "3", "--end-period", DEMO_END]) == 0
    own = ('INSERT INTO "audit_', 'INSERT INTO "sqlite_sequence"', 'INSERT INTO "magdesk_file"')
    dump = [[line for line in sqlite3.connect(tmp_path / f"{n}.sqlite").iterdump()
             if not line.startswith(own)]  # the audit trail has times and hashes of its own,
            for n in ("a", "b")]  # and each file an identity of its own
    assert dump[0] == dump[1]
    identities = {sqlite3.connect(tmp_path / f"{n}.sqlite").execute(
        "SELECT identity FROM magdesk_file").fetchone()[0] for n in ("a", "b")}
    assert len(identities) == 2  # two files, however alike: two sets of restore points


def test_demo_refuses_to_overwrite(demo_file, capsys):
    assert main(["demo", "--db", str(demo_file)]) == 1
    assert "already exists" in capsys.readouterr().err


PLANTED = [
    # (SQL, code, severity, entity, record column SQL, field)
    ("UPDATE counterparty SET uscc = '91350211M00013FA1N' WHERE id = 1",
     "uscc.check_digit", "warning", "counterparty",
     "SELECT name_cn FROM counterparty WHERE id = 1", "uscc"),
    ("UPDATE counterparty SET uscc = '91350211M0OO13FA1N' WHERE id = 2",
     "uscc.format", "error", "counterparty", "SELECT name_cn FROM counterparty WHERE id = 2",
     "uscc"),
    ("UPDATE product SET hs_code = '850511100' WHERE code = 'MG-N42'", "hs.format", "error",
     "product", "SELECT 'MG-N42'", "hs_code"),
    ("UPDATE product SET hs_code = '8505111001' WHERE code = 'MG-N35'", "hs.unknown", "error",
     "product", "SELECT 'MG-N35'", "hs_code"),
    ("UPDATE product SET grade = 'N42XH' WHERE code = 'MG-N52'", "grade.format", "error",
     "product", "SELECT 'MG-N52'", "grade"),
    ("UPDATE export_shipment SET customs_decl_no = substr(customs_decl_no, 1, 8) || '1' || "
     "substr(customs_decl_no, 10) WHERE id = 1", "decl.direction", "error", "export",
     "SELECT customs_decl_no || '/1' FROM export_shipment WHERE id = 1", "customs_decl_no"),
    ("UPDATE export_shipment SET customs_decl_no = '3104' || "
     "(CAST(substr(decl_date, 1, 4) AS INTEGER) - 3) || '0' || '000000777' WHERE id = 2",
     "decl.year", "error", "export",
     "SELECT customs_decl_no || '/1' FROM export_shipment WHERE id = 2", "customs_decl_no"),
]


def test_planted_errors_are_each_reported_at_their_place(demo_copy, capsys):
    conn = sqlite3.connect(demo_copy)
    expected = set()
    for sql, code, severity, entity, record_sql, field in PLANTED:
        conn.execute(sql)
        record = conn.execute(record_sql).fetchone()[0]
        expected.add((code, severity, entity, record, field))
    conn.commit()
    conn.close()
    code, findings = run_json(capsys, "validate", "--db", str(demo_copy), "--json")
    assert code == 1
    got = {(f["code"], f["severity"], f["entity"], f["record"], f["field"]) for f in findings}
    assert got == expected
    assert all(f["message"] for f in findings)


def test_text_output_in_chinese_and_english(demo_copy, capsys):
    conn = sqlite3.connect(demo_copy)
    conn.execute("UPDATE product SET grade = 'N99' WHERE code = 'MG-N42'")
    conn.commit()
    conn.close()
    assert main(["--lang", "zh", "validate", "--db", str(demo_copy)]) == 1
    out = capsys.readouterr().out
    assert "牌号“N99”" in out and "1 个错误" in out
    assert main(["--lang", "en", "validate", "--db", str(demo_copy), "--period", "2026-01"]) == 1
    assert "Grade 'N99'" in capsys.readouterr().out


def test_check_reports_integrity_and_schema(demo_file, capsys):
    code, report = run_json(capsys, "check", "--db", str(demo_file), "--json")
    assert code == 0 and report["ok"] and report["integrity"] == "ok"
    assert report["schema_version"] == report["latest_schema"]
    assert report["counts"]["sale_out"] == 600


def test_check_while_another_writer_holds_the_file(demo_copy, capsys):
    with open_database(demo_copy):
        code, report = run_json(capsys, "check", "--db", str(demo_copy), "--json")
    assert code == 0 and "open for writing" in report["read_only"]


def test_bad_input_gives_a_message_and_exit_code(tmp_path, capsys):
    assert main(["validate", "--db", str(tmp_path / "missing.sqlite")]) == 1
    assert "no such database file" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello" * 1000)
    assert main(["check", "--db", str(junk)]) == 1
    assert "not a magdesk database" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--db", str(junk), "--period", "2026-13"])
    assert exit_info.value.code == 2


def test_version_from_the_console_script():
    out = subprocess.run([sys.executable, "-m", "magdesk.cli", "--version"], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == f"magdesk {__version__} (from source)"


def test_accept_a_check_digit_warning_with_a_reason(demo_copy, capsys):
    conn = sqlite3.connect(demo_copy)
    conn.execute("UPDATE counterparty SET uscc = '91350211M00013FA1N' WHERE id = 1")
    name = conn.execute("SELECT name_cn FROM counterparty WHERE id = 1").fetchone()[0]
    conn.commit()
    conn.close()
    _, findings = run_json(capsys, "validate", "--db", str(demo_copy), "--json")
    assert [f["code"] for f in findings] == ["uscc.check_digit"]
    base = ["accept", "--db", str(demo_copy), "--entity", "counterparty", "--record", name]
    assert main([*base, "--code", "uscc.format", "--reason", "试点期代码"]) == 2  # an error
    assert main([*base, "--code", "uscc.check_digit", "--reason", ""]) == 2
    capsys.readouterr()
    assert main([*base, "--code", "uscc.check_digit", "--reason", "厦门试点期代码,营业执照已核对"]) == 0
    capsys.readouterr()
    assert run_json(capsys, "validate", "--db", str(demo_copy), "--json") == (0, [])
