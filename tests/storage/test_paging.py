"""Paged windows onto the tables: every way a page can be read (through the
filter's indexes, walking the table in order, from the far end, on from the
page before) gives the rows a plain query gives."""

import pytest

from magdesk.storage import open_database
from magdesk.storage.paging import VIEWS, PagedQuery


def expected_ids(db, view, text, period, sort, descending):
    """The plain answer: filters as subqueries, the whole order sorted."""
    where, params = [], {}
    if text:
        params.update(like=f"%{text}%", prefix=text, hi=text + "\uffff")
        alternatives = []
        for m in view.search:
            column = f"t.{m.column}"
            if m.how == "like":
                alternatives.append(f"{column} LIKE :like")
            elif m.how == "prefix":
                alternatives.append(f"{column} >= :prefix AND {column} < :hi")
            else:
                alternatives.append(f"{column} IN ({m.lookup})")
        where.append("(" + " OR ".join(alternatives) + ")")
    if period:
        where.append(f"{view.date_sql} >= :start AND {view.date_sql} < :end")
        params.update(start=f"{period}-01", end=f"{period}-31~")
    order = view.column(sort).sql if sort else view.default_order
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT t.id FROM {view.source}" + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {order} {direction}, t.id {direction}")
    return [r[0] for r in db.conn.execute(sql, params)]


def read_all(query, order):
    return [query.row(i)[0] for i in order(query.count())]


CASES = [  # (entity, text, period, sort, descending)
    ("sale", "", None, None, False),
    ("sale", "", "2026-06", None, False),
    ("sale", "宁波", None, None, False),
    ("sale", "宁波", None, "date", True),
    ("sale", "宁波", "2026-06", "customer_id", False),
    ("sale", "SO-", None, "qty_pcs", True),
    ("sale", "MG-N", None, "qty_g", False),
    ("sale", "no such thing", None, None, False),
    ("purchase", "RK-2026", None, "lot_no", True),
    ("purchase", "L2606", "2026-06", "date", False),
    ("batch", "PB", "2026-03", None, False),
    ("export", "", None, "licence_id", False),  # a LEFT JOIN column, NULLs first
    ("export", "", None, "licence_id", True),  # NULLs last
    ("counterparty", "公司", None, "uscc", True),  # a column with NULLs
    ("counterparty", "公司", None, "uscc", False),
    ("licence", "", None, "valid_to", True),
    ("sale", "", None, "customer_id", False),  # orders on a parent's column
    ("sale", "", None, "customer_id", True),
    ("sale", "MG-N", "2026-06", "product_id", True),
    ("sale", "", None, "batch_id", False),
    ("purchase", "", None, "supplier_id", True),
    ("export", "", None, "consignee_id", False),
    ("export", "", None, "sale_id", True),
]


@pytest.mark.parametrize("entity, text, period, sort, descending", CASES)
@pytest.mark.parametrize("mode", ["indexes", "walk", "walk interrupted", "sorted once",
                                  "parent first", "parent first, far jumps", "estimated"])
def test_every_page_is_the_plain_answer(demo_copy, monkeypatch, entity, text, period, sort,
                                        descending, mode):
    monkeypatch.setattr(PagedQuery, "PAGE", 7)  # many pages out of a small file
    monkeypatch.setattr(PagedQuery, "CACHE_PAGES", 3)
    if mode in ("walk", "walk interrupted"):
        monkeypatch.setattr(PagedQuery, "_walk_pays", lambda self, needed: True)
    if mode == "walk interrupted":
        monkeypatch.setattr(PagedQuery, "WALK_BUDGET", -1.0)
    if mode == "sorted once":  # an order without an index: its ids read once
        monkeypatch.setattr(PagedQuery, "SORT_ONCE_FROM", 0)
    else:
        monkeypatch.setattr(PagedQuery, "SORT_ONCE_FROM", 10**9)
    # a big table's order on a parent's column reads the parent first
    parent_first = mode.startswith("parent first")
    monkeypatch.setattr(PagedQuery, "PARENT_FIRST_FROM", 0 if parent_first else 10**9)
    if mode == "parent first, far jumps":  # every jump counts as far: its ids read once
        monkeypatch.setattr(PagedQuery, "JUMP_ROWS", 0)
    if mode == "estimated":  # a whole table counted by the span of its ids
        monkeypatch.setattr(PagedQuery, "ESTIMATE_FROM", 0)
    view = VIEWS[entity]
    with open_database(demo_copy) as db:
        want = expected_ids(db, view, text, period, sort, descending)
        if text and entity == "sale" and text != "no such thing":
            assert want, "the case should find rows"

        def fresh():
            return PagedQuery(db, view, text, period, sort, descending)

        assert fresh().count() == len(want)
        assert read_all(fresh(), lambda n: range(n)) == want  # on from the page before
        assert read_all(fresh(), lambda n: reversed(range(n))) == want[::-1]  # from the end
        jumps = fresh()
        middle = [i for i in range(0, len(want), 5)][::-1] + list(range(1, len(want), 3))
        assert [jumps.row(i)[0] for i in middle] == [want[i] for i in middle]


def test_a_filter_resolves_names_to_ids_and_drops_what_cannot_match(demo_copy):
    with open_database(demo_copy) as db:
        name = db.conn.execute("SELECT name_cn FROM counterparty c WHERE EXISTS "
                               "(SELECT 1 FROM sale_out WHERE customer_id = c.id)").fetchone()[0]
        query = PagedQuery(db, VIEWS["sale"], name)
        indexed, walking = query.where()
        assert "SELECT" not in indexed and "t.customer_id IN (" in indexed
        assert "doc_no" not in indexed and "batch_id" not in indexed  # nothing starts so
        assert "+t.customer_id IN (" in walking
        plan = " ".join(r[3] for r in db.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM sale_out t{indexed}", query.params))
        assert "sale_out_customer" in plan
        assert PagedQuery(db, VIEWS["sale"], "no such name").where()[0] == " WHERE (1 = 0)"


def test_an_order_on_a_parent_s_column_reads_the_parent_first(demo_copy, monkeypatch):
    monkeypatch.setattr(PagedQuery, "PARENT_FIRST_FROM", 0)
    with open_database(demo_copy) as db:
        by_customer = PagedQuery(db, VIEWS["sale"], sort="customer_id", descending=True)
        source = by_customer._source
        assert source.startswith("counterparty c CROSS JOIN sale_out t ON")
        plan = [r[3] for r in db.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT t.id FROM {source}{by_customer._order()} LIMIT 7")]
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan  # each customer's rows, not all
        assert not by_customer._sorts_everything()
        by_licence = PagedQuery(db, VIEWS["export"], sort="licence_id")  # a LEFT JOIN: kept
        assert by_licence._source == VIEWS["export"].source


def test_an_order_without_an_index_is_sorted_once(demo_copy, monkeypatch):
    monkeypatch.setattr(PagedQuery, "PAGE", 7)
    monkeypatch.setattr(PagedQuery, "SORT_ONCE_FROM", 100)
    with open_database(demo_copy) as db:
        db.conn.execute("DROP INDEX sale_out_by_qty_pcs")  # pieces without their index
        by_weight = PagedQuery(db, VIEWS["sale"], sort="qty_pcs")
        by_date = PagedQuery(db, VIEWS["sale"], sort="date")
        assert by_weight._sorts_everything() and not by_date._sorts_everything()
        by_weight.row(0)  # the first page alone: SQLite keeps the 7 smallest
        assert by_weight._all_ids is None
        by_weight.row(300)  # further in: every id once, in order
        assert len(by_weight._all_ids) == by_weight.count()
        by_date.row(300)
        assert by_date._all_ids is None
        few = PagedQuery(db, VIEWS["sale"], "宁波", "2026-06", sort="qty_pcs")
        assert 0 < few.count() < 100 and not few._sorts_everything()  # sorted per page


def test_a_big_table_is_counted_by_its_ids_and_settled_by_a_count(demo_copy, monkeypatch):
    # ten million sales take 100 ms to count: the span of the ids stands for
    # the count until a count made elsewhere settles it (rows deleted: less)
    monkeypatch.setattr(PagedQuery, "PAGE", 7)
    monkeypatch.setattr(PagedQuery, "ESTIMATE_FROM", 100)
    view = VIEWS["sale"]
    with open_database(demo_copy) as db:
        ids = expected_ids(db, view, "", None, None, False)
        query = PagedQuery(db, view)
        assert (query.count(), query.estimated) == (len(ids), True)
        assert query._dense() and query.row(len(ids) // 2)[0] == ids[len(ids) // 2]
        assert not query.settle(query.exact_count()) and not query.estimated
        gone = ids[len(ids) // 3]
        db.conn.execute("DELETE FROM export_shipment WHERE sale_id = ?", (gone,))
        db.conn.execute("DELETE FROM sale_out WHERE id = ?", (gone,))
        want = expected_ids(db, view, "", None, None, False)
        for descending in (False, True):
            query = PagedQuery(db, view, descending=descending)
            assert query.count() == len(ids) and query.estimated  # about: one too many
            query.row(len(ids) // 2)
            assert query.settle(PagedQuery(db, view).exact_count())  # then exact
            assert not query._dense() and query.count() == len(want)
            order = want[::-1] if descending else want
            assert read_all(query, lambda n: range(n)) == order
            assert [query.row(i)[0] for i in range(len(want) - 1, 0, -5)] == \
                order[len(want) - 1:0:-5]
        filtered = PagedQuery(db, view, period="2026-06")
        assert not filtered.estimated and filtered.count() == len(
            expected_ids(db, view, "", "2026-06", None, False))
        small = PagedQuery(db, VIEWS["product"])
        assert small.count() == db.conn.execute("SELECT count(*) FROM product").fetchone()[0]
        assert not small.estimated


def test_sales_sort_by_each_of_their_own_columns_through_an_index(demo_copy):
    # ten million sales sorted whole for a first page would take one to two seconds
    own = [c.name for c in VIEWS["sale"].columns if c.sql.startswith("t.")]
    assert {"amount_fen", "qty_g", "qty_pcs", "grade", "currency", "invoice_no",
            "is_export"} <= set(own)
    with open_database(demo_copy) as db:
        for column in own:
            for descending in (False, True):
                query = PagedQuery(db, VIEWS["sale"], sort=column, descending=descending)
                assert not query._sorts_everything()
                plan = " ".join(r[3] for r in db.conn.execute(
                    f"EXPLAIN QUERY PLAN SELECT t.id FROM {query._source}{query._order()} "
                    "LIMIT 7"))
                assert "TEMP B-TREE" not in plan and "sale_out_" in plan
                want = expected_ids(db, VIEWS["sale"], "", None, column, descending)
                assert [query.row(i)[0] for i in range(20)] == want[:20]
