"""What the declaration dossier and the licence application sheet share:
the attachments as the reports see them, bilingual labels, the control
decision of a chain's models, the missing pieces and the drafted statement
of performance and use."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from .. import text
from ..core import composition
from ..core.attachments import Attachment
from ..core.enums import Category, EndUse
from ..core.kinds import mass, percent
from ..resources import load_codelists
from ..storage.dossier_store import Chain

# What an attachment is, as its file name and the printed list say it.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "contract": ("合同", "Contract"),
    "test_report": ("检测报告", "Test report"),
    "end_user_cert": ("最终用户和最终用途证明", "End-user certificate"),
    "licence": ("许可证", "Licence"),
    "photo": ("照片", "Photo"),
    "spec": ("技术规格", "Specification"),
    "other": ("其他", "Other"),
}


@dataclass(frozen=True, slots=True)
class AttachedFile(Attachment):
    """One attachment of the chain; ``present``: its file is in the store."""

    present: bool = True

    @classmethod
    def of(cls, att: Attachment, present: bool) -> AttachedFile:
        return cls(**{f.name: getattr(att, f.name) for f in fields(Attachment)},
                   present=present)


@dataclass(frozen=True, slots=True)
class Missing:
    """A piece the dossier lacks: a ``dossier.*`` code and what it names."""

    code: str
    params: tuple[tuple[str, str], ...]

    def message(self, lang: str = "zh") -> str:
        return text.say(self.code, lang, **dict(self.params))

    def both(self) -> str:
        return f"{self.message('zh')} / {self.message('en')}"


def bi(zh: str, en: str) -> str:
    """A bilingual header: Chinese first, the English label after it."""
    return f"{zh} {en}"


def kind_label(kind: str) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return f"{zh} {en}"


def end_use_label(code: str | None, lang: str = "zh") -> str:
    try:
        return EndUse(code).label(lang)
    except ValueError:
        return code or ""


def country_text(code: str, lang: str = "zh") -> str:
    country = load_codelists().countries.get(code or "")
    if country is None:
        return code or ""
    return f"{country.name_zh} {country.name_en}" if lang == "both" else (
        country.name_zh if lang == "zh" else country.name_en)


def pct_text(units: int | None) -> str:
    return "" if units is None else f"{percent.display(units)}%"


def composition_text(product, lang: str = "zh") -> str:
    """Nd 22.5% / Pr 7.1% / Dy 1.2% …, then the rare-earth total."""
    parts = [f"{e.name(lang) if lang == 'zh' else e.symbol} {pct_text(v)}"
             for e, v in composition.shares(product)]
    if product.re_total_pct is not None:
        parts.append(f"{'稀土总量' if lang == 'zh' else 'TRE'} {pct_text(product.re_total_pct)}")
    return " / ".join(parts)


def decisions(chain: Chain, on: date, policy=None) -> dict[int, object]:
    """Each model's control decision (``core.control.Decision``) for an
    export on ``on``, by product id, under ``policy`` (the settings')."""
    from ..core.control import decide

    if policy is None:
        from ..settings import load_settings

        policy = load_settings().control_policy()
    rules = load_codelists().control_items
    return {pid: decide(p, on, rules, policy) for pid, p in chain.products.items()}


def owned(attachments: list[AttachedFile], entity: str, record_id: int,
          kinds: tuple[str, ...]) -> list[AttachedFile]:
    return [a for a in attachments
            if a.entity == entity and a.record_id == record_id and a.kind in kinds]


def missing_pieces(chain: Chain, attachments: list[AttachedFile],
                   decided: dict[int, object]) -> list[Missing]:
    """Everything the dossier lacks, in the order the officer reads it."""
    out: list[Missing] = []
    for p in sorted(chain.products.values(), key=lambda p: p.code):
        if not p.test_report_no:
            out.append(Missing("dossier.missing_test_report", (("model", p.code),)))
        elif not owned(attachments, "product", p.id, ("test_report",)):
            out.append(Missing("dossier.missing_test_report_file",
                               (("model", p.code), ("report", p.test_report_no))))
    for s in sorted(chain.sales.values(), key=lambda s: s.doc_no):
        if not s.contract_no:
            out.append(Missing("dossier.missing_contract_no", (("sale", s.doc_no),)))
        if not owned(attachments, "sale", s.id, ("contract",)):
            out.append(Missing("dossier.missing_contract_file", (("sale", s.doc_no),)))
    for x in chain.lines:
        sale = chain.sales.get(x.sale_id)
        decision = decided.get(sale.product_id) if sale else None
        controlled = x.controlled or bool(decision and decision.controlled)
        number = x.control_no or (decision.control_no if decision else "") or ""
        if controlled and x.licence_id is None:
            out.append(Missing("dossier.missing_licence",
                               (("line", str(x.line_no)), ("control_no", number))))
        if x.licence_id is not None and not _has_euc(chain, attachments, x):
            out.append(Missing("dossier.missing_euc", (
                ("line", str(x.line_no)),
                ("licence", chain.licences[x.licence_id].licence_no))))
    out += [Missing("dossier.missing_blob", (("name", a.name), ("what", kind_label(a.kind))))
            for a in attachments if not a.present]
    return out


def _has_euc(chain: Chain, attachments: list[AttachedFile], line) -> bool:
    """An end-user certificate on the line, its sale, its licence or its consignee."""
    owners = (("export", line.id), ("sale", line.sale_id), ("licence", line.licence_id),
              ("counterparty", line.consignee_id))
    return any(owned(attachments, e, i, ("end_user_cert",)) for e, i in owners)


def _product_phrase(p, qty_g: int, lang: str) -> str:
    cat = Category(p.category).label(lang) if p.category in Category.__members__ else p.category
    report = p.test_report_no or ("无" if lang == "zh" else "none")
    comp = composition_text(p, lang)
    if lang == "zh":
        magnet = "已充磁" if p.is_magnetized else "未充磁"
        return (f"{p.name_cn}（型号 {p.code}，牌号 {p.grade or '—'}，商品编号 {p.hs_code}），"
                f"{cat}，{magnet}，{p.spec + '，' if p.spec else ''}"
                f"主要成分：{comp or '—'}（检测报告 {report}）；数量 {mass.display(qty_g)} kg。")
    magnet = "magnetised" if p.is_magnetized else "not magnetised"
    return (f"{p.name_cn} (model {p.code}, grade {p.grade or '-'}, HS {p.hs_code}), {cat}, "
            f"{magnet}{', ' + p.spec if p.spec else ''}; composition: {comp or '-'} "
            f"(test report {report}); quantity {mass.display(qty_g)} kg.")


def statement_text(chain: Chain, company, lang: str = "zh") -> str:
    """A statement of the goods' performance and use drafted from the
    product data, the consignee, the end user and the end use, for the
    clerk to edit (paragraphs separated by blank lines)."""
    first = chain.lines[0]
    qty: dict[int, int] = {}
    for x in chain.lines:
        pid = chain.sales[x.sale_id].product_id
        qty[pid] = qty.get(pid, 0) + x.qty_g
    goods = [f"{i}. {_product_phrase(chain.products[pid], g, lang)}"
             for i, (pid, g) in enumerate(qty.items(), 1)]
    consignees = _join({_party_name(chain, x.consignee_id, lang) for x in chain.lines}, lang)
    users = _join({x.end_user for x in chain.lines if x.end_user}, lang) or consignees
    uses = _join({end_use_label(x.end_use, lang) for x in chain.lines if x.end_use}, lang)
    where = country_text(first.destination, lang)
    if lang == "zh":
        return "\n\n".join([
            f"关于报关单 {first.customs_decl_no} 所列货物性能及用途的说明",
            f"我公司（{company.name}，统一社会信用代码 {company.uscc}）于 {first.decl_date} "
            f"申报出口至{where}的货物如下：", *goods,
            f"上述货物的境外收货人为 {consignees}，最终用户为 {users}，最终用途为 {uses or '—'}。"
            "上述货物仅用于所述最终用途，不用于大规模杀伤性武器及其运载工具，"
            "未经许可不转让给第三方。", "特此说明。", f"{company.name}    {date.today():%Y年%m月%d日}"])
    return "\n\n".join([
        f"Statement of performance and use of the goods of declaration {first.customs_decl_no}",
        f"We, {company.name} (unified social credit code {company.uscc}), declared on "
        f"{first.decl_date} for export to {where} the following goods:", *goods,
        f"The consignee is {consignees}; the end user is {users}; the end use is "
        f"{uses or '-'}. The goods serve this end use only, not weapons of mass destruction "
        "or their means of delivery, and are not passed on to third parties without a licence.",
        f"{company.name}    {date.today():%Y-%m-%d}"])


def _party_name(chain: Chain, party_id: int, lang: str) -> str:
    party = chain.parties.get(party_id)
    if party is None:
        return ""
    if lang == "zh" or not party.name_en:
        return party.name_cn
    return party.name_en


def _join(names: set[str], lang: str) -> str:
    return ("、" if lang == "zh" else "; ").join(sorted(n for n in names if n))
