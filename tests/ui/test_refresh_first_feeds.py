"""The reader shows a feed's new articles as soon as that feed is stored, while a slower feed
of the same refresh is still being fetched (issue 10: feeds are stored in batches, and the
first ones must not wait for the rest)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsreader_tui.core.models import FeedConfig
from support.feeds import rss, rss_item

if TYPE_CHECKING:
    from conftest import AppEnv


@pytest.fixture
def held(httpserver: HTTPServer) -> Iterator[tuple[list[FeedConfig], threading.Event]]:
    """A quick feed of three articles, and a feed whose answer waits for the event."""
    release = threading.Event()

    def later(request: Request) -> Response:
        release.wait(60)
        return Response(rss(rss_item("s1", "Tin về sau")))

    items = [rss_item(f"q{n}", f"Tin nhanh số {n}") for n in range(3)]
    httpserver.expect_request("/nhanh.rss").respond_with_data(rss(*items))
    httpserver.expect_request("/cham.rss").respond_with_handler(later)
    feeds = [
        FeedConfig(httpserver.url_for("/cham.rss"), title="Báo chậm"),
        FeedConfig(httpserver.url_for("/nhanh.rss"), title="Báo nhanh"),
    ]
    try:
        yield feeds, release
    finally:
        release.set()


async def test_the_first_feed_shows_while_a_slow_one_is_still_fetched(
    empty_env: AppEnv, held: tuple[list[FeedConfig], threading.Event]
) -> None:
    feeds, release = held
    empty_env.base_url = feeds[0].url.rsplit("/", 1)[0]  # the loopback server, not the demo's
    app = empty_env.app(empty_env.settings(feeds=tuple(feeds)), refresh_on_start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        main = app.main_screen
        progress = main.status.query_one("#status-progress")
        await empty_env.wait_for(pilot, lambda: main.articles.count == 3, timeout=30)
        assert progress.display  # the slow feed is still being fetched
        assert "Tin nhanh số" in empty_env.screen_text(app)
        release.set()
        await empty_env.wait_for(
            pilot, lambda: main.articles.count == 4 and not progress.display, timeout=30
        )
