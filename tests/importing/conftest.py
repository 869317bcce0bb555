from datetime import date

import pytest

from magdesk.storage import open_database
from magdesk.usecases import import_file

from .helpers import Demo

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo(demo_copy):
    return Demo(demo_copy)


@pytest.fixture
def run(demo_copy):
    """Import into the demo copy: run(kind, path, **options) -> ImportResult."""

    def run_import(kind, path, **options):
        options.setdefault("today", TODAY)
        with open_database(demo_copy) as db:
            return import_file(db, kind, path, **options)

    return run_import
