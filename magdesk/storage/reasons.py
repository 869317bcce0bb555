"""Why a file cannot be opened or written, in the clerk's language.

A ``Reason`` is a ``str``, the English sentence (what logs, the CLI and
``str()`` of an error show), that also keeps its code and values, so that the
window can say it in Chinese: ``said(reason_or_error, "zh")``.  The texts are
the catalogue's ``file.<code>`` (``magdesk/text/files.py``)."""

from __future__ import annotations

import re

from .. import text


class Reason(str):
    """The English sentence for ``code`` with ``params``; ``message(lang)``
    says it in the clerk's language (values that are Reasons too).  Any layer
    may raise one for a refusal the clerk reads."""

    code: str
    params: dict

    def __new__(cls, code: str, /, **params) -> Reason:
        self = super().__new__(cls, text.say(_key(code), "en", **params))
        self.code, self.params = code, params
        return self

    def message(self, lang: str = "zh") -> str:
        values = dict(self.params)  # a Reason among them is said in ``lang`` by say()
        if "holder" in values:
            values["holder"] = holder_text(values["holder"], lang)
        return text.say(_key(self.code), lang, **values)

    def __reduce__(self):  # pickled as what it is, not as a plain str
        return (_rebuild, (self.code, self.params))


def _key(code: str) -> str:
    """The catalogue's code: ``file.<code>`` for the storage's own reasons; a
    dotted code (``accept.not_a_warning``) is the catalogue's already."""
    return code if "." in code else f"file.{code}"


def _rebuild(code: str, params: dict) -> Reason:
    return Reason(code, **params)


_HOLDER = re.compile(r"(?P<who>\S+) pid (?P<pid>\d+) since (?P<since>\S+)")


def holder_text(holder: str, lang: str) -> str:
    """The lock file's ``user@host pid N since TIME`` as the clerk reads it."""
    if lang != "zh":
        return holder
    if holder == "another program":
        return text.say("file.holder_other_program", lang)
    if holder == "another magdesk (process unknown)":  # safety.UNKNOWN_HOLDER
        return text.say("file.holder_unknown", lang)
    found = _HOLDER.fullmatch(holder)
    if found is None:
        return holder
    since = found["since"].replace("T", " ")[:16]
    return text.say("file.holder_process", lang, who=found["who"], pid=found["pid"], since=since)


def said(thing: object, lang: str) -> str:
    """A Reason, or an error carrying one (or its own ``message(lang)``), in
    ``lang``; anything else as ``str()`` has it."""
    message = getattr(thing, "message", None)
    if callable(message):
        return message(lang)
    if isinstance(thing, BaseException) and thing.args and isinstance(thing.args[0], Reason):
        return thing.args[0].message(lang)
    return str(thing)
