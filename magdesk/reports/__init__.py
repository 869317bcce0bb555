"""Printed summaries computed as plain data (no Qt, no SQL here).

``build_report(db, kind, period)`` gives a ``model.Report``; magdesk/gui/printing.py
renders it to print preview or PDF."""

from __future__ import annotations

from datetime import datetime

from ..storage.db import Database
from .common import ReportError
from .model import Report

KINDS = ("flow", "inventory", "licences", "trace")


def build_report(db: Database, kind: str, period: str, *, lot: str | None = None,
                 sale: str | None = None, now: datetime | None = None) -> Report:
    """The summary ``kind`` (flow, inventory, licences, trace) of ``period``;
    a trace follows ``lot`` forward or ``sale`` backward."""
    if kind == "flow":
        from .flow import flow_report

        return flow_report(db, period, now=now)
    if kind == "inventory":
        from .inventory import inventory_report

        return inventory_report(db, period, now=now)
    if kind == "licences":
        from .licences import licence_report

        return licence_report(db, period, now=now)
    if kind == "trace":
        from .trace import trace_report

        return trace_report(db, period, lot=lot, sale=sale, now=now)
    raise ReportError("unknown_kind", key=kind)


__all__ = ["KINDS", "Report", "ReportError", "build_report"]
