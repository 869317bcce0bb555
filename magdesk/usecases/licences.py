"""Licences of both kinds and their usage: what each licence permits, what
the export lines drew on it, what is left, how long it runs
(``core/licences.py``).  The CLI's ``licences``, the window's Licences tab
and the dashboard's tile read it here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.licences import LicenceUsage
    from ..storage.db import Database


def licence_usage(db: Database, on: date | None = None, *,
                  lines: bool = True) -> list[LicenceUsage]:
    """Every licence in the file with what the export lines declared up to
    ``on`` (default today) drew on it: drawn and left (None: no quantity),
    the lines (declaration no./line, date, grams, consignee) in declaration
    order, % used, days left from ``on`` and its state
    (``core.licences.State``), in the order the licences expire.  Without
    ``lines`` the lines are left out (empty) and the grams summed by the
    file: a decade's millions of lines are then never read."""
    from ..core.licences import usage, usage_from_sums
    from ..storage.repository import Repository

    repo = Repository(db)
    if not lines:
        from ..storage.control_reads import drawn_by_licence

        day = on or date.today()
        return usage_from_sums(repo.all_by_id("licence").values(),
                               drawn_by_licence(db, day.isoformat()), day)
    lines = list(repo.iter("export", where="licence_id IS NOT NULL"))
    return usage(repo.all_by_id("licence").values(), lines,
                 repo.all_by_id("counterparty"), on or date.today())


def usage_as_dict(u: LicenceUsage, counterparties: dict | None = None) -> dict:
    """One licence's usage as plain data (dates ISO, mass in grams), for JSON."""
    lic = u.licence
    names = counterparties or {}
    return {
        "licence_no": lic.licence_no, "licence_type": lic.licence_type,
        "valid_from": lic.valid_from.isoformat(), "valid_to": lic.valid_to.isoformat(),
        "control_no": lic.control_no, "licensed_g": lic.qty_g,
        "consignees": [names.get(cid, cid) for cid in lic.consignee_ids],
        "end_users": lic.end_user, "end_uses": list(lic.end_uses),
        "drawn_g": u.drawn_g, "left_g": u.left_g, "pct_used": u.pct_used,
        "days_left": u.days_left, "state": u.state,
        "lines": [{"line": line.key, "date": line.day.isoformat(), "qty_g": line.qty_g,
                   "consignee": line.consignee} for line in u.lines],
    }


def counterparty_names(db: Database) -> dict[int, str]:
    """Counterparty names by id (a licence's consignees as the clerk reads them)."""
    from ..storage.repository import Repository

    return {cid: cp.name_cn for cid, cp in Repository(db).all_by_id("counterparty").items()}
