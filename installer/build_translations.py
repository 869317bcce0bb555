"""Refresh resources/i18n/magdesk_zh_CN.ts from the GUI sources (pyside6-lupdate),
fill it from installer/translations_zh.tsv, and compile the .qm (pyside6-lrelease);
compile resources/i18n/qtbase_supplement_zh_CN.ts (written by hand: Qt's own dialog
strings that the qtbase_zh_CN.qm of PySide6 lacks) as well.

    python installer/build_translations.py [--check]

With --check nothing is written: it exits 1 if a source string has no
translation or the committed .qm differs from what the .ts compiles to."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "magdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
TSV = ROOT / "installer" / "translations_zh.tsv"
QT_SUPPLEMENT = ROOT / "resources" / "i18n" / "qtbase_supplement_zh_CN.ts"


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or \
        shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found (install PySide6-Essentials)")
    return found


def table() -> dict[str, str]:
    """Source -> Chinese.  A source is translated the same way wherever it is
    used, so a source listed twice with two translations is refused."""
    out = {}
    for number, line in enumerate(TSV.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            source, target = line.split("\t")
            source, target = source.replace("\\n", "\n"), target.replace("\\n", "\n")
            if out.get(source, target) != target:
                raise SystemExit(f"{TSV.name}:{number}: {source!r} is already translated as "
                                 f"{out[source]!r}; give the new use its own source text")
            out[source] = target
    return out


def build(ts: Path, qm: Path) -> list[str]:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "magdesk" / "gui").glob("*.py"))
    subprocess.run([_tool("lupdate"), *sources, "-ts", str(ts), "-no-obsolete", "-silent"],
                   cwd=ROOT, check=True)
    translations = table()
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        element = message.find("translation")
        if source in translations:
            element.text = translations[source]
            element.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm), "-silent"], check=True)
    return missing


def messages(ts: Path) -> set[tuple[str, str, str]]:
    """(context, source, translation) of every message of a .ts file."""
    out = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            out.add((name, message.find("source").text or "",
                     message.find("translation").text or ""))
    return out


def compile_supplement(qm: Path) -> None:
    subprocess.run([_tool("lrelease"), str(QT_SUPPLEMENT), "-qm", str(qm), "-silent"],
                   check=True)


def main() -> int:
    if "--check" not in sys.argv:
        compile_supplement(QT_SUPPLEMENT.with_suffix(".qm"))
        missing = build(TS, QM)
        for source in missing:
            print(f"untranslated: {source!r}")
        return 1 if missing else 0
    with tempfile.TemporaryDirectory() as tmp:
        ts, qm = Path(tmp) / TS.name, Path(tmp) / QM.name
        shutil.copy(TS, ts)
        missing = build(ts, qm)  # from the sources as they are now
        stale = messages(ts) != messages(TS)
        committed_qm = Path(tmp) / "committed.qm"
        subprocess.run([_tool("lrelease"), str(TS), "-qm", str(committed_qm), "-silent"],
                       check=True)
        stale = stale or committed_qm.read_bytes() != QM.read_bytes()
        supplement = Path(tmp) / "supplement.qm"
        compile_supplement(supplement)
        committed = QT_SUPPLEMENT.with_suffix(".qm")
        stale = stale or not committed.exists() or \
            supplement.read_bytes() != committed.read_bytes()
    for source in missing:
        print(f"untranslated: {source!r}")
    if stale:
        print("resources/i18n is stale: run python installer/build_translations.py")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
