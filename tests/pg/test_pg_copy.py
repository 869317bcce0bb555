"""A company copied to a real PostgreSQL server and back is the same company:
every table's rows in key order, SQLite's counters and marks, the audit
chain (verified on arrival both ways) and the attachments' bytes; a target
that is not empty, a chain tampered with on the server, a value SQLite kept
in the wrong type and an unreachable server are refused, nothing written."""

import hashlib
import sqlite3

import psycopg
import pytest

from magdesk import usecases
from magdesk.storage.attachments import store_for
from magdesk.storage.db import open_database
from magdesk.storage.postgres.connection import ServerError
from magdesk.storage.postgres.copy import copy_pg_to_sqlite, copy_sqlite_to_pg
from magdesk.storage.postgres.schema import tables


def _rows(path, table) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table.name} ORDER BY "
                            f"{', '.join(table.key)}").fetchall()


def _marks(path) -> tuple:
    with sqlite3.connect(path) as conn:
        return (conn.execute("PRAGMA user_version").fetchone(),
                conn.execute("PRAGMA application_id").fetchone(),
                conn.execute("SELECT * FROM sqlite_sequence ORDER BY name").fetchall())


def test_a_company_copied_to_the_server_and_back_is_the_same(pg_demo, pg_url, tmp_path):
    seen = []
    there = copy_sqlite_to_pg(pg_demo, pg_url, progress=lambda *a: seen.append(a))
    assert there.rows["sale_out"] == 3000 and there.attachments == 2
    assert seen[-1][1:] == (len(tables()), len(tables()))
    with psycopg.connect(pg_url) as pg:
        for table in tables():  # the server holds what the file holds
            got = pg.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
            assert got == len(_rows(pg_demo, table)) == there.rows[table.name], table.name
        blobs = dict(pg.execute("SELECT sha256, data FROM attachment_blob"))
    for sha, data in blobs.items():
        assert hashlib.sha256(data).hexdigest() == sha

    back = tmp_path / "back" / "company.sqlite"
    back.parent.mkdir()
    report = copy_pg_to_sqlite(pg_url, back)
    assert report.rows == there.rows and report.audit_head == there.audit_head > 0
    for table in tables():
        assert _rows(back, table) == _rows(pg_demo, table), table.name
    assert _marks(back) == _marks(pg_demo)
    with sqlite3.connect(pg_demo) as conn:
        shas = [r[0] for r in conn.execute("SELECT sha256 FROM attachment ORDER BY id")]
    assert len(shas) == 2
    for sha in shas:
        assert store_for(back).path(sha).read_bytes() == store_for(pg_demo).path(sha).read_bytes()
    with open_database(back) as db:  # magdesk opens it, and its own checks pass
        assert not db.read_only
        assert usecases.verify_audit(db).ok
        assert usecases.check_database(db).ok
        assert {a.name for a in usecases.all_attachments(db)} == {"contract.pdf", "cert.png"}
    assert sorted(p.name for p in back.parent.iterdir() if p.name.startswith(".")) == []


def test_a_target_that_is_not_empty_is_refused_unless_replaced(pg_demo, pg_url, tmp_path):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with pytest.raises(ServerError) as refused:
        copy_sqlite_to_pg(pg_demo, pg_url)
    assert refused.value.args[0].code == "pg.not_empty"
    assert "sale_out" in refused.value.message("en") or "(+" in refused.value.message("en")
    assert copy_sqlite_to_pg(pg_demo, pg_url, replace=True).rows["sale_out"] == 3000

    back = tmp_path / "back.sqlite"
    back.write_bytes(b"the clerk's other file")
    with pytest.raises(ServerError) as refused:
        copy_pg_to_sqlite(pg_url, back)
    assert refused.value.args[0].code == "pg.target_exists"
    assert back.read_bytes() == b"the clerk's other file"
    copy_pg_to_sqlite(pg_url, back, replace=True)
    assert _rows(back, tables()[0]) == _rows(pg_demo, tables()[0])


def test_a_table_magdesk_did_not_make_is_never_replaced(pg_demo, pg_url):
    with psycopg.connect(pg_url) as pg:
        pg.execute("CREATE TABLE payroll (id int)")
    with pytest.raises(ServerError) as refused:
        copy_sqlite_to_pg(pg_demo, pg_url, replace=True)
    assert refused.value.args[0].code == "pg.foreign_tables"
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_schema = 'public'").fetchone()[0] == 1


def test_an_audit_entry_changed_on_the_server_stops_the_copy_back(pg_demo, pg_url, tmp_path):
    copy_sqlite_to_pg(pg_demo, pg_url)
    with psycopg.connect(pg_url) as pg:
        seq = pg.execute("SELECT max(seq) FROM audit_log WHERE new IS NOT NULL").fetchone()[0]
        pg.execute("UPDATE audit_log SET new = '{\"qty_g\": 1}' WHERE seq = %s", (seq,))
    back = tmp_path / "back.sqlite"
    with pytest.raises(ServerError) as refused:
        copy_pg_to_sqlite(pg_url, back)
    assert refused.value.args[0].code == "pg.audit_broken"
    assert refused.value.args[0].params["seq"] == seq
    assert f"entry {seq}" in refused.value.message("en")
    assert list(tmp_path.iterdir()) == []  # no file, no temporary one


def test_a_value_sqlite_kept_in_another_type_is_refused(pg_demo_copy, pg_url):
    with sqlite3.connect(pg_demo_copy) as conn:
        conn.execute("UPDATE counterparty SET is_trader = 'yes' WHERE id = 2")
    with pytest.raises(ServerError) as refused:
        copy_sqlite_to_pg(pg_demo_copy, pg_url)
    assert refused.value.args[0].params == {"table": "counterparty", "column": "is_trader",
                                            "key": "2", "found": "text", "declared": "INTEGER"}
    with psycopg.connect(pg_url) as pg:  # nothing reached the server
        assert pg.execute("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_schema = 'public'").fetchone()[0] == 0


def test_a_missing_attachment_file_is_refused_naming_it(pg_demo_copy, pg_url):
    with sqlite3.connect(pg_demo_copy) as conn:
        sha = conn.execute("SELECT sha256 FROM attachment WHERE name = 'cert.png'").fetchone()[0]
    blob = store_for(pg_demo_copy).path(sha)
    blob.chmod(0o644)
    blob.write_bytes(b"changed")
    with pytest.raises(ServerError) as refused:
        copy_sqlite_to_pg(pg_demo_copy, pg_url)
    assert "cert.png" in refused.value.message("zh")


def test_no_server_is_said_with_where_and_nothing_is_written(pg_demo, tmp_path):
    with pytest.raises(ServerError) as refused:
        copy_sqlite_to_pg(pg_demo, "postgresql://clerk:s3cret@127.0.0.1:1/company")
    said = refused.value.message("en")
    assert refused.value.args[0].code == "pg.cannot_connect"
    assert "clerk@127.0.0.1:1/company" in said and "s3cret" not in said
    with pytest.raises(ServerError):
        copy_pg_to_sqlite("postgresql://clerk@127.0.0.1:1/company", tmp_path / "x.sqlite")
    assert list(tmp_path.iterdir()) == []


def test_a_database_without_magdesk_is_said(pg_url, tmp_path):
    with pytest.raises(ServerError) as refused:
        copy_pg_to_sqlite(pg_url, tmp_path / "x.sqlite")
    assert refused.value.args[0].code == "pg.not_magdesk"
    assert list(tmp_path.iterdir()) == []


def test_bytes_in_rows_a_filed_month_and_entries_of_other_programs_come_back(
        pg_demo_copy, pg_url, tmp_path):
    sample = bytes(range(256)) * 3 + b"\x00"
    with sqlite3.connect(pg_demo_copy) as conn:  # another program: its entries unsealed
        conn.execute("INSERT INTO filing_template (name, version, body, sample, saved_at) "
                     "VALUES ('省厅', 1, 'x = 1', ?, '2026-11-01T08:00:00')", (sample,))
        conn.execute("INSERT INTO period (period, state, revision, filed_on, receipt_no) "
                     "VALUES ('2026-09', 'FILED', 1, '2026-10-05', 'R-1')")
    copy_sqlite_to_pg(pg_demo_copy, pg_url)
    back = tmp_path / "back.sqlite"
    copy_pg_to_sqlite(pg_url, back)
    for table in tables():
        assert _rows(back, table) == _rows(pg_demo_copy, table), table.name
    assert _rows(back, next(t for t in tables() if t.name == "filing_template"))[0][4] == sample
    with open_database(back) as db:
        check = usecases.verify_audit(db)
        assert check.ok and check.report.outside >= 1
