"""Checking the audit chain against its anchors outside the file (anchors.py).

An anchor (entry ``seq`` had hash ``h``) matches when the file's seal of entry
``seq`` still carries ``h``: as every hash covers the one before, all entries
up to ``seq`` are then as they were when the anchor was taken.  An anchor
that does not match means the chain was rewritten (the hashes recomputed, so
that the chain alone looks intact); one beyond the last entry, that entries
were cut off.  A restore legitimately replaces the entries after the restored
copy's end: a restore recorded in the data folder's list, and matching, says
which older anchors it replaced, and those are not counted against the file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .anchors import Anchor


@dataclass(frozen=True)
class Checked:
    anchor: Anchor
    # match, differs, beyond (the chain ends before it), replaced (by a later
    # restore), other_file (another file's identity: not this file's anchor)
    status: str
    found: str = ""  # the file's hash of that entry ("" when there is none)

    def as_dict(self) -> dict:
        return {**self.anchor.as_dict(), "status": self.status, "found": self.found}


@dataclass
class AnchorReport:
    checked: list[Checked] = field(default_factory=list)
    last_entry: int = 0  # the last sealed entry of the file
    set_aside: list[Path] = field(default_factory=list)  # unreadable lists, renamed
    path: str = ""  # the file checked
    newest_match: Anchor | None = None
    disagreeing: Checked | None = None  # the first anchor the chain disagrees with
    first_after: int | None = None  # the first entry after the last matching anchor
    first_entry: dict | None = None  # that entry: when, what, by whom
    last_match: Anchor | None = None  # the last matching anchor before the disagreeing one
    changed_at: int | None = None  # the first entry differing from a copy of the file
    changed_in: str = ""  # that copy

    @property
    def ok(self) -> bool:
        return self.disagreeing is None

    @property
    def elsewhere(self) -> str:
        """The other path the disagreeing anchor was taken of, if it was: a
        copy of the file (same identity) worked on apart from it."""
        anchor = self.disagreeing.anchor if self.disagreeing else None
        if anchor is None or not anchor.file or not self.path:
            return ""
        return "" if Path(anchor.file) == Path(self.path) else anchor.file

    @property
    def rewritten(self) -> bool:
        return self.disagreeing is not None and self.disagreeing.status == "differs"

    def count(self, *statuses: str) -> int:
        return sum(c.status in statuses for c in self.checked)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "rewritten": self.rewritten, "last_entry": self.last_entry,
                "newest_match": self.newest_match.as_dict() if self.newest_match else None,
                "disagreeing": self.disagreeing.as_dict() if self.disagreeing else None,
                "first_after": self.first_after, "first_entry": self.first_entry,
                "last_match": self.last_match.as_dict() if self.last_match else None,
                "changed_at": self.changed_at, "changed_in": self.changed_in, "set_aside": [str(p) for p in self.set_aside],
                "anchors": [c.as_dict() for c in self.checked]}


def check(conn: sqlite3.Connection, identity: str, anchors: list[Anchor]) -> AnchorReport:
    """The chain of the file behind ``conn`` (identity ``identity``) against
    ``anchors``; see the module's docstring."""
    report = AnchorReport()
    report.last_entry = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_seal").fetchone()[0]
    checked = [_status(conn, identity, a, report.last_entry) for a in anchors if a.seq > 0]
    report.checked = _replaced_by_restores(conn, checked)
    matching = [c.anchor for c in report.checked if c.status == "match"]
    bad = [c for c in report.checked if c.status in ("differs", "beyond")]
    if matching:
        report.newest_match = max(matching, key=lambda a: (a.seq, a.when))
    if not bad:
        return report
    report.disagreeing = min(bad, key=lambda c: (c.anchor.seq, c.anchor.when))
    first = report.disagreeing.anchor.seq
    before = [a for a in matching if a.seq < first]
    report.last_match = max(before, key=lambda a: (a.seq, a.when)) if before else None
    report.first_after = (report.last_match.seq if report.last_match else 0) + 1
    report.first_entry = _entry(conn, report.first_after)
    report.changed_at, report.changed_in = _changed_at(conn, bad)
    return report


def _status(conn: sqlite3.Connection, identity: str, anchor: Anchor, last: int) -> Checked:
    if anchor.identity != identity:
        return Checked(anchor, "other_file")
    row = conn.execute("SELECT entry_hash FROM audit_seal WHERE seq = ?", (anchor.seq,)).fetchone()
    if row is None:
        return Checked(anchor, "beyond" if anchor.seq > last else "differs")
    return Checked(anchor, "match" if row[0] == anchor.hash else "differs", row[0])


def _replaced_by_restores(conn: sqlite3.Connection, checked: list[Checked]) -> list[Checked]:
    """Anchors taken before a restore, of entries the restore replaced: a
    restore recorded in the list (and matching) put back a copy ending before
    its RESTORE entry; older anchors at or after that entry do not count."""
    cuts = []
    for c in checked:
        if c.anchor.kind == "restore" and c.status == "match":
            row = conn.execute("SELECT max(seq) FROM audit_log WHERE action = 'RESTORE' "
                               "AND seq <= ?", (c.anchor.seq,)).fetchone()
            cuts.append((c.anchor.when, row[0] if row and row[0] else c.anchor.seq))
    if not cuts:
        return checked
    out = []
    for c in checked:
        replaced = c.status in ("differs", "beyond") and any(
            c.anchor.when < when and c.anchor.seq >= cut for when, cut in cuts)
        out.append(Checked(c.anchor, "replaced", c.found) if replaced else c)
    return out


def _entry(conn: sqlite3.Connection, seq: int) -> dict | None:
    row = conn.execute("SELECT seq, at, app, clerk, action, entity, record, record_key "
                       "FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        return None
    keys = ("seq", "at", "app", "clerk", "action", "entity", "record", "record_key")
    return dict(zip(keys, row, strict=True))


def _changed_at(conn: sqlite3.Connection, bad: list[Checked]) -> tuple[int | None, str]:
    """Where a copy of the file still at hand (a restore point, a backup)
    shows the chain first differs: the entry that was changed itself, not
    only the first one after the last matching anchor."""
    for c in sorted(bad, key=lambda c: c.anchor.seq):
        if c.anchor.copy and Path(c.anchor.copy).is_file():
            with contextlib.suppress(sqlite3.Error, OSError):
                found = first_difference(conn, Path(c.anchor.copy), c.anchor.seq)
                if found is not None:
                    return found, c.anchor.copy
    return None, ""


def first_difference(conn: sqlite3.Connection, copy: Path, upto: int) -> int | None:
    """The first entry up to ``upto`` whose seal differs between the file and
    ``copy`` (or that the file no longer has); None when they agree."""
    other = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        theirs = other.execute("SELECT seq, entry_hash FROM audit_seal WHERE seq <= ? "
                               "ORDER BY seq", (upto,))
        ours = conn.execute("SELECT seq, entry_hash FROM audit_seal WHERE seq <= ? "
                            "ORDER BY seq", (upto,))
        while chunk := theirs.fetchmany(5000):
            mine = dict(ours.fetchmany(len(chunk)))
            for seq, digest in chunk:
                if mine.get(seq) != digest:
                    return seq
    finally:
        other.close()
    return None
