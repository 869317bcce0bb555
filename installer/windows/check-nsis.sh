#!/usr/bin/env bash
# Prove installer/windows/magdesk.nsi on Linux: compile it with makensis
# against a placeholder payload (the real bundle can only be built on Windows)
# and check that the result is a Windows executable.
#   bash installer/windows/check-nsis.sh      (apt install nsis)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v makensis >/dev/null || { echo "check-nsis.sh: 'makensis' missing (apt install nsis)" >&2; exit 1; }

payload="$PWD/build/nsis/payload"
out="$PWD/build/nsis/magdesk-setup-placeholder.exe"
rm -rf "$payload" "$out"
mkdir -p "$payload/_internal/resources"
for exe in magdesk.exe magdesk-cli.exe; do
    printf 'placeholder for %s: the PyInstaller bundle is built on Windows\n' "$exe" > "$payload/$exe"
done
cp -r resources/. "$payload/_internal/resources/"

makensis -V2 -WX "-DPAYLOAD=$payload" "-DOUTFILE=$out" installer/windows/magdesk.nsi
[ "$(head -c 2 "$out")" = "MZ" ] || { echo "check-nsis.sh: $out is not a Windows executable" >&2; exit 1; }
echo "nsis: $out ($(du -h "$out" | cut -f1))"
