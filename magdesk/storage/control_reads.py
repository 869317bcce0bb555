"""What the control decisions read of a file: each export line with the
product its sale sold, the months filed (locked), and what the export
lines drew on each licence."""

from __future__ import annotations

from .db import Database


def export_line_products(db: Database) -> dict[int, int]:
    """Export line id -> the id of the product its sale sold."""
    return dict(db.conn.execute(
        "SELECT e.id, s.product_id FROM export_shipment e JOIN sale_out s ON s.id = e.sale_id"))


def filed_months(db: Database) -> set[str]:
    """The months filed and locked (their export lines are not re-decided)."""
    return {p for (p,) in db.conn.execute("SELECT period FROM period WHERE state = 'FILED'")}


def drawn_by_licence(db: Database, on: str) -> dict[int, int]:
    """Licence id -> the grams the export lines declared up to ``on``
    (ISO date) drew on it."""
    return dict(db.conn.execute(
        "SELECT licence_id, sum(qty_g) FROM export_shipment "
        "WHERE licence_id IS NOT NULL AND decl_date <= ? GROUP BY licence_id", (on,)))
