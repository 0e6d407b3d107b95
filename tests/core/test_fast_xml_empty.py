"""The fast reader's search for elements closed at once (`_closed_at_once`) finds what its
two patterns find when run over the whole body, whatever the bytes."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from newsreader_tui.core.sources.fast_xml import _EMPTY_ELEMENT, _RSS_EMPTY, _closed_at_once

PIECES = (
    b"<", b">", b"/", b"/>", b" ", b"\n", b"title", b"br", b"img", b"atom:link", b"enclosure",
    b"media:content", b"category", b"rdf:li", b"image rdf:", b" domain='x'", b' url="a.jpg"',
    b"=", b"'", b'"', b"<![CDATA[", b"]]>", b"<br/>", b"<title/>", b"x", b"-", b".", b":",
    "Ảnh".encode(),
)  # fmt: skip
BODIES = st.lists(st.sampled_from(PIECES), max_size=20).map(b"".join)


@given(BODIES)
@example(b"<item><title/><description>Tin</description></item>")
@example(b"<item><category domain='x'/><title>Tin</title></item>")
@example(b"<description><![CDATA[<p>a<br/>b<img src='1.jpg'/></p>]]></description>")
@example(b"<a / /><b/ >< c/>")
def test_finds_what_the_patterns_find(body: bytes) -> None:
    empty, rss_empty = _closed_at_once(body)
    assert empty == bool(_EMPTY_ELEMENT.search(body))
    if not empty:
        assert rss_empty == bool(_RSS_EMPTY.search(body))
