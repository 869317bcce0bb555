#!/usr/bin/env bash
# The bundle and .deb for glibc 2.31 - Debian 11 and 12, Ubuntu 20.04 and
# newer, Kylin Desktop V10 SP1 (glibc 2.31) - built inside a Debian 11
# (bullseye) root, then installed with apt into a second, bare bullseye root
# and smoke-run there.
#   bash installer/linux/build-bullseye.sh        (as root: debootstrap, chroot)
# Output: dist/bullseye/magdesk_<version>_<arch>.deb and dist/bullseye/magdesk/.
#
# 1. build root: debootstrap bullseye with the compiler and the libraries
#    CPython and Qt's X11 plugin need (kept in build/bullseye between runs;
#    BULLSEYE_FRESH=1 starts from nothing);
# 2. CPython 3.11 compiled there from Debian's own python3.11 source
#    (bookworm's 3.11.2 orig tarball, checked against its SHA-256);
# 3. the wheels of installer/linux/pins-glibc2.31.txt, fetched on this machine
#    for manylinux tags up to 2.31 and installed offline in the root;
# 4. installer/build.sh and installer/linux/build-deb.sh run inside the root
#    (xz: Debian 11's and Ubuntu 20.04's dpkg do not read zstd);
# 5. installer/linux/glibc-check.sh: no ELF file needs GLIBC > 2.31 or
#    GLIBCXX > 3.4.28 (GCC 10, Debian 11's libstdc++);
# 6. bare roots (minbase) of Debian 11, Debian 12 and Ubuntu 20.04:
#    `apt-get install ./magdesk.deb` resolves the .deb's Depends from each
#    one's archive, then installer/smoke-run.sh runs the installed programs.
set -euo pipefail
cd "$(dirname "$0")/../.."

[ "$(id -u)" -eq 0 ] || { echo "build-bullseye.sh: run as root (debootstrap and chroot need it)" >&2; exit 1; }
command -v debootstrap >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null \
        || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap; }
}

MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
MAX_GLIBC=2.31
MAX_GLIBCXX=3.4.28
PY_TARBALL=python3.11_3.11.2.orig.tar.gz
PY_URL="$MIRROR/pool/main/p/python3.11/$PY_TARBALL"
PY_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
# Ubuntu's archive key, from focal's own package (its SHA-256 as focal's Packages lists it)
UBUNTU_KEYRING=ubuntu-keyring_2020.02.11.2_all.deb
UBUNTU_KEYRING_SHA256=7564f3f76fbc9f165ecc30e2cf2695d38b284e234bffa0c6441ff37f8a7aebd7
UBUNTU_MIRROR=${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}
# the tests of the window, the CLI and the installers' inputs, run on Qt 6.9
BUNDLE_TESTS="tests/gui/test_main_window.py tests/gui/test_company.py tests/gui/test_about.py \
tests/gui/test_printing.py tests/test_app.py tests/test_platforms.py tests/cli/test_cli.py"
work="$PWD/build/bullseye"
broot="$work/build-root"
troot="$work/target-root"
out="$PWD/dist/bullseye"
wipe() {  # wipe DIR: what is mounted under DIR first (a run that was killed), then DIR,
          # never crossing into another file system (this machine's /proc, /dev)
    findmnt -rn -o TARGET | awk -v d="$1/" 'index($0, d) == 1' | sort -r | xargs -r -n1 umount -l
    rm -rf --one-file-system "$1"
}
[ -z "${BULLSEYE_FRESH:-}" ] || wipe "$work"
mkdir -p "$work" "$out"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", b - a }'; }
step() { echo "bullseye: $*"; }
mounts=()
cleanup() {
    local m
    for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() {  # bind ROOT: /proc, /dev and /dev/pts of this machine inside ROOT
    local m
    for m in proc dev dev/pts; do
        mkdir -p "$1/$m"
        mount --bind "/$m" "$1/$m"
        mounts=("$1/$m" "${mounts[@]}")
    done
    cp /etc/resolv.conf "$1/etc/resolv.conf"
}
in_root() { local root=$1; shift; chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
                HOME=/root LANG=C.UTF-8 PIP_CONFIG_FILE=/dev/null "$@"; }

t0=$(now)
# 1. the build root
BUILD_PACKAGES=build-essential,ca-certificates,xz-utils,zlib1g-dev,libssl-dev,libffi-dev,\
libsqlite3-dev,libbz2-dev,liblzma-dev,libreadline-dev,libncursesw5-dev,uuid-dev,binutils,\
dpkg-dev,desktop-file-utils,libxcb-icccm4,libxcb-keysyms1,libxcb-image0,libxcb-render-util0,\
libxcb-xinerama0,libxcb-randr0,libxcb-shape0,libxcb-xkb1,libxkbcommon-x11-0,libxcb-cursor0,\
libegl1,libgl1,libfontconfig1,libdbus-1-3,libglib2.0-0,poppler-utils,fonts-wqy-microhei
# (the last two: the printing tests read the PDFs back, in Chinese)
if [ ! -e "$broot/.magdesk-root" ]; then
    step "making the build root (debootstrap bullseye)"
    wipe "$broot"
    debootstrap --variant=minbase --include="$BUILD_PACKAGES" bullseye "$broot" "$MIRROR" \
        > "$work/debootstrap-build.log" 2>&1 || { tail -20 "$work/debootstrap-build.log" >&2; exit 1; }
    echo "$BUILD_PACKAGES" > "$broot/.magdesk-root"
fi
bind "$broot"
if [ "$(cat "$broot/.magdesk-root")" != "$BUILD_PACKAGES" ]; then  # the list grew since
    step "installing the build root's packages anew"
    in_root "$broot" /bin/bash -ec "export DEBIAN_FRONTEND=noninteractive
        apt-get update -q > /tmp/apt.log
        apt-get install -y -q --no-install-recommends ${BUILD_PACKAGES//,/ } >> /tmp/apt.log" \
        || { tail -30 "$broot/tmp/apt.log" >&2; exit 1; }
    echo "$BUILD_PACKAGES" > "$broot/.magdesk-root"
fi

# 2. CPython 3.11 from Debian's source
if [ ! -x "$broot/opt/py311/bin/python3.11" ]; then
    step "compiling CPython 3.11.2 (Debian's python3.11 source) in the build root"
    mkdir -p "$broot/build"
    [ -s "$work/$PY_TARBALL" ] || curl -fsS -o "$work/$PY_TARBALL" "$PY_URL"
    echo "$PY_SHA256  $work/$PY_TARBALL" | sha256sum -c --quiet
    cp "$work/$PY_TARBALL" "$broot/build/"
    in_root "$broot" /bin/bash -ec "cd /build && rm -rf Python-3.11.2 && tar xzf $PY_TARBALL
        cd Python-3.11.2
        ./configure -q --prefix=/opt/py311 --enable-shared LDFLAGS=-Wl,-rpath,/opt/py311/lib > /build/configure.log 2>&1
        make -j\$(nproc) -s > /build/make.log 2>&1
        make -s install > /build/install.log 2>&1
        rm -rf /build/Python-3.11.2" || { tail -30 "$broot"/build/*.log >&2; exit 1; }
fi
in_root "$broot" /opt/py311/bin/python3.11 -c "import ssl, sqlite3, ctypes, lzma, bz2, zlib"
t1=$(now)

# 3. the pinned wheels, for glibc <= 2.31, installed offline
step "wheels for manylinux <= 2.31 (installer/linux/pins-glibc2.31.txt)"
wipe "$broot/opt/wheels"; wipe "$broot/opt/venv"
mkdir -p "$broot/opt/wheels"
tags=()
for t in manylinux_2_31 manylinux_2_28 manylinux_2_27 manylinux_2_17 manylinux2014 manylinux_2_5 manylinux1 linux; do
    tags+=(--platform "${t}_$(uname -m)")
done
PIP_CONSTRAINT="" python3 -m pip download -q --only-binary :all: "${tags[@]}" --platform any \
    --python-version 3.11 --implementation cp -d "$broot/opt/wheels" \
    -r installer/linux/pins-glibc2.31.txt 2> >(grep -v "^WARNING: Location" >&2)
cp installer/linux/pins-glibc2.31.txt "$broot/opt/pins.txt"
in_root "$broot" /opt/py311/bin/python3.11 -m venv /opt/venv
in_root "$broot" /opt/venv/bin/pip install -q --no-index --find-links /opt/wheels -r /opt/pins.txt
in_root "$broot" /opt/venv/bin/pip check

# 4. the bundle and the .deb, built inside
step "building the bundle and the .deb inside the build root"
wipe "$broot/src"
mkdir -p "$broot/src"
tar --exclude=./.venv --exclude=./build --exclude=./dist --exclude=./.git -cf - . | tar -xf - -C "$broot/src"
in_root "$broot" /bin/bash -ec "cd /src
    /opt/venv/bin/pip install -q --no-index --no-deps --no-build-isolation .
    PYTHON=/opt/venv/bin/python bash installer/build.sh
    DEB_COMPRESS=xz DEB_BUILT_FOR='Debian 11' bash installer/linux/build-deb.sh"
t2=$(now)

# 4b. the window's tests on this Qt (6.9: it differs from the main bundle's 6.11)
step "the window's tests on Qt $(in_root "$broot" /opt/venv/bin/python -c 'import PySide6; print(PySide6.__version__)') in the build root"
in_root "$broot" /bin/bash -ec "cd /src && QT_QPA_PLATFORM=offscreen PYTHONPATH=/src \
    /opt/venv/bin/python -m pytest -q -p no:cacheprovider -x $BUNDLE_TESTS"

# 5. no symbol newer than Debian 11's
bash installer/linux/glibc-check.sh "$broot/src/dist/magdesk" "$MAX_GLIBC" "$MAX_GLIBCXX"
wipe "$out/magdesk"; rm -f "$out"/magdesk_*.deb
cp -a "$broot/src/dist/magdesk" "$out/magdesk"
cp "$broot"/src/dist/magdesk_*.deb "$out/"
deb=$(ls "$out"/magdesk_*.deb)

# 6. bare systems (minbase): apt resolves the .deb's Depends from each one's
#    archive, then the smoke run of the installed programs
base() {  # base SUITE: a bare root of SUITE, kept as a tar between runs
    local suite=$1 tar="$work/base-$1.tar" dir="$work/base-$1" mirror=$MIRROR keyring=()
    [ -e "$tar" ] && return
    if [ "$suite" = focal ]; then
        mirror=$UBUNTU_MIRROR
        [ -s "$work/$UBUNTU_KEYRING" ] || curl -fsS -o "$work/$UBUNTU_KEYRING" \
            "$UBUNTU_MIRROR/pool/main/u/ubuntu-keyring/$UBUNTU_KEYRING"
        echo "$UBUNTU_KEYRING_SHA256  $work/$UBUNTU_KEYRING" | sha256sum -c --quiet
        rm -rf "$work/ubuntu-keyring" && dpkg-deb -x "$work/$UBUNTU_KEYRING" "$work/ubuntu-keyring"
        keyring=(--keyring="$work/ubuntu-keyring/usr/share/keyrings/ubuntu-archive-keyring.gpg")
    fi
    step "making a bare $suite root"
    wipe "$dir"
    debootstrap --variant=minbase "${keyring[@]}" "$suite" "$dir" "$mirror" > "$work/debootstrap-$suite.log" 2>&1 \
        || { tail -20 "$work/debootstrap-$suite.log" >&2; exit 1; }
    tar -C "$dir" -cf "$tar" .
    wipe "$dir"
}
version=$("$out/magdesk/magdesk-cli" --version 2>/dev/null | awk '{print $2}' || true)
tested=()
for suite in ${BULLSEYE_TARGETS:-bullseye bookworm focal}; do
    base "$suite"
    wipe "$troot"
    mkdir -p "$troot"
    tar -C "$troot" -xf "$work/base-$suite.tar"
    bind "$troot"
    cp "$deb" installer/smoke-run.sh "$troot/tmp/"
    step "apt-get install ./$(basename "$deb") in a bare $suite root, then the smoke run"
    in_root "$troot" /bin/bash -ec "export DEBIAN_FRONTEND=noninteractive
        apt-get update -q > /tmp/apt.log
        apt-get install -y -q --no-install-recommends /tmp/$(basename "$deb") >> /tmp/apt.log" \
        || { tail -30 "$troot/tmp/apt.log" >&2; exit 1; }
    [ -n "$version" ] || version=$(in_root "$troot" /opt/magdesk/magdesk-cli --version | awk '{print $2}')
    in_root "$troot" /bin/bash /tmp/smoke-run.sh /opt/magdesk "$version"
    cleanup
    mounts=()
    tested+=("$suite")
done
t3=$(now)

echo "bullseye: installed and run on: ${tested[*]}"
echo "bullseye: OK - $deb ($(du -h "$deb" | cut -f1), $(dpkg-deb -f "$deb" Depends | grep -o 'libc6 ([^)]*)'))"
echo "  bundle:        $(du -sh "$out/magdesk" | cut -f1), $(find "$out/magdesk" -type f | wc -l) files"
echo "  time:          root + CPython $(secs "$t0" "$t1") s, wheels + bundle + .deb $(secs "$t1" "$t2") s, Qt 6.9 tests, glibc check, install + smoke on ${#tested[@]} systems $(secs "$t2" "$t3") s"
