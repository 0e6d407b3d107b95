"""Attacks from the server's side of HTTP: what a hostile or broken server can do to a refresh.

Each fixture is one hostile server on 127.0.0.1, named for what it attacks; each test
refreshes through `Service` as the CLI and the reader do and checks what the user is told,
what the store remembers and how much the server was asked.

- Time (issue 9, item 7): a feed's whole time, retries and the waits between them included,
  stays within its `timeout`; a Retry-After longer than that is remembered and the feed waits
  ("retry after HH:MM") instead of holding the refresh.
- Memory (item 8): a gzip bomb is never inflated past the size cap, even for a moment, and many
  at once share one budget.
- Words (item 9): every network failure says what happened, in both languages.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from newsreader_tui.core.fetch import BUDGET_BODIES
from newsreader_tui.core.models import FeedConfig, FetchOutcome
from newsreader_tui.core.service import Service
from newsreader_tui.core.transfer import SMALL_BODY
from newsreader_tui.i18n import Labels, describe
from newsreader_tui.output import feed_line, outcome_line
from support.clock import NOW, Clock
from support.feeds import rss, rss_item
from support.hostile_servers import (
    RawServer,
    closed_early,
    garbage,
    gzip_bomb,
    hang_up,
    reset_mid_body,
)
from support.services import ServiceFactory

RSS = rss(*(rss_item(str(n), f"Tin {n}") for n in range(40)), title="Cổng tin")
VI, EN = Labels("vi"), Labels("en")
MB = 1024 * 1024


# -- the hostile servers ------------------------------------------------------------------------


@pytest.fixture
def resets_mid_body() -> Iterator[RawServer]:
    """Sends half the feed, then resets the connection."""
    with RawServer(reset_mid_body(RSS)) as server:
        yield server


@pytest.fixture
def closes_before_the_body_ends() -> Iterator[RawServer]:
    """Promises the whole feed in Content-Length, sends half, closes."""
    with RawServer(closed_early(RSS)) as server:
        yield server


@pytest.fixture
def answers_in_garbage() -> Iterator[RawServer]:
    """Answers the request with something that is not HTTP."""
    with RawServer(garbage) as server:
        yield server


@pytest.fixture
def hangs_up_without_answering() -> Iterator[RawServer]:
    """Reads the request and closes the connection without a word."""
    with RawServer(hang_up) as server:
        yield server


@pytest.fixture
def asks_to_come_back_in_eleven_days(httpserver: HTTPServer) -> HTTPServer:
    """429 with `Retry-After: 999999`: once stretched to 62 s of a refresh with timeout 20."""
    httpserver.expect_request("/busy").respond_with_data(
        b"slow down", status=429, headers={"Retry-After": "999999"}
    )
    return httpserver


@pytest.fixture
def fails_forever(httpserver: HTTPServer) -> HTTPServer:
    """503 on every request, without Retry-After: retried with growing pauses."""
    httpserver.expect_request("/down").respond_with_data(b"down", status=503)
    return httpserver


@pytest.fixture
def serves_gzip_bombs(httpserver: HTTPServer) -> HTTPServer:
    """/bomb0 .. /bomb13: each 128 MB of zeros in about 128 KB of gzip."""
    bomb = gzip_bomb(128)
    for number in range(14):
        httpserver.expect_request(f"/bomb{number}").respond_with_data(
            bomb, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"}
        )
    return httpserver


# -- words: every network error says what happened --------------------------------------------


async def refresh_one(make_service: ServiceFactory, url: str, **settings: object) -> FetchOutcome:
    """Refresh one feed at `url`, which must fail; its outcome."""
    [outcome] = await make_service(FeedConfig(url=url, title="Báo"), **settings).refresh()
    assert not outcome.ok
    return outcome


async def test_a_reset_mid_body_is_called_a_reset(
    make_service: ServiceFactory, resets_mid_body: RawServer
) -> None:
    outcome = await refresh_one(make_service, resets_mid_body.url())
    # Once "network error talking to 127.0.0.1:" with nothing after the colon.
    assert outcome.error == "127.0.0.1 reset the connection"
    assert describe(outcome, VI) == "127.0.0.1 cắt ngang kết nối"


async def test_a_body_cut_short_is_called_closed_early(
    make_service: ServiceFactory, closes_before_the_body_ends: RawServer
) -> None:
    outcome = await refresh_one(make_service, closes_before_the_body_ends.url())
    assert outcome.error == "127.0.0.1 closed the connection before the whole response arrived"
    assert describe(outcome, VI) == "127.0.0.1 đóng kết nối trước khi gửi hết dữ liệu"


async def test_garbage_is_called_not_http(
    make_service: ServiceFactory, answers_in_garbage: RawServer
) -> None:
    outcome = await refresh_one(make_service, answers_in_garbage.url())
    assert outcome.error == "127.0.0.1 answered with something that is not HTTP"
    assert describe(outcome, VI) == "127.0.0.1 trả lời bằng dữ liệu không phải HTTP"


async def test_a_silent_hang_up_is_called_closed(
    make_service: ServiceFactory, hangs_up_without_answering: RawServer
) -> None:
    outcome = await refresh_one(make_service, hangs_up_without_answering.url())
    assert outcome.error == "127.0.0.1 closed the connection unexpectedly"
    assert describe(outcome, VI) == "127.0.0.1 đóng kết nối giữa chừng"


async def test_a_refused_connection_is_called_refused(make_service: ServiceFactory) -> None:
    with RawServer(hang_up) as server:
        url = server.url()
    outcome = await refresh_one(make_service, url)  # nobody listens there any more
    assert outcome.error == "could not connect to 127.0.0.1: connection refused"
    assert describe(outcome, VI) == "không kết nối được tới 127.0.0.1: máy chủ từ chối kết nối"


async def test_tls_spoken_to_a_plain_server_is_called_a_tls_failure(
    make_service: ServiceFactory, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/feed").respond_with_data(RSS)
    url = httpserver.url_for("/feed").replace("http://", "https://")
    outcome = await refresh_one(make_service, url)
    assert outcome.error.startswith("TLS handshake with 127.0.0.1 failed: ")
    assert describe(outcome, VI).startswith("bắt tay TLS với 127.0.0.1 không thành công: ")


async def test_an_unknown_host_is_called_not_found(make_service: ServiceFactory) -> None:
    outcome = await refresh_one(make_service, "http://no-such-host.invalid/feed")
    assert outcome.error == "could not connect to no-such-host.invalid: host name not found"


async def test_a_dripping_body_is_called_a_timeout(
    make_service: ServiceFactory, httpserver: HTTPServer
) -> None:
    def drip(request: Request) -> WResponse:
        def chunks() -> Iterator[bytes]:
            for _ in range(40):
                yield b" "
                time.sleep(0.05)

        return WResponse(chunks(), content_type="application/rss+xml")

    httpserver.expect_request("/drip").respond_with_handler(drip)
    outcome = await refresh_one(make_service, httpserver.url_for("/drip"), timeout=0.5)
    assert outcome.error == "timed out after 0.5 s fetching from 127.0.0.1"
    assert describe(outcome, VI) == "quá 0.5 giây mà chưa tải xong từ 127.0.0.1"


# -- time: a feed's timeout covers its retries; a long Retry-After is remembered --------------


async def test_a_long_retry_after_is_remembered_and_the_feed_waits(
    make_service: ServiceFactory, clock: Clock, asks_to_come_back_in_eleven_days: HTTPServer
) -> None:
    server = asks_to_come_back_in_eleven_days
    feed = FeedConfig(url=server.url_for("/busy"), title="Báo bận")
    service = make_service(feed, retries=2, timeout=20.0)

    [first] = await service.refresh()
    # One request, not three with 30 s waits between them: the server named a time past what
    # the feed's 20 s allow, so we come back then (eleven days are capped to one).
    assert len(server.log) == 1
    assert first.http_status == 429
    assert first.error == "127.0.0.1 asked us to come back later: retry after 15:00 21/11"
    assert first.retry_after == NOW + timedelta(days=1)
    assert outcome_line(first, "Báo bận", 100, EN).startswith("WAIT  Báo bận: 127.0.0.1 asked")
    assert outcome_line(first, "Báo bận", 100, VI) == (
        "CHỜ   Báo bận: 127.0.0.1 yêu cầu tạm ngừng tải: thử lại sau 15:00 21/11"
    )

    clock.now = NOW + timedelta(hours=3)
    [second] = await service.refresh()
    assert len(server.log) == 1  # skipped: not asked again before its time
    assert not second.ok and second.retry_after == NOW + timedelta(days=1)
    assert describe(second, VI) == "127.0.0.1 yêu cầu tạm ngừng tải: thử lại sau 15:00 21/11"
    [status] = service.store.feeds()
    assert status.retry_after == NOW + timedelta(days=1)
    assert "retry after 15:00 21/11" in feed_line(status, 100, EN)

    server.clear()
    server.expect_request("/busy").respond_with_data(RSS, content_type="application/rss+xml")
    clock.now = NOW + timedelta(days=1, minutes=1)
    [third] = await service.refresh()
    assert third.ok and third.new == 40
    [status] = service.store.feeds()
    assert status.retry_after is None and status.error is None


async def test_retries_stop_when_the_feeds_time_is_spent(
    make_service: ServiceFactory, fails_forever: HTTPServer
) -> None:
    service = make_service(
        FeedConfig(url=fails_forever.url_for("/down")), retries=10, backoff=0.5, timeout=3.0
    )
    [outcome] = await service.refresh()
    asked = len(fails_forever.log)
    # Pauses of 0.5, 1, 2, 4 ... s for ten retries would take minutes; the feed has 3 s.
    assert 1 <= asked <= 3
    suffix = f" (after {asked} attempts)" if asked > 1 else ""
    assert outcome.error == f"HTTP 503 Service Unavailable from 127.0.0.1{suffix}"
    assert outcome.retry_after is None


async def test_a_short_retry_after_is_waited_for(
    make_service: ServiceFactory, httpserver: HTTPServer
) -> None:
    httpserver.expect_ordered_request("/feed").respond_with_data(
        b"busy", status=503, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/feed").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    service = make_service(FeedConfig(url=httpserver.url_for("/feed")), retries=1, timeout=10.0)
    [outcome] = await service.refresh()
    assert outcome.ok and outcome.new == 40
    assert len(httpserver.log) == 2


# -- memory: compressed bombs --------------------------------------------------------------------


async def traced_refresh(service: Service) -> tuple[list[FetchOutcome], int]:
    """`service.refresh()`'s outcomes, and the peak bytes Python allocated while it ran."""
    tracemalloc.start()
    try:
        outcomes = await service.refresh()
        return outcomes, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


async def test_a_gzip_bomb_is_never_inflated_past_the_cap(
    make_service: ServiceFactory, serves_gzip_bombs: HTTPServer
) -> None:
    serves_gzip_bombs.expect_request("/feed").respond_with_data(RSS)
    ordinary = make_service(FeedConfig(url=serves_gzip_bombs.url_for("/feed")), max_bytes=MB)
    _, usual = await traced_refresh(ordinary)
    bomb = make_service(FeedConfig(url=serves_gzip_bombs.url_for("/bomb0")), max_bytes=MB)
    [outcome], peak = await traced_refresh(bomb)
    assert outcome.error == "response from 127.0.0.1 is larger than the 1 MB limit"
    # httpx inflated each network chunk whole: 64 KB of this bomb made 64 MB at once.
    assert peak < usual + 2 * MB


async def test_fourteen_gzip_bombs_at_once_share_one_budget(
    make_service: ServiceFactory, serves_gzip_bombs: HTTPServer
) -> None:
    cap = 8 * MB
    feeds = [FeedConfig(url=serves_gzip_bombs.url_for(f"/bomb{n}")) for n in range(14)]
    service = make_service(*feeds, max_bytes=cap, per_host=16, concurrency=16)
    outcomes, peak = await traced_refresh(service)
    too_large = "response from 127.0.0.1 is larger than the 8 MB limit"
    assert [outcome.error for outcome in outcomes] == [too_large] * 14
    # Each bomb holds at most SMALL_BODY until it gets a share of the budget, and only
    # BUDGET_BODIES of them at once go on to the cap: not 14 x 8 MB (nor 14 x 64 MB).
    assert peak < 14 * (SMALL_BODY + 512 * 1024) + BUDGET_BODIES * cap + 8 * MB
