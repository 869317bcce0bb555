"""Schema migrations, one list of statements per step; ``PRAGMA user_version``
is the number of steps applied.  Never edit a released step: add one."""

from __future__ import annotations

from . import days, totals

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
    The message is a finding code the use cases turn into a clear finding.
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


# The tables a filed period locks, each with the SQL of its record's month(s)
# from ``{row}`` (NEW or OLD): the SQLite triggers below and the server's
# (storage/postgres/rules.py) are both made from it.
LOCKED: dict[str, str] = {
    "purchase_in": "substr({row}.date, 1, 7)",
    "sale_out": "substr({row}.date, 1, 7)",
    "stock_adjustment": "substr({row}.date, 1, 7)",
    "export_shipment": "substr({row}.decl_date, 1, 7)",
    "production_batch": "substr({row}.start_date, 1, 7), substr({row}.end_date, 1, 7)",
    "batch_input": ("SELECT substr(start_date, 1, 7) FROM production_batch WHERE id = {row}.batch_id"
                    " UNION SELECT substr(end_date, 1, 7) FROM production_batch"
                    " WHERE id = {row}.batch_id"),
}

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
    *(trigger for table, months in LOCKED.items() for trigger in _lock_triggers(table, months)),
]

# --- v3: the audit trail -----------------------------------------------------------
#
# Every insert, update and delete of a record table is written by a trigger into
# ``audit_log``: who (read from the one-row ``audit_session``, which magdesk
# fills inside its own write transactions and empties before they commit, so a
# write by any other program shows up as one from outside magdesk), when (UTC),
# the table, the record, and the fields as JSON (an update keeps only the fields
# that changed, old and new; an update that changes nothing writes nothing).  The
# triggers use only built-in SQL, so plain sqlite3 can still write the file.
# magdesk seals the entries into a hash chain (``audit_seal``, ``audit_head``;
# storage/audit.py).  A bulk operation (the demo) drops the triggers inside its
# own transaction and writes one summarising entry instead (Database.bulk).
#
# The column lists are those of v3; a later step that adds a column must drop
# and recreate that table's three audit triggers.

AUDITED: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    # table: (record id SQL, business key SQL, columns), with {r} = NEW or OLD
    "company": ("{r}.id", "{r}.name",
                ("id", "name", "uscc", "address", "contact", "enterprise_type", "system_account")),
    "counterparty": ("{r}.id", "{r}.name_cn",
                     ("id", "name_cn", "cp_type", "role", "country", "address", "name_en",
                      "is_trader", "uscc", "foreign_reg_no", "end_use_default")),
    "product": ("{r}.id", "{r}.code",
                ("id", "code", "name_cn", "category", "hs_code", "unit", "grade", "spec",
                 "is_magnetized", "re_total_pct", "dy_pct", "tb_pct", "ho_pct", "sm_pct",
                 "gd_pct", "test_report_no", "heavy_re_free")),
    "purchase_in": ("{r}.id", "{r}.doc_no",
                    ("id", "doc_no", "date", "supplier_id", "product_id", "lot_no", "qty_g",
                     "origin", "unit_price_fen", "amount_fen", "invoice_no", "import_decl_no")),
    "production_batch": ("{r}.id", "{r}.batch_no",
                         ("id", "batch_no", "start_date", "end_date", "process", "product_id",
                          "output_g", "grade", "output_pcs")),
    "batch_input": ("{r}.id", None, ("id", "batch_id", "purchase_id", "qty_g")),
    "sale_out": ("{r}.id", "{r}.doc_no",
                 ("id", "doc_no", "date", "customer_id", "product_id", "batch_id", "qty_g",
                  "grade", "qty_pcs", "amount_fen", "currency", "invoice_no", "contract_no",
                  "is_export", "end_use")),
    "export_licence": ("{r}.id", "{r}.licence_no",
                       ("id", "licence_no", "licence_type", "valid_from", "valid_to", "qty_g",
                        "control_no", "end_user", "euc_ref")),
    "licence_consignee": ("{r}.licence_id || '/' || {r}.counterparty_id", None,
                          ("licence_id", "counterparty_id")),
    "export_shipment": ("{r}.id", "{r}.customs_decl_no || '/' || {r}.line_no",
                        ("id", "sale_id", "customs_decl_no", "decl_date", "hs_code",
                         "destination", "consignee_id", "end_user", "end_use", "qty_g",
                         "line_no", "controlled", "control_no", "control_reason", "licence_id",
                         "value_fen", "currency")),
    "stock_adjustment": ("{r}.id", "{r}.doc_no",
                         ("id", "doc_no", "date", "kind", "product_id", "qty_g", "batch_id",
                          "note")),
    "period": ("{r}.period", "{r}.period",
               ("period", "state", "revision", "filed_on", "receipt_no", "template",
                "data_sha256")),
    "accepted_finding": ("{r}.entity || '/' || {r}.record || '/' || {r}.code", "{r}.record",
                         ("entity", "record", "code", "reason", "accepted_at")),
}


def _audit_triggers(table: str) -> list[str]:
    rid, key, cols = AUDITED[table]

    def whole(row: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in cols) + ")"

    def changed(row: str) -> str:
        branches = " UNION ALL ".join(
            f"SELECT '{c}' AS k, {row}.{c} AS v WHERE OLD.{c} IS NOT NEW.{c}" for c in cols)
        return f"(SELECT json_group_object(k, v) FROM ({branches}))"

    def entry(action: str, row: str, old: str, new: str) -> str:
        key_sql = f"CAST({key.format(r=row)} AS TEXT)" if key else "NULL"
        return (
            "INSERT INTO audit_log (at, app, clerk, os_user, action, entity, record, "
            "record_key, old, new) "
            "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(s.app, 0), "
            "coalesce(s.clerk, ''), coalesce(s.os_user, ''), "
            f"'{action}', '{table}', CAST({rid.format(r=row)} AS TEXT), {key_sql}, {old}, {new} "
            "FROM (SELECT 1) LEFT JOIN audit_session s ON s.id = 1;")

    any_change = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
    return [
        f"CREATE TRIGGER audit_{table}_insert AFTER INSERT ON {table} "
        f"BEGIN {entry('INSERT', 'NEW', 'NULL', whole('NEW'))} END",
        f"CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table} WHEN {any_change} "
        f"BEGIN {entry('UPDATE', 'NEW', changed('OLD'), changed('NEW'))} END",
        f"CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {table} "
        f"BEGIN {entry('DELETE', 'OLD', whole('OLD'), 'NULL')} END",
    ]


_V3_AUDITED = tuple(AUDITED)  # the tables of v3 (later steps add theirs to AUDITED)

_V3 = [
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        app INTEGER NOT NULL,
        clerk TEXT NOT NULL,
        os_user TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        record TEXT NOT NULL,
        record_key TEXT,
        old TEXT,
        new TEXT)""",
    "CREATE INDEX audit_log_record ON audit_log(entity, record)",
    "CREATE INDEX audit_log_key ON audit_log(record_key)",
    """CREATE TABLE audit_session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        app INTEGER NOT NULL DEFAULT 0,
        clerk TEXT NOT NULL DEFAULT '',
        os_user TEXT NOT NULL DEFAULT '')""",
    "INSERT INTO audit_session (id) VALUES (1)",
    """CREATE TABLE audit_seal (
        seq INTEGER PRIMARY KEY,
        seal TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        entry_hash TEXT NOT NULL)""",
    """CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL)""",
    f"INSERT INTO audit_head VALUES (1, 0, '{'0' * 64}')",
    *(trigger for table in _V3_AUDITED for trigger in _audit_triggers(table)),
]

# Validation sums and screens every sale (storage/sales.py): with the columns
# it reads at the end of these indexes, it reads them alone, in order, with no
# sort; the queries that used them before read the same leading columns.
_V4 = [
    "DROP INDEX sale_out_customer",
    "CREATE INDEX sale_out_customer ON sale_out(customer_id, date, product_id, qty_g)",
    "DROP INDEX sale_out_product",
    "CREATE INDEX sale_out_product ON sale_out(product_id, date, is_export, qty_g)",
    "DROP INDEX sale_out_batch",
    "CREATE INDEX sale_out_batch ON sale_out(batch_id, product_id, date, qty_g)",
]

# --- v5: the file's identity ----------------------------------------------------------
#
# A random identity made with the file and kept inside it, so that it survives a
# copy, a rename or a move (and is carried by every restore point, which is a
# copy): restore points are kept and rotated per identity, never per file name,
# and a restore from a file of another identity is refused unless asked for.
# Files made by earlier releases get theirs here.  Not audited: it never changes.
_V5 = [
    """CREATE TABLE magdesk_file (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        identity TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    "INSERT INTO magdesk_file VALUES (1, lower(hex(randomblob(16))), "
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
]

IDENTITY_VERSION = 5  # the step that gives a file its identity (db._migrate may choose it)

# --- v6: filing templates kept in the file ---------------------------------------------
#
# A template learned from an authority's sample workbook travels with the
# company's file: its TOML text and the sample's bytes, by name and version
# (saving a name again adds a version; the old ones stay, since an export
# records the name and version it used), and the sample's SHA-256.  The
# company's default template is a setting of the file (``file_setting``,
# key ``filing_template``); none means the built-in REFLOW-1.  Both tables
# are audited; a template's entry holds the sample's hash, not its bytes.
AUDITED.update({
    "filing_template": ("{r}.id", "{r}.name || ' v' || {r}.version",
                        ("id", "name", "version", "body", "sample_name", "sample_sha256",
                         "saved_at")),
    "file_setting": ("{r}.key", "{r}.key", ("key", "value")),
})

_V6 = [
    """CREATE TABLE filing_template (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        sample BLOB,
        sample_name TEXT NOT NULL DEFAULT '',
        sample_sha256 TEXT NOT NULL DEFAULT '',
        saved_at TEXT NOT NULL,
        UNIQUE (name, version))""",
    """CREATE TABLE file_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL) WITHOUT ROWID""",
    *(trigger for table in ("filing_template", "file_setting")
      for trigger in _audit_triggers(table)),
]

# --- v7: restricted-party lists for end-user screening ------------------------------
#
# The lists the clerk imports and updates (core/screening.py): one row per
# listed party, its other names one per line.  Importing a list replaces the
# rows of that list in one bulk transaction (one audit entry summarises it).
AUDITED["screening_entry"] = ("{r}.id", "{r}.list_name || ': ' || {r}.name",
                              ("id", "list_name", "name", "other_names", "country",
                               "date_listed", "source", "imported_at"))

_V7 = [
    """CREATE TABLE screening_entry (
        id INTEGER PRIMARY KEY,
        list_name TEXT NOT NULL,
        name TEXT NOT NULL,
        other_names TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL DEFAULT '',
        date_listed TEXT,
        source TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL)""",
    "CREATE INDEX screening_entry_list ON screening_entry(list_name)",
    *_audit_triggers("screening_entry"),
]

# --- v8: licences of both kinds --------------------------------------------------------
#
# A general licence (通用许可) names the end uses it permits besides its
# consignees: their EndUse codes, comma-separated ('' = any end use).  A
# general licence may have no quantity: its ``qty_g`` is then 0 (the column
# stays NOT NULL; the repository reads 0 as "no quantity").  The audit
# triggers of export_licence are made again to log the new column.
AUDITED["export_licence"] = ("{r}.id", "{r}.licence_no",
                             ("id", "licence_no", "licence_type", "valid_from", "valid_to",
                              "qty_g", "control_no", "end_user", "euc_ref", "end_uses"))

_V_LICENCES = [
    "ALTER TABLE export_licence ADD COLUMN end_uses TEXT NOT NULL DEFAULT ''",
    *(f"DROP TRIGGER audit_export_licence_{action}" for action in ("insert", "update", "delete")),
    *_audit_triggers("export_licence"),
]


# --- v9: composition per product model, its test report, an exemption -----------------
#
# The product keeps its composition element by element (units of 0.0001 %), the
# test report's number, date and laboratory, and why a product that holds
# listed magnets is not controlled itself (deep-processed: a rotor assembly…).
# Columns on ``product``, not a table of their own: a model has one composition
# (one report), and so the field specs, the form, the import and export of
# products and the audit trail take them as they take every other field.
# Existing shares (TRE, Dy, Tb, Ho, Sm, Gd, the report number) stay where they
# are.  The product's audit triggers are made again with the new columns.
_V9_PRODUCT_COLUMNS = (
    ("nd_pct", "INTEGER"), ("pr_pct", "INTEGER"), ("co_pct", "INTEGER"),
    ("ce_pct", "INTEGER"), ("la_pct", "INTEGER"), ("other_re_pct", "INTEGER"),
    ("report_date", "TEXT"), ("report_lab", "TEXT NOT NULL DEFAULT ''"),
    ("exempt_kind", "TEXT"), ("exempt_reason", "TEXT NOT NULL DEFAULT ''"),
)
AUDITED["product"] = (AUDITED["product"][0], AUDITED["product"][1],
                      AUDITED["product"][2] + tuple(name for name, _ in _V9_PRODUCT_COLUMNS))

_V9 = [
    *(f"ALTER TABLE product ADD COLUMN {name} {sql}" for name, sql in _V9_PRODUCT_COLUMNS),
    *(f"DROP TRIGGER audit_product_{event}" for event in ("insert", "update", "delete")),
    *_audit_triggers("product"),
]

# --- v10: attachments kept with the records --------------------------------------------
#
# A row per attachment (its owner by entity and id, the kind the clerk chose,
# the file's name as she had it, size, SHA-256, when and by whom); the bytes
# are not in the file but beside it, in ``<file>.files/`` by their SHA-256
# (storage/attachments.py), so the file and every restore point (a copy of
# it) stay small and opening or validating never reads them.  Audited: an
# attach and a detach show in the trail and the record's history.
AUDITED["attachment"] = ("{r}.id", "{r}.name",
                         ("id", "entity", "record_id", "kind", "name", "size", "sha256",
                          "added_at", "added_by", "note"))

_V10 = [
    """CREATE TABLE attachment (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        record_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX attachment_owner ON attachment(entity, record_id)",
    "CREATE INDEX attachment_sha256 ON attachment(sha256)",
    *_audit_triggers("attachment"),
]

# --- v11: a decade of sales sorted by amount or weight ---------------------------------
#
# The sales table sorts by any column; on ten million sales a column without
# an index is sorted whole for the first page (two seconds).  The amount and
# the weight, the columns a clerk sorts by to find the biggest sales, get
# one each (their entries end in the id, the order's tie-break).
_V11 = [
    "CREATE INDEX sale_out_amount ON sale_out(amount_fen)",
    "CREATE INDEX sale_out_qty ON sale_out(qty_g)",
]


# --- v12: monthly movement totals kept by the writes -----------------------------------
#
# A period's opening stock summed every earlier purchase, batch, input line
# and sale: on ten million sales each month paid seconds for the decade
# before it.  ``movement_month`` (storage/totals.py) holds per product, month
# and kind the grams and rows, kept by triggers and filled here from the data
# (one GROUP BY per table); derived, so not audited.  The sales whose date is
# no real day get a partial index: validation looks for them in every period;
# the batches an index by start (the consumption of a period's first month).
_V12 = [
    totals.CREATE_TABLE,
    totals.FILL_SQL,
    *totals.sqlite_triggers(),
    days.undated_index(days.SQLITE_REAL_DAY),
    "CREATE INDEX production_batch_start ON production_batch(start_date)",
]

# --- v13: the rest of the sales' columns sorted by index ---------------------------------
#
# The sales table sorts by any of its columns: on ten million sales one
# without an index was sorted whole for the first page (pieces, grade,
# currency, invoice, export: 0.8-1.7 s).  Each gets an index ending in the
# id, the order's tie-break (a server's index too: it holds no rowid, and a
# column of two values would leave it millions of ties to sort).
SORTED_SALE_COLUMNS = ("qty_pcs", "grade", "currency", "invoice_no", "is_export")
_V13 = [f"CREATE INDEX sale_out_by_{c} ON sale_out({c}, id)" for c in SORTED_SALE_COLUMNS]

MIGRATIONS: list[list[str]] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V_LICENCES, _V9, _V10, _V11,
                               _V12, _V13]
LATEST = len(MIGRATIONS)
