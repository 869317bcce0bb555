"""Records of the domain as frozen dataclasses.

Mass is integer grams (``*_g``), money integer hundredths of its currency
(``*_fen``), composition integer units of 0.0001 % (``*_pct``), dates
``datetime.date``.  ``id`` is the storage key (None before the first save); the
business key (document number, code, name) is what users and findings see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    uscc: str
    address: str = ""
    contact: str = ""
    enterprise_type: str = "SINTERED_MAKER"
    system_account: str = ""

    @property
    def key(self) -> str:
        return self.uscc


@dataclass(frozen=True, slots=True)
class Counterparty:
    id: int | None
    name_cn: str
    cp_type: str
    role: str
    country: str
    address: str
    name_en: str = ""
    is_trader: bool = False
    uscc: str | None = None
    foreign_reg_no: str = ""
    end_use_default: str | None = None

    @property
    def key(self) -> str:
        return self.name_cn


@dataclass(frozen=True, slots=True)
class Product:
    id: int | None
    code: str
    name_cn: str
    category: str
    hs_code: str
    unit: str = "KG"
    grade: str = ""
    spec: str = ""
    is_magnetized: bool = False
    re_total_pct: int | None = None
    dy_pct: int | None = None
    tb_pct: int | None = None
    ho_pct: int | None = None
    sm_pct: int | None = None
    gd_pct: int | None = None
    test_report_no: str = ""
    heavy_re_free: bool = False
    # schema v8: the rest of the composition, the test report, an exemption
    nd_pct: int | None = None
    pr_pct: int | None = None
    co_pct: int | None = None
    ce_pct: int | None = None
    la_pct: int | None = None
    other_re_pct: int | None = None
    report_date: date | None = None
    report_lab: str = ""
    exempt_kind: str | None = None  # an enums.ExemptKind value: not controlled as processed
    exempt_reason: str = ""

    @property
    def key(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Purchase:
    id: int | None
    doc_no: str
    date: date
    supplier_id: int
    product_id: int
    lot_no: str
    qty_g: int
    origin: str = "DOMESTIC"
    unit_price_fen: int | None = None
    amount_fen: int | None = None
    invoice_no: str = ""
    import_decl_no: str = ""

    @property
    def key(self) -> str:
        return self.doc_no


@dataclass(frozen=True, slots=True)
class Batch:
    id: int | None
    batch_no: str
    start_date: date
    end_date: date
    process: str
    product_id: int
    output_g: int
    grade: str = ""
    output_pcs: int | None = None

    @property
    def key(self) -> str:
        return self.batch_no


@dataclass(frozen=True, slots=True)
class BatchInput:
    id: int | None
    batch_id: int
    purchase_id: int
    qty_g: int


@dataclass(frozen=True, slots=True)
class Sale:
    id: int | None
    doc_no: str
    date: date
    customer_id: int
    product_id: int
    batch_id: int
    qty_g: int
    grade: str = ""
    qty_pcs: int | None = None
    amount_fen: int | None = None
    currency: str = "CNY"
    invoice_no: str = ""
    contract_no: str = ""
    is_export: bool = False
    end_use: str | None = None

    @property
    def key(self) -> str:
        return self.doc_no


@dataclass(frozen=True, slots=True)
class ExportLine:
    id: int | None
    sale_id: int
    customs_decl_no: str
    decl_date: date
    hs_code: str
    destination: str
    consignee_id: int
    end_user: str
    end_use: str
    qty_g: int
    line_no: int = 1
    controlled: bool = False
    control_no: str = ""
    control_reason: str = ""
    licence_id: int | None = None
    value_fen: int | None = None
    currency: str = "USD"

    @property
    def key(self) -> str:
        return f"{self.customs_decl_no}/{self.line_no}"


@dataclass(frozen=True, slots=True)
class Licence:
    id: int | None
    licence_no: str
    licence_type: str
    valid_from: date
    valid_to: date
    qty_g: int | None  # None: no quantity (a general licence may have none)
    control_no: str = ""
    end_user: str = ""  # the permitted end users, one a line (or separated by ;)
    euc_ref: str = ""
    consignee_ids: tuple[int, ...] = field(default=())
    end_uses: tuple[str, ...] = field(default=())  # the permitted EndUse codes; () any

    @property
    def key(self) -> str:
        return self.licence_no


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Stock that moves without a purchase, batch or sale: opening stock,
    customer returns, losses."""

    id: int | None
    doc_no: str
    date: date
    kind: str
    product_id: int
    qty_g: int
    batch_id: int | None = None
    note: str = ""

    @property
    def key(self) -> str:
        return self.doc_no


@dataclass(frozen=True, slots=True)
class Period:
    period: str
    state: str = "OPEN"
    revision: int = 0
    filed_on: date | None = None
    receipt_no: str = ""

    @property
    def key(self) -> str:
        return self.period
