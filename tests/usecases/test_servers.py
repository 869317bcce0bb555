"""A company on a server as the window reaches it: the address without the
password, the password in the keyring (a file under the test's folder),
other clerks' changes heard (LISTEN/NOTIFY on a real server), a killed
connection made again."""

import time
from dataclasses import replace

import psycopg
import pytest

from magdesk import usecases
from magdesk.storage.db import StorageError
from magdesk.usecases import reads


@pytest.fixture
def on_server(pg_demo, pg_url):
    usecases.copy_database(pg_demo, pg_url)
    return pg_url


def _new_sale(db, doc_no: str):
    sale = next(reads.records(db).iter("sale", where="date LIKE ?", params=("2026-10%",)))
    return replace(sale, id=None, doc_no=doc_no, invoice_no=f"FP{doc_no[3:]}", qty_g=1000)


def test_addresses_never_hold_the_password():
    url = usecases.server_url("db.example.cn", 5433, "稀土公司", "li", "s3cr:t@")
    assert "s3cr" in url and usecases.is_server(url) and not usecases.is_server("a.sqlite")
    kept = usecases.without_password(url)
    assert "s3cr" not in kept and kept.startswith("postgresql://li@db.example.cn:5433/")
    assert usecases.server_fields(url) == {"host": "db.example.cn", "port": 5433,
                                           "database": "稀土公司", "user": "li",
                                           "password": "s3cr:t@"}
    assert usecases.server_where(url) == "li@db.example.cn:5433/稀土公司"
    assert usecases.without_password(kept) == kept


def test_the_keyring_keeps_the_password_by_address(tmp_path):
    url = usecases.server_url("db.example.cn", 5432, "magnets", "li")
    assert usecases.saved_password(url) is None and usecases.with_saved_password(url) == url
    assert usecases.remember_password(url, "pa ss/word")
    assert usecases.saved_password(url) == "pa ss/word"
    filled = usecases.with_saved_password(url)
    assert usecases.server_fields(filled)["password"] == "pa ss/word"
    assert usecases.without_password(filled) == url
    usecases.forget_password(url)
    assert usecases.saved_password(url) is None


def test_another_sessions_save_is_heard_and_the_own_is_known_by_its_backend(on_server):
    mine, other = usecases.open_file(on_server), usecases.open_file(on_server)
    watch = usecases.watch_server(mine)
    try:
        assert usecases.on_server(mine) and watch.wait(0.2) == []  # listening, nothing yet
        assert usecases.save(other, _new_sale(other, "SX-OTHER-1")).ok
        started, heard = time.monotonic(), []
        while not heard and time.monotonic() - started < 3:
            heard = watch.wait(0.5)
        (pid, changes), = heard
        assert pid == usecases.own_connection(other) != usecases.own_connection(mine)
        assert changes.touches("sale") and changes.findings and not changes.touches("product")
        assert watch.last_seq > 0
    finally:
        watch.close()
        mine.close()
        other.close()


def test_a_rolled_back_write_is_not_heard_and_a_period_change_says_periods(on_server):
    db = usecases.open_file(on_server)
    watch = usecases.watch_server(db)
    try:
        watch.wait(0.1)
        with pytest.raises(RuntimeError), db.write() as conn:
            conn.execute("UPDATE counterparty SET address = 'x' WHERE id = 1")
            raise RuntimeError("given up")
        assert watch.wait(0.5) == []
        assert usecases.notice_changes({"period"}).periods
        assert usecases.notice_changes({"batch_input"}).touches("batch")
    finally:
        watch.close()
        db.close()


def test_a_killed_connection_is_said_then_made_again_on_the_next_action(on_server):
    db = usecases.open_file(on_server)
    try:
        sale = _new_sale(db, "SX-LOST-1")  # the form the clerk has typed
        with psycopg.connect(on_server, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (usecases.own_connection(db),))
        lost = usecases.save(db, sale)
        assert not lost.ok and lost.failure.args[0].code == "pg.lost"
        assert "连接" in lost.why("zh") or "服务器" in lost.why("zh")
        assert usecases.lost_connection(db).args[0].code == "pg.lost"
        usecases.reconnect_if_lost(db)
        assert usecases.lost_connection(db) is None
        assert usecases.save(db, sale).ok
        usecases.reconnect_if_lost(db)  # a live connection is kept as it is
        assert reads.records(db).find("sale", "SX-LOST-1") is not None
    finally:
        db.close()


def test_a_file_is_not_on_a_server(demo_copy):
    with usecases.open_file(demo_copy) as db:
        assert not usecases.on_server(db) and usecases.watch_server(db) is None
        assert usecases.own_connection(db) == 0 and usecases.lost_connection(db) is None
        usecases.reconnect_if_lost(db)


def test_a_server_still_away_is_said(on_server):
    db = usecases.open_file(on_server)
    try:
        sale = _new_sale(db, "SX-AWAY-1")
        db.url = db.conn.url = db.url.replace("/magdesk_test_", "/magdesk_gone_")
        with psycopg.connect(on_server, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (usecases.own_connection(db),))
        assert not usecases.save(db, sale).ok
        with pytest.raises(StorageError) as away:
            usecases.reconnect_if_lost(db)
        assert away.value.args[0].code == "pg.cannot_connect"
    finally:
        db.close()


def test_a_server_that_trusts_the_clerk_is_opened_without_asking_a_password(pg_url):
    assert usecases.opens_without_password(pg_url)  # the test cluster trusts its users
    # nothing there: the Connect dialog is shown, to mend the address or give a password
    assert not usecases.opens_without_password("postgresql://li@127.0.0.1:1/none")


def test_a_lost_connection_is_unavailable_and_a_file_needs_no_reconnecting(demo_copy):
    from magdesk.storage.postgres.server import ServerLostError

    assert issubclass(ServerLostError, usecases.Unavailable)
    with usecases.open_file(demo_copy) as db:
        assert usecases.reconnected(db) is None
