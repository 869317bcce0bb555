"""What learning a sample workbook says (``learn.*``): why a sample cannot
serve as a template (magdesk/filing/learn.py)."""

from __future__ import annotations

LEARN: dict[str, tuple[str, str]] = {
    "learn.not_xlsx": (
        "“{file}”不是Excel工作簿（.xlsx），不能作为样表；.xls或.et文件请先在Excel或WPS中另存为.xlsx",
        "'{file}' is not an Excel workbook (.xlsx) and cannot serve as a sample; save an .xls or "
        ".et file as .xlsx in Excel or WPS first",
    ),
    "learn.missing": ("找不到样表“{file}”", "There is no sample '{file}'"),
    "learn.unreadable": ("无法读取样表“{file}”：{reason}", "Cannot read the sample '{file}': {reason}"),
    "learn.limit": ("样表“{file}”不能使用：{reason}", "The sample '{file}' cannot be used: {reason}"),
    "learn.no_table": (
        "样表“{file}”中找不到表格：工作表{sheets}的前{rows}行中没有表头行（一行中至少三个简短的列名）",
        "No table found in the sample '{file}': sheet {sheets} has no header row in its first "
        "{rows} rows (a row of at least three short column names)",
    ),
}
