"""What a change did: every use case that writes returns ``Changes`` (Anki's
``OpChanges`` is the model), and the window redraws from it alone.

``Changes`` says what was touched (entities, records, months, the filing
states, the company's heading) and whether the findings may have changed;
it does not carry the findings themselves.  Validating a file of a million
sales takes seconds, far too long for every save on the window's thread: the
window recounts them in the background (``gui.months``), from the same
``validate`` the CLI runs, so its counts are exact once that task ends.

A refused change wrote nothing: ``refused`` holds the findings that say why
(a filed month, a key already taken, a record still referred to) and
``failure`` a storage failure said in the clerk's language (a read-only
file, a full disk)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.findings import Finding


@dataclass(frozen=True)
class Changes:
    """What one use-case call changed in the file."""

    entities: frozenset[str] = frozenset()  # "sale", "batch", … of the records touched
    records: frozenset[tuple[str, int]] = frozenset()  # (entity, id)
    months: frozenset[str] = frozenset()  # "YYYY-MM" the records touched belong to
    findings: bool = False  # the findings may have changed: count them again
    periods: bool = False  # a month's filing state (filed, amended, exported)
    company: bool = False  # the own company's profile (the window's heading)
    templates: bool = False  # the file's filing templates or its default template
    screening: bool = False  # the restricted-party lists (every name's screening)
    everything: bool = False  # the whole file may differ (a restore, an import)
    refused: tuple[Finding, ...] = ()  # why nothing was written
    failure: Exception | None = None  # a storage failure (read-only, disk full)
    edit: object | None = field(default=None, compare=False)  # the undoable step

    @property
    def ok(self) -> bool:
        """Written (nothing refused it)."""
        return not self.refused and self.failure is None

    @property
    def changed(self) -> bool:
        """Anything at all to redraw."""
        return self.ok and (self.everything or self.findings or self.periods or self.company
                            or self.templates or self.screening or bool(self.entities))

    def touches(self, entity: str) -> bool:
        """Whether a view listing ``entity`` should redraw."""
        return self.ok and (self.everything or entity in self.entities)

    def why(self, lang: str) -> str:
        """Why nothing was written, in the clerk's language ("" when written)."""
        if self.refused:
            from ..core.messages import render_text

            return "；".join(render_text(f, lang) for f in self.refused) if lang == "zh" \
                else "; ".join(render_text(f, lang) for f in self.refused)
        if self.failure is not None:
            message = getattr(self.failure, "message", None)
            if callable(message):
                return message(lang)
            from ..storage.reasons import said

            return said(self.failure, lang)
        return ""

    def __or__(self, other: Changes) -> Changes:
        return replace(self, entities=self.entities | other.entities,
                       records=self.records | other.records, months=self.months | other.months,
                       findings=self.findings or other.findings,
                       periods=self.periods or other.periods,
                       company=self.company or other.company,
                       templates=self.templates or other.templates,
                       everything=self.everything or other.everything,
                       refused=self.refused + other.refused,
                       failure=self.failure or other.failure, edit=self.edit or other.edit)

    @classmethod
    def of_records(cls, records, edit=None) -> Changes:
        """The records written (a save, a delete, an undo): their entities,
        ids and months, and the findings (a record's findings reach other
        records: a sale's stock, a batch's balance)."""
        from ..storage.repository import ENTITY_OF

        entities, ids, months = set(), set(), set()
        for record in records:
            entity = ENTITY_OF[type(record)]
            entities.add(entity)
            if record.id is not None:
                ids.add((entity, record.id))
            months.update(record_months(record))
        return cls(frozenset(entities), frozenset(ids), frozenset(months), findings=True,
                   edit=edit)

    @classmethod
    def all(cls, **kw) -> Changes:
        """Everything may have changed (a restore, an import, a new file)."""
        return cls(everything=True, findings=True, periods=True, company=True, templates=True,
                   **kw)


def record_months(record, batch=None) -> list[str]:
    """The months (``YYYY-MM``) a record touches, by the core's one rule
    (``core.months``): none for an undated one (a counterparty, a product, a
    licence); a batch its start and end months, as the locks in storage."""
    from ..core.months import months_of
    from ..storage.repository import ENTITY_OF

    return months_of(ENTITY_OF.get(type(record)) or "", record, batch)
