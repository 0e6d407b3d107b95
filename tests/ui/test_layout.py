"""The reading screen's layout at every size (issue 8, items 1, 3, 6, 12 and 13).

Three panes only when the reader gets `READER_MIN_TEXT` columns; below that one pane at a time,
the list until an article is opened, then the reader; q and Escape step back; the focused pane
is framed in the accent colour.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot

from newsreader_tui.core.views import View
from newsreader_tui.ui.screens.confirm import ConfirmScreen
from newsreader_tui.ui.screens.main_layout import LIST_MIN, READER_MIN_TEXT, THREE_PANES

if TYPE_CHECKING:
    from conftest import AppEnv

SIZES = [(60, 20), (80, 24), (100, 30), (110, 30), (120, 36), (145, 40), (160, 48), (200, 60)]
CATEGORY = "Kinh tế - Xã hội"


async def choose_in_sidebar(pilot: Pilot[Any], view: View) -> None:
    """Focus the sidebar (Shift+Tab from the list), move onto `view` and press Enter."""
    main = pilot.app.main_screen
    await pilot.press("shift+tab")
    await pilot.pause()
    assert main.sidebar.has_focus
    for _ in range(40):
        if main.sidebar.cursor_view == view:
            break
        await pilot.press("down")
    await pilot.press("enter")


async def test_three_panes_only_when_the_reader_gets_sixty_columns(env: AppEnv) -> None:
    """At 101-150 columns the reader was 10 columns wide (one letter a line at 101)."""
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        for width, height in [*SIZES, (THREE_PANES - 1, 40), (THREE_PANES, 40)]:
            await pilot.resize_terminal(width, height)
            await env.settle(pilot, rounds=1)
            wide = width >= THREE_PANES
            assert main.has_class("-wide") is wide, width
            assert main.has_class("-narrow") is not wide, width
            if wide:
                assert main.reader.scrollable_content_region.width >= READER_MIN_TEXT, width
                assert main.articles.region.width >= LIST_MIN, width
                assert main.sidebar.region.right <= main.articles.region.x
                assert main.articles.region.right <= main.reader.region.x <= width
            else:
                assert main.articles.region.width == width  # the whole screen
                assert not main.reader.display


async def test_rows_at_sixty_columns_keep_their_dates_whole(env: AppEnv) -> None:
    """At 60x20 the list kept its 66-column minimum and its rows read "19/11 1"."""
    app = env.app()
    async with app.run_test(size=(60, 20)) as pilot:
        await env.settle(pilot)
        lines = [strip.text for strip in app.screen._compositor.render_strips()[:19]]
        assert all(len(line) == 60 for line in lines)
        assert all(re.search(r" \d\d/\d\d( \d\d:\d\d|/\d{4}) .$", line) for line in lines)
        assert "20/11 10:00" in lines[0]


async def test_narrow_list_then_reader_fill_the_screen_and_q_goes_back(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        assert main.articles.region.height == 23  # all rows but the status bar's
        row = main.articles.highlighted_row
        assert row is not None
        await pilot.press("enter")
        await env.settle(pilot)
        assert main.reader.article is not None and main.reader.article.id == row.id
        assert not main.articles.display
        assert main.reader.region == main.articles.parent.region  # type: ignore[union-attr]
        assert app.focused is main.reader
        assert row.title in env.screen_text(app)
        await pilot.press("q")  # leaves the article, not the app
        await env.settle(pilot)
        assert app.is_running and app.return_code is None
        assert main.articles.display and not main.reader.display
        assert app.focused is main.articles
        assert main.reader.article is None
        highlighted = main.articles.highlighted_row
        assert highlighted is not None and highlighted.id == row.id  # where the reading left off
        await pilot.press("q")  # on the list, nothing open: quit
        await pilot.pause()
        assert app.return_code == 0


async def test_q_in_three_panes_closes_the_article_before_quitting(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("enter", "tab")  # open the first article, go to the reader
        await env.settle(pilot)
        assert main.reader.article is not None and app.focused is main.reader
        await pilot.press("q")
        await env.settle(pilot)
        assert app.return_code is None
        assert main.reader.article is None and app.focused is main.articles
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_q_returns_from_a_maximised_reader_to_the_list(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("enter", "z")
        await env.settle(pilot)
        assert main.maximized is main.reader
        await pilot.press("q")
        await env.settle(pilot)
        assert app.return_code is None
        assert main.maximized is None and main.reader.article is None
        assert app.focused is main.articles


async def test_q_closes_a_dialog(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await env.settle(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("q")
        await env.settle(pilot)
        assert app.return_code is None
        assert app.screen is app.main_screen
        assert app.main_screen.articles.count == 66  # answered no


async def test_z_with_nothing_open_says_so(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("z")
        await env.settle(pilot)
        assert main.maximized is None
        assert any("Chưa mở bài nào" in n.message for n in app._notifications)


async def test_enter_on_a_sidebar_view_focuses_the_list_at_every_width(env: AppEnv) -> None:
    for size in [(80, 24), (160, 48)]:
        app = env.app()
        async with app.run_test(size=size) as pilot:
            main = app.main_screen
            await env.settle(pilot)
            await choose_in_sidebar(pilot, View("category", CATEGORY))
            await env.settle(pilot)
            assert main.view == View("category", CATEGORY), size
            assert app.focused is main.articles, size
            assert not main.sidebar.has_class("-sidebar-open"), size
        env.close()


async def test_choosing_a_view_while_reading_on_a_narrow_screen_shows_its_list(
    env: AppEnv,
) -> None:
    app = env.app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert app.focused is main.reader
        await pilot.press("tab")  # the list is hidden: Tab goes to the sidebar
        await pilot.pause()
        assert main.sidebar.has_focus
        for _ in range(40):
            if main.sidebar.cursor_view == View("category", CATEGORY):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await env.settle(pilot)
        assert main.view == View("category", CATEGORY)
        assert main.articles.display and app.focused is main.articles


async def test_the_focused_pane_is_framed_in_the_accent_colour(env: AppEnv) -> None:
    """After Tab the only sign was the list cursor going from blue to dark teal."""
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        panes = {"sidebar": main.sidebar, "articles": main.articles, "reader": main.reader}
        for expected in ("articles", "reader", "sidebar", "articles"):
            kinds = {name: pane.styles.border_top[0] for name, pane in panes.items()}
            assert kinds == {name: "heavy" if name == expected else "round" for name in panes}
            colors = {pane.styles.border_top[1] for pane in panes.values()}
            assert len(colors) == 2  # the focused one stands out
            assert panes[expected].border_title  # each pane says what it is
            await pilot.press("tab")
            await pilot.pause()


async def test_narrowing_the_terminal_while_reading_keeps_focus_on_what_shows(
    env: AppEnv,
) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert app.focused is main.articles
        await pilot.resize_terminal(100, 30)
        await env.settle(pilot)
        assert main.reader.display and not main.articles.display
        assert app.focused is main.reader
        await pilot.press("escape")  # Escape steps back like q, but never quits
        await env.settle(pilot)
        assert app.focused is main.articles and main.reader.article is None
        await pilot.press("escape")
        await env.settle(pilot)
        assert app.return_code is None
