"""Settings: the defaults are valid, so loading them needs none of the rules."""

import json
import subprocess
import sys

from magdesk.settings import Settings, load_settings, save_settings


def test_the_defaults_make_a_control_policy():
    Settings().control_policy()  # load_settings trusts the defaults without this check


def test_a_bad_control_setting_falls_back_to_the_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"control_mode": "SOMETIMES", "clerk_name": "王静"}),
                    encoding="utf-8")
    settings = load_settings(path)
    assert settings.control_mode == Settings().control_mode and settings.clerk_name == "王静"


def test_loading_the_defaults_loads_no_rules(tmp_path):
    path = save_settings(Settings(clerk_name="王静"), tmp_path / "settings.json")
    code = ("import sys; from pathlib import Path; from magdesk.settings import load_settings; "
            f"load_settings(Path({str(path)!r})); "
            "print(sorted(m for m in sys.modules if m.startswith('magdesk.core')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_an_empty_or_relative_xdg_folder_is_ignored(monkeypatch, tmp_path):
    """Some sessions export XDG_DATA_HOME empty: the data folder (restore
    points, the anchor list) must not become ./magdesk of wherever magdesk
    was started."""
    from pathlib import Path

    from magdesk.settings import config_dir, data_dir

    monkeypatch.delenv("MAGDESK_DATA_DIR", raising=False)
    monkeypatch.delenv("MAGDESK_CONFIG_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    for value in ("", "relative/share"):
        monkeypatch.setenv("XDG_DATA_HOME", value)
        monkeypatch.setenv("XDG_CONFIG_HOME", value)
        assert data_dir() == Path(tmp_path) / ".local" / "share" / "magdesk"
        assert config_dir() == Path(tmp_path) / ".config" / "magdesk"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "magdesk"
