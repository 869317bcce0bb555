"""SQLite's SQL as the server runs it (storage/postgres/dialect.py): each
rule on its own, then run on a real server where the meaning matters."""

import pytest

from magdesk.storage.postgres.dialect import translate

KEYS = {"filing_snapshot": (("period", "revision"), ("period", "revision", "data", "at"))}


@pytest.mark.parametrize(("sqlite", "server"), [
    ("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = %s AND c = %s"),
    ("SELECT a FROM t WHERE b = :name", "SELECT a FROM t WHERE b = %(name)s"),
    ("SELECT '?', ':x', 'a%b' FROM t WHERE a = ?", "SELECT '?', ':x', 'a%%b' FROM t WHERE a = %s"),
    ("SELECT a % 2 FROM t", "SELECT a %% 2 FROM t"),
    ("BEGIN IMMEDIATE", "BEGIN"),
    ("SELECT group_concat(a, '; ') FROM t", "SELECT string_agg(a, '; ') FROM t"),
    ("SELECT instr(a, 'x') FROM t", "SELECT strpos(a, 'x') FROM t"),
    ("SELECT max(a, b), max(c), min(a, coalesce(b, 0)) FROM t",
     "SELECT greatest(a, b), max(c), least(a, coalesce(b, 0)) FROM t"),
    ("SELECT json_extract(l.new, '$.batch_id') FROM l", "SELECT (l.new::json ->> 'batch_id') FROM l"),
    ("SELECT a FROM t WHERE b LIKE ?", "SELECT a FROM t WHERE b ILIKE %s"),
    ("SELECT a FROM t ORDER BY a, b DESC LIMIT 5",
     "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST LIMIT 5"),
    ("SELECT (SELECT x FROM u ORDER BY x DESC LIMIT 1) FROM t ORDER BY a",
     "SELECT (SELECT x FROM u ORDER BY x DESC NULLS LAST LIMIT 1) FROM t ORDER BY a NULLS FIRST"),
    ("INSERT OR IGNORE INTO t VALUES (?)", "INSERT INTO t VALUES (%s) ON CONFLICT DO NOTHING"),
    ("INSERT OR REPLACE INTO filing_snapshot VALUES (?, ?, ?, ?)",
     "INSERT INTO filing_snapshot VALUES (%s, %s, %s, %s) ON CONFLICT (period, revision) "
     "DO UPDATE SET data = excluded.data, at = excluded.at"),
])
def test_each_rule(sqlite, server):
    assert translate(sqlite, KEYS) == server


def test_a_sort_by_a_column_never_null_keeps_its_index_but_not_under_a_left_join():
    never = frozenset({"id", "date", "licence_no"})
    assert translate("SELECT t.id FROM t ORDER BY t.date DESC, t.id LIMIT 2", {}, never) == \
        "SELECT t.id FROM t ORDER BY t.date DESC, t.id LIMIT 2"
    assert translate("SELECT x FROM t ORDER BY t.amount", {}, never) == \
        "SELECT x FROM t ORDER BY t.amount NULLS FIRST"
    # a licence left joined may be missing: its number is then NULL, first as in SQLite
    left = "SELECT t.id FROM t LEFT JOIN l ON l.id = t.lid ORDER BY l.licence_no, t.date, t.id"
    assert translate(left, {}, never).endswith(
        "ORDER BY l.licence_no NULLS FIRST, t.date, t.id")


def test_a_replace_into_a_table_of_unknown_key_is_refused_not_guessed():
    with pytest.raises(ValueError):
        translate("INSERT OR REPLACE INTO nowhere VALUES (?)", KEYS)


def test_on_a_server_nulls_sort_and_text_matches_as_in_sqlite(pg_url):
    import sqlite3

    import psycopg

    rows = [(1, None, "Abc"), (2, "b", "abd"), (3, "a", None)]
    queries = ["SELECT id FROM t ORDER BY x", "SELECT id FROM t ORDER BY x DESC",
               "SELECT id FROM t WHERE y LIKE 'ab%' ORDER BY id",
               "SELECT group_concat(y, ',') FROM (SELECT y FROM t ORDER BY id) AS s"]
    lite = sqlite3.connect(":memory:")
    lite.execute("CREATE TABLE t (id INTEGER, x TEXT, y TEXT)")
    lite.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    with psycopg.connect(pg_url, autocommit=True) as pg:
        pg.execute("CREATE TABLE t (id bigint, x text, y text)")
        pg.cursor().executemany("INSERT INTO t VALUES (%s, %s, %s)", rows)
        for query in queries:
            assert pg.execute(translate(query), ()).fetchall() == \
                lite.execute(query).fetchall(), query


def test_text_on_a_server_sorts_by_its_bytes_as_in_sqlite(pg_demo, pg_url):
    import sqlite3

    import psycopg

    from magdesk import usecases

    usecases.copy_database(pg_demo, pg_url)
    query = "SELECT name_cn FROM counterparty ORDER BY name_en, name_cn"
    with psycopg.connect(pg_url) as pg, sqlite3.connect(pg_demo) as lite:
        assert pg.execute(translate(query), ()).fetchall() == lite.execute(query).fetchall()
        collations = {r[0] for r in pg.execute(
            "SELECT DISTINCT collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type = 'text' "
            "AND table_name NOT IN ('magdesk_meta', 'attachment_blob')")}
    assert collations == {"C"}
