"""The status bar lays the screen out again only when a label's width changes; what it shows
must still be exactly what it was told, count by count, wider or narrower."""

from __future__ import annotations

from typing import TYPE_CHECKING

from test_status_bar import status_line

if TYPE_CHECKING:
    from conftest import AppEnv


async def test_counts_going_down_and_up_in_width_show_exactly(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        for count, unread in ((120, 99), (120, 98), (120, 100), (120, 9), (1200, 1000)):
            main.status.set_view("Tất cả", count, unread)
            await pilot.pause()
            expected = f" Tất cả  {unread} chưa đọc, {count} bài"
            line = status_line(pilot)
            assert line.startswith(expected), (line, expected)
        main.status.set_state(failed=3)
        await pilot.pause()
        assert "3 nguồn lỗi" in status_line(pilot)
        main.status.set_state(failed=12)
        await pilot.pause()
        assert "12 nguồn lỗi" in status_line(pilot)
