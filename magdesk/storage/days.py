"""Whether a date column holds a real day, as SQL of either back end: the
same term in the query and in the partial index of the rows that hold
none, so that a planner finds those few rows through the index."""

from __future__ import annotations

# date() without 'now' gives the same day for the same text: SQLite allows
# it in a partial index.
SQLITE_REAL_DAY = "date(date) = date"

# The server's dates are text as written; every function here is IMMUTABLE.
PG_REAL_DAY = (
    "date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND substr(date, 6, 2) BETWEEN '01' AND '12'"
    " AND substr(date, 9, 2) BETWEEN '01' AND CASE substr(date, 6, 2) WHEN '02' "
    "THEN '28' WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' "
    "WHEN '11' THEN '30' ELSE '31' END")

UNDATED_INDEX = "sale_out_undated"


def undated_index(real_day: str) -> str:
    """The partial index of the sales whose date is no real day."""
    return f"CREATE INDEX {UNDATED_INDEX} ON sale_out(date) WHERE ({real_day}) IS NOT TRUE"
