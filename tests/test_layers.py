"""The Qt boundary: only magdesk/gui/ (and the GUI entry point) may use PySide6,
and everything else imports with PySide6 absent."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "magdesk"
QT_ALLOWED = {"gui", "app.py", "__main__.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_pyside6_outside_the_gui():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in QT_ALLOWED and "PySide6" in _imports(p)
    ]
    assert offenders == []


def test_no_sql_outside_storage():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in {"storage"} and "sqlite3" in _imports(p)
    ]
    assert offenders == []


def test_core_needs_no_io_or_qt():
    for path in (PACKAGE / "core").rglob("*.py"):
        assert not (_imports(path) & {"PySide6", "sqlite3", "sqlite_utils", "openpyxl", "os"}), path


def test_everything_but_the_gui_imports_without_pyside6():
    modules = sorted(
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in QT_ALLOWED
    )
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'PySide6':\n"
        "            raise ImportError('PySide6 blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print(len(sys.modules))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_psycopg_only_in_the_server_back_end_and_never_loaded_for_a_file():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[:2] != ("storage", "postgres") and "psycopg" in _imports(p)
    ]
    assert offenders == []
    code = ("import sys\nfrom magdesk import cli, usecases\n"
            "assert not usecases.is_server('company.sqlite')\n"
            "cli.build_parser('en').parse_args(['db', 'copy', '--from', 'a', '--to', 'b'])\n"
            "print('psycopg' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "False"
