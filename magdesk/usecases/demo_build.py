"""A realistic small magnet producer, for trying magdesk and for tests.

Everything is generated in date order from the sales backwards: each sale
draws on a batch of its product; a batch is made when stock runs short, and
its inputs draw first-in-first-out on purchased lots, which are bought when
they run short.  The result validates with no errors by construction."""

from __future__ import annotations

import functools
import random
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..core import model as M
from ..core.control import ControlPolicy, classify
from ..core.identifiers import USCC_CHARSET, uscc_check_char
from ..storage.db import Database
from ..storage.repository import Repository
from . import demo_data as D

_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(rng: random.Random, division: str) -> str:
    """A credit code that passes both GB 32100 and the GB 11714 organisation check."""
    body = "".join(rng.choice(_ORG_CHARS) for _ in range(8))
    values = [int(c, 36) for c in body]
    check = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    org = body + ("X" if check == 10 else "0" if check == 11 else str(check))
    head = "91" + division + org
    assert all(c in USCC_CHARSET for c in head)
    return head + uscc_check_char(head)


def month_window(end_period: str, months: int = 12) -> tuple[date, date]:
    """First and last day of the ``months`` months ending with ``end_period``."""
    year, month = int(end_period[:4]), int(end_period[5:7])
    first = year * 12 + month - months  # months since year 0, zero-based
    start = date(first // 12, first % 12 + 1, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return start, nxt - timedelta(days=1)


def previous_period(today: date) -> str:
    first = today.replace(day=1) - timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


@dataclass
class _Lot:
    purchase: M.Purchase
    left: int


@dataclass
class _State:
    rng: random.Random
    start: date
    end: date
    supplier_of: dict[str, list[int]]
    products: dict[str, M.Product]
    purchases: list[M.Purchase] = field(default_factory=list)
    batches: list[M.Batch] = field(default_factory=list)
    inputs: list[M.BatchInput] = field(default_factory=list)
    exports: list[M.ExportLine] = field(default_factory=list)
    line_product: dict[int, int] = field(default_factory=dict)  # export id -> product id
    lots: dict[str, deque[_Lot]] = field(default_factory=lambda: defaultdict(deque))
    open_batch: dict[int, list] = field(default_factory=dict)  # product id -> [batch, left]
    bought: set[tuple] = field(default_factory=set)

    def clamp(self, day: date) -> date:
        return max(self.start, day)


def build_demo(db: Database, *, sales: int = 2400, seed: int = 1, end_period: str | None = None,
               months: int = 12,
               today: date | None = None,
               progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Fill an empty magdesk database with a demo producer; returns row counts."""
    rng = random.Random(seed)
    today = today or date.today()
    start, end = month_window(end_period or previous_period(today), months)
    repo = Repository(db)
    with db.write():
        repo.defer_references()
        repo.set_company(M.Company(
            name="宁波市鑫磁稀土永磁材料有限公司", uscc=make_uscc(rng, "330206"),
            address="浙江省宁波市北仑区大港工业城科苑路88号", contact="王静 0574-8618 0000",
            enterprise_type="SINTERED_MAKER", system_account="NB-RE-0387"))
        parties = _counterparties(rng)
        repo.insert_many("counterparty", parties)
        products = _products()
        repo.insert_many("product", products)
        state = _State(rng, start, end, _supplier_map(rng, parties),
                       {p.code: p for p in products})
        customers = [p for p in parties if p.role != "SUPPLIER"]
        with repo.indexes_deferred("sale", "purchase", "batch", "batch_input", "export"):
            repo.insert_rows("sale", _sales(state, customers, sales, progress))
            licences = _licences(state, {c.id: c for c in customers}, today)
            repo.insert_many("purchase", state.purchases)
            repo.insert_many("batch", state.batches)
            repo.insert_many("batch_input", state.inputs)
            repo.insert_many("licence", licences)
            unreported = _two_line_declaration(state)
            repo.insert_many("export", state.exports)
        if unreported is not None:  # a model still waiting for its test report
            repo.update(_replace(unreported, test_report_no="", report_date=None, report_lab=""))
            repo.accept_finding("product", unreported.code, "comp.report_none",
                                "检测报告已送检，待出具（演示）")
    return {"counterparties": len(parties), "products": len(products), "sales": sales,
            "purchases": len(state.purchases), "batches": len(state.batches),
            "exports": len(state.exports), "licences": len(licences)}


def _counterparties(rng: random.Random) -> list[M.Counterparty]:
    names = rng.sample(D.TRADE_NAMES, len(D.TRADE_NAMES))
    out: list[M.Counterparty] = []

    def add(**kw):
        out.append(M.Counterparty(id=len(out) + 1, **kw))

    for i in range(24):
        division, town = D.SUPPLIER_TOWNS[i % len(D.SUPPLIER_TOWNS)]
        name = f"{town}{names[i]}{D.SUPPLIER_TRADES[i % len(D.SUPPLIER_TRADES)]}有限公司"
        add(name_cn=name, cp_type="DOMESTIC_ENTERPRISE", role="BOTH" if i % 8 == 7 else "SUPPLIER",
            country="CN", address=f"{town}工业园区{rng.randint(1, 300)}号",
            uscc=make_uscc(rng, division), is_trader=i % 6 == 5,
            end_use_default=None)
    for j in range(16):
        division, town = D.CUSTOMER_TOWNS[j % len(D.CUSTOMER_TOWNS)]
        kind = "INDIVIDUAL_BUSINESS" if j == 15 else "DOMESTIC_ENTERPRISE"
        trade = D.CUSTOMER_TRADES[j % len(D.CUSTOMER_TRADES)]
        name = (f"{town}{names[24 + j]}{trade}经营部" if kind == "INDIVIDUAL_BUSINESS"
                else f"{town}{names[24 + j]}{trade}有限公司")
        code = make_uscc(rng, division)
        if kind == "INDIVIDUAL_BUSINESS":
            code = code[0] + "2" + code[2:17]
            code += uscc_check_char(code)
        add(name_cn=name, cp_type=kind, role="CUSTOMER", country="CN",
            address=f"{town}经济开发区{rng.randint(1, 500)}号", uscc=code)
    for country, en, zh, use in D.FOREIGN_CUSTOMERS:
        add(name_cn=zh, name_en=en, cp_type="FOREIGN", role="CUSTOMER", country=country,
            address=f"{en.split()[0]} business district", end_use_default=use,
            foreign_reg_no=f"{country}{rng.randint(10**7, 10**8 - 1)}",
            is_trader=country == "HK")
    for country, en, zh in D.FOREIGN_SUPPLIERS:
        add(name_cn=zh, name_en=en, cp_type="FOREIGN", role="SUPPLIER", country=country,
            address=f"{en.split()[0]} industrial zone",
            foreign_reg_no=f"{country}{rng.randint(10**7, 10**8 - 1)}")
    return out


def _products() -> list[M.Product]:
    out: list[M.Product] = []
    for code, name, cat, hs, tre, dy, tb, sm, _lot, _price in D.RAW:
        out.append(M.Product(len(out) + 1, code, name, cat, hs, re_total_pct=tre * 100,
                             dy_pct=dy * 100, tb_pct=tb * 100, sm_pct=sm * 100))
    for grade, cat, spec, _g, tre, dy, tb, sm, _process, _price in D.MAGNETS:
        kind = {"SINTERED_NDFEB": "烧结钕铁硼磁体", "BONDED_NDFEB": "粘结钕铁硼磁体",
                "SMCO": "钐钴磁体"}[cat]
        n = len(out)
        if cat == "SMCO":  # Sm and Co; the rest of TRE is other rare earths
            nd = pr = None
            co = (10_000 - sm) * 100 if sm > 3000 else 5000 * 100
            other = (tre - sm) * 100
        else:  # Nd and Pr 3:1 (PrNd metal), the rest of TRE besides Dy and Tb
            light = (tre - dy - tb) * 100
            nd, pr, co, other = light * 3 // 4, light - light * 3 // 4, None, None
        exempt = "ROTOR_ASSEMBLY" if "转子" in spec else None
        out.append(M.Product(
            n + 1, f"MG-{grade}", f"{kind} {grade}", cat, "8505111000", grade=grade,
            spec=spec, is_magnetized=n % 3 == 0, re_total_pct=tre * 100,
            dy_pct=dy * 100, tb_pct=tb * 100, ho_pct=0, sm_pct=sm * 100, gd_pct=0,
            test_report_no=f"TR-2025-{n:04d}", nd_pct=nd, pr_pct=pr, co_pct=co,
            other_re_pct=other, report_date=date(2025, 1 + n % 12, 1 + n % 28),
            report_lab=D.LABS[n % len(D.LABS)], exempt_kind=exempt,
            exempt_reason=D.ROTOR_REASON if exempt else ""))
    return out


def _supplier_map(rng: random.Random, parties: list[M.Counterparty]) -> dict[str, list[int]]:
    domestic = [p.id for p in parties if p.role in ("SUPPLIER", "BOTH") and p.country == "CN"]
    foreign = [p.id for p in parties if p.role == "SUPPLIER" and p.country != "CN"]
    out = {code: rng.sample(domestic, 3) for code, *_ in D.RAW}
    out["RM-PRNDO"] = out["RM-PRNDO"][:2] + [foreign[0]]
    out["RM-SMC17"] = out["RM-SMC17"][:2] + [foreign[1]]
    return out


_RAW_INFO = {r[0]: r for r in D.RAW}
_MAGNET_INFO = {f"MG-{m[0]}": m for m in D.MAGNETS}


def _sales(state: _State, customers: list[M.Counterparty], count: int, progress):
    """Yield sale rows (in the sale table's column order) in date order, making
    batches, lots and export lines on the way.  Rows rather than records: a
    million frozen dataclasses would cost the demo five seconds for nothing."""
    rng = state.rng
    days = (state.end - state.start).days + 1
    weights = [0.35 if (state.start + timedelta(d)).weekday() == 6 else 1.0 for d in range(days)]
    per_day = [0] * days
    for d in rng.choices(range(days), weights=weights, k=count):
        per_day[d] += 1
    magnets = [p for p in state.products.values() if p.code in _MAGNET_INFO]
    weights_p = [3 if p.dy_pct == 0 and p.tb_pct == 0 else 1 for p in magnets]
    # About a quarter of the sales go abroad, as at a typical small producer.
    domestic = sum(1 for c in customers if c.cp_type != "FOREIGN")
    foreign = len(customers) - domestic
    weights_c = [1.0 if c.cp_type != "FOREIGN" else domestic / (3 * foreign) for c in customers]
    done = 0
    for offset, n in enumerate(per_day):
        if not n:
            continue
        day = state.start + timedelta(offset)
        texts = (day.isoformat(), day.strftime("%Y%m"), day.strftime("%y"), str(day.year))
        products = rng.choices(magnets, weights_p, k=n)
        buyers = rng.choices(customers, weights_c, k=n)
        for product, customer in zip(products, buyers, strict=True):
            done += 1
            yield _one_sale(state, done, day, texts, product, customer)
            if progress is not None and done % 10_000 == 0:
                progress(done, count)


def _one_sale(state: _State, n: int, day: date, texts: tuple, product: M.Product,
              customer: M.Counterparty) -> tuple:
    rng = state.rng
    iso, ym, yy, year = texts
    grade, _cat, _spec, piece_g, *_rest, price = _MAGNET_INFO[product.code]
    qty = 20_000 + int(rng.random() * 1_480_000)
    batch = _batch_for(state, product, qty, day)
    export = customer.cp_type == "FOREIGN"
    amount = qty * price // 71 if export else qty * price // 10
    invoice = "" if export else f"{yy}{10**17 + int(rng.random() * 9 * 10**17):018d}"
    if export:
        _export_line(state, n, day, qty, amount, product, customer)
    return (n, f"SO-{ym}-{n:07d}", iso, customer.id, product.id, batch.id, qty, grade,
            max(1, qty // piece_g), amount, "USD" if export else "CNY", invoice,
            f"HT-{year}-{1 + int(rng.random() * 999):03d}", int(export),
            customer.end_use_default if export else None)


def _batch_for(state: _State, product: M.Product, qty: int, day: date) -> M.Batch:
    current = state.open_batch.get(product.id)
    if current is not None and current[1] >= qty:
        current[1] -= qty
        return current[0]
    rng = state.rng
    output = max(qty, rng.randint(2_000_000, 8_000_000))
    end = state.clamp(day - timedelta(rng.randint(0, 3)))
    begin = state.clamp(end - timedelta(rng.randint(2, 7)))
    info = _MAGNET_INFO[product.code]
    batch = M.Batch(
        id=len(state.batches) + 1, batch_no=f"PB{end:%y%m%d}-{len(state.batches) + 1:06d}",
        start_date=begin, end_date=end, process=info[8], product_id=product.id,
        output_g=output, grade=product.grade, output_pcs=max(1, output // info[3]))
    state.batches.append(batch)
    for code, grams in _recipe(rng, product, output):
        _draw(state, batch, code, grams)
    state.open_batch[product.id] = [batch, output - qty]
    return batch


def _recipe(rng: random.Random, product: M.Product, output: int) -> list[tuple[str, int]]:
    """Input grams per raw material for ``output`` grams of ``product``."""
    if product.category == "BONDED_NDFEB":
        return [("RM-MQP", int(output / rng.uniform(0.92, 0.98)))]
    total = int(output / rng.uniform(0.85, 0.93))
    if product.category == "SMCO":
        alloy = "RM-SMC15" if product.sm_pct >= 300_000 else "RM-SMC17"
        sm = total // 50
        return [(alloy, total - sm), ("RM-SM", sm)]
    dyfe = -(-output * product.dy_pct * 1005 // (800_000 * 1000)) if product.dy_pct else 0
    tb = -(-output * product.tb_pct * 1005 // (999_000 * 1000)) if product.tb_pct else 0
    prnd = total // 50
    parts = [("RM-FLK", total - dyfe - tb - prnd), ("RM-PRND", prnd)]
    if dyfe:
        parts.append(("RM-DYFE", dyfe))
    if tb:
        parts.append(("RM-TB", tb))
    return parts


def _draw(state: _State, batch: M.Batch, code: str, grams: int) -> None:
    """Draw ``grams`` of raw material ``code`` for ``batch``, oldest usable lot first."""
    queue = state.lots[code]
    need = grams
    for lot in list(queue):
        if need == 0:
            break
        if lot.purchase.date > batch.start_date or lot.left == 0:
            continue
        take = min(lot.left, need)
        lot.left -= take
        need -= take
        state.inputs.append(M.BatchInput(len(state.inputs) + 1, batch.id, lot.purchase.id, take))
    while queue and queue[0].left == 0:
        queue.popleft()
    if need:
        lot = _buy(state, code, need, batch.start_date)
        lot.left -= need
        state.inputs.append(M.BatchInput(len(state.inputs) + 1, batch.id, lot.purchase.id, need))


def _buy(state: _State, code: str, need: int, before: date) -> _Lot:
    rng = state.rng
    _c, _n, _cat, _hs, _tre, _dy, _tb, _sm, (low, high), price = _RAW_INFO[code]
    qty = max(need, rng.randint(low, high) * 1000)
    day = state.clamp(before - timedelta(rng.randint(0, 6)))
    supplier = rng.choice(state.supplier_of[code])
    while (supplier, day, code, qty) in state.bought:  # never two identical receipts
        qty += 1000
    state.bought.add((supplier, day, code, qty))
    imported = supplier == state.supplier_of[code][-1] and code in ("RM-PRNDO", "RM-SMC17")
    n = len(state.purchases) + 1
    purchase = M.Purchase(
        id=n, doc_no=f"RK-{day:%Y%m}-{n:06d}", date=day, supplier_id=supplier,
        product_id=state.products[code].id, lot_no=f"L{day:%y%m%d}-{n:05d}", qty_g=qty,
        origin="IMPORT" if imported else "DOMESTIC", unit_price_fen=price * 100,
        amount_fen=qty * price // 10, invoice_no=f"{day:%y}{rng.randint(10**17, 10**18 - 1)}",
        import_decl_no=(f"{rng.choice(D.CUSTOMS_OFFICES)}{day:%Y}1{n:09d}" if imported else ""))
    state.purchases.append(purchase)
    lot = _Lot(purchase, qty)
    state.lots[code].append(lot)
    return lot


def _export_line(state: _State, sale_id: int, day: date, qty: int, amount: int,
                 product: M.Product, customer: M.Counterparty) -> None:
    rng = state.rng
    decl = min(state.end, day + timedelta(rng.randint(0, 3)))
    result = _classified(product, decl)
    n = len(state.exports) + 1
    state.line_product[n] = product.id
    state.exports.append(M.ExportLine(
        id=n, sale_id=sale_id,
        customs_decl_no=f"{rng.choice(D.CUSTOMS_OFFICES)}{decl:%Y}0{n:09d}", decl_date=decl,
        hs_code=product.hs_code, destination=customer.country, consignee_id=customer.id,
        end_user=customer.name_en, end_use=customer.end_use_default or "OTHER",
        qty_g=qty, controlled=result.controlled, control_no=result.control_no or "",
        licence_id=None, value_fen=amount, currency="USD"))


@functools.lru_cache(maxsize=4096)
def _classified(product: M.Product, day: date):
    return classify(product, day, _ITEMS, ControlPolicy())


def _licences(state: _State, customers: dict[int, M.Counterparty],
              today: date) -> list[M.Licence]:
    """Two successive one-year individual licences per consignee and control
    number, sized to what was shipped under them; and one general licence
    (通用许可, one year) for the two customers that shipped most under one
    control number in the last three months, for their end uses."""
    out: list[M.Licence] = []
    index: dict[tuple[int, str], list[M.Licence]] = {}
    used: dict[int, int] = defaultdict(int)
    general_from, general_of = _general_plan(state)
    on_general: list[int] = []
    for i, x in enumerate(state.exports):
        if not x.controlled:
            continue
        if general_of and (x.consignee_id, x.control_no) in general_of \
                and x.decl_date >= general_from:
            on_general.append(i)
            continue
        key = (x.consignee_id, x.control_no)
        if key not in index:
            index[key] = []
            for k, begin in enumerate(_licence_starts(state.start, state.end)):
                lic = M.Licence(
                    id=len(out) + 1, licence_no=f"LX{begin:%Y}{len(out) + 1:06d}",
                    licence_type="INDIVIDUAL", valid_from=min(begin, today),
                    valid_to=begin + timedelta(364), qty_g=0, control_no=x.control_no,
                    end_user=customers[x.consignee_id].name_en,
                    euc_ref=f"EUC-{x.consignee_id:03d}-{k + 1}", consignee_ids=(x.consignee_id,))
                out.append(lic)
                index[key].append(lic)
        lic = next(c for c in index[key] if c.valid_from <= x.decl_date <= c.valid_to)
        used[lic.id] += x.qty_g
        state.exports[i] = _replace(x, licence_id=lic.id)
    out = [_replace(lic, qty_g=max(1_000_000, -(-used[lic.id] * 5 // 4 // 100_000) * 100_000))
           for lic in out]
    if on_general:
        lines = [state.exports[i] for i in on_general]
        drawn = sum(x.qty_g for x in lines)
        general = M.Licence(
            id=len(out) + 1, licence_no=f"TY{general_from:%Y}{len(out) + 1:06d}",
            licence_type="GENERAL", valid_from=min(general_from, today),
            valid_to=general_from.replace(year=general_from.year + 1) - timedelta(1),
            qty_g=max(1_000_000, -(-drawn * 3 // 2 // 100_000) * 100_000),
            control_no=lines[0].control_no, euc_ref=f"EUC-TY-{general_from:%Y%m}",
            consignee_ids=tuple(sorted({c for c, _n in general_of})),
            end_uses=tuple(sorted({x.end_use for x in lines})))
        out.append(general)
        for i in on_general:
            state.exports[i] = _replace(state.exports[i], licence_id=general.id)
    return out


def _licence_starts(start: date, end: date) -> list[date]:
    """The first days of the successive one-year licences of one consignee
    and control number: twelve days before the window, then every 312 days
    (each overlapping the next), at least two, until the window's end."""
    first = start - timedelta(12)
    count = max(2, -(-((end - first).days - 364) // 312) + 1)
    return [first + timedelta(312 * k) for k in range(count)]


def _two_line_declaration(state: _State) -> M.Product | None:
    """Make the last licensed controlled line and an earlier uncontrolled line
    (Dy/Tb free) to the same consignee in the same month one declaration of
    two lines, as a dossier's example; returns the second line's model,
    whose test report the demo leaves missing (None: no such pair)."""
    by_id = {p.id: p for p in state.products.values()}
    for i in range(len(state.exports) - 1, -1, -1):
        x = state.exports[i]
        if not (x.controlled and x.licence_id):
            continue
        for j in range(i - 1, -1, -1):
            y = state.exports[j]
            product = by_id[state.line_product[y.id]]
            if (not y.controlled and y.consignee_id == x.consignee_id
                    and f"{y.decl_date:%Y-%m}" == f"{x.decl_date:%Y-%m}"
                    and not product.dy_pct and not product.tb_pct):
                state.exports[i] = _replace(x, line_no=1)
                state.exports[j] = _replace(y, customs_decl_no=x.customs_decl_no,
                                            decl_date=x.decl_date, line_no=2)
                return product
    return None


def _general_plan(state: _State) -> tuple[date, set[tuple[int, str]]]:
    """When the general licence begins (the first day of the month three
    months before the end) and the (consignee, control number) it covers:
    the two consignees with the most controlled lines since then under the
    control number shipped most (none when fewer than two shipped)."""
    back = state.end - timedelta(85)
    begin = max(state.start, back.replace(day=1))
    lines: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for x in state.exports:
        if x.controlled and x.decl_date >= begin:
            lines[x.control_no][x.consignee_id] += 1
    if not lines:
        return begin, set()
    control_no = max(sorted(lines), key=lambda n: sum(lines[n].values()))
    ranked = sorted(lines[control_no].items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    if len(ranked) < 2:
        return begin, set()
    return begin, {(cid, control_no) for cid, _count in ranked}


def _replace(record, **changes):
    from dataclasses import replace

    return replace(record, **changes)


def _load_items():
    from ..resources import load_codelists

    return load_codelists().control_items


_ITEMS = _load_items()
