"""Form suggestions from the file: a sale's batches and the next delivery number."""

from datetime import date

from magdesk.storage import open_database
from magdesk.storage.repository import Repository
from magdesk.storage.suggest import batches_like, next_sale_doc_no


def test_batches_of_a_product_newest_first_by_substring(demo_copy):
    db = open_database(demo_copy)
    try:
        repo = Repository(db)
        newest = next(repo.iter("batch", order="end_date DESC"))
        everyone = batches_like(repo, "")
        assert everyone[0] == newest.batch_no
        own = batches_like(repo, newest.batch_no[2:6], newest.product_id)
        assert own[0] == newest.batch_no
        assert {repo.find("batch", b).product_id for b in own} == {newest.product_id}
        assert batches_like(repo, "%") == [] and batches_like(repo, "_") == []
    finally:
        db.close()


def test_next_delivery_number_in_the_files_pattern(demo_copy):
    db = open_database(demo_copy)
    try:
        repo = Repository(db)
        last = repo.conn.execute("SELECT MAX(doc_no) FROM sale_out").fetchone()[0]
        n = int(last.rsplit("-", 1)[1])
        assert next_sale_doc_no(repo, date(2026, 11, 3)) == f"SO-202611-{n + 1:07d}"
        assert next_sale_doc_no(repo, date(2025, 2, 1)) == f"SO-202502-{n + 1:07d}"
        with db.write() as conn:
            # the greatest number has no year-month and running number: no guess
            conn.execute("UPDATE sale_out SET doc_no = 'Z-MANUAL' WHERE doc_no = ?", (last,))
        assert next_sale_doc_no(repo, date(2026, 11, 3)) == ""
    finally:
        db.close()
