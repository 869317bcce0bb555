"""What an import says: the findings about a file and its rows (``import.*``
finding codes; ``{label}`` is the column's header as written in the file), and
the words of the error report and of the import template (``import.report.*``)."""

from __future__ import annotations

IMPORTING: dict[str, tuple[str, str]] = {
    # Importing spreadsheets ({label} is the column's header as written in the file)
    "import.file_unreadable": ("无法读取文件“{file}”：{reason}", "Cannot read '{file}': {reason}"),
    "import.file_is_folder": (
        "“{file}”是一个文件夹；请选择要导入的文件",
        "'{file}' is a folder; choose the file to import",
    ),
    "import.file_missing": ("找不到要导入的文件“{file}”", "There is no file '{file}' to import"),
    "import.file_type": (
        "“{file}”不是可导入的文件类型（支持 .xlsx、.xls、.csv）",
        "'{file}' is not a file type that can be imported (.xlsx, .xls, .csv)",
    ),
    "import.sheet_missing": (
        "“{file}”中没有名为“{sheet}”的工作表（现有：{sheets}）",
        "'{file}' has no sheet named '{sheet}' (it has: {sheets})",
    ),
    # A workbook beyond the limits (importing/limits.py), refused before it is read
    "import.limit_file": (
        "“{file}”有{size}，超过可导入文件的上限{limit}",
        "'{file}' is {size}, over the import limit of {limit}",
    ),
    "import.limit_entries": (
        "“{file}”包含{count}个部件，超过上限{limit}个（不是普通的Excel文件）",
        "'{file}' holds {count} parts, over the limit of {limit} (not an ordinary Excel file)",
    ),
    "import.limit_part": (
        "“{file}”中的“{part}”解压后有{size}，超过上限{limit}",
        "'{file}': '{part}' unpacks to {size}, over the limit of {limit}",
    ),
    "import.limit_total": (
        "“{file}”解压后共有{size}，超过上限{limit}",
        "'{file}' unpacks to {size} in all, over the limit of {limit}",
    ),
    "import.limit_ratio": (
        "“{file}”中的“{part}”压缩比为{ratio}:1，超过上限{limit}:1（疑似压缩炸弹）",
        "'{file}': '{part}' is compressed {ratio}:1, over the limit of {limit}:1 (a zip bomb?)",
    ),
    "import.limit_declared": (
        "“{file}”中的“{part}”解压后超过它声明的{size}（文件已损坏或被篡改）",
        "'{file}': '{part}' unpacks to more than the {size} it declares (damaged or forged)",
    ),
    "import.limit_dtd": (
        "“{file}”中的“{part}”含有文档类型定义（DTD），Excel文件不会有，已拒绝",
        "'{file}': '{part}' holds a document type definition (DTD), which no Excel file has; refused",
    ),
    "import.limit_tag": (
        "“{file}”中的“{part}”有一个超过1 MB的标记，已拒绝",
        "'{file}': '{part}' holds a tag longer than 1 MB; refused",
    ),
    "import.limit_strings": (
        "“{file}”的共享字符串超过{count}项，超过上限{limit}项",
        "'{file}' has more than {count} shared strings, over the limit of {limit}",
    ),
    "import.limit_dimension": (
        "“{file}”工作表“{sheet}”声明的区域{ref}超过上限（最多{rows}行、{columns}列、{cells}个单元格）",
        "'{file}', sheet '{sheet}' declares the area {ref}, beyond the limits ({rows} rows, {columns} columns, {cells} cells)",
    ),
    "import.limit_rows": (
        "“{file}”工作表“{sheet}”用到第{rows}行（单元格{cell}），超过上限{limit}行",
        "'{file}', sheet '{sheet}' uses row {rows} (cell {cell}), over the limit of {limit} rows",
    ),
    "import.limit_columns": (
        "“{file}”工作表“{sheet}”用到第{columns}列（单元格{cell}），超过上限{limit}列；请删除多余的列后再导入",
        "'{file}', sheet '{sheet}' uses column {columns} (cell {cell}), over the limit of {limit} columns; delete the columns beyond the ledger and import again",
    ),
    "import.limit_sparse": (
        "“{file}”工作表“{sheet}”的使用区域为{ref}（{area}个单元格），其中只有{cells}个单元格有内容："
        "远处的单元格{far}把区域撑大了；请删除数据以外远处的多余单元格或行后再导入",
        "'{file}', sheet '{sheet}' uses the area {ref} ({area} cells) but only {cells} cells "
        "hold a value: the far cell(s) {far} stretch it; delete the stray cells or rows far "
        "from the data and import again",
    ),
    "import.limit_dense": (
        "“{file}”工作表“{sheet}”约有{cells}个单元格（约{rows}行），超过每张工作表{limit}个单元格的"
        "上限；请将台账按月拆分成几个文件，分别导入",
        "'{file}', sheet '{sheet}' has about {cells} cells (about {rows} rows), over the limit "
        "of {limit} cells a sheet may have; split the ledger by month into several files and "
        "import each",
    ),
    "import.limit_cells": (
        "“{file}”工作表“{sheet}”的使用区域为{rows}行×{columns}列，共{cells}个单元格，超过上限{limit}个",
        "'{file}', sheet '{sheet}' uses {rows} rows × {columns} columns, {cells} cells, over the limit of {limit}",
    ),
    # A csv not valid in the encoding it was found to be in (importing/reader.py)
    "import.bad_bytes": (
        "“{file}”不是有效的{encoding}文本：有{count}个无效字节，第一个在第{row}行（字节位置{offset}）；请将文件另存为UTF-8后重新导入，或选择接受替换字符后导入",
        "'{file}' is not valid {encoding} text: {count} bad bytes, the first in row {row} (byte offset {offset}); save it as UTF-8 and import it again, or accept replacement characters to import it",
    ),
    "import.replaced": (
        "{label}中有无法解码的字节，已替换为“�”，请核对",
        "{label} held bytes that could not be decoded, replaced by '�'; please check",
    ),
    "import.header_missing": (
        "工作表“{sheet}”前{rows}行中找不到可识别的表头",
        "No recognisable header in the first {rows} rows of sheet '{sheet}'",
    ),
    "import.column_missing": ("缺少必需的列“{label}”", "Required column '{label}' is missing"),
    "import.column_unknown": (
        "“{value}”不是可导入的列（可用：{columns}）",
        "'{value}' is not an import column (use one of: {columns})",
    ),
    "import.column_unmapped": (
        "列“{label}”无法识别，已忽略",
        "Column '{label}' is not recognised and is ignored",
    ),
    "import.column_twice": (
        "列“{label}”与“{other}”含义相同，只使用“{other}”",
        "Column '{label}' means the same as '{other}'; only '{other}' is used",
    ),
    "import.mangled_id": (
        "{label}“{value}”已被Excel转换为数字，末尾数字可能已丢失；请将该列设为文本格式后重新录入",
        "{label} '{value}' was turned into a number by Excel and may have lost digits; format the column as text and enter it again",
    ),
    "import.not_integer": ("{label}“{value}”应为整数", "{label} '{value}' must be a whole number"),
    "import.unknown_unit": (
        "{label}“{value}”的单位无法识别（可用 kg、公斤、千克、t、吨、g）",
        "{label} '{value}' has an unknown unit (use kg, t or g)",
    ),
    "import.bool": ("{label}“{value}”应为“是”或“否”", "{label} '{value}' must be yes or no"),
    "import.ref_ambiguous": (
        "{label}“{value}”对应多条记录，请改用{hint}",
        "{label} '{value}' matches several records; use the {hint} instead",
    ),
    "import.ref_conflict": (
        "名称“{name}”与统一社会信用代码“{value}”指向不同的交易对象",
        "Name '{name}' and credit code '{value}' point to different counterparties",
    ),
    "import.duplicate": (
        "{label}“{value}”已存在（可选择跳过或更新已有记录）",
        "{label} '{value}' already exists (choose skip or update)",
    ),
    "import.duplicate_in_file": (
        "{label}“{value}”在文件中重复（另见第{other}行）",
        "{label} '{value}' repeats in the file (see row {other})",
    ),
    "import.batch_conflict": (
        "同一生产批号各行的{label}不一致（第{other}行为“{expected}”）",
        "{label} differs between rows of the same batch (row {other} has '{expected}')",
    ),
    "import.formula_text": (
        "{label}以“{char}”开头，按文本导入，不会当作公式",
        "{label} starts with '{char}' and is imported as text, not as a formula",
    ),
    "import.export_pending": (
        "{count} 笔出口销售（第{rows}行）尚无出口明细，请随后导入出口明细",
        "{count} export sales (rows {rows}) have no export lines yet; import the export lines next",
    ),
    "import.constraint": ("数据库拒绝写入：{detail}", "The database refused the rows: {detail}"),
    "import.period_locked": (
        "{label}{value}所在期间{period}已申报锁定，不能导入；请发起更正",
        "{label} {value} falls in {period}, which is filed and locked; start an amendment",
    ),
    # The error report's sheet of findings and the template's notes sheet (importing/report.py)
    "import.report.sheet": ("工作表", "Sheet"),
    "import.report.row": ("行", "Row"),
    "import.report.column": ("列", "Column"),
    "import.report.header": ("表头", "Header"),
    "import.report.severity": ("级别", "Severity"),
    "import.report.code": ("代码", "Code"),
    "import.report.message": ("说明", "Message"),
    "import.report.notes": ("说明", "Notes"),
    "import.report.other_language": ("英文", "Chinese"),
    "import.report.required": ("必填", "Required"),
    "import.report.choices": ("可选值", "Allowed values"),
    "import.report.also": ("也可填写", "Also accepted"),
    "import.report.yes": ("是", "yes"),
    # where a finding is in the file (importing/issues.py)
    "import.where.row": ("第{row}行", "row {row}"),
    "import.where.column": ("第{row}行 {column}列", "row {row}, column {column}"),
    "import.where.header": ("第{row}行 {column}列“{header}”", "row {row}, column {column} ({header})"),
    "import.where.said": ("{where}：{message}", "{where}: {message}"),
}
