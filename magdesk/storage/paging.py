"""Windows onto large tables for the GUI: a row count and pages of display
rows, filtered and sorted in SQL, never the whole table in Python.

The quick filter is resolved before the rows are read: the counterparties,
products or batches whose name or number matches the text are looked up
first (small tables, a few hundred ids at most), and the rows are then
filtered by those ids through their indexes.  Each page is read either
through the filter's indexes or by walking the table in the view's order and
testing each row, whichever touches fewer rows; pages past the middle are
read from the far end."""

from __future__ import annotations

import json
import sqlite3
import time
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain

from .db import Database, on_server
from .filing_store import period_bounds
from .paging_days import ids_by_day


@dataclass(frozen=True)
class Column:
    name: str  # field name (labels come from the field specs)
    sql: str  # expression in the view's FROM clause
    kind: str = "text"  # text, date, mass, money, int, bool, enum


@dataclass(frozen=True)
class Match:
    """One way the quick-filter text can match a row of the view's table:
    ``column`` (of ``t``) contains the text (``like``), starts with it
    (``prefix``, an index range), or is one of the ids ``lookup`` finds (a
    query on a parent table with ``:like``, ``:prefix`` and ``:hi``)."""

    column: str
    how: str = "like"  # like, prefix, ids
    lookup: str = ""


def like(column: str) -> Match:
    return Match(column, "like")


def prefix(column: str) -> Match:
    return Match(column, "prefix")


def ids(column: str, lookup: str) -> Match:
    return Match(column, "ids", lookup)


@dataclass(frozen=True)
class View:
    """What one section's table shows."""

    entity: str
    source: str  # FROM ... JOIN ...
    columns: tuple[Column, ...]
    date_sql: str | None  # the column a period filter applies to
    search: tuple[Match, ...] = ()  # what the quick filter looks at
    default_order: str = "t.id"
    dated_ids: bool = False  # the date's index holds the id next: (date, id)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


C = Column
_CP = "SELECT id FROM counterparty WHERE name_cn LIKE :like OR name_en LIKE :like OR uscc LIKE :like"
_PR = "SELECT id FROM product WHERE code LIKE :like OR name_cn LIKE :like"
_BATCH = "SELECT id FROM production_batch WHERE batch_no >= :prefix AND batch_no < :hi"
_LICENCE = "SELECT id FROM export_licence WHERE licence_no LIKE :like"

VIEWS: dict[str, View] = {
    "counterparty": View("counterparty", "counterparty t", (
        C("name_cn", "t.name_cn"), C("name_en", "t.name_en"), C("cp_type", "t.cp_type", "enum"),
        C("role", "t.role", "enum"), C("uscc", "t.uscc"), C("country", "t.country"),
        C("address", "t.address")), None,
        (like("name_cn"), like("name_en"), like("uscc"))),
    "product": View("product", "product t", (
        C("code", "t.code"), C("name_cn", "t.name_cn"), C("category", "t.category", "enum"),
        C("grade", "t.grade"), C("hs_code", "t.hs_code"), C("dy_pct", "t.dy_pct", "pct"),
        C("tb_pct", "t.tb_pct", "pct"), C("spec", "t.spec")), None,
        (like("code"), like("name_cn"), like("grade"))),
    "purchase": View("purchase", "purchase_in t JOIN counterparty c ON c.id = t.supplier_id "
                     "JOIN product m ON m.id = t.product_id", (
        C("doc_no", "t.doc_no"), C("date", "t.date", "date"), C("supplier_id", "c.name_cn"),
        C("product_id", "m.code"), C("lot_no", "t.lot_no"), C("qty_g", "t.qty_g", "mass"),
        C("amount_fen", "t.amount_fen", "money"), C("origin", "t.origin", "enum"),
        C("invoice_no", "t.invoice_no")), "t.date",
        (prefix("doc_no"), prefix("lot_no"), ids("supplier_id", _CP), ids("product_id", _PR))),
    "batch": View("batch", "production_batch t JOIN product m ON m.id = t.product_id", (
        C("batch_no", "t.batch_no"), C("start_date", "t.start_date", "date"),
        C("end_date", "t.end_date", "date"), C("process", "t.process", "enum"),
        C("product_id", "m.code"), C("grade", "t.grade"), C("output_g", "t.output_g", "mass"),
        C("output_pcs", "t.output_pcs", "int")), "t.end_date",
        (prefix("batch_no"), ids("product_id", _PR))),
    "sale": View("sale", "sale_out t JOIN counterparty c ON c.id = t.customer_id "
                 "JOIN product m ON m.id = t.product_id "
                 "JOIN production_batch b ON b.id = t.batch_id", (
        C("doc_no", "t.doc_no"), C("date", "t.date", "date"), C("customer_id", "c.name_cn"),
        C("product_id", "m.code"), C("grade", "t.grade"), C("batch_id", "b.batch_no"),
        C("qty_g", "t.qty_g", "mass"), C("qty_pcs", "t.qty_pcs", "int"),
        C("amount_fen", "t.amount_fen", "money"), C("currency", "t.currency"),
        C("invoice_no", "t.invoice_no"), C("is_export", "t.is_export", "bool")), "t.date",
        (prefix("doc_no"), ids("customer_id", _CP), ids("product_id", _PR),
         ids("batch_id", _BATCH)), dated_ids=True),
    "export": View("export", "export_shipment t JOIN sale_out s ON s.id = t.sale_id "
                   "JOIN counterparty c ON c.id = t.consignee_id "
                   "LEFT JOIN export_licence l ON l.id = t.licence_id", (
        C("customs_decl_no", "t.customs_decl_no"), C("decl_date", "t.decl_date", "date"),
        C("sale_id", "s.doc_no"), C("consignee_id", "c.name_cn"), C("destination", "t.destination"),
        C("end_use", "t.end_use", "enum"), C("controlled", "t.controlled", "bool"),
        C("control_no", "t.control_no"), C("licence_id", "l.licence_no"),
        C("qty_g", "t.qty_g", "mass"), C("value_fen", "t.value_fen", "money")), "t.decl_date",
        (like("customs_decl_no"), ids("consignee_id", _CP), ids("licence_id", _LICENCE))),
    "licence": View("licence", "export_licence t", (
        C("licence_no", "t.licence_no"), C("licence_type", "t.licence_type", "enum"),
        C("control_no", "t.control_no"), C("valid_from", "t.valid_from", "date"),
        C("valid_to", "t.valid_to", "date"), C("qty_g", "t.qty_g", "mass"),
        C("end_user", "t.end_user")), None,
        (like("licence_no"), like("end_user"))),
}



class PagedQuery:
    """Count and pages of one view under a filter, a period and a sort order."""

    PAGE = 200
    CACHE_PAGES = 50
    MAX_IDS = 2000  # more matching parents than this stay a subquery
    WALK_BUDGET = 0.03  # seconds a walk in order may take before the indexes are used

    def __init__(self, db: Database, view: View, text: str = "", period: str | None = None,
                 sort: str | None = None, descending: bool = False, rows: int | None = None):
        """``rows``: the count of the same filter on the same data, known
        already (another order of the rows just counted)."""
        self.db = db
        self.view = view
        if on_server(db.conn):  # pages of a few ms, and counts beside the clerk's clicks
            db.conn.one_core()
        self.text, self.period = text.strip(), period
        self.order_sql = view.column(sort).sql if sort else view.default_order
        self.descending = descending
        self._where: tuple[str, str] | None = None  # (indexed, walking), made on first use
        self.params: dict = {}
        self._count: int | None = rows
        self._rows_in_table: int | None = None
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._last_keys: dict[int, tuple] = {}  # page -> (order value, id) of its last row
        self._full_sort: bool | None = None
        self._all_ids: array | None = None
        self._source_sql: str | None = None
        self._span: tuple[int, int] | None = None  # (lowest id, highest id), unfiltered
        self.estimated = False  # count() is the span of ids, not yet counted
        self._planned: int | None = None  # a server's planner's rows under the filter

    @property
    def _base(self) -> str:
        """The view's own table alone: its joins are to required parents (or a
        LEFT JOIN), so they never add or drop a row, and filters name only
        ``t`` columns — counting and paging need no join at all."""
        return self.view.source.split(" JOIN ")[0].removesuffix(" LEFT")

    # --- the filter -------------------------------------------------------------------

    def where(self) -> tuple[str, str]:
        """The WHERE clause twice: as written, so SQLite may read the rows
        through the filter's indexes, and with those columns hidden from the
        planner (a unary ``+``), so it walks the table in the view's order."""
        if self._where is None:
            try:
                self._where = self._resolve()
            except sqlite3.ProgrammingError:  # closed file
                self._where = (" WHERE 1 = 0", " WHERE 1 = 0")
        return self._where

    def _resolve(self) -> tuple[str, str]:
        indexed, walking = [], []
        if self.text and self.view.search:
            self.params.update(like=f"%{self.text}%", prefix=self.text, hi=self.text + "\uffff")
            either = [m for m in (self._match(m) for m in self.view.search) if m is not None]
            indexed.append("(" + (" OR ".join(m[0] for m in either) or "1 = 0") + ")")
            walking.append("(" + (" OR ".join(m[1] for m in either) or "1 = 0") + ")")
        if self.period and self.view.date_sql:
            between = f"{self.view.date_sql} >= :start AND {self.view.date_sql} < :end"
            indexed.append(between)
            walking.append(between)
            self.params.update(period_bounds(self.period))
        return tuple(f" WHERE {' AND '.join(w)}" if w else "" for w in (indexed, walking))

    def _match(self, match: Match) -> tuple[str, str] | None:
        """(indexed, walking) SQL of one way to match, None when nothing can:
        a prefix no row starts with, a name no parent has."""
        column = f"t.{match.column}"
        if match.how == "like":
            return f"{column} LIKE :like", f"{column} LIKE :like"
        if match.how == "prefix":
            between = "{0} >= :prefix AND {0} < :hi"
            found = self.db.conn.execute(
                f"SELECT 1 FROM {self._base} WHERE {between.format(column)} LIMIT 1", self.params)
            return (between.format(column), between.format(self._hidden(column))) \
                if found.fetchone() else None
        found = [r[0] for r in self.db.conn.execute(
            f"{match.lookup} LIMIT {self.MAX_IDS + 1}", self.params)]
        if not found:
            return None
        listed = f"({match.lookup})" if len(found) > self.MAX_IDS else \
            "(" + ", ".join(str(int(i)) for i in found) + ")"
        return f"{column} IN {listed}", f"{self._hidden(column)} IN {listed}"

    def _hidden(self, column: str) -> str:
        """``column`` hidden from SQLite's planner (a unary ``+``: no index on
        it is used), so that it walks the table in the view's order.  A
        server's planner chooses by its statistics: there it is the column."""
        return column if on_server(self.db.conn) else f"+{column}"

    # --- count and pages ---------------------------------------------------------------

    ESTIMATE_FROM = 1_000_000  # ids; counting fewer rows takes under ~10 ms
    ESTIMATE_FROM_SERVER = 200_000  # rows a server's planner expects: ~30 ms to count
    # rows a server's planner expects under a filter from which they are
    # counted aside, its guess shown meanwhile: a month of ten million sales
    # (85,000) takes 8 ms to count alone, 40 beside the window's other work
    COUNT_ASIDE_FROM_SERVER = 20_000

    def count(self) -> int:
        """The rows under the filter.  A whole table of many rows is not
        counted (100 ms for ten million): the span of its ids stands for its
        count, exact unless rows were deleted, until ``settle`` gives the
        count that ``exact_count`` made elsewhere (``estimated`` says so)."""
        if self._count is None:
            try:
                spanned = 0 if self._filtered else self._ids_span()[1] - self._ids_span()[0] + 1
                if not self._filtered and spanned >= self.ESTIMATE_FROM:  # a filter: no span
                    self._count, self.estimated = spanned, True
                elif self._server_guess() >= self.COUNT_ASIDE_FROM_SERVER:
                    self._count, self.estimated = self._planned, True
                else:
                    self._count = self.exact_count()
            except sqlite3.ProgrammingError:  # closed file
                self._count = 0
        return self._count

    def _server_guess(self) -> int:
        if self._planned is None:
            self._planned = self._planned_rows()
        return self._planned

    def _planned_rows(self) -> int:
        """On a server, the rows its planner expects under the filter (0 on
        a file): a server counts a large part of ten million rows in a few
        hundred ms where SQLite takes tens, so a filter that keeps many
        shows the planner's figure at once and is counted aside, as a
        whole table is."""
        if not self._filtered or not on_server(self.db.conn):
            return 0
        indexed, _ = self.where()
        plan = self.db.conn.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {self._base}{indexed}",
                                    self.params).fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])

    def exact_count(self) -> int:
        """The rows under the filter, counted (on a worker's own connection
        when the table is big: ``PagedQuery(worker_db, view).exact_count()``)."""
        indexed, _ = self.where()
        return self.db.conn.execute(
            f"SELECT count(*) FROM {self._base}{indexed}", self.params).fetchone()[0]

    @property
    def counted(self) -> int | None:
        """The rows under the filter when counted already (not an estimate)."""
        return None if self.estimated else self._count

    def settle(self, exact: int) -> bool:
        """Take the counted rows for the estimate; whether they differ (rows
        were deleted: the pages read by position are read again)."""
        differs = self.estimated and exact != self._count
        self._count, self.estimated = exact, False
        if differs:
            self._pages.clear()
            self._last_keys.clear()
        return differs

    @property
    def _filtered(self) -> bool:
        return bool(self.text and self.view.search) or bool(self.period and self.view.date_sql)

    def _ids_span(self) -> tuple[int, int]:
        """The lowest and highest id of the table (two b-tree seeks)."""
        if self._span is None:
            table = self._base.split()[0]  # each a seek alone; together, a scan
            low, high = self.db.conn.execute(
                f"SELECT coalesce((SELECT min(id) FROM {table}), 1), "
                f"coalesce((SELECT max(id) FROM {table}), 0)").fetchone()
            self._span = (low, high)
        return self._span

    def _dense(self) -> bool:
        """Whether row n of the whole table in id order is the id n after
        the lowest: no id missing between the lowest and the highest (taken
        so while the count is the span's estimate)."""
        if self._filtered or self.order_sql != "t.id":
            return False
        low, high = self._ids_span()
        return self.count() == high - low + 1

    def row(self, index: int) -> tuple:
        """(id, display values...) of row ``index`` (0-based)."""
        page, offset = divmod(index, self.PAGE)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
            self._pages[page] = rows
            if len(self._pages) > self.CACHE_PAGES:
                dropped, _ = self._pages.popitem(last=False)
                self._last_keys.pop(dropped, None)
        else:
            self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else ()

    def _fetch(self, page: int) -> list[tuple]:
        """One page: its ids from the base table (an index walk when the order
        has one), then the display values of just those ids."""
        try:
            ids = self._page_ids(page)
            if not ids:
                return []
            cols = ", ".join(c.sql for c in self.view.columns)
            rows = self.db.conn.execute(
                f"SELECT t.id, {cols} FROM {self.view.source} "
                f"WHERE t.id IN ({', '.join(map(str, ids))})").fetchall()
        except sqlite3.ProgrammingError:  # the file was closed under a view still painting
            return []
        by_id = {r[0]: r for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def _page_ids(self, page: int) -> list[int]:
        total, first = self.count(), page * self.PAGE
        if first >= total:
            return []
        limit = min(self.PAGE, total - first)
        if self._dense():  # the scroll bar dragged far: the ids are the positions
            return self._dense_ids(first, limit)
        if page > 0 and self._sorts_everything():
            return list(self._sorted_ids()[first:first + limit])
        backwards = first + limit > total - first  # nearer the end: read from there
        offset = total - first - limit if backwards else first
        after = None if backwards else self._last_keys.get(page - 1)
        if after is not None and after[0] is None:
            after = None  # after a NULL the offset is simpler than the key
        if after is None and offset > self.JUMP_ROWS and not (self.text or self.period) \
                and self._source != self.view.source and not self.order_sql.startswith("t."):
            # A jump far into an order read parent first (the scroll bar dragged):
            # stepping over half a million rows at each jump would take a second;
            # the ids are read once, in order, and the jumps cut from them.
            return list(self._sorted_ids()[first:first + limit])
        if after is not None:
            offset = 0  # go on from the last row of the page before
        keyed = self._ids(offset, limit, backwards, after)
        if backwards:
            keyed.reverse()
        if keyed:
            self._last_keys[page] = keyed[-1][1:]
        return [k[0] for k in keyed]

    def _dense_ids(self, first: int, limit: int) -> list[int]:
        """The ids of rows ``first`` on in a table with no id missing: a
        range of ids, read from the primary key wherever it is."""
        low, high = self._ids_span()
        if self.descending:
            top = high - first
            sql = f"SELECT t.id FROM {self._base} WHERE t.id <= ? ORDER BY t.id DESC LIMIT ?"
            return [r[0] for r in self.db.conn.execute(sql, (top, limit))]
        sql = f"SELECT t.id FROM {self._base} WHERE t.id >= ? ORDER BY t.id LIMIT ?"
        return [r[0] for r in self.db.conn.execute(sql, (low + first, limit))]

    def _ids(self, offset: int, limit: int, backwards: bool, after: tuple | None) -> list[tuple]:
        """(id, order value, id) of the rows at ``offset`` in the order (or
        its reverse), after the row keyed ``after``."""
        indexed, walking = self.where()
        up = self.descending == backwards  # ascending in SQL terms
        order = self._order(not backwards)
        if self._gathers_first():
            if self.view.dated_ids and not self.text:  # a period alone: day by day
                return ids_by_day(self.db.conn, self._base, self.view.date_sql, self.params,
                                  offset, limit, up, after[1] if after else None)
            order = order.replace("t.id", "(t.id + 0)")
        params = dict(self.params)
        keyset = ""
        if after is not None:  # NULLs sort first: after a value going down come the NULLs
            keyset = f"(({self.order_sql}, t.id) {'>' if up else '<'} (:after_value, :after_id)" \
                + ("" if up else f" OR {self.order_sql} IS NULL") + ")"
            params.update(after_value=after[0], after_id=after[1])
        source = self._source

        def query(where: str) -> str:
            if keyset:
                where = f"{where} AND {keyset}" if where else f" WHERE {keyset}"
            return (f"SELECT t.id, {self.order_sql}, t.id FROM {source}{where}{order} "
                    f"LIMIT {limit} OFFSET {offset}")

        if source not in (self._base, self.view.source) and (self.text or self.period):
            # Parents first under a filter pays when its rows are spread over the
            # parents; rows bunched (a month's sales by batch) would be stepped
            # over for long: then the filter's rows are sorted whole from now on.
            rows = self._within_budget(query(indexed), params)
            if rows is not None:
                return rows
            self._source_sql, self._full_sort = self.view.source, None
            source = self.view.source
        if walking != indexed and self._walk_pays(offset + limit):
            rows = self._within_budget(query(walking), params)
            if rows is not None:
                return rows
        return self.db.conn.execute(query(indexed), params).fetchall()

    SORT_ONCE_FROM = 100_000  # rows; fewer are sorted again for each page in ~10 ms

    def _sorts_everything(self) -> bool:
        """Whether the order has no index to walk and the rows are many:
        every page would sort all of them again (seconds on a million), so
        past the first page the ids are read once, in order, and pages are
        cut from them."""
        if self._full_sort is None and self.count() < self.SORT_ONCE_FROM:
            self._full_sort = False
        if self._full_sort is None:
            indexed, _ = self.where()
            self._full_sort = self._plan_sorts(
                f"SELECT t.id FROM {self._source}{indexed}{self._order()}")
        return self._full_sort

    def _plan_sorts(self, sql: str) -> bool:
        """Whether the engine's plan for ``sql`` sorts all its rows (no index
        gives the order): each engine says so in its own EXPLAIN."""
        conn = self.db.conn
        if on_server(conn):
            plan = [row[0] for row in conn.execute(f"EXPLAIN {sql}", self.params)]
            return any(line.strip().removeprefix("->").strip().startswith("Sort ")
                       for line in plan)
        plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}", self.params).fetchall()
        return any(row[3] == "USE TEMP B-TREE FOR ORDER BY" for row in plan)

    def _sorted_ids(self) -> array:
        """Every matching id in the order (8 bytes each: 8 MB for a million)."""
        if self._all_ids is None:
            indexed, _ = self.where()
            cursor = self.db.conn.execute(
                f"SELECT t.id FROM {self._source}{indexed}{self._order()}", self.params)
            self._all_ids = array("q", chain.from_iterable(cursor))
        return self._all_ids

    PARENT_FIRST_FROM = 5_000  # rows; fewer are sorted whole in a few ms
    JUMP_ROWS = 20_000  # rows an OFFSET steps over in ~10 ms

    @property
    def _source(self) -> str:
        """What the ids of a page are read from (decided once per query)."""
        if self._source_sql is None:
            if self.order_sql.startswith("t."):
                self._source_sql = self._base
            elif self.count() >= self.PARENT_FIRST_FROM:
                self._source_sql = self._parent_first() or self.view.source
            else:
                self._source_sql = self.view.source
        return self._source_sql

    def _parent_first(self) -> str | None:
        """For an order on a parent's column (a customer's name, a product's
        code, a batch number): the parent read first, in its index's order,
        and its rows of this table through theirs, so that only the rows of
        one parent at a time are sorted by id (the first page of a million
        sales by customer: ms, not a second).  None for a LEFT JOIN parent:
        an inner join would drop the rows without one."""
        alias = self.order_sql.split(".", 1)[0]
        parts = self.view.source.split(" JOIN ")
        for before, part in zip(parts, parts[1:], strict=False):
            table, _, on = part.partition(" ON ")
            if table.split()[-1] == alias:
                if before.endswith(" LEFT"):
                    return None
                parent = table.split()[0]  # read first only when it has fewer rows
                rows = self.db.conn.execute(f"SELECT coalesce(max(id), 0) FROM {parent}")
                if rows.fetchone()[0] > self.count():
                    return None
                # SQLite keeps a CROSS JOIN's order; a server plans its own
                join = "JOIN" if on_server(self.db.conn) else "CROSS JOIN"
                return f"{table} {join} {self._base} ON {on.removesuffix(' LEFT')}"
        return None

    def _gathers_first(self) -> bool:
        """On a server, whether a filter that keeps few rows of a table in id
        order is read through the filter's index and its rows sorted (the id
        hidden from the planner), not by walking the ids until enough match:
        ids follow the dates, so a month's rows are far along the walk,
        which the planner, taking them as spread, does not expect."""
        if not (self._filtered and self.order_sql == "t.id" and on_server(self.db.conn)):
            return False
        if self._planned is None:
            self._planned = self._planned_rows()
        return self._planned < self.ESTIMATE_FROM_SERVER

    def _order(self, forwards: bool = True) -> str:
        """ORDER BY the view's order (or its reverse), ties broken by id."""
        direction = "ASC" if forwards != self.descending else "DESC"
        return f" ORDER BY {self.order_sql} {direction}, t.id {direction}"

    def _walk_pays(self, needed: int) -> bool:
        """Whether walking the table in order until ``needed`` matching rows
        are found (the matches spread evenly) reads fewer rows than fetching
        every match through the indexes and sorting them."""
        if self._rows_in_table is None:
            self._rows_in_table = self.db.conn.execute(  # about; a b-tree seek
                f"SELECT coalesce(max(id), 0) FROM {self._base}").fetchone()[0]
        matches = max(self.count(), 1)
        return needed * self._rows_in_table / matches <= 2 * matches

    def _within_budget(self, sql: str, params: dict) -> list[tuple] | None:
        """The rows of ``sql``, or None when it ran past WALK_BUDGET (the
        matches were not spread evenly); then the indexes are used."""
        conn = self.db.conn
        if on_server(conn):  # no progress handler there; its planner chose the way
            return conn.execute(sql, params).fetchall()
        deadline = time.perf_counter() + self.WALK_BUDGET
        conn.set_progress_handler(lambda: time.perf_counter() > deadline, 5000)
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            return None
        finally:
            conn.set_progress_handler(None, 0)

    def index_of(self, record_id: int) -> int | None:
        """Row index of a record in the current order (None if filtered out)."""
        for page in list(self._pages):
            for offset, row in enumerate(self._pages[page]):
                if row[0] == record_id:
                    return page * self.PAGE + offset
        return None
