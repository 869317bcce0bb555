"""The read models the window, the CLI and the printed summaries use give
the same answers from a file and from a server holding the same company."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from magdesk import usecases
from tests.usecases.dossier_case import text_render

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30)
MONTH = "2026-09"


def _timeless(report):
    """A summary without the moment it was made (a second apart on each)."""
    return replace(report, generated_at=None)


def _reads(db) -> dict:
    repo = usecases.repository(db)
    sale = next(repo.iter("sale", where="is_export = 1", order="id DESC"))
    lot = next(repo.iter("purchase", order="id DESC")).lot_no
    decl = next(repo.iter("export", order="id DESC")).customs_decl_no
    return {
        "findings": usecases.validate_database(db, today=TODAY),
        "by_period": usecases.findings_by_period(db),
        "flows": usecases.monthly_flows(db),
        "statuses": usecases.period_statuses(db, today=TODAY),
        "reports": [_timeless(r) for r in (
            *(usecases.summary_report(db, kind, MONTH) for kind in ("flow", "inventory",
                                                                   "licences")),
            usecases.summary_report(db, "trace", MONTH, lot=lot),
            usecases.summary_report(db, "trace", MONTH, sale=sale.doc_no))],
        "usage": usecases.licence_usage(db, TODAY),
        "names": usecases.counterparty_names(db),
        "models": usecases.model_decisions(db, on=TODAY),
        "lines": usecases.line_decisions(db),
        "screening": usecases.screen_all(db),
        "texts": usecases.declaration_texts(db, MONTH),
        "settings": usecases.declaration_settings(db),
        "statement": usecases.draft_statement(db, decl),
        "dossier": usecases.dossier_report(db, decl, now=NOW),
        "sheet": usecases.licence_sheet_report(db, sale=sale.doc_no, now=NOW),
        "accepted": repo.accepted(),
        "last": repo.last_period(),
    }


def test_every_read_model_answers_the_same_on_both(both):
    on_file, on_server = (_reads(db) for db in both)
    assert on_file["flows"] and on_file["usage"] and on_file["texts"]
    for name, value in on_file.items():
        assert on_server[name] == value, name


def _written(db, out: Path) -> dict:
    repo = usecases.repository(db)
    decl = next(repo.iter("export", order="id DESC")).customs_decl_no
    dossier = usecases.write_dossier(db, decl, out / "dossier", render_pdf=text_render, now=NOW)
    texts, _ = usecases.write_declarations(db, out / "decl.xlsx", MONTH)
    return {"dossier": dossier, "texts": texts}


def test_the_dossier_and_the_declaration_texts_are_written_alike(both, tmp_path):
    on_file, on_server = (_written(db, tmp_path / name) for db, name in zip(both, "fs", strict=True))
    import openpyxl

    def cells(path):
        book = openpyxl.load_workbook(path, read_only=True)
        return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]

    for key in ("dossier",):
        a, b = on_file[key], on_server[key]
        assert cells(a.xlsx) == cells(b.xlsx)
        assert a.pages == b.pages and a.attachments == b.attachments
        assert Path(a.statement).read_text() == Path(b.statement).read_text()
    assert cells(on_file["texts"]) == cells(on_server["texts"])


def test_records_read_many_at_once_are_those_read_one_by_one(both):
    """``Repository.get_many`` (the declaration texts read ahead with it):
    the same records as ``get`` gives each, a licence's consignees included,
    past one query's 500 ids, on either back end."""
    for db in both:
        repo = usecases.repository(db)
        for entity in ("sale", "licence", "product"):
            ids = [r.id for r in repo.iter(entity, order="id")][:1200] + [10**9]
            many = repo.get_many(entity, ids)
            assert sorted(many) == ids[:-1] and len(ids) > 2, entity
            assert all(many[i] == repo.get(entity, i) for i in ids[:-1:37]), entity
        licences = repo.get_many("licence", [r.id for r in repo.iter("licence")])
        assert any(lic.consignee_ids for lic in licences.values())
