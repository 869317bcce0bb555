"""Validating a period reads only its records and sums of the others, and
finds exactly what the whole file's validation finds in that period (and
the undated findings, which belong to every period): on the clean demo,
and on a demo with faults planted across months — a batch sold beyond its
output by sales of two months, a repeated sale, a bad invoice number, a
licence used up by lines of several months, a loss that takes the stock
below nothing, a return, a purchase entered twice, an export line of
another month than its sale, a sale dated on no real day."""

from __future__ import annotations

from magdesk import usecases
from magdesk.core.validation import in_period
from tests.conftest import TODAY


def _key(f) -> tuple:
    return (f.period or "", f.entity, f.record, f.code, repr(f))


def _same_as_whole(db, periods) -> dict[str, list]:
    """Each period's findings, asserted equal to the whole file's kept to it."""
    whole = usecases.validate_database(db, today=TODAY)
    found = {}
    for period in periods:
        got = usecases.validate_database(db, period=period, today=TODAY)
        want = [f for f in whole if in_period(f.period, period)]
        assert sorted(got, key=_key) == sorted(want, key=_key), period
        found[period] = got
    return found


def _months(db) -> list[str]:
    rows = db.conn.execute("SELECT DISTINCT substr(date, 1, 7) FROM sale_out ORDER BY 1")
    return [month for (month,) in rows]


def test_a_period_of_the_clean_demo_finds_what_the_whole_file_finds(demo_file):
    with usecases.open_file(demo_file) as db:
        months = _months(db)
        found = _same_as_whole(db, [*months[::3], months[-1], "2026", "2025", "2019-01"])
    assert len(months) >= 12 and all(not f for f in found.values())


def _plant(conn) -> dict[str, str]:
    """Faults in several months; returns the month of each."""
    one = conn.execute
    months = [m for (m,) in one("SELECT DISTINCT substr(date, 1, 7) FROM sale_out ORDER BY 1")]
    at = {}
    # a batch sold in two months: its first sale swollen to all it made and
    # will have back, so that the next one, of a later month, tips it
    batch, output = one(
        "SELECT s.batch_id, b.output_g FROM sale_out s JOIN production_batch b"
        " ON b.id = s.batch_id GROUP BY s.batch_id, b.output_g"
        " HAVING count(DISTINCT substr(s.date, 1, 7)) > 1 ORDER BY s.batch_id LIMIT 1").fetchone()
    (first, _day), (_next, day) = one("SELECT id, date FROM sale_out WHERE batch_id = ?"
                                      " ORDER BY date, id LIMIT 2", (batch,)).fetchall()
    one("UPDATE sale_out SET qty_g = ? WHERE id = ?", (output + 5000, first))
    at["oversold"] = day[:7]
    # a sale entered twice, and a bad invoice number, in other months
    sale = one("SELECT id FROM sale_out WHERE substr(date, 1, 7) = ? ORDER BY id LIMIT 1",
               (months[4],)).fetchone()[0]
    columns = [r[1] for r in one("PRAGMA table_info(sale_out)") if r[1] not in ("id", "doc_no")]
    one(f"INSERT INTO sale_out (doc_no, {', '.join(columns)}) SELECT 'TWICE-1', "
        f"{', '.join(columns)} FROM sale_out WHERE id = ?", (sale,))
    at["repeat"] = months[4]
    one("UPDATE sale_out SET invoice_no = '123' WHERE id = (SELECT min(id) FROM sale_out"
        " WHERE substr(date, 1, 7) = ? AND is_export = 0)", (months[6],))
    at["invoice"] = months[6]
    # a licence whose lines of several months use it up in a later one
    lic, = one("SELECT licence_id FROM export_shipment WHERE licence_id IS NOT NULL"
               " GROUP BY licence_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    lines = one("SELECT decl_date, qty_g FROM export_shipment WHERE licence_id = ?"
                " ORDER BY decl_date, customs_decl_no, line_no", (lic,)).fetchall()
    half = sum(q for _d, q in lines[: len(lines) // 2])
    one("UPDATE export_licence SET qty_g = ? WHERE id = ?", (half + 1, lic))
    # a loss below nothing in one month, a return in another
    product, = one("SELECT product_id FROM sale_out GROUP BY product_id ORDER BY count(*)"
                   " DESC LIMIT 1").fetchone()
    one("INSERT INTO stock_adjustment (doc_no, date, kind, product_id, qty_g)"
        " VALUES ('LOSS-1', ?, 'LOSS', ?, 900000000000)", (f"{months[8]}-15", product))
    at["negative"] = months[8]
    one("INSERT INTO stock_adjustment (doc_no, date, kind, product_id, qty_g, batch_id)"
        " VALUES ('RET-1', ?, 'RETURN', ?, 5000, ?)", (f"{months[2]}-10", product, batch))
    # a purchase entered twice
    columns = [r[1] for r in one("PRAGMA table_info(purchase_in)")
               if r[1] not in ("id", "doc_no", "lot_no")]
    one(f"INSERT INTO purchase_in (doc_no, lot_no, {', '.join(columns)}) SELECT 'P-TWICE', "
        f"'LOT-TWICE', {', '.join(columns)} FROM purchase_in ORDER BY id LIMIT 1 OFFSET 5")
    # an export line declared a month after its sale, for more than was sold
    one("UPDATE export_shipment SET qty_g = qty_g * 3, decl_date = ? WHERE id ="
        " (SELECT min(id) FROM export_shipment WHERE substr(decl_date, 1, 7) = ?)",
        (f"{months[6]}-20", months[5]))
    # a sale of no real day: undated, so in every period
    one("UPDATE sale_out SET date = '2026-2-15' WHERE id = (SELECT max(id) FROM sale_out"
        " WHERE substr(date, 1, 7) = ?)", (months[3],))
    return at


def test_a_period_with_planted_faults_finds_what_the_whole_file_finds(demo_copy):
    with usecases.open_file(demo_copy) as db:
        with db.write() as conn:
            at = _plant(conn)
        months = _months(db)
        periods = [m for m in months if len(m) == 7 and m[5:7] <= "12"]
        found = _same_as_whole(db, [*periods, "2026", "2025", "2024"])
    codes = {f.code for fs in found.values() for f in fs}
    assert {"batch.oversold", "dup.suspect", "licence.exceeded", "balance.negative",
            "date.invalid", "export.exceeds_sale"} <= codes, codes
    assert any(f.code == "batch.oversold" for f in found[at["oversold"]])
    assert any(f.code == "balance.negative" for f in found[at["negative"]])
    assert any(f.code == "dup.suspect" for f in found[at["repeat"]])
    # the undated finding is in every period, a month's findings in its year only
    assert all(any(f.code == "date.invalid" for f in fs) for fs in found.values())
    year = at["negative"][:4]
    assert any(f.code == "balance.negative" for f in found[year])
    other = str(int(year) - 1) if year != "2024" else "2025"
    assert not any(f.code == "balance.negative" and f.period == at["negative"]
                   for f in found[other])


def test_a_months_inventory_is_the_same_from_the_sums_before_it(demo_copy):
    # the filing's 月度库存 sheet reads a month's balance from its movements
    # and each product's stock before it (Repository.movements_to)
    from magdesk.core.balance import monthly_balance

    def balance(movements, month):
        return [r for r in monthly_balance([m for m in movements if m[1] <= month], month)
                if r.period == month]

    with usecases.open_file(demo_copy) as db:
        with db.write() as conn:
            _plant(conn)
        repo = usecases.repository(db)
        whole = repo.movements()
        months = [m for m in _months(db) if m[4] == "-" and m[5:7].isdigit() and m[7:] == ""]
        for month in months:
            rows = balance(repo.movements_to(month), month)
            assert rows == balance(whole, month) and rows, month
