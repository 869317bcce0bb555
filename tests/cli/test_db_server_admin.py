"""``magdesk-cli db point|points|restore`` and ``db user add|list|set|drop``
on the real test server: a point taken, listed and restored by its name; a
user added with the password from stdin or asked, never printed; a refusal
is one line, exit 1."""

import getpass
import io
import json

import psycopg
import pytest

from magdesk.cli import main


def test_a_point_is_taken_listed_and_restored(pg_demo, pg_url, capsys):
    assert main(["--lang", "en", "db", "copy", "--from", str(pg_demo), "--to", pg_url]) == 0
    assert main(["--lang", "en", "db", "points", pg_url]) == 0
    assert "has no restore points yet" in capsys.readouterr().out
    assert main(["--lang", "en", "db", "point", pg_url, "--note", "before the audit"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("restore point ") and "6456 rows" not in out and " rows, " in out
    assert main(["--lang", "zh", "db", "points", pg_url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["note"] for p in listed] == ["before the audit"]
    with psycopg.connect(pg_url) as pg:
        pg.execute("DELETE FROM attachment")
    assert main(["--lang", "en", "db", "restore", pg_url, listed[0]["name"]]) == 0
    out = capsys.readouterr().out
    assert f"restored to {listed[0]['name']}" in out and "the state before it is kept" in out
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT count(*) FROM attachment").fetchone()[0] == 2
    assert main(["--lang", "zh", "db", "points", pg_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "还原" in lines[0] and "before the audit" in lines[1] and "恢复点文件夹" in lines[2]
    assert main(["--lang", "en", "db", "restore", pg_url, "nonesuch"]) == 1
    assert "has no restore point called nonesuch" in capsys.readouterr().err


def test_users_are_managed_and_the_password_never_printed(pg_demo, pg_url, pg_server,
                                                          capsys, monkeypatch):
    assert main(["--lang", "en", "db", "copy", "--from", str(pg_demo), "--to", pg_url]) == 0
    capsys.readouterr()
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("pw-from-stdin\n"))
        assert main(["--lang", "en", "db", "user", "add", pg_url, "cli_ann", "--role",
                     "clerk", "--password-stdin"]) == 0
        asked = []
        monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "pw-2")
        assert main(["--lang", "en", "db", "user", "add", pg_url, "cli_fay", "--role",
                     "filer"]) == 0
        assert asked == ["password for cli_fay: "]
        assert main(["--lang", "en", "db", "user", "set", pg_url, "cli_ann", "--role",
                     "admin"]) == 0
        assert main(["--lang", "en", "db", "user", "list", pg_url]) == 0
        out = capsys.readouterr().out
        assert "pw-" not in out and out.splitlines()[-2:] == ["cli_ann: admin", "cli_fay: filer"]
        with psycopg.connect(pg_url.replace("postgres@", "cli_ann:pw-from-stdin@")) as pg:
            assert pg.execute("SELECT current_user").fetchone()[0] == "cli_ann"
        assert main(["--lang", "en", "db", "user", "drop", pg_url, "cli_ann"]) == 0
        assert "user cli_ann removed from" in capsys.readouterr().out
        assert main(["--lang", "en", "db", "user", "drop", pg_url, "cli_ann"]) == 1
        assert "has no user cli_ann" in capsys.readouterr().err
        monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
        assert main(["--lang", "en", "db", "user", "add", pg_url, "pg_x", "--role", "clerk",
                     "--password-stdin"]) == 1
        assert "cannot be used" in capsys.readouterr().err
        monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
        with pytest.raises(SystemExit) as usage:
            main(["--lang", "en", "db", "user", "add", pg_url, "cli_bo", "--role", "clerk",
                  "--password-stdin"])
        assert usage.value.code == 2 and "no password given" in capsys.readouterr().err
    finally:
        database = pg_url.rsplit("/", 1)[1]
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            for name in ("cli_ann", "cli_fay", "cli_bo", *(f"magdesk_{database}_{r}"
                                                 for r in ("clerk", "filer", "admin"))):
                admin.execute(f"DROP ROLE IF EXISTS {name}")
