#!/usr/bin/env python3
"""Write the README's screenshots (`screenshots/*.svg`) from the demo feeds.

Run it after a change to what the app shows:

    python scripts/make_screenshots.py              # rewrite screenshots/
    python scripts/make_screenshots.py --out DIR    # write somewhere else

The output is deterministic, so an unchanged app gives the same bytes: the feeds are fetched one
at a time into a throwaway cache (`build_demo_cache`) from the in-process demo at a fixed URL
(the reader shows article URLs, which carry its port; nothing binds it), before any app opens;
the clock is fixed at the demo's "today" (2026-11-20 12:00 +07:00), and every scene starts from
a fresh copy of that cache. Each app runs headless (`App.run_test`) at the scene's size and
never refreshes.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from newsreader_tui.core.config import Settings
from newsreader_tui.core.views import View
from newsreader_tui.demo import demo_feeds
from newsreader_tui.demo.cache import build_demo_cache, demo_service, fixed_clock
from newsreader_tui.demo.transport import IN_PROCESS_BASE_URL, DemoTransport
from newsreader_tui.ui.app import NewsreaderApp, make_app

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
PORT = int(IN_PROCESS_BASE_URL.rsplit(":", 1)[1])
"""The in-process demo's port, shown in the reader's article URL."""
CAPTIONS_CATEGORY = "HĐ Đảng - Đoàn thể"

Steps = Callable[[Pilot[Any]], Awaitable[None]]


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
        if app.main_screen.sidebar.cursor_view == target:
            break
        await pilot.press("down")
    else:
        raise RuntimeError(f"category {CAPTIONS_CATEGORY!r} not found in the sidebar")
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")  # choosing the view focused the list


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
    Scene("reader-80x24", (80, 24), press("enter"), pictures=True),
    Scene("main-160x48", (160, 48)),
    Scene("reader-captions-160x48", (160, 48), open_captions_article, pictures=True),
    Scene("search-160x48", (160, 48), press("slash", *"dan van", "enter")),
    Scene("help-80x24", (80, 24), press("question_mark")),
)


def fill_cache(data_dir: Path, port: int) -> Settings:
    """Fetch every demo feed into a new cache in `data_dir`; the settings that point at them."""
    transport = DemoTransport(f"http://127.0.0.1:{port}")
    settings = Settings.flat(feeds=demo_feeds(transport.base_url), retries=0, language="vi")
    build_demo_cache(data_dir, settings, transport=transport)
    return settings


async def shoot(scene: Scene, settings: Settings, data_dir: Path) -> str:
    """The SVG of one scene, over its own copy of the data dir."""
    service = demo_service(settings, data_dir)
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
    parser.add_argument(
        "--port", type=int, default=PORT, help="port in the article URLs; never bound (%(default)s)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nrt-shots-") as tmp:
        template = Path(tmp) / "template"
        settings = fill_cache(template, args.port)
        for scene in SCENES:
            # The whole data dir: the cache and the pictures downloaded with it.
            shutil.copytree(template, Path(tmp) / scene.name)
            svg = asyncio.run(shoot(scene, settings, Path(tmp) / scene.name))
            path = args.out / f"{scene.name}.svg"
            path.write_text(svg, encoding="utf-8")
            print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
