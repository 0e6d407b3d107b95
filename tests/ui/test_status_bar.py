"""The status bar drops its least important parts first, whole (issue 8, item 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot

from newsreader_tui.ui.widgets.status_bar import GAP, Part, fit_parts

if TYPE_CHECKING:
    from conftest import AppEnv


def status_line(pilot: Pilot[Any]) -> str:
    """The bottom line of the screen, where the status bar is, cell for cell."""
    return pilot.app.screen._compositor.render_strips()[-1].text


def test_status_parts_give_way_least_important_first() -> None:
    parts = [Part("view", 16), Part("count", 6), Part("progress", 10), Part("bar", 24)]
    parts += [Part("failed", 11), Part("updated", 20)]
    assert fit_parts(parts, 200) == {p.key for p in parts}
    assert fit_parts(parts, 60) == {"view", "progress", "failed", "count"}
    assert fit_parts(parts, 30) == {"view", "progress"}
    assert fit_parts(parts, 5) == {"view"}
    kept = fit_parts(parts, 95)
    assert sum(p.width for p in parts if p.key in kept) + GAP * (len(kept) - 1) <= 95


async def test_status_bar_keeps_the_view_name_whole_during_a_refresh(env: AppEnv) -> None:
    """At 80 columns a refresh shrank the view name to "Chưa "; at 60 it ran into the next
    part ("Kinh tế - Xã4 nguồn lỗi")."""
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        main.status.set_state(failed=4, offline=True)
        main.status.start_progress(14)
        main.status.advance(3, 14)
        await pilot.pause()
        line = status_line(pilot)
        assert line.startswith(" Chưa đọc  66 bài")
        assert "3/14 nguồn  " in line and "4 nguồn lỗi  NGOẠI TUYẾN" in line
        await pilot.resize_terminal(60, 20)
        main.status.set_view("Kinh tế - Xã hội", 10)
        await pilot.pause()
        line = status_line(pilot)
        assert line.startswith(" Kinh tế - Xã hội  ")
        assert "3/14 nguồn" in line and "Cập nhật" not in line
        main.status.finish_progress()
        await pilot.pause()
        line = status_line(pilot)
        assert "3/14" not in line and "4 nguồn lỗi" in line


async def test_reports_reaching_the_bar_while_the_app_closes_are_dropped(env: AppEnv) -> None:
    """A worker's last report (a count, the progress) can reach the status bar after the app
    began to take its widgets down on quitting. It ended the app with NoMatches for
    '#status-view' (seen once in CI, a refresh's count arriving as a test's app closed)."""
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await main.status.remove_children()  # as the app's shutdown does, children first
        main.status.set_view("Chưa đọc", 12, 3)
        main.status.start_progress(14)
        main.status.advance(3, 14)
        main.status.media("images", 1, 2)
        main.status.finish_progress()
        main.status.set_state(failed=1, offline=True)
        await pilot.pause()
    assert app.return_code in (None, 0)
