"""Schema migrations, one list of statements per step; ``PRAGMA user_version``
is the number of steps applied.  Never edit a released step: add one."""

from __future__ import annotations

APPLICATION_ID = 0x4D474453  # "MGDS": marks a file as magdesk's

_V1 = [
    """CREATE TABLE company (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        uscc TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        enterprise_type TEXT NOT NULL DEFAULT 'SINTERED_MAKER',
        system_account TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE counterparty (
        id INTEGER PRIMARY KEY,
        name_cn TEXT NOT NULL,
        cp_type TEXT NOT NULL,
        role TEXT NOT NULL,
        country TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        name_en TEXT NOT NULL DEFAULT '',
        is_trader INTEGER NOT NULL DEFAULT 0,
        uscc TEXT,
        foreign_reg_no TEXT NOT NULL DEFAULT '',
        end_use_default TEXT)""",
    "CREATE UNIQUE INDEX counterparty_uscc ON counterparty(uscc) WHERE uscc IS NOT NULL AND uscc <> ''",
    "CREATE INDEX counterparty_name ON counterparty(name_cn)",
    """CREATE TABLE product (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name_cn TEXT NOT NULL,
        category TEXT NOT NULL,
        hs_code TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT 'KG',
        grade TEXT NOT NULL DEFAULT '',
        spec TEXT NOT NULL DEFAULT '',
        is_magnetized INTEGER NOT NULL DEFAULT 0,
        re_total_pct INTEGER, dy_pct INTEGER, tb_pct INTEGER,
        ho_pct INTEGER, sm_pct INTEGER, gd_pct INTEGER,
        test_report_no TEXT NOT NULL DEFAULT '',
        heavy_re_free INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE purchase_in (
        id INTEGER PRIMARY KEY,
        doc_no TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        supplier_id INTEGER NOT NULL REFERENCES counterparty(id),
        product_id INTEGER NOT NULL REFERENCES product(id),
        lot_no TEXT NOT NULL,
        qty_g INTEGER NOT NULL,
        origin TEXT NOT NULL DEFAULT 'DOMESTIC',
        unit_price_fen INTEGER,
        amount_fen INTEGER,
        invoice_no TEXT NOT NULL DEFAULT '',
        import_decl_no TEXT NOT NULL DEFAULT '',
        UNIQUE (supplier_id, lot_no))""",
    "CREATE INDEX purchase_in_date ON purchase_in(date)",
    "CREATE INDEX purchase_in_product ON purchase_in(product_id, date)",
    "CREATE INDEX purchase_in_lot ON purchase_in(lot_no)",
    """CREATE TABLE production_batch (
        id INTEGER PRIMARY KEY,
        batch_no TEXT NOT NULL UNIQUE,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        process TEXT NOT NULL,
        product_id INTEGER NOT NULL REFERENCES product(id),
        output_g INTEGER NOT NULL,
        grade TEXT NOT NULL DEFAULT '',
        output_pcs INTEGER)""",
    "CREATE INDEX production_batch_end ON production_batch(end_date)",
    "CREATE INDEX production_batch_product ON production_batch(product_id)",
    """CREATE TABLE batch_input (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES production_batch(id) ON DELETE CASCADE,
        purchase_id INTEGER NOT NULL REFERENCES purchase_in(id),
        qty_g INTEGER NOT NULL)""",
    "CREATE INDEX batch_input_batch ON batch_input(batch_id)",
    "CREATE INDEX batch_input_purchase ON batch_input(purchase_id)",
    """CREATE TABLE sale_out (
        id INTEGER PRIMARY KEY,
        doc_no TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES counterparty(id),
        product_id INTEGER NOT NULL REFERENCES product(id),
        batch_id INTEGER NOT NULL REFERENCES production_batch(id),
        qty_g INTEGER NOT NULL,
        grade TEXT NOT NULL DEFAULT '',
        qty_pcs INTEGER,
        amount_fen INTEGER,
        currency TEXT NOT NULL DEFAULT 'CNY',
        invoice_no TEXT NOT NULL DEFAULT '',
        contract_no TEXT NOT NULL DEFAULT '',
        is_export INTEGER NOT NULL DEFAULT 0,
        end_use TEXT)""",
    "CREATE INDEX sale_out_date ON sale_out(date, id)",
    "CREATE INDEX sale_out_customer ON sale_out(customer_id, date)",
    "CREATE INDEX sale_out_product ON sale_out(product_id, date)",
    "CREATE INDEX sale_out_batch ON sale_out(batch_id)",
    """CREATE TABLE export_licence (
        id INTEGER PRIMARY KEY,
        licence_no TEXT NOT NULL UNIQUE,
        licence_type TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        qty_g INTEGER NOT NULL,
        control_no TEXT NOT NULL DEFAULT '',
        end_user TEXT NOT NULL DEFAULT '',
        euc_ref TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE licence_consignee (
        licence_id INTEGER NOT NULL REFERENCES export_licence(id) ON DELETE CASCADE,
        counterparty_id INTEGER NOT NULL REFERENCES counterparty(id),
        PRIMARY KEY (licence_id, counterparty_id)) WITHOUT ROWID""",
    """CREATE TABLE export_shipment (
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sale_out(id),
        customs_decl_no TEXT NOT NULL,
        decl_date TEXT NOT NULL,
        hs_code TEXT NOT NULL,
        destination TEXT NOT NULL,
        consignee_id INTEGER NOT NULL REFERENCES counterparty(id),
        end_user TEXT NOT NULL DEFAULT '',
        end_use TEXT NOT NULL DEFAULT '',
        qty_g INTEGER NOT NULL,
        line_no INTEGER NOT NULL DEFAULT 1,
        controlled INTEGER NOT NULL DEFAULT 0,
        control_no TEXT NOT NULL DEFAULT '',
        control_reason TEXT NOT NULL DEFAULT '',
        licence_id INTEGER REFERENCES export_licence(id),
        value_fen INTEGER,
        currency TEXT NOT NULL DEFAULT 'USD',
        UNIQUE (customs_decl_no, line_no))""",
    "CREATE INDEX export_shipment_sale ON export_shipment(sale_id)",
    "CREATE INDEX export_shipment_date ON export_shipment(decl_date)",
    "CREATE INDEX export_shipment_licence ON export_shipment(licence_id)",
    """CREATE TABLE stock_adjustment (
        id INTEGER PRIMARY KEY,
        doc_no TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        product_id INTEGER NOT NULL REFERENCES product(id),
        qty_g INTEGER NOT NULL,
        batch_id INTEGER REFERENCES production_batch(id),
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX stock_adjustment_date ON stock_adjustment(date)",
    """CREATE TABLE period (
        period TEXT PRIMARY KEY,
        state TEXT NOT NULL DEFAULT 'OPEN',
        revision INTEGER NOT NULL DEFAULT 0,
        filed_on TEXT,
        receipt_no TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE accepted_finding (
        entity TEXT NOT NULL,
        record TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        accepted_at TEXT NOT NULL,
        PRIMARY KEY (entity, record, code)) WITHOUT ROWID""",
]



def _lock_triggers(table: str, month_sql: str) -> list[str]:
    """Refuse a change or deletion of a record dated in a filed (locked) period.

    ``month_sql`` gives the record's month(s) from ``{row}`` (NEW or OLD).
    The message is a finding code the services turn into a clear finding.
    Inserts are checked by the repository instead: a row trigger of any kind
    costs about 30 µs per inserted row here, which would double the time of a
    bulk import or of the million-sale demo.
    """
    def locked(row: str) -> str:
        months = month_sql.format(row=row)
        return (f"EXISTS (SELECT 1 FROM period WHERE state = 'FILED' AND period IN ({months}))")

    out = []
    for event, rows in (("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])):
        condition = " OR ".join(locked(r) for r in rows)
        out.append(
            f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} "
            f"WHEN {condition} BEGIN SELECT RAISE(ABORT, 'period.locked'); END"
        )
    return out


_V2 = [
    """CREATE TABLE filing_export (
        id INTEGER PRIMARY KEY,
        period TEXT NOT NULL,
        revision INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        template TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        data_sha256 TEXT NOT NULL,
        draft INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX filing_export_period ON filing_export(period, revision)",
    """CREATE TABLE filing_snapshot (
        period TEXT NOT NULL,
        revision INTEGER NOT NULL,
        sheet TEXT NOT NULL,
        row_key TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (period, revision, sheet, row_key)) WITHOUT ROWID""",
    "ALTER TABLE period ADD COLUMN template TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE period ADD COLUMN data_sha256 TEXT NOT NULL DEFAULT ''",
    *_lock_triggers("purchase_in", "substr({row}.date, 1, 7)"),
    *_lock_triggers("sale_out", "substr({row}.date, 1, 7)"),
    *_lock_triggers("stock_adjustment", "substr({row}.date, 1, 7)"),
    *_lock_triggers("export_shipment", "substr({row}.decl_date, 1, 7)"),
    *_lock_triggers("production_batch",
                    "substr({row}.start_date, 1, 7), substr({row}.end_date, 1, 7)"),
    *_lock_triggers("batch_input",
                    "SELECT substr(start_date, 1, 7) FROM production_batch WHERE id = {row}.batch_id"
                    " UNION SELECT substr(end_date, 1, 7) FROM production_batch"
                    " WHERE id = {row}.batch_id"),
]

MIGRATIONS: list[list[str]] = [_V1, _V2]
LATEST = len(MIGRATIONS)
