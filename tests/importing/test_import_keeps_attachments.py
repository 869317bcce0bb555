"""An import that updates records keeps their attachments: the records keep
their ids, and undoing the import leaves the attachments where they were."""

from magdesk import usecases
from magdesk.storage import open_database
from magdesk.storage.repository import Repository

from .helpers import write_xlsx
from .test_preview_and_undo import _import, odd_rows


def test_an_updating_import_keeps_the_attachments_of_the_records_it_updates(
        demo, demo_copy, tmp_path):
    contract = tmp_path / "contract.pdf"
    contract.write_bytes(b"%PDF-1.4\n" + b"c" * 1000)
    with open_database(demo_copy) as db:
        repo = Repository(db)
        _import(db, write_xlsx(tmp_path / "a.xlsx", odd_rows(demo, 2)))
        sale = repo.find("sale", "IMP-0001")
        assert usecases.attach(db, "sale", sale.id, contract, "contract").ok
        before = usecases.attachments_of(db, "sale", sale.id)
        rows = odd_rows(demo, 3)
        rows[2][5] = 9
        result, edit = _import(db, write_xlsx(tmp_path / "b.xlsx", rows), on_duplicate="update")
        assert result.updated == 2 and repo.find("sale", "IMP-0001").id == sale.id
        assert repo.find("sale", "IMP-0001").qty_g == 9000
        assert usecases.attachments_of(db, "sale", sale.id) == before
        edit.revert(repo)
        assert usecases.attachments_of(db, "sale", sale.id) == before
