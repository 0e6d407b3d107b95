"""A feed whose server asked us to come back later (a long Retry-After) as the reader shows it:
marked `~` in the sidebar rather than `!`, and its details say until when."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from pytest_httpserver import HTTPServer
from test_feed_state import open_feed_details

from newsreader_tui.core.dates import VN_TZ
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.views import View
from support.feeds import rss, rss_item

if TYPE_CHECKING:
    from conftest import AppEnv

RSS = "application/rss+xml; charset=utf-8"


async def test_a_waiting_feed_says_until_when(empty_env: AppEnv, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/busy.rss").respond_with_data(
        b"slow down", status=429, headers={"Retry-After": "3600"}
    )
    httpserver.expect_request("/ok.rss").respond_with_data(
        rss(rss_item("1", "Tin một")), content_type=RSS
    )
    httpserver.expect_request("/gone.rss").respond_with_data(b"gone", status=404)
    busy = FeedConfig(url=httpserver.url_for("/busy.rss"), title="Báo bận", category="Tin")
    fine = FeedConfig(url=httpserver.url_for("/ok.rss"), title="Báo tốt", category="Tin")
    gone = FeedConfig(url=httpserver.url_for("/gone.rss"), title="Báo mất", category="Tin")
    empty_env.base_url = httpserver.url_for("/")
    settings = empty_env.settings(feeds=(busy, fine, gone), timeout=5.0)
    app = empty_env.app(settings, refresh_on_start=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await empty_env.wait_for(pilot, lambda: app.main_screen.status.failed == 2)
        await empty_env.settle(pilot)
        sidebar = app.main_screen.sidebar

        def label(feed: FeedConfig) -> str:
            # The line right of its guide, less the count at the right edge.
            return re.sub(r"( +\d+)? *$", "", sidebar.label_text(View("feed", feed.url)))

        assert (label(busy), label(gone), label(fine)) == ("~ Báo bận", "! Báo mất", "Báo tốt")

        rows = await open_feed_details(pilot, busy.url)
        until = app.service.clock() + timedelta(hours=1)
        assert rows["Thử lại sau"] == until.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")
        assert (
            rows["Lỗi"]
            == f"127.0.0.1 yêu cầu tạm ngừng tải: thử lại sau {until.astimezone(VN_TZ):%H:%M}"
        )
