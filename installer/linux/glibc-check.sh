#!/usr/bin/env bash
# The newest GLIBC and GLIBCXX symbol versions any ELF file under DIR asks for,
# and a failure if one is newer than the target (objdump over every file
# that starts with the ELF magic, not only those named *.so).
#   bash installer/linux/glibc-check.sh DIR [MAX_GLIBC [MAX_GLIBCXX]]
# e.g. glibc-check.sh dist/magdesk 2.31 3.4.28 (Debian 11: glibc 2.31, GCC 10).
set -euo pipefail
dir=${1:?usage: glibc-check.sh DIR [MAX_GLIBC [MAX_GLIBCXX]]}
max_glibc=${2:-}
max_glibcxx=${3:-}
command -v objdump >/dev/null || { echo "glibc-check: 'objdump' missing (apt install binutils)" >&2; exit 1; }

list=$(mktemp)
trap 'rm -f "$list"' EXIT
elves=0
while IFS= read -r -d '' f; do
    [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = "177ELF" ] || continue
    elves=$((elves + 1))
    objdump -T "$f" 2>/dev/null | grep -o 'GLIBC\(XX\)\?_[0-9][0-9.]*' | sed "s|^|$f |" >> "$list" || true
done < <(find "$dir" -type f -print0)

newest() { awk -v p="$1_" '$2 ~ "^"p"[0-9]" {sub(p, "", $2); print $2}' "$list" | sort -uV | tail -1; }
glibc=$(newest GLIBC)
glibcxx=$(newest GLIBCXX)
echo "glibc-check: $elves ELF files in $dir; newest GLIBC_${glibc:-none}, GLIBCXX_${glibcxx:-none}"
too_new() {  # too_new PREFIX MAX: the files asking for a PREFIX_ version above MAX
    awk -v p="$1_" '$2 ~ "^"p"[0-9]" {v=$2; sub(p, "", v); print v, $1}' "$list" | sort -u \
        | while read -r v f; do
            [ "$(printf '%s\n%s\n' "$v" "$2" | sort -V | tail -1)" = "$2" ] || echo "  $f needs $1_$v"
          done
}
bad=""
[ -z "$max_glibc" ] || bad+=$(too_new GLIBC "$max_glibc")
[ -z "$max_glibcxx" ] || bad+=$(too_new GLIBCXX "$max_glibcxx")
if [ -n "$bad" ]; then
    echo "glibc-check: FAILED: newer than GLIBC_$max_glibc / GLIBCXX_${max_glibcxx:-any}:" >&2
    echo "$bad" | sort -u >&2
    exit 1
fi
