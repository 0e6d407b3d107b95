"""SVG snapshots of the layout at the sizes issue 8 names: the list, and an open article.

Below `main_layout.THREE_PANES` columns (154) one pane fills the screen: the list, then the
reader once Enter opens an article. From there on, three framed panes. Regenerate after an
intended change with `pytest tests/ui/test_snapshots_layout.py --snapshot-update` and look at
the SVGs in `__snapshots__/test_snapshots_layout/` before committing them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from textual.pilot import Pilot

if TYPE_CHECKING:
    from conftest import AppEnv

SIZES = [(60, 20), (80, 24), (100, 30), (110, 30), (120, 36), (145, 40), (160, 48), (200, 60)]
IDS = [f"{width}x{height}" for width, height in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_list(snap_compare: Any, env: AppEnv, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await env.settle(pilot)

    assert snap_compare(env.app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_open_article(snap_compare: Any, env: AppEnv, size: tuple[int, int]) -> None:
    """The first unread article, opened with Enter. It stays unread (no mark-read delay runs
    out), so the list's mark and the reader header's agree."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await env.settle(pilot)
        await pilot.press("enter")
        await env.settle(pilot)
        assert pilot.app.main_screen.reader.article is not None

    app = env.app(env.settings(mark_read_delay=3600.0))
    assert snap_compare(app, terminal_size=size, run_before=run_before)
