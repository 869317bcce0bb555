"""Declaration texts (reads): for each export line the specification text
customs expects under its HS code and the remarks statement on control, and
a workbook of them with one sheet per declaration."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..filing import declaration as _d
from .changes import Changes

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


def declaration_settings(db: Database) -> dict[str, str]:
    """The file's brand type and export preference as the texts say them
    (``brand_type``, ``export_preference``: the setting, else the data
    file's default), with the choices of each (``<name>_choices``)."""
    from ..core.declaration import SETTING_KEYS
    from ..resources import load_declaration_elements
    from ..storage.file_settings import file_settings

    kept = file_settings(db, "declaration.")
    out: dict = {}
    for name, key in SETTING_KEYS.items():
        field = _field(load_declaration_elements(), name)
        choices = field.choices if field is not None else ()
        value = kept.get(key, "")
        out[name] = value if value in choices else (field.default if field else "")
        out[f"{name}_choices"] = list(choices)
    return out


def set_declaration_setting(db: Database, name: str, value: str | None) -> Changes:
    """Keep the file's ``name`` (``brand_type`` or ``export_preference``) for
    the declaration texts; None or "" takes it back to the default.  A value
    that is not one of the data file's choices is refused."""
    from ..core.declaration import SETTING_KEYS
    from ..resources import load_declaration_elements
    from ..storage.db import StorageError
    from ..storage.file_settings import set_file_setting
    from ..storage.reasons import Reason

    field = _field(load_declaration_elements(), name)
    value = (value or "").strip() or None
    if name not in SETTING_KEYS or field is None:
        return Changes(failure=ValueError(Reason("records.unknown_entity", entity=name)))
    if value is not None and field.choices and value not in field.choices:
        return Changes(failure=ValueError(Reason(
            "records.not_a_choice", field=field.label, value=value,
            choices="、".join(field.choices))))
    try:
        set_file_setting(db, SETTING_KEYS[name], value)
    except StorageError as exc:
        return Changes(failure=exc)
    return Changes()


def _field(elements, source: str):
    for group in elements.groups:
        for f in group.fields:
            if f.source == source:
                return f
    return None
