"""Filing templates kept in the company's file (schema v6): the TOML text of
each and, when it was learned from a sample workbook, the sample's bytes and
SHA-256, by name and version; and the company's default template.

Saving a name again adds a version and keeps the old ones (an export
records the name and version it used).  No default is the built-in
REFLOW-1.  Saving and deleting take a restore point first and are each one
transaction; a read-only file refuses both (``ReadOnlyError``).  A template
is not a record of a month: no month lock applies to it."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .. import text
from .db import Database, StorageError
from .reasons import Reason

DEFAULT_KEY = "filing_template"  # file_setting's key of the company's default template
NAME_MOST = 100  # characters of a template's name
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class TemplateRefused(StorageError):
    """A template that cannot be saved, found or deleted: ``message(lang)``
    says why, the catalogue's ``template_store.<code>``."""

    @property
    def code(self) -> str:
        reason = self.args[0] if self.args else None
        return getattr(reason, "code", "")


@dataclass(frozen=True)
class StoredTemplate:
    """One version of a template, whole."""

    name: str
    version: int
    body: str
    sample: bytes | None
    sample_name: str
    sample_sha256: str
    saved_at: str


@dataclass(frozen=True)
class StoredTemplateInfo:
    """A version of a template without its text and sample bytes (a list's line):
    ``versions`` how many the name has, ``is_default`` whether it is the
    company's default (of a name's latest version)."""

    name: str
    version: int
    versions: int
    sample_name: str
    sample_sha256: str
    sample_size: int
    saved_at: str
    is_default: bool = False


class Months(tuple):
    """Months listed as the clerk's language lists them (2026-01、2026-02)."""

    def message(self, lang: str = "zh") -> str:
        return text.say("words.list", lang).join(self)

    def __str__(self) -> str:
        return self.message("en")


def sha256_of(sample: bytes | None) -> str:
    return hashlib.sha256(sample).hexdigest() if sample is not None else ""


def checked_name(name: str) -> str:
    """``name`` when it may name a template, else TemplateRefused."""
    if not isinstance(name, str) or not name.strip():
        raise TemplateRefused(Reason("template_store.no_name"))
    if len(name) > NAME_MOST or name != name.strip() or _BAD_NAME.search(name):
        raise TemplateRefused(Reason("template_store.bad_name", name=name[:NAME_MOST],
                                     most=NAME_MOST))
    return name


# How a filing records the template it was written with: its name, or its
# name and version ("省局流向表 v2", "省局流向表@2").
_RECORDED = ("(template = :name OR substr(template, 1, length(:name) + 1) IN "
             "(:name || ' ', :name || '@', :name || '#', :name || ':', :name || '/'))")


class TemplateStore:
    """The templates of one open file."""

    def __init__(self, db: Database):
        self.db = db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn  # (a restore reconnects the Database)

    # --- reading -----------------------------------------------------------------

    def get(self, name: str, version: int | None = None) -> StoredTemplate | None:
        """The template ``name`` (its latest version when ``version`` is None)."""
        sql = ("SELECT name, version, body, sample, sample_name, sample_sha256, saved_at "
               "FROM filing_template WHERE name = ? ")
        row = self.conn.execute(
            sql + "ORDER BY version DESC LIMIT 1" if version is None else sql + "AND version = ?",
            (name,) if version is None else (name, version)).fetchone()
        if row is None:
            return None
        sample = bytes(row[3]) if row[3] is not None else None
        return StoredTemplate(row[0], row[1], row[2], sample, row[4], row[5], row[6])

    def versions(self, name: str) -> list[StoredTemplateInfo]:
        """Every version of ``name``, oldest first (none: an empty list)."""
        return [info for info in self._infos("WHERE t.name = :name", name=name)]

    def names(self) -> list[StoredTemplateInfo]:
        """The latest version of each template in the file, by name."""
        return self._infos("WHERE t.version = (SELECT max(version) FROM filing_template "
                           "WHERE name = t.name)")

    def _infos(self, where: str, **params) -> list[StoredTemplateInfo]:
        default = self.default()
        rows = self.conn.execute(
            "SELECT t.name, t.version, (SELECT count(*) FROM filing_template WHERE name = t.name),"
            " t.sample_name, t.sample_sha256, coalesce(length(t.sample), 0), t.saved_at,"
            " t.version = (SELECT max(version) FROM filing_template WHERE name = t.name) "
            f"FROM filing_template t {where} ORDER BY t.name, t.version", params).fetchall()
        return [StoredTemplateInfo(*row[:7], is_default=bool(row[7]) and row[0] == default)
                for row in rows]

    def default(self) -> str | None:
        """The name of the company's default template; None: the built-in one."""
        row = self.conn.execute("SELECT value FROM file_setting WHERE key = ?",
                                (DEFAULT_KEY,)).fetchone()
        return row[0] if row and row[0] else None

    def recorded_by(self, name: str) -> list[str]:
        """The months whose filing state or (final) export names template ``name``."""
        return [r[0] for r in self.conn.execute(
            f"SELECT period FROM period WHERE {_RECORDED} UNION "
            f"SELECT period FROM filing_export WHERE draft = 0 AND {_RECORDED} ORDER BY 1",
            {"name": name})]

    # --- writing -----------------------------------------------------------------

    def save(self, name: str, body: str, sample: bytes | None, sample_name: str = "", *,
             make_default: bool = False) -> int:
        """Keep ``body`` (and ``sample``) as the next version of ``name``, after
        a restore point, in one transaction (with ``make_default`` the company's
        default as well); returns the version."""
        checked_name(name)
        sample = bytes(sample) if sample is not None else None
        self.db.snapshot(f"before saving template {name}")
        with self.db.write() as conn:
            version = conn.execute(
                "SELECT coalesce(max(version), 0) + 1 FROM filing_template WHERE name = ?",
                (name,)).fetchone()[0]
            conn.execute(
                "INSERT INTO filing_template (name, version, body, sample, sample_name, "
                "sample_sha256, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, version, body, sample, sample_name if sample is not None else "",
                 sha256_of(sample), datetime.now().astimezone().isoformat(timespec="seconds")))
            if make_default:
                self._set_default(conn, name)
        return version

    def set_default(self, name: str | None, *, builtin: bool = False) -> None:
        """Make ``name`` the company's default template; None: back to the
        built-in REFLOW-1.  A name must be a template of the file, unless
        ``builtin`` (the caller knows it ships with magdesk)."""
        if name is not None and not builtin and self.get(name) is None:
            raise TemplateRefused(Reason("template_store.unknown", name=name))
        with self.db.write() as conn:
            self._set_default(conn, name)

    @staticmethod
    def _set_default(conn: sqlite3.Connection, name: str | None) -> None:
        if name is None:
            conn.execute("DELETE FROM file_setting WHERE key = ?", (DEFAULT_KEY,))
        else:
            conn.execute("INSERT INTO file_setting (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (DEFAULT_KEY, name))

    def delete(self, name: str) -> int:
        """Delete every version of ``name`` after a restore point (the default
        goes back to the built-in one when it was ``name``); returns how many
        versions.  Refused while a month's filing records the template: it
        is needed to export or amend that month again."""
        if not self.versions(name):
            raise TemplateRefused(Reason("template_store.unknown", name=name))
        months = self.recorded_by(name)
        if months:
            raise TemplateRefused(Reason("template_store.in_use", name=name,
                                         periods=Months(months)))
        self.db.snapshot(f"before deleting template {name}")
        with self.db.write() as conn:
            if not conn.execute("SELECT 1 FROM filing_template WHERE name = ?",
                                (name,)).fetchone():  # gone since (another session)
                raise TemplateRefused(Reason("template_store.unknown", name=name))
            months = self.recorded_by(name)
            if months:  # a filing recorded it since
                raise TemplateRefused(Reason("template_store.in_use", name=name,
                                             periods=Months(months)))
            count = conn.execute("DELETE FROM filing_template WHERE name = ?", (name,)).rowcount
            conn.execute("DELETE FROM file_setting WHERE key = ? AND value = ?",
                         (DEFAULT_KEY, name))
        return count
