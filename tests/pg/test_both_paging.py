"""The window's tables (``storage.paging``) read from a server give the same
rows in the same order as from the file: every sortable column both ways,
the quick filter and the month filter, the first page, the next pages on
from the one before (keyset), a jump to the end; and each way a page is read
(parent first, the ids sorted once, a jump far in) on both back ends."""

from __future__ import annotations

import pytest

from magdesk.storage.paging import VIEWS, PagedQuery

PAGE = 40


def _query(db, entity: str, ways: str, **kw) -> PagedQuery:
    query = PagedQuery(db, VIEWS[entity], **kw)
    query.PAGE = PAGE
    if ways == "small":  # the paths a million rows take, taken by a few thousand
        query.PARENT_FIRST_FROM, query.SORT_ONCE_FROM, query.JUMP_ROWS = 10, 100, 50
    return query


def _pages(query: PagedQuery) -> list:
    """The first page, the two after it (each on from the one before), the
    last page and the one before it."""
    total = query.count()
    indexes = [*range(min(total, 3 * PAGE)), *range(max(total - 2 * PAGE, 0), total)]
    return [total, [query.row(i) for i in indexes]]


def _sorted_both_ways(db, entity: str, ways: str) -> dict:
    out = {None: _pages(_query(db, entity, ways))}
    for column in VIEWS[entity].columns:
        for descending in (False, True):
            out[column.name, descending] = _pages(
                _query(db, entity, ways, sort=column.name, descending=descending))
    return out


@pytest.mark.parametrize("ways", ["as_is", "small"])
@pytest.mark.parametrize("entity", sorted(VIEWS))
def test_every_order_gives_the_same_pages(both, entity, ways):
    on_file, on_server = (_sorted_both_ways(db, entity, ways) for db in both)
    assert on_file[None][0] > 0
    for key, pages in on_file.items():
        assert on_server[key] == pages, key


FILTERS = [("sale", "SO-2026", None), ("sale", "", "2026-09"), ("sale", "有限", "2026-08"),
           ("sale", "MG-N", None), ("purchase", "L26", None), ("purchase", "", "2026-05"),
           ("batch", "B", "2026-07"), ("export", "", "2026-10"), ("export", "有限", None),
           ("counterparty", "co", None), ("product", "n4", None), ("licence", "", None),
           ("sale", "no such thing", None)]


@pytest.mark.parametrize("ways", ["as_is", "small"])
def test_the_filters_give_the_same_rows(both, ways):
    def read(db):
        out = {}
        for entity, text, period in FILTERS:
            for sort in (None, VIEWS[entity].columns[2].name):
                query = _query(db, entity, ways, text=text, period=period, sort=sort)
                out[entity, text, period, sort] = _pages(query)
        return out

    on_file, on_server = (read(db) for db in both)
    assert on_file["sale", "", "2026-09", None][0] > 0
    assert on_file["sale", "no such thing", None, None][0] == 0
    for key, pages in on_file.items():
        assert on_server[key] == pages, key
