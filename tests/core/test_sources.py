"""Source modules on fixture files: each format read faithfully into ParsedFeed."""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsreader_tui.core.errors import ParseError
from newsreader_tui.core.sources import json_api, json_feed, wordpress
from newsreader_tui.core.sources.detect import find_feed_link, looks_like_wordpress, sniff
from support.data import FEEDS, feed_file
from support.parsers import parse_path, read_xml

# Every test here runs twice: with the fast XML reader in front, and with feedparser alone.
pytestmark = pytest.mark.usefixtures(parse_path.__name__)

PORTAL = "https://portal.example.vn/rss/tin-tuc.rss"


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def rss(name: str, content_type: str = "application/rss+xml", url: str = PORTAL):
    return read_xml(feed_file(name), {"content-type": content_type}, url)


# -- RSS / Atom ---------------------------------------------------------------------------------


def test_rss_utf8_titles_links_and_guids() -> None:
    feed = rss("rss_utf8.xml", "application/rss+xml; charset=utf-8")
    assert feed.kind == "rss"
    assert feed.title == "Cổng thông tin điện tử tỉnh Quảng Trị - Tin tức"
    assert feed.link == "https://portal.example.vn/tin-tuc"
    assert feed.warning is None
    assert len(feed.items) == 6
    first, video, entities, no_guid, relative, _ = feed.items
    assert first.title == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12"
    assert first.guid == "tin-1201"
    assert video.title == "[video] Toàn cảnh lễ khánh thành cầu Cửa Tùng mới"
    # A guid that is not a URL stays as written, not resolved against the feed URL.
    assert entities.guid == "tin-1203"
    assert no_guid.guid is None
    assert no_guid.url == "https://portal.example.vn/tin-tuc/tuoi-tre-quang-tri-ra-quan-1204.html"
    assert relative.url == (
        "https://portal.example.vn/thong-bao/lich-tiep-cong-dan-thang-11-2018-1205.html"
    )


def test_rss_keeps_raw_dates_for_the_normaliser() -> None:
    items = rss("rss_utf8.xml").items
    assert items[0].published_raw == "Thu, 08 Nov 2018 09:26:00 +0700"
    assert items[1].published_raw == "Wed, 07 Nov 2018 16:05:00 GMT+7"
    assert items[2].published_raw == "08/11/2018 09:26"
    assert all(item.published is None for item in items)


def test_rss_entities_are_decoded_once() -> None:
    item = rss("rss_utf8.xml").items[2]
    # The double-escaped "&amp;amp;" keeps one level of escaping for the text cleaner to undo.
    assert item.title == 'Chính sách & cuộc sống: hỗ trợ "hộ nghèo" &amp; cận nghèo'
    assert "<b>hơn 2.000</b>" in item.summary


def test_rss_content_categories_author_and_images() -> None:
    first, video, entities, no_guid, *_ = rss("rss_utf8.xml").items
    assert first.categories == ("HĐ Đảng - Đoàn thể", "Thời sự")
    assert first.author == "Bá Luân"
    assert first.image == "https://portal.example.vn/uploads/2018/11/hoi-nghi-thumb.jpg"
    assert first.summary.startswith("<p>Sáng nay")
    assert "<figcaption>Toàn cảnh hội nghị</figcaption>" in first.content
    assert "Ảnh: Bá Luân" in first.content
    # Relative URLs inside content resolve against the feed URL.
    assert 'src="https://portal.example.vn/uploads/2018/11/hoi-nghi.jpg"' in first.content
    assert video.image == "https://portal.example.vn/uploads/2018/11/cau-cua-tung.jpg"
    assert video.content == ""
    assert entities.image == "https://portal.example.vn/uploads/2018/11/ho-ngheo.jpg"
    assert no_guid.image is None


def test_rss_windows_1258_decodes_vietnamese() -> None:
    body = feed_file("rss_cp1258.xml")
    assert b'encoding="windows-1258"' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")  # proves the fixture really is windows-1258 on the wire
    feed = read_xml(body, {"content-type": "application/rss+xml"}, "https://sgd.example.vn/rss")
    assert nfc(feed.title) == "Sở Giáo dục và Đào tạo - Tin tức"
    assert [nfc(i.title) for i in feed.items] == [
        "Khai giảng năm học mới tại các trường vùng sâu",
        "Hội thi giáo viên dạy giỏi cấp tỉnh: Đổi mới phương pháp",
    ]
    assert nfc(feed.items[1].summary) == "Ảnh: Bá Luân"
    assert [nfc(c) for c in feed.items[1].categories] == ["HĐ Đảng - Đoàn thể"]
    assert feed.items[0].guid == "sgd-301"
    assert feed.warning is None


@pytest.mark.parametrize("charset", ["iso-8859-1", "utf-8", "bogus-charset"])
def test_rss_windows_1258_wins_over_a_wrong_http_charset(charset: str) -> None:
    headers = {"content-type": f"text/xml; charset={charset}"}
    feed = read_xml(feed_file("rss_cp1258.xml"), headers, "https://sgd.example.vn/rss")
    assert nfc(feed.items[0].title) == "Khai giảng năm học mới tại các trường vùng sâu"


def test_cp1258_generator_reproduces_the_fixture() -> None:
    spec = importlib.util.spec_from_file_location("make_cp1258", FEEDS / "make_cp1258.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.to_cp1258(module.FEED) == feed_file("rss_cp1258.xml")


def test_atom_xml_base_and_missing_ids() -> None:
    feed = rss("atom_relative.xml", "application/atom+xml", "https://other.example/feeds/x")
    assert feed.kind == "atom"
    assert feed.title == "Báo điện tử Đồng Nai - Chính trị"
    assert feed.link == "https://baodientu.example.vn/chinh-tri/"
    first, second = feed.items
    assert first.guid is None and second.guid is None
    assert first.url == (
        "https://baodientu.example.vn/chinh-tri/2018/11/dai-hoi-doan-tinh-lan-thu-x.html"
    )
    assert (
        second.url == "https://baodientu.example.vn/chinh-tri/2018/11/kiem-tra-phong-chong-bao.html"
    )
    assert first.published_raw == "2018-11-08T08:00:00+07:00"
    assert second.published_raw == "2018-11-07T17:40:00+07:00"
    assert first.author == "Thanh Hải"
    assert first.categories == ("HĐ Đảng - Đoàn thể",)
    # type="text" summaries are escaped into HTML so the cleaner treats them alike.
    assert first.summary == "<p>Đại hội bầu Ban Chấp hành khóa mới gồm 35 đồng chí.</p>"
    assert "<figcaption>Toàn cảnh đại hội</figcaption>" in first.content
    assert 'src="https://baodientu.example.vn/anh/dai-hoi.jpg"' in first.content


def test_broken_xml_is_recovered_with_a_warning() -> None:
    feed = rss("broken.xml", "text/xml")
    assert [i.title for i in feed.items] == [
        "Khánh thành nhà máy nước sạch xã Bình Châu",
        "Giá lúa tăng, nông dân phấn khởi & lo lắng",
    ]
    assert feed.warning is not None
    assert feed.warning.code == "parse.recovered" and feed.warning.params["count"] == 2
    assert "malformed" in feed.warning.text and "2 entries were recovered" in feed.warning.text


def test_garbage_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not a valid feed"):
        rss("garbage.xml", "text/xml")


@pytest.mark.parametrize("name", ["page_with_feed.html", "page_no_feed.html"])
def test_html_is_not_a_feed(name: str) -> None:
    with pytest.raises(ParseError, match="HTML page"):
        rss(name, "text/html")


def test_valid_xml_that_is_not_a_feed() -> None:
    with pytest.raises(ParseError, match="not a valid feed"):
        read_xml(b"<?xml version='1.0'?><sitemap><url/></sitemap>", {}, PORTAL)


def test_empty_feed_is_fine() -> None:
    body = '<?xml version="1.0"?><rss version="2.0"><channel><title>Trống</title></channel></rss>'
    body = body.encode()
    feed = read_xml(body, {"content-type": "application/rss+xml"}, PORTAL)
    assert feed.items == () and feed.title == "Trống" and feed.warning is None


def test_body_is_never_opened_as_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "feed.xml"
    secret.write_bytes(feed_file("rss_utf8.xml"))
    with pytest.raises(ParseError):
        read_xml(str(secret).encode(), {}, PORTAL)


# -- JSON Feed -----------------------------------------------------------------------------------


def test_json_feed_1_1() -> None:
    feed = json_feed.parse(feed_file("feed.json"), "https://cdn.example.vn/x.json")
    assert feed.kind == "jsonfeed"
    assert feed.title == "Báo Thanh Niên Online - Thời sự"
    assert feed.link == "https://thanhnien.example.vn/thoi-su/"
    first, second, untitled = feed.items
    assert first.guid == "tn-9001"
    assert first.title == "Hội nghị Trung ương 9 khóa XII bế mạc"
    assert first.url == "https://thanhnien.example.vn/thoi-su/hoi-nghi-trung-uong-9001.html"
    assert first.image == "https://thanhnien.example.vn/anh/hoi-nghi-tw9.jpg"
    assert first.published_raw == "2018-11-08T09:26:00+07:00"
    assert first.published == datetime(2018, 11, 8, 2, 26, tzinfo=UTC)
    assert first.updated == datetime(2018, 11, 8, 10, 0, tzinfo=timezone(timedelta(hours=7)))
    assert first.author == "Bá Luân, Thu Hằng"
    assert first.categories == ("HĐ Đảng - Đoàn thể", "Thời sự")
    assert "<figcaption>Toàn cảnh hội nghị</figcaption>" in first.content
    assert first.summary == "Hội nghị bế mạc sau 3 ngày làm việc khẩn trương."
    # Numeric ids become strings; external_url stands in for a missing url.
    assert second.guid == "9002"
    assert second.url == "https://nguon-khac.example.vn/bai-viet/9002"
    assert second.content == (
        "<p>Từ đêm nay, các tỉnh miền Trung có mưa to.</p>"
        "<p>Người dân cần đề phòng lũ quét &amp; sạt lở đất.</p>"
    )
    # A naive date is left for the normaliser, which knows the feed's time zone.
    assert second.published is None and second.published_raw == "2018-11-08 07:00"
    assert second.image == "https://thanhnien.example.vn/anh/mua-lon.jpg"
    assert second.author == "Ban Thời sự"  # the feed's authors apply to items without their own
    assert untitled.title == "" and untitled.guid == "tn-9003"


def test_json_feed_1_0() -> None:
    feed = json_feed.parse(feed_file("feed_v1.json"), "https://camlo.example.vn/feed.json")
    first, second = feed.items
    assert first.author == "Minh Đức"
    assert first.published == datetime(2018, 11, 7, 8, 0, tzinfo=UTC)
    assert first.categories == ("Nông nghiệp",)
    assert second.author == "Văn phòng HĐND - UBND huyện"
    assert second.url == "https://camlo.example.vn/tin-tuc/hoi-thi-78.html"
    assert second.content == "<p>Hội thi thu hút 12 đội tham gia.</p>"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"version": "x"}', "not a JSON Feed"),
        (b"[]", "JSON Feed"),
    ],
)
def test_json_feed_errors(body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        json_feed.parse(body, "https://x.vn/feed.json")


# -- generic JSON API ----------------------------------------------------------------------------

PORTAL_PATHS = {
    "items": "data.items",
    "id": "id",
    "title": "tieu_de",
    "url": "link",
    "published": "ngay",
    "summary": "tom_tat",
    "content": "noi_dung",
    "image": "anh.url",
    "category": "chuyen_muc",
    "author": "tac_gia.ten",
}


def test_json_api_with_paths() -> None:
    feed = json_api.parse(
        feed_file("portal_api.json"), "https://portal.example.vn/api/tin", PORTAL_PATHS
    )
    assert feed.kind == "json"
    # The item with an empty title is skipped.
    first, second = feed.items
    assert first.guid == "12"
    assert first.title == "Đoàn kiểm tra Tỉnh ủy làm việc tại huyện Hướng Hóa"
    assert first.url == "https://portal.example.vn/tin/12"
    assert first.published_raw == "08/11/2018 09:26" and first.published is None
    assert first.image == "https://portal.example.vn/upload/2018/11/doan-kiem-tra.jpg"
    assert first.categories == ("HĐ Đảng - Đoàn thể",)
    assert first.author == "Bá Luân"
    assert first.content == "<p>Chiều 8/11, đoàn kiểm tra làm việc tại huyện Hướng Hóa.</p>"
    assert second.published_raw == "1541640000"
    assert second.published == datetime(2018, 11, 8, 1, 20, tzinfo=UTC)
    assert second.categories == ("Kinh tế - Xã hội", "Thời sự")
    assert second.author == "" and second.content == ""


def test_json_api_list_indices_and_default_keys() -> None:
    body = json.dumps(
        {"results": [{"items": [{"title": "Tin một", "url": "https://a.vn/1", "id": 1.0}]}]}
    ).encode()
    feed = json_api.parse(body, "https://a.vn/api", {"items": "results.0.items"})
    assert [(i.title, i.url, i.guid) for i in feed.items] == [("Tin một", "https://a.vn/1", "1")]


def test_json_api_root_list_without_items_path() -> None:
    feed = json_api.parse(b'[{"title": "A"}, {"title": "B"}]', "https://a.vn/api", {})
    assert [i.title for i in feed.items] == ["A", "B"]


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ({"items": "data.bai_viet"}, 'nothing at the items path "data.bai_viet"'),
        ({"items": "data.total"}, 'no list of items at the items path "data.total"'),
        ({"items": "data.items", "title": "ten"}, 'has a title at "ten"'),
    ],
)
def test_json_api_errors(paths: dict[str, str], message: str) -> None:
    with pytest.raises(ParseError, match=message):
        json_api.parse(feed_file("portal_api.json"), "https://a.vn/api", paths)


# -- WordPress ------------------------------------------------------------------------------------


def test_wordpress_parse_posts() -> None:
    posts = json.loads(feed_file("wordpress/posts.json"))
    categories = {1: "Tin tức", 3: "HĐ Đảng & Đoàn thể", 7: "Phong trào thanh niên"}
    feed = wordpress.parse_posts(posts, categories, "https://huyendoan.example.vn/")
    assert feed.kind == "wordpress"
    first, second, third = feed.items
    assert first.title == "Đại hội Chi đoàn khóa mới – nhiệm kỳ 2018 – 2020"
    assert second.title == "“Mùa đông ấm” đến với học sinh vùng cao & gia đình"
    assert first.guid == "https://huyendoan.example.vn/?p=4521"
    assert first.url == "https://huyendoan.example.vn/2018/11/08/dai-hoi-chi-doan/"
    assert first.published == datetime(2018, 11, 8, 2, 26, tzinfo=UTC)
    assert first.published_raw == "2018-11-08T02:26:00Z"
    assert first.updated == datetime(2018, 11, 8, 3, 0, tzinfo=UTC)
    assert first.categories == ("HĐ Đảng & Đoàn thể", "Phong trào thanh niên")
    assert third.categories == ("Phong trào thanh niên",)  # unknown id 99 dropped
    assert "<figcaption>Toàn cảnh đại hội</figcaption>" in first.content
    assert first.summary.startswith("<p>Đại hội đã bầu")
    assert first.image == "https://huyendoan.example.vn/wp-content/uploads/2018/11/dai-hoi.jpg"
    assert second.image is None


def test_wordpress_post_without_guid_or_gmt() -> None:
    posts = [{"id": 7, "date": "2018-11-08T09:26:00", "title": {"rendered": "Tin"}}]
    (item,) = wordpress.parse_posts(posts, {}, "https://a.vn/").items
    assert item.guid == "7"
    assert item.published is None and item.published_raw == "2018-11-08T09:26:00"


def test_find_api_root_from_header_and_tag() -> None:
    headers = {
        "link": '<https://a.vn/?p=1>; rel=shortlink, <https://a.vn/wp-json/>; rel="https://api.w.org/"'
    }
    assert wordpress.find_api_root(headers, None, "https://a.vn/") == "https://a.vn/wp-json/"
    page = feed_file("wordpress/index.html")
    assert (
        wordpress.find_api_root({}, page, "https://huyendoan.example.vn/")
        == "https://huyendoan.example.vn/wp-json/"
    )
    assert wordpress.find_api_root({}, feed_file("page_no_feed.html"), "https://a.vn/") is None
    assert wordpress.find_api_root({}, None, "https://a.vn/") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.vn/wp-json/wp/v2/posts", True),
        ("https://a.vn/blog/wp-json/wp/v2/posts/?per_page=5", True),
        ("https://a.vn/?rest_route=/wp/v2/posts&per_page=5", True),
        ("https://a.vn/wp-json/", False),
        ("https://a.vn/", False),
    ],
)
def test_is_posts_endpoint(url: str, expected: bool) -> None:
    assert wordpress.is_posts_endpoint(url) is expected


def test_route_urls_in_both_permalink_styles() -> None:
    assert (
        wordpress.route_url("https://a.vn/wp-json/", "wp/v2/categories", {"per_page": 100})
        == "https://a.vn/wp-json/wp/v2/categories?per_page=100"
    )
    assert (
        wordpress.route_url("https://a.vn/?rest_route=/", "wp/v2/posts", {"_fields": "id,title"})
        == "https://a.vn/?rest_route=/wp/v2/posts&_fields=id,title"
    )
    assert wordpress.api_root_of_posts("https://a.vn/blog/wp-json/wp/v2/posts?x=1") == (
        "https://a.vn/blog/wp-json/"
    )
    assert wordpress.api_root_of_posts("https://a.vn/?rest_route=/wp/v2/posts") == (
        "https://a.vn/?rest_route=/"
    )


# -- detection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("rss_utf8.xml", "application/rss+xml", "xml"),
        ("rss_cp1258.xml", "text/xml", "xml"),
        ("atom_relative.xml", "", "xml"),
        ("broken.xml", "text/xml", "xml"),
        ("garbage.xml", "text/xml", "unknown"),
        ("feed.json", "application/json", "jsonfeed"),
        ("feed_v1.json", "", "jsonfeed"),
        ("portal_api.json", "application/json", "json"),
        ("wordpress/posts.json", "application/json", "json"),
        ("wordpress/index.html", "text/html", "html"),
        ("page_with_feed.html", "text/html", "html"),
        ("page_no_feed.html", "", "html"),
    ],
)
def test_sniff_fixtures(name: str, content_type: str, expected: str) -> None:
    assert sniff(feed_file(name), content_type) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"\xef\xbb\xbf  <?xml version='1.0'?>\n<!-- c -->\n<rdf:RDF xmlns:rdf='x'/>", "xml"),
        (b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x.dtd"><rss/>', "xml"),
        ("\ufeff<feed/>".encode("utf-16-le"), "xml"),
        (b"<!doctype html><p>x", "html"),
        (b"\n\n<html><head>", "html"),
        (b"", "unknown"),
    ],
)
def test_sniff_edge_cases(body: bytes, expected: str) -> None:
    assert sniff(body, "") == expected


def test_find_feed_link_prefers_rss_and_resolves() -> None:
    base = "https://portal.example.vn/trang-chu/index.html"
    assert find_feed_link(feed_file("page_with_feed.html"), base) == (
        "https://portal.example.vn/rss/tin-tuc.rss"
    )
    assert find_feed_link(feed_file("page_no_feed.html"), base) is None
    json_only = '<link rel="alternate" type="application/feed+json" href="feed.json">'
    assert find_feed_link(json_only, base) == "https://portal.example.vn/trang-chu/feed.json"
    with_base = (
        '<base href="https://cdn.vn/a/"><link rel="Alternate" type="application/atom+xml" href="x">'
    )
    assert find_feed_link(with_base, base) == "https://cdn.vn/a/x"


def test_looks_like_wordpress() -> None:
    assert looks_like_wordpress({}, feed_file("wordpress/index.html"))
    assert looks_like_wordpress({"link": '<https://a.vn/wp-json/>; rel="https://api.w.org/"'}, None)
    assert not looks_like_wordpress({}, feed_file("page_no_feed.html"))
    assert not looks_like_wordpress({}, None)


def test_rss_served_as_text_html_still_parses() -> None:
    # Misconfigured portals send feeds as text/html; the body decides, without a warning.
    feed = rss("rss_utf8.xml", "text/html; charset=utf-8")
    assert len(feed.items) == 6 and feed.warning is None
