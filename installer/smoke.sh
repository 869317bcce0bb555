#!/usr/bin/env bash
# Smoke test of the Linux installers: build the bundle and the .deb, unpack the
# .deb into a temporary root (no dpkg -i), and run what it installed as a new
# user would, offscreen: magdesk-cli demo, validate, export, summary, then the
# window on the demo until it is shown.  Prints build time, sizes, start time.
#   bash installer/smoke.sh
# DEB_COMPRESS=zstd builds the .deb in seconds instead of minutes (CI);
# SMOKE_NO_BUILD=1 reuses dist/ as it is.
# Needs: the .venv (installer/dev.sh), dpkg-deb, binutils, desktop-file-utils.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dpkg-deb strip objdump ldd desktop-file-validate; do
    command -v "$tool" >/dev/null || { echo "smoke: '$tool' missing" >&2; exit 1; }
done

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

t0=$(now)
if [ -z "${SMOKE_NO_BUILD:-}" ]; then
    bash installer/build.sh
fi
t1=$(now)
if [ -z "${SMOKE_NO_BUILD:-}" ]; then
    bash installer/linux/build-deb.sh
fi
t2=$(now)

version=$(.venv/bin/python -c "import magdesk; print(magdesk.__version__)")
deb=$(ls -t dist/magdesk_*_"$(dpkg --print-architecture)".deb | head -1)
dpkg-deb -f "$deb" Version | grep -qx "$(echo "$version" | sed -E 's/\.?(a|b|rc|dev)([0-9]*)/~\1\2/')" \
    || fail "$deb does not carry version $version"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
opt="$root/opt/magdesk"

# layout: programs on the PATH, menu entry, icons
for prog in magdesk magdesk-cli; do
    [ "$(readlink "$root/usr/bin/$prog")" = "/opt/magdesk/$prog" ] || fail "usr/bin/$prog"
    [ -x "$opt/$prog" ] || fail "opt/magdesk/$prog"
done
desktop-file-validate "$root/usr/share/applications/magdesk.desktop" || fail "magdesk.desktop"
for size in 16 24 32 48 64 128 256 512; do
    [ -s "$root/usr/share/icons/hicolor/${size}x${size}/apps/magdesk.png" ] || fail "icon ${size}"
done
[ -s "$root/usr/share/icons/hicolor/scalable/apps/magdesk.svg" ] || fail "scalable icon"

# every library the bundle links is in it or on a Debian desktop (control's Depends)
missing=$(find "$opt" -type f -name '*.so*' -print0 \
          | LD_LIBRARY_PATH="$opt/_internal" xargs -0 ldd 2>/dev/null | grep "not found" | sort -u || true)
[ -z "$missing" ] || fail "unresolved libraries: $missing"

# a new user: empty home, offscreen, Chinese (set for the programs only: this
# machine may lack the zh_CN locale, which Qt and magdesk do without)
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export QT_QPA_PLATFORM=offscreen
unset LC_ALL LC_MESSAGES LANGUAGE MAGDESK_CONFIG_DIR MAGDESK_DATA_DIR MAGDESK_RESOURCES
mkdir -p "$HOME"
log="$tmp/log"
run() {  # run NAME COMMAND...: quiet unless it fails
    local name=$1; shift
    local rc=0
    LANG=zh_CN.UTF-8 "$@" >"$log" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || { cat "$log" >&2; fail "$name (rc $rc)"; }
}
cli="$opt/magdesk-cli"
[ "$("$cli" --version)" = "magdesk $version" ] || fail "magdesk-cli --version"
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
    run "magdesk --demo" "$opt/magdesk" --demo --quit-after 1
    b=$(now)
    secs "$a" "$b"
}
first=$(start_time)
[ -s "$XDG_DATA_HOME/magdesk/magdesk-demo.sqlite" ] || fail "the demo was not created"
second=$(start_time)
run "magdesk --demo --quit-after 2000" "$opt/magdesk" --demo --quit-after 2000
# an exception in a slot is printed, not fatal: a module missing from the bundle shows here
! grep -q Traceback "$log" || { cat "$log" >&2; fail "magdesk printed a traceback"; }

echo "smoke: OK"
if [ -z "${SMOKE_NO_BUILD:-}" ]; then
    echo "  build time:    bundle $(secs "$t0" "$t1") s, .deb $(secs "$t1" "$t2") s (${DEB_COMPRESS:-xz})"
fi
echo "  bundle size:   $(du -sh "$opt" | cut -f1) on disk ($(du -sb "$opt" | cut -f1) bytes, $(find "$opt" -type f | wc -l) files)"
echo "  .deb size:     $(du -h "$deb" | cut -f1) ($deb, $(dpkg-deb -f "$deb" Depends | grep -o 'libc6 ([^)]*)'))"
echo "  start time:    $first s first start (writes the demo), $second s next start (window shown, then quit)"
