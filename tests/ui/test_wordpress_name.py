"""A WordPress feed with no title in the config appears in the sidebar and the list's source
column under its site's name (from the REST API root), not its URL, once it is refreshed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader_tui.core.models import FeedConfig
from newsreader_tui.demo import DemoServer

if TYPE_CHECKING:
    from conftest import AppEnv

NAME = "THPT Lê Quý Đôn"
"""Part of the demo WordPress site's name that fits the sidebar and the source column."""


async def test_the_site_name_replaces_the_url_after_a_refresh(
    empty_env: AppEnv, demo_server: DemoServer
) -> None:
    wordpress = FeedConfig(url=demo_server.url("/wp/"), kind="wordpress", category="Giáo dục")
    other = FeedConfig(url=demo_server.url("/rss/kinh-te.rss"), title="Kinh tế", category="Tin")
    empty_env.base_url = demo_server.base_url
    app = empty_env.app(empty_env.settings(feeds=(wordpress, other)), refresh_on_start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await empty_env.wait_for(pilot, lambda: NAME in empty_env.screen_text(app))
        await empty_env.settle(pilot)
        text = empty_env.screen_text(app)
        assert "/wp/" not in text
        lines = [line for line in text.splitlines() if NAME in line]
        assert any("└" in line for line in lines), lines  # the sidebar's feed line
    # Opened again (what it fetched is stored) where the list has room for its sources.
    again = empty_env.app(empty_env.settings(feeds=(wordpress, other)))
    async with again.run_test(size=(120, 30)) as pilot:
        await empty_env.wait_for(pilot, lambda: NAME in empty_env.screen_text(again))
        text = empty_env.screen_text(again)
        assert "/wp/" not in text
        rows = [line for line in text.splitlines() if NAME in line]
        assert any("Lễ tổng kết năm học" in line for line in rows), rows
