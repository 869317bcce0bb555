"""On a server made by ``db copy`` the clerk's rules hold for any client:
plain psycopg cannot change a filed month (``period.locked``), and every
change it makes is written to the audit trail and sealed into the chain by
the server, byte for byte as magdesk seals (the copy back verifies with
magdesk's own verifier); two writers at once leave one unbroken chain, and
an entry deleted on the server is found."""

import sqlite3
import threading

import psycopg
import pytest

from magdesk import usecases
from magdesk.storage import audit, totals
from magdesk.storage.db import open_database
from magdesk.storage.migrations import AUDITED, LOCKED
from magdesk.storage.postgres.connection import ServerError
from magdesk.storage.postgres.copy import copy_pg_to_sqlite, copy_sqlite_to_pg

_LOG = "seq, app, clerk, os_user, action, entity, record, record_key, old, new"


def _file_month(path) -> tuple[str, str]:
    """File (lock) the month of the earliest sale, as another program would;
    (the filed month, an open month with sales)."""
    with sqlite3.connect(path) as conn:
        months = [r[0] for r in conn.execute(
            "SELECT DISTINCT substr(date, 1, 7) FROM sale_out ORDER BY 1")]
        conn.execute("INSERT INTO period (period, state, revision, filed_on, receipt_no) "
                     "VALUES (?, 'FILED', 1, '2026-11-05', 'R-9')", (months[0],))
    return months[0], months[-1]


def _sale_in(pg, month: str) -> tuple[int, int]:
    return pg.execute("SELECT id, qty_g FROM sale_out WHERE substr(date, 1, 7) = %s "
                      "ORDER BY id LIMIT 1", (month,)).fetchone()


def _chain(pg) -> list[tuple]:
    return pg.execute("SELECT l.seq, s.seq, s.prev_hash, s.entry_hash FROM audit_log l "
                      "LEFT JOIN audit_seal s ON s.seq = l.seq ORDER BY l.seq").fetchall()


def _assert_one_chain(pg) -> None:
    rows = _chain(pg)
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    previous = audit.GENESIS
    for seq, sealed, prev_hash, digest in rows:
        assert sealed == seq and prev_hash == previous, seq
        previous = digest
    assert pg.execute("SELECT seq, hash FROM audit_head").fetchone() == (len(rows), previous)


def test_the_server_has_a_lock_and_audit_triggers_for_every_table_sqlite_has(pg_demo, pg_url):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:
        found = {r[0] for r in pg.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    want = {f"{t}_locked" for t in LOCKED} | {
        f"audit_{t}_{e}" for t in AUDITED for e in ("insert", "update", "delete")} | {
        "audit_head_moves", "audit_notify"} | {
        totals.trigger_name(t, e) for t, e, *_ in totals.RULES}  # SQLite's by the same names
    assert found == want


def test_a_filed_month_is_locked_and_an_open_one_is_audited_and_sealed(
        pg_demo_copy, pg_url, tmp_path):
    filed, open_month = _file_month(pg_demo_copy)
    copy_sqlite_to_pg(pg_demo_copy, pg_url)
    with psycopg.connect(pg_url) as pg:
        before = pg.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        locked_id, _qty = _sale_in(pg, filed)
        for sql in ("UPDATE sale_out SET qty_g = qty_g + 1 WHERE id = %s",
                    "DELETE FROM sale_out WHERE id = %s",
                    f"UPDATE sale_out SET date = '{open_month}-02' WHERE id = %s"):
            with pytest.raises(psycopg.errors.RaiseException, match=r"^period\.locked"):
                pg.execute(sql, (locked_id,))
            pg.rollback()
        with pytest.raises(psycopg.errors.RaiseException, match=r"^period\.locked"):
            pg.execute("INSERT INTO sale_out (doc_no, date, customer_id, product_id, batch_id, "
                       "qty_g) SELECT 'NEW-1', %s, customer_id, product_id, batch_id, 1 "
                       "FROM sale_out WHERE id = %s", (f"{filed}-04", locked_id))
        pg.rollback()
        open_id, qty = _sale_in(pg, open_month)  # moving a sale into a filed month: refused
        with pytest.raises(psycopg.errors.RaiseException, match=r"^period\.locked"):
            pg.execute(f"UPDATE sale_out SET date = '{filed}-03' WHERE id = %s", (open_id,))
        pg.rollback()
        pg.execute("UPDATE sale_out SET qty_g = qty_g + 7, grade = grade WHERE id = %s",
                   (open_id,))
        pg.commit()
        doc_no = pg.execute("SELECT doc_no FROM sale_out WHERE id = %s", (open_id,)).fetchone()[0]
        new = pg.execute(f"SELECT {_LOG}, at FROM audit_log WHERE seq > %s ORDER BY seq",
                         (before,)).fetchall()
        seals = pg.execute("SELECT seq, seal FROM audit_seal WHERE seq > %s ORDER BY seq",
                           (before - 1,)).fetchall()
        _assert_one_chain(pg)
    assert len(new) == 1
    login = psycopg.conninfo.conninfo_to_dict(pg_url)["user"]  # os_user: the server's login
    assert new[0][:10] == (before + 1, 0, "", login, "UPDATE", "sale_out", str(open_id),
                           doc_no, f'{{"qty_g":{qty}}}', f'{{"qty_g":{qty + 7}}}')
    # the period row another program wrote before the copy was pending: sealed late too
    assert seals == [(before, "late"), (before + 1, "late")]

    # The same change by plain sqlite3 on the file writes the same entry.
    with sqlite3.connect(pg_demo_copy) as conn:
        conn.execute("UPDATE sale_out SET qty_g = qty_g + 7 WHERE id = ?", (open_id,))
        local = conn.execute(f"SELECT {_LOG} FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert local[1:3] + local[4:] == new[0][1:3] + new[0][4:10]  # a file has no login


def test_entries_sealed_by_the_server_verify_with_magdesks_verifier(pg_demo, pg_url, tmp_path):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:
        entries = pg.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        pg.execute("INSERT INTO counterparty (name_cn, cp_type, role, country, address) "
                   "VALUES (%s, 'ENTERPRISE', 'CUSTOMER', 'CN', %s)",
                   ('宁波"磁材"\\有限公司', "第一行\n第二行\t\x01 é ☃ 𝄞"))
        pg.execute("UPDATE counterparty SET name_en = 'Ningbo', uscc = NULL WHERE id = 2")
        pg.commit()
        pg.execute("SELECT set_config('magdesk.app', '1', true), "
                   "set_config('magdesk.clerk', '王芳', true), "
                   "set_config('magdesk.os_user', 'wang', true)")
        pg.execute("DELETE FROM accepted_finding WHERE (entity, record, code) IN "
                   "(SELECT entity, record, code FROM accepted_finding LIMIT 1)")
        pg.execute("INSERT INTO accepted_finding VALUES ('sale', '1', 'x.code', '已核实', "
                   "'2026-11-01T08:00:00')")
        pg.commit()
        written = pg.execute("SELECT app, clerk, action FROM audit_log WHERE seq > %s "
                             "ORDER BY seq", (entries,)).fetchall()
        kinds = [r[0] for r in pg.execute(
            "SELECT seal FROM audit_seal WHERE seq > %s ORDER BY seq", (entries,))]
    assert written[:2] == [(0, "", "INSERT"), (0, "", "UPDATE")]
    assert written[-1] == (1, "王芳", "INSERT") and len(written) in (3, 4)
    assert kinds == ["late", "late"] + ["tx"] * (len(written) - 2)

    back = tmp_path / "back.sqlite"
    report = copy_pg_to_sqlite(pg_url, back)
    assert report.audit_entries == report.audit_head == entries + len(written)
    with sqlite3.connect(f"{back.as_uri()}?mode=ro", uri=True) as raw:  # as it arrived
        check = audit.verify(raw)
    raw.close()
    assert check.ok and check.pending == 0 and check.sealed == check.entries
    assert check.outside >= 2  # the two entries of a client that is not magdesk
    with open_database(back) as db:
        assert usecases.verify_audit(db).ok
        party = next(audit.entries(db.conn, entity="counterparty", limit=2))
        assert {c.field: c.new for c in party.changes} == {"name_en": "Ningbo", "uscc": None}


def _writer(url: str, name: str, errors: list) -> None:
    try:
        with psycopg.connect(url) as pg:
            for i in range(50):  # each its own transaction, so the two interleave
                pg.execute("INSERT INTO screening_entry (list_name, name, imported_at) "
                           "VALUES (%s, %s, '2026-11-01')", (name, f"{name}-{i}"))
                pg.commit()
    except Exception as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)


def test_two_writers_at_once_leave_one_unbroken_chain(pg_demo, pg_url, tmp_path):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:  # a rolled-back entry leaves no gap behind
        pg.execute("UPDATE company SET contact = 'x'")
        pg.rollback()
        entries = pg.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    errors: list = []
    threads = [threading.Thread(target=_writer, args=(pg_url, n, errors)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with psycopg.connect(pg_url) as pg:
        _assert_one_chain(pg)
        lists = [r[0] for r in pg.execute(
            "SELECT new::json->>'list_name' FROM audit_log WHERE seq > %s ORDER BY seq",
            (entries,))]
    assert sorted(lists) == ["A"] * 50 + ["B"] * 50
    assert lists != sorted(lists)  # they did write at the same time
    back = copy_pg_to_sqlite(pg_url, tmp_path / "back.sqlite")
    assert back.audit_head == entries + 100


def test_an_entry_deleted_on_the_server_is_found_by_the_copy_back(pg_demo, pg_url, tmp_path):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:
        for n in range(3):
            pg.execute("UPDATE company SET contact = %s", (f"tel {n}",))
            pg.commit()
        seq = pg.execute("SELECT max(seq) - 1 FROM audit_log").fetchone()[0]
        pg.execute("DELETE FROM audit_log WHERE seq = %s", (seq,))
        pg.commit()
        pg.execute("UPDATE company SET contact = 'after'")  # the next writer goes on past it
        pg.commit()
        assert pg.execute("SELECT max(seq) FROM audit_log").fetchone()[0] == seq + 2
    with pytest.raises(ServerError) as refused:
        copy_pg_to_sqlite(pg_url, tmp_path / "back.sqlite")
    assert refused.value.args[0].code == "pg.audit_broken"
    assert refused.value.args[0].params["seq"] == seq
    assert list(tmp_path.iterdir()) == []


def test_a_writer_with_an_old_snapshot_is_told_to_retry_not_forking(pg_demo, pg_url):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with psycopg.connect(pg_url) as old, psycopg.connect(pg_url) as other:
        old.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        old.execute("SELECT count(*) FROM audit_log")  # its snapshot, from now
        other.execute("INSERT INTO file_setting VALUES ('a', '1')")
        other.commit()
        with pytest.raises(psycopg.errors.SerializationFailure, match=r"audit\.chain_moved"):
            old.execute("INSERT INTO file_setting VALUES ('b', '2')")
        old.rollback()
        old.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        old.execute("INSERT INTO file_setting VALUES ('b', '2')")  # the retry goes through
        old.commit()
        _assert_one_chain(old)


def test_the_head_follows_the_chain_when_moved_at_each_entry(pg_demo, pg_url):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:
        pg.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the head moves at every seal, not at commit
        for n in range(3):
            pg.execute("INSERT INTO file_setting VALUES (%s, 'v')", (f"k{n}",))
        pg.commit()
        pg.execute("INSERT INTO file_setting VALUES ('k9', 'v')")  # and a usual transaction after
        pg.commit()
        _assert_one_chain(pg)
