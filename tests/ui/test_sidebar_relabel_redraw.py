"""Reading an article changes four counts in the sidebar (all, unread, its feed, its category);
only those lines are drawn again. Textual's Tree, the sidebar before, redrew every visible line
under a node whose label changed, so each article read redrew a whole category of feeds: the
whole sidebar, with a hundred feeds in a category (issue 10, per-key work of Enter and `n`)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import Input

from newsreader_tui.core.models import FeedStatus
from newsreader_tui.core.views import CategoryCounts, SidebarData, View
from newsreader_tui.i18n import VI
from newsreader_tui.ui.widgets import sidebar as sidebar_module
from newsreader_tui.ui.widgets import sidebar_rows
from newsreader_tui.ui.widgets.sidebar import Sidebar
from newsreader_tui.ui.widgets.sidebar_rows import Line, Palette
from support.sidebar import feed_status

FEEDS = 30


def feed(number: int) -> FeedStatus:
    return feed_status(
        f"http://a.test/{number}", f"Tin huyện {number}", unread=5, category="Tin địa phương"
    )


DATA = SidebarData(
    smart={"all": 5 * FEEDS, "unread": 5 * FEEDS, "today": 0, "starred": 0},
    categories=(CategoryCounts("Tin địa phương", 5 * FEEDS, tuple(map(feed, range(FEEDS)))),),
)


class CountingSidebar(Sidebar):
    def __init__(self) -> None:
        self.drawn: list[str] = []
        super().__init__(labels=VI, id="sidebar")

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        self.drawn.append(strip.text.rstrip())
        return strip


class SidebarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CountingSidebar()


async def test_a_read_article_redraws_only_the_lines_whose_count_changed() -> None:
    app = SidebarApp()
    async with app.run_test(size=(40, 50)) as pilot:
        sidebar = app.query_one(CountingSidebar)
        sidebar.update_data(DATA)
        await pilot.pause()
        await pilot.pause()
        assert len(sidebar.drawn) > FEEDS  # every line drawn once
        sidebar.drawn.clear()

        sidebar.adjust("http://a.test/7", unread=-1, today=False)
        await pilot.pause()
        await pilot.pause()

        drawn = sorted(sidebar.drawn)
        assert len(drawn) == 4, drawn  # all, unread, the category, the feed
        assert any(line.startswith("├ Tin huyện 7 ") and line.endswith(" 4") for line in drawn)
        category = f" {5 * FEEDS - 1}"
        assert any("Tin địa phương" in line and line.endswith(category) for line in drawn)
        assert sidebar.label_text(View("feed", "http://a.test/7")).endswith(" 4")


class TwoPaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CountingSidebar()
        yield Input()


async def test_a_focus_move_draws_each_line_once_and_back_from_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Focus changes the sidebar's tint and cursor colours, so every line is drawn again, but
    once, and a strip already made for that look is taken from the cache (Tab and back)."""
    made: list[int] = []

    def counting(line: Line, palette: Palette) -> Strip:
        made.append(line.row.depth)
        return sidebar_rows.render_line(line, palette)

    monkeypatch.setattr(sidebar_module, "render_line", counting)
    app = TwoPaneApp()
    async with app.run_test(size=(40, 20)) as pilot:
        sidebar = app.query_one(CountingSidebar)
        sidebar.update_data(DATA)
        await pilot.pause()
        height = sidebar.scrollable_content_region.height
        rounds = []
        for pane in (app.query_one(Input), sidebar) * 3:
            sidebar.drawn.clear()
            made.clear()
            pane.focus()
            await pilot.pause()
            await pilot.pause()
            assert len(sidebar.drawn) == height, sidebar.drawn  # each line once
            rounds.append(len(made))
        # The first moves made strips for both looks; the next ones found them all cached.
        assert rounds[0] == height and rounds[-4:] == [0, 0, 0, 0], rounds
