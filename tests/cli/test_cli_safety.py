"""magdesk-cli snapshots | backup | restore | audit verify | audit log."""

import json
import os
import sqlite3

from magdesk.cli import main


def run(capsys, *argv):
    code = main(["--lang", "en", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_backup_snapshots_and_restore(demo_copy, tmp_path, capsys):
    code, out, _ = run(capsys, "backup", "--db", demo_copy, "--note", "before the audit")
    assert code == 0 and "Restore point written" in out
    code, out, _ = run(capsys, "backup", "--db", demo_copy, "--to", tmp_path / "usb.sqlite")
    assert code == 0 and "Backed up to" in out
    code, out, _ = run(capsys, "backup", "--db", demo_copy, "--to", tmp_path / "usb.sqlite")
    assert code == 1  # never silently overwritten
    raw = sqlite3.connect(demo_copy)
    raw.execute("DELETE FROM stock_adjustment")
    raw.execute("UPDATE counterparty SET address = 'wrong' WHERE id = 1")
    raw.commit()
    raw.close()
    code, out, _ = run(capsys, "snapshots", "--db", demo_copy, "--json")
    listed = json.loads(out)
    assert code == 0 and [s["note"] for s in listed] == ["before the audit"]
    code, out, _ = run(capsys, "restore", "--db", demo_copy, "--snapshot", "1")
    assert code == 0 and "Restored" in out and "kept as restore point" in out
    raw = sqlite3.connect(demo_copy)
    assert raw.execute("SELECT address FROM counterparty WHERE id = 1").fetchone()[0] != "wrong"
    raw.close()
    code, out, _ = run(capsys, "restore", "--db", demo_copy, "--from", tmp_path / "usb.sqlite",
                       "--json")
    assert code == 0 and json.loads(out)["source"]["kind"] == "backup"
    code, _, err = run(capsys, "restore", "--db", demo_copy, "--snapshot", "9")
    assert code == 1 and "no restore point number 9" in err


def test_audit_verify_and_log(demo_copy, capsys):
    raw = sqlite3.connect(demo_copy)  # a change outside magdesk, then one through it
    raw.execute("UPDATE counterparty SET address = 'elsewhere' WHERE id = 2")
    raw.commit()
    raw.close()
    assert run(capsys, "accept", "--db", demo_copy, "--entity", "counterparty", "--record",
               "x", "--code", "uscc.check_digit", "--reason", "pilot code")[0] == 0
    code, out, _ = run(capsys, "audit", "verify", "--db", demo_copy)
    assert code == 0 and "hash chain verified" in out and "1 of them" in out
    code, out, _ = run(capsys, "audit", "log", "--db", demo_copy, "--limit", "2")
    lines = out.splitlines()
    assert "INSERT  accepted_finding x" in lines[0] and "reason: ∅ → pilot code" in lines[0]
    assert "outside magdesk  UPDATE  counterparty" in lines[1] and "→ elsewhere" in lines[1]
    code, out, _ = run(capsys, "audit", "log", "--db", demo_copy, "--entity", "counterparty",
                       "--record", "2", "--json")
    assert [e["action"] for e in json.loads(out)] == ["UPDATE"]
    raw = sqlite3.connect(demo_copy)
    raw.execute("UPDATE audit_log SET new = replace(new, 'elsewhere', 'here') "
                "WHERE new LIKE '%elsewhere%'")
    raw.commit()
    raw.close()
    code, _, err = run(capsys, "audit", "verify", "--db", demo_copy)
    assert code == 1 and "broken at entry 3 (content)" in err
    assert run(capsys, "audit", "log", "--db", demo_copy, "--entity", "nothing")[0] == 2


def test_a_damaged_file_is_told_and_restored(demo_copy, capsys):
    assert run(capsys, "backup", "--db", demo_copy)[0] == 0
    size = os.path.getsize(demo_copy)
    with open(demo_copy, "r+b") as fh:
        fh.seek(size // 3)
        fh.write(os.urandom(size // 3))
    code, _, err = run(capsys, "check", "--db", demo_copy)
    assert code == 1 and "is damaged" in err and "restore --db" in err
    code, out, _ = run(capsys, "restore", "--db", demo_copy, "--snapshot", "latest")
    assert code == 0 and "The damaged file was kept as" in out
    code, out, _ = run(capsys, "--no-check", "check", "--db", demo_copy)
    assert code == 0 and "Integrity: ok" in out


def test_accept_on_a_file_held_for_writing_says_why_and_not_accepted(demo_copy, capsys):
    from magdesk.storage import open_database

    with open_database(demo_copy) as writer:
        assert not writer.read_only
        code, out, err = run(capsys, "accept", "--db", demo_copy, "--entity", "counterparty",
                             "--record", "x", "--code", "uscc.check_digit", "--reason",
                             "pilot code")
    assert code == 1 and out == "" and "copy.sqlite" in err and "Traceback" not in err
    raw = sqlite3.connect(demo_copy)
    assert raw.execute("SELECT count(*) FROM accepted_finding WHERE record = 'x'").fetchone()[0] == 0
    raw.close()
