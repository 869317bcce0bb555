"""Why a file could not be written, in the clerk's words: an OSError names
the file the clerk chose; a refusal with a code says its own sentence."""

import errno

from magdesk import usecases
from magdesk.storage.reasons import Reason


def test_an_os_error_names_the_chosen_file_in_both_languages(tmp_path):
    exc = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".tmp-123"))
    chosen = tmp_path / "报关单资料.pdf"
    zh = usecases.failure_words(exc, "zh", chosen)
    en = usecases.failure_words(exc, "en", chosen)
    assert str(chosen) in zh and str(chosen) in en and ".tmp-123" not in zh
    assert zh != en
    # no path given: the one the error names
    assert ".tmp-123" in usecases.failure_words(exc, "en")


def test_a_refusal_with_a_code_says_its_own_sentence():
    exc = ValueError(Reason("records.reason_short"))
    assert usecases.failure_words(exc, "zh") == Reason("records.reason_short").message("zh")
    assert usecases.failure_words(RuntimeError("plain"), "en") == "plain"
