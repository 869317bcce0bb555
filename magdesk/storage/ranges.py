"""Records by id range, for undoing an import as one step: the rows an import
added are numbered past every id there was (by SQLite, or by a server's
identity under the company's write lock), so ``first..last`` names them."""

from __future__ import annotations

import sqlite3
from functools import cache

from ..core import model as M
from .repository import TABLES, Repository, key_of
from .schema_latest import MASTER


def batch_inputs(repo: Repository, batch_id: int) -> list[M.BatchInput]:
    """A batch's input lines."""
    return list(repo.iter("batch_input", where="batch_id = ?", params=(batch_id,)))


def records_between(repo: Repository, entity: str, first: int, last: int) -> list:
    """The records whose id is in ``first..last`` (licences with consignees)."""
    records = list(repo.iter(entity, where="id BETWEEN ? AND ?", params=(first, last)))
    if entity == "licence" and records:
        records = repo._with_consignees(records)
    return records


def batch_inputs_between(repo: Repository, first: int, last: int) -> list[M.BatchInput]:
    """The input lines of the batches whose id is in ``first..last``."""
    return list(repo.iter("batch_input", where="batch_id BETWEEN ? AND ?",
                          params=(first, last)))


def delete_between(repo: Repository, entity: str, first: int, last: int) -> int:
    """Delete the records whose id is in ``first..last`` (their own lines go
    with them: a batch's inputs, a licence's consignee links); how many."""
    with repo._tx() as conn:
        return conn.execute(f"DELETE FROM {TABLES[entity].name} WHERE id BETWEEN ? AND ?",
                            (first, last)).rowcount


def first_reference(repo: Repository, entity: str, first: int, last: int
                    ) -> tuple[int, str, str] | None:
    """A record outside ``entity`` that refers to one whose id is in
    ``first..last``: (the referred id, the referring entity, its key), or None.
    Rows deleted with their parent (a batch's input lines, a licence's
    consignee links) speak for that parent, which is named."""
    target = TABLES[entity].name
    by_table = {t.name: t for t in TABLES.values()}
    for table, links in _links():
        owner = next(((r[2], r[3]) for r in links if r[6] == "CASCADE"), None)
        for _id, _seq, parent, column, _to, _upd, on_delete, _match in links:
            if parent != target or on_delete == "CASCADE":
                continue
            row = repo.conn.execute(
                f"SELECT {column}, {owner[1] if owner else 'id'} FROM {table} "
                f"WHERE {column} BETWEEN ? AND ? LIMIT 1", (first, last)).fetchone()
            if row is None:
                continue
            referring = by_table.get(owner[0] if owner else table)
            if referring is None:
                return row[0], table, str(row[1])
            return row[0], referring.entity, key_of(repo, referring.entity, row[1])
    return None


@cache
def _links() -> tuple[tuple[str, tuple[tuple, ...]], ...]:
    """Every table's foreign keys as ``PRAGMA foreign_key_list`` gives them,
    read from the schema's definition (the one a file is held to on opening
    and a server's keys are made from): the same for both back ends, and no
    catalogue a server has not."""
    probe = sqlite3.connect(":memory:")
    try:
        names = sorted(name for kind, name, _t, _s in MASTER
                       if kind == "table" and not name.startswith("sqlite_"))
        for kind, name, _table, sql in MASTER:
            if name in names and kind == "table":
                probe.execute(sql)
        return tuple((name, tuple(probe.execute(f"PRAGMA foreign_key_list({name})")))
                     for name in names)
    finally:
        probe.close()
