"""SVG snapshots of the key screens, over the demo cache with the clock fixed at its "today".

Regenerate after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the SVGs in `__snapshots__/` before committing them. No refresh runs: the URLs the
reader shows carry the fixed port of the server that filled the cache (conftest.CACHE_PORT).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot

from newsreader_tui.core.views import View

if TYPE_CHECKING:
    from conftest import AppEnv

WIDE = (160, 48)
NARROW = (80, 24)
CAPTIONS_CATEGORY = "HĐ Đảng - Đoàn thể"

Steps = Callable[[Pilot[Any]], Awaitable[None]]


def steps(env: AppEnv, *keys: str) -> Steps:
    """Wait for the first screen, press `keys` (letting workers finish after each), wait again."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await env.settle(pilot)
        for key in keys:
            await pilot.press(key)
            await env.settle(pilot, rounds=1)
        await env.settle(pilot)

    return run_before


def test_main_narrow(snap_compare: Any, env: AppEnv) -> None:
    assert snap_compare(env.app(), terminal_size=NARROW, run_before=steps(env))


def test_main_wide(snap_compare: Any, env: AppEnv) -> None:
    assert snap_compare(env.app(), terminal_size=WIDE, run_before=steps(env))


def test_reader_with_captions(snap_compare: Any, env: AppEnv) -> None:
    """The first article of "HĐ Đảng - Đoàn thể", chosen in the sidebar, with its photo caption."""

    async def run_before(pilot: Pilot[Any]) -> None:
        main = pilot.app.main_screen
        await env.settle(pilot)
        await pilot.press("shift+tab")  # list -> sidebar
        target = View("category", CAPTIONS_CATEGORY)
        while main.sidebar.cursor_view != target:
            await pilot.press("down")
        await pilot.press("enter")
        await env.settle(pilot)
        await pilot.press("enter")  # choosing the view focused the list: open its first article
        await env.settle(pilot)
        assert main.reader.article is not None
        assert main.reader.article.category == CAPTIONS_CATEGORY

    assert snap_compare(env.app(), terminal_size=WIDE, run_before=run_before)


def test_search_results(snap_compare: Any, env: AppEnv) -> None:
    keys = ("slash", *"dan van", "enter")
    assert snap_compare(env.app(), terminal_size=WIDE, run_before=steps(env, *keys))


def test_help(snap_compare: Any, env: AppEnv) -> None:
    assert snap_compare(env.app(), terminal_size=NARROW, run_before=steps(env, "question_mark"))
