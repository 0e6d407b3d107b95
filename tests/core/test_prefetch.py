"""The prefetcher behind a refresh, against a real loopback server: article pages first and then
images (so a page's own pictures come along), the newest `PER_FEED` articles of each feed only,
never the same version twice, one failing page or image never stopping the others, and a
progress event per item."""

from __future__ import annotations

import asyncio
import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.core.media import PER_FEED, MediaEvent
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.service import Service
from support.clock import NOW
from support.feeds import rss, rss_item
from support.images import png
from support.pages import StandIn, article_page
from support.server import paths
from support.services import ServiceFactory

HTML = "text/html; charset=utf-8"


@dataclass
class Site:
    """A feed whose items link to pages under /bai/, and images under /img/.

    `items` are (slug, title, description HTML), newest first; `pages` maps a slug to what its
    page's <article> holds.
    """

    server: HTTPServer
    path: str = "/feed.rss"
    items: list[tuple[str, str, str]] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.server.expect_request(self.path).respond_with_handler(self._feed)

    @property
    def url(self) -> str:
        return self.server.url_for(self.path)

    def _feed(self, request: Request) -> Response:
        base = self.server.url_for("").rstrip("/")
        items = (
            rss_item(
                slug,
                title,
                link=f"{base}/bai/{slug}.html",
                published=NOW - timedelta(minutes=n),
                description=html,
            )
            for n, (slug, title, html) in enumerate(self.items)
        )
        return Response(rss(*items, title=None), content_type="application/rss+xml")


def serve_pages_and_images(
    server: HTTPServer, sites: list[Site], errors: dict[str, int] | None = None
) -> None:
    """Pages of the sites' articles (with an ETag; a matching If-None-Match gets 304) and a PNG
    for any /img/ path but *.html ones (an HTML page). `errors` maps a path to the status it
    answers with instead; the test may change it between refreshes."""
    errors = {} if errors is None else errors

    def page(request: Request) -> Response:
        slug = request.path.removeprefix("/bai/").removesuffix(".html")
        if request.path in errors:
            return Response("lỗi", status=errors[request.path])
        article = next(site.pages[slug] for site in sites if slug in site.pages)
        etag = '"' + hashlib.sha256(article.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(article_page(article), content_type=HTML, headers={"ETag": etag})

    def image(request: Request) -> Response:
        if request.path in errors:
            return Response("<html>lỗi</html>", status=errors[request.path])
        if request.path.endswith(".html"):
            return Response("<html>không phải ảnh</html>", content_type=HTML)
        return Response(png(), content_type="image/png")

    server.expect_request(re.compile(r"^/bai/")).respond_with_handler(page)
    server.expect_request(re.compile(r"^/img/")).respond_with_handler(image)


@pytest.fixture
def make_service(make_service: ServiceFactory) -> ServiceFactory:
    """The core fixture with a `StandIn` extractor that a page saying BUG trips up."""
    return make_service.with_defaults(extractor=StandIn(trip="BUG"))


def refresh(
    service: Service, *, full_text: bool | None = None, images: bool | None = None
) -> list[MediaEvent]:
    """Refresh every feed (all must succeed); return the media events in the order they came."""
    events: list[MediaEvent] = []
    outcomes = asyncio.run(
        service.refresh(full_text=full_text, images=images, media_progress=events.append)
    )
    assert all(outcome.ok for outcome in outcomes), outcomes
    return events


def test_pages_first_then_images_with_a_progress_event_each(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    img = httpserver.url_for("/img/")
    site = Site(httpserver)
    site.items = [("mot", "Bài một", "Tóm tắt một"), ("hai", "Bài hai", "Tóm tắt hai")]
    # The pictures are only on the pages: they are downloaded because pages come first.
    site.pages = {slug: f'<p>Bài {slug}</p><img src="{img}{slug}.png">' for slug in ("mot", "hai")}
    serve_pages_and_images(httpserver, [site])
    service = make_service(FeedConfig(site.url, full_text=True))

    events = refresh(service)
    assert [e.kind for e in events] == ["full_text"] * 2 + ["image"] * 2
    for kind in ("full_text", "image"):
        mine = [e for e in events if e.kind == kind]
        assert [(e.done, e.total, e.status, e.ok) for e in mine] == [
            (1, 2, "ok", True),
            (2, 2, "ok", True),
        ]
    assert {e.url for e in events if e.kind == "image"} == {img + "mot.png", img + "hai.png"}
    assert {e.url for e in events if e.kind == "full_text"} == {
        httpserver.url_for("/bai/mot.html"),
        httpserver.url_for("/bai/hai.html"),
    }
    assert all(a.full_status == "ok" for a in service.store.articles())
    assert service.images.file(img + "mot.png") is not None


def test_never_twice_for_the_same_version(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    img = httpserver.url_for("/img/")
    site = Site(httpserver)
    site.items = [("mot", "Bài một", "Tóm tắt"), ("hai", "Bài hai", "Tóm tắt")]
    site.pages = {"mot": f'<p>Một</p><img src="{img}a.png">', "hai": "<p>Hai</p>"}
    serve_pages_and_images(httpserver, [site])
    service = make_service(FeedConfig(site.url, full_text=True))
    refresh(service)
    assert sorted(paths(httpserver, "/bai/")) == ["/bai/hai.html", "/bai/mot.html"]

    httpserver.clear_log()
    assert refresh(service) == []  # the feed is unchanged: no page, no image, no event
    assert refresh(service, full_text=True, images=True) == []  # forcing does not repeat either
    assert paths(httpserver, "/bai/") == paths(httpserver, "/img/") == []

    # A new version of one item: only its page is asked again, conditionally, and the server
    # says it did not change.
    site.items[1] = ("hai", "Bài hai (sửa)", "Tóm tắt mới")
    events = refresh(service)
    assert paths(httpserver, "/bai/") == ["/bai/hai.html"]
    assert [(e.kind, e.status, e.ok) for e in events] == [("full_text", "not_modified", True)]
    assert paths(httpserver, "/img/") == []


def test_a_failing_item_never_stops_the_others(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    img = httpserver.url_for("/img/")
    site = Site(httpserver)
    site.items = [(slug, f"Bài {slug}", "Tóm tắt") for slug in ("tot", "mat", "ban", "loi")]
    pictures = "".join(f'<img src="{img}{name}">' for name in ("a.png", "gone.png", "x.html"))
    site.pages = {
        "tot": f"<p>Trang tốt</p>{pictures}",
        "mat": "<p>Đã xoá</p>",
        "ban": "<p>Máy chủ bận</p>",
        "loi": "<p>BUG</p>",
    }
    errors = {"/bai/mat.html": 404, "/bai/ban.html": 503, "/img/gone.png": 404}
    serve_pages_and_images(httpserver, [site], errors)
    service = make_service(FeedConfig(site.url, full_text=True))

    events = refresh(service)
    pages = {e.url.rsplit("/", 1)[1]: e for e in events if e.kind == "full_text"}
    assert pages["tot.html"].ok
    assert "404" in pages["mat.html"].status and "503" in pages["ban.html"].status
    assert pages["loi.html"].status.startswith("the article text could not be extracted")
    assert sorted(e.done for e in pages.values()) == [1, 2, 3, 4]
    pictures_seen = {e.url.rsplit("/", 1)[1]: e for e in events if e.kind == "image"}
    assert pictures_seen["a.png"].ok
    assert "404" in pictures_seen["gone.png"].status
    assert pictures_seen["x.html"].status == "the link is not an image (text/html)"
    articles = {a.title: a for a in service.store.articles()}
    assert "Trang tốt" in articles["Bài tot"].full_content
    assert articles["Bài ban"].full_status == pages["ban.html"].status
    assert service.images.file(img + "a.png") is not None

    # Only the busy server's page is worth another try; the others failed for good.
    httpserver.clear_log()
    del errors["/bai/ban.html"]
    events = refresh(service)
    assert paths(httpserver, "/bai/") == ["/bai/ban.html"]
    assert paths(httpserver, "/img/") == []
    assert [(e.kind, e.ok) for e in events] == [("full_text", True)]


def test_only_the_newest_articles_of_each_feed(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    img = httpserver.url_for("/img/")
    busy = Site(httpserver, "/busy.rss")
    busy.items = [
        (f"b{n}", f"Tin {n}", f'<p>Tin {n}</p><img src="{img}b{n}.png">')
        for n in range(PER_FEED + 2)  # newest first
    ]
    quiet = Site(httpserver, "/quiet.rss")
    quiet.items = [("q0", "Tin lẻ", f'<img src="{img}q0.png">')]
    # What a page holds replaces the feed's text, pictures included.
    busy.pages = {slug: html for slug, _, html in busy.items}
    quiet.pages = {"q0": f'<p>Trang lẻ</p><img src="{img}q0.png">'}
    serve_pages_and_images(httpserver, [busy, quiet])
    service = make_service(FeedConfig(busy.url), FeedConfig(quiet.url), per_host=8, concurrency=16)

    events = refresh(service, full_text=True)
    newest = {f"b{n}" for n in range(PER_FEED)}
    fetched_pages = {
        p.removeprefix("/bai/").removesuffix(".html") for p in paths(httpserver, "/bai/")
    }
    fetched_images = {
        p.removeprefix("/img/").removesuffix(".png") for p in paths(httpserver, "/img/")
    }
    # The cap is per feed: the quiet feed's one article is not crowded out by the busy one.
    assert fetched_pages == fetched_images == newest | {"q0"}
    assert len(events) == 2 * (PER_FEED + 1)
    assert {e.total for e in events} == {PER_FEED + 1}
