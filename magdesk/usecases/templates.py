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
    from ..filing.resolve import default_template as chosen

    return chosen(db)


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

    The one place a template is checked before it is kept: its text is TOML
    with a [template] table, and the whole template holds (filing.template:
    known sources, fields, kinds, units and derived values, every required
    column mapped, every value with its code, the sample the one it was
    learned from)."""
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
    from ..filing.template import TemplateError, parse_template

    try:
        parse_template(body, _head_id(body), sample)
    except TemplateError as exc:
        raise TemplateRefused(Reason("template_store.invalid", name=_head_id(body),
                                     zh=exc.message("zh"), en=exc.message("en"))) from None
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


# --- learning a template from an authority's sample workbook -------------------------------

@dataclass(frozen=True)
class Learned:
    """A sample workbook learned: its layout, the suggestions, the sample's
    bytes; ``draft()`` lays the clerk's choices over the suggestions."""

    layout: object  # filing.learn.SampleLayout
    suggestions: tuple  # filing.learn.SheetSuggestion per data sheet
    sample: bytes

    def draft(self, name: str, choices=None, sources=None, version: int = 1,
              magdesk_sheets: bool = True, totals=None):
        """The template (filing.template.Template) with the clerk's ``choices``
        (sheet → letter → filing.draft.Choice), ``sources`` (sheet → source)
        and ``totals`` (sheet → whether a 合计 row follows the data)."""
        from dataclasses import replace

        from ..filing.draft import draft

        template = draft(self.layout, self.suggestions, name, choices, sources, version,
                         magdesk_sheets, totals)
        return replace(template, sample=self.sample)

    def problems(self, template, choices=None) -> list:
        """What is unmapped or ambiguous (filing.draft.Problem, blocking first)."""
        from ..filing.draft import problems

        return problems(template, self.suggestions, choices, self.layout)


def learn_template(sample_path) -> Learned:
    """Learn the authority's sample workbook at ``sample_path`` (filing.learn):
    its data sheets, header rows, required columns, units, formats and
    drop-down lists, and a suggested field for every column.  Raises
    ``filing.learn.SampleError`` (said in the clerk's language) when it
    cannot be learned."""
    from pathlib import Path

    from ..filing.learn import learn_sample, suggest

    layout = learn_sample(sample_path)
    return Learned(layout, suggest(layout), Path(sample_path).read_bytes())


def template_toml(template, comment: str = "") -> str:
    """A template as the TOML it is kept as."""
    from ..filing.draft import to_toml

    return to_toml(template, comment)


def save_learned(db: Database, template, make_default: bool = False) -> Changes:
    """Keep a template drafted from a sample (with its sample) in the file, as
    the next version of its name."""
    from dataclasses import replace

    version = max((i.version for i in TemplateStore(db).versions(template.id)), default=0) + 1
    template = replace(template, version=version)
    return save_template(db, template.id, template_toml(template), template.sample,
                         template.sample_name, make_default)


def check_template(db: Database, ref: str):
    """The template ``ref`` names (in the file, built in, or a TOML file),
    checked whole; raises filing.template.TemplateError naming the sheet,
    column and reason."""
    from ..filing.resolve import resolve_template

    return resolve_template(db, ref)


def preview_template(db: Database, template, period: str, limit: int = 20) -> list:
    """The first ``limit`` rows of each of the template's sheets for
    ``period``, as the cells would read (filing.draft.Preview)."""
    from ..filing.draft import preview
    from ..storage.filing_store import FilingStore
    from ..storage.repository import Repository

    company = Repository(db).company()
    bound = template.bind(company.name if company else "", company.uscc if company else "",
                          period)
    return preview(FilingStore(db), bound, period, limit)


# --- what the window's mapping table offers ----------------------------------------------

def __getattr__(name: str):
    """``Choice`` (filing.draft: the clerk's choice for one sample column) and
    ``SampleError`` (filing.learn: a sample that cannot be learned), plain
    data the window uses, loaded when first asked for."""
    if name == "Choice":
        from ..filing.draft import Choice

        return Choice
    if name == "SampleError":
        from ..filing.learn import SampleError

        return SampleError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def template_sources() -> list[str]:
    """The data a template's sheet may draw on ("sales", "purchases", …)."""
    from ..filing.sources import SOURCES

    return list(SOURCES)


def mapping_targets(source: str) -> list[str]:
    """Every target a column of a ``source`` sheet may take: "seq", the
    source's fields, "@period", "@period_zh", "@company.name", "@company.uscc"
    (a fixed text, "=TEXT", and none, "", besides)."""
    from ..filing.draft import targets

    return targets(source)


def target_header(source: str, target: str) -> str:
    """magdesk's Chinese header of a field of ``source`` ("客户名称")."""
    from ..filing.draft import field_header

    return field_header(source, target)


def target_kind(source: str, target: str) -> tuple[str, object]:
    """The kind of a target ("text", "mass", "money", "enum", "bool", "date",
    …) and, for an enumeration, its enum class (``labels()``: member → (zh,
    en)); a derived, fixed or empty target is text."""
    if not target or target.startswith(("=", "@")):
        return "text", None
    from ..filing.draft import field_kind

    return field_kind(source, target)


def target_units(kind: str) -> list[str]:
    """The units a column of ``kind`` may be written in, the default first
    (mass: kg, t, g; money: 元, 万元); none for other kinds."""
    from ..filing.template import DEFAULT_UNIT, UNITS

    units = list(UNITS.get(kind, {}))
    default = DEFAULT_UNIT.get(kind)
    return sorted(units, key=lambda u: u != default)


def suggested_codes(source: str, target: str, choices) -> dict[str, str]:
    """The sample's drop-down ``choices`` matched to the values of an
    enumeration or yes/no target (value → choice), as learning suggests them;
    values without a match are left out."""
    kind, enum = target_kind(source, target)
    if kind not in ("enum", "bool"):
        return {}
    from ..filing.learn import _codes

    return _codes("bool" if kind == "bool" else enum, tuple(choices))
