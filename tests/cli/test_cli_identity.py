"""magdesk-cli backup | snapshots | restore with two companies' files of one name."""

import sqlite3

from magdesk.cli import main
from tests.storage.test_identity_points import A, B, _latest, _legacy_point, _v4, company_file


def run(capsys, *argv, lang="en"):
    code = main(["--lang", lang, *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def company(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT uscc FROM company").fetchone()[0]
    finally:
        conn.close()


def test_a_backup_of_a_is_never_restored_into_b(tmp_path, capsys):
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    assert run(capsys, "backup", "--db", a)[0] == 0
    code, _, err = run(capsys, "restore", "--db", b, "--snapshot", "latest")
    assert code == 1 and "no restore point number 1" in err and company(b) == B.uscc
    code, out, _ = run(capsys, "snapshots", "--db", b)
    assert "No restore points of" in out
    assert run(capsys, "backup", "--db", b, "--note", "B itself")[0] == 0
    assert run(capsys, "backup", "--db", a, "--note", "A again")[0] == 0  # newer than B's
    code, out, _ = run(capsys, "restore", "--db", b, "--snapshot", "latest")
    assert code == 0 and "b-itself" in out and company(b) == B.uscc
    code, out, _ = run(capsys, "snapshots", "--db", b)
    assert "B itself" in out and "A again" not in out


def test_restore_from_another_companys_file_needs_the_flag(tmp_path, capsys):
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    code, _, err = run(capsys, "restore", "--db", b, "--from", a)
    assert code == 1 and A.uscc in err and B.uscc in err and A.name in err and B.name in err
    assert "--force-other-company" in err and "Traceback" not in err and company(b) == B.uscc
    code, _, err = run(capsys, "restore", "--db", b, "--from", a, lang="zh")
    assert code == 1 and "另一家公司" in err and A.uscc in err and B.uscc in err
    code, out, _ = run(capsys, "restore", "--db", b, "--from", a, "--force-other-company")
    assert code == 0 and "Restored" in out and company(b) == A.uscc


def test_the_same_after_migrating_files_of_the_previous_release(tmp_path, capsys, monkeypatch):
    _v4(monkeypatch)
    a = company_file(tmp_path / "a", A)
    b = company_file(tmp_path / "b", B)
    _legacy_point(a, "a-old", 1)
    _legacy_point(b, "b-old", 2)  # newer: the previous release's "latest" for both
    _latest(monkeypatch)
    code, out, _ = run(capsys, "snapshots", "--db", a)  # opened: migrated, points sorted
    assert code == 0 and "a-old" in out.split("Not restore points of")[0]
    assert f"b-old.sqlite: {B.name} (credit code {B.uscc})" in out  # listed, not offered
    code, out, _ = run(capsys, "restore", "--db", a, "--snapshot", "latest")
    assert code == 0 and company(a) == A.uscc
    assert run(capsys, "backup", "--db", b)[0] == 0  # migrated: B's points go with B
    code, out, _ = run(capsys, "snapshots", "--db", b)
    assert "b-old" in out and "a-old" not in out
    code, _, err = run(capsys, "restore", "--db", a, "--from", b)
    assert code == 1 and A.uscc in err and B.uscc in err and company(a) == A.uscc
