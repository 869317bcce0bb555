"""One company on either back end: ``company`` is the demo producer of
``pg_demo`` (a few thousand sales, two attachments) opened through
``usecases.open_file`` from a SQLite file (param ``sqlite``) or from a fresh
database on the test server it was copied to (param ``postgresql``), and
closed after.  A test that takes it runs twice and asserts the same outcome
on both back ends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from magdesk import usecases

BACKENDS = ("sqlite", "postgresql")


def open_company(backend: str, source: Path, request) -> object:
    """The demo company at ``source`` opened on ``backend``: the file itself,
    or a fresh server database it is copied to first."""
    if backend == "sqlite":
        return usecases.open_file(source)
    url = request.getfixturevalue("pg_url")
    usecases.copy_database(source, url)
    return usecases.open_file(url)


@pytest.fixture(params=BACKENDS)
def company(request, pg_demo, tmp_path):
    """The demo company, open on the back end named by the param."""
    target = tmp_path / "company.sqlite"
    shutil.copyfile(pg_demo, target)
    shutil.copytree(f"{pg_demo}.files", f"{target}.files")
    db = open_company(request.param, target, request)
    try:
        yield db
    finally:
        usecases.close_database(db, snapshot=False)


@pytest.fixture
def both(request, pg_demo, tmp_path):
    """The demo company open twice: from a file and from a server it was
    copied to; a test runs the same steps on each and compares."""
    target = tmp_path / "company.sqlite"
    shutil.copyfile(pg_demo, target)
    shutil.copytree(f"{pg_demo}.files", f"{target}.files")
    opened = [open_company(backend, target, request) for backend in BACKENDS]
    try:
        yield tuple(opened)
    finally:
        for db in opened:
            usecases.close_database(db, snapshot=False)
