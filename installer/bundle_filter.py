"""What the PyInstaller bundle leaves out (used by installer/magdesk.spec).

PyInstaller's Qt hooks collect every plugin of the modules they see, and the
plugins drag in Qml, Quick, Wayland, EGL, TLS and more; magdesk is a widgets
app that draws on X11 (or offscreen) and prints to PDF.  Entries are matched on
their destination path inside the bundle (``PySide6/Qt/plugins/...``,
``PySide6/Qt/lib/...``, ``PySide6/Qt/translations/...``), case-insensitively,
with ``fnmatch`` patterns.  Kept on purpose:

- platforms: xcb (the desktop), offscreen (smoke test, headless ``summary``),
  minimal; xcbglintegrations (libqxcb links its GL integration lazily);
- imageformats png/jpeg/svg/ico/gif; iconengines svg (the window icon is an SVG);
- printsupport (QPrinter to PDF, the print dialog);
- platforminputcontexts ibus and compose: the clerk types Chinese through an
  input method (ibus directly, fcitx5 through its ibus front end);
- Qt's own Chinese translations (qtbase_zh_CN.qm: dialog buttons, print dialog);
  magdesk's supplement to it travels with the resources
  (resources/i18n/qtbase_supplement_zh_CN.qm).
"""

from __future__ import annotations

import posixpath
from fnmatch import fnmatch

QT = "pyside6/qt"

DROP = (
    # Qt modules magdesk never loads, and what only they need
    f"{QT}/lib/libqt6qml*",
    f"{QT}/lib/libqt6quick*",
    f"{QT}/lib/libqt6labs*",
    f"{QT}/lib/libqt6lottie*",
    f"{QT}/lib/libqt6virtualkeyboard*",
    f"{QT}/lib/libqt6pdf*",
    f"{QT}/lib/libqt6wayland*",
    f"{QT}/lib/libqt6wlshell*",
    f"{QT}/lib/libqt6eglfs*",
    f"{QT}/lib/libqt6network*",
    f"{QT}/lib/libqt6opengl*",
    f"{QT}/lib/libqt6designer*",
    f"{QT}/lib/libqt6uitools*",
    f"{QT}/lib/libqt6help*",
    f"{QT}/lib/libqt6test*",
    f"{QT}/lib/libqt6sql*",
    f"{QT}/lib/libqt6concurrent*",
    f"{QT}/lib/libqt6svgwidgets*",
    f"{QT}/lib/libqt6xml.*",
    f"{QT}/qml/*",
    # plugins of other platforms and of the dropped modules
    f"{QT}/plugins/platforms/libqeglfs*",
    f"{QT}/plugins/platforms/libqlinuxfb*",
    f"{QT}/plugins/platforms/libqminimalegl*",
    f"{QT}/plugins/platforms/libqvkkhrdisplay*",
    f"{QT}/plugins/platforms/libqvnc*",
    f"{QT}/plugins/platforms/libqwayland*",
    f"{QT}/plugins/wayland-*",
    f"{QT}/plugins/egldeviceintegrations/*",
    f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboard*",
    f"{QT}/plugins/platformthemes/libqgtk3*",
    f"{QT}/plugins/imageformats/libqpdf*",
    f"{QT}/plugins/imageformats/libqtiff*",
    f"{QT}/plugins/imageformats/libqwebp*",
    f"{QT}/plugins/imageformats/libqicns*",
    f"{QT}/plugins/imageformats/libqtga*",
    f"{QT}/plugins/imageformats/libqwbmp*",
    f"{QT}/plugins/networkinformation/*",
    f"{QT}/plugins/tls/*",
    f"{QT}/plugins/sqldrivers/*",
    f"{QT}/plugins/qmltooling/*",
    f"{QT}/plugins/qmllint/*",
    f"{QT}/plugins/designer/*",
    f"{QT}/plugins/generic/*",
    f"{QT}/plugins/vectorimageformats/*",
    # build-machine libraries that only the dropped plugins (GTK theme, Wayland,
    # EGLFS) and their own dependencies need; nothing kept links them
    "libgtk-3.so*",
    "libgdk-3.so*",
    "libatk-*",
    "libatk-bridge-*",
    "libatspi.so*",
    "libcairo-gobject.so*",
    "libgdk_pixbuf-*",
    "libepoxy.so*",
    "libpango*",
    "libharfbuzz.so*",
    "libcairo.so*",
    "libwayland-*",
    "libthai.so*",
    "libdatrie.so*",
    "libfribidi.so*",
    "libgraphite2.so*",
    "libpixman-1.so*",
    "libjpeg.so*",
    "libgio-2.0.so*",
    "libxau.so*",
    "libxdmcp.so*",
    "libxext.so*",
    "libxrender.so*",
    "libbsd.so*",
    "libmd.so*",
    "libgmodule-2.0.so*",
    "libgobject-2.0.so*",
    "libmount.so*",
    "libblkid.so*",
    "libselinux.so*",
    # the translation sources; the compiled .qm files are what Qt loads
    "resources/i18n/*.ts",
)

# Qt translations other than the Chinese ones install_translations() loads
TRANSLATIONS = f"{QT}/translations/*"
KEEP_TRANSLATIONS = (f"{QT}/translations/qtbase_zh_cn.qm",)

# must stay in the bundle whatever DROP says (checked by the spec and the tests)
REQUIRED = (
    f"{QT}/plugins/platforms/libqxcb.so",
    f"{QT}/plugins/platforms/libqoffscreen.so",
    f"{QT}/plugins/printsupport/*",
    f"{QT}/plugins/imageformats/libqsvg.so",
    f"{QT}/plugins/iconengines/libqsvgicon.so",
    f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    f"{QT}/lib/libqt6printsupport.so.6",
    f"{QT}/lib/libqt6svg.so.6",
    f"{QT}/lib/libqt6xcbqpa.so.6",
    f"{QT}/translations/qtbase_zh_cn.qm",
)


def _norm(dest: str) -> str:
    return dest.replace("\\", "/").lower()


def keep(dest: str) -> bool:
    """Whether the bundle keeps the file it would place at ``dest``."""
    path = _norm(dest)
    if any(fnmatch(path, pat) for pat in REQUIRED):
        return True
    if fnmatch(path, TRANSLATIONS):
        return any(fnmatch(path, pat) for pat in KEEP_TRANSLATIONS)
    return not any(fnmatch(path, pat) for pat in DROP)


def keep_entry(entry: tuple) -> bool:
    """Whether the bundle keeps a PyInstaller TOC entry ``(dest, src, typecode)``;
    a symbolic link (``src`` is then its target, relative to ``dest``'s folder)
    goes with its target."""
    dest, src, typecode = entry[:3]
    if typecode == "SYMLINK":
        target = posixpath.normpath(posixpath.join(posixpath.dirname(_norm(dest)), _norm(src)))
        return keep(dest) and keep(target)
    return keep(dest)


def split(toc: list) -> tuple[list, list]:
    """(kept, dropped) entries of a PyInstaller TOC."""
    kept, dropped = [], []
    for entry in toc:
        (kept if keep_entry(entry) else dropped).append(entry)
    return kept, dropped


def missing_required(dests: list[str]) -> list[str]:
    """The REQUIRED patterns that no kept destination matches (Linux names)."""
    paths = [_norm(d) for d in dests]
    return [pat for pat in REQUIRED if not any(fnmatch(p, pat) for p in paths)]
