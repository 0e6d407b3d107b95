#!/usr/bin/env python3
"""Write the README's screenshots (`screenshots/*.svg`) from the demo feeds.

Run it after a change to what the app shows:

    python scripts/make_screenshots.py              # rewrite screenshots/
    python scripts/make_screenshots.py --out DIR    # write somewhere else

The output is deterministic, so an unchanged app gives the same bytes: the demo server binds a
fixed port (the reader shows article URLs, which carry it), the feeds are fetched one at a time
into a throwaway cache before any app opens, the clock is fixed at the demo's "today"
(2026-11-20 12:00 +07:00), and every scene starts from a fresh copy of that cache. Each app runs
headless (`App.run_test`) at the scene's size and never refreshes.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from newsreader_tui.core.config import Settings
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.core.views import View
from newsreader_tui.demo import BASE_DATE, DemoServer, demo_feeds
from newsreader_tui.ui.app import NewsreaderApp, make_app

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
PORT = 28731
"""The demo server's port, shown in the reader's article URL."""
BIND_WAIT = 30.0
CACHE_NAME = "cache.sqlite3"
CAPTIONS_CATEGORY = "HĐ Đảng - Đoàn thể"

Steps = Callable[[Pilot[Any]], Awaitable[None]]


def fixed_clock() -> datetime:
    return BASE_DATE


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let the app's workers finish and their results reach the screen."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def press(*keys: str) -> Steps:
    """A scene that presses `keys`, letting the app settle after each."""

    async def steps(pilot: Pilot[Any]) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot, rounds=1)

    return steps


async def open_captions_article(pilot: Pilot[Any]) -> None:
    """Choose the "HĐ Đảng - Đoàn thể" category in the sidebar and open its first article."""
    app = pilot.app
    assert isinstance(app, NewsreaderApp)
    await pilot.press("shift+tab")
    target = View("category", CAPTIONS_CATEGORY)
    for _ in range(40):
        node = app.main_screen.sidebar.cursor_node
        if node is not None and node.data == target:
            break
        await pilot.press("down")
    else:
        raise RuntimeError(f"category {CAPTIONS_CATEGORY!r} not found in the sidebar")
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("tab", "enter")


@dataclass(frozen=True)
class Scene:
    name: str
    size: tuple[int, int]
    steps: Steps | None = None
    """What to do once the app has opened; None shows the first screen."""
    pictures: bool = False
    """Draw article pictures (as half-block cells, which an SVG can show)."""


SCENES: tuple[Scene, ...] = (
    Scene("main-80x24", (80, 24)),
    Scene("main-160x48", (160, 48)),
    Scene("reader-captions-160x48", (160, 48), open_captions_article, pictures=True),
    Scene("search-160x48", (160, 48), press("slash", *"dan van", "enter")),
    Scene("help-80x24", (80, 24), press("question_mark")),
)


def start_server(port: int) -> DemoServer:
    """The demo server on `port`, waiting a while if another run holds it."""
    deadline = time.monotonic() + BIND_WAIT
    while True:
        try:
            return DemoServer(port=port).start()
        except OSError as error:
            if error.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def fill_cache(path: Path, port: int) -> Settings:
    """Fetch every demo feed into a new cache at `path`; the settings that point at them."""
    with start_server(port) as server:
        settings = Settings.flat(feeds=demo_feeds(server.base_url), retries=0, language="vi")
        service = Service(settings, Store.open(path), clock=fixed_clock)
        try:
            for feed in service.feeds:  # one at a time: the same article ids on every run
                outcomes = asyncio.run(service.refresh([feed]))
                failed = [outcome for outcome in outcomes if not outcome.ok]
                if failed:
                    raise RuntimeError(f"demo feed failed: {failed}")
        finally:
            service.store.close()
    return settings


async def shoot(scene: Scene, settings: Settings, cache: Path) -> str:
    """The SVG of one scene, over its own copy of the cache."""
    service = Service(settings, Store.open(cache), clock=fixed_clock)
    try:
        picture_widget = None
        if scene.pictures:
            from textual_image.widget import HalfcellImage

            picture_widget = HalfcellImage
        app = make_app(
            settings,
            service,
            refresh_on_start=False,
            clock=fixed_clock,
            picture_widget=picture_widget,
        )
        async with app.run_test(size=scene.size) as pilot:
            await settle(pilot)
            if scene.steps is not None:
                await scene.steps(pilot)
                await settle(pilot)
            return app.export_screenshot(title="newsreader-tui")
    finally:
        service.store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the SVGs (%(default)s)")
    parser.add_argument("--port", type=int, default=PORT, help="demo server port (%(default)s)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nrt-shots-") as tmp:
        template = Path(tmp) / "template" / CACHE_NAME
        settings = fill_cache(template, args.port)
        for scene in SCENES:
            # The whole data dir: the cache and the pictures downloaded with it.
            shutil.copytree(template.parent, Path(tmp) / scene.name)
            cache = Path(tmp) / scene.name / CACHE_NAME
            svg = asyncio.run(shoot(scene, settings, cache))
            path = args.out / f"{scene.name}.svg"
            path.write_text(svg, encoding="utf-8")
            print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
