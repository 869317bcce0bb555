#!/usr/bin/env bash
# Build the one-folder bundle dist/magdesk/ (programs magdesk and magdesk-cli)
# from installer/magdesk.spec.  Linux, and Windows in Git Bash (the workflow
# .github/workflows/windows.yml runs it with PYTHON=python).
#   bash installer/build.sh
# PYTHON selects the interpreter (default .venv/bin/python); PyInstaller comes
# from the "build" extra and is installed into it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    "$PY" -m pip install -q -c installer/pins.txt -e ".[build]"
fi
case "$(uname -s)" in
Linux)
    command -v strip >/dev/null || { echo "build.sh: 'strip' missing (apt install binutils)" >&2; exit 1; }

    # The bundle carries the X11 libraries of Qt's xcb plugin, taken from this
    # machine; one it lacks would be missing on a desktop that lacks it too.
    qxcb=$("$PY" -c "import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / 'Qt/plugins/platforms/libqxcb.so')")
    missing=$(LD_LIBRARY_PATH="$(dirname "$(dirname "$(dirname "$qxcb")")")/lib" ldd "$qxcb" | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
    if [ -n "$missing" ]; then
        echo "build.sh: Qt's X11 plugin needs $missing- not on this machine (on Debian" \
             "libxcb-icccm4 and libxcb-keysyms1 are the usual ones missing; 'apt-file search'" \
             "names the package of any other)" >&2
        exit 1
    fi
    ;;
*)  # Windows (Git Bash on the CI runner): no strip, and Qt brings its own platform plugin
    ;;
esac

export PYINSTALLER_CONFIG_DIR="$PWD/build/pyinstaller-config"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/magdesk.spec
echo "bundle: dist/magdesk ($(du -sh dist/magdesk | cut -f1))"
