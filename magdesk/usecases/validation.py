"""Read models: validation of the whole file or a month, the findings by
month, the dashboard's monthly flows, printed summaries.  Nothing here
writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from ..resources import load_codelists
from ..settings import Settings, load_settings

if TYPE_CHECKING:
    from ..core.findings import Finding
    from ..core.validation import Dataset
    from ..storage.db import Database
    from ..storage.repository import Repository

Progress = Callable[[int, int], None]


def load_dataset(repo: Repository) -> Dataset:
    """Everything validation needs, with the large tables streamed."""
    from ..core.validation import Dataset
    from .screening import screen_for

    # the sales, the batch inputs and the stock movements are summed by
    # SQLite in threads of their own meanwhile: started first
    sale_summary = repo.sale_summary_later()
    input_sums = repo.input_sums_later()
    movements = repo.movements_later()
    return Dataset(
        company=repo.company(),
        counterparties=repo.all_by_id("counterparty"),
        products=repo.all_by_id("product"),
        purchases=repo.all_by_id("purchase"),
        batches=repo.all_by_id("batch"),
        licences=repo.all_by_id("licence"),
        inputs=lambda: repo.iter("batch_input", raw=True),
        input_sums=input_sums,
        sale_summary=sale_summary,
        exports=list(repo.iter("export")),
        adjustments=list(repo.iter("adjustment")),
        movements=movements,
        last_period=repo.last_period(),
        accepted=repo.accepted(),
        screen=screen_for(repo.db),
    )


def load_period_dataset(repo: Repository, period: str) -> Dataset:
    """What validating ``period`` (``YYYY-MM`` or ``YYYY``) needs: its
    records and their neighbours, and sums of the rest (storage/period.py)."""
    from ..core.validation import Dataset
    from ..storage import period as P
    from .screening import screen_for

    span = P.span_of(period)
    sale_summary = repo.sale_summary_later(span)
    input_sums = P.input_sums_later(repo.db, span)
    movements = P.movements_later(repo.db, span)
    return Dataset(
        company=repo.company(),
        counterparties=repo.all_by_id("counterparty"),
        products=repo.all_by_id("product"),
        purchases=P.gathered(repo, "purchase", P.PURCHASE_IDS, span),
        batches=P.gathered(repo, "batch", P.BATCH_IDS, span),
        licences=repo.all_by_id("licence"),
        input_sums=input_sums,
        sale_summary=sale_summary,
        exports=list(repo.iter("export", where=P.EXPORTS_WHERE, params=span.params)),
        adjustments=list(repo.iter("adjustment")),
        movements=movements,
        last_period=repo.last_period(),
        accepted=repo.accepted(),
        screen=screen_for(repo.db),
        exports_before=P.exports_before(repo.conn, span),
    )


def validate_database(db: Database, *, period: str | None = None,
                      settings: Settings | None = None, today: date | None = None,
                      progress: Progress | None = None) -> list[Finding]:
    """Every finding of the database, or of one ``period`` (a month
    ``YYYY-MM`` or a year ``YYYY``: its findings and the undated ones, read
    from the period's records and sums of the others, as the whole file's
    validation would find them)."""
    settings = settings or load_settings()
    from ..core.validation import validate
    from ..storage.repository import Repository

    repo = Repository(db)
    ds = load_dataset(repo) if period is None else load_period_dataset(repo, period)
    return validate(ds, load_codelists(), today=today or date.today(),
                    policy=settings.control_policy(), period=period, progress=progress)


def summary_report(db: Database, kind: str, period: str, *, lot: str | None = None,
                   sale: str | None = None):
    """A printed summary as data (``reports.model.Report``): ``kind`` is flow,
    inventory, licences or trace (forward from ``lot`` or backward from
    ``sale``).  Raises ``reports.ReportError`` with a message for the clerk.
    ``gui.printing`` turns the report into a print preview or a PDF."""
    from ..reports import build_report

    return build_report(db, kind, period, lot=lot, sale=sale)


def monthly_flows(db: Database) -> dict[str, dict[str, tuple[int, int]]]:
    """Per month and product category: (grams in, grams out), for the dashboard chart.
    Counted as the printed flow summary (reports/flow.py, the 月度库存 sheet):
    in = purchases and production; out = sales and exports net of customer
    returns, plus consumption by production and losses."""
    from ..storage.repository import Repository

    products = {p.id: p.category for p in Repository(db).iter("product")}
    out: dict[str, dict[str, list[int]]] = {}
    for product_id, period, kind, grams in Repository(db).movements():
        cell = out.setdefault(period, {}).setdefault(products.get(product_id, "OTHER"), [0, 0])
        if kind in ("in_purchase", "in_production"):
            cell[0] += grams
        elif kind in ("out_sales", "out_export", "out_consumption", "out_loss"):
            cell[1] += grams
        elif kind == "in_return":
            cell[1] -= grams
    return {p: {c: (v[0], v[1]) for c, v in cats.items()} for p, cats in sorted(out.items())}


def findings_by_period(db: Database, *, settings: Settings | None = None,
                       progress: Progress | None = None) -> dict[str | None, list[Finding]]:
    """All findings grouped by the month they belong to (None: not dated)."""
    grouped: dict[str | None, list[Finding]] = {}
    for f in validate_database(db, settings=settings, progress=progress):
        grouped.setdefault(f.period, []).append(f)
    return grouped
