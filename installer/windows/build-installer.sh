#!/usr/bin/env bash
# Compile installer/windows/magdesk.nsi over a one-folder bundle:
#   bash installer/windows/build-installer.sh PAYLOAD OUTFILE [makensis options...]
# PAYLOAD holds magdesk.exe, magdesk-cli.exe and _internal\.  Runs on Linux
# (installer/windows/check-nsis.sh, over the Linux bundle) and on Windows in
# Git Bash (.github/workflows/windows.yml, over the Windows bundle).  Prints
# the number of files the setup program carries and its size.
set -euo pipefail
cd "$(dirname "$0")/../.."
payload=${1:?usage: build-installer.sh PAYLOAD OUTFILE [makensis options...]}
outfile=${2:?usage: build-installer.sh PAYLOAD OUTFILE [makensis options...]}
shift 2
command -v makensis >/dev/null || { echo "build-installer.sh: 'makensis' missing (apt install nsis; on Windows: choco install nsis)" >&2; exit 1; }
for exe in magdesk.exe magdesk-cli.exe; do
    [ -f "$payload/$exe" ] || { echo "build-installer.sh: $payload/$exe missing" >&2; exit 1; }
done
mkdir -p "$(dirname "$outfile")"
abs() { (cd "$(dirname "$1")" && echo "$PWD/$(basename "$1")"); }
native() {  # makensis on Windows wants C:\... paths
    if command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi
}
p=$(native "$(abs "$payload")")
o=$(native "$(abs "$outfile")")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
makensis -V4 -WX "$@" "-DPAYLOAD=$p" "-DOUTFILE=$o" installer/windows/magdesk.nsi > "$log" \
    || { cat "$log" >&2; exit 1; }
[ "$(head -c 2 "$outfile")" = "MZ" ] || { echo "build-installer.sh: $outfile is not a Windows executable" >&2; exit 1; }
carried=$(grep -c '^File: ".*" \[compress\]' "$log" || true)
files=$(find "$payload" \( -type f -o -type l \) | wc -l)  # a link is carried as the file it names
[ "$carried" -eq "$files" ] || {
    echo "build-installer.sh: the setup carries $carried files, the bundle has $files" >&2; exit 1; }
echo "nsis: $outfile ($(du -h "$outfile" | cut -f1), $carried files)"
