"""A finding's entity and record key lead to the record to open."""

from magdesk.storage import open_database
from magdesk.storage.locate import foreign_names_like, locate
from magdesk.storage.repository import Repository


def test_findings_lead_to_their_records(demo_copy):
    with open_database(demo_copy) as db:
        repo = Repository(db)
        sale = next(repo.iter("sale"))
        assert locate(repo, "sale", sale.doc_no) == ("sale", sale.id)
        shipment = next(repo.iter("export", order="id DESC"))
        assert locate(repo, "export", shipment.key) == ("export", shipment.id)
        batch = next(repo.iter("batch"))
        line = next(repo.iter("batch_input", where="batch_id = ?", params=(batch.id,)))
        lot = repo.get("purchase", line.purchase_id)
        assert locate(repo, "batch_input", f"{batch.batch_no}/{lot.lot_no}") == ("batch",
                                                                                 batch.id)
        product = next(repo.iter("product"))
        assert locate(repo, "inventory", product.code) == ("product", product.id)
        assert locate(repo, "period", "2026-06") is None
        assert locate(repo, "sale", "NO-SUCH-DOC") is None


def test_the_consignee_completer_offers_foreign_parties_only(demo_copy):
    with open_database(demo_copy) as db:
        repo = Repository(db)
        foreign = [c for c in repo.iter("counterparty") if c.cp_type == "FOREIGN"]
        names = foreign_names_like(repo, "")
        assert sorted(names) == sorted(c.name_cn for c in foreign)
        english = foreign[0].name_en.split()[0]
        assert foreign[0].name_cn in foreign_names_like(repo, english.lower())
