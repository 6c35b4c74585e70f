"""Render the app icon from its SVG sources: PNG sizes, a Windows .ico and a macOS .icns.

Run from the repository root: ``python packaging/make_icons.py [--sheet FILE]``. The outputs
are committed (builds do not run this script); run it again after changing an SVG.
``agentquill-16.svg`` and ``agentquill-24.svg`` draw those sizes, ``agentquill.svg`` all
others.
``--sheet`` also writes a contact sheet of every size on light and dark panels, to look at.

Needs only PySide6 (QtSvg); the .ico and .icns containers are written here: both are
headers followed by PNG images.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "agentquill.svg"
#: sizes drawn on their own pixel grid, so that the marks stay crisp
SMALL_SOURCES = {16: ICONS / "agentquill-16.svg", 24: ICONS / "agentquill-24.svg"}
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: .icns element types holding PNG data, by pixel size (several types share a size: @2x)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)
PANELS = ("#ffffff", "#e9e9ed", "#2b2d30", "#000000")
ZOOMED = (16, 24, 32, 48)  # shown again at 4x on the contact sheet


def render(size: int) -> QImage:
    """The icon at ``size`` pixels square, on a transparent background."""
    source = SMALL_SOURCES.get(size, SOURCE)
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon: ICONDIR, one ICONDIRENTRY per size, then the PNG images."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    offset = 6 + 16 * len(sizes)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        images += data
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon family: 'icns', total length, then (type, length, PNG) elements."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def contact_sheet(images: dict[int, QImage]) -> QImage:
    """Every size, actual pixels, on light and dark panels; the small ones also at 4x."""
    pad = 16
    row = max(SIZES) + 2 * pad
    width = sum(s + pad for s in SIZES) + pad + sum(4 * s + pad for s in ZOOMED)
    sheet = QImage(width, row * len(PANELS), QImage.Format.Format_ARGB32)
    painter = QPainter(sheet)
    for index, colour in enumerate(PANELS):
        top = index * row
        painter.fillRect(0, top, width, row, QColor(colour))
        x = pad
        for size in SIZES:
            painter.drawImage(x, top + pad, images[size])
            x += size + pad
        for size in ZOOMED:
            big = images[size].scaled(4 * size, 4 * size)  # nearest neighbour: see the pixels
            painter.drawImage(x, top + pad, big)
            x += 4 * size + pad
    painter.end()
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, help="also write a contact sheet PNG here")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841
    images = {size: render(size) for size in (*SIZES, 1024)}
    pngs = {size: png_bytes(image) for size, image in images.items()}
    for size in SIZES:
        (ICONS / f"agentquill-{size}.png").write_bytes(pngs[size])
    (ICONS / "agentquill.ico").write_bytes(ico(pngs))
    (ICONS / "agentquill.icns").write_bytes(icns(pngs))
    if args.sheet:
        contact_sheet(images).save(str(args.sheet))
    print(f"wrote {len(SIZES)} PNGs, agentquill.ico and agentquill.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
