"""Records by id range, for undoing an import as one step: the rows an import
added are numbered in a row by SQLite, so ``first..last`` names them exactly."""

from __future__ import annotations

from ..core import model as M
from .repository import TABLES, Repository, key_of


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
    tables = [r[0] for r in repo.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        links = repo.conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
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
