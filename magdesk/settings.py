"""User settings: a typed dataclass stored as JSON in the user's config folder."""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the policy's module is loaded when a check needs it, not at start
    from .core.control import ControlPolicy


@dataclass(frozen=True)
class Settings:
    language: str = ""  # "zh" or "en"; empty = from the system locale
    clerk_name: str = ""
    deadline_day: int = 10  # filing due on this day of the following month
    control_mode: str = "ANY"  # a core.control.ThresholdMode value
    control_threshold_pct: str = "0"  # Dy/Tb above this percentage is controlled
    control_rules_on: str = ""  # control rules kept off as data, turned on: "1C909.a.4, …"
    backup_dir: str = ""  # restore points go to <this or the data folder>/snapshots/
    snapshots_keep: int = 20  # the newest N are kept, and the last of each filed period
    mass_unit: str = "kg"
    attachment_limit_mb: int = 1024  # a larger file is refused when attached

    def attachment_limit(self) -> int:
        """The size limit of one attachment, in bytes."""
        return max(1, self.attachment_limit_mb) * 2**20

    def lang(self) -> str:
        return self.language or system_language()

    def control_policy(self) -> ControlPolicy:
        from .core.control import ControlPolicy, ThresholdMode, parse_rules_on
        from .core.units import parse_pct

        return ControlPolicy(ThresholdMode(self.control_mode), parse_pct(self.control_threshold_pct),
                             parse_rules_on(self.control_rules_on))


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    import locale  # (only when the environment does not say)

    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh" if code.lower().startswith("zh") else "en"


def _base(var: str, default: Path) -> Path:
    """The folder an environment variable names, or ``default`` when it is
    unset, empty or relative (the XDG rule: an empty one would otherwise put
    restore points and the anchor list in whatever folder magdesk started in)."""
    value = os.environ.get(var, "")
    return Path(value) if value and Path(value).is_absolute() else default


def config_dir() -> Path:
    override = os.environ.get("MAGDESK_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = _base("APPDATA", Path.home() / "AppData" / "Roaming")
    else:
        base = _base("XDG_CONFIG_HOME", Path.home() / ".config")
    return base / "magdesk"


def data_dir() -> Path:
    """Where magdesk keeps databases it creates itself (the demo, backups)."""
    override = os.environ.get("MAGDESK_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = _base("LOCALAPPDATA", Path.home() / "AppData" / "Local")
    else:
        base = _base("XDG_DATA_HOME", Path.home() / ".local" / "share")
    return base / "magdesk"


def load_settings(path: Path | None = None) -> Settings:
    """Settings from disk; unknown keys are ignored and bad values fall back
    to the defaults, so an old or hand-edited file never stops the program."""
    path = path or config_dir() / "settings.json"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return Settings()
    import json  # (not needed by a first start without settings)

    try:
        data = json.loads(text)
    except ValueError:
        return Settings()
    known = {f.name: f for f in dataclasses.fields(Settings)}
    clean = {}
    for key, value in data.items() if isinstance(data, dict) else ():
        spec = known.get(key)
        if spec is not None and isinstance(value, type(spec.default)):
            clean[key] = value
    settings = Settings(**clean)
    default = Settings()
    if (settings.control_mode, settings.control_threshold_pct) == \
            (default.control_mode, default.control_threshold_pct):
        return settings  # the defaults are valid (a test checks): no need to load the rules
    try:
        settings.control_policy()
    except ValueError:
        settings = dataclasses.replace(settings, control_mode=Settings.control_mode,
                                       control_threshold_pct=Settings.control_threshold_pct)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    import json

    path = path or config_dir() / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2),
                   encoding="utf-8")
    os.replace(tmp, path)
    return path
