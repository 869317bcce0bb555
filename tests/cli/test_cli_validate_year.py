"""``validate --year``: the findings of a year's months (and the undated
ones), as the use case gives them; a year not YYYY is said in the clerk's
language."""

import pytest

from magdesk import usecases
from magdesk.cli import main
from tests.cli.test_cli import run_json
from tests.usecases.test_validate_period import _plant


def test_validate_a_year_gives_its_months_findings(demo_copy, capsys):
    with usecases.open_file(demo_copy) as db:
        with db.write() as conn:
            at = _plant(conn)
        year = at["negative"][:4]
        want = usecases.validate_database(db, period=year)
    code, findings = run_json(capsys, "--lang", "en", "validate", "--db", str(demo_copy),
                              "--year", year, "--json")
    assert code == 1 and len(findings) == len(want)
    months = {f["period"] for f in findings} - {None}
    assert at["negative"] in months and all(m.startswith(year + "-") for m in months)


@pytest.mark.parametrize(("lang", "said"), [("en", "Year '26' must be YYYY"),
                                            ("zh", "年份“26”格式应为YYYY")])
def test_a_year_not_yyyy_is_refused_in_the_clerks_language(demo_file, capsys, lang, said):
    with pytest.raises(SystemExit):
        main(["--lang", lang, "validate", "--db", str(demo_file), "--year", "26"])
    assert said in capsys.readouterr().err
