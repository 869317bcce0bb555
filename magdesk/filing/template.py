"""Filing templates as data (TOML under resources/templates/), loaded and
checked when used: an unknown field, kind or enumeration, or a repeated
header, is an error naming the file and line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..core import enums as E
from .sources import SOURCES

KINDS = {"seq", "text", "date", "mass", "money", "integer", "enum", "bool"}
NUMBER_FORMATS = {"seq": "0", "text": "@", "date": "yyyy-mm-dd", "mass": "0.000",
                  "money": "#,##0.00", "integer": "0", "enum": "@", "bool": "@"}


class TemplateError(ValueError):
    """A template file is wrong; the message names the file and line."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str
    enum: type[E.LabelledEnum] | None = None
    width: float | None = None

    @property
    def number_format(self) -> str:
        return NUMBER_FORMATS[self.kind]

    def choices(self) -> list[str]:
        """The allowed labels of an enumeration or yes/no column."""
        if self.kind == "bool":
            return ["是", "否"]
        if self.enum is not None:
            return [zh for zh, _en in self.enum.labels().values()]
        return []


@dataclass(frozen=True)
class Sheet:
    name: str
    source: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    name: str
    file_name: str
    sheets: tuple[Sheet, ...]
    path: Path


def templates_dir() -> Path:
    from ..resources import resource_path

    return resource_path("templates")


def available_templates() -> list[str]:
    return sorted(p.stem for p in templates_dir().glob("*.toml"))


def load_template(template_id: str = "REFLOW-1", path: Path | None = None) -> Template:
    """Load and check one template (from ``path``, or the shipped one named ``template_id``)."""
    path = path or templates_dir() / f"{template_id}.toml"
    if not path.is_file():
        raise TemplateError(f"no template {template_id!r} ({path})")
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: {exc}") from None
    try:
        return _build(data, text, path)
    except TemplateError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        # A value of the wrong type (a table where a list belongs, text for a
        # number): found by fuzzing, refused like any other mistake.
        raise TemplateError(f"{path}: malformed template ({type(exc).__name__}: {exc})") from None


def _build(data: dict, text: str, path: Path) -> Template:
    def fail(message: str, needle: str = "") -> TemplateError:
        return TemplateError(f"{path}:{_line_of(text, needle)}: {message}")

    head = data.get("template")
    if not isinstance(head, dict):
        raise fail("missing [template] table")
    for key in ("id", "version", "name", "file_name"):
        if key not in head:
            raise fail(f"[template] lacks {key!r}", "[template]")
    sheets = []
    names: set[str] = set()
    for raw in data.get("sheet", []):
        sheet = _sheet(raw, fail)
        if sheet.name in names:
            raise fail(f"sheet {sheet.name!r} appears twice", f'name = "{sheet.name}"')
        names.add(sheet.name)
        sheets.append(sheet)
    if not sheets:
        raise fail("a template needs at least one [[sheet]]")
    return Template(str(head["id"]), int(head["version"]), str(head["name"]),
                    str(head["file_name"]), tuple(sheets), path)


def _sheet(raw: dict, fail) -> Sheet:
    name = raw.get("name")
    source = raw.get("source")
    if not name or source not in SOURCES:
        raise fail(f"sheet {name!r}: unknown source {source!r} (known: {', '.join(SOURCES)})",
                   f'source = "{source}"')
    fields = SOURCES[source]
    columns, headers = [], set()
    for col in raw.get("columns", []):
        header, field, kind = col.get("header"), col.get("field"), col.get("kind")
        where = f'header = "{header}"'
        if header in headers:
            raise fail(f"sheet {name!r}: header {header!r} appears twice", where)
        headers.add(header)
        if kind not in KINDS:
            raise fail(f"sheet {name!r}, column {header!r}: unknown kind {kind!r}", where)
        if field != "seq" and field not in fields:
            raise fail(f"sheet {name!r}, column {header!r}: source {source!r} has no field "
                       f"{field!r}", where)
        enum = None
        if kind == "enum":
            enum = getattr(E, str(col.get("enum")), None)
            if not (isinstance(enum, type) and issubclass(enum, E.LabelledEnum)):
                raise fail(f"sheet {name!r}, column {header!r}: unknown enum {col.get('enum')!r}",
                           where)
        columns.append(Column(header, field, kind, enum, col.get("width")))
    if not columns:
        raise fail(f"sheet {name!r} has no columns", f'name = "{name}"')
    key = tuple(raw.get("key", ()))
    unknown = [k for k in key if k not in fields]
    if unknown or not key:
        raise fail(f"sheet {name!r}: key {list(key)} names no field of {source!r}",
                   f'name = "{name}"')
    return Sheet(name, source, tuple(columns), key)


def _line_of(text: str, needle: str) -> int:
    """The 1-based line where ``needle`` first stands (1 if nowhere)."""
    if needle:
        for number, line in enumerate(text.splitlines(), 1):
            if needle in line:
                return number
    return 1


def file_name(template: Template, uscc: str, period: str, suffix: str = "") -> str:
    name = template.file_name.format(uscc=uscc, period=period.replace("-", ""), suffix=suffix)
    return re.sub(r'[\\/:*?"<>|]', "_", name)
