"""Pieces of the record form: records fetched lazily for the rules, the
date field's keys, and the question that accepts warnings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..core.findings import Finding
from ..core.messages import render_text
from ..usecases.reads import RecordReader as Repository


class Lazy(Mapping):
    """Records by id, fetched when a rule asks for one (forms never load a table)."""

    def __init__(self, repo: Repository, entity: str):
        self.repo, self.entity, self.cache = repo, entity, {}

    def __getitem__(self, key):
        if key not in self.cache:
            self.cache[key] = self.repo.get(self.entity, key)
        if self.cache[key] is None:
            raise KeyError(key)
        return self.cache[key]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self):
        return iter(self.cache)

    def __len__(self):
        return len(self.cache)


class DateEdit(QLineEdit):
    """ISO date entry: ``=`` is today, ``+``/``-`` move a day."""

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        text = event.text()
        if text in ("=", "+", "-"):
            try:
                day = date.fromisoformat(self.text().strip())
            except ValueError:
                day = date.today()
            day = date.today() if text == "=" else day + timedelta(1 if text == "+" else -1)
            self.setText(day.isoformat())
            return
        super().keyPressEvent(event)


class AcceptWarnings:
    """Ask for the reason to accept warnings (tests monkeypatch ``ask``)."""

    @classmethod
    def ask(cls, parent: QWidget, warnings: list[Finding], lang: str) -> str | None:
        text = "\n".join(render_text(f, lang) for f in warnings)
        reason, ok = QInputDialog.getText(
            parent, QCoreApplication.translate("AcceptWarnings", "Accept warnings"),
            QCoreApplication.translate("AcceptWarnings", "{0}\n\nReason for accepting:")
            .format(text))
        return reason.strip() if ok and len(reason.strip()) >= 4 else None
