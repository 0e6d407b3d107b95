"""The fast reader leaves C1 controls to feedparser, raw or as references (feedparser reads
them as the windows-1252 characters meant), and reads a no-break space itself: its UTF-8 bytes
start like a raw C1 control's (\\xc2), and portals' feeds are full of it."""

from __future__ import annotations

import pytest

from newsreader_tui.core.sources import fast_xml
from newsreader_tui.core.sources.registry import Declined

URL = "https://portal.example.vn/rss/tin-tuc.rss"
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}


def rss_with(text: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        b"<title>Tin t\xe1\xbb\xa9c</title><item><title>Th\xc3\xb4ng b\xc3\xa1o</title>"
        b"<link>https://portal.example.vn/tin/1.html</link><description>"
        + text
        + b"</description></item></channel></rss>"
    )


@pytest.mark.parametrize(
    "text",
    [b"a\xc2\x85b", b"a\xc2\x93b\xc2\x94", b"a&#133;b", b"a&#150;b", b"a&#x85;b", b"a&#x9F;b"],
    ids=["raw-nel", "raw-quotes", "ref-133", "ref-150", "hex-85", "hex-9f"],
)
def test_c1_controls_are_left_to_feedparser(text: bytes) -> None:
    with pytest.raises(Declined, match="C1"):
        fast_xml.read(rss_with(text), HEADERS, URL)


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Toàn\xa0cảnh".encode(), "Toàn\xa0cảnh"),
        ("Toàn&#160;cảnh".encode(), "Toàn\xa0cảnh"),
        ("© &#169;".encode(), "© ©"),
    ],
    ids=["raw-nbsp", "ref-nbsp", "copyright"],
)
def test_a_no_break_space_is_read_here(text: bytes, summary: str) -> None:
    assert fast_xml.read(rss_with(text), HEADERS, URL).items[0].summary == summary
