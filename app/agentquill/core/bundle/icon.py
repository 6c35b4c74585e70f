"""A plugin's icon: checked as the plugin directory checks it, or drawn as a monogram.

The directory takes a square PNG or JPEG, 512 to 2048 px a side and under 2 MB, at
``.claude-plugin/icon.png`` or wherever ``icon`` in plugin.json points; SVG and WebP are
refused (``claude plugin validate --profile directory``). :func:`check` reads only the image
header, so a picked file is judged without an image library. :func:`monogram` draws one or two
letters on a coloured rounded square and encodes the PNG with zlib: no new dependency.
"""

from __future__ import annotations

import functools
import hashlib
import math
import struct
import zlib
from dataclasses import dataclass

MIN_SIDE, MAX_SIDE = 512, 2048
MAX_BYTES = 2 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: start-of-frame markers of a JPEG: they carry its height and width
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
#: background colours of a monogram: white letters read well on each
PALETTE = ("#2f6fb3", "#3a8a5c", "#8a4fb8", "#c0573a", "#1f8a8a", "#b23a6b", "#5a6b8a", "#a8741a")


class IconError(ValueError):
    """The file cannot be a plugin's icon; the message says why."""


@dataclass(frozen=True)
class Icon:
    kind: str  # png | jpeg
    width: int
    height: int

    @property
    def suffix(self) -> str:
        return ".png" if self.kind == "png" else ".jpg"


def _size(data: bytes) -> tuple[str, int, int]:
    """The kind, width and height the header of ``data`` declares (IconError otherwise)."""
    if data.startswith(PNG_SIGNATURE):
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise IconError("a damaged PNG: its header is missing")
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 <= len(data):
            if data[i] != 0xFF:
                break
            marker = data[i + 1]
            if marker == 0xFF:  # padding before a marker
                i += 1
                continue
            length = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if marker in _SOF:
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return "jpeg", width, height
            i += 2 + length
        raise IconError("a damaged JPEG: no frame header says its size")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise IconError("a WebP image: the plugin directory takes only PNG or JPEG")
    if b"<svg" in data[:1024].lower():
        raise IconError("an SVG image: the plugin directory takes only PNG or JPEG")
    raise IconError("not a PNG or JPEG image")


def check(data: bytes) -> Icon:
    """``data`` as a plugin icon, or IconError saying what the directory would refuse."""
    kind, width, height = _size(data)
    if len(data) >= MAX_BYTES:
        raise IconError(f"{len(data) / 1024 / 1024:.1f} MB: an icon must be under 2 MB")
    if width != height:
        raise IconError(f"{width}×{height} px: an icon must be square")
    if not MIN_SIDE <= width <= MAX_SIDE:
        raise IconError(f"{width}×{height} px: an icon is {MIN_SIDE} to {MAX_SIDE} px a side")
    return Icon(kind, width, height)


# --- the monogram -----------------------------------------------------------------------------
# Letters are strokes on a 4 × 6 grid (y down), arcs sampled as polylines; drawn as round-capped
# lines of one width, their union anti-aliased by the distance of each pixel to the nearest line.

Stroke = list[tuple[float, float]]


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> Stroke:
    steps = max(4, int(abs(a1 - a0) / 12))
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in (a0 + (a1 - a0) * i / steps for i in range(steps + 1))
    ]


def _p_bowl() -> Stroke:
    return [(0, 6), (0, 0), (2.4, 0), *_arc(2.4, 1.6, 1.6, 1.6, -90, 90), (0, 3.2)]


_SIX = [_arc(2, 4.2, 1.9, 1.8, 0, 360), _arc(3.6, 4.2, 3.5, 4.2, 180, 260)]
GLYPHS: dict[str, list[Stroke]] = {
    "A": [[(0, 6), (2, 0), (4, 6)], [(0.67, 4), (3.33, 4)]],
    "B": [
        [(0, 0), (0, 6)],
        [(0, 0), (2.5, 0), *_arc(2.5, 1.5, 1.5, 1.5, -90, 90), (0, 3)],
        [(0, 3), (2.6, 3), *_arc(2.6, 4.5, 1.4, 1.5, -90, 90), (0, 6)],
    ],
    "C": [_arc(2.2, 3, 2.2, 3, 40, 320)],
    "D": [[(0, 0), (0, 6)], [(0, 0), (1.5, 0), *_arc(1.5, 3, 2.5, 3, -90, 90), (0, 6)]],
    "E": [[(4, 0), (0, 0), (0, 6), (4, 6)], [(0, 3), (3, 3)]],
    "F": [[(4, 0), (0, 0), (0, 6)], [(0, 3), (3, 3)]],
    "G": [[*_arc(2, 3, 2, 3, 315, 0), (2.2, 3)]],
    "H": [[(0, 0), (0, 6)], [(4, 0), (4, 6)], [(0, 3), (4, 3)]],
    "I": [[(2, 0), (2, 6)], [(0.8, 0), (3.2, 0)], [(0.8, 6), (3.2, 6)]],
    "J": [[(3.5, 0), *_arc(1.9, 4.3, 1.6, 1.7, 0, 180)]],
    "K": [[(0, 0), (0, 6)], [(3.8, 0), (0, 3.8)], [(1.4, 2.6), (4, 6)]],
    "L": [[(0, 0), (0, 6), (3.8, 6)]],
    "M": [[(0, 6), (0, 0), (2, 4), (4, 0), (4, 6)]],
    "N": [[(0, 6), (0, 0), (4, 6), (4, 0)]],
    "O": [_arc(2, 3, 2, 3, 0, 360)],
    "P": [_p_bowl()],
    "Q": [_arc(2, 3, 2, 3, 0, 360), [(2.4, 4.4), (4.2, 6.3)]],
    "R": [_p_bowl(), [(2, 3.2), (4, 6)]],
    "S": [[*_arc(2, 1.5, 1.9, 1.5, 340, 90), *_arc(2, 4.5, 1.9, 1.5, 270, 520)]],
    "T": [[(0, 0), (4, 0)], [(2, 0), (2, 6)]],
    "U": [[(0, 0), *_arc(2, 4, 2, 2, 180, 0), (4, 0)]],
    "V": [[(0, 0), (2, 6), (4, 0)]],
    "W": [[(0, 0), (1, 6), (2, 2), (3, 6), (4, 0)]],
    "X": [[(0, 0), (4, 6)], [(4, 0), (0, 6)]],
    "Y": [[(0, 0), (2, 3), (4, 0)], [(2, 3), (2, 6)]],
    "Z": [[(0, 0), (4, 0), (0, 6), (4, 6)]],
    "0": [_arc(2, 3, 1.9, 3, 0, 360)],
    "1": [[(0.8, 1.2), (2.2, 0), (2.2, 6)], [(0.8, 6), (3.6, 6)]],
    "2": [[*_arc(2, 1.8, 1.8, 1.8, 200, 400), (0, 6), (4, 6)]],
    "3": [[*_arc(2, 1.5, 1.8, 1.5, 200, 450), *_arc(2, 4.5, 2, 1.5, 270, 520)]],
    "4": [[(3, 6), (3, 0), (0, 4.2), (4, 4.2)]],
    "5": [[(3.8, 0), (0.4, 0), (0.2, 2.8), *_arc(1.9, 4.1, 2, 1.9, 215, 500)]],
    "6": _SIX,
    "7": [[(0, 0), (4, 0), (1.4, 6)]],
    "8": [_arc(2, 1.45, 1.6, 1.45, 0, 360), _arc(2, 4.4, 1.9, 1.6, 0, 360)],
    "9": [[(4 - x, 6 - y) for x, y in stroke] for stroke in _SIX],
}


def initials(name: str) -> str:
    """The letters a monogram of ``name`` shows: the first of its first two words
    (``backend-developer`` → ``BD``), only those the glyph set draws."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in name.upper()).split()]
    letters = "".join(w[0] for w in words if w[0] in GLYPHS)[:2]
    return letters or "A"


def colour(name: str) -> str:
    """A colour of :data:`PALETTE` that ``name`` always gets."""
    return PALETTE[hashlib.sha256(name.encode()).digest()[0] % len(PALETTE)]


def _coverage(text: str, size: int) -> dict[int, float]:
    """How much of each pixel (index y * size + x) the letters of ``text`` cover, centred."""
    unit = size * 0.065  # one grid step: two letters fill about 60 % of the width
    gap = 1.6
    width = len(text) * 4 + (len(text) - 1) * gap
    left = (size - width * unit) / 2
    top = (size - 6 * unit) / 2
    half = unit * 0.48  # half the stroke width
    cover: dict[int, float] = {}
    for n, letter in enumerate(text):
        ox = left + n * (4 + gap) * unit
        for stroke in GLYPHS[letter]:
            points = [(ox + x * unit, top + y * unit) for x, y in stroke]
            for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
                _segment(cover, size, (x0, y0, x1, y1), half)
    return cover


def _segment(
    cover: dict[int, float], size: int, seg: tuple[float, float, float, float], half: float
) -> None:
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy or 1e-9
    reach = half + 1
    for py in range(max(0, int(min(y0, y1) - reach)), min(size, int(max(y0, y1) + reach) + 1)):
        cy = py + 0.5
        for px in range(max(0, int(min(x0, x1) - reach)), min(size, int(max(x0, x1) + reach) + 1)):
            cx = px + 0.5
            t = min(1.0, max(0.0, ((cx - x0) * dx + (cy - y0) * dy) / length2))
            dist = math.hypot(cx - x0 - t * dx, cy - y0 - t * dy)
            amount = half + 0.5 - dist
            if amount > 0:
                i = py * size + px
                cover[i] = max(cover.get(i, 0.0), min(1.0, amount))


def _corner_alpha(x: int, y: int, size: int, radius: float) -> float:
    """How much of pixel (x, y) lies inside the rounded square (1 away from the corners)."""
    cx = min(max(x + 0.5, radius), size - radius)
    cy = min(max(y + 0.5, radius), size - radius)
    dist = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
    return min(1.0, max(0.0, radius + 0.5 - dist))


@functools.lru_cache(maxsize=8)  # a form re-plans its export as the user types
def monogram(name: str, size: int = MIN_SIDE, background: str = "") -> bytes:
    """A square PNG of ``size`` px: the initials of ``name`` in white on a rounded square of
    ``background`` (by default a colour of the palette ``name`` always gets)."""
    red, green, blue = (int((background or colour(name))[i : i + 2], 16) for i in (1, 3, 5))
    radius = size * 0.22
    pixels = bytearray(bytes((red, green, blue, 255)) * (size * size))
    corner = int(radius) + 1
    for y in range(size):
        if corner <= y < size - corner:
            continue
        for x in [*range(corner), *range(size - corner, size)]:
            pixels[(y * size + x) * 4 + 3] = round(255 * _corner_alpha(x, y, size, radius))
    for i, amount in _coverage(initials(name), size).items():
        at = i * 4
        for c in range(3):
            pixels[at + c] = round(pixels[at + c] + (255 - pixels[at + c]) * amount)
    stride = size * 4
    raw = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(size))
    return _png(size, size, zlib.compress(raw, 9))


def _png(width: int, height: int, idat: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
