"""The links of an article body with their words, numbered as the reader numbers them."""

from __future__ import annotations

from newsreader_tui.core.content.blocks import links, parse_html
from newsreader_tui.core.content.model import link_texts

BODY = """
<p>Xem <a href="/files/qd-123.pdf">Tải về <b>Quyết định 123</b></a> và
<a href="https://a.vn/tin">tin liên quan</a>.</p>
<ul><li><a href="https://a.vn/tin">nhắc lại</a></li>
<li><a href="https://b.vn/bieu-mau.docx"><b>Biểu mẫu</b></a></li></ul>
<blockquote><p><a href="https://c.vn/\x1b[31mdo">[video]
Toàn cảnh</a></p></blockquote>
"""


def test_links_with_their_first_words_in_reading_order() -> None:
    blocks = parse_html(BODY, "https://portal.gov.vn/bai-viet/1")
    texts = link_texts(blocks)
    assert list(texts) == links(blocks)
    assert list(texts.items())[:3] == [
        ("https://portal.gov.vn/files/qd-123.pdf", "Tải về Quyết định 123"),
        ("https://a.vn/tin", "tin liên quan"),
        ("https://b.vn/bieu-mau.docx", "Biểu mẫu"),
    ]
    # Words keep what the body holds ("[video]" is text, not markup); escapes are gone, from
    # the address too.
    href, words = list(texts.items())[3]
    assert href == "https://c.vn/do"
    assert words.split() == ["[video]", "Toàn", "cảnh"]
