"""Where a finding points: the record a clerk can open for it, from the entity
and record key validation names (an export line as ``declaration/line``, a
batch's input line as ``batch/lot``, a month's stock row by product code)."""

from __future__ import annotations

from .repository import TABLES, Repository

# Findings about these are opened on the record they belong to.
_OPENED_AS = {"batch_input": "batch", "inventory": "product"}
OPENABLE = ("counterparty", "product", "purchase", "batch", "sale", "export", "licence")


def locate(repo: Repository, entity: str, key: str) -> tuple[str, int] | None:
    """(entity, id) of the record to open for a finding about ``entity``
    ``key``, or None when there is none (a month, the company, a record since
    deleted)."""
    target = _OPENED_AS.get(entity, entity)
    if target not in OPENABLE or not key:
        return None
    if entity == "batch_input":
        return _by_prefix(repo, key)
    if entity == "export":
        decl, _, line = key.rpartition("/")
        row = repo.conn.execute(
            f"SELECT id FROM {TABLES['export'].name} WHERE customs_decl_no = ? AND line_no = ?",
            (decl, line)).fetchone() if decl and line.isdigit() else None
        if row is None:
            row = repo.conn.execute(
                f"SELECT id FROM {TABLES['export'].name} WHERE customs_decl_no = ? "
                "ORDER BY line_no LIMIT 1", (key,)).fetchone()
        return ("export", row[0]) if row else None
    record = repo.find(target, key)
    return (target, record.id) if record is not None else None


def _by_prefix(repo: Repository, key: str) -> tuple[str, int] | None:
    """A batch named by the front of ``batch/lot`` (either may hold a slash)."""
    at = key.find("/")
    while at > 0:
        record = repo.find("batch", key[:at])
        if record is not None:
            return "batch", record.id
        at = key.find("/", at + 1)
    return None


def foreign_names_like(repo: Repository, text: str, limit: int = 50) -> list[str]:
    """Names of foreign counterparties (consignees) containing ``text`` in
    their Chinese or English name, for a completer."""
    pattern = f"%{text}%"
    rows = repo.conn.execute(
        "SELECT name_cn FROM counterparty WHERE cp_type = 'FOREIGN' AND "
        "(name_cn LIKE ? OR name_en LIKE ?) ORDER BY name_cn LIMIT ?",
        (pattern, pattern, limit))
    return [r[0] for r in rows]
