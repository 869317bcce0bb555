"""Undoing or redoing an attachment's step says what changed, as the step
itself did: the attachment and its owner (the window redraws the owner's
open form and its page from it); a redo whose owner is gone is refused."""

from magdesk import usecases
from magdesk.storage import open_database


def test_undo_and_redo_of_attach_and_detach_say_what_changed(demo_copy, tmp_path):
    source = tmp_path / "合同.pdf"
    source.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with open_database(demo_copy) as db:
        sale = next(iter(usecases.repository(db).iter("sale")))
        attached = usecases.attach(db, "sale", sale.id, source, "contract")
        (att,) = usecases.attachments_of(db, "sale", sale.id)
        removed = usecases.detach(db, att.id)
        for step in (usecases.undo(db, removed.edit), usecases.redo(db, removed.edit),
                     usecases.undo(db, removed.edit), usecases.undo(db, attached.edit),
                     usecases.redo(db, attached.edit)):
            assert step.ok and step.changed
            assert step.touches("attachment") and step.touches("sale")
            assert ("sale", sale.id) in step.records
        assert [a.id for a in usecases.attachments_of(db, "sale", sale.id)] == [att.id]
