"""Per-key UI work and search latency over 50,000 articles. Prints numbers only.

Run with `python benchmarks/bench_keys.py` (a few minutes the first time: it refreshes 1000
feeds x 50 items from the benchmark feed server into a cache; `--keep DIR` keeps it, and is the
same directory bench_startup.py's `--keep` uses). Then:

- per key, in the app driven by Pilot at 160x48 (`--screen 80x24` for a small terminal),
  built as the command line builds it (`settle_heap`), on a copy of the cache (the keys mark
  articles read: the kept cache stays as it was, so every run starts from the same state;
  headless: Textual still lays out and renders every frame, it only skips writing it; frames
  are seen through `post_display_hook`): the time from the key press to the first frame that
  shows its effect (the cursor moved, the article open, the focus moved), to the last frame
  drawn because of it (once nothing more is drawn for QUIET seconds and no worker runs: the
  counts and marks that follow), and the CPU time the UI thread spent till then. Keys: j, k,
  n (next unread), Enter (open the highlighted article; each after j, and on a narrow screen
  after q, the way back to the list a reader takes there), Tab (next pane, from the list), and
  "x", bound to nothing, as the harness's own floor;
- search: what showing a search view costs (`ViewQueries.count` + the first page, as the
  screen's worker does; a fresh query each time, so nothing is answered from memory), what the
  command line's `search` costs (`Store.search`, 50 hits with snippets), and in the app, from
  submitting a query to its results drawn; median of every query, several times each.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
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
    "xuất khẩu thủy sản",
    "ngan hang nha nuoc",
    "sầu riêng",
    "olympic",
    "sạt lở",
    "quảng ninh",
    "cao tốc bắc nam",
    "tham nhũng",
    "đồng bằng sông cửu long",
    "vốn ưu đãi",
    "bóng đá",
    "UNESCO",
)
"""What a reader looks for: each matches a topic, a place or a phrase (a few % of the cache)."""
BROAD = ("tại", "tuy nhiên", "t")
"""Worst cases: words in nearly every article, and one letter (a prefix of hundreds of words)."""


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
    for name, queries in (("", QUERIES), ("broad ", BROAD)):
        view_times, cli_times, counts = [], [], {}
        for _ in range(5):
            for query in queries:
                views = ViewQueries(service.store, service.clock)
                started = time.perf_counter()
                count, _rows, _ = load_rows(views, View("search", query))
                view_times.append(time.perf_counter() - started)
                counts[query] = count
                started = time.perf_counter()
                service.store.search(query, limit=50)
                cli_times.append(time.perf_counter() - started)
        report(f"{name}search view: count + first page", view_times)
        report(f"{name}CLI search: 50 hits + snippets", cli_times)
        print("    results (500 at most): " + ", ".join(f"{q!r} {n}" for q, n in counts.items()))


class Frames:
    """When the app last drew a frame (monotonic), the UI thread's CPU clock then, and when
    it first drew one once `shown()` was true (the key's effect on screen)."""

    def __init__(self) -> None:
        self.last = 0.0
        self.cpu = 0.0
        self.first = 0.0
        self.shown: Callable[[], bool] | None = None

    def hook(self) -> None:
        self.last = time.perf_counter()
        self.cpu = time.thread_time()
        if self.shown is not None and self.shown():
            self.first, self.shown = self.last, None


async def settle(app: object, frames: Frames, pilot: object) -> None:
    """Wait until no frame has been drawn for QUIET seconds and no worker is running."""
    while True:
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        if time.perf_counter() - frames.last >= QUIET:
            return
        await asyncio.sleep(QUIET / 3)


async def in_app(service: Service, settings: object, screen: tuple[int, int]) -> None:
    frames = Frames()
    # As the command line runs it: start-up frozen out of the collector's sight (app.py).
    app = make_app(settings, service, refresh_on_start=False, settle_heap=True)  # type: ignore[arg-type]
    app.post_display_hook = frames.hook  # type: ignore[method-assign]
    async with app.run_test(size=screen) as pilot:
        main = app.main_screen
        while main.articles.highlighted_row is None:
            await asyncio.sleep(0.01)
        await settle(app, frames, pilot)
        print(
            f"per key at {screen[0]}x{screen[1]}, view {main.view.key!r} of"
            f" {main.articles.count:,} articles: press"
            " to the first frame showing its effect, to the last frame it caused (counts, marks),"
            " and the UI thread's CPU time till then"
        )
        effects: dict[str, Callable[[], bool]] = {
            "j": lambda: main.articles.cursor == before["cursor"] + 1,
            "k": lambda: main.articles.cursor == before["cursor"] - 1,
            "n": lambda: (
                main.reader.article is not None and main.reader.article.id != before["article"]
            ),
            "enter": lambda: (
                main.reader.article is not None and main.reader.article.id == before["row"]
            ),
            "tab": lambda: app.focused is not before["focused"],
        }
        for key in KEYS:
            firsts, walls, cpus = [], [], []
            for number in range(PRESSES):
                if key == "enter" and number:
                    if main.pane_layout.narrow:  # q, back to the list the reader covers
                        await pilot.press("q")
                        await settle(app, frames, pilot)
                    await pilot.press("j")  # a new article each time
                    await settle(app, frames, pilot)
                row = main.articles.highlighted_row
                before = {
                    "cursor": main.articles.cursor,
                    "article": main.reader.article.id if main.reader.article else None,
                    "row": row.id if row else None,
                    "focused": app.focused,
                }
                drawn, frames.first = frames.last, 0.0
                frames.shown = effects.get(key)
                started, cpu = time.perf_counter(), time.thread_time()
                await pilot.press(key)
                await settle(app, frames, pilot)
                frames.shown = None
                if frames.last > drawn:
                    walls.append(frames.last - started)
                    cpus.append(frames.cpu - cpu)
                else:  # nothing redrawn: the key changed nothing on screen
                    walls.append(0.0)
                    cpus.append(0.0)
                if frames.first:
                    firsts.append(frames.first - started)
            if main.pane_layout.narrow and main.reader.article is not None:
                main.pane_layout.close_article()  # the list back in view for the next key
            main.articles.focus()
            await settle(app, frames, pilot)
            label = "x (bound to nothing)" if key == "x" else key
            if firsts:
                report(f"{label}: key to its effect drawn", firsts)
            report(f"{label}: key to the last frame", walls)
            report(f"{label}: UI thread CPU till then", cpus)
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
    parser.add_argument("--only", choices=("search", "keys"), help="run one half only")
    parser.add_argument(
        "--screen",
        default="160x48",
        help="terminal size for the per-key half, e.g. 80x24 (one pane at a time there)",
    )
    args = parser.parse_args()
    screen = tuple(int(part) for part in args.screen.lower().split("x"))
    feeds, items = (int(part) for part in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="nrt-keys-") as tmp:
        root = (args.keep or Path(tmp)) / args.size
        bench = build(root, feeds, items)
        settings = load_config(bench.config)
        # The keys mark articles read: they run on a copy, so each run starts from the same
        # cache (the kept one stays as built, and runs of two checkouts compare).
        shutil.copytree(root / "ours", Path(tmp) / "ours-copy")
        with open_store(Path(tmp) / "ours-copy") as store:
            service = Service(settings, store)
            print(f"{store.count_articles():,} articles in {len(settings.feeds)} feeds")
            if args.only != "keys":
                bench_queries(service)
            if args.only != "search":
                asyncio.run(in_app(service, settings, screen))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
