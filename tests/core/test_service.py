"""Refreshing through the service against a real loopback server: conditional GET, unchanged
bodies, failures isolated per feed, retention never during a failed fetch, HTML -> feed."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.core.models import FeedConfig, FetchOutcome
from newsreader_tui.core.service import Service
from support.clock import NOW, Clock
from support.feeds import rss, rss_item
from support.services import ServiceFactory


def refresh(service: Service) -> list[FetchOutcome]:
    return asyncio.run(service.refresh())


def test_unchanged_body_and_304_write_nothing_but_status(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    plain = httpserver.url_for("/plain.rss")
    tagged = httpserver.url_for("/tagged.rss")
    doc = rss(rss_item("1", "Tin một", published="Thu, 08 Nov 2018 09:26:00 +0700"))
    httpserver.expect_request("/plain.rss").respond_with_data(doc)

    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(doc, headers={"ETag": '"v1"'})

    httpserver.expect_request("/tagged.rss").respond_with_handler(conditional)
    service = make_service(FeedConfig(plain), FeedConfig(tagged))
    first = refresh(service)
    assert [(o.status, o.new) for o in first] == [("ok", 1), ("ok", 1)]
    second = refresh(service)
    assert [o.status for o in second] == ["unchanged", "not_modified"]
    assert all(o.ok for o in second)


def test_updated_content_keeps_read_and_starred(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    url = httpserver.url_for("/feed.rss")
    httpserver.expect_ordered_request("/feed.rss").respond_with_data(
        rss(rss_item("1", "Bản đầu", published="08/11/2018 09:26"))
    )
    httpserver.expect_ordered_request("/feed.rss").respond_with_data(
        rss(rss_item("1", "Bản đã sửa", published="08/11/2018 09:26"))
    )
    service = make_service(FeedConfig(url))
    refresh(service)
    [article] = service.store.articles()
    assert service.store.mark([article.id], read=True, starred=True, now=service.clock()) == []
    [outcome] = refresh(service)
    assert (outcome.new, outcome.updated) == (0, 1)
    [after] = service.store.articles()
    assert after.title == "Bản đã sửa" and after.read and after.starred


def test_unparseable_date_falls_back_to_first_seen_for_good(
    httpserver: HTTPServer, make_service: ServiceFactory, clock: Clock
) -> None:
    url = httpserver.url_for("/feed.rss")
    httpserver.expect_ordered_request("/feed.rss").respond_with_data(
        rss(rss_item("1", "A", published="hôm qua"))
    )
    httpserver.expect_ordered_request("/feed.rss").respond_with_data(
        rss(
            rss_item("1", "A", published="hôm qua"),
            rss_item("2", "B", published="08/11/2018 09:26"),
        )
    )
    service = make_service(FeedConfig(url))
    refresh(service)
    clock.now = NOW + timedelta(hours=5)
    refresh(service)
    undated = next(a for a in service.store.articles() if a.title == "A")
    assert undated.published == NOW


def test_one_failing_feed_never_stops_the_others(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    good = httpserver.url_for("/good.rss")
    httpserver.expect_request("/good.rss").respond_with_data(
        rss(rss_item("1", "Tốt", published="08/11/2018"))
    )
    httpserver.expect_request("/broken.rss").respond_with_data(b"<html>not a feed", status=200)
    httpserver.expect_request("/huge.rss").respond_with_data(b"x" * 5000)
    httpserver.expect_request("/gone.rss").respond_with_data(b"", status=410)
    feeds = [FeedConfig(good)] + [
        FeedConfig(httpserver.url_for(p), title=p)
        for p in ("/broken.rss", "/huge.rss", "/gone.rss")
    ]
    service = make_service(*feeds, max_bytes=2000)
    seen: list[tuple[int, int]] = []
    outcomes = asyncio.run(
        service.refresh(progress=lambda o, done, total: seen.append((done, total)))
    )
    assert [o.status for o in outcomes] == ["ok", "error", "error", "error"]
    assert "HTML" in (outcomes[1].error or "")
    assert "2000" in (outcomes[2].error or "") or "limit" in (outcomes[2].error or "")
    assert "410" in (outcomes[3].error or "") and outcomes[3].http_status == 410
    assert sorted(seen) == [(1, 4), (2, 4), (3, 4), (4, 4)]
    statuses = {s.url: s for s in service.store.feeds()}
    assert statuses[good].error is None and statuses[good].unread == 1
    assert statuses[feeds[3].url].error and statuses[feeds[3].url].http_status == 410


def test_slow_feed_times_out_without_holding_up_others(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(2)
        return Response(rss(rss_item("1", "Chậm", published="08/11/2018")))

    httpserver.expect_request("/slow.rss").respond_with_handler(slow)
    service = make_service(FeedConfig(httpserver.url_for("/slow.rss")), timeout=0.5)
    [outcome] = refresh(service)
    assert outcome.status == "error" and "timed out" in (outcome.error or "")


def test_retention_never_runs_for_a_failed_fetch(
    httpserver: HTTPServer, make_service: ServiceFactory, clock: Clock
) -> None:
    ok_url, flaky_url = httpserver.url_for("/ok.rss"), httpserver.url_for("/flaky.rss")
    old = "Mon, 01 Jan 2024 09:00:00 +0700"
    httpserver.expect_request("/ok.rss").respond_with_data(
        rss(rss_item("o1", "Cũ ok", published=old))
    )
    httpserver.expect_oneshot_request("/flaky.rss").respond_with_data(
        rss(rss_item("f1", "Cũ flaky", published=old))
    )
    httpserver.expect_request("/flaky.rss").respond_with_data(b"", status=503)
    service = make_service(FeedConfig(ok_url), FeedConfig(flaky_url))
    refresh(service)
    ids = [a.id for a in service.store.articles()]
    service.store.mark(ids, read=True, now=service.clock())
    # Both articles are now read and older than 180 days after the clock moves on.
    clock.now = NOW + timedelta(days=400)
    outcomes = refresh(service)
    assert [o.status for o in outcomes] == ["unchanged", "error"], outcomes
    titles = {a.title for a in service.store.articles()}
    assert titles == {"Cũ flaky"}


def test_html_page_is_followed_to_its_feed_and_remembered(
    httpserver: HTTPServer, make_service: ServiceFactory
) -> None:
    page = httpserver.url_for("/tin-tuc")
    httpserver.expect_request("/tin-tuc").respond_with_data(
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss/tin-tuc.rss">'
        "</head><body>Trang chủ</body></html>",
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/rss/tin-tuc.rss").respond_with_data(
        rss(rss_item("1", "Tin từ trang", published="08/11/2018 09:26")),
        content_type="application/rss+xml",
    )
    service = make_service(FeedConfig(page, category="Tin tức"))
    [outcome] = refresh(service)
    assert outcome.status == "ok" and outcome.new == 1
    [status] = service.store.feeds()
    assert status.resolved_url == httpserver.url_for("/rss/tin-tuc.rss")
    httpserver.clear_log()
    [again] = refresh(service)
    assert again.ok
    assert [request.path for request, _ in httpserver.log] == ["/rss/tin-tuc.rss"]
