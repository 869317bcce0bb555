import atexit
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

# This machine's speed varies by half from one second to the next: no deadlines.
settings.register_profile("magdesk", deadline=None)
settings.load_profile("magdesk")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Session-wide fixtures (the demo file) and child processes run outside the
# per-test isolation below: they too get a settings and data folder of their
# own, never the developer's (restore points, anchors, the identity index).
_SESSION_HOME = tempfile.mkdtemp(prefix="magdesk-tests-")
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
os.environ["MAGDESK_CONFIG_DIR"] = os.path.join(_SESSION_HOME, "config")
os.environ["MAGDESK_DATA_DIR"] = os.path.join(_SESSION_HOME, "data")
# Server passwords go to a keyring: in the tests a plain file under the
# test's own data folder (XDG_DATA_HOME), never the developer's keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = os.path.join(_SESSION_HOME, "xdg-data")

from magdesk.resources import load_codelists  # noqa: E402

TODAY = date(2026, 11, 26)
DEMO_END = "2026-10"


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory, monkeypatch):
    """Never read or write the developer's own settings or data."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MAGDESK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("MAGDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))


@pytest.fixture(scope="session")
def codes():
    return load_codelists()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """One demo database for the session; tests copy it before writing."""
    from magdesk.usecases import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    create_demo(path, sales=600, seed=7, end_period=DEMO_END)
    return path


@pytest.fixture
def demo_copy(demo_file, tmp_path) -> Path:
    import sqlite3

    target = tmp_path / "copy.sqlite"
    src = sqlite3.connect(demo_file)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


# A PostgreSQL server and a database per test (tests/pg/fixtures.py): for the
# storage, use-case and CLI tests of the server back end.
from tests.pg.backends import both, company  # noqa: E402, F401
from tests.pg.fixtures import pg_demo, pg_demo_copy, pg_server, pg_url  # noqa: E402, F401
