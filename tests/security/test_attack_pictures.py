"""Attacks through pictures (issue 9, item 2): a feed's server controls every byte of a picture.

Each hostile picture below is a fixture named for what it attacks. The header check refuses
what would cost too much before anything is decoded, at download time where the header tells,
else when the reader decodes it; never with an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newsreader_tui.core.media.pictures import (
    MAX_FRAMES,
    PIXEL_BUDGET,
    Refusal,
    check_picture,
    decode_picture,
)
from support.hostile_images import (
    bmp_claiming,
    gif_frames,
    jpeg,
    jpeg_claiming,
    truncated_jpeg,
    zero_png,
)


@dataclass(frozen=True)
class Hostile:
    """A hostile picture and what the reader must make of it."""

    data: bytes
    refusal: Refusal | None
    """Why it is not drawn (None: it is drawn, the attack costs nothing)."""
    at_download: bool
    """Whether the header already tells at download time (else the reader finds out)."""


# -- the hostile pictures ----------------------------------------------------------------------


@pytest.fixture
def png_just_under_pillows_limit() -> Hostile:
    """13,000 x 13,000: 0.49 MB on the wire, 507 MB decoded; Pillow only warns (169 MP)."""
    return Hostile(zero_png(13000, 13000), Refusal("too_large", 13000, 13000), at_download=True)


@pytest.fixture
def png_idat_zlib_bomb() -> Hostile:
    """A 1000 x 1000 header over an IDAT that inflates to 300 MB: Pillow reads only the rows
    the header promises, so the picture is drawn at the cost of a small one."""
    return Hostile(zero_png(1000, 1000, rows=100_000), None, at_download=True)


@pytest.fixture
def gif_with_thousands_of_frames() -> Hostile:
    """5,000 one-pixel frames in 115 KB."""
    return Hostile(gif_frames(5000), Refusal("too_many_frames", frames=5000), at_download=True)


@pytest.fixture
def jpeg_cut_short() -> Hostile:
    """A real JPEG cut off after 60% of its bytes: the header is fine, the scan is not."""
    return Hostile(truncated_jpeg(), Refusal("unreadable"), at_download=False)


@pytest.fixture
def progressive_jpeg_claiming_13000_square() -> Hostile:
    """A 16 x 16 progressive JPEG whose header says 13,000 x 13,000: libjpeg would reserve the
    whole picture's coefficients (0.5 GB) before reading a scan, even at 1/8 of the size."""
    data = jpeg_claiming(13000, 13000, progressive=True)
    return Hostile(data, Refusal("too_large", 13000, 13000), at_download=True)


@pytest.fixture
def bmp_header_claiming_900_megapixels() -> Hostile:
    """54 bytes promising 30,000 x 30,000: over Pillow's own error limit, which names no size."""
    return Hostile(bmp_claiming(30000, 30000), Refusal("too_large", 30000, 30000), at_download=True)


HOSTILE = [
    "png_just_under_pillows_limit",
    "png_idat_zlib_bomb",
    "gif_with_thousands_of_frames",
    "jpeg_cut_short",
    "progressive_jpeg_claiming_13000_square",
    "bmp_header_claiming_900_megapixels",
]


# -- the pictures module on its own ------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_the_header_check_refuses_before_anything_is_decoded(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    hostile: Hostile = request.getfixturevalue(name)
    expected_at_download = hostile.refusal if hostile.at_download else None
    assert check_picture(hostile.data) == expected_at_download
    path = tmp_path / "picture"
    path.write_bytes(hostile.data)
    decoded = decode_picture(path)
    if hostile.refusal is None:
        assert not isinstance(decoded, Refusal) and decoded.size == (480, 480)
    else:
        assert decoded == hostile.refusal


def test_pictures_within_the_budget_are_drawn_smaller(tmp_path: Path) -> None:
    side = int(PIXEL_BUDGET**0.5)  # 3200 x 3200, just inside
    cases = {
        "at-budget.png": zero_png(side, side),
        "camera.jpg": jpeg_claiming(6000, 4000, progressive=False),  # decoded at 1/8
        "animation.gif": gif_frames(MAX_FRAMES),
        "photo.jpg": jpeg(progressive=True),
    }
    for name, data in cases.items():
        assert check_picture(data) is None, name
        (tmp_path / name).write_bytes(data)
        decoded = decode_picture(tmp_path / name)
        assert not isinstance(decoded, Refusal), name
        assert decoded.width <= 640 and decoded.height <= 480 and decoded.mode == "RGB"
    assert check_picture(zero_png(side + 1, side + 1)) == Refusal("too_large", side + 1, side + 1)


def test_a_jpeg_counts_at_the_size_libjpeg_must_hold() -> None:
    """Sequential JPEGs decode straight at 1/8 of their size; a progressive or multi-scan one
    holds the whole picture's coefficients whatever the scale, so it counts at full size."""
    assert check_picture(jpeg_claiming(13000, 13000, progressive=False)) is None
    whole = Refusal("too_large", 13000, 13000)
    assert check_picture(jpeg_claiming(13000, 13000, progressive=True)) == whole
    split = jpeg_claiming(13000, 13000, progressive=False, first_scan_components=1)
    assert check_picture(split) == whole


def test_a_refusal_stored_at_download_is_read_back() -> None:
    for refusal in (Refusal("too_large", 13000, 9000), Refusal("too_many_frames", frames=5000)):
        assert Refusal.from_status(refusal.text) == refusal
    assert Refusal.from_status("HTTP 404") is None
    assert Refusal.from_status("pending") is None
