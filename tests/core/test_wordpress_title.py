"""A WordPress feed is shown under its site's name (its tagline when it has no name) from the
REST API root, not its URL, in the sidebar and the list's source column; a title in the config
still wins, and a root that fails costs only the title. Real loopback server, real Fetcher."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_httpserver import HTTPServer

from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.models import FeedConfig, ParsedFeed
from newsreader_tui.core.sources import read_feed
from support.data import feed_file
from support.services import ServiceFactory

FAST = NetworkSettings(backoff=0.01, retries=0)
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
NAME = "Huyện Đoàn Sông Xanh"
ROOT = {
    "name": "Huyện Đoàn Sông Xanh &amp; Hội đồng Đội",
    "description": "Trang tin của Ban Thường vụ Huyện Đoàn",
    "url": "https://huyendoan.example.vn",
    "namespaces": ["wp/v2"],
}


def serve_site(server: HTTPServer, root: object | None = ROOT, *, root_status: int = 200) -> None:
    """Posts and categories under /wp-json/, and the API root answering `root` (JSON)."""
    for route in ("posts", "categories"):
        server.expect_request(f"/wp-json/wp/v2/{route}").respond_with_data(
            feed_file(f"wordpress/{route}.json"), content_type=JSON_TYPE
        )
    body = json.dumps(root, ensure_ascii=False) if root is not None else "<html>lỗi</html>"
    server.expect_request("/wp-json/").respond_with_data(
        body, status=root_status, content_type=JSON_TYPE if root is not None else HTML_TYPE
    )


async def read(url: str) -> ParsedFeed:
    async with Fetcher(FAST) as fetcher:
        response = await fetcher.get(url)
        return await read_feed(fetcher, FeedConfig(url=url, kind="wordpress"), response)


def root_queries(server: HTTPServer) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(r.url).query) for r, _ in server.log if r.path == "/wp-json/"]


def test_the_site_name_from_the_api_root_is_the_feed_title(httpserver: HTTPServer) -> None:
    serve_site(httpserver)
    feed = asyncio.run(read(httpserver.url_for("/wp-json/wp/v2/posts")))
    assert feed.title == "Huyện Đoàn Sông Xanh & Hội đồng Đội"  # WordPress escapes it
    assert len(feed.items) == 3
    # Only the two fields are asked for: a big site's root lists every route.
    assert root_queries(httpserver) == [{"_fields": ["name,description"]}]


def test_a_site_found_from_its_page_gets_its_name_too(httpserver: HTTPServer) -> None:
    link = f'<{httpserver.url_for("/wp-json/")}>; rel="https://api.w.org/"'
    httpserver.expect_request("/").respond_with_data(
        feed_file("wordpress/index.html"), content_type=HTML_TYPE, headers={"Link": link}
    )
    serve_site(httpserver)
    feed = asyncio.run(read(httpserver.url_for("/")))
    assert feed.title == "Huyện Đoàn Sông Xanh & Hội đồng Đội"


def test_a_site_without_a_name_is_titled_by_its_tagline(httpserver: HTTPServer) -> None:
    serve_site(httpserver, {**ROOT, "name": "  "})
    feed = asyncio.run(read(httpserver.url_for("/wp-json/wp/v2/posts")))
    assert feed.title == "Trang tin của Ban Thường vụ Huyện Đoàn"


def test_a_site_name_with_markup_and_controls_is_cleaned(httpserver: HTTPServer) -> None:
    name = "<b>Huyện Đoàn</b>\u202e \x1b[31mSông Xanh"
    serve_site(httpserver, {**ROOT, "name": name})
    feed = asyncio.run(read(httpserver.url_for("/wp-json/wp/v2/posts")))
    assert feed.title == "Huyện Đoàn Sông Xanh"


@pytest.mark.parametrize(
    ("root", "status"),
    [(ROOT, 500), (ROOT, 404), (None, 200), (["không", "phải", "gốc"], 200), ({}, 200)],
    ids=["server-error", "not-found", "html", "a-list", "no-name"],
)
def test_a_failing_root_costs_only_the_title(
    httpserver: HTTPServer, root: object, status: int
) -> None:
    serve_site(httpserver, root, root_status=status)
    feed = asyncio.run(read(httpserver.url_for("/wp-json/wp/v2/posts")))
    assert feed.title is None
    assert len(feed.items) == 3 and feed.items[2].categories == ("Phong trào thanh niên",)


def test_sidebar_and_list_show_the_name_and_the_config_title_wins(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    serve_site(httpserver, {**ROOT, "name": NAME})
    posts = httpserver.url_for("/wp-json/wp/v2/posts")
    service = make_service(FeedConfig(posts, kind="wordpress"), images="off")
    asyncio.run(service.refresh())
    assert [(f.url, f.title) for f in service.store.feeds()] == [(posts, NAME)]
    assert {row.feed_title for row in service.store.rows()} == {NAME}

    # New posts, and the root fails this time: the name found before stays.
    httpserver.clear()
    fewer = json.loads(feed_file("wordpress/posts.json"))[1:]
    httpserver.expect_request("/wp-json/wp/v2/posts").respond_with_json(fewer)
    httpserver.expect_request("/wp-json/").respond_with_data("lỗi", status=503)
    (outcome,) = asyncio.run(service.refresh())
    assert outcome.ok and outcome.status == "ok", outcome
    assert [f.title for f in service.store.feeds()] == [NAME]

    named = make_service(FeedConfig(posts, title="Đoàn Thanh niên", kind="wordpress"))
    asyncio.run(named.refresh())
    assert [f.title for f in named.store.feeds()] == ["Đoàn Thanh niên"]
    assert {row.feed_title for row in named.store.rows()} == {"Đoàn Thanh niên"}


def test_a_failing_root_does_not_fail_the_refresh(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    serve_site(httpserver, ROOT, root_status=500)
    posts = httpserver.url_for("/wp-json/wp/v2/posts")
    service = make_service(FeedConfig(posts, kind="wordpress"), images="off")
    (outcome,) = asyncio.run(service.refresh())
    assert outcome.ok and outcome.new == 3, outcome
    (status,) = service.store.feeds()
    assert status.title == posts and status.error is None  # shown under its URL, as before
