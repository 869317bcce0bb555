"""The use cases: the one door through which the window, the CLI and an
import change a file.  Every change is one call, in one transaction, and
returns what changed (``changes.Changes``); the reads the window and the
CLI need (validation, the months, summaries) are here too.

One module per family: ``records`` (save, delete, undo, redo, accept a
warning), ``periods`` (export, file, amend, the months' states),
``importing``, ``company``, ``templates`` (the filing templates, built in
and kept in the file), ``safety`` (restore points, backups, restoring, the
audit trail), ``files`` (check, repair), ``demo``, ``validation`` (read
models).  Their functions are reachable from here by name, each module
imported when first used: the window starts without most of them."""

from __future__ import annotations

import importlib

_WHERE = {
    "records": ("save", "delete", "undo", "redo", "accept_warning", "repository"),
    "changes": ("Changes", "record_months"),
    "periods": ("export_filing", "export_target", "period_statuses", "period_status",
                "file_period", "amend_period", "period_changed"),
    "importing": ("import_file", "import_changes", "import_preview", "preview_rows", "write_import_report",
                  "write_import_template"),
    "company": ("check_company", "save_company", "create_database"),
    "templates": ("list_templates", "template_text", "stored_template", "save_template",
                  "set_default_template", "delete_template", "default_template",
                  "learn_template", "template_toml", "save_learned", "check_template",
                  "preview_template", "Choice", "SampleError", "template_sources",
                  "mapping_targets", "target_header", "target_kind", "target_units",
                  "suggested_codes"),
    "safety": ("audit_log", "backup_to", "close_database", "delete_records", "find_snapshot",
               "foreign_snapshots", "history_lines", "list_snapshots", "record_history", "restore_file",
               "restore_snapshot", "take_snapshot", "verify_audit", "point_note"),
    "files": ("open_file", "db_target", "CheckReport", "check_database", "repair_schema", "repair_plan", "repair_refusal",
              "failure_words"),
    "demo": ("create_demo",),
    "licences": ("licence_usage", "usage_as_dict", "counterparty_names"),
    "control": ("control_rules", "decide_product", "decide_export", "model_decisions",
                "line_decisions", "control_changes"),
    "screening": ("screen_for", "screening_lists", "import_screening_list", "screen_all"),
    "declarations": ("declaration_texts", "export_line_texts", "write_declarations",
                     "declaration_settings", "set_declaration_setting"),
    "dossier": ("write_dossier", "write_licence_sheet", "draft_statement", "dossier_report",
                "licence_sheet_report"),
    "attachments": ("attach", "detach", "attachments_of", "attachments_for", "all_attachments",
                    "attachment_file", "open_copy", "export_attachment", "check_attachments",
                    "prune_attachments", "attachments_in_copy", "owner_of", "owner_label", "kind_label",
                    "AttachmentCheck", "AttachmentError"),
    "backends": ("copy_database", "is_server", "take_server_point", "list_server_points",
                 "restore_server_point", "install_server_roles", "upgrade_server", "add_server_user",
                 "set_server_user_role", "list_server_users", "drop_server_user"),
    "servers": ("on_server", "server_where", "opens_without_password", "server_url", "server_fields",
                "without_password", "saved_password", "remember_password", "forget_password",
                "with_saved_password", "reconnect_if_lost", "reconnected", "Unavailable", "lost_connection", "own_connection", "notice_changes",
                "watch_server"),
    "validation": ("load_dataset", "validate_database", "summary_report", "monthly_flows",
                   "findings_by_period"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])
