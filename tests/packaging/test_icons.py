"""The committed icon files: every PNG size, and .ico/.icns containers holding those PNGs."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from agentquill.ui.app import app_icon

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", SIZES)
def test_png_sizes(size):
    assert png_size((ICONS / f"agentquill-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_a_png_per_size():
    data = (ICONS / "agentquill.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        entry = data[6 + 16 * index : 22 + 16 * index]
        width, height, _, _, _, bits, length, offset = struct.unpack("<BBBBHHII", entry)
        image = data[offset : offset + length]
        assert png_size(image) == (width or 256, height or 256) and bits == 32
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_elements_are_pngs_of_their_type_size():
    data = (ICONS / "agentquill.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    expected = {b"icp4": 16, b"icp5": 32, b"ic11": 32, b"icp6": 64, b"ic12": 64, b"ic07": 128}
    expected |= {b"ic08": 256, b"ic13": 256, b"ic09": 512, b"ic14": 512, b"ic10": 1024}
    found, position = {}, 8
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        found[kind] = png_size(data[position + 8 : position + length])[0]
        position += length
    assert found == expected


def test_window_icon_has_every_size(qapp):
    sizes = {s.width() for s in app_icon().availableSizes()}
    assert sizes == set(SIZES)
