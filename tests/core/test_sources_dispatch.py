"""read_feed against a real loopback HTTP server with the real Fetcher: detection and hops."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.errors import ParseError
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.models import FeedConfig, ParsedFeed
from newsreader_tui.core.sources import read_feed
from support.data import feed_file
from support.parsers import parse_path

# Every test here runs twice: with the fast XML reader in front, and with feedparser alone.
pytestmark = pytest.mark.usefixtures(parse_path.__name__)

FAST = NetworkSettings(backoff=0.01, retries=0)
RSS_TYPE = "application/rss+xml; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


@pytest.fixture
def server(httpserver: HTTPServer) -> HTTPServer:
    """The shared threaded loopback server (tests/conftest.py), cleared between tests."""
    return httpserver


def serve(server: HTTPServer, path: str, body: bytes, content_type: str, **headers: str) -> None:
    server.expect_request(path).respond_with_data(body, content_type=content_type, headers=headers)


async def read(config: FeedConfig) -> ParsedFeed:
    """Fetch config.url as the service would, then hand the response to read_feed."""
    async with Fetcher(FAST) as fetcher:
        response = await fetcher.get(config.url)
        return await read_feed(fetcher, config, response)


def serve_wordpress(server: HTTPServer) -> None:
    serve(server, "/wp-json/wp/v2/posts", feed_file("wordpress/posts.json"), JSON_TYPE)
    serve(server, "/wp-json/wp/v2/categories", feed_file("wordpress/categories.json"), JSON_TYPE)


def query_of(server: HTTPServer, path: str) -> dict[str, list[str]]:
    requests = [r for r, _ in server.log if r.path == path]
    assert requests, f"{path} was never requested"
    return parse_qs(urlsplit(requests[-1].url).query)


async def test_auto_on_rss(server: HTTPServer) -> None:
    serve(server, "/rss", feed_file("rss_utf8.xml"), RSS_TYPE)
    feed = await read(FeedConfig(url=server.url_for("/rss")))
    assert feed.kind == "rss"
    assert len(feed.items) == 6 and feed.feed_url is None
    assert feed.items[0].title == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12"
    # Relative links resolve against the URL the feed was actually served from.
    assert feed.items[4].url == server.url_for(
        "/thong-bao/lich-tiep-cong-dan-thang-11-2018-1205.html"
    )


async def test_explicit_rss_kind_and_max_items(server: HTTPServer) -> None:
    serve(server, "/rss", feed_file("rss_utf8.xml"), "text/xml")
    feed = await read(FeedConfig(url=server.url_for("/rss"), kind="rss", max_items=2))
    assert [i.guid for i in feed.items] == ["tin-1201", feed.items[1].url]


async def test_auto_on_windows_1258(server: HTTPServer) -> None:
    serve(server, "/rss", feed_file("rss_cp1258.xml"), "text/xml")
    feed = await read(FeedConfig(url=server.url_for("/rss")))
    assert unicodedata.normalize("NFC", feed.items[0].title) == (
        "Khai giảng năm học mới tại các trường vùng sâu"
    )


async def test_auto_on_json_feed(server: HTTPServer) -> None:
    serve(server, "/feed.json", feed_file("feed.json"), "application/feed+json")
    feed = await read(FeedConfig(url=server.url_for("/feed.json")))
    assert feed.kind == "jsonfeed" and len(feed.items) == 3


async def test_auto_follows_the_advertised_feed(server: HTTPServer) -> None:
    serve(server, "/", feed_file("page_with_feed.html"), HTML_TYPE)
    serve(server, "/rss/tin-tuc.rss", feed_file("rss_utf8.xml"), RSS_TYPE)
    feed = await read(FeedConfig(url=server.url_for("/")))
    assert feed.kind == "rss"
    assert feed.feed_url == server.url_for("/rss/tin-tuc.rss")
    assert feed.items[0].title == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12"


async def test_auto_follows_only_one_hop(server: HTTPServer) -> None:
    serve(server, "/", feed_file("page_with_feed.html"), HTML_TYPE)
    serve(server, "/rss/tin-tuc.rss", feed_file("page_with_feed.html"), HTML_TYPE)
    with pytest.raises(ParseError, match="not a feed either"):
        await read(FeedConfig(url=server.url_for("/")))
    # Counted by path: a slow request of an earlier test may finish into this log.
    assert [r.path for r, _ in server.log if r.path in ("/", "/rss/tin-tuc.rss")] == [
        "/",
        "/rss/tin-tuc.rss",
    ]


async def test_auto_on_html_without_feed(server: HTTPServer) -> None:
    serve(server, "/", feed_file("page_no_feed.html"), HTML_TYPE)
    url = server.url_for("/")
    with pytest.raises(
        ParseError, match=re.escape(f"the page at {url} is HTML and advertises no feed")
    ):
        await read(FeedConfig(url=url))


async def test_garbage_is_a_parse_error(server: HTTPServer) -> None:
    serve(server, "/rss", feed_file("garbage.xml"), "text/xml")
    with pytest.raises(ParseError, match="not a valid feed"):
        await read(FeedConfig(url=server.url_for("/rss")))


async def test_broken_xml_comes_back_with_a_warning(server: HTTPServer) -> None:
    serve(server, "/rss", feed_file("broken.xml"), "text/xml")
    feed = await read(FeedConfig(url=server.url_for("/rss")))
    assert len(feed.items) == 2 and feed.warning and "malformed" in feed.warning.text


async def test_auto_on_wordpress_site_root_via_link_header(server: HTTPServer) -> None:
    link = f'<{server.url_for("/wp-json/")}>; rel="https://api.w.org/"'
    # The page's own tag points elsewhere: the header must win.
    serve(server, "/", feed_file("wordpress/index.html"), HTML_TYPE, Link=link)
    serve_wordpress(server)
    feed = await read(FeedConfig(url=server.url_for("/"), max_items=20))
    assert feed.kind == "wordpress"
    assert [i.title for i in feed.items][:2] == [
        "Đại hội Chi đoàn khóa mới – nhiệm kỳ 2018 – 2020",
        "“Mùa đông ấm” đến với học sinh vùng cao & gia đình",
    ]
    assert feed.items[0].categories == ("HĐ Đảng & Đoàn thể", "Phong trào thanh niên")
    query = query_of(server, "/wp-json/wp/v2/posts")
    assert query["per_page"] == ["20"]
    assert "date_gmt" in query["_fields"][0].split(",")
    assert feed.feed_url is not None and feed.feed_url.startswith(
        server.url_for("/wp-json/wp/v2/posts?")
    )
    assert query_of(server, "/wp-json/wp/v2/categories")["per_page"] == ["100"]


async def test_wordpress_site_root_via_link_tag(server: HTTPServer) -> None:
    page = feed_file("wordpress/index.html").replace(
        b"https://huyendoan.example.vn/wp-json/", server.url_for("/blog/wp-json/").encode()
    )
    serve(server, "/blog/", page, HTML_TYPE)
    serve(server, "/blog/wp-json/wp/v2/posts", feed_file("wordpress/posts.json"), JSON_TYPE)
    serve(
        server, "/blog/wp-json/wp/v2/categories", feed_file("wordpress/categories.json"), JSON_TYPE
    )
    feed = await read(FeedConfig(url=server.url_for("/blog/"), kind="wordpress"))
    assert len(feed.items) == 3
    assert feed.items[1].categories == ("Tin tức",)


async def test_kind_wordpress_with_posts_endpoint(server: HTTPServer) -> None:
    serve_wordpress(server)
    feed = await read(FeedConfig(url=server.url_for("/wp-json/wp/v2/posts"), kind="wordpress"))
    assert len(feed.items) == 3 and feed.feed_url is None
    assert feed.items[2].categories == ("Phong trào thanh niên",)
    # The posts answer already fetched is reused, not fetched again.
    assert sum(r.path == "/wp-json/wp/v2/posts" for r, _ in server.log) == 1


async def test_auto_recognises_a_posts_array(server: HTTPServer) -> None:
    serve_wordpress(server)
    feed = await read(FeedConfig(url=server.url_for("/wp-json/wp/v2/posts")))
    assert feed.kind == "wordpress" and feed.items[0].categories


async def test_wordpress_categories_failure_is_not_fatal(server: HTTPServer) -> None:
    serve(server, "/wp-json/wp/v2/posts", feed_file("wordpress/posts.json"), JSON_TYPE)
    server.expect_request("/wp-json/wp/v2/categories").respond_with_data("no", status=403)
    feed = await read(FeedConfig(url=server.url_for("/wp-json/wp/v2/posts"), kind="wordpress"))
    assert len(feed.items) == 3 and all(i.categories == () for i in feed.items)


async def test_wordpress_site_without_api(server: HTTPServer) -> None:
    page = feed_file("page_no_feed.html").replace(b"/static/site.css", b"/wp-content/themes/a.css")
    serve(server, "/", page, HTML_TYPE)
    server.expect_request("/wp-json/wp/v2/posts").respond_with_data("", status=404)
    with pytest.raises(ParseError, match="no public WordPress posts API"):
        await read(FeedConfig(url=server.url_for("/")))


@pytest.mark.parametrize("kind", ["json", "auto"])
async def test_json_api_with_paths(server: HTTPServer, kind: str) -> None:
    serve(server, "/api/tin", feed_file("portal_api.json"), JSON_TYPE)
    paths = {"items": "data.items", "title": "tieu_de", "url": "link", "image": "anh.url"}
    feed = await read(FeedConfig(url=server.url_for("/api/tin"), kind=kind, json_paths=paths))
    assert feed.kind == "json"
    assert [i.url for i in feed.items] == [
        server.url_for("/tin/12"),
        "https://portal.example.vn/tin/13",
    ]
    assert feed.items[0].image == server.url_for("/upload/2018/11/doan-kiem-tra.jpg")


async def test_auto_on_plain_json_without_paths(server: HTTPServer) -> None:
    serve(server, "/api/tin", feed_file("portal_api.json"), JSON_TYPE)
    with pytest.raises(ParseError, match=r"set kind = \"json\""):
        await read(FeedConfig(url=server.url_for("/api/tin")))


async def test_json_api_missing_items_path(server: HTTPServer) -> None:
    serve(server, "/api/tin", feed_file("portal_api.json"), JSON_TYPE)
    paths = {"items": "ket_qua.danh_sach"}
    config = FeedConfig(url=server.url_for("/api/tin"), kind="json", json_paths=paths)
    with pytest.raises(ParseError, match=r'items path "ket_qua\.danh_sach"'):
        await read(config)
