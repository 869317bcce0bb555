"""Translations of SQLite's SQL for a server (``postgres.dialect``) that the
tests on both back ends found wanting."""

from magdesk.storage.postgres.dialect import translate


def test_like_becomes_ilike_but_a_parameter_named_like_stays():
    sql = "SELECT id FROM counterparty WHERE name_cn LIKE :like OR uscc like :like"
    assert translate(sql) == ("SELECT id FROM counterparty WHERE name_cn ILIKE %(like)s "
                              "OR uscc ILIKE %(like)s")
    assert translate("SELECT 1 WHERE a ILIKE ?") == "SELECT 1 WHERE a ILIKE %s"
    assert translate("SELECT 1 WHERE a NOT LIKE ? AND b = 'LIKE'") == \
        "SELECT 1 WHERE a NOT ILIKE %s AND b = 'LIKE'"
