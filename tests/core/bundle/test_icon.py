"""Plugin icons: checked from their headers as the plugin directory checks them, and the
monogram drawn in pure Python is a PNG the directory takes."""

import struct
import zlib

import pytest

from agentquill.core.bundle import icon


def png(width: int, height: int, padding: int = 0) -> bytes:
    """A PNG header of the given size (the body does not matter to the check)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return icon.PNG_SIGNATURE + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0" * (4 + padding)


def jpeg(width: int, height: int) -> bytes:
    """A JPEG start: an APP0 segment, then the frame header that carries the size."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def decoded(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the unfiltered RGBA rows of a PNG written by :func:`icon.monogram`."""
    width, height = struct.unpack(">II", data[16:24])
    at, idat = 8, b""
    while at < len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(
            kind + body
        )
        idat += body if kind == b"IDAT" else b""
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    assert all(raw[y * stride] == 0 for y in range(height))  # filter "none" on every row
    return width, height, b"".join(raw[y * stride + 1 : (y + 1) * stride] for y in range(height))


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (png(512, 512), icon.Icon("png", 512, 512)),
        (png(2048, 2048), icon.Icon("png", 2048, 2048)),
        (jpeg(1024, 1024), icon.Icon("jpeg", 1024, 1024)),
    ],
)
def test_square_pngs_and_jpegs_of_512_to_2048_px_are_taken(data, found):
    assert icon.check(data) == found


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (png(600, 500), "600×500 px: an icon must be square"),
        (png(400, 400), "400×400 px: an icon is 512 to 2048 px a side"),
        (jpeg(4096, 4096), "4096×4096 px: an icon is 512 to 2048 px a side"),
        (png(512, 512, padding=icon.MAX_BYTES), "2.0 MB: an icon must be under 2 MB"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "a WebP image: the plugin directory takes only PNG or JPEG"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "an SVG image"),
        (b"GIF89a", "not a PNG or JPEG image"),
        (icon.PNG_SIGNATURE + b"\0", "a damaged PNG: its header is missing"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "a damaged JPEG: no frame header says its size"),
    ],
)
def test_what_the_directory_refuses_is_said(data, said):
    with pytest.raises(icon.IconError, match=said):
        icon.check(data)


def test_the_monogram_is_a_square_512_px_png_the_directory_takes():
    data = icon.monogram("backend-developer")
    assert data.startswith(icon.PNG_SIGNATURE) and len(data) < icon.MAX_BYTES
    assert icon.check(data) == icon.Icon("png", 512, 512)
    width, height, pixels = decoded(data)
    assert (width, height) == (512, 512) and len(pixels) == 512 * 512 * 4

    def at(x: int, y: int) -> tuple[int, ...]:
        return tuple(pixels[(y * 512 + x) * 4 : (y * 512 + x) * 4 + 4])

    red, green, blue = (int(icon.colour("backend-developer")[i : i + 2], 16) for i in (1, 3, 5))
    assert at(0, 0)[3] == 0 and at(511, 511)[3] == 0  # rounded corners: see-through
    assert at(256, 20) == (red, green, blue, 255)  # the background, opaque
    row = [at(x, 256) for x in range(512)]
    assert (255, 255, 255, 255) in row  # the letters, white
    partly = [p for p in row if p[:3] not in ((255, 255, 255), (red, green, blue))]
    assert partly  # their edges anti-aliased


def test_initials_and_colours_follow_the_name():
    assert icon.initials("backend-developer") == "BD"
    assert icon.initials("wshobson agents") == "WA"
    assert icon.initials("k8s") == "K"
    assert icon.initials("--") == "A"  # no letter to show: one still draws
    assert icon.colour("kit") == icon.colour("kit") and icon.colour("kit") in icon.PALETTE
    assert set(icon.GLYPHS) >= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    assert icon.monogram("kit", background="#000000") != icon.monogram("kit")
