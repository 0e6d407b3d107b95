"""Per-key UI work and search latency over 50,000 articles. Prints numbers only.

Run with `python benchmarks/bench_keys.py` (a few minutes the first time: it refreshes 1000
feeds x 50 items from the benchmark feed server into a cache; `--keep DIR` keeps it, and is the
same directory bench_startup.py's `--keep` uses). Then:

- per key, in the app driven by Pilot at 160x48 (headless: Textual still lays out and renders
  every frame, it only skips writing it): the time from the key press to the last frame drawn
  because of it (Textual's `post_display_hook`, once nothing more is drawn for QUIET seconds,
  thread workers included), and the CPU time the UI thread spent in that interval. Keys: j, k, n
  (next unread), Enter (open the highlighted article), Tab (next pane), and "x", bound to
  nothing, as the harness's own floor;
- search: what showing a search view costs (`ViewQueries.count` + the first page, as the
  screen's worker does; a fresh query each time, so nothing is answered from memory), what the
  command line's `search` costs (`Store.search`, 50 hits with snippets), and in the app, from
  submitting a query to its results drawn; median of every query, several times each.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_startup import build

from newsreader_tui.cli import open_store
from newsreader_tui.core.config import load_config
from newsreader_tui.core.service import Service
from newsreader_tui.core.views import View, ViewQueries
from newsreader_tui.ui.app import make_app
from newsreader_tui.ui.screens.main_views import load_rows

QUIET = 0.15
PRESSES = 30
KEYS = ("x", "j", "k", "n", "enter", "tab")
QUERIES = (
    "thủ tướng",
    "thu tuong",
    "kinh tế",
    "đồng bằng sông cửu long",
    "xuat khau thuy san",
    "ngân hàng",
    "olympic",
    "bão lũ",
    "k",
    "kh",
    "kha",
    "khanh",
    "bai",
    "vốn ưu đãi",
)


def report(label: str, values: list[float]) -> float:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    median = statistics.median(values)
    print(
        f"  {label:<34} median {median * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"
        f"   max {ordered[-1] * 1000:7.2f} ms   n={len(values)}",
        flush=True,
    )
    return median


def bench_queries(service: Service) -> None:
    print("search over the cache (a fresh ViewQueries each time: nothing remembered)")
    view_times, cli_times, counts = [], [], {}
    for _ in range(5):
        for query in QUERIES:
            views = ViewQueries(service.store, service.clock)
            started = time.perf_counter()
            count, _rows, _ = load_rows(views, View("search", query))
            view_times.append(time.perf_counter() - started)
            counts[query] = count
            started = time.perf_counter()
            service.store.search(query, limit=50)
            cli_times.append(time.perf_counter() - started)
    report("search view: count + first page", view_times)
    report("CLI search: 50 hits with snippets", cli_times)
    print("  hits: " + ", ".join(f"{q!r} {n}" for q, n in counts.items()))


class Frames:
    """When the app last drew a frame (monotonic), and the UI thread's CPU clock then."""

    def __init__(self) -> None:
        self.last = 0.0
        self.cpu = 0.0

    def hook(self) -> None:
        self.last = time.perf_counter()
        self.cpu = time.thread_time()


async def settle(app: object, frames: Frames, pilot: object) -> None:
    """Wait until no frame has been drawn for QUIET seconds and no worker is running."""
    while True:
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        if time.perf_counter() - frames.last >= QUIET:
            return
        await asyncio.sleep(QUIET / 3)


async def in_app(service: Service, settings: object) -> None:
    frames = Frames()
    app = make_app(settings, service, refresh_on_start=False)  # type: ignore[arg-type]
    app.post_display_hook = frames.hook  # type: ignore[method-assign]
    async with app.run_test(size=(160, 48)) as pilot:
        main = app.main_screen
        while main.articles.highlighted_row is None:
            await asyncio.sleep(0.01)
        await settle(app, frames, pilot)
        print(
            f"per key at 160x48, view {main.view.key!r} of {main.articles.count:,} articles:"
            " press to the last frame it caused; UI thread CPU in that time"
        )
        for key in KEYS:
            walls, cpus = [], []
            for number in range(PRESSES):
                if key == "enter" and number:
                    await pilot.press("j")  # a new article each time
                    await settle(app, frames, pilot)
                drawn = frames.last
                started, cpu = time.perf_counter(), time.thread_time()
                await pilot.press(key)
                await settle(app, frames, pilot)
                if frames.last > drawn:
                    walls.append(frames.last - started)
                    cpus.append(frames.cpu - cpu)
                else:  # nothing redrawn: the key changed nothing on screen
                    walls.append(0.0)
                    cpus.append(0.0)
            if key in ("enter", "tab"):  # back to the list for the next key
                main.articles.focus()
                await settle(app, frames, pilot)
            label = "x (bound to nothing)" if key == "x" else key
            report(f"{label}: key to screen", walls)
            report(f"{label}: UI thread CPU", cpus)
        print("in the app: submit a search to its results drawn")
        times = []
        for query in QUERIES:
            app.main_screen.views.forget_search()
            started = time.perf_counter()
            main.switch_view(View("search", query))
            await settle(app, frames, pilot)
            times.append(frames.last - started)
        report("search: submit to results drawn", times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1000x50", help="feeds x items of the cache")
    parser.add_argument("--keep", type=Path, help="keep the cache here and reuse it")
    args = parser.parse_args()
    feeds, items = (int(part) for part in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="nrt-keys-") as tmp:
        root = (args.keep or Path(tmp)) / args.size
        bench = build(root, feeds, items)
        settings = load_config(bench.config)
        with open_store(root / "ours") as store:
            service = Service(settings, store)
            print(f"{store.count_articles():,} articles in {len(settings.feeds)} feeds")
            bench_queries(service)
            asyncio.run(in_app(service, settings))


if __name__ == "__main__":
    main()
