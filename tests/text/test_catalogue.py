"""The catalogue of the clerk's words: every code says itself in Chinese and
English with the same parameters, Chinese punctuation is full-width, English
holds no Chinese, and every code the program raises or prints is in it."""

import ast
import re
import string
from pathlib import Path

import pytest

from magdesk import text
from magdesk.core.findings import finding
from magdesk.core.messages import SEVERITY

PACKAGE = Path(__file__).resolve().parents[2] / "magdesk"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f“”]")
# Parameters that carry a language's own value (the schema's differences said in each)
ONE_LANGUAGE = {"zh": "zh", "en": "en"}
# Names of the filing workbook's own sheets and rows, which stay Chinese in English
WORKBOOK_NAMES = ("审计链", "申报信息")


def _fields(template: str) -> dict[str, str]:
    """placeholder → its format spec (``{n:>3}``: ">3")."""
    return {name: spec for _, name, spec, _ in string.Formatter().parse(template) if name}


def _dummy(name: str, spec: str):
    return 7 if spec and spec[-1] in "dnf" else f"<{name}>"


@pytest.mark.parametrize("code", sorted(text.CATALOGUE))
def test_every_code_renders_in_both_languages(code):
    zh, en = text.CATALOGUE[code]
    assert zh.strip() and en.strip(), code
    zh_names, en_names = set(_fields(zh)), set(_fields(en))
    # the same parameters in both, but for a value given in each language
    # ({zh}/{en}, or {country} in Chinese and {country_en} in English)
    assert {ONE_LANGUAGE.get(n, n) for n in zh_names} - {"zh"} == \
        {ONE_LANGUAGE.get(n, n).removesuffix("_en") for n in en_names} - {"en"}, code
    for lang, template in (("zh", zh), ("en", en)):
        values = {n: _dummy(n, spec) for n, spec in _fields(template).items()}
        said = template.format(**values)  # strict: a malformed template fails here
        assert text.say(code, lang, **values) == said
        assert "{" not in said and "}" not in said, (code, lang)
        for name in values:
            assert f"<{name}>" in said or values[name] == 7, (code, lang, name)


@pytest.mark.parametrize("code", sorted(text.CATALOGUE))
def test_chinese_is_punctuated_full_width_and_english_holds_no_chinese(code):
    zh, en = text.CATALOGUE[code]
    bare = re.sub(r"\{[^}]*\}", "X", zh)  # a placeholder's own ``:>3`` is no punctuation
    bare = re.sub(r"\d,\d{3}|\d:1|X:1", "", bare)  # 100,000 kg; a compression ratio 100:1
    assert not re.search(r"[(),:;!?]", bare), f"{code}: ASCII punctuation in {zh!r}"
    english = en
    for name in WORKBOOK_NAMES:
        english = english.replace(name, "")
    assert not CJK.search(english), f"{code}: Chinese in the English {en!r}"


def test_codes_are_unique_across_areas_and_look_like_codes():
    assert len(text.CATALOGUE) == sum(len(area) for area in text.AREAS.values())
    for code in text.CATALOGUE:
        assert re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", code), code


def test_every_finding_code_has_a_severity_and_a_text():
    worded = {c for c in (*text.FINDINGS, *text.IMPORTING)
              if not c.startswith(("import.report.", "import.where.", "severity."))}
    assert set(SEVERITY) == worded


def test_a_finding_says_itself_through_the_catalogue():
    f = finding("balance.negative", "sale", "SO-1", None, None, month="2026-03", closing="-5")
    assert f.message("zh") == "销售出库 SO-1：2026-03期末库存为负（-5 kg）"
    assert f.message("en") == "Sale SO-1: 2026-03: closing stock is negative (-5 kg)"


def test_an_unknown_code_is_refused_not_shown():
    with pytest.raises(KeyError):
        text.say("no.such_code", "zh")


# --- every code the program uses is in the catalogue ---------------------------------

def _calls(names: set[str], prefix: str = "") -> set[tuple[str, str]]:
    """(file, code) for each ``name("code", …)`` call in magdesk's sources."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            if name in names and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add((str(path.relative_to(PACKAGE)), prefix + first.value))
    return found


@pytest.mark.parametrize("names, prefix", [
    ({"Reason"}, ""),
    ({"PeriodError"}, "period."),
    ({"ReportError"}, "report."),
    ({"finding", "issue", "Finding"}, ""),
    ({"UndoRefused", "say"}, ""),
    ({"_t"}, "cli."),
])
def test_every_code_raised_or_printed_has_its_words(names, prefix):
    calls = _calls(names, prefix)
    assert calls, names  # the scan found the calls it is meant to check
    missing = sorted((f, c) for f, c in calls
                     if c not in text.CATALOGUE and f"file.{c}" not in text.CATALOGUE)
    assert missing == []


def test_the_catalogue_imports_nothing_of_magdesk():
    """Every layer may say things, so the words sit below them all."""
    for path in (PACKAGE / "text").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level <= 1 and not (node.module or "").startswith("magdesk"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("magdesk") for a in node.names), path
