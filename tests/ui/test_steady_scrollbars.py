"""The sidebar's and the article list's scroll bars are drawn again only when what they show
changed. Textual's ScrollView redrew both whole bars at every layout of the screen, because it
compares the layout's size with the view's own (all its rows): opening an article in the reader
redrew 90 rows of bars at 160x48, a third of the key's work (issue 10). They must still follow
every real change: more rows, another terminal size, scrolling, another theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widgets import Static

from newsreader_tui.ui.widgets.steady_scroll import SteadyScrollView

if TYPE_CHECKING:
    from conftest import AppEnv


@pytest.fixture
def bar_draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of the widget whose scroll bar was drawn, once per drawing."""
    drawn: list[str] = []
    render = ScrollBar.render

    def counting(bar: ScrollBar) -> object:
        assert bar.parent is not None
        drawn.append(str(bar.parent.id))
        return render(bar)

    monkeypatch.setattr(ScrollBar, "render", counting)
    return drawn


class Rows(SteadyScrollView):
    DEFAULT_CSS = "Rows { width: 1fr; height: 1fr; scrollbar-size-vertical: 1; }"

    def __init__(self, rows: int) -> None:
        super().__init__(id="rows")
        self.rows = rows

    def on_mount(self) -> None:
        self.virtual_size = Size(20, self.rows)

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class PlainRows(Rows, ScrollView):
    """Textual's own behaviour, to show the test would catch its return."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return ScrollView._size_updated(self, size, virtual_size, container_size, layout)


class RowsApp(App[None]):
    def __init__(self, rows: type[Rows] = Rows) -> None:
        super().__init__()
        self.rows_class = rows

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self.rows_class(500)
            yield Static("Tin mới", id="beside")


def bar_text(view: Rows) -> list[str]:
    """The bar as drawn now, thumb and track told apart by their style."""
    bar = view.vertical_scrollbar
    lines = bar.render_lines(Region(0, 0, *bar.size))
    return [f"{strip.text}{[segment.style for segment in strip]}" for strip in lines]


def fresh_bar_text(view: Rows) -> list[str]:
    view.vertical_scrollbar.refresh()
    return bar_text(view)


async def test_a_layout_elsewhere_does_not_draw_the_bar_again(bar_draws: list[str]) -> None:
    app = RowsApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "rows" in bar_draws
        bar_draws.clear()
        for height in (3, 7, 1):
            app.query_one("#beside", Static).update("Toàn cảnh hội nghị\n" * height)
            await pilot.pause()
            await pilot.pause()
        assert bar_draws == []


async def test_textual_own_view_would_draw_it_each_time(bar_draws: list[str]) -> None:
    app = RowsApp(PlainRows)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        bar_draws.clear()
        app.query_one("#beside", Static).update("Toàn cảnh hội nghị\n" * 3)
        await pilot.pause()
        await pilot.pause()
        assert "rows" in bar_draws


async def bar_states(rows: type[Rows]) -> list[tuple[object, ...]]:
    """The bar after each change, as shown: sizes, thumb position, drawn lines."""
    app = RowsApp(rows)
    states: list[tuple[object, ...]] = []
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(Rows)

        async def changed() -> None:
            await pilot.pause()
            await pilot.pause()
            bar = view.vertical_scrollbar
            shown = bar_text(view) if view.show_vertical_scrollbar else []
            assert shown == (fresh_bar_text(view) if view.show_vertical_scrollbar else [])
            state = (bar.window_virtual_size, bar.window_size, bar.position, shown)
            states.append((view.show_vertical_scrollbar, *state))

        await changed()
        view.virtual_size = Size(20, 60)  # fewer rows
        await changed()
        await pilot.resize_terminal(60, 30)
        await changed()
        view.scroll_to(y=25, animate=False)
        await changed()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await changed()
        app.query_one("#beside", Static).update("Ảnh: Bá Luân\n" * 5)
        await changed()
        view.virtual_size = Size(20, 10)  # they fit: no bar
        await changed()
        view.virtual_size = Size(20, 800)
        await changed()
    return states


async def test_the_bar_follows_rows_size_scrolling_and_theme_as_textual_own() -> None:
    steady = await bar_states(Rows)
    assert steady == await bar_states(PlainRows)
    shown = [state[0] for state in steady]
    assert shown == [True] * 6 + [False, True]
    seen = [str(state[1:]) for state in steady]
    assert seen[5] == seen[4]  # a layout elsewhere changes nothing in the bar
    assert len(set(seen)) == len(seen) - 1  # every other step is seen in it


async def test_opening_an_article_draws_no_scroll_bar(env: AppEnv, bar_draws: list[str]) -> None:
    app = env.app()
    async with app.run_test(size=(160, 24)) as pilot:  # wide: the list stays beside the reader
        main = app.main_screen
        await env.settle(pilot)
        assert main.has_class("-wide")
        assert main.articles.show_vertical_scrollbar  # more articles than rows
        await pilot.press("j", "enter")  # the first article opened restyles the panes once
        await env.settle(pilot)
        assert main.articles.has_focus  # wide: the list keeps the focus
        first = main.reader.article
        bar_draws.clear()
        await pilot.press("j", "enter")
        await env.settle(pilot)
        assert main.reader.article not in (None, first)
        assert "articles" not in bar_draws
        assert "sidebar" not in bar_draws
