"""An import whose error report cannot be written after the commit: the rows
are in, the summary is printed as usual and says where the report failed,
the exit code is the import's, and no temporary report file is left."""

import json

import pytest

from magdesk.cli import main
from magdesk.importing.report import ReportError, write_report

from .helpers import dump, write_csv, write_xlsx
from .test_import import ledger, sale_rows


def _good(demo, tmp_path, extra_columns=0):
    rows = [list(r) for r in ledger(demo, sale_rows(demo, 2))]  # (the header is shared)
    if not extra_columns:
        return write_xlsx(tmp_path / "s.xlsx", rows, "销售")
    for r in rows[2:]:  # header and data: a sheet wider than any workbook
        r += [""] * extra_columns
    for r in rows[3:]:
        r[2] = r[2].isoformat()
    return write_csv(tmp_path / "wide.csv", rows, "utf-8")


def _run(db, kind, path, *extra):
    return main(["--lang", "en", "import", "--db", str(db), kind, str(path), *extra])


def test_a_report_into_a_folder_keeps_the_import_and_says_where(demo, demo_copy, tmp_path,
                                                                capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    code = _run(demo_copy, "sales", _good(demo, tmp_path), "--report", str(folder))
    out, err = capsys.readouterr()
    assert code == 0  # imported: the report's failure does not undo nor hide it
    assert "Imported 's.xlsx', sheet '销售': 2 added" in out
    assert "the error report was not written" in err and str(folder) in err
    assert "is a folder" in err and "Traceback" not in err
    assert "IMP-0001" in str(dump(demo_copy))
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob(".*.tmp"))


def test_a_sheet_too_wide_for_a_report(demo, demo_copy, tmp_path, capsys):
    report = tmp_path / "r.xlsx"
    code = main(["--lang", "zh", "import", "--db", str(demo_copy), "sales",
                 str(_good(demo, tmp_path, extra_columns=20_000)), "--report", str(report),
                 "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["status"] == "imported" and out["inserted"] == 2
    assert out["report"] is None and out["report_error"].startswith("错误报告未写入：")
    assert str(report) in out["report_error"]
    assert not report.exists() and not list(tmp_path.glob(".*.tmp"))


def test_a_full_disk_removes_the_half_written_report(demo, run, tmp_path, monkeypatch):
    import errno

    import openpyxl.workbook.workbook as wbmod

    path = tmp_path / "r.xlsx"
    real_save = wbmod.Workbook.save

    def save_then_fill_up(self, filename):  # the bytes written, then the disk full
        real_save(self, filename)
        raise OSError(errno.ENOSPC, "No space left on device", str(filename))

    result = run("sales", _good(demo, tmp_path))
    monkeypatch.setattr(wbmod.Workbook, "save", save_then_fill_up)
    from magdesk.importing.reader import read_source

    with pytest.raises(ReportError) as caught:
        write_report(read_source(result.file, result.sheet), result, path, "zh")
    assert caught.value.message("zh") == f"错误报告未写入：{path} 无法写入：磁盘已满。请腾出空间后重试。"
    assert list(tmp_path.glob("*r.xlsx*")) == []


def test_a_refused_import_takes_no_restore_point(demo, demo_copy, run, tmp_path):
    from magdesk.importing import ImportFileError

    from .test_import import _restore_points

    rows = sale_rows(demo, 1)
    rows[0][7] = demo.available / 1000 + 1  # found only by validating inside the transaction
    oversold = run("sales", write_xlsx(tmp_path / "o.xlsx", ledger(demo, rows), "销售"))
    assert oversold.status == "rejected" and oversold.backup is None
    assert any(f.code == "batch.oversold" for f in oversold.findings)
    dry = run("sales", _good(demo, tmp_path), dry_run=True)
    assert dry.status == "dry_run" and dry.backup is None
    with pytest.raises(ImportFileError):
        run("sales", tmp_path)  # a folder, not a file
    assert _restore_points(demo_copy) == []
    assert run("sales", _good(demo, tmp_path)).backup in _restore_points(demo_copy)


def test_a_folder_or_a_missing_file_to_import(demo_copy, tmp_path, capsys):
    assert _run(demo_copy, "sales", tmp_path) == 2
    assert capsys.readouterr().err == f"magdesk-cli: '{tmp_path}' is a folder; choose the file to import\n"
    assert main(["--lang", "zh", "import", "--db", str(demo_copy), "sales",
                 str(tmp_path / "no.csv")]) == 2
    assert capsys.readouterr().err == f"magdesk-cli: 找不到要导入的文件“{tmp_path / 'no.csv'}”\n"
