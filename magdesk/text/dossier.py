"""The declaration dossier and the licence application sheet: what is
missing from a dossier, and why one cannot be made."""

from __future__ import annotations

DOSSIER: dict[str, tuple[str, str]] = {
    "report.decl_not_found": ("找不到报关单号“{key}”的出口记录",
                               "No export line carries declaration number '{key}'"),
    "report.contract_not_found": ("找不到合同号“{key}”的销售",
                                   "No sale under contract number '{key}'"),
    "report.sheet_subject": ("请给出一个出库单号或一个合同号",
                        "Give one sale document number or one contract number"),
    "dossier.missing_test_report": ("型号 {model} 无检测报告编号",
                                    "Model {model}: no test report number"),
    "dossier.missing_test_report_file": ("型号 {model} 的检测报告 {report} 未附文件",
                                         "Model {model}: test report {report} not attached"),
    "dossier.missing_contract_no": ("出库单 {sale} 无合同号", "Sale {sale}: no contract number"),
    "dossier.missing_contract_file": ("出库单 {sale} 未附合同文件",
                                      "Sale {sale}: no contract attached"),
    "dossier.missing_licence": ("第 {line} 项为管制物项（{control_no}），无许可证",
                                "Line {line} is a controlled item ({control_no}) without a licence"),
    "dossier.missing_euc": ("第 {line} 项（许可证 {licence}）未附最终用户和最终用途证明",
                            "Line {line} (licence {licence}): no end-user certificate attached"),
    "dossier.missing_blob": ("附件“{name}”（{what}）的文件不在附件库中",
                             "Attachment '{name}' ({what}): its file is missing from the store"),
    "cli.dossier_done": (
        "已生成报关单 {decl} 的资料（PDF 共 {pages} 页）：\n  {pdf}\n  {xlsx}\n  {statement}\n"
        "  {zip}（含附件 {attachments} 个）",
        "Wrote the dossier of declaration {decl} (PDF, {pages} pages):\n  {pdf}\n  {xlsx}\n"
        "  {statement}\n  {zip} ({attachments} attachments)",
    ),
    "cli.dossier_missing": ("缺件 {count} 项：", "{count} missing pieces:"),
    "cli.dossier_out": ("请用 --out 指定输出文件夹", "Give the folder to write into with --out"),
    "cli.dossier_failed": ("无法写入：{error}", "Cannot write: {error}"),
    "cli.sheet_done": (
        "已生成许可申请资料表（PDF 共 {pages} 页）：\n  {pdf}\n  {xlsx}\n申请所需附件：",
        "Wrote the licence application sheet (PDF, {pages} pages):\n  {pdf}\n  {xlsx}\n"
        "Attachments required:",
    ),
    "dossier.none_missing": ("无缺件", "Nothing missing"),
}
