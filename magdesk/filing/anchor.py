"""The audit chain's anchor a filing workbook carries (申报信息, row 审计链),
read back for ``audit verify --anchor WORKBOOK.xlsx``."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from ..storage.anchors import Anchor, parse_text
from .readback import XlsxReader, info_items
from .writer import ANCHOR_ROW, INFO_SHEET


class WorkbookAnchorError(Exception):
    """A workbook given as an anchor holds none: ``code`` is ``unreadable``
    (not a workbook magdesk can read) or ``no_anchor`` (no 审计链 row: written
    by an older magdesk, or not a filing workbook)."""

    def __init__(self, code: str, path: Path, error: str = ""):
        super().__init__(f"{path}: {code} {error}".strip())
        self.code, self.path, self.error = code, path, error


def workbook_anchor(path: Path) -> Anchor:
    """The anchor of a filing workbook: the head of the chain when it was
    written, with the file's identity, the period and revision."""
    path = Path(path)
    try:
        _within_limits(path)
        with XlsxReader(path) as reader:
            items = info_items(reader, INFO_SHEET)
    except (OSError, KeyError, ParseError, zipfile.BadZipFile, ValueError) as exc:
        raise WorkbookAnchorError("unreadable", path, str(exc)) from exc
    parsed = parse_text(items.get(ANCHOR_ROW, ""))
    if parsed is None:
        raise WorkbookAnchorError("no_anchor", path)
    seq, digest, identity = parsed
    try:
        when = datetime.fromisoformat(items.get("生成时间", ""))
    except ValueError:
        when = datetime.fromtimestamp(path.stat().st_mtime)
    if when.tzinfo is None:
        when = when.astimezone()
    detail = f"{items.get('所属期', '?')} r{items.get('更正序号', '0')} {path.name}"
    return Anchor(identity, seq, digest, when, "workbook", detail, "workbook", str(path))


# A filing workbook's parts are small but for its data sheets, which are not
# read here: a part beyond this is not one magdesk wrote (or a zip bomb).
MAX_PART = 256 << 20


def _within_limits(path: Path) -> None:
    with zipfile.ZipFile(path) as book:
        for info in book.infolist():
            if info.file_size > MAX_PART and not info.filename.startswith("xl/worksheets/"):
                raise ValueError(f"{info.filename} holds {info.file_size} bytes uncompressed")
