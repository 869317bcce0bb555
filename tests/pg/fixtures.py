"""The PostgreSQL fixtures (tests/conftest.py imports them for every folder):
a server for the tests: the one ``installer/dev.sh test``
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
    folder = tempfile.mkdtemp(prefix="magdesk-pg-", dir="/tmp" if os.geteuid() == 0 else None)
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


@pytest.fixture(scope="session")
def pg_demo(tmp_path_factory) -> Path:
    """A demo company of a few thousand sales with two attachments (a sale's
    contract, a customer's certificate), made once; tests copy from it."""
    from magdesk import usecases
    from magdesk.storage.db import open_database

    folder = tmp_path_factory.mktemp("pgdemo")
    path = folder / "demo.sqlite"
    usecases.create_demo(path, sales=3000, seed=11, end_period="2026-10")
    contract, cert = folder / "contract.pdf", folder / "cert.png"
    contract.write_bytes(b"%PDF-1.4 contract " + bytes(range(256)) * 40)
    cert.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 3000)
    with open_database(path) as db:
        sale = db.conn.execute("SELECT id FROM sale_out ORDER BY id LIMIT 1").fetchone()[0]
        party = db.conn.execute("SELECT id FROM counterparty ORDER BY id LIMIT 1").fetchone()[0]
        assert usecases.attach(db, "sale", sale, contract, "contract", note="签字版").ok
        assert usecases.attach(db, "counterparty", party, cert, "end_user_cert").ok
    return path


@pytest.fixture
def pg_demo_copy(pg_demo, tmp_path) -> Path:
    """A copy of ``pg_demo`` with its attachment store, for a test to change."""
    target = tmp_path / "company.sqlite"
    shutil.copyfile(pg_demo, target)
    shutil.copytree(f"{pg_demo}.files", f"{target}.files")
    return target
