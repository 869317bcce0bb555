"""Ten clerks (processes) saving sales at once on one server against the
same batches; writers killed mid-save, and the server itself stopped the
hard way and started again (tests/stress/server_writers.py runs more:
``--sales 1000``)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from magdesk import usecases

from . import server_writers

_CLUSTER = Path(__file__).resolve().parents[2] / "installer" / "pg-test-cluster.sh"


def test_ten_writers_never_oversell_and_lose_nothing(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    summary = server_writers.run(pg_url, writers=10, sales=60, kill_clients=2, seed=5)
    assert summary["problems"] == []
    assert summary["client_kills"] >= 1
    assert summary["committed"] == summary["on_server"] > 0
    assert summary["refused"].get("batch.oversold", 0) > 0  # the batches ran out


@pytest.fixture
def own_cluster():
    """A server of this test's own (it is stopped mid-test)."""
    folder = tempfile.mkdtemp(prefix="magdesk-pgkill-",
                              dir="/tmp" if os.geteuid() == 0 else None)
    try:
        started = subprocess.run(["bash", str(_CLUSTER), "start", folder], check=True,
                                 capture_output=True, text=True, timeout=120)
        yield Path(folder), started.stdout.strip()
    finally:
        subprocess.run(["bash", str(_CLUSTER), "stop", folder], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_server_stopped_mid_save_loses_no_commit_and_the_clerks_go_on(pg_demo, own_cluster):
    import psycopg

    folder, url = own_cluster
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE company")
    company = url.rsplit("/", 1)[0] + "/company"
    usecases.copy_database(pg_demo, company)
    summary = server_writers.run(company, writers=10, sales=40, kill_server=folder, seed=7)
    assert summary["problems"] == []
    assert summary["server_killed"] and summary["committed"] == summary["on_server"] > 0
    met = summary["refused"]
    assert met.get("pg.lost", 0) + met.get("pg.cannot_connect", 0) > 0  # they met it
    assert summary["committed"] + met.get("batch.oversold", 0) == 10 * 40  # and went on
