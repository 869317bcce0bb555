"""A tiny, valid data set built in memory, for rule tests."""

from dataclasses import astuple, replace
from datetime import date

from magdesk.core import model as M
from magdesk.core.validation import Dataset

SUPPLIER = M.Counterparty(1, "赣州市华鑫稀土新材料有限公司", "DOMESTIC_ENTERPRISE", "SUPPLIER",
                          "CN", "赣州市工业园区1号", uscc="91310110666007217T")
CUSTOMER = M.Counterparty(2, "宁波市东升电机有限公司", "DOMESTIC_ENTERPRISE", "CUSTOMER", "CN",
                          "宁波市经济开发区2号", uscc="91310115591693856A")
FOREIGN = M.Counterparty(3, "关东电机株式会社", "FOREIGN", "CUSTOMER", "JP", "Tokyo",
                         name_en="Kanto Motor Co., Ltd.", end_use_default="EV_MOTOR")
FLAKES = M.Product(1, "RM-FLK", "钕铁硼速凝片", "NDFEB_ALLOY", "2805309000", re_total_pct=310_000,
                   dy_pct=0, tb_pct=0)
DYFE = M.Product(2, "RM-DYFE", "镝铁合金", "RE_ALLOY", "7202999900", re_total_pct=800_000,
                 dy_pct=800_000, tb_pct=0)
N42 = M.Product(3, "MG-N42", "烧结钕铁硼磁体 N42", "SINTERED_NDFEB", "8505111000", grade="N42",
                re_total_pct=310_000, dy_pct=0, tb_pct=0)
N40SH = M.Product(4, "MG-N40SH", "烧结钕铁硼磁体 N40SH", "SINTERED_NDFEB", "8505111000",
                  grade="N40SH", re_total_pct=315_000, dy_pct=20_000, tb_pct=0,
                  test_report_no="SGS-2026-0042", report_date=date(2026, 2, 20),
                  report_lab="SGS 宁波")
LOT = M.Purchase(1, "RK-1", date(2026, 3, 2), 1, 1, "L260302-1", 10_000_000,
                 invoice_no="25332000000123456789")
LOT_DY = M.Purchase(2, "RK-2", date(2026, 3, 2), 1, 2, "L260302-2", 500_000,
                    invoice_no="25332000000123456780")
BATCH = M.Batch(1, "PB-1", date(2026, 3, 5), date(2026, 3, 10), "SINTERED", 3, 4_000_000,
                grade="N42")
BATCH_SH = M.Batch(2, "PB-2", date(2026, 3, 5), date(2026, 3, 10), "SINTERED", 4, 2_000_000,
                   grade="N40SH")
INPUTS = [M.BatchInput(1, 1, 1, 4_500_000), M.BatchInput(2, 2, 1, 2_200_000),
          M.BatchInput(3, 2, 2, 51_000)]
SALE = M.Sale(1, "SO-1", date(2026, 3, 12), 2, 3, 1, 1_000_000, grade="N42", qty_pcs=40_000,
              amount_fen=20_000_000, invoice_no="25332000000123456781")
SALE_X = M.Sale(2, "SO-2", date(2026, 3, 15), 3, 4, 2, 500_000, grade="N40SH",
                amount_fen=2_000_000, currency="USD", is_export=True, end_use="EV_MOTOR")
LICENCE = M.Licence(1, "LX2026000001", "INDIVIDUAL", date(2026, 1, 1), date(2026, 12, 31),
                    1_000_000, control_no="1C905.a.4", consignee_ids=(3,))
EXPORT = M.ExportLine(1, 2, "310420260000012345", date(2026, 3, 16), "8505111000", "JP", 3,
                      "Kanto Motor Co., Ltd.", "EV_MOTOR", 500_000, controlled=True,
                      control_no="1C905.a.4", licence_id=1, value_fen=2_000_000)
COMPANY = M.Company("宁波市鑫磁稀土永磁材料有限公司", "91310110666007217T", "宁波市北仑区")


def dataset(**changes) -> Dataset:
    """The valid world, with whole tables swapped by keyword (lists of records)."""
    tables = {
        "counterparties": [SUPPLIER, CUSTOMER, FOREIGN],
        "products": [FLAKES, DYFE, N42, N40SH],
        "purchases": [LOT, LOT_DY],
        "batches": [BATCH, BATCH_SH],
        "licences": [LICENCE],
        "inputs": INPUTS,
        "sales": [SALE, SALE_X],
        "exports": [EXPORT],
        "adjustments": [],
    }
    tables.update(changes)
    by_id = {k: {r.id: r for r in tables[k]}
             for k in ("counterparties", "products", "purchases", "batches", "licences")}
    return Dataset(company=changes.get("company", COMPANY), **by_id,
                   inputs=lambda: map(astuple, tables["inputs"]), sales=lambda: tables["sales"],
                   exports=tables["exports"], adjustments=tables["adjustments"],
                   movements=lambda: _movements(by_id, tables["inputs"]))


def _movements(by_id, inputs):
    """What the repository's movement query gives, from the records in memory."""
    def month(day):
        return f"{day.year}-{day.month:02d}"

    out = [(p.product_id, month(p.date), "in_purchase", p.qty_g)
           for p in by_id["purchases"].values()]
    out += [(b.product_id, month(b.end_date), "in_production", b.output_g)
            for b in by_id["batches"].values()]
    for i in inputs:
        batch, lot = by_id["batches"].get(i.batch_id), by_id["purchases"].get(i.purchase_id)
        if batch and lot:
            out.append((lot.product_id, month(batch.start_date), "out_consumption", i.qty_g))
    return out


def swap(records, record_id, **fields):
    return [replace(r, **fields) if r.id == record_id else r for r in records]
