"""A month chosen in a table's filter shows its first page after few
statements, on either back end: its rows counted and the page's ids read,
never the whole table's span of ids.  On a server a month of sales is read
day by day from the ``(date, id)`` index (a seek per day: a month of ten
million sales in 3 ms, where sorting it took 15-60), and gives the rows
the file gives, in the same order, on from page to page and from the end."""

from __future__ import annotations

from magdesk.storage.db import on_server
from magdesk.storage.paging import VIEWS, PagedQuery
from magdesk.storage.postgres.server import ServerConnection

MONTH = "2026-09"


def _sent(db, monkeypatch) -> list[str]:
    """The statements ``db``'s connection sends from now on."""
    sent: list[str] = []
    if on_server(db.conn):
        execute = ServerConnection.execute

        def noted(conn, sql, params=()):
            sent.append(sql)
            return execute(conn, sql, params)

        monkeypatch.setattr(ServerConnection, "execute", noted)
    else:
        db.conn.set_trace_callback(sent.append)
    return sent


def test_a_month_clicked_sends_few_statements_and_its_rows_in_order(company, monkeypatch):
    month = [r[0] for r in company.conn.execute(
        "SELECT id FROM sale_out WHERE date >= ? AND date < ? ORDER BY id",
        ("2026-09-01", "2026-10-01"))]
    assert len(month) > 3 * 40
    PagedQuery(company, VIEWS["sale"])  # a first read of the window (a server's settings)
    sent = _sent(company, monkeypatch)
    query = PagedQuery(company, VIEWS["sale"], period=MONTH)
    query.PAGE = 40
    assert query.count() == len(month) and not query.estimated
    assert query.row(0)[0] == month[0]
    if not on_server(company.conn):
        company.conn.set_trace_callback(None)
    assert len(sent) <= 4, sent  # (on a server its planner's guess,) the count, ids, values
    assert not any("min(id)" in s for s in sent), sent
    assert on_server(company.conn) == any("WITH RECURSIVE" in s for s in sent)
    ids = [query.row(i)[0] for i in range(len(month))]  # page after page
    assert ids == month
    from_the_end = PagedQuery(company, VIEWS["sale"], period=MONTH)
    from_the_end.PAGE = 40
    assert from_the_end.count() == len(month)
    assert [from_the_end.row(i)[0] for i in range(len(month) - 1, -1, -1)] == month[::-1]


def test_a_month_of_many_rows_shows_the_servers_guess_and_is_counted_aside(company,
                                                                           monkeypatch):
    # a month of ten million sales (85,000) counted on the window's thread took
    # 8-40 ms of the click; its first page needs no count
    monkeypatch.setattr(PagedQuery, "COUNT_ASIDE_FROM_SERVER", 10)  # the demo's month: many
    month = company.conn.execute("SELECT count(*) FROM sale_out WHERE date >= ? AND date < ?",
                                 ("2026-09-01", "2026-10-01")).fetchone()[0]
    query = PagedQuery(company, VIEWS["sale"], period=MONTH)
    guessed = query.count()
    assert query.estimated == on_server(company.conn)
    assert guessed == month or query.estimated
    first = query.row(0)[0]
    exact = PagedQuery(company, VIEWS["sale"], period=MONTH).exact_count()  # as a worker does
    assert exact == month
    query.settle(exact)
    assert query.count() == month and not query.estimated
    assert query.row(0)[0] == first and query.row(month - 1)
    assert not query.row(month)
