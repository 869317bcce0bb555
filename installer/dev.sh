#!/usr/bin/env bash
# Set up a development machine (Debian/Ubuntu, Python 3.11+) and run magdesk.
#   bash installer/dev.sh demo   - the app on a fresh demo database
#   bash installer/dev.sh test   - the test suite
# Idempotent: packages and the virtual environment are installed only if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(fonts-wqy-microhei poppler-utils binutils postgresql)  # binutils: objdump, for the glibc check's test;
# postgresql: the server the PostgreSQL tests start in a temporary folder (pg-test-cluster.sh)

need_apt() {
    local missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

need_venv() {
    if [ ! -x .venv/bin/python ]; then
        python3 -m venv .venv
    fi
    if ! .venv/bin/python -c "import magdesk, pytest, pytestqt, hypothesis, importlinter" 2>/dev/null \
        || [ pyproject.toml -nt .venv/.magdesk-installed ] \
        || [ installer/pins.txt -nt .venv/.magdesk-installed ]; then
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -c installer/pins.txt -e ".[test]"
        touch .venv/.magdesk-installed
    fi
}

cmd="${1:-demo}"
shift || true
need_apt
need_venv
case "$cmd" in
    demo)
        .venv/bin/magdesk-cli demo --db demo/magdesk-demo.sqlite --replace
        .venv/bin/magdesk-cli validate --db demo/magdesk-demo.sqlite
        .venv/bin/magdesk-cli check --db demo/magdesk-demo.sqlite
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
            exec .venv/bin/magdesk "$@" demo/magdesk-demo.sqlite
        fi
        echo "(no display: start the window later with .venv/bin/magdesk demo/magdesk-demo.sqlite)"
        ;;
    test)
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
        .venv/bin/ruff check .
        .venv/bin/lint-imports  # the layers (pyproject.toml [tool.importlinter])
        # One throwaway PostgreSQL cluster for the run (tests/pg/conftest.py makes a
        # database per test on it), stopped and removed however pytest ends.
        pg_dir=$(mktemp -d /tmp/magdesk-pg.XXXXXX)  # /tmp: the postgres user must enter it
        trap 'bash installer/pg-test-cluster.sh stop "$pg_dir" || true; rm -rf "$pg_dir"' EXIT
        MAGDESK_TEST_PG=$(bash installer/pg-test-cluster.sh start "$pg_dir")
        export MAGDESK_TEST_PG
        .venv/bin/python -m pytest -q "$@"
        ;;
    *)
        echo "usage: bash installer/dev.sh demo|test" >&2
        exit 2
        ;;
esac
