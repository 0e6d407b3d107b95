"""Items without a title (issue 11, items 5 and 8): a placeholder with no title, no link and no
real text ("No Description" in a real VnExpress feed) is not an article; any other item gets a
title a reader can use, never an empty one. Both parse paths."""

from __future__ import annotations

from datetime import UTC

import pytest

from newsreader_tui.core.models import ParsedItem
from newsreader_tui.core.normalize import normalise_item, normalise_items, title_from_link
from support.parsers import parse_path, read_xml

pytestmark = pytest.mark.usefixtures("parse_path")
__all__ = ["parse_path"]

URL = "https://portal.example.vn/rss/tin-moi.rss"
HEADERS = {"content-type": "application/rss+xml"}


def _titles(*items: str) -> list[str]:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Tin mới</title><link>https://portal.example.vn/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()
    parsed = read_xml(body, HEADERS, URL)
    return [a.title for a in normalise_items(parsed.items, base_url=URL, tz=UTC)]


REAL = (
    "<item><title>Khai mạc Lễ hội hoa ban 2026</title>"
    "<link>https://portal.example.vn/le-hoi-hoa-ban-2026-4812345.html</link>"
    "<description>Lễ hội diễn ra trong ba ngày.</description></item>"
)


@pytest.mark.parametrize(
    "placeholder",
    [
        "<item><title/><description>No Description</description></item>",
        "<item><title></title><description>No Description</description></item>",
        "<item><description><![CDATA[<p>Không có mô tả</p>]]></description></item>",
        "<item><title> </title><description>null</description><pubDate>hôm nay</pubDate></item>",
        '<item><guid isPermaLink="false">x-1</guid><description>  </description></item>',
    ],
)
def test_placeholder_item_is_dropped(placeholder: str) -> None:
    assert _titles(placeholder, REAL) == ["Khai mạc Lễ hội hoa ban 2026"]


def test_item_with_only_text_is_kept_under_its_first_words() -> None:
    item = "<item><description>Mưa lớn ở Sông Xanh từ chiều nay.</description></item>"
    assert _titles(item) == ["Mưa lớn ở Sông Xanh từ chiều nay."]


@pytest.mark.parametrize(
    ("item", "title"),
    [
        (
            "<item><link>https://portal.example.vn/tin/le-hoi-hoa-ban-2026-4812345.html</link>"
            "</item>",
            "Le hoi hoa ban 2026",
        ),
        (
            "<item><link>https://portal.example.vn/tin/l%E1%BB%85-h%E1%BB%99i-hoa-ban/</link>"
            "<description>No Description</description></item>",
            "Lễ hội hoa ban",
        ),
        (
            "<item><link>https://portal.example.vn/?p=4812</link></item>",
            "portal.example.vn/?p=4812",
        ),
        (
            "<item><link>https://portal.example.vn/tin/1</link>"
            "<description>Bản tin ngắn về thời tiết.</description></item>",
            "Bản tin ngắn về thời tiết.",
        ),
    ],
)
def test_untitled_item_with_a_link_gets_a_readable_title(item: str, title: str) -> None:
    assert _titles(item) == [title]


def test_atom_entry_without_title_gets_one_from_its_link() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>Tin</title><id>urn:tin</id><updated>2026-11-20T07:30:00Z</updated>"
        b"<entry><id>https://portal.example.vn/bai/dan-van-kheo</id>"
        b'<link href="https://portal.example.vn/bai/dan-van-kheo"/>'
        b"<updated>2026-11-20T07:30:00Z</updated></entry></feed>"
    )
    [item] = read_xml(body, {"content-type": "application/atom+xml"}, URL).items
    article = normalise_item(item, base_url=URL, tz=UTC)
    assert article is not None and article.title == "Dan van kheo"


def test_a_picture_is_content_a_link_can_name() -> None:
    item = ParsedItem(summary='<img src="https://portal.example.vn/anh/hoa.jpg" alt="">')
    assert normalise_item(item, base_url=URL, tz=UTC) is None  # nothing to call it by
    linked = ParsedItem(
        url="https://portal.example.vn/anh/hoa-ban-no-trang-doi",
        summary='<img src="https://portal.example.vn/anh/hoa.jpg" alt="">',
    )
    article = normalise_item(linked, base_url=URL, tz=UTC)
    assert article is not None and article.title == "Hoa ban no trang doi"


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://vnexpress.net/tau-ngam-4812345.html", "Tau ngam"),
        ("https://a.vn/2026/11/", "a.vn/2026/11/"),
        ("https://user:secret@a.vn/", "a.vn/"),
        ("https://a.vn/bai/hello_world.php?id=3", "Hello world"),
        ("https://a.vn/x/%E2%80%AEevil", "Evil"),
    ],
)
def test_title_from_link(url: str, title: str) -> None:
    assert title_from_link(url) == title
