"""Whether a date column holds a real day, as SQL of either back end: the
same term in the query and in the partial index of the rows that hold
none, so that a planner finds those few rows through the index.

The rule is written out (the shape, a month 01-12, a day up to the month's
last, 29 February in a leap year only), not left to the engine: SQLite's
``date()`` takes any day 01-31 of any month as itself ('2026-02-30'), so a
sale on a day that does not exist was never looked at on a file, while the
server's rule was found so.  Text comparisons only: no cast that could fail
on text that is not a number, and every function IMMUTABLE on the server."""

from __future__ import annotations

# the years' last two digits of a leap year (and, for a century, its first two)
_LEAP = ", ".join(f"'{n:02d}'" for n in range(0, 100, 4))


def real_day(column: str = "date", server: bool = False) -> str:
    """SQL true when ``column`` is a day of the calendar as YYYY-MM-DD."""
    c = column
    shape = (f"{c} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$'" if server else
             f"{c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")
    leap = (f"substr({c}, 3, 2) IN ({_LEAP}) AND "
            f"(substr({c}, 3, 2) <> '00' OR substr({c}, 1, 2) IN ({_LEAP}))")
    return (f"{shape} AND {c} >= '0001' AND substr({c}, 6, 2) BETWEEN '01' AND '12'"
            f" AND substr({c}, 9, 2) BETWEEN '01' AND CASE substr({c}, 6, 2)"
            f" WHEN '02' THEN CASE WHEN {leap} THEN '29' ELSE '28' END"
            " WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30'"
            " WHEN '11' THEN '30' ELSE '31' END")


SQLITE_REAL_DAY = real_day("date")
PG_REAL_DAY = real_day("date", server=True)

UNDATED_INDEX = "sale_out_undated"


def undated_index(real_day: str) -> str:
    """The partial index of the sales whose date is no real day."""
    return f"CREATE INDEX {UNDATED_INDEX} ON sale_out(date) WHERE ({real_day}) IS NOT TRUE"
