"""Whether a picture may be decoded, and decoding it small, one at a time.

A picture file says in its header how big it is, and decoding costs memory for every pixel it
says it has, not for the bytes it arrived in: a PNG of 13,000 x 13,000 black pixels is 0.49 MB
on the wire and 507 MB decoded (676 MB as Pillow holds it, four bytes a pixel). Pillow only
warns below 89 megapixels and refuses above 179, far more than a terminal can use. So the header
is read first (Pillow reads it without decoding) and a picture whose decoding would hold more
than `PIXEL_BUDGET` pixels is refused with its size; the reader keeps its caption and says why.

What is decoded: the whole picture for PNG, GIF (its screen), BMP, WebP and AVIF; for a
sequential JPEG only what libjpeg produces after `draft` (it decodes straight at 1/2, 1/4 or
1/8 of the size, so a camera's 24-megapixel photo costs 1.5 megapixels), but for a progressive
or multi-scan JPEG libjpeg keeps every coefficient of the whole picture whatever the scale (0.5
GB for 13,000 x 13,000 at 1/8), so those count at full size.

Refusals made when a picture is downloaded are stored as the image's status (`Refusal.text`) and
read back with `Refusal.from_status`, so the reader can say why without the file.
"""

from __future__ import annotations

import re
import struct
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image as PILImage

CELL_PIXELS = (20, 40)
"""A generous terminal cell: a HiDPI screen at a large font (the usual cell is 8-10 x 16-20)."""
LARGEST_SHOWN = (64 * CELL_PIXELS[0], 50 * CELL_PIXELS[1])
"""The most of one picture a terminal ever shows: the reader draws a picture at most 64 cells
wide (ArticleImage's max-width) and half the reader high, 50 rows of a 100-row terminal:
1280 x 2000 pixels, 2.6 megapixels."""
PIXEL_BUDGET = 4 * LARGEST_SHOWN[0] * LARGEST_SHOWN[1]
"""10.24 megapixels: a picture up to twice the largest shown size along each side is decoded
and shrunk (photos are often uploaded bigger than they are shown); bigger ones are refused. At
four bytes a pixel one decode holds at most 41 MB (a progressive JPEG's coefficients up to 61
MB), and pictures are decoded one at a time."""
MAX_FRAMES = 1000
"""Longer animations are refused: the reader shows one still frame, a news picture is not a
video, and thousands of frames in a small file are made to cost time."""
SHRINK_TO = (640, 480)
"""Pictures are shrunk to fit this box before drawing: enough for a terminal, cheap to draw."""

_PILLOW_FORMATS = {
    "png": "PNG",
    "jpg": "JPEG",
    "gif": "GIF",
    "webp": "WEBP",
    "bmp": "BMP",
    "avif": "AVIF",
}
_ONE_AT_A_TIME = threading.Lock()
"""Held while a picture is decoded: eight pictures of one article never decode at once."""


@dataclass(frozen=True)
class Refusal:
    """Why a picture is not drawn; its caption still is."""

    reason: str
    """"too_large", "too_many_frames" or "unreadable" (damaged, cut short or not decodable)."""
    width: int = 0
    height: int = 0
    frames: int = 0

    @property
    def text(self) -> str:
        """The plain English reason, as the image's status in the store."""
        if self.reason == "too_large":
            return f"too large to show ({self.width}x{self.height} pixels)"
        if self.reason == "too_many_frames":
            return f"too many frames to show ({self.frames})"
        return "the picture cannot be read"

    @classmethod
    def from_status(cls, status: str) -> Refusal | None:
        """The refusal an image's stored status records, or None for any other status."""
        if found := _TOO_LARGE.fullmatch(status):
            return cls("too_large", width=int(found[1]), height=int(found[2]))
        if found := _TOO_MANY_FRAMES.fullmatch(status):
            return cls("too_many_frames", frames=int(found[1]))
        return None


_TOO_LARGE = re.compile(r"too large to show \((\d+)x(\d+) pixels\)")
_TOO_MANY_FRAMES = re.compile(r"too many frames to show \((\d+)\)")


def check_picture(data: bytes) -> Refusal | None:
    """A refusal when the picture in `data` is over the budget or too long an animation, from
    its header alone (nothing is decoded: cheap enough for every download).

    A header Pillow cannot read is not refused here: the reader will say so if it cannot draw
    it, and a later Pillow may."""
    try:
        with BytesIO(data) as handle:
            image = _open(handle)
            return _judge(image, handle, SHRINK_TO)
    except Exception:  # an unreadable header is the reader's to report, never the refresh's
        return None


def decode_picture(path: Path, box: tuple[int, int] = SHRINK_TO) -> PILImage.Image | Refusal:
    """The picture at `path` shrunk to fit `box`, in RGB, or why it is not drawn.

    Never raises. Decodes one picture at a time across threads, so what a decode costs is
    bounded by the budget, not by how many pictures an article has."""
    size = (0, 0)
    with _ONE_AT_A_TIME:
        try:
            with path.open("rb") as handle:
                image = _open(handle)
                size = image.size
                refusal = _judge(image, handle, box)
                if refusal is not None:
                    return refusal
                image.thumbnail(box, reducing_gap=2.0)  # PNG: reduce() by whole steps first
                return image.convert("RGB")
        except MemoryError:  # within the budget, but this machine has even less to spare
            return Refusal("too_large", width=size[0], height=size[1])
        except Exception:  # damaged, cut short or a format Pillow cannot decode
            return Refusal("unreadable")


def _open(handle: IO[bytes]) -> PILImage.Image:
    """The picture's header, read by the Pillow plugin of the format its bytes start with.

    Not `Image.open`: it warns on stderr (into a cron job's mail) above 89 megapixels and
    raises above 179 without saying the size, where our far smaller budget names it."""
    from PIL import Image

    from newsreader_tui.core.media.image_cache import sniff_image  # it imports Refusal from here

    kind = sniff_image(handle.read(32))
    handle.seek(0)
    name = _PILLOW_FORMATS.get(kind or "")
    if name is None:
        raise ValueError("not a picture format the reader draws")
    Image.init()  # registers every plugin once; later calls return at once
    if name not in Image.OPEN:
        raise ValueError(f"this Pillow cannot read {name}")
    factory, _accept = Image.OPEN[name]
    return factory(handle, "")


def _judge(image: PILImage.Image, handle: IO[bytes], box: tuple[int, int]) -> Refusal | None:
    """Whether decoding `image` would stay within the budget. For a sequential JPEG this sets
    the reduced size it will be decoded at (`draft`), which is what it then costs."""
    width, height = image.size
    decoded = width * height
    if image.format == "JPEG":
        where = handle.tell()
        streams = not _jpeg_keeps_whole_picture(handle)
        handle.seek(where)
        if streams:
            image.draft("RGB", box)
            decoded = image.size[0] * image.size[1]
    if decoded > PIXEL_BUDGET:
        return Refusal("too_large", width=width, height=height)
    frames = getattr(image, "n_frames", 1)  # counted from the headers; bounded by the file size
    if frames > MAX_FRAMES:
        return Refusal("too_many_frames", frames=frames)
    return None


_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
"""JPEG start-of-frame markers (C4, C8 and CC are other tables)."""
_PROGRESSIVE = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xD9)})
"""Markers without a length: TEM, restarts, start of image."""


def _jpeg_keeps_whole_picture(handle: IO[bytes]) -> bool:
    """Whether libjpeg must keep the whole picture's coefficients to decode this JPEG at any
    scale: progressive, or a first scan without every component (libjpeg's has_multiple_scans).
    Walks the marker segments up to the first scan, seeking over them; True when unsure."""
    handle.seek(2)
    progressive, components = False, 0
    while True:
        head = handle.read(2)
        if len(head) < 2 or head[0] != 0xFF:
            return True
        marker = head[1]
        if marker == 0xFF:  # fill byte before a marker
            handle.seek(-1, 1)
            continue
        if marker in _NO_LENGTH:
            continue
        raw = handle.read(2)
        if len(raw) < 2:
            return True
        (length,) = struct.unpack(">H", raw)
        if length < 2:
            return True
        segment = handle.read(min(length - 2, 8))
        if marker in _SOF and len(segment) >= 6:
            progressive, components = marker in _PROGRESSIVE, segment[5]
        elif marker == 0xDA and segment:
            return progressive or components == 0 or segment[0] < components
        handle.seek(length - 2 - len(segment), 1)
