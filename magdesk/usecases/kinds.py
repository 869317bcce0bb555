"""What the window names of the storage below it, through the one door:
the file's type and the errors opening or reading it may raise, the words
of a storage reason, and the read models of its tables (the paged query a
table shows, look-ups and suggestions while typing).  Nothing here writes.
The window imports no storage module itself (import-linter's contract in
pyproject.toml): it goes through this module and the other use cases.

The file's type and the words are loaded with the window, before PySide6
(gui/__init__.py); the read models when first named, so that the window
starts without them."""

from __future__ import annotations

import importlib

from ..storage import checked as _checked  # noqa: F401  (the files already checked)
from ..storage import safety as _safety  # noqa: F401  (the writer's lease, with the file)
from ..storage.db import Database, OpenCancelled, StorageError
from ..storage.reasons import Reason, said

__all__ = ["Database", "OpenCancelled", "Reason", "StorageError", "said"]

_LATER = {
    "VIEWS": "paging", "PagedQuery": "paging",
    "batches_like": "suggest", "export_sales_like": "suggest", "next_doc_no": "suggest",
    "foreign_names_like": "locate", "locate": "locate",
    "path_problem": "failures", "write_crash_log": "failures",
}


def __getattr__(name: str):
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"..storage.{module}", __package__), name)
