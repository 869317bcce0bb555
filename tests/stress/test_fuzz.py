"""Property-based tests (hypothesis) over identifier checks, filing-template
loading and import files: no crash, no partial write.  tests/stress/fuzz_stress.py
runs the same checks over 10,000 and more inputs."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from magdesk.storage import audit, open_database

from . import fuzzing as F

IDENTIFIER = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from("".join(F.ALPHABETS)), max_size=24),
    st.text(alphabet=st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY٣３"), min_size=18,
            max_size=18),
)


@given(IDENTIFIER)
def test_identifier_checks_give_reason_codes_never_exceptions(text):
    F.check_identifier(text)


def test_digits_of_other_scripts_are_not_accepted():
    from magdesk.core import identifiers as I

    assert I.check_uscc("91" + "٣" * 6 + "A" * 10) == "format"  # once a KeyError
    assert I.check_hs_format("٣" * 10) == "format"
    assert I.check_hs_format("８５０５１１１０００") == "format"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32))
def test_a_mangled_template_loads_or_is_refused(tmp_path, seed):
    path = tmp_path / "t.toml"
    path.write_text(F.mutate_text(random.Random(seed), F.template_seed()), encoding="utf-8")
    assert F.check_template(path) in ("ok", "refused")


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])
@given(st.lists(st.integers(0, 2**32), min_size=1, max_size=3))
def test_any_import_file_is_imported_whole_or_not_at_all(tmp_path_factory, seeds):
    folder = tmp_path_factory.mktemp("fuzz")
    with open_database(folder / "f.sqlite", create=True) as db:
        for n, seed in enumerate(seeds):
            path, _how = F.random_import_file(random.Random(seed), folder, n)
            assert F.check_import(db, path) in ("imported", "rejected", "file refused",
                                                "columns")
        assert audit.verify(db.conn).ok
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_templates_the_fuzzer_broke_are_refused(tmp_path):
    from magdesk.filing.template import TemplateError, load_template

    seed = F.template_seed()
    cases = {  # each once loaded (no columns) or raised a bare TypeError/ValueError
        "a sheet without columns": seed.replace("columns = [", "unused = [", 1),
        "version in words": seed.replace("version = 1", 'version = "one"', 1),
        "columns as text": seed.replace('key = ["name_cn"]', 'key = ["name_cn"]\nx = 1', 1)
                               .replace("columns = [", 'columns = "abc"\nunused = [', 1),
        "a column as a number": seed.replace("columns = [", "columns = [ 7,", 1),
    }
    for name, text in cases.items():
        path = tmp_path / "t.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_template(path=path)
        except TemplateError:
            continue
        raise AssertionError(f"{name}: loaded")
