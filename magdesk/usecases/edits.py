"""Undoable edits, below the GUI: plain objects that apply and revert
themselves against a repository.  The GUI wraps each in one generic
QUndoCommand; the CLI and tests can use them directly."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .. import text
from ..core.derive import complete
from ..core.fields import entity_label
from ..core.months import locked_months
from ..storage import attachments as attachment_rows
from ..storage import ranges as R
from ..storage.repository import ENTITY_OF, Repository


class Edit:
    """One step of the undo history."""

    def apply(self, repo: Repository) -> None:
        raise NotImplementedError

    def revert(self, repo: Repository) -> None:
        raise NotImplementedError

    def describe(self, lang: str = "zh") -> str:
        raise NotImplementedError


def _key(record) -> str:
    return str(getattr(record, "key", record.id))


def _accept(repo: Repository, accepts: list) -> list:
    """Write the warnings the clerk accepted with a save (entity, record,
    code, reason); returns the reasons they had before (None: not accepted)."""
    before = [repo.accepted_reason(e, r, c) for e, r, c, _ in accepts]
    for entity, record, code, reason in accepts:
        repo.accept_finding(entity, record, code, reason)
    return before


def _withdraw(repo: Repository, accepts: list, before: list) -> None:
    """Put the acceptances back as they were before the save."""
    for (entity, record, code, _), reason in zip(accepts, before, strict=True):
        if reason is None:
            repo.withdraw_acceptance(entity, record, code)
        else:
            repo.accept_finding(entity, record, code, reason)


@dataclass
class Create(Edit):
    record: object
    new_id: int | None = None
    inputs: list | None = None  # a batch's input lines, saved with it
    # Warnings accepted with the save (entity, record, code, reason): part of
    # the same transaction and of the same undo step.
    accepts: list = field(default_factory=list)
    accepted_before: list = field(default_factory=list)

    def apply(self, repo: Repository) -> None:
        with repo._tx():
            if self.new_id is None:
                self.record, _ = complete(self.record, repo.get)
                self.new_id = repo.insert(self.record)
                self.record = dataclasses.replace(self.record, id=self.new_id)
            else:  # redo: the same id again, so later edits still point at it
                repo.insert_many(ENTITY_OF[type(self.record)], [self.record])
            _check_draw(repo, self.record)
            if self.inputs is not None:
                repo.replace_batch_inputs(self.new_id, self.inputs)
            self.accepted_before = _accept(repo, self.accepts)

    def revert(self, repo: Repository) -> None:
        with repo._tx():
            repo.delete(ENTITY_OF[type(self.record)], self.new_id)
            _withdraw(repo, self.accepts, self.accepted_before)

    def describe(self, lang: str = "zh") -> str:
        return _said("edit.add", lang, ENTITY_OF[type(self.record)], key=_key(self.record))


@dataclass
class Update(Edit):
    old: object
    new: object
    inputs: list | None = None  # a batch's new input lines
    old_inputs: list | None = None
    accepts: list = field(default_factory=list)  # as Create's
    accepted_before: list = field(default_factory=list)

    def apply(self, repo: Repository) -> None:
        with repo._tx():
            if self.inputs is not None and self.old_inputs is None:
                self.old_inputs = list(repo.iter("batch_input", where="batch_id = ?",
                                                 params=(self.old.id,)))
            _unchanged_since_opened(repo, self.old, self.new)
            self.new, _ = complete(self.new, repo.get)
            repo.update(self.new)
            _check_draw(repo, self.new, self.old)
            if self.inputs is not None:
                repo.replace_batch_inputs(self.new.id, self.inputs)
            self.accepted_before = _accept(repo, self.accepts)

    def revert(self, repo: Repository) -> None:
        with repo._tx():
            repo.update(self.old)
            if self.old_inputs is not None:
                repo.replace_batch_inputs(self.old.id, self.old_inputs)
            _withdraw(repo, self.accepts, self.accepted_before)

    def describe(self, lang: str = "zh") -> str:
        return _said("edit.change", lang, ENTITY_OF[type(self.new)], key=_key(self.new))


@dataclass
class Delete(Edit):
    records: list = field(default_factory=list)
    # Rows the database deletes with them (a batch's input lines), kept for undo.
    cascaded: list = field(default_factory=list)
    # The records' attachments (their rows go with them; undo puts them back).
    attachments: list = field(default_factory=list)

    def apply(self, repo: Repository) -> None:
        with repo._tx():
            self.cascaded = [
                line for record in self.records if ENTITY_OF[type(record)] == "batch"
                for line in repo.iter("batch_input", where="batch_id = ?", params=(record.id,))
            ]
            self.attachments = _attachments_of(repo, self.records)
            for record in self.records:
                repo.delete(ENTITY_OF[type(record)], record.id)

    def revert(self, repo: Repository) -> None:
        with repo._tx() as conn:
            for record in self.records:
                repo.insert_many(ENTITY_OF[type(record)], [record])
            if self.cascaded:
                repo.insert_many("batch_input", self.cascaded)
            for att in self.attachments:  # with their ids: the blobs never left
                attachment_rows.insert(conn, att)

    def describe(self, lang: str = "zh") -> str:
        entity = ENTITY_OF[type(self.records[0])]
        if len(self.records) == 1:
            return _said("edit.delete", lang, entity, key=_key(self.records[0]))
        return _said("edit.delete_many", lang, entity, count=len(self.records))


def _attachments_of(repo: Repository, records: list) -> list:
    """Take the rows of the records' attachments away with them; the rows taken."""
    from ..core.attachments import OWNERS

    by_entity: dict[str, list[int]] = {}
    for record in records:
        entity = ENTITY_OF[type(record)]
        if entity in OWNERS:
            by_entity.setdefault(entity, []).append(record.id)
    taken = []
    for entity, ids in by_entity.items():
        taken += attachment_rows.of_owners(repo.conn, entity, ids)
        attachment_rows.delete_of_owners(repo.conn, entity, ids)
    return taken


def _said(code: str, lang: str, entity: str | None = None, other: str | None = None,
          **params) -> str:
    """The catalogue's ``code`` with ``entity``/``other`` (entity names) as
    labels in ``lang`` (lower case in English, inside a sentence)."""
    for name, value in (("entity", entity), ("other", other)):
        if value is not None:
            label = entity_label(value, lang)
            params[name] = label if lang == "zh" else label.lower()
    if "action" in params:  # which step was refused, itself a code
        params["action"] = text.say(params["action"], lang)
    return text.say(code, lang, **params)


class Oversold(Exception):
    """A sale that would take more from its batch than the batch has: the
    batch's number, the grams sold with it and the grams the batch has."""

    def __init__(self, sale, batch: str, sold: int, available: int):
        super().__init__(f"batch {batch}: {sold} g sold of {available} g")
        self.sale, self.batch, self.sold, self.available = sale, batch, sold, available


def _check_draw(repo: Repository, sale, old=None) -> None:
    """Inside the write: refuse a sale that takes its batch past what it has
    (what every clerk committed before counts: writers take turns).  An
    edit that takes no more than before is let through (an old excess is
    validation's to say, not a reason to refuse fixing a typo)."""
    if ENTITY_OF[type(sale)] != "sale" or sale.batch_id is None:
        return
    if old is not None and old.batch_id == sale.batch_id and (sale.qty_g or 0) <= (old.qty_g or 0):
        return
    draw = repo.batch_draw(sale.batch_id)
    if draw is not None and draw[1] > draw[2]:
        raise Oversold(sale, *draw)


class UndoRefused(Exception):
    """An edit that cannot be undone (or redone) as things are now; nothing
    was changed.  ``code`` (the catalogue's ``edit.*``) and ``params`` say
    why; ``message(lang)`` is the sentence for the clerk (``str()`` English)."""

    def __init__(self, code: str, /, **params):
        self.code, self.params = code, params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return _said(self.code, lang, **self.params)


_UNDO = "edit.cannot_undo_import"
_REDO = "edit.cannot_redo_import"


@dataclass
class ImportEdit(Edit):
    """A spreadsheet import as one step: undo deletes exactly the records it
    added and puts back those it updated, in one transaction; redo writes them
    again with the same ids.  Refused (UndoRefused, nothing changed) when a
    record has since been changed, is referred to by another record, or lies
    in a filed month."""

    entity: str
    file_name: str
    rows: int  # rows of the file imported
    added: list = field(default_factory=list)  # the records added, as imported
    first: int = 0  # their ids: first..last
    last: int = -1
    inputs: list = field(default_factory=list)  # the added batches' input lines
    replaced: list = field(default_factory=list)  # (record before, its input lines)
    updated: list = field(default_factory=list)  # (record as imported, its input lines)

    @classmethod
    def capture(cls, repo: Repository, result) -> ImportEdit | None:
        """The step of an ``importing.ImportResult`` just committed (None when
        it wrote nothing)."""
        from ..importing.columns import KINDS

        if result.status != "imported" or not (result.added or result.replaced):
            return None
        entity = KINDS[result.kind].entity
        edit = cls(entity, result.file.name, result.rows - result.skipped)
        if result.added:
            edit.first, edit.last = result.added
            edit.added = R.records_between(repo, entity, edit.first, edit.last)
            if entity == "batch":
                edit.inputs = R.batch_inputs_between(repo, edit.first, edit.last)
        edit.replaced = list(result.replaced)
        edit.updated = [(repo.get(entity, old.id), _lines(repo, entity, old.id))
                        for old, _ in result.replaced]
        return edit

    def describe(self, lang: str = "zh") -> str:
        return _said("edit.import", lang, self.entity, rows=f"{self.rows:,}")

    def _note(self, action: str) -> str:
        return f"{action} import {self.entity} {self.file_name}"

    def revert(self, repo: Repository) -> None:
        with repo.db.bulk(self._note("undo")), repo._tx():
            self._check_unchanged(repo)
            self._check_unreferenced(repo)
            self._check_unlocked(repo, [*self.added, *(new for new, _ in self.updated)], _UNDO)
            if self.added:
                R.delete_between(repo, self.entity, self.first, self.last)
            for old, lines in self.replaced:
                repo.update(old)
                if self.entity == "batch":
                    repo.replace_batch_inputs(old.id, lines)

    def apply(self, repo: Repository) -> None:
        with repo.db.bulk(self._note("redo")), repo._tx():
            self._check_unlocked(repo, [*self.added, *(old for old, _ in self.replaced)], _REDO)
            taken = R.records_between(repo, self.entity, self.first, self.last)
            clash = self._clash(repo)
            if taken or clash:
                key = _key(taken[0]) if taken else clash
                raise UndoRefused("edit.taken", action=_REDO, key=key)
            if self.added:
                repo.insert_many(self.entity, self.added)
            if self.inputs:
                repo.insert_many("batch_input", self.inputs)
            for new, lines in self.updated:
                repo.update(new)
                if self.entity == "batch":
                    repo.replace_batch_inputs(new.id, lines)

    # --- the checks, inside the transaction -----------------------------------------

    def _clash(self, repo: Repository) -> str | None:
        """A business key of the added records that a record entered since holds."""
        if not self.added:
            return None
        keys = repo.key_index(self.entity)
        for record in self.added:
            key = f"{record.customs_decl_no}/{record.line_no}" if self.entity == "export" \
                else _key(record)
            if key in keys:
                return _key(record)
        return None

    def _check_unchanged(self, repo: Repository) -> None:
        changed = None
        if self.added:
            changed = _first_difference(
                self.added, R.records_between(repo, self.entity, self.first, self.last))
            if changed is None and self.entity == "batch":
                changed = _first_changed_lines(
                    self.added, self.inputs, R.batch_inputs_between(repo, self.first, self.last))
        for new, lines in self.updated:
            if changed is None and (repo.get(self.entity, new.id) != new
                                    or _lines(repo, self.entity, new.id) != lines):
                changed = _key(new)
        if changed is not None:
            raise UndoRefused("edit.changed_since", action=_UNDO, entity=self.entity,
                              key=changed)

    def _check_unreferenced(self, repo: Repository) -> None:
        found = R.first_reference(repo, self.entity, self.first, self.last) if self.added else None
        if found is None:
            return
        record_id, other, other_key = found
        key = next((_key(r) for r in self.added if r.id == record_id), str(record_id))
        raise UndoRefused("edit.referred_to", action=_UNDO, entity=self.entity, key=key,
                          other=other, other_key=other_key)

    def _check_unlocked(self, repo: Repository, records: list, action: str) -> None:
        locked = repo.locked_periods()
        for record in records if locked else ():
            months = locked_months(self.entity, record, locked,  # the core's one rule
                                   lambda i: repo.get("batch", i))
            if months:
                raise UndoRefused("edit.locked", action=action, key=_key(record),
                                  month=months[0])


def _lines(repo: Repository, entity: str, record_id: int) -> list:
    return R.batch_inputs(repo, record_id) if entity == "batch" else []


def _first_difference(before: list, now: list) -> str | None:
    """The key of the first record of ``before`` missing or different in ``now``."""
    if before == now:
        return None
    current = {r.id: r for r in now}
    return next((_key(r) for r in before if current.get(r.id) != r), None)


def _first_changed_lines(batches: list, before: list, now: list) -> str | None:
    """The key of the first batch whose input lines are not as imported."""
    if before == now:
        return None
    mine: dict = {}
    theirs: dict = {}
    for line in before:
        mine.setdefault(line.batch_id, []).append(line)
    for line in now:
        theirs.setdefault(line.batch_id, []).append(line)
    return next((_key(b) for b in batches if mine.get(b.id) != theirs.get(b.id)), "?")


class EditConflict(UndoRefused):
    """The record was changed or deleted by someone else after the clerk
    opened it: nothing was written; ``theirs`` (None: deleted) and
    ``mine`` are both kept, and ``message`` names each field that differs
    with both values."""

    def __init__(self, entity: str, opened, mine, theirs, who: str, when: str):
        self.entity, self.opened, self.mine, self.theirs = entity, opened, mine, theirs
        self.who, self.when = who, when
        code = "edit.conflict_deleted" if theirs is None else "edit.conflict"
        super().__init__(code, key=_key(opened))

    def fields(self) -> list[str]:
        """The fields someone else changed."""
        if self.theirs is None:
            return []
        return [f.name for f in dataclasses.fields(self.opened)
                if getattr(self.theirs, f.name) != getattr(self.opened, f.name)]

    def message(self, lang: str = "zh") -> str:
        from ..core.fields import field_label

        sep = "；" if lang == "zh" else "; "
        differs = sep.join(
            text.say("edit.conflict_field", lang, field=field_label(self.entity, name, lang),
                     theirs=_shown(getattr(self.theirs, name)),
                     mine=_shown(getattr(self.mine, name)))
            for name in self.fields())
        said = _said(self.code, lang, self.entity, key=self.params["key"],
                     who=self.who or text.say("edit.someone", lang), when=self.when,
                     fields=differs)
        return said[:1].upper() + said[1:]  # the record's kind begins the sentence


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "—"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _unchanged_since_opened(repo: Repository, opened, mine) -> None:
    """Refuse to write over what someone else saved (or deleted) after the
    clerk opened the record (several clerks on one server)."""
    entity = ENTITY_OF[type(opened)]
    theirs = repo.get(entity, opened.id)
    if theirs == opened:
        return
    from datetime import datetime

    last = repo.last_change(entity, opened.id)
    who, when = last if last else ("", "")
    if when:
        when = datetime.fromisoformat(when.replace("Z", "+00:00")).astimezone() \
            .strftime("%Y-%m-%d %H:%M")
    raise EditConflict(entity, opened, mine, theirs, who, when)
