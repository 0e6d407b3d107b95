"""The reader restyles only itself when it gains or loses focus (`Reader.watch_has_focus`), not
every widget inside it as Textual does (issue 10: 1.4 ms of Enter on a narrow screen). That is
right only while no CSS rule styles something inside the reader by the reader's focus: these
tests hold the app's CSS to it, and show that the check would see such a rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from textual.dom import DOMNode

from newsreader_tui.ui.app import NewsreaderApp
from newsreader_tui.ui.widgets.reader import Reader

if TYPE_CHECKING:
    from conftest import AppEnv

FOCUS_STYLED_HEADER = "#reader:focus #reader-header { color: red; }"
"""A rule of the kind the shortcut would miss: the header's colour follows the reader's focus."""


def styles_inside(reader: Reader) -> list[tuple[DOMNode, dict[str, Any]]]:
    return [(node, dict(node.styles.get_rules())) for node in reader.walk_children()]


async def focus_round(app: NewsreaderApp, env: AppEnv, pilot: Any) -> list[object]:
    """Move focus into the reader and out again; after each move, whether the widgets inside
    it have the styles a full restyle gives them."""
    main = app.main_screen
    agreed: list[object] = []
    for pane in (main.reader, main.articles, main.reader):
        pane.focus()
        await env.settle(pilot, rounds=1)
        assert pane.has_focus
        now = styles_inside(main.reader)
        app.stylesheet.update(main.reader)  # what Textual's own restyle would have made
        agreed.append(now == styles_inside(main.reader))
    return agreed


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["narrow", "wide"])
async def test_nothing_inside_the_reader_is_styled_by_its_focus(
    env: AppEnv, size: tuple[int, int]
) -> None:
    app = env.app()
    async with app.run_test(size=size) as pilot:
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert app.main_screen.reader.article is not None
        assert await focus_round(app, env, pilot) == [True, True, True]


async def test_a_rule_styled_by_the_readers_focus_would_be_seen(env: AppEnv) -> None:
    app = env.app()
    async with app.run_test(size=(160, 48)) as pilot:
        app.stylesheet.add_source(FOCUS_STYLED_HEADER, read_from=("test", "focus rule"))
        app.stylesheet.reparse()
        app.stylesheet.update(app)
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert False in await focus_round(app, env, pilot)
