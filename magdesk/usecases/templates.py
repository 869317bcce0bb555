"""Filing templates: the built-in ones (shipped, resources/templates) and
those kept in the company's file (learned from an authority's sample), the
company's default, saving, choosing and deleting.

Writes return ``Changes`` (``templates`` set when written; a refusal or a
storage failure in ``Changes.failure``, nothing written); reads return data
or raise ``TemplateRefused`` (a StorageError: the CLI and the window say it
in the clerk's language)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..storage.db import StorageError
from ..storage.reasons import Reason
from ..storage.template_store import TemplateRefused, TemplateStore, checked_name
from .changes import Changes

if TYPE_CHECKING:
    from ..storage.db import Database

BUILTIN_DEFAULT = "REFLOW-1"


@dataclass(frozen=True)
class TemplateEntry:
    """A line of the list of templates: ``builtin`` ones ship with magdesk
    (no sample, no versions in the file); ``is_default`` is the one an
    export uses unless told otherwise."""

    name: str
    version: int
    builtin: bool
    is_default: bool
    versions: int = 1
    sample_name: str = ""
    sample_sha256: str = ""
    sample_size: int = 0
    saved_at: str = ""

    def as_dict(self) -> dict:
        return {"name": self.name, "version": self.version, "builtin": self.builtin,
                "default": self.is_default, "versions": self.versions,
                "sample_name": self.sample_name, "sample_sha256": self.sample_sha256,
                "sample_size": self.sample_size, "saved_at": self.saved_at}


def _builtins() -> dict[str, str]:
    """The shipped templates: name → the path of their TOML."""
    from ..filing.template import available_templates, templates_dir

    return {name: str(templates_dir() / f"{name}.toml") for name in available_templates()}


def _builtin_version(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            return int(tomllib.load(fh).get("template", {}).get("version", 1))
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError, AttributeError):
        return 1


def default_template(db: Database) -> str:
    """The name of the template an export uses by default: the company's
    choice, else the built-in REFLOW-1 (also when the choice is gone)."""
    store = TemplateStore(db)
    chosen = store.default()
    if chosen and (chosen in _builtins() or store.get(chosen) is not None):
        return chosen
    return BUILTIN_DEFAULT


def list_templates(db: Database) -> list[TemplateEntry]:
    """The built-in templates, then the file's (the latest version of each),
    each marked when it is the default."""
    default = default_template(db)
    out = [TemplateEntry(name, _builtin_version(path), True, name == default)
           for name, path in sorted(_builtins().items())]
    for info in TemplateStore(db).names():
        out.append(TemplateEntry(info.name, info.version, False, info.name == default,
                                 info.versions, info.sample_name, info.sample_sha256,
                                 info.sample_size, info.saved_at))
    return out


def template_text(db: Database, name: str, version: int | None = None) -> str:
    """The TOML of template ``name`` (a version of the file's, its latest
    when None; a built-in one's shipped text)."""
    store = TemplateStore(db)
    if version is None:
        found = store.get(name)
        if found is not None:
            return found.body
    else:
        found = store.get(name, version)
        if found is not None:
            return found.body
        kept = [str(i.version) for i in store.versions(name)]
        if kept:
            raise TemplateRefused(Reason("template_store.unknown_version", name=name,
                                         version=version, versions=", ".join(kept)))
    path = _builtins().get(name)
    if path is None:
        raise TemplateRefused(Reason("template_store.unknown", name=name))
    shipped = _builtin_version(path)
    if version is not None and version != shipped:
        raise TemplateRefused(Reason("template_store.unknown_version", name=name,
                                     version=version, versions=str(shipped)))
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def stored_template(db: Database, name: str, version: int | None = None):
    """The stored template ``name`` whole (``StoredTemplate``, with the
    sample's bytes), or None for one the file does not hold."""
    return TemplateStore(db).get(name, version)


def _checked(body: str, sample: bytes | None) -> dict:
    """The template's TOML as data, or TemplateRefused naming what is wrong.

    The one place a template is checked before it is kept: for now that its
    text is TOML with a [template] table; the template model extends this
    (known fields, required columns mapped, the sample still matching)."""
    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError as exc:
        import re

        at = re.search(r"\(at line (\d+)", str(exc))  # (3.14 has exc.lineno as well)
        line = getattr(exc, "lineno", None) or (at.group(1) if at else "?")
        raise TemplateRefused(Reason("template_store.not_toml", name=_head_id(body),
                                     line=line, error=str(exc).split(" (at ")[0])) from None
    if not isinstance(data.get("template"), dict):
        raise TemplateRefused(Reason("template_store.no_head", name=_head_id(body)))
    return data


def _head_id(body: str) -> str:
    """The id the text seems to give itself, for a message about a broken one."""
    import re

    found = re.search(r'^\s*id\s*=\s*"([^"\n]*)"', body, re.MULTILINE)
    return found.group(1) if found else "?"


def save_template(db: Database, name: str | None, body: str, sample: bytes | None = None,
                  sample_name: str = "", make_default: bool = False) -> Changes:
    """Keep ``body`` (and the ``sample`` workbook it was learned from) in the
    file as the next version of ``name``, which must be the TOML's [template]
    id (None: that id, as the CLI saves a file); with ``make_default`` the
    company's default too.  One transaction, after a restore point."""
    try:
        data = _checked(body, sample)
        found = data["template"].get("id")
        if name is None:
            name = found if isinstance(found, str) else ""
        checked_name(name)
        if name in _builtins():
            raise TemplateRefused(Reason("template_store.builtin_name", name=name))
        if found != name:
            raise TemplateRefused(Reason("template_store.id_differs", name=name,
                                         found="" if found is None else str(found)))
        TemplateStore(db).save(name, body, sample, sample_name, make_default=make_default)
    except StorageError as exc:  # refused, read-only, a full disk
        return Changes(failure=exc)
    return Changes(templates=True)


def set_default_template(db: Database, name: str | None) -> Changes:
    """Make ``name`` the company's default filing template; None (or the
    built-in REFLOW-1's name): back to the built-in one."""
    try:
        store = TemplateStore(db)
        if name is None or name == BUILTIN_DEFAULT:
            store.set_default(None)
        else:
            store.set_default(name, builtin=name in _builtins())
    except StorageError as exc:
        return Changes(failure=exc)
    return Changes(templates=True)


def delete_template(db: Database, name: str) -> Changes:
    """Delete every version of the file's template ``name`` (after a restore
    point); refused for a built-in one and for one a month's filing
    recorded.  When it was the default, the built-in one is again."""
    try:
        if name in _builtins():
            raise TemplateRefused(Reason("template_store.builtin_kept", name=name))
        TemplateStore(db).delete(name)
    except StorageError as exc:
        return Changes(failure=exc)
    return Changes(templates=True)
