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

version=$("${PYTHON:-.venv/bin/python}" -c "import magdesk; print(magdesk.__version__)")
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

bash installer/smoke-run.sh "$opt" "$version"

if [ -z "${SMOKE_NO_BUILD:-}" ]; then
    echo "  build time:    bundle $(secs "$t0" "$t1") s, .deb $(secs "$t1" "$t2") s (${DEB_COMPRESS:-xz})"
fi
echo "  bundle size:   $(du -sh "$opt" | cut -f1) on disk ($(du -sb "$opt" | cut -f1) bytes, $(find "$opt" -type f | wc -l) files)"
echo "  .deb size:     $(du -h "$deb" | cut -f1) ($deb, $(dpkg-deb -f "$deb" Depends | grep -o 'libc6 ([^)]*)'))"
