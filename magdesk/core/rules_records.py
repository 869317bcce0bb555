"""Rules on one record at a time (with read access to the records it refers to).

Every function returns a list of findings and never raises on bad data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import composition
from . import enums as E
from . import identifiers as ids
from .codelists import CodeLists
from .control import ControlPolicy
from .fields import FIELDS
from .findings import Finding, finding
from .licences import GENERAL_YEARS, years_after
from .model import Batch, Counterparty, ExportLine, Licence, Product, Purchase, Sale
from .units import PCT_SCALE, format_pct

EARLIEST = date(2000, 1, 1)


@dataclass
class Context:
    """What record rules may look at besides the record itself."""

    codes: CodeLists
    today: date
    policy: ControlPolicy = field(default_factory=ControlPolicy)
    counterparties: dict[int, Counterparty] = field(default_factory=dict)
    products: dict[int, Product] = field(default_factory=dict)
    purchases: dict[int, Purchase] = field(default_factory=dict)
    batches: dict[int, Batch] = field(default_factory=dict)
    licences: dict[int, Licence] = field(default_factory=dict)
    # (product id, window between control.boundaries) -> Classification
    control_cache: dict = field(default_factory=dict)
    control_bounds: tuple | None = None
    good_codes: set = field(default_factory=set)  # codes a rule found nothing wrong with
    screen: object = None  # core.screening.Screen of the file's restricted-party lists
    screened: dict = field(default_factory=dict)  # name -> hits, each name screened once


def _plan(entity: str) -> tuple[tuple[str, str, bool, int | None, int | None, object], ...]:
    return tuple(
        (s.name, s.kind, s.required, s.max_len, s.min_len, s.choices)
        for s in FIELDS[entity]
        if s.kind != "bool"
    )


_PLANS = {entity: _plan(entity) for entity in FIELDS}


def field_plan(entity: str) -> tuple[tuple[str, str, bool, int | None, int | None, object], ...]:
    """Per checked field: (name, kind, required, max length, min length, choices)."""
    return _PLANS[entity]


def _condition(v, kind, required, max_len, min_len, choices) -> str:
    """A Python expression that is true when the field read by expression ``v``
    passes every check ``check_fields`` makes on it."""
    empty = f"({v} is None or {v} == '')"
    if kind in ("text", "code"):
        ok = f"len({v}) <= {max_len or 10**9}"
        if min_len:
            ok += f" and len({v}.strip()) >= {min_len}"
    elif kind == "enum":
        # a set display after ``in`` compiles to one frozenset constant
        ok = f"{v} in {{{', '.join(map(repr, sorted(choices.__members__)))}}}"
    elif kind in ("mass", "int"):
        ok = f"{v} > 0"
    elif kind == "money":
        ok = f"{v} >= 0"
    elif kind == "pct":
        ok = f"0 <= {v} <= {100 * PCT_SCALE}"
    elif kind == "date":
        ok = f"earliest <= {v} <= today"
    else:  # references: presence only
        return f"(not {empty})" if required else "True"
    return f"(not {empty} and {ok})" if required else f"({empty} or ({ok}))"


def _fast_gate(entity: str):
    """A compiled all-fields-pass test: a million records a second instead of
    a hundred thousand.  Only records that fail it go through the loop below,
    which says what is wrong, so the two must agree (a test checks they do)."""
    body = " and ".join(_condition(f"r.{name}", *rest) for name, *rest in _PLANS[entity])
    return eval(f"lambda r, today, earliest: {body or True}", {})  # noqa: S307 - from our specs


_GATES = {entity: _fast_gate(entity) for entity in FIELDS}


def check_fields(entity: str, record, key: str, ctx: Context, period=None) -> list[Finding]:
    """The checks every field spec implies: required, length, choices, signs, dates."""
    if _GATES[entity](record, ctx.today, EARLIEST):
        return []
    return _field_findings(entity, record, key, ctx, period)


def _field_findings(entity: str, record, key: str, ctx: Context, period) -> list[Finding]:
    out: list[Finding] = []
    for name, kind, required, max_len, min_len, choices in _PLANS[entity]:
        value = getattr(record, name)
        if value is None or value == "":
            if required:
                out.append(finding("field.required", entity, key, name, period))
            continue
        if kind in ("text", "code"):
            if max_len is not None and len(value) > max_len:
                out.append(finding("field.too_long", entity, key, name, period, max=max_len))
            elif min_len is not None and len(value.strip()) < min_len:
                out.append(finding("field.too_short", entity, key, name, period, min=min_len))
        elif kind == "enum":
            if value not in choices.__members__:
                out.append(finding("field.choice", entity, key, name, period, value=value))
        elif kind == "mass" or kind == "int":
            if value <= 0:
                out.append(finding("field.not_positive", entity, key, name, period, value=value))
        elif kind == "money":
            if value < 0:
                out.append(finding("field.negative", entity, key, name, period, value=value))
        elif kind == "pct":
            if not 0 <= value <= 100 * PCT_SCALE:
                out.append(finding("field.pct_range", entity, key, name, period))
        elif kind == "date":
            if value > ctx.today:
                out.append(finding("date.future", entity, key, name, period, value=value))
            elif value < EARLIEST:
                out.append(finding("date.too_old", entity, key, name, period, value=value))
    return out


# What makes a spreadsheet program read a cell as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NAME_FIELDS = {"company": ("name",), "counterparty": ("name_cn", "name_en"),
               "product": ("name_cn",), "export": ("end_user",)}


def check_names(entity: str, record, key: str, period=None) -> list[Finding]:
    """A warning for each name that starts like a formula: the same from a
    form and an import, as both check records here."""
    out = []
    for name in NAME_FIELDS[entity]:
        value = getattr(record, name, None)
        if isinstance(value, str) and value.startswith(FORMULA_START):
            first = {"\t": "Tab", "\r": "CR"}.get(value[0], value[0])
            out.append(finding("name.formula_like", entity, key, name, period, value=value,
                               first=first))
    return out


def check_uscc(entity: str, key: str, code: str, name: str = "uscc") -> list[Finding]:
    reason = ids.check_uscc(ids.normalise_uscc(code))
    if reason == "format":
        return [finding("uscc.format", entity, key, name, value=code)]
    if reason == "check_digit":
        expected = ids.uscc_check_char(ids.normalise_uscc(code)[:17])
        return [finding("uscc.check_digit", entity, key, name, value=code, expected=expected)]
    return []


def check_counterparty(cp: Counterparty, ctx: Context) -> list[Finding]:
    key = cp.name_cn
    out = check_fields("counterparty", cp, key, ctx) + check_names("counterparty", cp, key)
    foreign = cp.cp_type == E.CpType.FOREIGN
    if foreign:
        if not cp.name_en:
            out.append(finding("cp.name_en_required", "counterparty", key, "name_en"))
    elif not cp.uscc:
        out.append(finding("cp.uscc_required", "counterparty", key, "uscc"))
    if cp.uscc:
        out += check_uscc("counterparty", key, cp.uscc)
    if cp.country:
        country = ctx.codes.country(cp.country)
        if country is None:
            out.append(finding("country.unknown", "counterparty", key, "country", value=cp.country))
        elif foreign and country.alpha2 == "CN":
            out.append(finding("cp.foreign_in_cn", "counterparty", key, "country"))
        elif not foreign and country.alpha2 != "CN":
            out.append(finding("cp.domestic_abroad", "counterparty", key, "country",
                               value=cp.country))
    if foreign and cp.role != E.Role.SUPPLIER and not cp.end_use_default:
        out.append(finding("cp.end_use_missing", "counterparty", key, "end_use_default"))
    if ctx.screen and cp.role != E.Role.SUPPLIER:
        out += screen_name("counterparty", key, "name_cn", cp.name_cn, ctx)
        if cp.name_en:
            out += screen_name("counterparty", key, "name_en", cp.name_en, ctx)
    return out


def screen_name(entity: str, key: str, field_name: str, name: str, ctx: Context,
                period=None) -> list[Finding]:
    """``name`` against the restricted-party lists: listed (an error), else
    the closest close match (a warning)."""
    if not name or not ctx.screen:
        return []
    hits = ctx.screened.get(name)
    if hits is None:
        hits = ctx.screened[name] = ctx.screen.check(name)
    if not hits:
        return []
    hit = hits[0]
    party = hit.party
    params = {"name": name, "list": party.list_name, "listed": hit.listed_as}
    if hit.exact:
        country = ctx.codes.country(party.country) if party.country else None
        return [finding("screen.listed", entity, key, field_name, period, **params,
                        country=(country.name_zh if country else party.country) or "—",
                        country_en=(country.name_en if country else party.country) or "—",
                        since=party.date_listed.isoformat() if party.date_listed else "—")]
    return [finding("screen.close", entity, key, field_name, period, **params, score=hit.score)]


def screen_end_use(x, ctx: Context, period=None) -> list[Finding]:
    """An end-use rule (no military end use for Japan) against an export line."""
    if not ctx.screen or not x.end_use:
        return []
    consignee = ctx.counterparties.get(x.consignee_id)
    countries = {c for c in (x.destination, consignee.country if consignee else "") if c}
    for code in countries:
        country = ctx.codes.country(code)
        alpha2 = country.alpha2 if country else code.upper()
        rule = ctx.screen.forbidden(alpha2, x.end_use, x.decl_date)
        if rule is not None:
            labels = E.EndUse.labels().get(x.end_use, (x.end_use, x.end_use))
            return [finding("screen.rule", "export", x.key, "end_use", period,
                            country=country.name_zh if country else code,
                            country_en=country.name_en if country else code,
                            end_use=labels[0], end_use_en=labels[-1], source=rule.source,
                            source_en=rule.source_en or rule.source)]
    return []


def check_hs(entity: str, key: str, code: str, ctx: Context, year: int, period=None):
    if ids.check_hs_format(code):
        return [finding("hs.format", entity, key, "hs_code", period, value=code)]
    item = ctx.codes.hs.get(code)
    if item is None:
        return [finding("hs.unknown", entity, key, "hs_code", period, value=code)]
    if not item.valid_in(year):
        return [finding("hs.not_valid", entity, key, "hs_code", period, value=code, year=year)]
    return []


def check_product(p: Product, ctx: Context) -> list[Finding]:
    key = p.code
    out = check_fields("product", p, key, ctx) + check_names("product", p, key)
    hs_findings = check_hs("product", key, p.hs_code, ctx, ctx.today.year) if p.hs_code else []
    out += hs_findings
    if p.category not in E.Category.__members__:
        return out
    magnet = p.category in E.MAGNET_CATEGORIES
    if magnet and p.hs_code and not hs_findings and p.hs_code != "8505111000":
        out.append(finding("product.hs_magnet", "product", key, "hs_code", value=p.hs_code))
    if magnet:
        if not p.grade:
            out.append(finding("grade.required", "product", key, "grade"))
        elif ids.check_grade(p.category, ids.normalise_grade(p.grade)):
            out.append(finding("grade.format", "product", key, "grade", value=p.grade,
                               expected=ids.GRADE_EXAMPLES[E.Category(p.category)]))
    if p.category in E.COMPOSITION_CATEGORIES:
        for name in ("dy_pct", "tb_pct"):
            if getattr(p, name) is None:
                out.append(finding("comp.required", "product", key, name))
    out += _check_composition(p)
    return out


def _check_composition(p: Product) -> list[Finding]:
    key = p.code
    out = []
    elements = composition.rare_earth_sum(p)
    if p.re_total_pct is not None and elements > p.re_total_pct:
        out.append(finding("comp.sum", "product", key, "re_total_pct",
                           sum=format_pct(elements), tre=format_pct(p.re_total_pct)))
    for name, low, high in composition.out_of_range(p):
        out.append(finding("comp.typical", "product", key, name, low=f"{low:g}", high=f"{high:g}"))
    if p.exempt_kind and not p.exempt_reason.strip():
        out.append(finding("comp.exempt_reason", "product", key, "exempt_reason"))
    heavy = (p.dy_pct or 0) + (p.tb_pct or 0)
    if (
        p.category == E.Category.SINTERED_NDFEB
        and ids.grade_needs_heavy_re(ids.normalise_grade(p.grade))
        and heavy == 0
        and not (p.heavy_re_free and p.test_report_no)
    ):
        out.append(finding("grade.heavy_re", "product", key, "grade", value=p.grade))
    return out


def check_purchase(pu: Purchase, ctx: Context, period: str | None) -> list[Finding]:
    key = pu.doc_no
    out = check_fields("purchase", pu, key, ctx, period)
    supplier = ctx.counterparties.get(pu.supplier_id)
    if supplier is not None and supplier.role == E.Role.CUSTOMER:
        out.append(finding("ref.not_supplier", "purchase", key, "supplier_id", period,
                           name=supplier.name_cn))
    product = ctx.products.get(pu.product_id)
    if product is not None and product.category in E.MAGNET_CATEGORIES:
        out.append(finding("purchase.magnet", "purchase", key, "product_id", period,
                           code=product.code))
    if pu.lot_no and ids.check_lot(pu.lot_no):
        out.append(finding("lot.format", "purchase", key, "lot_no", period, value=pu.lot_no))
    if pu.qty_g > 100_000_000:
        out.append(finding("qty.large", "purchase", key, "qty_g", period))
    if pu.unit_price_fen is not None and pu.amount_fen is not None and pu.qty_g > 0:
        expected = pu.qty_g * pu.unit_price_fen / 1000
        if abs(expected - pu.amount_fen) > 1:
            out.append(finding("amount.mismatch", "purchase", key, "amount_fen", period))
    if pu.invoice_no and ids.check_invoice(pu.invoice_no):
        out.append(finding("invoice.format", "purchase", key, "invoice_no", period,
                           value=pu.invoice_no))
    if pu.origin == E.Origin.IMPORT:
        if not pu.import_decl_no:
            out.append(finding("purchase.decl_required", "purchase", key, "import_decl_no", period))
        else:
            out += check_decl("purchase", key, "import_decl_no", pu.import_decl_no, False,
                              pu.date, period)
    return out


def check_decl(entity, key, field_name, number, export: bool, on: date, period):
    reason = ids.check_declaration(number, export=export, on=on)
    if reason is None:
        return []
    return [finding(f"decl.{reason}", entity, key, field_name, period, value=number,
                    flag="0" if export else "1", year=on.year)]


def check_batch(b: Batch, ctx: Context, period: str | None) -> list[Finding]:
    key = b.batch_no
    out = check_fields("batch", b, key, ctx, period)
    if b.start_date and b.end_date and b.start_date > b.end_date:
        out.append(finding("date.order", "batch", key, "end_date", period))
    product = ctx.products.get(b.product_id)
    if (
        product is not None and b.grade and product.grade and b.grade != product.grade
        and ids.normalise_grade(b.grade) != ids.normalise_grade(product.grade)
        and not ids.check_grade(product.category, ids.normalise_grade(product.grade))
    ):
        out.append(finding("grade.mismatch", "batch", key, "grade", period,
                           value=b.grade, expected=product.grade))
    return out


def check_sale(s: Sale, ctx: Context, period: str | None) -> list[Finding]:
    key = s.doc_no
    out = check_fields("sale", s, key, ctx, period)
    customer = ctx.counterparties.get(s.customer_id)
    if customer is not None and customer.role == E.Role.SUPPLIER:
        out.append(finding("ref.not_customer", "sale", key, "customer_id", period,
                           name=customer.name_cn))
    product = ctx.products.get(s.product_id)
    if product is not None and product.category not in E.MAGNET_CATEGORIES:
        out.append(finding("sale.not_magnet", "sale", key, "product_id", period,
                           code=product.code))
    batch = ctx.batches.get(s.batch_id)
    if batch is not None:
        if batch.product_id != s.product_id:
            out.append(finding("sale.batch_product", "sale", key, "batch_id", period,
                               batch=batch.batch_no))
        elif batch.end_date is not None and s.date < batch.end_date:
            out.append(finding("sale.before_batch", "sale", key, "date", period,
                               batch=batch.batch_no, end=batch.end_date))
    if s.qty_pcs and s.qty_g > 0:
        per_piece = s.qty_g / s.qty_pcs
        if not 0.01 <= per_piece <= 50_000:
            out.append(finding("sale.piece_weight", "sale", key, "qty_pcs", period))
    if s.currency and s.currency not in ctx.codes.currencies:
        out.append(finding("currency.unknown", "sale", key, "currency", period, value=s.currency))
    if s.invoice_no:
        if ids.check_invoice(s.invoice_no):
            out.append(finding("invoice.format", "sale", key, "invoice_no", period,
                               value=s.invoice_no))
    elif not s.is_export:
        out.append(finding("sale.invoice_missing", "sale", key, "invoice_no", period))
    if s.is_export and not s.end_use:
        out.append(finding("sale.end_use_required", "sale", key, "end_use", period))
    return out


def check_export(x: ExportLine, ctx: Context, period: str | None) -> list[Finding]:
    key = x.key
    out = check_fields("export", x, key, ctx, period) + check_names("export", x, key, period)
    if x.customs_decl_no:
        out += check_decl("export", key, "customs_decl_no", x.customs_decl_no, True,
                          x.decl_date, period)
    # A year's exports use a handful of codes and countries: known-good ones
    # are remembered rather than looked up again.
    good = ctx.good_codes
    if x.hs_code and (x.hs_code, x.decl_date.year) not in good:
        found = check_hs("export", key, x.hs_code, ctx, x.decl_date.year, period)
        if found:
            out += found
        else:
            good.add((x.hs_code, x.decl_date.year))
    if x.destination and x.destination not in good:
        country = ctx.codes.country(x.destination)
        if country is not None and country.alpha2 != "CN":
            good.add(x.destination)
        if country is None:
            out.append(finding("country.unknown", "export", key, "destination", period,
                               value=x.destination))
        elif country.alpha2 == "CN":
            out.append(finding("export.destination_cn", "export", key, "destination", period))
    consignee = ctx.counterparties.get(x.consignee_id)
    if consignee is not None and consignee.cp_type != E.CpType.FOREIGN:
        out.append(finding("export.consignee_domestic", "export", key, "consignee_id", period,
                           name=consignee.name_cn))
    if x.currency and x.currency not in ctx.codes.currencies:
        out.append(finding("currency.unknown", "export", key, "currency", period,
                           value=x.currency))
    if ctx.screen:
        out += screen_name("export", key, "end_user", x.end_user, ctx, period)
        out += screen_end_use(x, ctx, period)
    return out


def check_licence(lic: Licence, ctx: Context) -> list[Finding]:
    key = lic.licence_no
    out = check_fields("licence", lic, key, ctx)
    # A licence may be valid into the future: only its issue date must not be.
    out = [f for f in out if not (f.code == "date.future" and f.field == "valid_to")]
    if lic.valid_from and lic.valid_to and lic.valid_from > lic.valid_to:
        out.append(finding("date.order", "licence", key, "valid_to"))
    if lic.licence_type == E.LicenceType.INDIVIDUAL and lic.qty_g is None:
        out.append(finding("licence.qty_required", "licence", key, "qty_g"))
    if lic.licence_type == E.LicenceType.GENERAL and lic.valid_from and lic.valid_to and \
            lic.valid_to >= years_after(lic.valid_from, GENERAL_YEARS):
        out.append(finding("licence.general_term", "licence", key, "valid_to",
                           years=GENERAL_YEARS))
    for end_use in lic.end_uses:
        if end_use not in E.EndUse.__members__:
            out.append(finding("field.choice", "licence", key, "end_uses", value=end_use))
    if lic.licence_type == E.LicenceType.INDIVIDUAL and len(lic.consignee_ids) != 1:
        out.append(finding("licence.one_consignee", "licence", key, "consignee_ids",
                           count=len(lic.consignee_ids)))
    for cid in lic.consignee_ids:
        cp = ctx.counterparties.get(cid)
        if cp is not None and cp.cp_type != E.CpType.FOREIGN:
            out.append(finding("licence.consignee_domestic", "licence", key, "consignee_ids",
                               name=cp.name_cn))
    return out


def check_company(c, ctx: Context) -> list[Finding]:
    out = check_fields("company", c, c.uscc or c.name, ctx)
    out += check_names("company", c, c.uscc or c.name)
    if c.uscc:
        out += check_uscc("company", c.uscc, c.uscc)
    return out
