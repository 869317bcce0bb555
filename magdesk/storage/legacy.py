"""Restore points of the previous release, kept in ``snapshots/<file stem>/``:
every ``magdesk.sqlite`` on the machine shared one such folder, so a folder may
hold the points of several companies.  They are sorted by what each point
holds: one whose credit code and company name are the file's (and whose
identity, if it has one, is the file's) is adopted, moved into the file's
identity folder; the rest (another company's, or unreadable) stay where they
are, listed as foreign and never offered for a restore, never deleted."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from .identity import FileIdentity, of_path
from .snapshots import (
    Snapshot,
    SnapshotError,
    _snapshot_files,
    belongs,
    folder_for,
    is_own,
    legacy_folder,
    read_info,
)


@dataclass(frozen=True)
class Foreign:
    """A file among a database's restore points that is not its own."""

    path: Path
    point: Snapshot | None  # what it says of itself; None when it cannot be read

    def as_dict(self) -> dict:
        return {"file": str(self.path), "name": self.path.name, "readable": self.point is not None,
                "identity": self.point.identity if self.point else "",
                "uscc": self.point.uscc if self.point else "",
                "company": self.point.company if self.point else ""}


def adopt(db_path: Path, root: Path | None, who: FileIdentity) -> list[Path]:
    """Move the file's own points out of its stem's old folder into its
    identity's; returns where they went.  Nothing is moved when the file has
    no identity yet; a point that cannot be moved stays (and is read there)."""
    old = legacy_folder(db_path, root)
    if not who.identity or not old.is_dir():
        return []
    target = folder_for(db_path, root, who.identity)
    if target == old:
        return []
    moved = []
    for path in _snapshot_files(old):
        try:
            point = read_info(path)
        except SnapshotError:
            continue  # unreadable: foreign, left as it is
        if not belongs(point, who, db_path):
            continue
        with contextlib.suppress(OSError):
            target.mkdir(parents=True, exist_ok=True)
            destination = _free_name(target / path.name)
            os.replace(path, destination)
            moved.append(destination)
    return moved


def foreign(db_path: Path, root: Path | None = None,
            owner: FileIdentity | None = None) -> list[Foreign]:
    """Files among the restore points of ``db_path`` that are not its own:
    left in its old folder (another company's, unreadable) or put by hand in
    its identity's.  All of them when nothing can tell who the file is."""
    who = owner if owner is not None else of_path(db_path)
    folders = [legacy_folder(db_path, root)]
    if who is not None and who.identity:
        adopt(Path(db_path), root, who)
        folders.append(folder_for(db_path, root, who.identity))
    out = []
    for folder in dict.fromkeys(folders):
        for path in sorted(_snapshot_files(folder)):
            try:
                point = read_info(path)
            except SnapshotError:
                out.append(Foreign(path, None))
                continue
            if who is None or not is_own(point, who, db_path):
                out.append(Foreign(path, point))
    return out


def _free_name(path: Path) -> Path:
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
