"""A feed's state as the reader tells it: a cut-off feed is an error, said in the interface's
language in the toast and the details dialog, which never calls a broken feed fine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_httpserver import HTTPServer
from textual.pilot import Pilot

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.views import View
from newsreader_tui.ui.screens.details import DetailsScreen
from support.feeds import cut_off, rss, rss_item

if TYPE_CHECKING:
    from conftest import AppEnv

RSS = "application/rss+xml; charset=utf-8"


async def open_feed_details(pilot: Pilot[Any], url: str) -> dict[str, str]:
    """Press `e` with the sidebar's cursor on the feed at `url`; the dialog's rows."""
    main = pilot.app.main_screen
    main.sidebar.focus()
    main.sidebar.set_current(View("feed", url))
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DetailsScreen)
    return dict(pilot.app.screen.rows)


async def test_a_cut_off_feed_is_an_error_in_the_interface_language(
    empty_env: AppEnv, httpserver: HTTPServer
) -> None:
    document = rss(rss_item("1", "Tin một"), rss_item("2", "Tin hai"))
    httpserver.expect_request("/cut.rss").respond_with_data(cut_off(document), content_type=RSS)
    httpserver.expect_request("/ok.rss").respond_with_data(document, content_type=RSS)
    cut = FeedConfig(url=httpserver.url_for("/cut.rss"), title="Nguồn cụt", category="Tin")
    fine = FeedConfig(url=httpserver.url_for("/ok.rss"), title="Nguồn tốt", category="Tin")
    empty_env.base_url = httpserver.url_for("/")  # fetch over loopback, not the demo transport
    app = empty_env.app(empty_env.settings(feeds=(cut, fine)), refresh_on_start=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await empty_env.wait_for(pilot, lambda: app.main_screen.status.failed == 1)
        await empty_env.settle(pilot)
        [toast] = [n.message for n in app._notifications if n.severity == "error"]
        assert toast.startswith("Nguồn cụt vừa bị lỗi: nguồn tin http://") and "bị cắt cụt" in toast

        rows = await open_feed_details(pilot, cut.url)
        assert "bị cắt cụt hoặc hỏng" in rows["Lỗi"] and cut.url in rows["Lỗi"]
        assert "bình thường" not in empty_env.screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        rows = await open_feed_details(pilot, fine.url)
        assert "Lỗi" not in rows
        assert rows["Tình trạng"] == "Nguồn này hoạt động bình thường."


async def test_a_failed_full_text_fetch_is_told_in_the_interface_language(env: AppEnv) -> None:
    app = env.app()  # the demo site is not serving: every page fetch is refused
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        party = next(f for f in app.service.feeds if f.category == "HĐ Đảng - Đoàn thể")
        main.switch_view(View("feed", party.url))  # a feed whose pages were never fetched
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert main.reader.article is not None and main.reader.article.full_status is None
        await pilot.press("F")
        await env.wait_for(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        [toast] = [n.message for n in app._notifications if n.severity == "error"]
        assert toast.startswith("Không tải được toàn văn: không kết nối được tới ")
        stored = app.service.store.article(main.reader.article.id)
        assert stored is not None and stored.full_problem is not None
        assert stored.full_problem.code.startswith("fetch.")
