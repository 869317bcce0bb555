"""SQLite's SQL as PostgreSQL's: the statements magdesk's storage code
writes once, for SQLite, run on a server after ``translate``.

What differs between the two for the SQL magdesk writes, and becomes here:

- parameters: ``?`` and ``:name`` → ``%s`` and ``%(name)s`` (a ``%`` of the
  text doubled, as psycopg reads ``%`` as a parameter's start); a numbered
  ``?1`` → ``%s`` each time it stands, its value repeated by ``params``;
- ``BEGIN IMMEDIATE`` → ``BEGIN`` (the writer's turn is an advisory lock:
  ``server.ServerDatabase.write``);
- ``INSERT OR REPLACE`` / ``INSERT OR IGNORE`` → ``INSERT … ON CONFLICT
  (the table's key) DO UPDATE SET every other column`` / ``DO NOTHING``;
- functions: ``group_concat`` → ``string_agg``, ``instr`` → ``strpos``,
  ``min(a, b)`` / ``max(a, b)`` (two arguments) → ``least`` / ``greatest``,
  ``json_extract(x, '$.k')`` → ``(x::json ->> 'k')``;
- ``LIKE`` → ``ILIKE`` (SQLite's LIKE ignores the case of ASCII letters);
- ``ORDER BY`` terms get SQLite's place for NULL: first going up, last
  going down (PostgreSQL's is the other way round), so that a page, a
  workbook and a keyset continue in the same order on both.

Literals (``'…'``) and quoted names (``"…"``) are set aside before and put
back after, so nothing inside them is changed.  Each distinct text is
translated once (a cache).  SQL a server cannot run at all (``PRAGMA``,
``sqlite_master``) is refused by the connection (``server.py``), never
guessed at: storage code asks the back end in those places.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_SLOT = "\x00{}\x00"
_PARAM = re.compile(r"\?\d*|(?<![:\w]):([A-Za-z_]\w*)")
_NUMBERED = re.compile(r"\?(\d+)")
_BEGIN = re.compile(r"^\s*BEGIN(\s+(IMMEDIATE|DEFERRED|EXCLUSIVE))?(\s+TRANSACTION)?\s*;?\s*$",
                    re.IGNORECASE)
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(REPLACE|IGNORE)\s+INTO\s+(\w+)", re.IGNORECASE)
_RENAMED = {"group_concat": "string_agg", "instr": "strpos"}
_FUNCTION = re.compile(r"\b(group_concat|instr)\s*\(", re.IGNORECASE)
_TWO_ARG = re.compile(r"\b(min|max)\s*\(", re.IGNORECASE)
_JSON_EXTRACT = re.compile(r"\bjson_extract\(\s*([\w.]+)\s*,\s*\x00(\d+)\x00\s*\)", re.IGNORECASE)
# not ILIKE itself, nor a parameter named like (``:like``, ``%(like)s``)
_LIKE = re.compile(r"(?<![\w:(])LIKE\b", re.IGNORECASE)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT|WINDOW|FOR|RETURNING)\b"
                        r"|;", re.IGNORECASE)
_COLUMN = re.compile(r"(?:(\w+)\.)?(\w+)")
_LEFT_JOIN = re.compile(r"\bLEFT\s+(?:OUTER\s+)?JOIN\b", re.IGNORECASE)
_DIRECTION = re.compile(r"\s+(ASC|DESC)\s*$", re.IGNORECASE)


def translate(sql: str, keys: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
              | None = None, never_null: frozenset[str] = frozenset()) -> str:
    """``sql`` (SQLite's) as PostgreSQL's; ``keys`` maps a table to (its key
    columns, all its columns), for ``INSERT OR REPLACE``; a sort by a column
    of ``never_null`` gets no NULLS clause (NULLs need no place, and the
    column's index serves the sort as it is)."""
    return _translate(sql, tuple(sorted((keys or {}).items())), never_null)


@lru_cache(maxsize=4096)
def _translate(sql: str, keys: tuple, never_null: frozenset = frozenset()) -> str:
    if _BEGIN.match(sql):
        return "BEGIN"
    literals: list[str] = []

    def aside(match: re.Match) -> str:
        literals.append(match.group(0))
        return _SLOT.format(len(literals) - 1)

    code = _LITERAL.sub(aside, sql)
    code = code.replace("%", "%%")
    code = _PARAM.sub(lambda m: "%s" if m.group(0)[0] == "?" else f"%({m.group(1)})s", code)
    code = _insert_or(code, dict(keys))
    code = _FUNCTION.sub(lambda m: _RENAMED[m.group(1).lower()] + "(", code)
    code = _two_argument_min_max(code)
    code = _JSON_EXTRACT.sub(lambda m: _json_path(m, literals), code)
    code = _LIKE.sub("ILIKE", code)
    code = _order_by_nulls(code, never_null)
    # psycopg reads a % inside a literal as a parameter's start too
    return re.sub(r"\x00(\d+)\x00", lambda m: literals[int(m.group(1))].replace("%", "%%"),
                  code)


def params(sql: str, given):
    """The parameters of ``sql`` as its translation takes them: SQLite's
    numbered ``?1`` may stand several times for one value, a server's
    ``%s`` once each, so the values are repeated in the order they stand."""
    numbers = _numbers(sql)
    if not numbers or isinstance(given, dict):
        return given
    values = tuple(given)
    return tuple(values[n - 1] for n in numbers)


@lru_cache(maxsize=1024)
def _numbers(sql: str) -> tuple[int, ...]:
    code = _LITERAL.sub("''", sql)
    return tuple(int(n) for n in _NUMBERED.findall(code))


def _insert_or(code: str, keys: dict) -> str:
    found = _INSERT_OR.match(code)
    if not found:
        return code
    verb, table = found.group(1).upper(), found.group(2)
    code = code[:found.start()] + f"INSERT INTO {table}" + code[found.end():]
    if verb == "IGNORE":
        return code.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    if table not in keys:
        raise ValueError(f"INSERT OR REPLACE INTO {table}: its key is not known")
    key, columns = keys[table]
    others = [c for c in columns if c not in key]
    update = ", ".join(f"{c} = excluded.{c}" for c in others)
    action = f"DO UPDATE SET {update}" if others else "DO NOTHING"
    return code.rstrip().rstrip(";") + f" ON CONFLICT ({', '.join(key)}) {action}"


def _closing(code: str, start: int) -> tuple[int, list[int]]:
    """The index of the parenthesis closing the one before ``start``, and
    the indexes of the commas at its own level."""
    depth, commas = 0, []
    for i in range(start, len(code)):
        ch = code[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i, commas
            depth -= 1
        elif ch == "," and depth == 0:
            commas.append(i)
    raise ValueError(f"unbalanced parentheses in: {code}")


def _two_argument_min_max(code: str) -> str:
    out, at = [], 0
    for found in _TWO_ARG.finditer(code):
        if found.start() < at:
            continue
        _end, commas = _closing(code, found.end())
        if commas:
            name = "least" if found.group(1).lower() == "min" else "greatest"
            out.append(code[at:found.start()] + name + "(")
            at = found.end()
    out.append(code[at:])
    return "".join(out)


def _json_path(match: re.Match, literals: list[str]) -> str:
    path = literals[int(match.group(2))]
    if not re.fullmatch(r"'\$\.\w+'", path):
        raise ValueError(f"json_extract path {path} has no translation")
    return f"({match.group(1)}::json ->> '{path[3:-1]}')"


def _order_by_nulls(code: str, never_null: frozenset = frozenset()) -> str:
    """Every ``ORDER BY`` term with SQLite's place for NULL."""
    allowed = _Aliases({None, "t"}) if _LEFT_JOIN.search(code) else _Aliases(None)
    out, at = [], 0
    for found in _ORDER_BY.finditer(code):
        if found.start() < at:
            continue
        start = found.end()
        end, commas = _closing(code + ")", start)  # the term list ends at its level's ")"
        stop = _ORDER_END.search(code, start, end)
        end = stop.start() if stop else end
        commas = [c for c in commas if c < end]
        terms, prev = [], start
        for cut in (*commas, end):
            terms.append(_with_nulls(code[prev:cut], never_null, allowed))
            prev = cut + 1
        out.append(code[at:start] + ",".join(terms))
        at = end
    out.append(code[at:])
    return "".join(out)


def _with_nulls(term: str, never_null: frozenset = frozenset(), allowed=None) -> str:
    """``term`` with SQLite's place for NULL, unless it is a column that is
    never NULL (in ``never_null``) of a table no LEFT JOIN may leave out
    (``allowed``: any alias, or under a LEFT JOIN only ``t``, the table a
    page is read from, or none)."""
    if re.search(r"\bNULLS\s+(FIRST|LAST)\b", term, re.IGNORECASE) or not term.strip():
        return term
    body = term.rstrip()
    tail = term[len(body):]
    direction = _DIRECTION.search(body)
    column = _COLUMN.fullmatch((body[:direction.start()] if direction else body).strip())
    if column and column.group(2) in never_null and column.group(1) in (allowed or _Aliases(None)):
        return term
    nulls = "NULLS LAST" if direction and direction.group(1).upper() == "DESC" else "NULLS FIRST"
    return f"{body} {nulls}{tail}"


class _Aliases:
    """The table aliases whose never-NULL columns need no NULLS clause (None:
    every alias)."""

    def __init__(self, names: set | None):
        self.names = names

    def __contains__(self, alias) -> bool:
        return self.names is None or alias in self.names
