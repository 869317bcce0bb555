"""Tests of the code paths only Windows takes (msvcrt's file lock, NTFS,
%APPDATA% and %LOCALAPPDATA%, Windows' Chinese fonts).  They run on the
Windows runner (.github/workflows/windows.yml: ``pytest tests/windows``);
elsewhere this folder is not collected, since none of it can run there.
What can run anywhere of those paths is tested in tests/test_platforms.py."""

import os

collect_ignore_glob = [] if os.name == "nt" else ["test_*.py"]
