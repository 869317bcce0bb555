"""On a server the window's reads and its workers plan without parallel
workers: a page takes milliseconds, where starting workers costs more than
they save, and a count or the months' sums on every core of a small server
would leave none to the clerk's next click.  Set once per backend, again
after a reconnect; a plain connection (the command line's) keeps the
server's own setting."""

from magdesk import usecases
from magdesk.storage.paging import VIEWS, PagedQuery

_WORKERS = "SELECT current_setting('max_parallel_workers_per_gather')"


def _workers(db) -> str:
    return db.conn.execute(_WORKERS).fetchone()[0]


def test_the_windows_reads_and_workers_take_one_core(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    db = usecases.open_file(pg_url)
    try:
        own = _workers(db)
        assert own != "0"  # the server's default, kept by a plain opening
        query = PagedQuery(db, VIEWS["sale"], period="2026-09")
        assert _workers(db) == "0"
        rows = query.count()
        worker = db.sibling()
        try:
            assert _workers(worker) == "0"
            assert PagedQuery(worker, VIEWS["sale"], period="2026-09").exact_count() == rows > 0
        finally:
            worker.conn.close()
        db.conn.reconnect()  # a new backend: told again by the next read
        assert _workers(db) == own
        PagedQuery(db, VIEWS["sale"])
        assert _workers(db) == "0"
    finally:
        usecases.close_database(db, snapshot=False)


def test_a_session_plans_for_rows_kept_in_memory_unless_the_url_says_otherwise(pg_url):
    """random_page_cost 1.1 on magdesk's connections (connection.py): a
    month's lots read by their index, not by hashing every purchase; options
    given in the URL are the administrator's and stay."""
    from magdesk.storage.postgres.connection import connect

    with connect(pg_url) as pg:
        assert pg.execute("SHOW random_page_cost").fetchone()[0] == "1.1"
    sep = "&" if "?" in pg_url else "?"
    with connect(f"{pg_url}{sep}options=-c%20random_page_cost%3D2.5") as pg:
        assert pg.execute("SHOW random_page_cost").fetchone()[0] == "2.5"
