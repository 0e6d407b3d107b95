"""SVG snapshots of search (issue 11) at 80x24: the results with their snippet lines and marked
words, the reader on a result with the words marked, and the prompt offering a category scope."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot

from newsreader_tui.core.views import View

if TYPE_CHECKING:
    from conftest import AppEnv

NARROW = (80, 24)


def test_search_results_narrow(snap_compare: Any, env: AppEnv) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await env.settle(pilot)
        for key in ("slash", *"Dân vận", "enter"):
            await pilot.press(key)
        await env.settle(pilot)

    assert snap_compare(env.app(), terminal_size=NARROW, run_before=run_before)


def test_search_reader_narrow(snap_compare: Any, env: AppEnv) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await env.settle(pilot)
        for key in ("slash", *"Dân vận", "enter"):
            await pilot.press(key)
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)

    assert snap_compare(env.app(), terminal_size=NARROW, run_before=run_before)


def test_search_prompt_with_scope_narrow(snap_compare: Any, env: AppEnv) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await env.settle(pilot)
        pilot.app.main_screen.switch_view(View("category", "Kinh tế - Xã hội"))
        await env.settle(pilot)
        await pilot.press("slash", "tab", *"gia")
        await pilot.pause()

    assert snap_compare(env.app(), terminal_size=NARROW, run_before=run_before)
