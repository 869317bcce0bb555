"""``magdesk-cli db copy``: to a server and back, then ``check`` and ``audit
verify`` pass on the copy; a refusal is one line naming the server, exit 1."""

import subprocess
import sys

from magdesk.cli import main


def test_db_copy_to_a_server_and_back_then_the_file_checks(pg_demo, pg_url, tmp_path, capsys):
    assert main(["--lang", "en", "db", "copy", "--from", str(pg_demo), "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "  sale_out: 3000" in out and "25 tables" in out and "2 attachments" in out
    assert "verified on arrival" in out
    back = tmp_path / "back.sqlite"
    assert main(["--lang", "en", "db", "copy", "--from", pg_url, "--to", str(back)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "check", "--db", str(back)]) == 0
    assert main(["--lang", "en", "audit", "verify", "--db", str(back)]) == 0
    assert "hash chain verified" in capsys.readouterr().out
    assert main(["--lang", "en", "db", "copy", "--from", str(pg_demo), "--to", pg_url]) == 1
    assert "not empty" in capsys.readouterr().err
    assert main(["--lang", "en", "db", "copy", "--from", str(pg_demo), "--to", pg_url,
                 "--replace"]) == 0


def test_no_server_is_one_line_naming_it_exit_1(pg_demo, tmp_path):
    target = "postgresql://clerk:s3cret@127.0.0.1:1/company"
    done = subprocess.run([sys.executable, "-m", "magdesk.cli", "--lang", "en", "db", "copy",
                           "--from", str(pg_demo), "--to", target],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("magdesk-cli: cannot connect to the PostgreSQL server "
                                  "clerk@127.0.0.1:1/company")
    assert "s3cret" not in done.stderr and "Traceback" not in done.stderr
    back = tmp_path / "back.sqlite"
    done = subprocess.run([sys.executable, "-m", "magdesk.cli", "--lang", "zh", "db", "copy",
                           "--from", target, "--to", str(back)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "无法连接" in done.stderr and not back.exists()
