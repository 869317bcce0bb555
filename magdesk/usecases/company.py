"""The own company: its profile (the heading of the window and of every
filing) and a new file headed by it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import load_codelists
from ..storage.db import StorageError, open_database
from ..storage.reasons import Reason
from .changes import Changes

if TYPE_CHECKING:
    from ..core.findings import Finding
    from ..core.model import Company
    from ..storage.db import Database


def check_company(company: Company) -> list[Finding]:
    """The own company's findings: its field specs and its credit code."""
    from ..core.rules_records import Context
    from ..core.rules_records import check_company as rule

    return rule(company, Context(load_codelists(), date.today()))


def save_company(db: Database, company: Company, accept_reason: str = "") -> Changes:
    """Write the own company's profile, the heading of the window and of every
    filing.  Nothing is written while it has an error, or a warning (a credit
    code whose check digit fails, as early pilot codes do) without an
    ``accept_reason``; with one, the warnings are accepted in the same
    transaction.  What stopped it is in ``Changes.refused``."""
    from ..storage.repository import Repository

    found = check_company(company)
    if any(f.is_error for f in found) or (found and len(accept_reason.strip()) < 4):
        return Changes(refused=tuple(found))
    repo = Repository(db)
    with db.write():
        repo.set_company(company)
        for f in found:
            repo.accept_finding(f.entity, f.record, f.code, accept_reason.strip())
    # The heading of every month's filing, and the company's own findings.
    return Changes(entities=frozenset({"company"}), company=True, findings=True, periods=True)


def create_database(path: Path, company: Company, accept_reason: str = "") -> list[Finding]:
    """A new magdesk file at ``path`` headed by ``company`` (the first start).
    Nothing is created while the company has a finding ``save_company``
    refuses (they are returned); an existing file is never touched, and a file
    that could not be completed is removed."""
    path = Path(path)
    found = check_company(company)
    if any(f.is_error for f in found) or (found and len(accept_reason.strip()) < 4):
        return found
    if path.exists():
        raise StorageError(Reason("company_file_exists", path=path))
    db = open_database(path, create=True)
    try:
        save_company(db, company, accept_reason)
    except BaseException:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    db.close()
    return []
