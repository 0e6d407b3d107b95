"""The fast reader's quick test for relative URIs (`has_relative_value`) answers exactly as the
pattern it replaces, whatever the HTML."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from newsreader_tui.core.sources.fast_xml import _RELATIVE_VALUE, has_relative_value

PIECES = (
    "href",
    "HREF",
    "src",
    "data",
    "metadata",
    "data-src",
    "background",
    "poster",
    "alt",
    "=",
    " = ",
    "\n",
    "\t",
    '"',
    "'",
    "http:",
    "https://x.vn/a",
    "/anh/1.jpg",
    "mailto:a",
    "  ",
    "<a ",
    "<img ",
    ">",
    "Ảnh",
    "x",
    "1",
)
HTML = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


@given(st.one_of(HTML, st.text(max_size=80)))
@example('<a href= "http://x">')
@example("<img data-src=anh.jpg>")
@example("metadata=x")
@example("href" + " " * 100 + "=x")
def test_the_quick_test_agrees_with_the_pattern(html: str) -> None:
    assert has_relative_value(html) == bool(_RELATIVE_VALUE.search(html))
