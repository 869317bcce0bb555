"""Period states: open → exported → filed (locked) → amended → … (DOMAIN.md §1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import text
from ..core.balance import next_period
from ..storage.db import Database
from ..storage.filing_store import FilingStore


class PeriodError(Exception):
    """A state change that is not allowed now.  ``code`` is stable and
    ``params`` its values; ``message(lang)`` is the sentence for the clerk,
    the catalogue's ``period.<code>`` (``str()`` the English one)."""

    def __init__(self, code: str, /, **params):
        self.code, self.params = code, params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        from ..core.enums import PeriodState

        params = dict(self.params)
        if "state" in params:  # the state as the clerk reads it on the Filing page
            params["state"] = PeriodState(params["state"]).label(lang)
        return text.say(f"period.{self.code}", lang, **params)


@dataclass(frozen=True)
class PeriodStatus:
    period: str
    state: str
    revision: int
    deadline: date
    days_left: int
    filed_on: str | None
    receipt_no: str
    last_file: str

    def as_dict(self) -> dict:
        return {**self.__dict__, "deadline": self.deadline.isoformat()}


def deadline(period: str, day: int = 10) -> date:
    """The filing deadline: ``day`` of the following month."""
    following = next_period(period)
    return date(int(following[:4]), int(following[5:7]), day)


def status(db: Database, period: str, *, today: date, deadline_day: int = 10) -> PeriodStatus:
    store = FilingStore(db)
    p = store.period(period)
    exports = store.exports(period)
    due = deadline(period, deadline_day)
    return PeriodStatus(period, p["state"], p["revision"], due, (due - today).days,
                        p["filed_on"], p["receipt_no"], exports[-1]["file_name"] if exports else "")


def list_periods(db: Database, *, today: date, deadline_day: int = 10) -> list[PeriodStatus]:
    store = FilingStore(db)
    return [status(db, p, today=today, deadline_day=deadline_day)
            for p in store.months_with_data()]


def file_period(db: Database, period: str, filed_on: date, receipt_no: str) -> PeriodStatus:
    """Record the upload: the period is locked and its filed data kept."""
    # The templates load here, not for the list of states the window shows at start.
    from .data import data_digest, snapshot_rows
    from .resolve import resolve_template

    store = FilingStore(db)
    p = store.period(period)
    if p["state"] == "FILED":
        raise PeriodError("already_filed", period=period, receipt=p["receipt_no"])
    if not receipt_no.strip():
        raise PeriodError("receipt_required")
    exports = [e for e in store.exports(period)
               if e["revision"] == p["revision"] and not e["draft"]]
    if not exports:
        raise PeriodError("not_exported", period=period)
    template = resolve_template(db, exports[-1]["template"]).bind(
        *_company(db), period)
    if data_digest(store, template, period) != exports[-1]["data_sha256"]:
        raise PeriodError("changed_since_export", period=period, file=exports[-1]["file_name"])
    db.snapshot(f"before filing {period}")
    with db.write():
        for sheet in template.sheets:
            store.save_snapshot(period, p["revision"], sheet.name,
                                snapshot_rows(store, sheet, period))
        store.set_period(period, state="FILED", filed_on=filed_on.isoformat(),
                         receipt_no=receipt_no.strip(), template=template.ref,
                         data_sha256=exports[-1]["data_sha256"])
    return status(db, period, today=filed_on)


def amend_period(db: Database, period: str, *, today: date) -> PeriodStatus:
    """Open a filed period for a correction: a new revision, the filed one kept."""
    store = FilingStore(db)
    p = store.period(period)
    if p["state"] != "FILED":
        raise PeriodError("not_filed", period=period, state=p["state"])
    db.snapshot(f"before amending {period}")
    store.set_period(period, state="AMENDED", revision=p["revision"] + 1)
    return status(db, period, today=today)


def _company(db: Database) -> tuple[str, str]:
    from ..storage.repository import Repository

    company = Repository(db).company()
    return (company.name, company.uscc) if company else ("", "")
