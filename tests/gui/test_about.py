"""Help ▸ About says the version and when and on what the copy was built."""

import json

from PySide6.QtWidgets import QMessageBox

from magdesk import __version__, resources


def _about_text(window, monkeypatch) -> str:
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, body: shown.append(body))
    window.about()
    return shown[0]


def test_about_says_run_from_source(window, monkeypatch):
    text = _about_text(window, monkeypatch)
    assert f"magdesk {__version__}" in text and "从源代码运行" in text


def test_about_says_when_and_on_what_the_bundle_was_built(window, monkeypatch, tmp_path):
    folder = tmp_path / "resources"
    folder.mkdir()
    (folder / "codelists").symlink_to(resources.resources_dir() / "codelists")
    (folder / "build.json").write_text(json.dumps(
        {"date": "2026-12-06", "system": "Debian 11, glibc 2.31", "python": "3.11.2",
         "qt": "6.9.3"}), encoding="utf-8")
    monkeypatch.setenv("MAGDESK_RESOURCES", str(folder))
    resources.resources_dir.cache_clear()
    resources.build_info.cache_clear()
    try:
        text = _about_text(window, monkeypatch)
    finally:
        monkeypatch.undo()
        resources.resources_dir.cache_clear()
        resources.build_info.cache_clear()
    assert "构建于 2026-12-06，Debian 11, glibc 2.31（Python 3.11.2，Qt 6.9.3）" in text
