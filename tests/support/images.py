"""PNG files written and read with zlib alone, so no imaging library is needed."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

RGB = tuple[int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(
    width: int = 2,
    height: int = 2,
    *,
    color: RGB | Callable[[int, int], RGB] = (255, 128, 0),
    padding: int = 0,
) -> bytes:
    """A valid 8-bit RGB PNG. `color` is one colour for every pixel or a function of (x, y),
    e.g. a gradient; `padding` adds a private chunk of that many bytes to make the file bigger
    without changing the picture. The same arguments always give the same bytes."""

    def paint(x: int, y: int) -> RGB:
        return color(x, y) if callable(color) else color

    rows = b"".join(
        b"\x00" + bytes(value for x in range(width) for value in paint(x, y)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    extra = _chunk(b"prVt", b"\x00" * padding) if padding else b""
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + extra
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def png_pixels(data: bytes) -> tuple[bytes, bytes]:
    """A PNG's IHDR and its inflated image data: equal for equal pictures even when another
    zlib (or another level) packed them differently."""
    chunks: dict[bytes, bytes] = {}
    offset = len(PNG_SIGNATURE)
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        tag = data[offset + 4 : offset + 8]
        chunks[tag] = chunks.get(tag, b"") + data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return chunks[b"IHDR"], zlib.decompress(chunks[b"IDAT"])
