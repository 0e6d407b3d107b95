"""Full text against a real loopback server: summary-only feeds whose links point at article
pages; fetched once per article version, conditional GET, failures recorded per article, search
over the page's words, and everything readable again with the server gone (the v2 -> v3 migration
is tested with the schema, in tests/core/store)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.core.errors import NewsreaderError
from newsreader_tui.core.media import default_extractor
from newsreader_tui.core.models import MAX_TRIES, FeedConfig
from newsreader_tui.core.service import Service
from support.feeds import rss, rss_item
from support.pages import StandIn, article_page
from support.server import paths
from support.services import ServiceFactory

HTML = "text/html; charset=utf-8"


def page(text: str) -> str:
    """An article page with `text` as its one paragraph, between a menu and a footer."""
    return article_page(f"<p>{text}</p>", title="x", nav="Trang chủ", footer="Bản quyền")


class Site:
    """A summary-only feed whose items link to article pages under /bai/, and those pages, all
    of which the test can change; the items are (slug, title)."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.base = server.url_for("").rstrip("/")
        self.items = [("mot", "Bài một"), ("hai", "Bài hai")]
        self.pages = {"mot": page("Nội dung đầy đủ bài một"), "hai": page("Chỉ trang mới có")}
        self.etags: dict[str, str] = {}
        self.status: dict[str, int] = {}
        self.content_type: dict[str, str] = {}
        server.expect_request("/feed.rss").respond_with_handler(self._feed)
        server.expect_request(re.compile(r"^/bai/\w+\.html$")).respond_with_handler(self._page)

    @property
    def feed_url(self) -> str:
        return self.server.url_for("/feed.rss")

    def _feed(self, request: Request) -> Response:
        items = (
            rss_item(
                slug,
                title,
                link=f"{self.base}/bai/{slug}.html",
                published=f"Fri, 20 Nov 2026 0{n}:00:00 +0700",
                description=f"Tóm tắt {title}",
            )
            for n, (slug, title) in enumerate(self.items)
        )
        return Response(rss(*items), content_type="application/rss+xml")

    def _page(self, request: Request) -> Response:
        slug = request.path.split("/")[-1].removesuffix(".html")
        if slug in self.status:
            return Response("lỗi", status=self.status[slug])
        etag = self.etags.get(slug)
        if etag and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        headers = {"ETag": etag} if etag else {}
        content_type = self.content_type.get(slug, HTML)
        return Response(self.pages[slug], content_type=content_type, headers=headers)

    def page_requests(self) -> list[str]:
        return paths(self.server, "/bai/")


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return Site(httpserver)


@pytest.fixture
def make_service(make_service: ServiceFactory) -> ServiceFactory:
    """The core fixture with images off and a `StandIn` extractor unless a test says."""
    return make_service.with_defaults(images="off", extractor=StandIn())


def by_title(service: Service) -> dict:
    return {a.title: a for a in service.store.articles()}


def test_full_text_fetched_once_per_article_version(
    site: Site, make_service: ServiceFactory
) -> None:
    stand_in = StandIn()
    service = make_service(FeedConfig(site.feed_url, full_text=True), extractor=stand_in)
    asyncio.run(service.refresh())
    articles = by_title(service)
    one = articles["Bài một"]
    assert one.full_status == "ok"
    assert "Nội dung đầy đủ bài một" in one.full_content
    assert "Trang chủ" not in one.full_content  # only the main content is kept
    assert one.body_html == one.full_content
    assert one.summary == "Tóm tắt Bài một"  # the feed's own text stays
    assert sorted(site.page_requests()) == ["/bai/hai.html", "/bai/mot.html"]
    assert {call[2] for call in stand_in.calls} == {"utf-8"}  # the page's charset is passed on

    site.server.clear_log()
    asyncio.run(service.refresh())
    assert site.page_requests() == []  # never twice for the same article version

    # The feed changes the item and the site the page: fetched again, the other one is not.
    site.items[0] = ("mot", "Bài một (cập nhật)")
    site.pages["mot"] = page("Bản sửa của bài một")
    site.server.clear_log()
    asyncio.run(service.refresh())
    assert site.page_requests() == ["/bai/mot.html"]
    updated = by_title(service)["Bài một (cập nhật)"]
    assert "Bản sửa của bài một" in updated.full_content and updated.id == one.id


def test_not_modified_page_keeps_the_stored_text(site: Site, make_service: ServiceFactory) -> None:
    site.etags["mot"] = '"v1"'
    stand_in = StandIn()
    service = make_service(FeedConfig(site.feed_url, full_text=True), extractor=stand_in)
    asyncio.run(service.refresh())
    calls = len(stand_in.calls)
    site.items[0] = ("mot", "Bài một, tiêu đề mới")
    site.server.clear_log()
    asyncio.run(service.refresh())
    [(request, response)] = [(r, resp) for r, resp in site.server.log if r.path == "/bai/mot.html"]
    assert request.headers.get("If-None-Match") == '"v1"' and response.status_code == 304
    assert len(stand_in.calls) == calls  # nothing to extract
    article = by_title(service)["Bài một, tiêu đề mới"]
    assert article.full_status == "ok" and "Nội dung đầy đủ bài một" in article.full_content
    site.server.clear_log()
    asyncio.run(service.refresh())
    assert site.page_requests() == []  # the 304 counted as done for this version


def test_failed_pages_are_recorded_and_articles_stay_readable(
    site: Site, make_service: ServiceFactory
) -> None:
    site.items.append(("ba", "Bài ba"))
    site.items.append(("bon", "Bài bốn"))
    site.pages["ba"] = "<html><body><div>Không có thẻ article</div></body></html>"
    site.pages["bon"] = "%PDF-1.4"
    site.content_type["bon"] = "application/pdf"
    site.status["mot"] = 404
    site.status["hai"] = 503
    service = make_service(FeedConfig(site.feed_url, full_text=True))
    [outcome] = asyncio.run(service.refresh())
    assert outcome.ok  # pages never fail the feed
    articles = by_title(service)
    gone, busy = articles["Bài một"], articles["Bài hai"]
    assert "404" in (gone.full_status or "") and gone.full_content == ""
    assert gone.body_html == "Tóm tắt Bài một"  # still readable from the summary
    assert "503" in (busy.full_status or "")
    assert articles["Bài ba"].full_status == "no article text was found on the page"
    assert "not a web page (application/pdf)" in (articles["Bài bốn"].full_status or "")

    # Dead pages are not asked for again; a busy server is retried a few times, then left be.
    for _ in range(MAX_TRIES + 1):
        site.server.clear_log()
        asyncio.run(service.refresh())
        assert "/bai/mot.html" not in site.page_requests()
        assert "/bai/ba.html" not in site.page_requests()
    assert by_title(service)["Bài hai"].full_status.startswith("HTTP 503")  # type: ignore[union-attr]
    site.server.clear_log()
    asyncio.run(service.refresh())
    assert site.page_requests() == []

    # The F key tries again whatever happened before, and a working page then wins.
    del site.status["hai"]
    article = asyncio.run(service.fetch_full_text(busy.id))
    assert article.full_status == "ok" and "Chỉ trang mới có" in article.full_content


def test_search_finds_words_only_the_page_has(site: Site, make_service: ServiceFactory) -> None:
    service = make_service(FeedConfig(site.feed_url, full_text=True))
    asyncio.run(service.refresh())
    [hit] = service.store.search("chi trang moi co")
    assert hit.article.title == "Bài hai"
    assert "Chỉ trang mới có" in hit.snippet
    # A changed feed item keeps the page's words searchable until the new page is stored.
    site.items[1] = ("hai", "Bài hai (sửa)")
    site.status["hai"] = 500
    asyncio.run(service.refresh())
    assert [h.article.title for h in service.store.search("chi trang moi co")] == ["Bài hai (sửa)"]


def test_full_text_flag_and_on_demand_fetch(site: Site, make_service: ServiceFactory) -> None:
    service = make_service(FeedConfig(site.feed_url, content_selector="div.noi-dung"))
    asyncio.run(service.refresh())
    assert site.page_requests() == []  # the feed does not ask for full text
    assert all(a.full_status is None for a in service.store.articles())

    stand_in = StandIn()
    service.extractor = stand_in
    one = by_title(service)["Bài một"]
    article = asyncio.run(service.fetch_full_text(one.id))
    assert article.full_status == "ok" and "đầy đủ" in article.full_content
    assert stand_in.calls == [(site.base + "/bai/mot.html", "div.noi-dung", "utf-8")]
    site.server.clear_log()
    assert asyncio.run(service.fetch_full_text(one.id)).full_content == article.full_content
    assert site.page_requests() == []  # this version already has its text
    with pytest.raises(NewsreaderError, match="no article with id 999"):
        asyncio.run(service.fetch_full_text(999))

    asyncio.run(service.refresh(full_text=True))  # every feed, as `refresh --full-text` asks
    assert site.page_requests() == ["/bai/hai.html"]
    assert all(a.full_status == "ok" for a in service.store.articles())


def test_full_text_false_turns_configured_feeds_off(
    site: Site, make_service: ServiceFactory
) -> None:
    service = make_service(FeedConfig(site.feed_url, full_text=True))
    asyncio.run(service.refresh(full_text=False))
    assert site.page_requests() == []


def test_everything_stays_readable_offline(tmp_path: Path, make_service: ServiceFactory) -> None:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        site = Site(server)
        service = make_service(FeedConfig(site.feed_url, full_text=True))
        asyncio.run(service.refresh())
    finally:
        server.clear()
        server.stop()
    service.store.close()

    offline = make_service(FeedConfig(site.feed_url, full_text=True))
    [outcome] = asyncio.run(offline.refresh())  # the network is gone: the feed fails...
    assert outcome.status == "error"
    articles = by_title(offline)  # ...and everything fetched before is still there
    assert "Nội dung đầy đủ bài một" in articles["Bài một"].full_content
    assert articles["Bài hai"].full_status == "ok"
    assert [h.article.title for h in offline.store.search("chi trang")] == ["Bài hai"]


def test_real_extractor_when_available(site: Site, make_service: ServiceFactory) -> None:
    pytest.importorskip("newsreader_tui.core.content.extract")
    site.pages["mot"] = page(
        "Sáng 20/11, Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12 khai mạc. " * 8
    )
    feed = FeedConfig(site.feed_url, full_text=True)
    service = make_service(feed, extractor=default_extractor)
    asyncio.run(service.refresh())
    article = by_title(service)["Bài một"]
    assert article.full_status == "ok", article.full_status
    assert "Hội nghị Ban Chấp hành" in article.full_content
