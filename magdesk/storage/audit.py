"""The audit trail, Python side: who is writing (the session row the triggers
read), sealing new entries into a hash chain, verifying the chain, and reading
the history of a record.  The triggers themselves are in migrations.py (v3).

The chain: entry ``n`` is sealed by a row of ``audit_seal`` with the same
number, carrying ``prev_hash`` (the ``entry_hash`` of entry ``n - 1``; 64 zeros
for the first) and ``entry_hash`` = SHA-256 of the canonical JSON of the
entry's content, how it was sealed and ``prev_hash``.  ``audit_head`` keeps the
last entry magdesk sealed, so cutting entries off the end shows too.

An entry is sealed ``tx`` by the magdesk transaction that wrote it, just before
it commits, or ``late`` when magdesk finds it unsealed (written by another
program; the triggers record that with ``app = 0``).  An entry that says it
was written by magdesk but was sealed late was not written by magdesk.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .. import text
from .db import has_audit, needs_sealing  # noqa: F401 (what opening a file asks; there)
from .migrations import AUDITED

GENESIS = "0" * 64
_CONTENT = "seq, at, app, clerk, os_user, action, entity, record, record_key, old, new"
_TRIGGER_PREFIX = "audit\\_%"


def entry_hash(content: tuple, seal: str, prev_hash: str) -> str:
    """SHA-256 (hex) of an entry's canonical serialisation: its content columns
    in order, then its seal kind and the previous entry's hash, as compact JSON."""
    from hashlib import sha256  # (OpenSSL loads when a write seals, not when a file opens)

    text = json.dumps([*content, seal, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return sha256(text.encode("utf-8")).hexdigest()


# --- writing ---------------------------------------------------------------------------


def begin(conn: sqlite3.Connection, clerk: str, os_user: str) -> int:
    """Inside a magdesk write transaction: mark what follows as magdesk's and by
    whom.  Returns the number of the last entry before the transaction."""
    conn.execute("UPDATE audit_session SET app = 1, clerk = ?, os_user = ? WHERE id = 1",
                 (clerk, os_user))
    return conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]


def finish(conn: sqlite3.Connection, since: int) -> None:
    """Before the transaction commits: seal its entries, empty the session row
    (so writes of other programs are not taken for magdesk's)."""
    seal(conn, since)
    conn.execute("UPDATE audit_session SET app = 0, clerk = '', os_user = '' WHERE id = 1")


def record_event(conn: sqlite3.Connection, action: str, entity: str, record: str,
                 new: dict | None = None, key: str | None = None) -> None:
    """An entry written by magdesk itself (a bulk summary, a restore, the start
    of the trail), inside a write transaction after ``begin``."""
    conn.execute(
        "INSERT INTO audit_log (at, app, clerk, os_user, action, entity, record, record_key, "
        "old, new) SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), app, clerk, os_user, ?, ?, ?, "
        "?, NULL, ? FROM audit_session WHERE id = 1",
        (action, entity, record, key,
         json.dumps(new, ensure_ascii=False, sort_keys=True) if new is not None else None))


def seal(conn: sqlite3.Connection, own_since: int | None = None) -> int:
    """Seal every entry after the last sealed one, in order; entries numbered
    above ``own_since`` were written by the current magdesk transaction.  Must
    run inside a write transaction.  Returns how many were sealed."""
    last = conn.execute(
        "SELECT seq, entry_hash FROM audit_seal ORDER BY seq DESC LIMIT 1").fetchone()
    last_seq, prev = last if last else (0, GENESIS)
    cursor = conn.execute(f"SELECT {_CONTENT} FROM audit_log WHERE seq > ? ORDER BY seq",
                          (last_seq,))
    sealed, end = 0, None
    # Written a chunk at a time: a file another program filled with a million
    # entries is sealed in bounded memory.
    while rows := cursor.fetchmany(5000):
        seals = []
        for row in rows:
            kind = "tx" if own_since is not None and row[0] > own_since else "late"
            digest = entry_hash(row, kind, prev)
            seals.append((row[0], kind, prev, digest))
            prev = digest
        conn.executemany("INSERT INTO audit_seal VALUES (?, ?, ?, ?)", seals)
        sealed, end = sealed + len(seals), (seals[-1][0], seals[-1][3])
    if end is None:
        return 0
    head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    # Move the head only along an intact end of the chain: a head that no longer
    # matches the last sealed entry is evidence, and stays for verify to report.
    if head is not None and tuple(head) == (last_seq, last[1] if last else GENESIS):
        conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", end)
    return sealed


def suspend_triggers(conn: sqlite3.Connection) -> list[str]:
    """Inside a write transaction: drop the audit triggers (a bulk operation
    records one summary instead); ``resume_triggers`` creates them again before
    the commit, and a rollback brings them back by itself."""
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
        (_TRIGGER_PREFIX,)).fetchall()
    for name, _sql in saved:
        conn.execute(f"DROP TRIGGER {name}")
    return [sql for _name, sql in saved]


def resume_triggers(conn: sqlite3.Connection, saved: list[str]) -> None:
    for sql in saved:
        conn.execute(sql)


def entry_count(conn: sqlite3.Connection) -> int:
    """How many entries the audit trail holds."""
    return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def _present(conn: sqlite3.Connection) -> list[str]:
    """The audited tables the file has (a migration midway has those of its step)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in AUDITED if t in tables]


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _present(conn)}


def last_ids(conn: sqlite3.Connection) -> dict[str, int]:
    """The largest id of every table with numbered records (a bulk operation's
    new records are those above it)."""
    return {t: conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]
            for t in _present(conn) if AUDITED[t][0] == "{r}.id"}


def bulk_summary(note: str, counts: tuple[dict, dict], after: tuple[dict, dict]) -> dict:
    """What a bulk operation did: rows added (or removed) per table and the
    ids of the records it added, so a record's history can name it."""
    (rows0, ids0), (rows1, ids1) = counts, after
    return {"note": note,
            "rows": {t: rows1[t] - rows0[t] for t in rows1 if rows1[t] != rows0[t]},
            "ids": {t: [ids0[t] + 1, ids1[t]] for t in ids1 if ids1[t] > ids0[t]}}


# --- verifying ---------------------------------------------------------------------------


@dataclass
class VerifyReport:
    entries: int = 0
    sealed: int = 0
    outside: int = 0  # entries written by other programs (sealed late or pending)
    pending: int = 0  # not sealed yet (a read-only session cannot seal)
    head: int = 0
    broken_at: int | None = None  # the number of the first broken entry
    problem: str = ""  # missing, link, content, forged, unsealed, head, no_head
    detail: str = ""  # in English; detail_code/params say it in the clerk's language
    detail_code: str = ""  # the catalogue's audit.detail.<code>
    detail_params: dict = field(default_factory=dict)

    def detail_text(self, lang: str = "zh") -> str:
        """What broke, in ``lang``; empty for an intact trail."""
        if not self.detail_code:
            return ""
        return text.say(f"audit.detail.{self.detail_code}", lang, **self.detail_params)

    @property
    def ok(self) -> bool:
        return self.broken_at is None and not self.problem

    def as_dict(self) -> dict:
        return {"ok": self.ok, **self.__dict__}


def verify(conn: sqlite3.Connection) -> VerifyReport:
    """Recompute the whole chain; the report names the first broken entry."""
    report = VerifyReport()
    head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    report.head = head[0] if head else 0
    problem, last_sealed = _walk(conn, report)
    if problem is None:
        problem = _orphan_seals(conn) or _head_problem(last_sealed, head)
    if problem is not None:
        report.broken_at, report.problem, report.detail_code, report.detail_params = problem
        report.detail = report.detail_text("en")
    return report


def _walk(conn, report: VerifyReport) -> tuple[tuple | None, tuple[int, str]]:
    """Entries in order: (the first problem or None, the last sealed entry)."""
    expected, prev, last_sealed, forged = 1, GENESIS, (0, GENESIS), None
    cursor = conn.execute(
        f"SELECT {', '.join('l.' + c for c in _CONTENT.split(', '))}, s.seal, s.prev_hash, "
        "s.entry_hash FROM audit_log l LEFT JOIN audit_seal s ON s.seq = l.seq ORDER BY l.seq")
    while rows := cursor.fetchmany(5000):
        for row in rows:
            content, (kind, prev_hash, digest) = row[:11], row[11:]
            seq, app = row[0], row[2]
            report.entries += 1
            if seq != expected:
                gap = ("missing_range", {"first": expected, "last": seq - 1}) \
                    if seq > expected + 1 else ("missing_one", {"first": expected})
                return (expected, "missing", gap[0],
                        {**gap[1], "seq": seq, "before": expected - 1}), last_sealed
            expected = seq + 1
            if digest is None:
                report.pending += 1
                report.outside += not app
                forged = forged or (seq if app else None)
                continue
            if report.pending:
                first = seq - report.pending
                return (first, "unsealed", "unsealed", {"seq": first}), last_sealed
            if prev_hash != prev:
                return (seq, "link", "link", {"seq": seq, "before": seq - 1}), last_sealed
            if entry_hash(content, kind, prev_hash) != digest:
                return (seq, "content", "content", {"seq": seq}), last_sealed
            if kind == "late" and app:
                return (seq, "forged", "forged_late", {"seq": seq}), last_sealed
            report.sealed += 1
            report.outside += kind == "late"
            prev, last_sealed = digest, (seq, digest)
    if forged is not None:  # magdesk seals its entries before they are committed
        return (forged, "forged", "forged_unsealed", {"seq": forged}), last_sealed
    return None, last_sealed


def _orphan_seals(conn) -> tuple | None:
    row = conn.execute(
        "SELECT s.seq FROM audit_seal s LEFT JOIN audit_log l ON l.seq = s.seq "
        "WHERE l.seq IS NULL ORDER BY s.seq LIMIT 1").fetchone()
    if row is None:
        return None
    return row[0], "missing", "orphan_seal", {"seq": row[0]}


def _head_problem(last_sealed: tuple[int, str], head) -> tuple | None:
    last_seq, last_hash = last_sealed
    if head is None:
        return last_seq or 1, "no_head", "no_head", {}
    if tuple(head) == (last_seq, last_hash):
        return None
    if head[0] > last_seq:
        if head[0] > last_seq + 1:
            return last_seq + 1, "missing", "cut_range", {"first": last_seq + 1, "last": head[0]}
        return last_seq + 1, "missing", "cut_one", {"seq": head[0]}
    return head[0] + 1 if head[0] < last_seq else head[0], "head", "head", {"seq": head[0]}


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime  # UTC
    app: bool  # written through magdesk (False: another program)
    clerk: str
    os_user: str
    action: str  # INSERT, UPDATE, DELETE, BULK, RESTORE, START
    entity: str  # table name
    record: str
    record_key: str | None
    changes: tuple[Change, ...] = field(default_factory=tuple)
    sealed: bool = True

    def as_dict(self) -> dict:
        return {**{k: v for k, v in self.__dict__.items() if k != "changes"},
                "at": self.at.isoformat(timespec="milliseconds"),
                "changes": [[c.field, c.old, c.new] for c in self.changes]}


def entries(conn: sqlite3.Connection, *, entity: str | None = None,
            records: tuple[str, ...] = (), key: str | None = None,
            limit: int | None = None, children: dict[str, str] | None = None
            ) -> Iterator[AuditEntry]:
    """Audit entries, newest first: all, of one table, of some records of it,
    or of a business key (a document number, code, name).  ``children`` maps a
    child table to the JSON field naming the parent record (a batch's input
    lines); their entries are included."""
    where, params = [], []
    if entity is not None:
        part = "l.entity = ?"
        params.append(entity)
        if records:
            part += f" AND l.record IN ({', '.join('?' * len(records))})"
            params += records
        for child, ref in (children or {}).items():
            # a number, whichever way the engine gives a JSON field (a server: text)
            part = (f"({part}) OR (l.entity = ? AND CAST(coalesce(json_extract(l.new, "
                    f"'$.{ref}'), json_extract(l.old, '$.{ref}')) AS INTEGER) "
                    f"IN ({', '.join('?' * len(records))}))")
            params += [child, *[int(r) for r in records]]
        where.append(f"({part})")
    if key is not None:
        where.append("(l.record_key = ? OR l.record = ?)")
        params += [key, key]
    sql = (f"SELECT {', '.join('l.' + c for c in _CONTENT.split(', '))}, s.seq IS NOT NULL "
           "FROM audit_log l LEFT JOIN audit_seal s ON s.seq = l.seq")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY l.seq DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    for row in conn.execute(sql, params):
        yield _entry(row)


def _entry(row) -> AuditEntry:
    seq, at, app, clerk, os_user, action, entity, record, key, old, new, sealed = row
    when = datetime.fromisoformat(at.replace("Z", "+00:00")) if at else datetime.fromtimestamp(
        0, UTC)
    return AuditEntry(seq, when, bool(app), clerk, os_user, action, entity, record, key,
                      _changes(action, old, new), bool(sealed))


def _changes(action: str, old: str | None, new: str | None) -> tuple[Change, ...]:
    try:
        before = json.loads(old) if old else {}
        after = json.loads(new) if new else {}
    except ValueError:  # an entry edited by hand: show the text as it is
        return (Change("?", old, new),)
    if not isinstance(before, dict) or not isinstance(after, dict):
        return (Change("?", before, after),)
    names = list(dict.fromkeys([*before, *after]))
    return tuple(Change(n, before.get(n), after.get(n)) for n in names)
