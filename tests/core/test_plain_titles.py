"""Titles the feed declares plain text keep every character they decode to (issue 11, item 7):
`<title type="text">History of the &lt;blink&gt; tag</title>` is about the tag, and a search
for `blink` finds it, on both parse paths."""

from __future__ import annotations

import asyncio
from datetime import UTC

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.normalize import normalise_item
from newsreader_tui.core.sources import fast_xml
from newsreader_tui.core.sources.registry import Declined
from newsreader_tui.core.text import clean_text_line
from support.parsers import parse_path, read_xml
from support.services import ServiceFactory

pytestmark = pytest.mark.usefixtures("parse_path")
__all__ = ["parse_path"]

URL = "https://portal.example.vn/feed"
HEADERS = {"content-type": "application/xml"}


def _atom(title_element: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Lịch sử web</title>'
        "<id>urn:lich-su-web</id><updated>2026-11-20T07:30:00Z</updated>"
        f"<entry>{title_element}<id>https://portal.example.vn/bai/1</id>"
        '<link href="https://portal.example.vn/bai/1"/>'
        "<updated>2026-11-20T07:30:00Z</updated><summary>Tóm tắt.</summary></entry></feed>"
    ).encode()


def _rss(title_element: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Lịch sử web</title><link>https://portal.example.vn/</link>"
        f"<item>{title_element}<link>https://portal.example.vn/bai/1</link>"
        "<description>Tóm tắt.</description></item></channel></rss>"
    ).encode()


def _title(body: bytes) -> str:
    [item] = read_xml(body, HEADERS, URL).items
    article = normalise_item(item, base_url=URL, tz=UTC)
    assert article is not None
    return article.title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            _atom('<title type="text">History of the &lt;blink&gt; tag</title>'),
            "History of the <blink> tag",
        ),
        (_atom("<title>Thẻ &lt;marquee&gt; đã lỗi thời</title>"), "Thẻ <marquee> đã lỗi thời"),
        (
            _atom("<title><![CDATA[So sánh a < b và thẻ <blink>]]></title>"),
            "So sánh a < b và thẻ <blink>",
        ),
        (
            _rss("<title>History of the &lt;blink&gt; tag</title>"),
            "History of the <blink> tag",
        ),
    ],
)
def test_plain_text_title_keeps_its_angle_brackets(body: bytes, title: str) -> None:
    assert _title(body) == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # HTML titles lose their formatting tags, as before.
        (_atom('<title type="html">Tin &lt;b&gt;nóng&lt;/b&gt;</title>'), "Tin nóng"),
        (_rss("<title>Tin &lt;b&gt;nóng&lt;/b&gt; hôm nay</title>"), "Tin nóng hôm nay"),
        # Portals escape twice: the entity still decodes in a plain title.
        (_rss("<title>Ng&amp;#432;&amp;#7901;i d&amp;acirc;n</title>"), "Người dân"),
        (_atom('<title type="text">A &amp;amp; B</title>'), "A & B"),
    ],
)
def test_html_titles_and_double_escaping_are_as_before(body: bytes, title: str) -> None:
    assert _title(body) == title


def test_plain_title_is_found_by_its_bracketed_word(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    httpserver.expect_request("/web.atom").respond_with_data(
        _atom('<title type="text">History of the &lt;blink&gt; tag</title>'),
        content_type="application/atom+xml",
    )
    service = make_service(FeedConfig(httpserver.url_for("/web.atom")))
    [outcome] = asyncio.run(service.refresh())
    assert outcome.ok, outcome.error
    [hit] = service.store.search("blink")
    assert hit.article.title == "History of the <blink> tag"


def test_fast_reader_declines_an_untyped_atom_title_holding_a_bracket() -> None:
    # feedparser-rs takes an Atom title with no type for HTML; the spec (and feedparser) say text.
    with pytest.raises(Declined, match="untyped Atom title"):
        fast_xml.read(_atom("<title>Thẻ &lt;marquee&gt;</title>"), HEADERS, URL)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a < b", "a < b"),
        ("<script> là gì?", "<script> là gì?"),
        ("x &lt;em&gt;y", "x y"),
        ("Dòng\u202e đảo", "Dòng đảo"),
        ("", ""),
    ],
)
def test_clean_text_line(raw: str, clean: str) -> None:
    assert clean_text_line(raw) == clean


@pytest.mark.parametrize(
    ("body", "is_text"),
    [
        (_atom('<title type="text">History of the &lt;blink&gt; tag</title>'), True),
        (_atom('<title type="html">Tin &lt;b&gt;nóng&lt;/b&gt;</title>'), False),
        (_rss("<title>History of the &lt;blink&gt; tag</title>"), True),
        (_rss("<title>Tin &lt;b&gt;nóng&lt;/b&gt;</title>"), False),
    ],
)
def test_fast_reader_reads_the_title_type_as_feedparser_does(body: bytes, is_text: bool) -> None:
    [item] = fast_xml.read(body, HEADERS, URL).items  # read, not declined
    assert item.title_is_text is is_text
