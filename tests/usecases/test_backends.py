"""``copy_database``: a file to a server and back by the sides' names; two
files or two servers are not a copy between back ends."""

import sqlite3

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
