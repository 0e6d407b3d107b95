"""On a wide screen each pane's frame names it, and the focused pane's name takes the accent
colour, bold, like its frame. That look is set on the title, not by a `:focus` colour rule:
Textual repaints every child of a widget whose colour rules change, so each Tab in or out of
the reader drew the whole open article again (issue 10, per-key work of Tab)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rich.style import Style
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from newsreader_tui.i18n import VI

if TYPE_CHECKING:
    from conftest import AppEnv

PANES = ("sidebar", "articles", "reader")


def title_style(pane: Widget) -> tuple[Style, Style]:
    """The style of the pane's name on its top frame line, and of the frame itself."""
    top = pane.render_lines(Region(0, 0, pane.size.width, 1))[0]
    label = VI[f"pane.{pane.id}"]
    named = [segment for segment in top if label in segment.text]
    assert named, top.text
    return named[0].style or Style(), next(iter(top)).style or Style()


@pytest.fixture
def reader_draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a widget inside the reader rendered its content again."""
    drawn: list[str] = []
    render = Static.render

    def counting(static: Static) -> object:
        if any(node.id == "reader" for node in static.ancestors):
            drawn.append(str(static.id))
        return render(static)

    monkeypatch.setattr(Static, "render", counting)
    return drawn


async def test_the_focused_pane_is_named_in_its_frame_colour(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await env.settle(pilot)
        for key in ("", "tab", "tab", "tab"):
            if key:
                await pilot.press(key)
                await env.settle(pilot)
            for pane_id in PANES:
                pane = main.query_one(f"#{pane_id}")
                name, frame = title_style(pane)
                if pane.has_focus:
                    assert name.bold and name.color == frame.color  # the accent frame's colour
                else:
                    assert not name.bold and name.color != frame.color  # muted text
            assert sum(main.query_one(f"#{p}").has_focus for p in PANES) == 1


async def test_a_theme_change_recolours_the_focused_title(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        await env.settle(pilot)
        articles = app.main_screen.articles
        before, _ = title_style(articles)
        app.theme = "nord" if app.theme != "nord" else "gruvbox"  # another accent colour
        await env.settle(pilot)
        after, frame = title_style(articles)
        assert after.color != before.color
        assert after.bold and after.color == frame.color


async def test_tab_in_and_out_of_the_reader_draws_no_article_again(
    env: AppEnv, reader_draws: list[str]
) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await pilot.press("j", "enter")
        await env.settle(pilot)
        assert main.reader.article is not None and reader_draws  # the article drawn once
        reader_draws.clear()
        for _ in range(3):  # list -> reader -> sidebar -> list
            await pilot.press("tab")
            await env.settle(pilot)
        assert main.articles.has_focus
        assert reader_draws == []
