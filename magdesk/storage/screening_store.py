"""The restricted-party lists kept in the company's file (schema v7): read
for screening (core/screening.py), replaced list by list when the clerk
imports an update (after a restore point, in one bulk transaction that the
audit trail summarises in one entry)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..core.screening import ListedParty
from .db import Database


@dataclass(frozen=True)
class ListInfo:
    list_name: str
    entries: int
    newest_listed: str  # the latest date listed ("" when none given)
    imported_at: str


class ScreeningStore:
    def __init__(self, db: Database):
        self.db = db

    def parties(self) -> list[ListedParty]:
        rows = self.db.conn.execute(
            "SELECT id, name, other_names, country, list_name, date_listed, source "
            "FROM screening_entry ORDER BY id")
        return [ListedParty(i, name, tuple(n for n in others.split("\n") if n), country, lst,
                            date.fromisoformat(listed) if listed else None, source)
                for i, name, others, country, lst, listed, source in rows]

    def mark(self) -> tuple[int, int, str]:
        """What tells one state of the lists from another (entries, last id,
        last import), cheaply: the screen built from them is kept until it changes."""
        return tuple(self.db.conn.execute(
            "SELECT count(*), coalesce(max(id), 0), coalesce(max(imported_at), '') "
            "FROM screening_entry").fetchone())

    def lists(self) -> list[ListInfo]:
        return [ListInfo(*row) for row in self.db.conn.execute(
            "SELECT list_name, count(*), coalesce(max(date_listed), ''), max(imported_at) "
            "FROM screening_entry GROUP BY list_name ORDER BY list_name")]

    def replace_lists(self, parties: list[ListedParty], note: str) -> dict[str, int]:
        """Put ``parties`` in place of every list they name (other lists stay);
        returns the entries per list."""
        names = sorted({p.list_name for p in parties})
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        self.db.snapshot(f"before importing screening list {', '.join(names)}")
        with self.db.bulk(note), self.db.write() as conn:
            conn.executemany("DELETE FROM screening_entry WHERE list_name = ?",
                             [(n,) for n in names])
            conn.executemany(
                "INSERT INTO screening_entry (list_name, name, other_names, country, "
                "date_listed, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(p.list_name, p.name, "\n".join(p.other_names), p.country,
                  p.date_listed.isoformat() if p.date_listed else None, p.source, now)
                 for p in parties])
        return {n: sum(p.list_name == n for p in parties) for n in names}
