"""What the core's derivations filled in or put in canonical form
(``core/derive.py``), as an import's report and a form's tooltip say it:
``{label}`` is the field's label, ``{value}`` the value as shown, ``{was}``
what was typed, ``{source}`` the record the value came from."""

DERIVE: dict[str, tuple[str, str]] = {
    "derive.canonical": ("{label}“{was}”改写为“{value}”", "{label} '{was}' written as '{value}'"),
    "derive.grade_from_batch": ("{label}取自生产批次 {source}：{value}",
                                "{label} from batch {source}: {value}"),
    "derive.grade_from_product": ("{label}取自产品 {source}：{value}",
                                  "{label} from product {source}: {value}"),
    "derive.end_use_from_customer": ("{label}取自客户“{source}”的默认最终用途：{value}",
                                     "{label} from the default end use of {source}: {value}"),
    "derive.end_use_from_sale": ("{label}取自销售单 {source}：{value}",
                                 "{label} from sale {source}: {value}"),
    "derive.hs_from_product": ("{label}取自产品 {source}：{value}",
                               "{label} from product {source}: {value}"),
    "derive.destination_from_consignee": ("{label}取自收货人“{source}”：{value}",
                                          "{label} from consignee {source}: {value}"),
    "derive.end_user_from_consignee": ("{label}取自收货人“{source}”：{value}",
                                       "{label} from consignee {source}: {value}"),
    "derive.amount_from_price": ("{label}按数量×单价计算：{value}",
                                 "{label} computed as quantity × unit price: {value}"),
    "derive.country_domestic": ("{label}按境内单位填为 {value}",
                                "{label} set to {value} for a domestic party"),
    "derive.licence_one_year": ("{label}按有效期一年计：{value}",
                                "{label}: one year from the first day: {value}"),
    # an import's derivations by one rule: the first as an example, how many rows and which
    "derive.rows": ("{sentence}（共 {count} 行：第 {rows}{more} 行）",
                    "{sentence} ({count} rows: {rows}{more})"),
}
