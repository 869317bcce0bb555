"""The other use cases' Changes (company, periods, imports) and the house
rules the layers keep: no SQL outside storage, few loose modules, the window
importing no storage module that writes."""

import ast
from dataclasses import replace
from datetime import date
from pathlib import Path

from magdesk import usecases
from magdesk.storage import open_database
from magdesk.usecases import reads
from magdesk.usecases.edits import ImportEdit
from tests.importing.helpers import Demo, write_xlsx

PACKAGE = Path(usecases.__file__).resolve().parent.parent


def test_a_company_profile_says_the_heading_changed_or_why_not(demo_copy):
    with open_database(demo_copy) as db:
        company = reads.records(db).company()
        refused = usecases.save_company(db, replace(company, uscc=company.uscc[:-1] + "X"))
        assert not refused.ok and [f.code for f in refused.refused] == ["uscc.check_digit"]
        changes = usecases.save_company(db, replace(company, contact="李会计"))
        assert changes.ok and changes.company and changes.findings and changes.periods
        assert reads.records(db).company().contact == "李会计"


def test_an_import_says_its_records_months_and_undo_step(demo_copy, tmp_path):
    demo = Demo(demo_copy)
    day = date.fromisoformat(demo.batch_end)
    head = ["doc_no", "date", "customer_name", "product_code", "batch_no", "qty_g", "invoice_no"]
    rows = [head, *([f"UC-{i}", day, demo.customer, demo.product, demo.batch, 2.5,
                     f"2633{i:016d}"] for i in (1, 2))]
    with open_database(demo_copy) as db:
        result = usecases.import_file(db, "sales", write_xlsx(tmp_path / "s.xlsx", rows),
                                      mapping=dict(zip(head, head, strict=True)))
        assert result.status == "imported", result
        changes = usecases.import_changes(db, result)
        assert isinstance(changes.edit, ImportEdit) and changes.entities == {"sale"}
        assert changes.months == {day.strftime("%Y-%m")} and changes.findings
        assert len(changes.records) == 2
        assert usecases.undo(db, changes.edit).ok
        assert reads.records(db).find("sale", "UC-1") is None


def test_a_months_filing_state_is_a_change_of_the_periods_only():
    changes = usecases.period_changed("2026-06")
    assert changes.periods and changes.months == {"2026-06"}
    assert not changes.findings and not changes.entities and changes.changed


def _calls_execute(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(n, ast.Attribute) and n.attr in ("execute", "executemany",
                                                           "executescript")
               for n in ast.walk(tree))


def test_no_sql_is_run_outside_storage():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if p.relative_to(PACKAGE).parts[0] != "storage" and _calls_execute(p)]
    assert offenders == []


def test_the_top_level_holds_the_entry_points_settings_and_resources_only():
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert not loose & {"services.py", "datasafety.py", "edits.py", "demo.py", "demo_data.py"}
    assert loose <= {"__init__.py", "__main__.py", "app.py", "cli.py", "cli_attach.py", "cli_db.py",
                     "resources.py", "settings.py"}, sorted(loose)


def test_the_window_imports_no_storage_module_at_all():
    """One door: what the window names of storage comes through the use
    cases (usecases.kinds for the file's type, its errors and read models)."""
    offenders = []
    for path in (PACKAGE / "gui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = {a.name for a in node.names}
                if "storage" in node.module.split(".") or "storage" in names:
                    offenders.append(f"{path.name}: {node.module} {sorted(names)}")
            elif isinstance(node, ast.Import):
                offenders += [f"{path.name}: {a.name}" for a in node.names
                              if "storage" in a.name.split(".")]
    assert offenders == []


def test_the_import_contracts_hold():
    import subprocess
    import sys

    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint)], capture_output=True, text=True,
                         cwd=PACKAGE.parent, env={"PYTHONPATH": str(PACKAGE.parent),
                                                  "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout
