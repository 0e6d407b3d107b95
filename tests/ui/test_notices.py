"""Failure notices under Pilot: a feed that is down is news once, when it starts failing, and
once more when it recovers; every refresh in between leaves only its summary.

A real loopback server answers 500 until the test lets it answer a feed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_httpserver import HTTPServer
from textual.pilot import Pilot
from werkzeug import Request, Response

from newsreader_tui.core.models import FeedConfig, FetchOutcome
from newsreader_tui.i18n import Labels
from newsreader_tui.ui.app import NewsreaderApp
from newsreader_tui.ui.screens.main_notices import health_notices
from support.feeds import rss, rss_item

if TYPE_CHECKING:
    from conftest import AppEnv

NARROW = (80, 24)


class Switch:
    """A feed that fails with 500 until `working` is set."""

    def __init__(self) -> None:
        self.working = False

    def __call__(self, request: Request) -> Response:
        if not self.working:
            return Response("máy chủ lỗi", status=500)
        body = rss(rss_item("h1", "Tin từ nguồn hỏng", published="Thu, 19 Nov 2026 09:00:00 +0700"))
        return Response(body, content_type="application/rss+xml")


def messages(app: NewsreaderApp) -> list[tuple[str, str]]:
    return [(n.severity, n.message) for n in app._notifications]


async def refresh(env: AppEnv, pilot: Pilot[Any], key: str | None = "R") -> list[tuple[str, str]]:
    """Press `key` (None: the refresh is already starting) and return the notices it left."""
    app = pilot.app
    if key:
        app.clear_notifications()
        await pilot.press(key)

    def summarised() -> bool:
        return any(m.startswith("Đã cập nhật") for _, m in messages(app))

    await env.wait_for(pilot, summarised, timeout=10)
    await env.settle(pilot)
    return messages(app)


def feeds(httpserver: HTTPServer, switch: Switch) -> tuple[FeedConfig, FeedConfig]:
    httpserver.expect_request("/tot.rss").respond_with_data(
        rss(rss_item("t1", "Tin tốt", published="Thu, 19 Nov 2026 08:00:00 +0700")),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/hong.rss").respond_with_handler(switch)
    good = FeedConfig(url=httpserver.url_for("/tot.rss"), title="Nguồn tốt", category="Tin")
    broken = FeedConfig(url=httpserver.url_for("/hong.rss"), title="Nguồn hỏng", category="Tin")
    return good, broken


async def test_a_feed_down_is_news_once_and_again_when_it_recovers(
    empty_env: AppEnv, httpserver: HTTPServer
) -> None:
    switch = Switch()
    empty_env.base_url = httpserver.url_for("/")
    app = empty_env.app(empty_env.settings(feeds=feeds(httpserver, switch)), refresh_on_start=True)
    async with app.run_test(size=NARROW) as pilot:
        first = await refresh(empty_env, pilot, key=None)
        errors = [m for severity, m in first if severity == "error"]
        assert errors == [
            "Nguồn hỏng vừa bị lỗi: máy chủ 127.0.0.1 trả lỗi HTTP 500 (Internal Server Error)"
        ]

        # Still down: the summary says 1/2, the sidebar's "!" stays, no toast repeats it.
        again = await refresh(empty_env, pilot)
        assert again == [("information", "Đã cập nhật 1/2 nguồn, 0 bài mới.")]
        assert app.main_screen.status.failed == 1

        switch.working = True
        back = await refresh(empty_env, pilot)
        assert back == [
            ("information", "Đã cập nhật 2/2 nguồn, 1 bài mới."),
            ("information", "Nguồn hỏng đã hoạt động lại."),
        ]
        assert [m for _, m in await refresh(empty_env, pilot)] == [
            "Đã cập nhật 2/2 nguồn, 0 bài mới."
        ]


async def test_a_feed_down_before_the_app_opened_is_not_news(
    empty_env: AppEnv, httpserver: HTTPServer
) -> None:
    """The state is the store's, so it holds across restarts: a feed that was already down
    when the reader closed does not greet the next start with a red toast."""
    switch = Switch()
    empty_env.base_url = httpserver.url_for("/")
    settings = empty_env.settings(feeds=feeds(httpserver, switch))
    app = empty_env.app(settings, refresh_on_start=True)
    async with app.run_test(size=NARROW) as pilot:
        assert any(s == "error" for s, _ in await refresh(empty_env, pilot, key=None))
    empty_env.close()
    app = empty_env.app(settings, refresh_on_start=True)
    async with app.run_test(size=NARROW) as pilot:
        assert await refresh(empty_env, pilot, key=None) == [
            ("information", "Đã cập nhật 1/2 nguồn, 0 bài mới.")
        ]


async def test_several_feeds_failing_at_once_make_one_short_notice_in_english(
    empty_env: AppEnv, httpserver: HTTPServer
) -> None:
    for name in ("a", "b", "c"):
        httpserver.expect_request(f"/{name}.rss").respond_with_data("gone", status=404)
    broken = tuple(
        FeedConfig(url=httpserver.url_for(f"/{name}.rss"), title=f"Cổng {name} tỉnh Hòa Bình Xanh")
        for name in ("a", "b", "c")
    )
    empty_env.base_url = httpserver.url_for("/")
    app = empty_env.app(empty_env.settings(feeds=broken, language="en"), refresh_on_start=True)
    async with app.run_test(size=NARROW) as pilot:

        def summarised() -> bool:
            return any(m.startswith("Refreshed") for _, m in messages(app))

        await empty_env.wait_for(pilot, summarised, timeout=10)
        await empty_env.settle(pilot)
        errors = [m for severity, m in messages(app) if severity == "error"]
        assert len(errors) == 1
        assert errors[0].startswith("3 feeds started failing: Cổng a tỉnh Hòa Bình Xanh, Cổng b")
        assert errors[0].endswith("…") and len(errors[0]) < 100


def test_a_notice_quotes_a_server_error_cleaned_and_cut_short() -> None:
    """Server text is outside text: escapes go, and a long one is cut (the whole error is in
    the feed's details, `e`)."""
    error = "HTTP 500 from a.vn: \x1b[31m[b]lỗi[/b]\x1b[0m " + "rất dài " * 30
    outcome = FetchOutcome("https://a.vn/rss", "error", http_status=500, error=error)
    (notice,) = health_notices([], [outcome], Labels("vi"), lambda url: "Báo\x07 A")
    assert notice.severity == "error"
    assert notice.text.startswith("Báo A vừa bị lỗi: HTTP 500 from a.vn: [b]lỗi[/b] rất dài")
    assert "\x1b" not in notice.text and notice.text.endswith("…")
    assert len(notice.text) < 120
