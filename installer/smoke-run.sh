#!/usr/bin/env bash
# Run an installed magdesk as a new user would, offscreen, in Chinese:
# --version, then magdesk-cli demo, validate, export and summary, then the
# window on the demo until it is shown.  Prints the start times.
#   bash installer/smoke-run.sh DIR [VERSION]
# DIR holds the programs magdesk and magdesk-cli (magdesk.exe and
# magdesk-cli.exe on Windows).  The same script runs the unpacked .deb
# (installer/smoke.sh), the .deb installed in a Debian 11 root
# (installer/linux/build-bullseye.sh) and the silently installed Windows
# program (.github/workflows/windows.yml).
set -euo pipefail

dir=${1:?usage: smoke-run.sh DIR [VERSION]}
version=${2:-}
exe=""
[ -x "$dir/magdesk-cli.exe" ] && exe=".exe"
cli="$dir/magdesk-cli$exe"
gui="$dir/magdesk$exe"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a new user: empty home, offscreen, Chinese (set for the programs only: the
# machine may lack the zh_CN locale, which Qt and magdesk do without)
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export APPDATA="$tmp/home/AppData/Roaming" LOCALAPPDATA="$tmp/home/AppData/Local"
export QT_QPA_PLATFORM=offscreen
unset LC_ALL LC_MESSAGES LANGUAGE MAGDESK_CONFIG_DIR MAGDESK_DATA_DIR MAGDESK_RESOURCES
mkdir -p "$HOME" "$APPDATA" "$LOCALAPPDATA"
log="$tmp/log"
run() {  # run NAME COMMAND...: quiet unless it fails
    local name=$1; shift
    local rc=0
    LANG=zh_CN.UTF-8 "$@" >"$log" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || { cat "$log" >&2; fail "$name (rc $rc)"; }
}
said=$("$cli" --version | tr -d '\r')
case "$said" in
    "magdesk ${version:-}"*) ;;
    *) fail "magdesk-cli --version said '$said', not magdesk $version" ;;
esac
echo "smoke: $said"
db="$tmp/demo.sqlite"
run "magdesk-cli demo" "$cli" demo --db "$db" --end-period 2025-06
run "magdesk-cli validate" "$cli" validate --db "$db"
run "magdesk-cli export" "$cli" export --db "$db" --period 2025-06 --out "$tmp/out"
ls "$tmp"/out/*_202506_稀土产品流向.xlsx >/dev/null || fail "no filing workbook"
run "magdesk-cli summary" "$cli" summary --db "$db" --period 2025-06 --report flow --pdf "$tmp/out/flow.pdf"
[ -s "$tmp/out/flow.pdf" ] || fail "no summary PDF"

# the window: --quit-after 1 quits as soon as the event loop runs, i.e. once
# the main window is shown; the first start also writes the demo database
start_time() {
    local a b
    a=$(now)
    run "magdesk --demo" "$gui" --demo --quit-after 1
    b=$(now)
    secs "$a" "$b"
}
first=$(start_time)
demo=$(find "$tmp/home" -name magdesk-demo.sqlite | head -1)
[ -s "$demo" ] || fail "the demo was not created"
second=$(start_time)
run "magdesk --demo --quit-after 2000" "$gui" --demo --quit-after 2000
# an exception in a slot is printed, not fatal: a module missing from the bundle shows here
! grep -q Traceback "$log" || { cat "$log" >&2; fail "magdesk printed a traceback"; }

echo "smoke: OK"
echo "  start time:    $first s first start (writes the demo), $second s next start (window shown, then quit)"
