#!/usr/bin/env bash
# Package the bundle dist/magdesk/ (installer/build.sh) as
# dist/magdesk_<version>_<arch>.deb for Debian, Ubuntu, Kylin and UOS:
#   /opt/magdesk/                      the bundle
#   /usr/bin/magdesk, magdesk-cli      symbolic links into it
#   /usr/share/applications/magdesk.desktop, /usr/share/icons/hicolor/...
# No maintainer scripts: the desktop database and icon cache are refreshed by
# dpkg triggers of desktop-file-utils and the hicolor theme, and removal only
# takes what dpkg installed, never ~/.config/magdesk or ~/.local/share/magdesk.
#   bash installer/linux/build-deb.sh
# DEB_COMPRESS=zstd gives a faster build and a larger file (dpkg >= 1.21.18);
# MAINTAINER sets the Maintainer field.
set -euo pipefail
cd "$(dirname "$0")/../.."

BUNDLE=dist/magdesk
[ -x "$BUNDLE/magdesk-cli" ] || { echo "build-deb.sh: no bundle in $BUNDLE (run installer/build.sh)" >&2; exit 1; }
for tool in dpkg-deb objdump; do
    command -v "$tool" >/dev/null || { echo "build-deb.sh: '$tool' missing" >&2; exit 1; }
done

# the version the bundle itself reports: magdesk.__version__, as shipped.
# PEP 440 pre-releases sort before the release in Debian only with a tilde.
py_version=$("$BUNDLE/magdesk-cli" --version | awk '{print $2}')
version=$(echo "$py_version" | sed -E 's/\.?(a|b|rc|dev)([0-9]*)/~\1\2/')
arch=$(dpkg --print-architecture)
# the system it is built on, named in the description (DEB_BUILT_FOR overrides)
built_on=${DEB_BUILT_FOR:-$(. /etc/os-release && echo "${NAME%% *} ${VERSION_ID:-}")}
# the newest glibc symbol version any bundled binary asks for
glibc=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name magdesk -o -name magdesk-cli \) \
            -exec objdump -T {} + 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' \
        | sort -uV | tail -1)

systems() {  # desktops whose glibc is $1 or newer (Kylin Desktop V10 SP1: Ubuntu 20.04's 2.31; UOS 20: Debian 10's 2.28)
    case "$1" in
        2.2[0-8]) echo "Debian 10 and newer, Ubuntu 18.10 and newer, Kylin Desktop V10 SP1, UOS Desktop 20" ;;
        2.29|2.30|2.31) echo "Debian 11 and 12, Ubuntu 20.04 and newer, Kylin Desktop V10 SP1 and newer" ;;
        2.3[2-5]) echo "Debian 12, Ubuntu 22.04 and newer" ;;
        2.36) echo "Debian 12, Ubuntu 23.04 and newer" ;;
        *) echo "systems with glibc $1 or newer" ;;
    esac
}

root=build/deb/root
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/doc/magdesk"
cp -a "$BUNDLE" "$root/opt/magdesk"
ln -s /opt/magdesk/magdesk "$root/usr/bin/magdesk"
ln -s /opt/magdesk/magdesk-cli "$root/usr/bin/magdesk-cli"
install -m 644 installer/linux/magdesk.desktop "$root/usr/share/applications/magdesk.desktop"
install -m 644 installer/linux/copyright "$root/usr/share/doc/magdesk/copyright"
for png in resources/icons/magdesk-*.png; do
    size=$(basename "$png" .png); size=${size#magdesk-}
    install -D -m 644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/magdesk.png"
done
install -D -m 644 resources/icons/magdesk.svg "$root/usr/share/icons/hicolor/scalable/apps/magdesk.svg"
chmod -R u+rwX,go+rX,go-w "$root"
find "$root/opt/magdesk" -type f -name '*.so*' -exec chmod 644 {} +  # libraries need no x bit

(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print0 | sort -z \
    | xargs -0 md5sum | sed 's|  \./|  |') > "$root/DEBIAN/md5sums"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<EOF
Package: magdesk
Version: $version
Architecture: $arch
Maintainer: ${MAINTAINER:-magdesk maintainers <magdesk@localhost>}
Installed-Size: $installed_kb
Depends: libc6 (>= $glibc), libegl1, libgl1, libx11-6, libxcb1, libfontconfig1, libxkbcommon0, libdbus-1-3
Recommends: fonts-noto-cjk | fonts-wqy-microhei
Section: misc
Priority: optional
Description: desk of the clerk at a rare-earth magnet producer
 magdesk keeps a rare-earth permanent-magnet producer's counterparties,
 products, purchases, production batches, sales, exports and export licences
 offline in one SQLite file, checks every record, writes the monthly product
 flow filing workbook and prints summaries, in Simplified Chinese or English.
 .
 Built on $built_on for glibc $glibc or newer:
 $(systems "$glibc").
 .
 稀土永磁生产企业的台账与月度稀土产品流向申报（离线）。
EOF

deb="dist/magdesk_${version}_${arch}.deb"
dpkg-deb --root-owner-group "-Z${DEB_COMPRESS:-xz}" --build "$root" "$deb" >/dev/null
echo "package: $deb ($(du -h "$deb" | cut -f1); installed $((installed_kb / 1024)) MB; libc6 >= $glibc)"
