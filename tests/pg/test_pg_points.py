"""Restore points of a server database, on the real test server: a point
says what its dump holds; a restore brings every row and the audit chain
back exactly, after a point of the state it replaces (so it can be undone);
a restore that fails or is killed midway leaves the database as it was; a
missing program or an unreachable server writes nothing."""

import os
import signal
import threading
import time
from pathlib import Path

import psycopg
import pytest

from magdesk import usecases
from magdesk.storage import audit
from magdesk.storage.postgres import points, tools
from magdesk.storage.postgres.connection import ServerError
from magdesk.storage.postgres.schema import owned_tables


def _state(url: str) -> dict:
    """Every row of the tables a test changes, the chain, the triggers and
    the counts of every table: what "the database as it was" means here."""
    with psycopg.connect(url) as pg:
        out = {t: pg.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in owned_tables()}
        for table in ("sale_out", "audit_log", "audit_seal", "audit_head", "period"):
            out[f"rows:{table}"] = pg.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        out["triggers"] = sorted(r[0] for r in pg.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        out["chain_ok"] = audit.verify(pg).ok
    return out


def _change(url: str) -> None:
    """What a clerk might regret: sales deleted, one changed, one added."""
    with psycopg.connect(url) as pg:
        pg.execute("DELETE FROM sale_out WHERE id IN (SELECT id FROM sale_out s WHERE NOT "
                   "EXISTS (SELECT 1 FROM export_shipment e WHERE e.sale_id = s.id) "
                   "ORDER BY id DESC LIMIT 3)")
        pg.execute("UPDATE sale_out SET qty_g = qty_g + 7 WHERE id = (SELECT min(id) "
                   "FROM sale_out)")
        pg.execute("INSERT INTO sale_out (doc_no, date, customer_id, product_id, batch_id, "
                   "qty_g) SELECT 'LATE-1', date, customer_id, product_id, batch_id, 1 "
                   "FROM sale_out ORDER BY id LIMIT 1")


@pytest.fixture
def company(pg_demo, pg_url) -> str:
    usecases.copy_database(pg_demo, pg_url)
    return pg_url


def test_a_point_says_what_its_dump_holds(company, tmp_path):
    point = points.take(company, "before the audit", root=tmp_path)
    with psycopg.connect(company) as pg:
        head = pg.execute("SELECT seq, hash FROM audit_head").fetchone()
        counts = {t: pg.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in owned_tables()}
    assert (point.audit_seq, point.audit_hash) == head and point.counts == counts
    assert point.counts["sale_out"] == 3000 and point.counts["attachment_blob"] == 2
    assert point.note == "before the audit" and point.kind == "manual"
    folder = tmp_path / "server-points" / f"127.0.0.1_{company.split(':')[-1].split('/')[0]}_" \
        f"{company.rsplit('/', 1)[1]}"
    assert point.path.parent == folder
    assert sorted(p.name for p in folder.iterdir()) == [point.name, point.path.stem + ".json"]
    assert point.path.read_bytes()[:5] == b"PGDMP" and point.size > 100_000
    assert points.read(point.path) == point
    assert usecases.list_server_points(company, root=tmp_path) == [point]


def test_a_restore_brings_the_rows_and_the_chain_back_and_can_be_undone(company, tmp_path):
    point = usecases.take_server_point(company, "manual", root=tmp_path)
    at_point = _state(company)
    _change(company)
    changed = _state(company)
    assert changed["sale_out"] == 2998 and changed["audit_log"] > at_point["audit_log"]
    report = usecases.restore_server_point(company, point.name, root=tmp_path)
    assert _state(company) == at_point
    assert report.audit_entries == at_point["audit_log"] and report.point == point
    before = report.before
    assert before.kind == "restore" and before.note == f"before restoring {point.name}"
    assert before.audit_seq == changed["audit_log"] and before.counts["sale_out"] == 2998
    assert usecases.list_server_points(company, root=tmp_path) == [before, point]
    usecases.restore_server_point(company, before, root=tmp_path)  # the restore undone
    assert _state(company) == changed


def test_after_a_restore_the_server_keeps_the_rules(company, tmp_path):
    """The triggers come back with the dump: a new write is audited and
    sealed by the server, and the chain verifies."""
    point = points.take(company, "manual", root=tmp_path)
    _change(company)
    points.restore(company, point, root=tmp_path)
    _change(company)
    with psycopg.connect(company) as pg:
        chain = audit.verify(pg)
        assert chain.ok and chain.entries == point.audit_seq + 5


def _hold_lock(url: str, table: str):
    """Another session holding ``table`` (as a clerk's long transaction would)."""
    holder = psycopg.connect(url)
    holder.execute(f"LOCK TABLE {table} IN ACCESS SHARE MODE")
    return holder


def test_a_restore_that_fails_midway_leaves_the_database_as_it_was(company, tmp_path):
    point = points.take(company, "manual", root=tmp_path)
    _change(company)
    changed = _state(company)
    holder = _hold_lock(company, "company")  # the restore drops it after other objects
    try:
        with pytest.raises(ServerError) as failed:
            points.restore(company, point, root=tmp_path, lock_timeout=1)
    finally:
        holder.close()
    reason = failed.value.args[0]
    assert reason.code == "pg.tool_failed" and reason.params["tool"] == "psql"
    assert "lock timeout" in reason.params["error"]
    assert _state(company) == changed


def _child(name: str) -> int | None:
    """The pid of this process's child program ``name``, if it runs."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            comm = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
        except OSError:
            continue
        if comm == name and int(fields[1]) == os.getpid():
            return int(stat.parent.name)
    return None


def test_a_restore_killed_midway_leaves_the_database_as_it_was(company, tmp_path):
    point = points.take(company, "manual", root=tmp_path)
    _change(company)
    changed = _state(company)
    holder = _hold_lock(company, "company")
    outcome = {}

    def restore():
        try:
            points.restore(company, point, root=tmp_path, lock_timeout=60)
        except ServerError as exc:
            outcome["error"] = exc.args[0]

    worker = threading.Thread(target=restore)
    worker.start()
    try:
        with psycopg.connect(company, autocommit=True) as watch:
            for _ in range(300):  # the restore has dropped and made objects and now waits
                waiting = watch.execute("SELECT count(*) FROM pg_stat_activity WHERE "
                                        "application_name = 'magdesk restore' AND "
                                        "wait_event_type = 'Lock' AND datname = "
                                        "current_database()").fetchone()[0]
                if waiting:
                    break
                time.sleep(0.1)
            assert waiting
            psql = _child("psql")
            assert psql
            os.kill(psql, signal.SIGKILL)
            worker.join(30)
            holder.close()
            for _ in range(300):  # its server session ends, rolling back
                if not watch.execute("SELECT count(*) FROM pg_stat_activity WHERE "
                                     "application_name = 'magdesk restore' AND "
                                     "datname = current_database()").fetchone()[0]:
                    break
                time.sleep(0.1)
    finally:
        holder.close()
        worker.join(30)
    assert outcome["error"].code == "pg.tool_failed"
    assert _state(company) == changed


def test_a_damaged_dump_is_refused_before_the_database_is_touched(company, tmp_path):
    point = points.take(company, "manual", root=tmp_path)
    _change(company)
    changed = _state(company)
    data = point.path.read_bytes()
    point.path.write_bytes(data[:len(data) // 2])
    with pytest.raises(ServerError) as failed:
        points.restore(company, point, root=tmp_path)
    assert failed.value.args[0].params["tool"] == "pg_restore"
    assert _state(company) == changed


def test_a_missing_program_is_said_and_nothing_is_written(company, tmp_path, monkeypatch):
    monkeypatch.setattr(tools, "VERSIONED", str(tmp_path / "none" / "*" / "bin"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ServerError) as failed:
        points.take(company, "manual", root=tmp_path / "data")
    reason = failed.value.args[0]
    assert reason.code == "pg.no_tool" and reason.params["tool"] == "pg_dump"
    assert "postgresql-client" in reason.message("en") and "pg_dump" in reason.message("zh")
    assert [p for p in (tmp_path / "data").rglob("*") if p.is_file()] == []


def test_an_unreachable_server_or_a_locked_table_writes_no_point(company, tmp_path):
    with pytest.raises(ServerError) as refused:
        points.take("postgresql://clerk:s3cret@127.0.0.1:1/company", "manual", root=tmp_path)
    assert refused.value.args[0].code == "pg.cannot_connect"
    assert "s3cret" not in refused.value.args[0].message("zh")
    with psycopg.connect(company) as locker:
        locker.execute("LOCK TABLE sale_out IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(ServerError) as failed:
            points.take(company, "manual", root=tmp_path, lock_timeout=0.5)
    assert failed.value.args[0].code == "pg.point_failed"
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_old_points_rotate_but_the_last_of_a_filed_month_stays(company, tmp_path):
    first = points.take(company, "one", root=tmp_path, keep=2)
    with psycopg.connect(company) as pg:
        pg.execute("INSERT INTO period (period, state, revision, filed_on, receipt_no) "
                   "VALUES ('2026-01', 'FILED', 1, '2026-02-05', 'R-1')")
        filed = points.take(company, "two", root=tmp_path, keep=2)
        assert filed.filed == ()  # (not committed yet)
    filed = points.take(company, "two", root=tmp_path, keep=2)
    assert filed.filed == ("2026-01@1",)
    with psycopg.connect(company) as pg:  # amended: later points hold revision 2
        pg.execute("UPDATE period SET revision = 2 WHERE period = '2026-01'")
    later = [points.take(company, f"n{n}", root=tmp_path, keep=2) for n in range(3)]
    assert later[0].filed == ("2026-01@2",)
    assert points.list_points(company, root=tmp_path) == [later[2], later[1], filed]
    assert not first.path.with_suffix(".json").exists()


def test_the_program_of_the_servers_version_is_chosen(tmp_path, monkeypatch):
    for major in (13, 14, 16):
        folder = tmp_path / "postgresql" / str(major) / "bin"
        folder.mkdir(parents=True)
        (folder / "pg_dump").write_text("#!/bin/sh\n")
        (folder / "pg_dump").chmod(0o755)
    monkeypatch.setattr(tools, "VERSIONED", str(tmp_path / "postgresql" / "*" / "bin"))
    assert tools.find("pg_dump", 14) == tmp_path / "postgresql" / "14" / "bin" / "pg_dump"
    # none of 15: a newer one reads it, an older one would not
    assert tools.find("pg_dump", 15) == tmp_path / "postgresql" / "16" / "bin" / "pg_dump"
    monkeypatch.setenv("PATH", str(tmp_path / "postgresql" / "13" / "bin"))
    assert tools.find("pg_dump", 17) == tmp_path / "postgresql" / "13" / "bin" / "pg_dump"
