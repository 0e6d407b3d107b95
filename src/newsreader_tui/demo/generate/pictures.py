"""The demo's pictures, drawn in code with flat bands and shapes so each PNG is a few KB."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from functools import cache
from math import isqrt

Color = tuple[int, int, int]


class Canvas:
    """An RGB picture drawn with flat bands and shapes, so it compresses to a few KB."""

    def __init__(self, width: int, height: int, color: Color) -> None:
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(color) * width) for _ in range(height)]

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        """Fill [x0, x1) x [y0, y1), clipped to the picture."""
        x0, x1 = max(0, x0), min(self.width, x1)
        for y in range(max(0, y0), min(self.height, y1)):
            if x1 > x0:
                self.rows[y][x0 * 3 : x1 * 3] = bytes(color) * (x1 - x0)

    def gradient(self, y0: int, y1: int, top: Color, bottom: Color, bands: int = 10) -> None:
        """A vertical gradient from `top` to `bottom` in `bands` flat bands."""
        span = max(1, y1 - y0)
        for y in range(y0, y1):
            step = min(bands - 1, (y - y0) * bands // span)
            mix = step / max(1, bands - 1)
            color = tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
            self.rect(0, y, self.width, y + 1, (color[0], color[1], color[2]))

    def circle(self, cx: int, cy: int, radius: int, color: Color) -> None:
        """A filled disc."""
        for dy in range(-radius, radius + 1):
            dx = isqrt(radius * radius - dy * dy)
            self.rect(cx - dx, cy + dy, cx + dx + 1, cy + dy + 1, color)

    def png(self) -> bytes:
        """The picture as PNG bytes (8-bit RGB, no filter, zlib level 9)."""
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 9))
            + _chunk(b"IEND", b"")
        )


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def _hoi_nghi() -> Canvas:
    c = Canvas(320, 180, (40, 45, 80))
    c.gradient(0, 72, (120, 18, 24), (175, 42, 40), 6)
    c.circle(160, 34, 16, (240, 200, 70))
    c.rect(0, 72, 320, 80, (228, 188, 64))
    c.gradient(80, 180, (70, 78, 118), (30, 34, 60), 8)
    c.rect(120, 50, 200, 86, (205, 170, 95))
    for y in range(98, 180, 14):
        c.rect(12, y, 308, y + 7, (48, 66, 150))
    return c


def _le_ra_quan() -> Canvas:
    c = Canvas(320, 180, (0, 0, 0))
    c.gradient(0, 110, (112, 172, 228), (205, 232, 250), 8)
    c.gradient(110, 180, (76, 146, 72), (40, 100, 46), 6)
    c.rect(38, 20, 40, 110, (90, 90, 90))
    c.rect(40, 20, 100, 58, (215, 30, 36))
    c.circle(70, 39, 9, (250, 215, 40))
    for x in range(120, 310, 16):
        c.rect(x, 96, x + 8, 132, (40, 70, 140) if x % 32 else (30, 110, 60))
        c.circle(x + 4, 90, 5, (235, 200, 170))
    return c


def _dong_lua() -> Canvas:
    c = Canvas(320, 180, (0, 0, 0))
    c.gradient(0, 70, (145, 198, 240), (232, 242, 250), 6)
    c.circle(268, 30, 18, (255, 222, 120))
    c.gradient(70, 180, (236, 196, 74), (176, 126, 30), 8)
    for y in range(80, 180, 12):
        c.rect(0, y, 320, y + 2, (160, 112, 26))
    return c


def _cang_bien() -> Canvas:
    c = Canvas(320, 180, (0, 0, 0))
    c.gradient(0, 92, (168, 208, 238), (222, 236, 250), 6)
    c.gradient(92, 180, (40, 110, 172), (18, 58, 108), 8)
    colors = ((200, 60, 40), (40, 120, 190), (230, 170, 40), (60, 150, 90), (150, 60, 150))
    for index, x in enumerate(range(20, 300, 36)):
        c.rect(x, 66, x + 32, 80, colors[index % len(colors)])
        c.rect(x, 80, x + 32, 92, colors[(index + 2) % len(colors)])
    c.rect(250, 10, 256, 92, (220, 120, 30))
    c.rect(210, 10, 300, 16, (220, 120, 30))
    return c


def _le_hoi() -> Canvas:
    c = Canvas(320, 180, (0, 0, 0))
    c.gradient(0, 150, (58, 30, 92), (206, 96, 82), 10)
    c.rect(0, 150, 320, 180, (45, 30, 40))
    for index, x in enumerate(range(24, 320, 40)):
        y = 40 + (index % 3) * 22
        c.rect(x - 1, 0, x + 1, y, (70, 50, 50))
        c.circle(x, y + 10, 11, (225, 50, 40) if index % 2 else (245, 150, 40))
    return c


def _san_van_dong() -> Canvas:
    c = Canvas(320, 180, (60, 150, 60))
    for x in range(0, 320, 40):
        c.rect(x, 0, x + 20, 180, (50, 134, 50))
    white = (240, 240, 240)
    c.rect(10, 10, 310, 12, white)
    c.rect(10, 168, 310, 170, white)
    c.rect(10, 10, 12, 170, white)
    c.rect(308, 10, 310, 170, white)
    c.rect(159, 10, 161, 170, white)
    c.circle(160, 90, 26, white)
    c.circle(160, 90, 24, (60, 150, 60))
    c.circle(160, 90, 3, white)
    return c


def _chay_bo() -> Canvas:
    c = Canvas(320, 180, (0, 0, 0))
    c.gradient(0, 80, (178, 214, 240), (226, 240, 250), 6)
    c.rect(0, 80, 320, 100, (62, 128, 66))
    c.gradient(100, 180, (112, 112, 118), (84, 84, 90), 4)
    for x in range(0, 320, 40):
        c.rect(x, 138, x + 22, 142, (245, 245, 245))
    shirts = ((220, 60, 50), (40, 110, 200), (250, 190, 40), (60, 160, 90))
    for index, x in enumerate(range(40, 300, 30)):
        c.rect(x, 104, x + 10, 126, shirts[index % len(shirts)])
        c.circle(x + 5, 98, 5, (230, 190, 160))
    return c


def _truong_hoc() -> Canvas:
    c = Canvas(320, 180, (0, 0, 0))
    c.gradient(0, 60, (160, 205, 240), (220, 236, 250), 5)
    c.rect(30, 40, 290, 52, (190, 60, 45))
    c.rect(40, 52, 280, 160, (240, 202, 92))
    for y in range(62, 150, 30):
        for x in range(52, 270, 28):
            c.rect(x, y, x + 16, y + 18, (84, 124, 164))
    c.rect(146, 120, 174, 160, (120, 80, 50))
    c.rect(0, 160, 320, 180, (120, 160, 90))
    return c


def _logo() -> Canvas:
    c = Canvas(64, 64, (180, 30, 40))
    c.circle(32, 32, 20, (250, 210, 60))
    c.circle(32, 32, 12, (180, 30, 40))
    return c


IMAGES: dict[str, Callable[[], Canvas]] = {
    "hoi-nghi": _hoi_nghi,
    "le-ra-quan": _le_ra_quan,
    "dong-lua": _dong_lua,
    "cang-bien": _cang_bien,
    "le-hoi": _le_hoi,
    "san-van-dong": _san_van_dong,
    "chay-bo": _chay_bo,
    "truong-hoc": _truong_hoc,
    "logo": _logo,
}


@cache
def png(key: str) -> bytes:
    """The PNG bytes of picture `key` (drawn once: feeds need their sizes, the server the bytes)."""
    return IMAGES[key]().png()
