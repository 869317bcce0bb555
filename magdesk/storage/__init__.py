"""The only place with SQL."""

from .db import Database, NewerFileError, NotMagdeskFileError, ReadOnlyError, open_database

__all__ = ["Database", "NewerFileError", "NotMagdeskFileError", "ReadOnlyError", "open_database"]
