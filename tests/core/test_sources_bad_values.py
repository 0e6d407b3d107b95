"""One bad value in one item costs that field of that item, never the feed (issue 11, item 2).

feedparser's own corpus has `item_guid_isPermaLink_ValueError.xml`: a permalink guid
`http://example.c[o.test/` that `urllib.parse` refuses ("Invalid IPv6 URL"). Resolving such a
value must not sink the feed, nor cost the item its other fields, on either parse path.
"""

from __future__ import annotations

import json

import pytest

from newsreader_tui.core.content.blocks import parse_html
from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.models import ParsedItem
from newsreader_tui.core.normalize import normalise_items
from newsreader_tui.core.sources import json_api, json_feed, wordpress
from support.parsers import parse_path, read_xml

pytestmark = pytest.mark.usefixtures(parse_path.__name__)

URL = "https://portal.example.vn/rss/tin-tuc.rss"
RSS = {"content-type": "application/rss+xml; charset=utf-8"}
BAD = "http://example.c[o.test/"


def document(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Cổng thông tin</title>{''.join(items)}"
        "<item><title>Lịch tiếp công dân tháng 11</title>"
        "<link>https://portal.example.vn/tin/lich-tiep-cong-dan</link>"
        "<guid>tin-1205</guid></item></channel></rss>"
    ).encode()


def articles(body: bytes):
    return normalise_items(read_xml(body, RSS, URL).items, base_url=URL, tz=VN_TZ)


def test_a_guid_urllib_refuses_stays_that_items_guid_and_the_feed_reads() -> None:
    body = document(
        "<item><title>Hội nghị Ban Chấp hành Đảng bộ tỉnh</title>"
        "<link>https://portal.example.vn/tin/hoi-nghi</link>"
        f'<guid isPermaLink="true">{BAD}</guid></item>'
    )
    first, second = articles(body)
    assert first.title == "Hội nghị Ban Chấp hành Đảng bộ tỉnh"
    assert first.url == "https://portal.example.vn/tin/hoi-nghi"
    assert first.guid == BAD  # kept as written: it is an identity, not a link to open
    assert second.guid == "tin-1205"


def test_feedparsers_own_case_with_only_the_bad_guid_reads() -> None:
    body = (
        '<rss xml:base="http://example.test/"><channel><item>'
        f'<guid isPermaLink="true">{BAD}</guid></item></channel></rss>'
    ).encode()
    (item,) = read_xml(body, {"content-type": "application/rss+xml"}, URL).items
    assert item.guid == BAD


def test_a_bad_image_url_costs_only_the_image() -> None:
    body = document(
        "<item><title>Ảnh hội nghị</title><link>https://portal.example.vn/tin/anh</link>"
        '<enclosure url="http://anh.c[o.test/a.jpg" type="image/jpeg" length="1"/></item>'
    )
    first, second = articles(body)
    assert (first.title, first.url, first.image) == (
        "Ảnh hội nghị",
        "https://portal.example.vn/tin/anh",
        None,
    )
    assert second.title == "Lịch tiếp công dân tháng 11"


def test_bad_urls_inside_the_html_cost_only_that_image_or_link() -> None:
    body = document(
        "<item><title>Tin có ảnh hỏng</title><link>https://portal.example.vn/tin/hong</link>"
        '<description><![CDATA[<p>Đoạn đầu <a href="http://q.c[o.test/">liên kết</a></p>'
        '<p><img src="http://anh.c[o.test/b.jpg" alt="Ảnh"></p><p>Đoạn cuối</p>]]>'
        "</description></item>"
    )
    first, _ = articles(body)
    blocks = parse_html(first.summary, first.url or URL)
    text = " ".join(str(b) for b in blocks)
    assert "Đoạn đầu" in text and "Đoạn cuối" in text


def test_the_normaliser_drops_only_a_link_urllib_refuses() -> None:
    item = ParsedItem(title="Tin từ nguồn JSON", guid="j-1", url=BAD, image="http://a.c[o/x.jpg")
    (article,) = normalise_items([item], base_url=URL, tz=VN_TZ)
    assert (article.title, article.guid, article.url, article.image) == (
        "Tin từ nguồn JSON",
        "j-1",
        None,
        None,
    )


def test_json_sources_lose_only_the_url_urllib_refuses() -> None:
    posts = [
        {
            "id": 7,
            "title": {"rendered": "Thông báo nghỉ Tết"},
            "link": BAD,
            "jetpack_featured_media_url": "http://anh.c[o.test/tet.jpg",
            "content": {"rendered": "<p>Nghỉ từ 26/1.</p>"},
        },
        {"id": 8, "title": {"rendered": "Lịch trực"}, "link": "https://wp.example.vn/lich-truc"},
    ]
    feed = wordpress.parse_posts(posts, {}, "https://wp.example.vn/")
    assert [(i.title, i.url, i.image) for i in feed.items] == [
        ("Thông báo nghỉ Tết", None, None),
        ("Lịch trực", "https://wp.example.vn/lich-truc", None),
    ]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Bảo tàng",
        "home_page_url": BAD,
        "items": [{"id": "1", "title": "Trưng bày mới", "url": BAD, "image": BAD}],
    }
    (item,) = json_feed.parse(json.dumps(document).encode(), URL).items
    assert (item.title, item.guid, item.url, item.image) == ("Trưng bày mới", "1", None, None)
    api = json.dumps({"data": [{"title": "Tin cổng", "link": BAD}]}).encode()
    (item,) = json_api.parse(api, URL, {"items": "data"}).items
    assert (item.title, item.url) == ("Tin cổng", None)


def test_an_atom_id_urllib_refuses_stays_that_entrys_id() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Cổng thông tin</title><id>tag:portal.example.vn,2026:feed</id>"
        f"<entry><title>Hội nghị</title><id>{BAD}</id>"
        '<link href="https://portal.example.vn/tin/hoi-nghi"/>'
        "<updated>2026-01-12T09:00:00+07:00</updated></entry>"
        "<entry><title>Lịch tiếp dân</title><id>urn:uuid:1205</id>"
        '<link href="https://portal.example.vn/tin/lich"/>'
        "<updated>2026-01-11T09:00:00+07:00</updated></entry></feed>"
    ).encode()
    first, second = normalise_items(
        read_xml(body, {"content-type": "application/atom+xml"}, URL).items,
        base_url=URL,
        tz=VN_TZ,
    )
    assert (first.title, first.guid, first.url) == (
        "Hội nghị",
        BAD,
        "https://portal.example.vn/tin/hoi-nghi",
    )
    assert second.guid == "urn:uuid:1205"


def test_a_bad_guid_after_empty_ones_stays_with_its_own_item() -> None:
    body = document(
        "<item><title>Tin một</title><link>https://portal.example.vn/tin/1</link>"
        "<guid></guid></item>"
        "<item><title>Tin hai</title><link>https://portal.example.vn/tin/2</link>"
        f'<guid isPermaLink="true">{BAD}</guid></item>'
    )
    first, second, third = read_xml(body, RSS, URL).items
    assert (first.guid, second.guid, third.guid) == (None, BAD, "tin-1205")
