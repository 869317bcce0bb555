"""Which template a reference names: a template kept in the company file
(``name`` for its latest version, ``name@3`` for one version, as an export
records it), a shipped one (``REFLOW-1``), or a TOML file given by path
(its sample workbook, for a sample layout, beside it)."""

from __future__ import annotations

from pathlib import Path

from ..storage.db import Database
from .template import Template, TemplateError, load_template, parse_template

BUILTIN = "REFLOW-1"


def resolve_template(db: Database, ref: str) -> Template:
    """The template ``ref`` names; TemplateError when there is none or it is broken."""
    if ref.endswith(".toml"):
        return template_file(Path(ref))
    from ..storage.template_store import TemplateStore

    name, at, version = ref.rpartition("@") if "@" in ref else (ref, "", "")
    stored = TemplateStore(db).get(name, int(version) if version.isdigit() else None)
    if stored is not None:
        return parse_template(stored.body, f"{stored.name} v{stored.version}", stored.sample,
                              stored=True)
    if at:
        raise TemplateError(f"the file holds no template {name!r} version {version}",
                            f"本文件中没有申报模板“{name}”第{version}版")
    return load_template(name)


def default_template(db: Database) -> str:
    """The name of the company's default template: its choice, else the
    built-in REFLOW-1 (also when the chosen one is gone)."""
    from ..storage.template_store import TemplateStore
    from .template import available_templates

    store = TemplateStore(db)
    chosen = store.default()
    if chosen and (chosen in available_templates() or store.get(chosen) is not None):
        return chosen
    return BUILTIN


def template_file(path: Path) -> Template:
    """A template from a TOML file; a sample layout's workbook is the file its
    ``sample_name`` names in the same folder."""
    if not path.is_file():
        raise TemplateError(f"no template file {path}", f"没有模板文件 {path}")
    text = path.read_text(encoding="utf-8")
    sample = None
    head = _head(text)
    if head.get("layout") == "sample":
        sample_path = path.parent / str(head.get("sample_name", ""))
        if not head.get("sample_name") or not sample_path.is_file():
            raise TemplateError(f"{path}: its sample workbook {str(sample_path)!r} is not there",
                                f"{path}：它的样表“{sample_path}”不在")
        sample = sample_path.read_bytes()
    return parse_template(text, path, sample)


def _head(text: str) -> dict:
    import tomllib

    try:
        head = tomllib.loads(text).get("template")
    except tomllib.TOMLDecodeError:
        return {}  # parse_template says what is wrong
    return head if isinstance(head, dict) else {}
