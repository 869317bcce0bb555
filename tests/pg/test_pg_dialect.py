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


def test_a_numbered_parameter_stands_for_its_value_each_time():
    from magdesk.storage.postgres.dialect import params

    sql = "SELECT 1 FROM t WHERE a LIKE ?1 OR b LIKE ?1 OR c = ?2 OR d = '?3'"
    assert translate(sql) == "SELECT 1 FROM t WHERE a ILIKE %s OR b ILIKE %s OR c = %s OR d = '?3'"
    assert params(sql, ("%x%", 7)) == ("%x%", "%x%", 7)
    assert params("SELECT ?, ?", (1, 2)) == (1, 2)
    assert params("SELECT :a", {"a": 1}) == {"a": 1}
