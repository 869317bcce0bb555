"""Declaration texts (reads): for each export line the specification text
customs expects under its HS code and the remarks statement on control, and
a workbook of them with one sheet per declaration."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..filing import declaration as _d

if TYPE_CHECKING:
    from ..core.declaration import DeclarationElements, DeclarationText
    from ..storage.db import Database


def declaration_texts(db: Database, period: str | None = None, decl_no: str | None = None,
                      elements: DeclarationElements | None = None) -> list[DeclarationText]:
    """The texts of the export lines declared in ``period`` (YYYY-MM) or of
    declaration ``decl_no``, by declaration and line number."""
    return _d.declaration_texts(db, period, decl_no, elements)


def export_line_texts(db: Database, line, product_id: int | None = None) -> DeclarationText:
    """The texts of one export line as a form holds it (saved or not); its
    product is its sale's unless ``product_id`` is given."""
    return _d.line_texts(db, line, product_id)


def write_declarations(db: Database, out: Path, period: str | None = None,
                       decl_no: str | None = None) -> tuple[Path | None, list[DeclarationText]]:
    """Write the texts of ``period`` or of ``decl_no`` to the workbook ``out``,
    one sheet per declaration; returns the path and the texts written (no
    path, nothing written, when there is no export line)."""
    texts = declaration_texts(db, period, decl_no)
    if not texts:
        return None, texts
    return _d.write_declaration_book(Path(out), texts), texts
