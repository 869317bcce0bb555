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
