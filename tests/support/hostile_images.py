"""Hostile pictures, built byte by byte so that none is ever decoded (or allocated) in the test.

Each one attacks a different step of showing a picture: the decoder's memory (a header promising
billions of bytes), its time (thousands of frames), or its error handling (a file cut short).
The same arguments always give the same bytes; the expensive ones are built once per session.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib

from support.images import PNG_SIGNATURE, _chunk

ZERO_ROWS_PER_CALL = 4_000_000
"""Bytes of zero rows handed to zlib at a time: a few MB, never the whole inflated picture."""


@functools.cache
def zero_png(width: int, height: int, *, rows: int | None = None) -> bytes:
    """An 8-bit RGB PNG of `width`x`height` black pixels whose IDAT inflates to `rows` zero
    rows (default: `height`, a valid picture). Built row block by row block: a 13000x13000
    picture is 0.49 MB here and 507 MB decoded, and the test never holds the 507 MB."""
    row = bytes(1 + 3 * width)  # filter byte 0, then the pixels
    per_call = max(1, ZERO_ROWS_PER_CALL // len(row))
    packer = zlib.compressobj(9)
    parts, done, total = [], 0, height if rows is None else rows
    while done < total:
        count = min(per_call, total - done)
        parts.append(packer.compress(row * count))
        done += count
    parts.append(packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def gif_frames(frames: int, *, width: int = 64, height: int = 64) -> bytes:
    """A GIF89a animation of `frames` frames, each one pixel (at a different place): about 23
    bytes a frame, so thousands of frames fit in a small file."""
    screen = struct.pack("<6sHHBBB", b"GIF89a", width, height, 0xF0, 0, 0)
    palette = b"\x00\x00\x00\xff\xff\xff"
    out = [screen, palette]
    for index in range(frames):
        control = b"\x21\xf9\x04\x00" + struct.pack("<H", 10) + b"\x00\x00"
        where = struct.pack("<HHHH", index % width, (index // width) % height, 1, 1)
        # LZW with 2-bit pixels: codes of 3 bits, clear (4), the pixel, end (5), low bits first.
        codes = 4 | ((index % 2) << 3) | (5 << 6)
        data = b"\x02" + b"\x02" + struct.pack("<H", codes) + b"\x00"
        out.append(control + b"\x2c" + where + b"\x00" + data)
    out.append(b"\x3b")
    return b"".join(out)


def jpeg(width: int = 96, height: int = 64, *, progressive: bool = False) -> bytes:
    """A small real JPEG (a gradient, so its scans carry data)."""
    from PIL import Image

    picture = Image.new("RGB", (width, height))
    picture.putdata([(x * 4 % 256, y * 4 % 256, 128) for y in range(height) for x in range(width)])
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90, progressive=progressive)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A real JPEG cut off after 60% of its bytes, as a broken download leaves it."""
    data = jpeg(256, 256)
    return data[: len(data) * 6 // 10]


def jpeg_claiming(
    width: int, height: int, *, progressive: bool, first_scan_components: int | None = None
) -> bytes:
    """A small JPEG whose frame header says `width`x`height`. A progressive one makes libjpeg
    reserve the whole picture's coefficients before reading a scan (13000x13000: 0.5 GB), even
    when asked for an eighth of the size; so does a sequential one whose first scan carries
    fewer than all its components (`first_scan_components`; only its header is right then)."""
    data = bytearray(jpeg(16, 16, progressive=progressive))
    marker = data.index(b"\xff\xc2" if progressive else b"\xff\xc0")
    struct.pack_into(">HH", data, marker + 5, height, width)
    if first_scan_components is not None:
        data[data.index(b"\xff\xda") + 4] = first_scan_components
    return bytes(data)


def bmp_claiming(width: int, height: int) -> bytes:
    """A 24-bit BMP header for `width`x`height` pixels with no pixels after it (54 bytes)."""
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54 + 0, 0, 0, 54) + info
