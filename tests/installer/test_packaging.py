"""The installers' inputs, checked without the packaging tools (those run in
installer/smoke.sh and installer/windows/check-nsis.sh)."""

import configparser
import importlib.util
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import magdesk

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def load_filter():
    spec = importlib.util.spec_from_file_location("bundle_filter", INSTALLER / "bundle_filter.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def desktop_entry() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive: Name[zh_CN]
    parser.read(INSTALLER / "linux" / "magdesk.desktop", encoding="utf-8")
    return parser


def test_desktop_entry_names_the_program_in_chinese_and_starts_it():
    entry = desktop_entry()["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "magdesk"
    assert re.search(r"[\u4e00-\u9fff]", entry["Name[zh_CN]"])
    assert re.search(r"[\u4e00-\u9fff]", entry["Comment[zh_CN]"])
    assert entry["Exec"].split()[0] == entry["TryExec"] == "magdesk"
    assert entry["Icon"] == "magdesk" and entry["StartupWMClass"] == "magdesk"
    assert entry["Categories"].split(";")[:2] == ["Office", "Finance"]


def test_desktop_entry_offers_the_demo():
    entry = desktop_entry()
    assert entry["Desktop Entry"]["Actions"].strip(";") == "demo"
    assert entry["Desktop Action demo"]["Exec"] == "magdesk --demo"
    assert entry["Desktop Action demo"]["Name[zh_CN]"]


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/imageformats/libqpng.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "resources/codelists/hs_codes.toml",
    "resources/i18n/magdesk_zh_CN.qm",
    "resources/i18n/qtbase_supplement_zh_CN.qm",
    "resources/icons/magdesk.svg",
    "libpython3.11.so.1.0",
])
def test_bundle_keeps_what_magdesk_needs(dest):
    assert load_filter().keep(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
    "PySide6/Qt/qml/QtQuick/Controls/qmldir",
    "libgtk-3.so.0",
    "resources/i18n/magdesk_zh_CN.ts",
    "resources/i18n/qtbase_supplement_zh_CN.ts",
])
def test_bundle_drops_what_a_widgets_app_never_loads(dest):
    assert not load_filter().keep(dest)


def test_bundle_drops_a_link_with_its_target():
    bf = load_filter()
    kept, dropped = bf.split([
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/site/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
    ])
    assert [e[0] for e in kept] == ["libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6"]
    assert [e[0] for e in dropped] == ["libQt6Network.so.6"]


def test_bundle_filter_reports_a_required_file_gone():
    bf = load_filter()
    assert "pyside6/qt/plugins/platforms/libqxcb.so" in bf.missing_required(["libfoo.so"])


def test_icon_pngs_have_their_sizes():
    for size in PNG_SIZES:
        data = (ICONS / f"magdesk-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)


def test_icon_svg_is_square():
    svg = ET.parse(ICONS / "magdesk.svg").getroot()
    assert svg.get("viewBox") == "0 0 256 256"


def test_windows_icon_holds_every_size_up_to_256():
    data = (INSTALLER / "windows" / "magdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = [data[6 + 16 * i] or 256 for i in range(count)]
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_windows_installer_reads_the_version_where_it_is_defined():
    # magdesk.nsi: !searchparse /file ..\..\magdesk\__init__.py `__version__ = "` VERSION `"`
    nsi = (INSTALLER / "windows" / "magdesk.nsi").read_text(encoding="utf-8")
    assert '!searchparse /file "..\\..\\magdesk\\__init__.py" `__version__ = "` VERSION `"`' in nsi
    init = (ROOT / "magdesk" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{magdesk.__version__}"' in init
    assert re.fullmatch(r"\d+\.\d+\.\d+", magdesk.__version__), "VIProductVersion needs x.y.z"


def test_windows_uninstaller_keeps_user_data():
    nsi = (INSTALLER / "windows" / "magdesk.nsi").read_text(encoding="utf-8")
    uninstall = nsi[nsi.index('Section "Uninstall"'):]
    assert "RMDir /r \"$INSTDIR\"" not in uninstall
    assert "$APPDATA" not in uninstall.replace("$LOCALAPPDATA", "")
    assert "$LOCALAPPDATA\\magdesk" not in uninstall
    assert 'DeleteRegKey HKCU "Software\\${APP}"\n' not in uninstall


def test_window_icon_is_set_once_the_window_has_painted(qtbot, demo_copy):
    from magdesk.gui.app import application
    from magdesk.gui.main_window import MainWindow
    from magdesk.settings import Settings
    from magdesk.storage import open_database

    settings = Settings(language="zh")
    app = application(settings)
    with open_database(demo_copy) as db:
        window = MainWindow(db, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.later.pending == 0, timeout=5000)
        assert not app.windowIcon().isNull()
        assert not app.windowIcon().pixmap(32, 32).isNull()
        assert not window.windowIcon().isNull()  # the window shows it too
        window.close()
