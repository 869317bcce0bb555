"""One resolver for shipped resources (code lists, templates, translations).

Works from a source checkout (``<repo>/resources``), an installed wheel
(``<prefix>/share/magdesk/resources``) and a PyInstaller bundle
(``<bundle>/resources``).  Nothing else in magdesk builds resource paths.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


class ResourceError(FileNotFoundError):
    """A shipped resource is missing: the installation is incomplete."""


def _candidates() -> list[Path]:
    found = []
    env = os.environ.get("MAGDESK_RESOURCES")
    if env:
        found.append(Path(env))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(Path(__file__).resolve().parent.parent / "resources")
    for prefix in {sys.prefix, sys.base_prefix}:
        found.append(Path(prefix) / "share" / "magdesk" / "resources")
    return found


@cache
def resources_dir() -> Path:
    """The folder that holds magdesk's shipped resources."""
    for cand in _candidates():
        if (cand / "codelists").is_dir():
            return cand
    tried = ", ".join(str(c) for c in _candidates())
    raise ResourceError(f"magdesk resources not found (looked in: {tried})")


def resource_path(*parts: str) -> Path:
    """Path of one shipped resource, e.g. ``resource_path("codelists", "hs_codes.toml")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise ResourceError(f"missing resource: {path}")
    return path


@cache
def load_codelists():
    """The shipped code lists, parsed once per process."""
    from .core import codelists as cl

    def text(name: str) -> str:
        return resource_path("codelists", name).read_text(encoding="utf-8")

    return cl.CodeLists(
        hs=cl.parse_hs_codes(text("hs_codes.toml")),
        countries=cl.parse_countries(text("countries.csv")),
        currencies=cl.parse_currencies(text("currencies.csv")),
        control_items=cl.parse_control_items(text("control_items.toml")),
        screening_rules=cl.parse_screening_rules(text("screening_rules.toml")),
    )


@cache
def load_declaration_elements():
    """The shipped declaration elements per HS code, parsed once per process."""
    from .core.declaration import parse_declaration_elements

    path = resource_path("codelists", "declaration_elements.toml")
    return parse_declaration_elements(path.read_text(encoding="utf-8"), path.name)


BUILD_FILE = "build.json"  # written into the bundle's resources by installer/magdesk.spec


@cache
def build_info() -> dict[str, str]:
    """When and on what this copy was built ({"date", "system", "python",
    "qt"}), as the installer's build wrote it; {} when run from source."""
    import json

    try:
        data = json.loads((resources_dir() / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, ResourceError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def version_text() -> str:
    """``magdesk 0.1.0 (built 2026-12-06 on Debian 11)``, or ``(from source)``."""
    from . import __version__

    info = build_info()
    if not info.get("date"):
        return f"magdesk {__version__} (from source)"
    system = f" on {info['system']}" if info.get("system") else ""
    return f"magdesk {__version__} (built {info['date']}{system})"
