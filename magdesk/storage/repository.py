"""The repository: rows in, frozen dataclasses out.  All of magdesk's SQL on
records lives here (the schema lives in migrations.py)."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

from ..core import model as M
from ..core.months import DATE_FIELDS, months_of
from .db import Database, PeriodLockedError, StorageError, on_server


class ConstraintError(StorageError):
    """A write broke a uniqueness or reference rule of the schema."""


@dataclasses.dataclass(frozen=True)
class Table:
    entity: str
    cls: type
    name: str
    columns: tuple[str, ...]
    key: str  # business key column
    dates: tuple[int, ...]
    bools: tuple[int, ...]
    codes: tuple[int, ...] = ()  # tuples of codes, stored comma-separated
    zero_none: tuple[int, ...] = ()  # None stored as 0 in a NOT NULL column

    @functools.cached_property
    def from_row(self):
        """A compiled ``row -> record`` converter (dates parsed, bools made bool).

        Records are frozen slotted dataclasses, whose generated ``__init__``
        costs about 5 µs for 15 fields; filling the slots through their
        descriptors costs a fifth of that, which is what a million-row
        validation or table needs.  Fields without a column get their default.
        """
        lines = ["def from_row(r):", "    o = new(cls)"]
        env = {"cls": self.cls, "new": object.__new__, "d": date.fromisoformat}
        for i, name in enumerate(self.columns):
            env[f"set_{name}"] = getattr(self.cls, name).__set__
            if i in self.dates:
                value = f"(d(r[{i}]) if r[{i}] is not None else None)"
            elif i in self.bools:
                value = f"bool(r[{i}])"
            elif i in self.codes:
                value = f"(tuple(r[{i}].split(',')) if r[{i}] else ())"
            elif i in self.zero_none:
                value = f"(r[{i}] or None)"
            else:
                value = f"r[{i}]"
            lines.append(f"    set_{name}(o, {value})")
        for f in dataclasses.fields(self.cls):
            if f.name not in self.columns:
                env[f"set_{f.name}"] = getattr(self.cls, f.name).__set__
                env[f"default_{f.name}"] = f.default
                lines.append(f"    set_{f.name}(o, default_{f.name})")
        lines.append("    return o")
        exec("\n".join(lines), env)  # noqa: S102 - source built from our own dataclasses
        return env["from_row"]

    @functools.cached_property
    def to_row(self):
        """A compiled ``record -> tuple`` of every column (dates as ISO text,
        bools as 0/1), as the table stores it."""
        parts = []
        for i, name in enumerate(self.columns):
            if i in self.dates:
                parts.append(f"(r.{name}.isoformat() if r.{name} is not None else None)")
            elif i in self.bools:
                parts.append(f"(1 if r.{name} else 0)")
            elif i in self.codes:
                parts.append(f"','.join(r.{name})")
            elif i in self.zero_none:
                parts.append(f"(r.{name} or 0)")
            else:
                parts.append(f"r.{name}")
        return eval(f"lambda r: ({', '.join(parts)},)", {})  # noqa: S307 - from our dataclasses

    def new_row(self, record) -> tuple:
        """Every column but the id: for bulk inserts that let SQLite number rows."""
        return self.to_row(record)[1:]


def _table(entity: str, cls: type, name: str, key: str,
           zero_none: tuple[str, ...] = ()) -> Table:
    hints = {f.name: f.type for f in dataclasses.fields(cls)}
    columns = tuple(n for n in hints if n != "consignee_ids")
    dates = tuple(i for i, c in enumerate(columns) if hints[c].startswith("date"))
    bools = tuple(i for i, c in enumerate(columns) if hints[c] == "bool")
    codes = tuple(i for i, c in enumerate(columns) if hints[c] == "tuple[str, ...]")
    nones = tuple(i for i, c in enumerate(columns) if c in zero_none)
    return Table(entity, cls, name, columns, key, dates, bools, codes, nones)


TABLES: dict[str, Table] = {
    t.entity: t
    for t in (
        _table("counterparty", M.Counterparty, "counterparty", "name_cn"),
        _table("product", M.Product, "product", "code"),
        _table("purchase", M.Purchase, "purchase_in", "doc_no"),
        _table("batch", M.Batch, "production_batch", "batch_no"),
        _table("batch_input", M.BatchInput, "batch_input", "id"),
        _table("sale", M.Sale, "sale_out", "doc_no"),
        _table("export", M.ExportLine, "export_shipment", "customs_decl_no"),
        _table("licence", M.Licence, "export_licence", "licence_no", zero_none=("qty_g",)),
        _table("adjustment", M.Adjustment, "stock_adjustment", "doc_no"),
    )
}
ENTITY_OF = {type(None): None} | {t.cls: t.entity for t in TABLES.values()}


class Repository:
    """Reads and writes records of one open Database."""

    def __init__(self, db: Database):
        self.db = db
        self.conn: sqlite3.Connection = db.conn

    # --- reading -------------------------------------------------------------

    def company(self) -> M.Company | None:
        row = self.conn.execute(
            "SELECT name, uscc, address, contact, enterprise_type, system_account "
            "FROM company WHERE id = 1").fetchone()
        return M.Company(*row) if row else None

    def get(self, entity: str, record_id: int):
        t = TABLES[entity]
        row = self.conn.execute(
            f"SELECT {', '.join(t.columns)} FROM {t.name} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        record = t.from_row(row)
        if entity == "licence":
            record = self._with_consignees([record])[0]
        return record

    def find(self, entity: str, key: str):
        """The record whose business key is ``key`` (None if there is none)."""
        t = TABLES[entity]
        row = self.conn.execute(
            f"SELECT id FROM {t.name} WHERE {t.key} = ?", (key,)).fetchone()
        return self.get(entity, row[0]) if row else None

    def iter(self, entity: str, order: str = "id", where: str = "",
             params: Iterable = (), raw: bool = False) -> Iterator:
        """Stream records (``raw``: the rows as stored); ``where``/``order`` are
        SQL fragments built only by magdesk."""
        t = TABLES[entity]
        sql = f"SELECT {', '.join(t.columns)} FROM {t.name}"
        if where:
            sql += f" WHERE {where}"
        cursor = self.conn.execute(f"{sql} ORDER BY {order}",
                                   params if isinstance(params, dict) else tuple(params))
        from_row = t.from_row
        while rows := cursor.fetchmany(2000):
            yield from (rows if raw else map(from_row, rows))

    def all_by_id(self, entity: str) -> dict[int, object]:
        records = list(self.iter(entity))
        if entity == "licence":
            records = self._with_consignees(records)
        return {r.id: r for r in records}

    def get_many(self, entity: str, ids) -> dict[int, object]:
        """The records of ``entity`` with these ids, by id, as ``get`` gives
        each, read a few hundred to a query (a server's round trip each)."""
        ids, found = sorted(set(ids)), {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            found.update(self.where_by_id(entity, f"id IN ({', '.join('?' * len(part))})", part))
        if entity == "licence" and found:
            found = {r.id: r for r in self._with_consignees(list(found.values()))}
        return found

    def where_by_id(self, entity: str, where: str, params) -> dict[int, object]:
        """The records of ``entity`` meeting ``where`` (SQL built by magdesk), by id."""
        return {r.id: r for r in self.iter(entity, where=where, params=params)}

    def _with_consignees(self, licences: list[M.Licence]) -> list[M.Licence]:
        links: dict[int, list[int]] = {}
        for lid, cid in self.conn.execute(
            "SELECT licence_id, counterparty_id FROM licence_consignee ORDER BY 1, 2"
        ):
            links.setdefault(lid, []).append(cid)
        return [dataclasses.replace(lic, consignee_ids=tuple(links.get(lic.id, ())))
                for lic in licences]

    def count(self, entity: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {TABLES[entity].name}").fetchone()[0]

    def movements(self) -> list[tuple[int, str, str, int]]:
        """Stock movements summed per (product, month, kind)."""
        return self.conn.execute(_MOVEMENTS_SQL + _SALES_MOVEMENTS_SQL).fetchall()

    def movements_to(self, period: str) -> list[tuple[int, str, str, int]]:
        """Stock movements summed per (product, month, kind) in ``period``,
        those of the months before it summed into the month before it (an
        opening needs no more), those after it into the month after."""
        from .period import MOVEMENTS_SQL, SALES_MOVEMENTS_SQL, span_of

        sql = f"{MOVEMENTS_SQL} UNION ALL {SALES_MOVEMENTS_SQL}"
        return [row for row in self.conn.execute(sql, span_of(period).params).fetchall()
                if row[3] is not None]

    def sale_summary_later(self, span=None):
        """Start working out what validation needs to know of the sales (of
        a ``period.Span`` alone if given), in threads of their own; the
        callable returned takes the rules' Context and gives the summary,
        pending (storage/sales.py)."""
        from .sales import sale_summary_later

        return sale_summary_later(self.db, span)

    def input_sums_later(self):
        """What the checks of batch inputs need to know of the input lines,
        summed in a thread of its own from now on (storage/inputs.py); the
        callable returned waits for it."""
        from .inputs import input_sums_later

        return input_sums_later(self.db).result

    def movements_later(self) -> Callable[[], list[tuple[int, str, str, int]]]:
        """The stock movements but the sales' (validation sums those with its
        sale summary), queried in a thread of its own from now on; the
        callable returned waits for them."""
        from .background import Background

        return Background(self.db, lambda conn: conn.execute(_MOVEMENTS_SQL).fetchall(),
                          "movements").result

    def last_period(self) -> str | None:
        """The latest month with any purchase, batch or sale (by index)."""
        row = self.conn.execute(
            "SELECT max((SELECT max(date) FROM purchase_in), (SELECT max(date) FROM sale_out),"
            " (SELECT max(end_date) FROM production_batch))").fetchone()
        return row[0][:7] if row and row[0] else None

    def accepted(self) -> set[tuple[str, str, str]]:
        return set(self.conn.execute("SELECT entity, record, code FROM accepted_finding"))

    # --- for imports ------------------------------------------------------------

    def next_id(self, entity: str) -> int:
        """One more than the largest id of ``entity`` (inside a write
        transaction nobody else can take it)."""
        t = TABLES[entity]
        return self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t.name}").fetchone()[0]

    def key_index(self, entity: str) -> dict[str, int]:
        """Business key -> id of every record (exports: ``decl_no/line_no``)."""
        t = TABLES[entity]
        key = "customs_decl_no || '/' || line_no" if entity == "export" else t.key
        return dict(self.conn.execute(f"SELECT {key}, id FROM {t.name}"))

    def locked_periods(self) -> set[str]:
        """Months filed and locked (``YYYY-MM``)."""
        return {p for (p,) in self.conn.execute("SELECT period FROM period WHERE state = 'FILED'")}

    @contextlib.contextmanager
    def constraints(self) -> Iterator[None]:
        """Schema rule violations inside the block raise ConstraintError (or
        PeriodLockedError) instead of a bare sqlite3 error."""
        try:
            yield
        except sqlite3.IntegrityError as exc:
            if isinstance(exc, PeriodLockedError):
                raise
            if "period.locked" in str(exc):
                raise PeriodLockedError(str(exc)) from exc
            raise ConstraintError(str(exc)) from exc

    def savepoint(self, name: str) -> None:
        """Mark a point inside the open transaction to roll back to."""
        self.conn.execute(f"SAVEPOINT {name}")

    def rollback_to(self, name: str) -> None:
        """Undo everything since ``savepoint(name)``; the transaction goes on."""
        self.conn.execute(f"ROLLBACK TO {name}")

    def replace_batch_inputs(self, batch_id: int, inputs: Iterable[M.BatchInput]) -> None:
        """A batch's input lines replaced by ``inputs`` (ids assigned by SQLite)."""
        with self._tx() as conn:
            conn.execute("DELETE FROM batch_input WHERE batch_id = ?", (batch_id,))
            conn.executemany(
                "INSERT INTO batch_input (batch_id, purchase_id, qty_g) VALUES (?, ?, ?)",
                [(batch_id, i.purchase_id, i.qty_g) for i in inputs])

    # --- writing (each call is one transaction unless inside db.write()) --------

    def set_company(self, company: M.Company) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO company (id, name, uscc, address, contact, enterprise_type, "
                "system_account) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "name=excluded.name, uscc=excluded.uscc, address=excluded.address, "
                "contact=excluded.contact, enterprise_type=excluded.enterprise_type, "
                "system_account=excluded.system_account",
                (company.name, company.uscc, company.address, company.contact,
                 company.enterprise_type, company.system_account))

    def _refuse_locked(self, entity: str, records: Iterable) -> Iterable:
        """Refuse new records dated in a filed period (the triggers guard updates
        and deletions).  Passes the records through, checking each on the way."""
        filed = {r[0] for r in self.conn.execute(
            "SELECT period FROM period WHERE state = 'FILED'")}
        if not filed or entity not in _DATED:
            return records

        def checked():
            for record in records:
                for month in _DATED[entity](self, record):
                    if month in filed:
                        raise PeriodLockedError(f"period.locked {month}")
                yield record

        return checked()

    def insert(self, record) -> int:
        """Insert a record whose id is None; returns the new id."""
        entity = ENTITY_OF[type(record)]
        for _ in self._refuse_locked(entity, [record]):
            pass
        t = TABLES[entity]
        cols = t.columns[1:]
        values = t.to_row(record)[1:]
        with self._tx() as conn:
            cur = conn.execute(
                f"INSERT INTO {t.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                values)
            new_id = cur.lastrowid
            if isinstance(record, M.Licence):
                self._link_consignees(conn, new_id, record.consignee_ids)
        return new_id

    def update(self, record) -> None:
        t = TABLES[ENTITY_OF[type(record)]]
        cols = t.columns[1:]
        values = t.to_row(record)[1:]
        with self._tx() as conn:
            conn.execute(
                f"UPDATE {t.name} SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                [*values, record.id])
            if isinstance(record, M.Licence):
                conn.execute("DELETE FROM licence_consignee WHERE licence_id = ?", (record.id,))
                self._link_consignees(conn, record.id, record.consignee_ids)

    def delete(self, entity: str, record_id: int) -> None:
        with self._tx() as conn:
            conn.execute(f"DELETE FROM {TABLES[entity].name} WHERE id = ?", (record_id,))

    def insert_many(self, entity: str, records: Iterable) -> None:
        """Bulk insert with explicit ids (demo data, imports): one executemany."""
        t = TABLES[entity]
        sql = (f"INSERT INTO {t.name} ({', '.join(t.columns)}) "
               f"VALUES ({', '.join('?' * len(t.columns))})")
        to_row = t.to_row
        with self._tx() as conn:
            records = self._refuse_locked(entity, records)
            conn.executemany(sql, (to_row(r) for r in records))
            if entity == "licence":
                for lic in records:
                    self._link_consignees(conn, lic.id, lic.consignee_ids)

    @contextlib.contextmanager
    def indexes_deferred(self, *entities: str) -> Iterator[None]:
        """Inside a write transaction: drop the secondary indexes of these tables
        and build them again at the end.  Building an index once over a million
        rows costs a fraction of keeping it up to date row by row.  While
        foreign keys are checked row by row, indexes that lead with a
        foreign-key column stay: SQLite looks up child rows through them
        whenever a parent row is written, and without them every such check
        becomes a scan of the whole child table."""
        checked = self.conn.execute("PRAGMA foreign_keys").fetchone()[0]
        saved = []
        for entity in entities:
            table = TABLES[entity].name
            references = {row[3] for row in self.conn.execute(
                f"PRAGMA foreign_key_list({table})")}
            for name, sql in self.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name = ?", (table,)).fetchall():
                first = self.conn.execute(f"PRAGMA index_info({name})").fetchone()[2]
                if not checked or first not in references:
                    saved.append((name, sql))
        for name, _sql in saved:
            self.conn.execute(f"DROP INDEX {name}")
        yield
        for _name, sql in saved:
            self.conn.execute(sql)

    def insert_rows(self, entity: str, rows: Iterable[tuple]) -> None:
        """Bulk insert of plain rows in the table's column order (dates as ISO
        text, bools as 0/1), for generated data that never needs records."""
        t = TABLES[entity]
        sql = (f"INSERT INTO {t.name} ({', '.join(t.columns)}) "
               f"VALUES ({', '.join('?' * len(t.columns))})")
        if self.conn.execute("SELECT 1 FROM period WHERE state = 'FILED' LIMIT 1").fetchone():
            rows = (t.to_row(r) for r in self._refuse_locked(entity, map(t.from_row, rows)))
        with self._tx() as conn:
            conn.executemany(sql, rows)

    def insert_new(self, entity: str, records: Iterable) -> None:
        """Bulk insert of records whose id is None (SQLite numbers them): one
        executemany.  Not for licences, whose consignees need the new id."""
        t = TABLES[entity]
        cols = t.columns[1:]
        sql = (f"INSERT INTO {t.name} ({', '.join(cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})")
        with self._tx() as conn:
            records = self._refuse_locked(entity, records)
            with _totals_added(conn, t.name):
                conn.executemany(sql, map(t.new_row, records))

    def accept_finding(self, entity: str, record: str, code: str, reason: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO accepted_finding VALUES (?, ?, ?, ?, ?)",
                (entity, record, code, reason, datetime.now().isoformat(timespec="seconds")))

    def accepted_reason(self, entity: str, record: str, code: str) -> str | None:
        """The reason a warning was accepted with (None: not accepted)."""
        row = self.conn.execute("SELECT reason FROM accepted_finding WHERE entity = ? "
                                "AND record = ? AND code = ?", (entity, record, code)).fetchone()
        return None if row is None else row[0]

    def batch_draw(self, batch_id: int) -> tuple[str, int, int] | None:
        """(batch number, grams sold from it, grams it has: its output and
        what came back) of a batch; None when there is no such batch.  In a
        write, what every clerk committed before it (writers take turns)."""
        row = self.conn.execute(
            "SELECT b.batch_no, (SELECT coalesce(sum(qty_g), 0) FROM sale_out "
            "WHERE batch_id = b.id), b.output_g + (SELECT coalesce(sum(qty_g), 0) "
            "FROM stock_adjustment WHERE batch_id = b.id AND kind = 'RETURN') "
            "FROM production_batch AS b WHERE b.id = ?", (batch_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def last_change(self, entity: str, record_id: int) -> tuple[str, str] | None:
        """(who, when: ISO UTC) of the last change the audit trail holds of a
        record; None when it holds none (a record loaded in bulk)."""
        row = self.conn.execute(
            "SELECT clerk, at FROM audit_log WHERE entity = ? AND record = ? "
            "ORDER BY seq DESC LIMIT 1", (TABLES[entity].name, str(record_id))).fetchone()
        return None if row is None else (row[0], row[1])

    def withdraw_acceptance(self, entity: str, record: str, code: str) -> None:
        """Undo an acceptance: the warning stands again."""
        with self._tx() as conn:
            conn.execute("DELETE FROM accepted_finding WHERE entity = ? AND record = ? "
                         "AND code = ?", (entity, record, code))

    def defer_references(self) -> None:
        """References checked at the commit of the open transaction, not at
        each row (a whole producer written in any order)."""
        self.conn.execute("PRAGMA defer_foreign_keys = ON")

    @staticmethod
    def _link_consignees(conn, licence_id: int, ids: Iterable[int]) -> None:
        conn.executemany("INSERT INTO licence_consignee VALUES (?, ?)",
                         [(licence_id, cid) for cid in ids])

    def _tx(self):
        """A transaction of its own, or part of the caller's ``db.write()``."""
        if self.conn.in_transaction:
            return _Joined(self.conn)
        return self.db.write()


def _totals_added(conn, table: str):
    """The monthly totals of the rows an ``insert_new`` adds, in one statement
    after them on a file (``totals.added_after``); a server's triggers keep them."""
    from . import totals

    return contextlib.nullcontext() if on_server(conn) else totals.added_after(conn, table)


def _batch_of(repo: Repository):
    """A batch by id, as much of it as the months rule needs (its dates)."""
    def find(batch_id: int):
        row = repo.conn.execute(
            "SELECT start_date, end_date FROM production_batch WHERE id = ?",
            (batch_id,)).fetchone()
        if row is None:
            return None
        return _Dates(date.fromisoformat(row[0]), date.fromisoformat(row[1]))
    return find


@dataclasses.dataclass(frozen=True, slots=True)
class _Dates:
    start_date: date
    end_date: date


def _dated(entity: str):
    """The months a record of ``entity`` touches, by the core's one rule."""
    if entity == "batch_input":
        return lambda repo, r: months_of("batch_input", r, _batch_of(repo))
    return lambda repo, r: months_of(entity, r)


# Entities filed by month: their records are refused in a locked month.
_DATED = {entity: _dated(entity) for entity in (*DATE_FIELDS, "batch_input")}


class _Joined:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    def __exit__(self, *exc):
        return False


_MOVEMENTS_SQL = """
SELECT product_id, substr(date, 1, 7), 'in_purchase', sum(qty_g)
  FROM purchase_in GROUP BY 1, 2
UNION ALL
SELECT product_id, substr(end_date, 1, 7), 'in_production', sum(output_g)
  FROM production_batch GROUP BY 1, 2
UNION ALL
SELECT p.product_id, substr(b.start_date, 1, 7), 'out_consumption', sum(i.qty_g)
  FROM batch_input i JOIN production_batch b ON b.id = i.batch_id
  JOIN purchase_in p ON p.id = i.purchase_id GROUP BY 1, 2
UNION ALL
SELECT product_id, substr(date, 1, 7),
       CASE kind WHEN 'OPENING' THEN 'opening_adj' WHEN 'RETURN' THEN 'in_return'
                 ELSE 'out_loss' END, sum(qty_g)
  FROM stock_adjustment GROUP BY 1, 2, 3
"""
_SALES_MOVEMENTS_SQL = """
UNION ALL
SELECT product_id, substr(date, 1, 7),
       CASE is_export WHEN 1 THEN 'out_export' ELSE 'out_sales' END, sum(qty_g)
  FROM sale_out GROUP BY 1, 2, 3
"""


def keys_like(repo: Repository, entity: str, prefix: str, limit: int = 50) -> list[str]:
    """Business keys starting with (or, for names, containing) ``prefix``, for completers."""
    t = TABLES[entity]
    column = t.key if entity != "purchase" else "lot_no"
    if entity in ("counterparty", "product"):
        where, arg = f"{column} LIKE ?", f"%{prefix}%"
    else:
        where, arg = f"{column} >= ? AND {column} < ?", prefix
    params = (arg,) if entity in ("counterparty", "product") else (arg, prefix + "\uffff")
    rows = repo.conn.execute(
        f"SELECT DISTINCT {column} FROM {t.name} WHERE {where} ORDER BY {column} LIMIT {limit}",
        params)
    return [r[0] for r in rows]


# A completer's second column: what a record is also known by (a product's
# name beside its code, a counterparty's credit code or registration number
# beside its name).
_ALSO_KNOWN = {"product": "name_cn",
               "counterparty": "COALESCE(NULLIF(uscc, ''), foreign_reg_no, '')"}
# ... and what else it is found by: a counterparty's English name, as a clerk
# writing English types it (shown in the entry when it is what matched).
_ALSO_SEARCHED = {"counterparty": "name_en"}


def key_entries(repo: Repository, entity: str, text: str, limit: int = 50
                ) -> list[tuple[str, str]]:
    """(business key, what it is also known by) of the products or the
    counterparties whose key or other name contains ``text``, for completers (a
    counterparty found by its English name: that name too, before its code);
    other entities: (key, "") as ``keys_like`` finds them."""
    also = _ALSO_KNOWN.get(entity)
    if also is None:
        return [(key, "") for key in keys_like(repo, entity, text, limit)]
    key = TABLES[entity].key
    shown, where = also, f"{key} LIKE ?1 OR {also} LIKE ?1"
    other = _ALSO_SEARCHED.get(entity)
    if other:  # found by it too, and then shown with it (the list keeps what matches)
        shown = f"CASE WHEN {where} THEN {also} ELSE rtrim({other} || '  ' || {also}) END"
        where += f" OR {other} LIKE ?1"
    rows = repo.conn.execute(
        f"SELECT {key}, {shown} FROM {TABLES[entity].name} "
        f"WHERE {where} ORDER BY {key} LIMIT {limit}",
        (f"%{text}%",))
    return [(str(k), str(a or "")) for k, a in rows]


def find_id(repo: Repository, entity: str, key: str) -> int | None:
    """The id of the record whose business key (a lot number for purchases) is ``key``."""
    t = TABLES[entity]
    column = t.key if entity != "purchase" else "lot_no"
    row = repo.conn.execute(f"SELECT id FROM {t.name} WHERE {column} = ? LIMIT 1",
                            (key,)).fetchone()
    return row[0] if row else None


def key_of(repo: Repository, entity: str, record_id: int | None) -> str:
    if record_id is None:
        return ""
    t = TABLES[entity]
    column = t.key if entity != "purchase" else "lot_no"
    row = repo.conn.execute(f"SELECT {column} FROM {t.name} WHERE id = ?",
                            (record_id,)).fetchone()
    return str(row[0]) if row else ""
