"""`join_url` and `web_url` give an absolute http(s) link back as it is without asking urllib
(issue 10: each link was parsed three times on its way in). The shortcut must be urllib's
own answer (the way every other link still goes) for every link it takes, whatever the base."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader_tui.core.urls import _urllib_join as urllib_join
from newsreader_tui.core.urls import _urllib_web as urllib_web
from newsreader_tui.core.urls import join_url, web_url

BASES = (
    "http://127.0.0.1:8080/bao/feed.rss",
    "https://sonxanh.gov.vn/tin-tuc/rss/",
    "https://a.vn",
    "http://[::1]/feed",
)
PIECES = st.sampled_from(
    (
        "a", "Z", "0", "9", ".", "-", "_", "~", "/", "//", ":", "@", "%", "%20", "%zz", ";", "=",
        "&", "?", "#", "[", "]", "+", ",", "!", "'", "(", " ", "\t", "\n", "\\", "đ", "ư", "tin",
        "bai-viet", ".html", "p=1", "\u00a0", "\x7f", "..",
    )
)  # fmt: skip
PREFIXES = st.sampled_from(
    ("http://", "https://", "HTTP://", "Https://", "ftp://", "javascript:", "//", "/", "", "http:")
)
HOSTS = st.sampled_from(
    ("a.vn", "bao-moi.vn", "127.0.0.1", "a.vn:8080", "a.vn:", "", "[::1]", "a.c[o", "ả.vn")
)
LINKS = st.tuples(PREFIXES, HOSTS, st.lists(PIECES, max_size=12).map("".join)).map("".join)


@given(LINKS, st.sampled_from(BASES))
def test_links_resolve_as_urllib_resolves_them(value: str, base: str) -> None:
    assert join_url(base, value) == urllib_join(base, value)
    assert web_url(base, value) == urllib_web(base, value)


def test_the_common_links_take_the_shortcut_and_odd_ones_do_not() -> None:
    base = BASES[0]
    for plain in (
        "https://sonxanh.gov.vn/tin-tuc/le-hoi-hoa-ban-2026-p12345.html",
        "http://a.vn:8080/tin?id=5&p=2#binh-luan",
        "https://a.vn/đường-tỉnh-ĐT.741",
    ):
        assert join_url(base, plain) == plain == web_url(base, plain)
    assert join_url(base, "http://a.vn/b?") == "http://a.vn/b"  # urllib drops the empty query
    assert web_url(base, "javascript:alert(1)") is None
    assert join_url(base, "http://example.c[o.test/") is None
