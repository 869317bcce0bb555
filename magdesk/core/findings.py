"""Findings: what validation says about the data.

A finding has a stable ``code``, a ``severity`` fixed by the catalog, a location
(entity, record key, field) and parameters.  The text is produced only when
shown, in the reader's language, from one catalog (``messages.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    entity: str
    record: str
    field: str | None = None
    params: dict[str, Any] = dc_field(default_factory=dict, compare=False, hash=False)
    period: str | None = dc_field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "zh") -> str:
        from .messages import render

        return render(self, lang)

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "entity": self.entity,
            "record": self.record,
            "field": self.field,
            "message": self.message(lang),
            "period": self.period,
            "params": {k: str(v) for k, v in self.params.items()},
        }


def finding(
    code: str, entity: str, record: str, field_name: str | None = None, period=None, /,
    **params,
) -> Finding:
    """Build a finding; its severity comes from the catalog."""
    from .messages import severity_of

    return Finding(code, severity_of(code), entity, record, field_name, params, period)


def count(findings) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return errors, len(findings) - errors
