"""The fast reader sends HTML through feedparser's sanitiser exactly when a tag in it is one
the sanitiser would touch: a name it does not accept (in any case), a comment, a declaration or
a processing instruction. Ordinary feed HTML comes back as it is."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from newsreader_tui.core.sources import fast_xml

PIECES = (
    "<", ">", "/", " ", "\n", "!", "?", "--", "<!--", "<?", "< /", "</ ", "p", "P", "b", "br",
    "img", "figure", "figcaption", "strong", "blockquote", "script", "SCRIPT", "style",
    "svg", "font", "x", "é", "İ", "ſ", "\u212a", "ſtrong", "bloc\u212aquote", ":", ".", "-",
    "_", "1", "a", " href='/a'", "Ảnh: Bá Luân",
)  # fmt: skip
HTML = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
_NAME = re.compile(r"<\s*/?\s*([A-Za-z][\w:.\-]*)|<[!?]")


def _touched(html: str) -> bool:
    """Whether some tag, looked at one by one, is one the sanitiser rewrites or removes."""
    for match in _NAME.finditer(html):
        name = match.group(1)
        if name is None or name.lower() not in fast_xml._ACCEPTABLE:
            return True
    return False


@given(HTML)
@example("<p>Toàn cảnh hội nghị</p><figure><img src='/a.jpg'/></figure>")
@example("<p>a</p><!-- quảng cáo --><p>b</p>")
@example("<P><STRONG>Đảng</STRONG></P><script>x()</script>")
@example("<bloc\u212aquote>q</bloc\u212aquote>")  # the Kelvin sign lowers to an ASCII k
def test_sanitised_exactly_when_a_tag_would_be_touched(html: str) -> None:
    expected = fast_xml._sanitize_html(html, "utf-8", "text/html") if _touched(html) else html
    assert fast_xml.sanitise(html) == expected


def test_ordinary_feed_html_is_returned_as_it_is() -> None:
    html = (
        '<p><strong>Toàn cảnh hội nghị</strong></p><figure><img src="https://a.vn/1.jpg" '
        'alt="Ảnh"/><figcaption>Ảnh: Bá Luân</figcaption></figure><p>[video] Toàn cảnh</p>'
    )
    assert fast_xml.sanitise(html) is html


def test_a_script_goes_through_the_sanitiser() -> None:
    assert fast_xml.sanitise("<p>Tin</p><script>x()</script>") == "<p>Tin</p>"
