"""Undoable edits, below the GUI: plain objects that apply and revert
themselves against a repository.  The GUI wraps each in one generic
QUndoCommand; the CLI and tests can use them directly."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .core.fields import entity_label
from .storage.repository import ENTITY_OF, Repository


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


@dataclass
class Create(Edit):
    record: object
    new_id: int | None = None
    inputs: list | None = None  # a batch's input lines, saved with it

    def apply(self, repo: Repository) -> None:
        with repo._tx():
            if self.new_id is None:
                self.new_id = repo.insert(self.record)
                self.record = dataclasses.replace(self.record, id=self.new_id)
            else:  # redo: the same id again, so later edits still point at it
                repo.insert_many(ENTITY_OF[type(self.record)], [self.record])
            if self.inputs is not None:
                repo.replace_batch_inputs(self.new_id, self.inputs)

    def revert(self, repo: Repository) -> None:
        repo.delete(ENTITY_OF[type(self.record)], self.new_id)

    def describe(self, lang: str = "zh") -> str:
        label = entity_label(ENTITY_OF[type(self.record)], lang)
        return f"新增{label} {_key(self.record)}" if lang == "zh" else \
            f"Add {label.lower()} {_key(self.record)}"


@dataclass
class Update(Edit):
    old: object
    new: object
    inputs: list | None = None  # a batch's new input lines
    old_inputs: list | None = None

    def apply(self, repo: Repository) -> None:
        with repo._tx():
            if self.inputs is not None and self.old_inputs is None:
                self.old_inputs = list(repo.iter("batch_input", where="batch_id = ?",
                                                 params=(self.old.id,)))
            repo.update(self.new)
            if self.inputs is not None:
                repo.replace_batch_inputs(self.new.id, self.inputs)

    def revert(self, repo: Repository) -> None:
        with repo._tx():
            repo.update(self.old)
            if self.old_inputs is not None:
                repo.replace_batch_inputs(self.old.id, self.old_inputs)

    def describe(self, lang: str = "zh") -> str:
        label = entity_label(ENTITY_OF[type(self.new)], lang)
        return f"修改{label} {_key(self.new)}" if lang == "zh" else \
            f"Edit {label.lower()} {_key(self.new)}"


@dataclass
class Delete(Edit):
    records: list = field(default_factory=list)
    # Rows the database deletes with them (a batch's input lines), kept for undo.
    cascaded: list = field(default_factory=list)

    def apply(self, repo: Repository) -> None:
        with repo._tx():
            self.cascaded = [
                line for record in self.records if ENTITY_OF[type(record)] == "batch"
                for line in repo.iter("batch_input", where="batch_id = ?", params=(record.id,))
            ]
            for record in self.records:
                repo.delete(ENTITY_OF[type(record)], record.id)

    def revert(self, repo: Repository) -> None:
        with repo._tx():
            for record in self.records:
                repo.insert_many(ENTITY_OF[type(record)], [record])
            if self.cascaded:
                repo.insert_many("batch_input", self.cascaded)

    def describe(self, lang: str = "zh") -> str:
        label = entity_label(ENTITY_OF[type(self.records[0])], lang)
        if len(self.records) == 1:
            key = _key(self.records[0])
            return f"删除{label} {key}" if lang == "zh" else f"Delete {label.lower()} {key}"
        n = len(self.records)
        return f"删除 {n} 条{label}" if lang == "zh" else f"Delete {n} {label.lower()} records"
