"""What of the Windows and bundle code paths runs anywhere: the user folders
as Windows names them, the Chinese font each system has, and what a bundle
says of its build (--version, Help ▸ About).  Windows itself: tests/windows."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from magdesk import __version__, resources
from magdesk.settings import config_dir, data_dir


def test_windows_keeps_settings_in_appdata_and_data_in_localappdata(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    for var in ("MAGDESK_CONFIG_DIR", "MAGDESK_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert config_dir() == tmp_path / "Roaming" / "magdesk"
    # restore points and the demo are large: they stay on this computer
    assert data_dir() == tmp_path / "Local" / "magdesk"
    monkeypatch.setenv("APPDATA", "")  # unset or empty: the profile's usual place
    assert config_dir() == Path.home() / "AppData" / "Roaming" / "magdesk"


@pytest.mark.parametrize(("installed", "chinese", "picked"), [
    (["Arial", "SimSun", "Microsoft YaHei", "SimHei"], ["SimSun"], "Microsoft YaHei"),
    (["Arial", "SimSun"], ["SimSun"], "SimSun"),  # an older Windows without YaHei
    (["DejaVu Sans", "WenQuanYi Micro Hei"], [], "WenQuanYi Micro Hei"),
    (["Arial", "FangSong"], ["FangSong"], "FangSong"),  # none named: any that writes Chinese
    (["Arial"], [], ""),
])
def test_each_system_prints_chinese_in_a_font_it_has(installed, chinese, picked):
    from magdesk.gui.printing import pick_cjk

    assert pick_cjk(installed, chinese) == picked


@pytest.fixture
def bundle_resources(tmp_path, monkeypatch):
    """A resources folder as a bundle has it, with the build's build.json."""
    folder = tmp_path / "resources"
    folder.mkdir()
    (folder / "codelists").symlink_to(resources.resources_dir() / "codelists")
    monkeypatch.setenv("MAGDESK_RESOURCES", str(folder))
    resources.resources_dir.cache_clear()
    resources.build_info.cache_clear()
    yield folder
    resources.resources_dir.cache_clear()
    resources.build_info.cache_clear()


def test_a_bundle_says_when_and_on_what_it_was_built(bundle_resources):
    (bundle_resources / "build.json").write_text(json.dumps(
        {"date": "2026-12-06", "system": "Debian 11, glibc 2.31", "python": "3.11.2",
         "qt": "6.9.3"}), encoding="utf-8")
    assert resources.version_text() == (
        f"magdesk {__version__} (built 2026-12-06 on Debian 11, glibc 2.31)")


def test_a_damaged_build_file_is_run_from_source(bundle_resources):
    (bundle_resources / "build.json").write_text("{not json", encoding="utf-8")
    assert resources.version_text() == f"magdesk {__version__} (from source)"


def test_version_from_source_and_from_the_build_script(tmp_path):
    out = subprocess.run([sys.executable, "-m", "magdesk.cli", "--version"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == f"magdesk {__version__} (from source)"
    sys.path.insert(0, str(Path(__file__).parents[1] / "installer"))
    try:
        import build_info
    finally:
        sys.path.pop(0)
    name, path = build_info.write(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert name == "build.json" and data["date"][:2] == "20" and data["system"]
    assert data["qt"].startswith("6.")
