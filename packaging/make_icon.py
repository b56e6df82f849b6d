"""Draw the Wijkkompas icon and write it as a multi-size .ico (and a 256 px .png).

Run:  QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

Why drawn in code: the icon is reproducible from the repository without an image
editor, and stays in the app's colours (``wijkkompas.gui.style``). The .ico holds
PNG-compressed images (16–256 px), which every Windows since Vista reads; the
container is written here because Qt's ICO writer stores one size only.
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPen, QPolygonF

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
NAVY = "#1F4E79"
DARK = "#1b2a3a"
AMBER = "#f2a900"


def draw(size: int) -> QImage:
    """A compass rose on a navy disc: the needle points north-east in amber."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.setPen(QPen(QColor(DARK), max(1.0, 10 * s)))
    p.setBrush(QBrush(QColor(NAVY)))
    p.drawEllipse(QPointF(128 * s, 128 * s), 118 * s, 118 * s)
    if size >= 32:  # tick marks vanish at 16/24 px anyway
        p.setPen(QPen(QColor("#e8eef5"), max(1.0, 8 * s)))
        for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)):
            p.drawLine(QPointF(128 * s + dx * 86 * s, 128 * s + dy * 86 * s),
                       QPointF(128 * s + dx * 104 * s, 128 * s + dy * 104 * s))
    p.setPen(Qt.PenStyle.NoPen)
    center = QPointF(128 * s, 128 * s)
    tip_ne, tip_sw = QPointF(200 * s, 56 * s), QPointF(56 * s, 200 * s)
    side_a, side_b = QPointF(108 * s, 108 * s), QPointF(148 * s, 148 * s)
    p.setBrush(QBrush(QColor(AMBER)))
    p.drawPolygon(QPolygonF([tip_ne, side_a, center, side_b]))
    p.setBrush(QBrush(QColor("#e8eef5")))
    p.drawPolygon(QPolygonF([tip_sw, side_b, center, side_a]))
    p.setBrush(QBrush(QColor(DARK)))
    p.drawEllipse(center, 12 * s, 12 * s)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per image + the PNG payloads (sizes of 256 are stored as 0)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, payload = b"", b""
    for size, png in images:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(payload))
        payload += png
    return header + entries + payload


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    images = [(size, png_bytes(draw(size))) for size in SIZES]
    (HERE / "icons").mkdir(exist_ok=True)
    (HERE / "icons" / "wijkkompas.ico").write_bytes(ico_bytes(images))
    (HERE / "icons" / "wijkkompas.png").write_bytes(images[-1][1])
    print(f"geschreven: {HERE / 'icons' / 'wijkkompas.ico'} ({len(images)} formaten)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
