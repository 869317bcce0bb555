"""Records: save, delete, undo and redo, accept a warning.  Each call is one
transaction and returns ``Changes``; what storage refuses (a filed month, a
key already taken, a record still referred to, a read-only file, a full
disk) comes back in ``Changes.refused`` / ``Changes.failure`` with nothing
written, never as an exception the window has to know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..storage.db import (
    DuplicateKeyError,
    InUseError,
    PeriodLockedError,
    StorageError,
)
from ..storage.reasons import Reason
from .changes import Changes, record_months
from .edits import Create, Delete, Edit, ImportEdit, Oversold, UndoRefused, Update

if TYPE_CHECKING:
    from ..core.findings import Finding
    from ..storage.db import Database
    from ..storage.repository import Repository


def repository(db: Database) -> Repository:
    """The file's records (a read model for the window: lookups, no writes
    but through these use cases)."""
    from ..storage.repository import Repository

    return Repository(db)


def save(db: Database, record, *, old=None, inputs: list | None = None,
         accept: tuple[Finding, ...] | list[Finding] = (), reason: str = "") -> Changes:
    """Insert ``record`` (id None) or update it (``old`` read from the file
    when not given), with a batch's input ``lines`` and the warnings the
    clerk accepts with ``reason``, in one transaction and one undo step
    (``Changes.edit``).  Derivations of lane ``core.derive`` belong here,
    before the edit is made, so the form, the import and the CLI agree."""
    if accept and len(reason.strip()) < 4:
        raise ValueError(Reason("records.reason_short"))
    accepts = [(f.entity, f.record, f.code, reason.strip()) for f in accept]
    if record.id is None:
        edit: Edit = Create(record, inputs=inputs, accepts=accepts)
    else:
        if old is None:
            from ..storage.repository import ENTITY_OF

            old = repository(db).get(ENTITY_OF[type(record)], record.id)
        edit = Update(old, record, inputs=inputs, accepts=accepts)
    return _run(db, edit, edit.apply)


def delete(db: Database, records: list) -> Changes:
    """Delete ``records`` (of one entity) as one step."""
    edit = Delete(list(records))
    return _run(db, edit, edit.apply)


def undo(db: Database, edit: Edit) -> Changes:
    """Revert ``edit``; refused (nothing changed, the step stays) when a
    month it touches is filed or the records moved on since."""
    return _run(db, edit, edit.revert)


def redo(db: Database, edit: Edit) -> Changes:
    """Apply ``edit`` again after an undo."""
    return _run(db, edit, edit.apply)


def accept_warning(db: Database, entity: str, record: str, code: str, reason: str) -> Changes:
    """Record that the clerk accepts a warning (e.g. a pilot credit code whose
    check digit fails) with a reason; validation then leaves it out."""
    from ..core.findings import Severity
    from ..core.messages import CATALOG

    if code not in CATALOG:
        raise ValueError(Reason("records.unknown_code", code=code))
    if CATALOG[code][0] is not Severity.WARNING:
        raise ValueError(Reason("records.not_a_warning", code=code))
    if len(reason.strip()) < 4:
        raise ValueError(Reason("records.reason_short"))
    try:
        repository(db).accept_finding(entity, record, code, reason.strip())
    except StorageError as exc:  # read-only, a full disk: said, as a save's
        return Changes(failure=exc)
    return Changes(entities=frozenset({entity}), findings=True)


def edit_records(edit: Edit) -> list:
    """The records an edit writes or puts back (their entities and months)."""
    if isinstance(edit, Create):
        return [edit.record]
    if isinstance(edit, Update):
        return [edit.old, edit.new]
    if isinstance(edit, Delete):
        return list(edit.records)
    if isinstance(edit, ImportEdit):
        return [*edit.added, *(r for r, _ in edit.replaced), *(r for r, _ in edit.updated)]
    return []


def _run(db: Database, edit: Edit, step) -> Changes:
    """Run ``step`` (the edit's apply or revert) and say what changed, or
    why it was refused."""
    from . import attachments

    if isinstance(edit, attachments.AttachEdit | attachments.DetachEdit):
        # an attachment undone or redone: the attachment and its owner changed
        return attachments._run(db, edit, step.__name__)
    repo = repository(db)
    try:
        step(repo)
    except Oversold as exc:
        return Changes(refused=(_oversold(exc),), edit=edit)
    except UndoRefused as exc:
        return Changes(failure=exc, edit=edit)
    except PeriodLockedError:
        return Changes(refused=(_refusal(db, edit, "period.locked"),), edit=edit)
    except DuplicateKeyError:
        return Changes(refused=(_refusal(db, edit, "key.duplicate"),), edit=edit)
    except InUseError:
        return Changes(refused=(_refusal(db, edit, "record.in_use"),), edit=edit)
    except StorageError as exc:  # read-only, a full disk, a drive gone
        return Changes(failure=exc, edit=edit)
    if isinstance(edit, Create):  # its id is known now
        return Changes.of_records([edit.record], edit)
    return Changes.of_records(edit_records(edit), edit)


def _refusal(db: Database, edit: Edit, code: str) -> Finding:
    """The finding that says why ``edit`` was refused, naming its record
    (and for a filed month, which month)."""
    from ..core.findings import finding
    from ..storage.repository import ENTITY_OF

    records = edit_records(edit)
    first = records[0] if records else None
    entity = ENTITY_OF[type(first)] if first is not None else getattr(edit, "entity", "")
    key = str(getattr(first, "key", "") or "") if first is not None else ""
    if code == "period.locked":
        months = [m for r in records for m in record_months(r)]
        locked = repository(db).locked_periods()
        month = next((m for m in months if m in locked), months[0] if months else "?")
        return finding(code, entity, key, None, None, period=month)
    if code == "key.duplicate":
        return finding(code, entity, key, None, None, value=key)
    return finding(code, entity, key)


def _oversold(exc) -> Finding:
    """The finding that says a sale was refused for taking its batch past
    what it has."""
    from ..core.findings import finding
    from ..core.units import format_kg

    sale = exc.sale
    return finding("batch.oversold", "sale", sale.doc_no, "qty_g",
                   sale.date.isoformat()[:7] if sale.date else None, batch=exc.batch,
                   available=format_kg(exc.available), sold=format_kg(exc.sold))
