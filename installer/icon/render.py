"""Render magdesk's icon from its SVG source.

    .venv/bin/python installer/icon/render.py

Reads ``resources/icons/magdesk.svg`` and writes ``resources/icons/magdesk-<N>.png``
(the hicolor sizes the .deb installs) and ``installer/windows/magdesk.ico`` (for
the Windows executable and installer).  The outputs are committed; run this
again only after changing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "resources" / "icons" / "magdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA device-independent bitmap as an .ico entry holds it:
    height doubled (colour + AND mask), rows bottom-up, an all-clear AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    # Format_ARGB32 is stored as B, G, R, A bytes on little-endian machines
    rows = [bytes(image.constScanLine(y))[: size * 4] for y in reversed(range(size))]
    mask_row = bytes(((size + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """An .ico: small sizes as bitmaps (every Windows reads them), 256 as PNG."""
    entries = [(s, png_bytes(img) if s >= 256 else dib_bytes(img)) for s, img in images.items()]
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in entries)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in PNG_SIZES}
    for size, image in images.items():
        out = SVG.with_name(f"magdesk-{size}.png")
        out.write_bytes(png_bytes(image))
        print(out.relative_to(ROOT))
    ico = ROOT / "installer" / "windows" / "magdesk.ico"
    ico.write_bytes(ico_bytes({s: images[s] for s in ICO_SIZES}))
    print(ico.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
