"""The company's own data on both back ends: its profile, its filing
templates, its restricted-party lists and the findings they raise, its
declaration settings, the control decisions under another policy and the
licence application sheet: the same outcome from a file and a server."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import openpyxl

from magdesk import usecases
from magdesk.core.control import ControlPolicy, ThresholdMode
from magdesk.resources import resource_path
from tests.usecases.dossier_case import text_render

TODAY = date(2026, 11, 26)
NAME = "省局流向表"
BODY = resource_path("templates", "REFLOW-1.toml").read_text(encoding="utf-8").replace(
    'id = "REFLOW-1"', f'id = "{NAME}"')
SAMPLE = b"PK\x03\x04sample workbook" * 300


def _outcome(changes) -> tuple:
    return (changes.ok, changes.templates, changes.company, changes.screening,
            changes.findings, [f.code for f in changes.refused])


def _templates(db) -> list:
    steps = [_outcome(usecases.save_template(db, NAME, BODY, SAMPLE, "样表.xlsx")),
             _outcome(usecases.save_template(db, NAME, BODY + "# v2\n", make_default=True))]
    listed = [(t.name, t.version, t.builtin, t.is_default, t.versions)
              for t in usecases.list_templates(db)]
    kept = usecases.stored_template(db, NAME, 1)
    steps += [listed, usecases.default_template(db), usecases.template_text(db, NAME, 1),
              (kept.sample, kept.sample_name, kept.sample_sha256),
              usecases.check_template(db, NAME) is not None,
              _outcome(usecases.set_default_template(db, None)),
              _outcome(usecases.delete_template(db, NAME)),
              [t.name for t in usecases.list_templates(db)]]
    return steps


def _screening(db, folder) -> list:
    folder.mkdir()
    customer = next(c for c in usecases.repository(db).iter("counterparty")
                    if c.cp_type == "FOREIGN" and c.role != "SUPPLIER")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["限制名单（测试）"])
    sheet.append(["名称", "别名", "国家", "名单", "列入日期", "来源"])
    sheet.append([customer.name_en.upper() + " LIMITED", "", customer.country, "不可靠实体清单",
                  date(2026, 2, 1), "公告"])
    book.save(folder / "名单.xlsx")
    imported = usecases.import_screening_list(db, folder / "名单.xlsx")
    findings = usecases.validate_database(db, today=TODAY)
    return [_outcome(imported), [(i.list_name, i.entries) for i in usecases.screening_lists(db)],
            sorted((f.code, f.entity, f.record, f.field) for f in findings),
            usecases.screen_all(db)]


def _rest(db, folder) -> list:
    company = usecases.repository(db).company()
    saved = usecases.save_company(db, replace(company, contact="王会计 0574-88888888"))
    setting = usecases.set_declaration_setting(db, "brand_type", "OWN_BRAND")
    sale = next(usecases.repository(db).iter("sale", where="is_export = 1", order="id DESC"))
    sheet = usecases.write_licence_sheet(db, folder, render_pdf=text_render, sale=sale.doc_no,
                                         now=datetime(2026, 11, 26, 9))
    policy = ControlPolicy(ThresholdMode.REPORT_0_1)
    return [_outcome(saved), usecases.repository(db).company(), _outcome(setting),
            usecases.declaration_settings(db), usecases.control_changes(db, policy),
            (sheet.pdf.read_text(encoding="utf-8"), sheet.pages)]


def test_templates_screening_and_settings_alike(both, tmp_path):
    on_file, on_server = ([_templates(db), _screening(db, tmp_path / f"s{i}"),
                           _rest(db, tmp_path / f"r{i}")] for i, db in enumerate(both))
    templates, screening, rest = on_file
    assert templates[1][0] and templates[2][-1][3] and templates[-1] == ["REFLOW-1"]
    assert screening[0][0] and any(code == "screen.listed" for code, *_ in screening[2])
    assert rest[0][0] and rest[1].contact.startswith("王会计")
    assert on_server == on_file
