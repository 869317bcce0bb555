"""``copy_database``: a file to a server and back by the sides' names; two
files or two servers are not a copy between back ends.  A server's restore
points and users, through the use cases."""

import sqlite3

import psycopg
import pytest

from magdesk import usecases
from magdesk.storage.db import StorageError


def test_copy_database_goes_to_the_server_and_back(pg_demo, pg_url, tmp_path):
    assert usecases.is_server(pg_url) and not usecases.is_server(pg_demo)
    there = usecases.copy_database(pg_demo, pg_url)
    back = tmp_path / "back.sqlite"
    again = usecases.copy_database(pg_url, back)
    assert again.rows == there.rows and again.target == str(back)
    with sqlite3.connect(back) as a, sqlite3.connect(pg_demo) as b:
        query = "SELECT * FROM sale_out ORDER BY id"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_two_files_or_two_servers_are_refused(pg_demo, pg_url, tmp_path):
    for source, target, code in ((pg_demo, tmp_path / "x.sqlite", "pg.two_files"),
                                 (pg_url, pg_url, "pg.same"),
                                 (pg_url, pg_url + "_other", "pg.two_servers")):
        with pytest.raises(StorageError) as refused:
            usecases.copy_database(source, target)
        assert refused.value.args[0].code == code
    assert list(tmp_path.iterdir()) == []


def test_a_server_point_is_taken_listed_and_restored_by_name(pg_demo, pg_url, tmp_path):
    usecases.copy_database(pg_demo, pg_url)
    point = usecases.take_server_point(pg_url, "before the audit", root=tmp_path)
    assert point.where == usecases.server_where(pg_url) and "@" in point.where
    with psycopg.connect(pg_url) as pg:
        pg.execute("DELETE FROM attachment")
    assert usecases.list_server_points(pg_url, root=tmp_path) == [point]
    report = usecases.restore_server_point(pg_url, point.name, root=tmp_path, lock_timeout=5)
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT count(*) FROM attachment").fetchone()[0] == 2
    assert report.before.counts["attachment"] == 0
    assert usecases.list_server_points(pg_url, root=tmp_path) == [report.before, point]
    with pytest.raises(StorageError) as missing:
        usecases.restore_server_point(pg_url, "no-such-point", root=tmp_path)
    assert missing.value.args[0].code == "pg.no_point"


def test_server_users_are_added_moved_listed_and_dropped(pg_demo, pg_url, pg_server):
    usecases.copy_database(pg_demo, pg_url)
    usecases.install_server_roles(pg_url)
    usecases.install_server_roles(pg_url)  # again: nothing changes, nothing refused
    try:
        added = usecases.add_server_user(pg_url, "uc_clerk", "clerk", "pw")
        assert (added.name, added.role) == ("uc_clerk", "clerk")
        assert usecases.set_server_user_role(pg_url, "uc_clerk", "filer").role == "filer"
        assert [(u.name, u.role) for u in usecases.list_server_users(pg_url)] == [
            ("uc_clerk", "filer")]
        assert usecases.drop_server_user(pg_url, "uc_clerk") is True
        assert usecases.list_server_users(pg_url) == []
    finally:
        database = pg_url.rsplit("/", 1)[1]
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            admin.execute("DROP ROLE IF EXISTS uc_clerk")
            for role in ("clerk", "filer", "admin"):
                admin.execute(f"DROP ROLE IF EXISTS magdesk_{database}_{role}")
