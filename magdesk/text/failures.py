"""An unforeseen failure, said in one line that names the log holding its
traceback (``failures.explain``)."""

from __future__ import annotations

FAILURES: dict[str, tuple[str, str]] = {
    "failure.logged": (
        "{command} 意外失败（{error}）；详细信息已写入 {log}，请把该文件发给技术支持",
        "{command} failed unexpectedly ({error}); the details are in {log} (send that file "
        "to support)",
    ),
    "failure.unlogged": (
        "{command} 意外失败（{error}）；详细信息也无法写入日志文件",
        "{command} failed unexpectedly ({error}); the details could not be written to a log "
        "file either",
    ),
}
