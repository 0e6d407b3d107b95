"""The fixture files under tests/data."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
FEEDS = DATA / "feeds"
"""Feed documents written for the tests, in the encodings and quirks portals serve."""
JPEG = (DATA / "images" / "tiny.jpg").read_bytes()
"""A small real JPEG."""


def feed_file(name: str) -> bytes:
    """The bytes of tests/data/feeds/`name`, as a server would send them."""
    return (FEEDS / name).read_bytes()
