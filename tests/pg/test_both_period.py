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


# days that look like dates and are none, and leap days that are
_NO_DAY = ("2026-02-30", "2025-02-29", "2026-04-31", "2100-02-29", "2026-00-10")
_LEAP_DAYS = ("2024-02-29", "2000-02-29")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_day_that_does_not_exist_is_found_alike_on_either_back_end(backend, pg_demo,
                                                                      tmp_path, request):
    """SQLite's date() takes '2026-02-30' as itself: the rule is the
    calendar's, written out (storage/days.py), on a file as on a server."""
    from tests.usecases.test_validate_period import TODAY

    target = tmp_path / "company.sqlite"
    shutil.copyfile(pg_demo, target)
    shutil.copytree(f"{pg_demo}.files", f"{target}.files")
    days = (*_NO_DAY, *_LEAP_DAYS)
    with usecases.open_file(target) as db, db.write() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM sale_out WHERE is_export = 0 "
                                          "ORDER BY id DESC LIMIT ?", (len(days),))]
        docs = {}
        for sale_id, day in zip(ids, days, strict=True):
            conn.execute("UPDATE sale_out SET date = ? WHERE id = ?", (day, sale_id))
            docs[day] = conn.execute("SELECT doc_no FROM sale_out WHERE id = ?",
                                     (sale_id,)).fetchone()[0]
    db = open_company(backend, target, request)
    try:
        whole = usecases.validate_database(db, today=TODAY)
        month = usecases.validate_database(db, period="2026-05", today=TODAY)
    finally:
        usecases.close_database(db, snapshot=False)
    for found in (whole, month):
        invalid = {f.record for f in found if f.code == "date.invalid"}
        assert invalid == {docs[d] for d in _NO_DAY}, backend
