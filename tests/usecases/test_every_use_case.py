"""Every use case has a test here, and none of these tests needs Qt: a new
use case listed in ``magdesk.usecases`` without a test under tests/usecases
fails, as does a test here that reaches the window."""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from magdesk import usecases

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
QT = ("PySide6", "shiboken6", "pytestqt", "magdesk.gui")


def _tests() -> list[Path]:
    return sorted(HERE.glob("test_*.py"))


def _referenced(path: Path) -> set[str]:
    """The use cases a test file names: ``usecases.X`` and the names it
    imports from ``magdesk.usecases`` (or one of its modules)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == "usecases":
            names.add(node.attr)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "magdesk.usecases"):
            names.update(alias.name for alias in node.names)
    return names


def _imports(path: Path) -> set[str]:
    """The modules a file imports (``from a.b import c``: a.b and a.b.c)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


def test_every_use_case_is_named_by_a_test_here():
    listed = {name for names in usecases._WHERE.values() for name in names}
    tested = set().union(*(_referenced(p) for p in _tests()))
    assert sorted(listed - tested) == [], "use cases without a test under tests/usecases"


def test_every_listed_use_case_is_where_the_list_says():
    for module, names in usecases._WHERE.items():
        found = importlib.import_module(f"magdesk.usecases.{module}")
        for name in names:
            assert callable(getattr(found, name, None)), f"{module}.{name}"
            assert getattr(usecases, name) is getattr(found, name)


def test_these_tests_and_their_helpers_reach_no_window():
    seen, todo, offenders = set(), list(_tests()), []
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in _imports(path):
            if module.startswith(QT) or module.split(".")[0] in QT:
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
            if module.startswith("tests."):  # a helper of the suite: its imports too
                helper = ROOT.joinpath(*module.split(".")).with_suffix(".py")
                todo += [helper] if helper.is_file() else []
        if "qtbot" in path.read_text(encoding="utf-8"):
            offenders.append(f"{path.relative_to(ROOT)}: qtbot")
    offenders = [o for o in offenders if not o.startswith(str(Path(__file__).relative_to(ROOT)))]
    assert offenders == []


def test_the_use_cases_load_without_qt():
    modules = ", ".join(f"magdesk.usecases.{m}" for m in usecases._WHERE)
    code = (f"import sys, {modules}\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6') or m.startswith('magdesk.gui'))\n"
            "print(loaded); sys.exit(1 if loaded else 0)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
