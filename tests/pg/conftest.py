"""A PostgreSQL server for the tests: the one ``installer/dev.sh test``
started (``MAGDESK_TEST_PG``), else one this session starts the same way
(installer/pg-test-cluster.sh) and stops at its end, so that ``pytest``
alone runs these tests too; never skipped.  Each test gets a database of
its own on it, dropped after."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "installer" / "pg-test-cluster.sh"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a running server's maintenance database."""
    url = os.environ.get("MAGDESK_TEST_PG")
    if url:
        yield url
        return
    # Under /tmp itself: as root the cluster runs as the postgres user, who
    # cannot enter pytest's own (0700) temporary folders.
    folder = tempfile.mkdtemp(prefix="magdesk-pg-")
    try:
        started = subprocess.run(["bash", str(_SCRIPT), "start", folder], check=True,
                                 capture_output=True, text=True, timeout=120)
        yield started.stdout.strip()
    finally:
        subprocess.run(["bash", str(_SCRIPT), "stop", folder], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the test server, dropped after the test."""
    import psycopg

    name = f"magdesk_test_{secrets.token_hex(6)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield _with_database(pg_server, name)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
