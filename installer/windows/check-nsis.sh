#!/usr/bin/env bash
# Prove installer/windows/magdesk.nsi on Linux: compile it over the real Linux
# bundle's files (dist/magdesk from installer/build.sh, its two programs
# named magdesk.exe and magdesk-cli.exe) with the same script the Windows
# workflow runs, and check that the setup carries every file of the bundle.
#   bash installer/windows/check-nsis.sh      (apt install nsis; after installer/build.sh)
# zlib instead of the release's solid LZMA: the same file list in a fraction
# of the time.
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle=${BUNDLE:-dist/magdesk}
[ -x "$bundle/magdesk-cli" ] || { echo "check-nsis.sh: no bundle in $bundle (run installer/build.sh)" >&2; exit 1; }
payload="$PWD/build/nsis/payload"
out="$PWD/build/nsis/magdesk-setup-check.exe"
rm -rf "$payload" "$out"
mkdir -p "$(dirname "$payload")"
cp -al "$bundle" "$payload" 2>/dev/null || cp -a "$bundle" "$payload"
mv "$payload/magdesk" "$payload/magdesk.exe"
mv "$payload/magdesk-cli" "$payload/magdesk-cli.exe"
bash installer/windows/build-installer.sh "$payload" "$out" -DCOMPRESSOR=zlib
rm -rf "$payload"
