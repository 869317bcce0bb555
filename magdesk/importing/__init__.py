"""Importing the clerk's spreadsheets (xlsx, xls, csv): header mapping, the
same checks as entry, all-or-nothing commit and an error report.  No Qt and
no SQL here: records are written through the repository."""

from .columns import KINDS
from .issues import ImportFinding
from .reader import ImportFileError
from .service import ON_DUPLICATE, ImportResult, inspect_file, run_import

__all__ = ["KINDS", "ON_DUPLICATE", "ImportFileError", "ImportFinding", "ImportResult",
           "inspect_file", "run_import"]
