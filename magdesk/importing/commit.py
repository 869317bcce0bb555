"""Writing built records all-or-nothing: duplicates against the file and the
database, locked periods, the write itself, and the core validation of what
was written, mapped back to the rows it came from."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..core.findings import Finding, finding
from ..core.identifiers import normalise_uscc
from ..core.months import DATE_FIELDS, locked_months, month_of
from ..storage.ranges import batch_inputs
from ..storage.repository import Repository
from .build import Item
from .columns import Kind
from .issues import ImportFinding, Locator
from .values import name_key


def existing_keys(kind: Kind, repo: Repository, refs) -> Callable[[Item], list]:
    """A function giving the keys under which an item could already exist."""
    if kind.name == "counterparties":
        by_uscc = {u: c.id for u, c in refs.by_uscc.items()}
        by_name = {k: cs[0].id for k, cs in refs.by_name.items() if len(cs) == 1}

        def keys(item: Item) -> list:
            """A party is known by its credit code, and by its name (a registered
            name is one party's, and an old record may lack the code)."""
            cp = item.record
            by_code = [("uscc", normalise_uscc(cp.uscc))] if cp.uscc else []
            return [*by_code, ("name", name_key(cp.name_cn))]

        keys.index = {("uscc", u): i for u, i in by_uscc.items()} | {
            ("name", k): i for k, i in by_name.items()}
        return keys
    index = repo.key_index(kind.entity)

    def plain(item: Item) -> list:
        return [item.key]

    plain.index = index
    return plain


def deduplicate(kind: Kind, items: list[Item], keys, on_duplicate: str, loc: Locator,
                findings: list[ImportFinding]) -> tuple[list[Item], int]:
    """Items left to write and how many were skipped.  A key twice in the file
    is an error; a key already in the database is skipped, updated or an error."""
    if kind.name != "counterparties":  # one key each: new and distinct is the usual case
        plain = [item.key for item in items]
        if len(set(plain)) == len(plain) and keys.index.keys().isdisjoint(plain):
            return items, 0
    first_row: dict = {}
    kept, skipped = [], 0
    key_column = "customs_decl_no" if kind.name == "exports" else kind.key
    for item in items:
        item_keys = keys(item)
        twin = next((first_row[k] for k in item_keys if k in first_row), None)
        if twin is not None:
            findings.append(loc.at("import.duplicate_in_file", item.row, key_column,
                                   record=item.key, value=item.key, other=twin))
            continue
        for k in item_keys:
            first_row[k] = item.row
        existing = next((keys.index[k] for k in item_keys if k in keys.index), None)
        if existing is None:
            kept.append(item)
        elif on_duplicate == "skip":
            skipped += 1
        elif on_duplicate == "update":
            item.existing_id = existing
            kept.append(item)
        else:
            findings.append(loc.at("import.duplicate", item.row, key_column, record=item.key,
                                   value=item.key))
    return kept, skipped


def check_lots(items: list[Item], refs, loc: Locator, findings: list[ImportFinding]) -> list[Item]:
    """A supplier's lot number is unique (the schema says so too)."""
    seen = {(p.supplier_id, p.lot_no): p for lots in refs.lots().values() for p in lots}
    out = []
    for item in items:
        pu = item.record
        other = seen.get((pu.supplier_id, pu.lot_no))
        if other is not None and (other.id is None or other.id != item.existing_id):
            findings.append(loc.at("lot.duplicate", item.row, "lot_no", record=pu.doc_no,
                                   entity="purchase", field="lot_no", lot=pu.lot_no,
                                   other=other.doc_no))
            continue
        seen[(pu.supplier_id, pu.lot_no)] = pu
        out.append(item)
    return out


def check_locked(kind: Kind, items: list[Item], locked: set[str], loc: Locator,
                 findings: list[ImportFinding]) -> list[Item]:
    """Records dated in a filed period cannot be imported (amend the period)."""
    names = DATE_FIELDS.get(kind.entity)
    if not locked or not names:
        return items
    out = []
    for item in items:
        months = locked_months(kind.entity, item.record, locked)  # the core's one rule
        bad = [n for n in names if month_of(getattr(item.record, n)) in months]
        for name in bad:
            day = getattr(item.record, name)
            findings.append(loc.at("import.period_locked", item.row, name, record=item.key,
                                   value=day, period=f"{day:%Y-%m}"))
        if not bad:
            out.append(item)
    return out


def replaced(kind: Kind, items: list[Item], repo: Repository) -> list[tuple[object, list]]:
    """The records an import will update, as they are now (with a batch's
    input lines), so that undoing the import can put them back."""
    out = []
    for item in items:
        if item.existing_id is None:
            continue
        old = repo.get(kind.entity, item.existing_id)
        lines = batch_inputs(repo, item.existing_id) if kind.name == "batches" else []
        out.append((old, lines))
    return out


def write(kind: Kind, items: list[Item], repo: Repository) -> tuple[int, int]:
    """Insert new records, update existing ones; returns (inserted, updated)."""
    new = [i for i in items if i.existing_id is None]
    old = [i for i in items if i.existing_id is not None]
    with repo.constraints():
        if kind.name in ("batches", "licences"):
            for item in new:
                _write_one(kind, item, repo, repo.insert(item.record))
        else:
            repo.insert_new(kind.entity, (i.record for i in new))
        for item in old:
            record = dataclasses.replace(item.record, id=item.existing_id)
            repo.update(record)
            _write_one(kind, item, repo, item.existing_id)
    return len(new), len(old)


def _write_one(kind: Kind, item: Item, repo: Repository, record_id: int) -> None:
    if kind.name == "batches":
        repo.replace_batch_inputs(record_id, [line for _, _, line in item.inputs])


# --- validation findings back to rows ------------------------------------------------

class Placer:
    """Puts validation findings about imported records at their rows and cells."""

    def __init__(self, kind: Kind, items: list[Item], loc: Locator, mapped: set[str]):
        self.kind = kind
        self.loc = loc
        self.mapped = mapped
        self.rows: dict[tuple[str, str], int] = {(kind.entity, i.key): i.row for i in items}
        for item in items:
            for row, lot_no, _line in item.inputs:
                self.rows[("batch_input", f"{item.key}/{lot_no}")] = row

    def owns(self, f: Finding) -> bool:
        return (f.entity, f.record) in self.rows

    def place(self, f: Finding) -> ImportFinding:
        row = self.rows.get((f.entity, f.record))
        if self.kind.name == "sales" and f.code == "sale.export_missing" and row is not None:
            # the export lines come in the next import: not an error yet
            f = finding("import.export_pending", f.entity, f.record, f.field)
        return self.loc.wrap(f, row, self.column(f.entity, f.field))

    def column(self, entity: str, field: str | None) -> str | None:
        if field is None:
            return None
        if field == "inputs":
            return "input_lot" if "input_lot" in self.mapped else None
        for col in self.kind.columns:
            if col.entity == entity and col.field == field and col.name in self.mapped:
                return col.name
        return None


def summarise_pending(findings: list[ImportFinding], loc: Locator) -> list[ImportFinding]:
    """Export sales waiting for their export lines: one warning for the file
    (a year of sales has thousands), naming the first rows."""
    rows = [f.row for f in findings if f.code == "import.export_pending"]
    if not rows:
        return findings
    shown = ", ".join(str(r) for r in rows[:10]) + ("…" if len(rows) > 10 else "")
    kept = [f for f in findings if f.code != "import.export_pending"]
    summary = finding("import.export_pending", loc.entity, "", "is_export", count=len(rows),
                      rows=shown)
    return [*kept, ImportFinding(summary, loc.sheet)]


def new_findings(before: list[Finding], after: list[Finding], placer: Placer
                 ) -> list[ImportFinding]:
    """Findings about imported records, and findings elsewhere that the import
    caused (not there before it)."""
    old = {(f.code, f.entity, f.record, f.field) for f in before}
    out = []
    for f in after:
        if placer.owns(f):
            out.append(placer.place(f))
        elif (f.code, f.entity, f.record, f.field) not in old:
            out.append(ImportFinding(f, placer.loc.sheet))
    return out
