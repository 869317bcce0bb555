"""Finding the header row and mapping its columns to import columns; mappings
the clerk confirmed are remembered per source layout (kind + header row)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .columns import ROLE_OF_NAME_HEADER, Kind, alias_index
from .values import clean_text, header_key, unit_kind

HEADER_SCAN = 30  # rows searched for the header
_UNIT_COLUMN_KIND = {"mass": "mass", "pieces": "int", "money": "money", "pct": "pct"}


@dataclass
class Mapping:
    """Which file column (0-based index) feeds which import column."""

    kind: str
    header_row: int  # 0-based index of the header row in the sheet
    headers: list[str]  # the header row's texts, cleaned
    columns: dict[int, str] = field(default_factory=dict)  # file column -> import column
    units: dict[int, str] = field(default_factory=dict)  # file column -> unit in its header
    unmapped: list[int] = field(default_factory=list)  # headed columns read past
    twice: list[tuple[int, int]] = field(default_factory=list)  # (ignored, used) same meaning
    missing: list[str] = field(default_factory=list)  # required import columns absent
    role_hint: str | None = None  # CUSTOMER/SUPPLIER implied by the name column's header
    remembered: bool = False

    def index_of(self, name: str) -> int | None:
        for index, column in self.columns.items():
            if column == name:
                return index
        return None

    def as_headers(self) -> dict[str, str | None]:
        """Header text -> import column (None when read past), for display and JSON."""
        out: dict[str, str | None] = {}
        for index, text in enumerate(self.headers):
            if text:
                out[text] = self.columns.get(index)
        return out


def layout_key(kind: str, headers: list[str]) -> str:
    """A stable key of a source layout: the kind and its normalised header row."""
    keys = [header_key(h)[0] for h in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("\x1f".join([kind, *keys]).encode("utf-8")).hexdigest()[:32]


def _score(cells: list, whole: dict[str, str], base: dict[str, list[str]]) -> int:
    found = set()
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            full, short, _unit = header_key(cell)
            name = whole.get(full) or (base.get(short) or [None])[0]
            if name:
                found.add(name)
    return len(found)


def find_header(rows: list[list], kind: Kind, remembered: dict | None = None,
                chosen: dict[str, str | None] | None = None) -> int | None:
    """The 0-based index of the header row: a row whose layout was remembered,
    else the row (of the first ``HEADER_SCAN``) naming most known columns
    (at least two; the headers of a ``chosen`` mapping count as known), the
    first of equals.  Title and blank rows above it are skipped."""
    whole, base = alias_index(kind)
    for text, name in (chosen or {}).items():
        whole[header_key(text)[0]] = name or ""
    best, best_score = None, 1
    for index, cells in enumerate(rows[:HEADER_SCAN]):
        texts = [clean_text(c) for c in cells]
        if remembered and any(texts) and layout_key(kind.name, texts) in remembered:
            return index
        score = _score(cells, whole, base)
        if score > best_score:
            best, best_score = index, score
    return best


def map_header(rows: list[list], header_row: int, kind: Kind,
               chosen: dict[str, str | None] | None = None) -> Mapping:
    """Map the header row to import columns.  ``chosen`` (header text -> column
    name, or None to read past) overrides the automatic choice column by column."""
    headers = [clean_text(c) for c in rows[header_row]]
    whole, base = alias_index(kind)
    chosen_keys = {header_key(k)[0]: v for k, v in (chosen or {}).items()}
    mapping = Mapping(kind.name, header_row, headers)
    used: dict[str, int] = {}
    for index, text in enumerate(headers):
        if not text:
            continue
        full, short, unit = header_key(text)
        if full in chosen_keys:
            name = chosen_keys[full]
            if name and name not in kind.by_name:  # a remembered name this version lacks
                name = None
        else:
            name = whole.get(full)
            if name is None:
                name = _by_unit(base.get(short, []), unit, kind)
        if unit:
            mapping.units[index] = unit
        if name is None:
            mapping.unmapped.append(index)
        elif name == "":
            continue  # a known informational column
        elif name in used:
            mapping.twice.append((index, used[name]))
        else:
            used[name] = index
            mapping.columns[index] = name
            if name == "name_cn" and kind.name == "counterparties":
                mapping.role_hint = ROLE_OF_NAME_HEADER.get(full) or ROLE_OF_NAME_HEADER.get(short)
    mapping.missing = _missing(kind, set(used), mapping.role_hint)
    return mapping


def _by_unit(names: list[str], unit: str, kind: Kind) -> str | None:
    """Of the columns a header's base names, the one whose kind fits its unit."""
    if len(names) <= 1 or not unit:
        return names[0] if names else None
    wanted = _UNIT_COLUMN_KIND.get(unit_kind(unit))
    for name in names:
        if kind.column(name).kind == wanted:
            return name
    return names[0]


def _missing(kind: Kind, present: set[str], role_hint: str | None) -> list[str]:
    missing = [c.name for c in kind.columns if c.required and c.name not in present]
    for group in kind.one_of:
        if not present & set(group):
            missing.append(group[0])
    if kind.name == "counterparties" and "role" not in present and role_hint is None:
        missing.append("role")
    return missing


# --- remembered mappings ---------------------------------------------------------

def mappings_file() -> Path:
    from ..settings import config_dir

    return config_dir() / "import_mappings.json"


def load_remembered(path: Path | None = None) -> dict[str, dict]:
    """Remembered layouts by layout key; a damaged file counts as empty."""
    try:
        data = json.loads((path or mappings_file()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_choice(kind: str, headers: list[str], path: Path | None = None
                      ) -> dict[str, str | None] | None:
    entry = load_remembered(path).get(layout_key(kind, headers))
    if not isinstance(entry, dict) or not isinstance(entry.get("mapping"), dict):
        return None
    return entry["mapping"]


def remember(kind: str, headers: list[str], choice: dict[str, str | None],
             path: Path | None = None) -> Path:
    """Keep a confirmed mapping (header text -> column or None) for this layout."""
    path = path or mappings_file()
    data = load_remembered(path)
    data[layout_key(kind, headers)] = {"kind": kind, "headers": [h for h in headers if h],
                                       "mapping": choice}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path
