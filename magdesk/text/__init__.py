"""The one catalogue of the clerk's words: every text produced below the
window, keyed by a stable code, in Chinese and English.

The layers below return codes and parameters; a sentence is made only when it
is shown, by ``say(code, lang, **params)``.  One module per area, each a dict
code → (zh, en) whose texts are ``str.format`` templates.  Window strings are
Qt ``tr()`` texts and live in the Qt translation files instead.

This package imports nothing of magdesk: every layer may use it.
``anchors.py`` (imported on demand) puts together the lines of ``audit verify``.
"""

from __future__ import annotations

from .attachments import ATTACHMENTS
from .audit import AUDIT
from .backends import BACKENDS
from .cli import CLI
from .control import CONTROL
from .derive import DERIVE
from .dossier import DOSSIER
from .edits import EDITS
from .failures import FAILURES
from .files import FILES
from .findings import FINDINGS
from .importing import IMPORTING
from .learn import LEARN
from .licences import LICENCES
from .periods import PERIODS
from .records import RECORDS
from .reports import REPORTS
from .schema import SCHEMA
from .server_admin import SERVER_ADMIN
from .template_draft import TEMPLATE_DRAFT
from .template_store import TEMPLATE_STORE

AREAS: dict[str, dict[str, tuple[str, str]]] = {
    "findings": FINDINGS, "importing": IMPORTING, "files": FILES, "periods": PERIODS,
    "audit": AUDIT, "edits": EDITS, "failures": FAILURES, "records": RECORDS,
    "reports": REPORTS, "schema": SCHEMA, "cli": CLI, "derive": DERIVE,
    "template_store": TEMPLATE_STORE,
    "learn": LEARN,
    "template_draft": TEMPLATE_DRAFT,
    "licences": LICENCES,
    "control": CONTROL,
    "dossier": DOSSIER,
    "attachments": ATTACHMENTS,
    "backends": BACKENDS,
    "server_admin": SERVER_ADMIN,
}
CATALOGUE: dict[str, tuple[str, str]] = {
    code: texts for area in AREAS.values() for code, texts in area.items()}


class _Params(dict):
    """A missing parameter shows as "?" rather than breaking the sentence."""

    def __missing__(self, key):
        return "?"


def template(code: str, lang: str = "zh") -> str:
    """The text of ``code`` in ``lang`` (English unless "zh"), unfilled;
    KeyError for a code the catalogue does not hold (never the code itself)."""
    zh, en = CATALOGUE[code]
    return zh if lang == "zh" else en


def say(code: str, lang: str = "zh", /, **params) -> str:
    """The sentence of ``code`` in ``lang`` with ``params`` filled in; a
    parameter that says itself (``message(lang)``: a Reason, a refusal) is
    said in the same language."""
    for name, value in params.items():
        message = getattr(value, "message", None)
        if callable(message):
            params[name] = message(lang)
    return template(code, lang).format_map(_Params(params))
