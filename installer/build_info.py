"""What a bundle says of its build (installer/magdesk.spec calls ``write``):
the date, the system it was built on, Python's and Qt's versions, as
``resources/build.json`` in the bundle, read by ``magdesk.resources.build_info``
for Help ▸ About and ``--version``.  SOURCE_DATE_EPOCH, when set, fixes the
date (reproducible builds)."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path


def system_name() -> str:
    """"Debian 11", "Windows 10", … the system this build runs on."""
    if sys.platform == "win32":
        return f"Windows {platform.release()}"
    try:
        fields = dict(line.split("=", 1) for line in
                      Path("/etc/os-release").read_text().splitlines() if "=" in line)
    except OSError:
        return platform.system()
    name = fields.get("NAME", platform.system()).strip('"').split()[0]
    version = fields.get("VERSION_ID", "").strip('"')
    libc, libc_version = platform.libc_ver()
    glibc = f", glibc {libc_version}" if libc == "glibc" else ""
    return f"{name} {version}{glibc}".replace(" ,", ",").strip()


def info() -> dict[str, str]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    from PySide6 import __version__ as qt

    return {"date": when.date().isoformat(), "system": system_name(),
            "python": platform.python_version(), "qt": qt}


def write(folder: Path) -> tuple[str, Path]:
    """Write build.json into ``folder``; (its name, its path) for the spec's datas."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "build.json"
    path.write_text(json.dumps(info(), ensure_ascii=False, indent=1), encoding="utf-8")
    return "build.json", path
