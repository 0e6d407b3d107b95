"""Automatic refresh and the way back online, under Pilot with Textual's own timers.

`reload_minutes` is a float so that a test can ask for a period of a tenth of a second (the
config file refuses less than 5 minutes); the tests wait on what the timer did (its ticks, the
server's log), never on a duration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_httpserver import HTTPServer

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.ui.app import NewsreaderApp
from support.feeds import rss, rss_item

if TYPE_CHECKING:
    from conftest import AppEnv

NARROW = (80, 24)
TICK = 0.1 / 60
"""`reload_minutes` for a timer firing every 0.1 s."""


def serve_feed(httpserver: HTTPServer) -> tuple[FeedConfig, ...]:
    httpserver.expect_request("/tin.rss").respond_with_data(
        rss(rss_item("t1", "Tin một", published="Thu, 19 Nov 2026 08:00:00 +0700")),
        content_type="application/rss+xml",
    )
    return (FeedConfig(url=httpserver.url_for("/tin.rss"), title="Tin", category="Tin"),)


def messages(app: NewsreaderApp) -> list[str]:
    return [n.message for n in app._notifications]


def status_text(app: NewsreaderApp) -> str:
    return " ".join(str(label.render()) for label in app.main_screen.status.query("Label"))


async def test_automatic_refresh_is_off_by_default(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=NARROW) as pilot:
        await env.settle(pilot)
        assert app.main_screen.auto_reload.timer is None


async def test_the_timer_refreshes_every_feed_and_stays_quiet_without_news(
    empty_env: AppEnv, httpserver: HTTPServer
) -> None:
    empty_env.base_url = httpserver.url_for("/")
    settings = empty_env.settings(feeds=serve_feed(httpserver), reload_minutes=TICK)
    app = empty_env.app(settings)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        await empty_env.wait_for(pilot, lambda: main.articles.count == 1)
        # The first refresh brought an article: it says so.
        await empty_env.wait_for(
            pilot, lambda: "Đã cập nhật 1/1 nguồn, 1 bài mới." in messages(app)
        )
        app.clear_notifications()
        # Two more refreshes, with nothing new: no toast.
        await empty_env.wait_for(pilot, lambda: len(httpserver.log) >= 3)
        await empty_env.wait_for(pilot, lambda: not main.refresher.running)
        await empty_env.settle(pilot)
        assert messages(app) == []
        assert main.auto_reload.ticks >= 3


async def test_offline_the_timer_waits_until_the_user_goes_online(
    empty_env: AppEnv, httpserver: HTTPServer
) -> None:
    empty_env.base_url = httpserver.url_for("/")
    settings = empty_env.settings(feeds=serve_feed(httpserver), reload_minutes=TICK)
    app = empty_env.app(settings, offline=True)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        await empty_env.wait_for(pilot, lambda: main.auto_reload.ticks >= 3)
        assert httpserver.log == [] and not main.refresher.running
        assert "NGOẠI TUYẾN" in status_text(app)

        await pilot.press("R")  # says how to go online
        await pilot.pause()
        assert messages(app)[-1] == "Chế độ ngoại tuyến: không cập nhật. Nhấn O để trực tuyến lại."

        await pilot.press("O")
        await pilot.pause()
        assert "Đã trực tuyến lại. Nhấn R để cập nhật." in messages(app)
        assert "NGOẠI TUYẾN" not in status_text(app)
        await empty_env.wait_for(pilot, lambda: main.articles.count == 1)
        assert len(httpserver.log) >= 1


async def test_going_online_by_its_remapped_key_or_the_palette(
    empty_env: AppEnv, httpserver: HTTPServer
) -> None:
    empty_env.base_url = httpserver.url_for("/")
    feeds = serve_feed(httpserver)
    settings = empty_env.settings(feeds=feeds, language="en", keys={"app.go_online": "ctrl+o"})
    app = empty_env.app(settings, offline=True)
    async with app.run_test(size=NARROW) as pilot:
        main = app.main_screen
        await empty_env.settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert messages(app)[-1] == "Offline mode: not refreshing. Press ^o to go online."
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        await commands["Go online"].callback()
        await pilot.pause()
        assert not main.refresher.offline
        assert messages(app)[-1] == "Online again. Press R to refresh."
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert messages(app)[-1] == "Not in offline mode. Press R to refresh."
        await pilot.press("R")
        await empty_env.wait_for(pilot, lambda: main.articles.count == 1)
