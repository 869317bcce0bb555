"""Validating a month or a year on either back end finds what the whole
company's validation finds in it, on the demo with faults planted across
months (tests/usecases/test_validate_period.py): the period's queries and
sums are the same statements on a server."""

from __future__ import annotations

import shutil

import pytest

from magdesk import usecases
from tests.pg.backends import BACKENDS, open_company
from tests.usecases.test_validate_period import _plant, _same_as_whole


@pytest.fixture(params=BACKENDS)
def planted(request, pg_demo, tmp_path):
    """The demo with the planted faults, open on the back end of the param."""
    target = tmp_path / "company.sqlite"
    shutil.copyfile(pg_demo, target)
    shutil.copytree(f"{pg_demo}.files", f"{target}.files")
    with usecases.open_file(target) as db, db.write() as conn:
        at = _plant(conn)
    db = open_company(request.param, target, request)
    try:
        yield db, at
    finally:
        usecases.close_database(db, snapshot=False)


def test_a_period_finds_on_either_back_end_what_the_whole_company_finds(planted):
    db, at = planted
    months = sorted({at["oversold"], at["repeat"], at["invoice"], at["negative"], "2026-01"})
    found = _same_as_whole(db, [*months, "2026", "2025"])
    assert any(f.code == "batch.oversold" for f in found[at["oversold"]])
    assert any(f.code == "balance.negative" for f in found[at["negative"]])
    assert any(f.code == "dup.suspect" for f in found[at["repeat"]])
    assert any(f.code == "invoice.format" for f in found[at["invoice"]])
    assert all(any(f.code == "date.invalid" for f in fs) for fs in found.values())
