"""The command line with ``--db`` a file or a server holding the same
company: the same exit codes and the same output (the company's name for
itself aside) for the commands that read, print and attach."""

from __future__ import annotations

import json
import shutil

import pytest

from magdesk import usecases
from magdesk.cli import main

READS = [
    ["validate", "--json"], ["validate", "--period", "2026-09", "--json"],
    ["period", "list", "--json"], ["period", "status", "--period", "2026-09", "--json"],
    ["licences", "--on", "2026-11-26", "--json"], ["control", "--json"],
    ["screen", "--json"], ["declaration", "--period", "2026-09", "--json"],
    ["attach", "list", "--json"], ["attach", "check"],
    ["template", "list", "--json"], ["audit", "log", "--entity", "sale", "--limit", "5", "--json"],
    ["audit", "verify", "--json"],
]


@pytest.fixture
def targets(pg_demo, pg_url, tmp_path):
    """The demo as a file and on a server."""
    target = tmp_path / "company.sqlite"
    shutil.copyfile(pg_demo, target)
    shutil.copytree(f"{pg_demo}.files", f"{target}.files")
    usecases.copy_database(target, pg_url)
    return {"file": str(target), "server": pg_url}


_WITH_ACTION = ("period", "attach", "template", "audit")


def _run(capsys, argv: list[str], db: str) -> tuple[int, str]:
    """``argv`` run with ``--db db`` after the command (and its action)."""
    cut = 2 if argv[0] in _WITH_ACTION else 1
    named = [] if argv[0] == "template" else ["--db"]  # its database is an argument
    code = main([*argv[:cut], *named, db, *argv[cut:]])
    return code, capsys.readouterr().out


def _same(text: str) -> object:
    """Output as JSON where it is JSON, without what names the company's place."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return _without(value)


def _without(value):
    if isinstance(value, dict):
        return {k: _without(v) for k, v in value.items()
                if k not in ("db", "file", "path", "where", "at", "seconds", "anchors")}
    if isinstance(value, list):
        return [_without(v) for v in value]
    return value


def test_the_reading_commands_say_the_same(targets, capsys):
    for argv in READS:
        on_file, on_server = (_run(capsys, argv, targets[n]) for n in ("file", "server"))
        assert on_file[0] == on_server[0] == 0 and on_file[1].strip(), argv
        assert _same(on_server[1]) == _same(on_file[1]), argv


def test_summaries_and_attachments_from_a_server(targets, capsys, tmp_path, qapp):
    # qapp: the printing takes the test session's QApplication, never makes a
    # QGuiApplication of its own that the window's tests would get after
    pages = {}
    for name, db in targets.items():
        folder = tmp_path / name
        folder.mkdir()
        for report in ("flow", "inventory", "licences"):
            assert main(["summary", "--db", db, "--period", "2026-09", "--report", report,
                         "--pdf", str(folder / f"{report}.pdf")]) == 0
        capsys.readouterr()
        assert main(["attach", "export", "--db", db, "1", "--out", str(folder)]) == 0
        pages[name] = sorted((p.name, p.stat().st_size > 1000) for p in folder.iterdir())
    assert pages["server"] == pages["file"]
    assert len(pages["file"]) == 4
