"""How fast does the demo start? Prints numbers only.

Run with `python benchmarks/bench_demo.py` (about half a minute). Each figure is the median of
RUNS fresh interpreters:
- building the served files from manifest.toml and articles/*.toml (import and build);
- `newsreader-tui --demo list`, start to exit (server, refresh of every feed, output);
- the `--demo` app: process start to its first screen, and to the list holding every article
  (what `newsreader-tui --demo` does, headless at 160x48);
- the app over a cache filled beforehand by `build_demo_cache()`: start to a filled list.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsreader_tui.demo import DEMO_FEEDS
from newsreader_tui.demo.cache import build_demo_cache

RUNS = 7
TOTAL = sum(feed.articles for feed in DEMO_FEEDS)

BUILD = r"""
import time
from newsreader_tui.demo.routes import built_files
started = time.perf_counter()
built_files()
print("TOOK", time.perf_counter() - started)
"""

DEMO_APP = r"""
import asyncio, tempfile, time
from pathlib import Path
from newsreader_tui.cli import open_store
from newsreader_tui.core.service import Service
from newsreader_tui.core.config import Settings
from newsreader_tui.demo import DemoServer, demo_feeds
from newsreader_tui.ui.app import make_app

async def main():
    with DemoServer() as server, tempfile.TemporaryDirectory() as data:
        settings = Settings.flat(feeds=demo_feeds(server.base_url), retries=0)
        service = Service(settings, open_store(Path(data)))
        app = make_app(settings, service, refresh_on_start=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            print("FIRST", time.time(), flush=True)
            while app.main_screen.articles.count < {total}:
                await asyncio.sleep(0.002)
            print("READY", time.time(), flush=True)
        service.store.close()

asyncio.run(main())
"""

CACHED_APP = r"""
import asyncio, time
from pathlib import Path
from newsreader_tui.cli import open_store
from newsreader_tui.core.service import Service
from newsreader_tui.core.config import Settings
from newsreader_tui.demo import demo_feeds
from newsreader_tui.demo.transport import IN_PROCESS_BASE_URL
from newsreader_tui.ui.app import make_app

async def main():
    settings = Settings(feeds=demo_feeds(IN_PROCESS_BASE_URL))
    service = Service(settings, open_store(Path({data!r})))
    app = make_app(settings, service, refresh_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        articles = app.main_screen.articles
        while articles.count < {total} or articles.highlighted_row is None:
            await asyncio.sleep(0.002)
        print("READY", time.time(), flush=True)
        await pilot.pause()
    service.store.close()

asyncio.run(main())
"""


def child(argv: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Seconds from spawning to exit, and what the child printed: TOOK as it is, the FIRST and
    READY timestamps as seconds after spawning."""
    started = time.time()
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{argv[-1][:200]!r} failed:\n{result.stderr}")
    elapsed = time.time() - started
    marks = {}
    for line in result.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name == "TOOK":
            marks[name] = float(value)
        elif name in ("FIRST", "READY"):
            marks[name] = float(value) - started
    return elapsed, marks


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms   (min {min(values) * 1000:.0f})"


def main() -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="nrt-bench-demo-") as tmp:
        env = {
            **os.environ,
            "NEWSREADER_TUI_CONFIG": str(Path(tmp) / "no-config.toml"),
            "NEWSREADER_TUI_DATA_DIR": str(Path(tmp) / "data"),
            "NEWSREADER_TUI_DEMO_PORT": "0",  # any free port: never disturb a running demo
        }
        builds = [child([python, "-c", BUILD], env)[1]["TOOK"] for _ in range(RUNS)]
        print(f"build the served files (in-process)   {median_ms(builds)}")

        lists = [
            child([python, "-m", "newsreader_tui", "--demo", "list", "--limit", "1"], env)[0]
            for _ in range(RUNS)
        ]
        print(f"newsreader-tui --demo list            {median_ms(lists)}")

        script = DEMO_APP.replace("{total}", str(TOTAL))
        runs = [child([python, "-c", script], env)[1] for _ in range(RUNS)]
        print(f"--demo app: first screen              {median_ms([r['FIRST'] for r in runs])}")
        print(f"--demo app: every article listed      {median_ms([r['READY'] for r in runs])}")

        data = Path(tmp) / "cache"
        started = time.perf_counter()
        build_demo_cache(data)
        print(f"build_demo_cache (in this process)    {median_ms([time.perf_counter() - started])}")
        script = CACHED_APP.replace("{data!r}", repr(str(data))).replace("{total}", str(TOTAL))
        runs = [child([python, "-c", script], env)[1] for _ in range(RUNS)]
        print(f"app over that cache: filled list      {median_ms([r['READY'] for r in runs])}")


if __name__ == "__main__":
    main()
