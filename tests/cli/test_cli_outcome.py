"""No traceback reaches a clerk: an unforeseen failure is one line in the
clerk's language naming the log with its traceback (exit 70), and a reader
that goes away (``magdesk-cli … | head``) ends the command quietly."""

import csv
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _cli(code: str, *, data: Path, stdout=subprocess.PIPE) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAGDESK_DATA_DIR": str(data)}
    return subprocess.Popen([sys.executable, "-c", code], stdout=stdout,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)


def test_an_unforeseen_failure_is_one_line_and_a_log(demo_copy, tmp_path):
    injected = (
        "import sys\n"
        "from magdesk import cli, usecases\n"
        "def boom(*a, **k):\n"
        "    raise KeyError('injected failure')\n"
        "usecases.validate_database = boom\n"
        f"sys.exit(cli.main(['--lang', LANG, 'validate', '--db', {str(demo_copy)!r}]))\n")
    for lang, said in (("zh", "magdesk-cli validate 意外失败（KeyError: 'injected failure'）；详细信息已写入 "),
                       ("en", "magdesk-cli validate failed unexpectedly (KeyError: 'injected "
                              "failure'); the details are in ")):
        run = _cli(f"LANG = {lang!r}\n" + injected, data=tmp_path / lang)
        out, err = (s.decode() for s in run.communicate(timeout=60))
        assert run.returncode == 70 and out == ""
        assert err.startswith(said) and err.count("\n") == 1
        assert "Traceback" not in err
        logs = list((tmp_path / lang / "logs").glob("crash-*.log"))
        assert len(logs) == 1 and str(logs[0]) in err
        text = logs[0].read_text(encoding="utf-8")
        assert "while: magdesk-cli validate" in text and "Traceback" in text
        assert "in boom" in text and "KeyError: 'injected failure'" in text


def test_a_reader_gone_away_ends_quietly(demo_copy, tmp_path):
    from tests.importing.test_import import SALE_HEAD

    bad = tmp_path / "bad.csv"
    with open(bad, "w", newline="", encoding="utf-8") as fh:  # one finding per row: a long list
        writer = csv.writer(fh)
        writer.writerow(SALE_HEAD)
        for n in range(3000):
            writer.writerow([n, f"B-{n}", "not a date", "无此客户", "", "", "", "1", "", "1", "", ""])
    for extra in ([], ["--json"]):
        code = ("import sys\nfrom magdesk import cli\n"
                f"sys.exit(cli.main(['--lang', 'en', 'import', '--db', {str(demo_copy)!r}, "
                f"'sales', {str(bad)!r}, '--dry-run', *{extra!r}]))\n")
        run = _cli(code, data=tmp_path / "data")
        first = run.stdout.read(100)  # as `| head -c 100` reads, then goes away
        run.stdout.close()
        err = run.stderr.read().decode()
        run.wait(timeout=60)
        assert first and err == ""  # no BrokenPipeError, no "Exception ignored"
        assert run.returncode == 141  # cut off while printing (as a shell says of SIGPIPE)
