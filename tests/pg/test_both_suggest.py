"""What the entry forms suggest (``storage.suggest`` and the repository's
completers, through ``usecases.reads``) is the same from a server."""

from __future__ import annotations

from datetime import date

from magdesk import usecases
from magdesk.storage import suggest
from magdesk.usecases import reads


def _suggestions(db) -> dict:
    repo = usecases.repository(db)
    product = repo.find("product", "MG-N42")
    return {
        "batches": suggest.batches_like(repo, "B", product.id),
        "all_batches": suggest.batches_like(repo, "26", limit=20),
        "export_sales": suggest.export_sales_like(repo, "SO-2026", limit=20),
        "next_sale": suggest.next_sale_doc_no(repo, date(2026, 11, 3)),
        "next_purchase": suggest.next_doc_no(repo, "purchase_in", date(2026, 11, 3)),
        "lots": reads.lots_left(repo, "L26", limit=30),
        "keys": {entity: reads.keys_like(repo, entity, prefix)
                 for entity, prefix in (("counterparty", "有限"), ("product", "MG"),
                                        ("sale", "SO-20261"), ("purchase", "L26"),
                                        ("batch", "B"), ("licence", ""))},
        "entries": {(entity, text): reads.key_entries(repo, entity, text)
                    for entity, text in (("counterparty", "co"), ("counterparty", "9133"),
                                         ("product", "钕铁硼"), ("sale", "SO-202609"))},
        "ids": (reads.find_id(repo, "sale", "SO-202610-0002999"),
                reads.key_of(repo, "batch", 1), repo.last_period()),
    }


def test_the_forms_suggest_the_same(both):
    on_file, on_server = (_suggestions(db) for db in both)
    assert on_file["lots"] and on_file["batches"] and on_file["entries"]["counterparty", "co"]
    for name, value in on_file.items():
        assert on_server[name] == value, name
