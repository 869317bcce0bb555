"""The translation table gives each English source one Chinese text: the
section's 新增 button once read 新值 because a history column reused "New"."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module():
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "installer" / "build_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_source_translated_two_ways_is_refused(tmp_path, monkeypatch):
    module = _module()
    tsv = tmp_path / "t.tsv"
    tsv.write_text("New\t新增\nSave\t保存\nNew\t新值\n", encoding="utf-8")
    monkeypatch.setattr(module, "TSV", tsv)
    with pytest.raises(SystemExit, match="t.tsv:3: 'New' is already translated as '新增'"):
        module.table()
    tsv.write_text("New\t新增\nNew\t新增\nA\\nB\t甲\\n乙\n", encoding="utf-8")
    assert module.table() == {"New": "新增", "A\nB": "甲\n乙"}


def test_the_buttons_and_the_history_read_right():
    table = _module().table()
    assert table["New"] == "新增"
    assert (table["Old value"], table["New value"]) == ("原值", "新值")


def test_every_window_string_is_found_under_its_class():
    """A tr() on another object (self.lines.tr) is filed by lupdate under a
    context named after the expression, which Qt never asks for: the lot list
    read "1200.000 kg left" in the Chinese window."""
    import re
    import xml.etree.ElementTree as ET

    ts = ET.parse(ROOT / "resources" / "i18n" / "magdesk_zh_CN.ts")
    names = [c.find("name").text for c in ts.getroot().iter("context")]
    assert names and [n for n in names if not re.fullmatch(r"_?[A-Z]\w*", n)] == []
