"""An image followed by `<br><em>caption</em>` (issue 11, item 1): the visible caption wins over
the alt text, which stays the fallback when no caption is there."""

from __future__ import annotations

import pytest

from newsreader_tui.core.content.blocks import Image, Paragraph, parse_html, spans_text
from newsreader_tui.core.content.plain import html_to_text

BASE = "https://portal.example.vn/tin/gom.html"
IMG = '<img src="/anh/gom.jpg" alt="Bình gốm men lam">'


def _image(html: str) -> Image:
    [image] = [b for b in parse_html(html, BASE) if isinstance(b, Image)]
    return image


def _paragraphs(html: str) -> list[str]:
    return [spans_text(b.spans) for b in parse_html(html, BASE) if isinstance(b, Paragraph)]


@pytest.mark.parametrize(
    "html",
    [
        f"<p>{IMG}<br><em>Bình gốm men lam trưng bày tại gian chính</em></p>",
        f"<p>{IMG}<br/>\n<i>Bình gốm men lam trưng bày tại gian chính.</i>\n</p>",
        f'<p><a href="/anh/gom.jpg">{IMG}</a><br><em>Bình gốm men lam trưng bày tại gian chính'
        "</em></p>",
        f"<p>{IMG}<br><br><em>Bình gốm men lam trưng bày tại gian chính</em><br></p>",
        f'<div>{IMG}<br><span class="caption">Bình gốm men lam trưng bày tại gian chính</span>'
        "</div>",
    ],
)
def test_caption_after_a_break_is_the_images_caption(html: str) -> None:
    image = _image(html)
    assert image.caption == "Bình gốm men lam trưng bày tại gian chính"
    assert image.label == image.caption and image.alt == "Bình gốm men lam"
    assert _paragraphs(html) == []  # said once, under the picture


def test_credit_in_the_caption_is_split_off_and_the_text_after_stays() -> None:
    html = f"<p>{IMG}<br><em>Gian trưng bày chính. Ảnh: Minh Khoa</em><br>Bảo tàng mở cửa.</p>"
    image = _image(html)
    assert (image.caption, image.credit) == ("Gian trưng bày chính", "Minh Khoa")
    assert _paragraphs(html) == ["Bảo tàng mở cửa."]


@pytest.mark.parametrize(
    "html",
    [
        # An italic dateline that the paragraph goes on from is text, not a caption.
        f"<p>{IMG}<br><em>Hà Nội</em> - Sáng nay bảo tàng mở cửa.</p>",
        # Plain text after the break is the article going on.
        f"<p>{IMG}<br>Sáng nay bảo tàng mở cửa.</p>",
        # Italic, but far too long for a caption.
        f"<p>{IMG}<br><em>{'Bảo tàng mở cửa đón khách tham quan. ' * 8}</em></p>",
    ],
)
def test_alt_text_stays_the_fallback(html: str) -> None:
    image = _image(html)
    assert image.caption == "" and image.label == "Bình gốm men lam"
    assert _paragraphs(html)


def test_plain_text_shows_the_caption_once() -> None:
    text, images = html_to_text(
        f"<p>{IMG}<br><em>Bình gốm men lam trưng bày tại gian chính</em></p><p>Tiếp theo.</p>",
        BASE,
    )
    assert text == "▣ Bình gốm men lam trưng bày tại gian chính\n\nTiếp theo."
    assert [i.caption for i in images] == ["Bình gốm men lam trưng bày tại gian chính"]
