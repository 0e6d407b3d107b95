"""Tab on a wide screen moves focus without restyling or repainting the whole screen (issue 10,
per-key work: Tab took 55 ms of the UI thread at 160x48 with a thousand feeds).

The class that lays the sidebar over the list (`SIDEBAR_OPEN`) only means something on a narrow
screen; set on a wide one at every Tab to the sidebar and off again at the next, it made Textual
restyle and redraw every widget of the screen twice per round (80 ms a Tab at 1000 feeds). The
sidebar must still come up over the list when the screen narrows while it has focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsreader_tui.ui.screens.main_panes import sidebar_open

if TYPE_CHECKING:
    from conftest import AppEnv


async def test_tab_round_a_wide_screen_leaves_the_screen_classes_alone(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        assert main.has_class("-wide")
        for expected in (main.reader, main.sidebar, main.articles):
            await pilot.press("tab")
            await env.settle(pilot, rounds=1)
            assert expected.has_focus
            assert not sidebar_open(main)


async def test_the_focused_sidebar_stays_in_sight_when_the_screen_narrows(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("shift+tab")
        await env.settle(pilot, rounds=1)
        assert main.sidebar.has_focus
        await pilot.resize_terminal(80, 24)
        await env.settle(pilot)
        assert sidebar_open(main)
        assert main.sidebar.display and main.sidebar.has_focus
        assert main.sidebar.region.width > 0
        await pilot.press("escape")  # back to the list, the sidebar out of the way
        await env.settle(pilot, rounds=1)
        assert main.articles.has_focus and not sidebar_open(main)


async def test_tab_repaints_the_panes_it_restyles_not_the_whole_screen(env: AppEnv) -> None:
    """Textual's `Screen.focused` repainted the whole screen at each change of focus."""
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        whole: list[object] = []
        refresh = main.refresh

        def spy(*regions: Any, **options: Any) -> Any:
            if not regions:
                whole.append(options)
            return refresh(*regions, **options)

        main.refresh = spy  # type: ignore[method-assign]
        for expected in (main.reader, main.sidebar, main.articles):
            await pilot.press("tab")
            await env.settle(pilot, rounds=1)
            assert expected.has_focus
        assert whole == []


async def test_the_sidebar_slides_in_on_a_narrow_screen_without_restyling_it(
    env: AppEnv,
) -> None:
    """The class that shows the sidebar over the list is the sidebar's own: set on the screen,
    it restyled every widget at each Tab to and from the sidebar (a third of such a Tab)."""
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        assert not main.has_class("-wide")
        classes = set(main.classes)
        await pilot.press("tab")  # the reader is not shown: on to the sidebar
        await env.settle(pilot, rounds=1)
        assert main.sidebar.has_focus and main.sidebar.display
        assert sidebar_open(main) and main.sidebar.region.width > 0
        assert set(main.classes) == classes
        await pilot.press("tab")
        await env.settle(pilot, rounds=1)
        assert main.articles.has_focus and not sidebar_open(main)
        assert main.sidebar.region.width == 0 or not main.sidebar.display
        assert set(main.classes) == classes


async def test_opening_an_article_on_a_narrow_screen_leaves_the_screen_classes_alone(
    env: AppEnv,
) -> None:
    """The class that swaps the list for the reader is on the panes' container: on the screen,
    it restyled every widget (sidebar and status bar too) at each Enter and q."""
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        classes = set(main.classes)
        await pilot.press("enter")
        await env.settle(pilot)
        assert main.reader.article is not None and main.pane_layout.reading
        assert main.reader.display and not main.articles.display
        assert set(main.classes) == classes
        await pilot.press("q")
        await env.settle(pilot)
        assert not main.pane_layout.reading and main.articles.display and not main.reader.display
        assert set(main.classes) == classes


async def test_focus_is_on_the_pane_when_the_move_returns(env: AppEnv) -> None:
    """Focus moves in the same turn as the key, not a turn of the event loop later: the frame
    drawn next shows it, and on a narrow screen's Enter its repaint of the reader is part of
    the frame that draws the article, not a second drawing after it."""
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        for pane in ("reader", "sidebar", "articles"):
            main.panes.focus(pane)
            assert app.focused is main.query_one(f"#{pane}")
            await env.settle(pilot, rounds=1)
