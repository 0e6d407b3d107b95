"""A link urllib refuses (`http://a.c[o/`: "Invalid IPv6 URL") costs that link alone wherever
it turns up (issue 11, item 2): not only in a feed's items, but in an article page's text, a
WordPress site's API link and an article's picture."""

from __future__ import annotations

from newsreader_tui.core.content.extract import extract_article
from newsreader_tui.core.media.images import thumbnail_urls
from newsreader_tui.core.sources.wordpress import find_api_root
from newsreader_tui.core.urls import join_url, web_url
from support.articles import make_article

BAD = "http://a.c[o.test/x"


def test_join_url_and_web_url_refuse_quietly() -> None:
    assert join_url("https://bao.example.vn/", BAD) is None
    assert web_url("https://bao.example.vn/", BAD) is None
    assert web_url("https://bao.example.vn/tin/", "a.html") == "https://bao.example.vn/tin/a.html"
    assert web_url("https://bao.example.vn/", "javascript:alert(1)") is None


def test_a_page_with_a_bad_link_keeps_its_text() -> None:
    page = (
        "<html><body><article>"
        "<p>Sáng nay, tỉnh Hòa Bình Xanh khai mạc hội nghị tổng kết năm với nhiều đại biểu.</p>"
        f'<p>Xem thêm <a href="{BAD}">tại đây</a> và ảnh <img src="/anh/1.jpg"></p>'
        "<p>Hội nghị đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế xã hội năm nay.</p>"
        "</article></body></html>"
    ).encode()
    fragment = extract_article(page, "https://bao.example.vn/tin/hoi-nghi.html")
    assert fragment is not None and "Hội nghị đánh giá" in fragment
    assert "https://bao.example.vn/anh/1.jpg" in fragment


def test_a_bad_wordpress_api_link_is_no_api_root() -> None:
    headers = {"link": f'<{BAD}>; rel="https://api.w.org/"'}
    assert find_api_root(headers, None, "https://truong.example.vn/") is None


def test_a_bad_picture_address_is_no_picture() -> None:
    article = make_article("<p>Chữ.</p>", image=BAD)
    assert thumbnail_urls(article) == []
