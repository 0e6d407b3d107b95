"""How fast is the whole app with 50,000 cached articles in 200 feeds? Prints numbers only.

Run with `python benchmarks/bench_app.py` (about a minute on two cores). Measures:
- process start to the first screen with the list filled in (a fresh interpreter, headless);
- switching to a category and showing search results (until the list shows the new view);
- opening an article with Enter and moving the cursor (CPU time of the work per key);
- peak memory of the app process.
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_article_list import CATEGORIES, build, feed_configs

from newsreader_tui.core.config import Settings
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.core.views import View
from newsreader_tui.ui.app import make_app

FIRST_SCREEN = r"""
import asyncio, resource, sys, time
from pathlib import Path
from newsreader_tui.cli import open_store
from newsreader_tui.core.config import Settings
from newsreader_tui.core.service import Service
from newsreader_tui.ui.app import make_app
sys.path.insert(0, {bench!r})
from bench_article_list import feed_configs

async def main():
    settings = Settings(feeds=feed_configs())
    service = Service(settings, open_store(Path({data!r})))
    app = make_app(settings, service, refresh_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        while not (app.main_screen.articles.count and app.main_screen.articles.highlighted_row):
            await asyncio.sleep(0.002)
        print("READY", time.time(), flush=True)
        await pilot.pause()
    print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)

asyncio.run(main())
"""


def first_screen(data_dir: Path) -> tuple[float, float]:
    """Seconds from spawning the interpreter to a filled list, and the child's peak RSS (MB)."""
    script = FIRST_SCREEN.format(bench=str(Path(__file__).parent), data=str(data_dir))
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    ready = rss = 0.0
    for line in result.stdout.splitlines():
        if line.startswith("READY"):
            ready = float(line.split()[1])
        elif line.startswith("RSS"):
            rss = float(line.split()[1])
    return ready - started, rss


async def wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.001)


async def in_app(service: Service, settings: Settings) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {
        "category": [], "search": [], "open": [], "open_ui": [], "move": [], "move_ui": []
    }  # fmt: skip
    app = make_app(settings, service, refresh_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        await wait_for(lambda: main.articles.highlighted_row is not None)
        views = [View("category", c) for c in CATEGORIES] + [View("all"), View("unread")]
        views += [View("search", q) for q in ("khanh", "nong", "xuat")]
        for view in views:
            started = time.perf_counter()
            main.switch_view(view)
            await wait_for(
                lambda view=view: (
                    main.view == view
                    and (main.articles.highlighted_row is not None or main.articles.count == 0)
                )
            )
            results["search" if view.kind == "search" else "category"].append(
                time.perf_counter() - started
            )
            if main.articles.count == 0:
                print(f"  (no articles in {view.key})")
            await pilot.pause()
        main.switch_view(View("all"))
        await wait_for(lambda: main.view == View("all"))
        for _ in range(30):
            row = main.articles.highlighted_row
            assert row is not None
            cpu, ui = time.process_time(), time.thread_time()
            await pilot.press("enter")
            await wait_for(lambda row=row: main.reader.article is not None
                           and main.reader.article.id == row.id)  # fmt: skip
            await pilot.pause()
            results["open"].append(time.process_time() - cpu)
            results["open_ui"].append(time.thread_time() - ui)
            cpu, ui = time.process_time(), time.thread_time()
            await pilot.press("j")
            results["move"].append(time.process_time() - cpu)
            results["move_ui"].append(time.thread_time() - ui)
    return results


def report(name: str, values: list[float]) -> None:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    print(
        f"  {name:<28} median {statistics.median(values) * 1000:7.1f} ms"
        f"   p95 {p95 * 1000:7.1f} ms   n={len(values)}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nrt-bench-") as tmp:
        data = Path(tmp)
        print("building 50,000 articles in 200 feeds ...", flush=True)
        service, seconds = build(data / "cache.sqlite3")
        service.store.close()
        print(f"  built in {seconds:.1f} s, {os.path.getsize(data / 'cache.sqlite3') >> 20} MB")

        print("process start -> first screen with the list filled (headless, 160x48):")
        runs = [first_screen(data) for _ in range(3)]
        for index, (elapsed, rss) in enumerate(runs, 1):
            print(f"  run {index}: {elapsed * 1000:7.0f} ms   peak memory {rss:5.0f} MB")

        settings = Settings(feeds=feed_configs())
        service = Service(settings, Store.open(data / "cache.sqlite3"))
        results = asyncio.run(in_app(service, settings))
        service.store.close()
        print("inside the app (160x48):")
        report("switch category / all", results["category"])
        report("show search results", results["search"])
        report("open article, UI thread CPU", results["open_ui"])
        report("open article, all threads", results["open"])
        report("move cursor j, UI thread CPU", results["move_ui"])
        report("move cursor j, all threads", results["move"])
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory of this process (includes the build): {rss:.0f} MB")


if __name__ == "__main__":
    main()
