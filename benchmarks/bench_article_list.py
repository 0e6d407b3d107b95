"""How fast is the article list with 50,000 articles? Prints timings; asserts nothing.

Run with `python benchmarks/bench_article_list.py` (about a minute on two cores). It builds a
throwaway SQLite cache through the real `Store`, times the queries behind the list, then drives a
headless app at 160x48 and times key presses.
"""

from __future__ import annotations

import asyncio
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from textual.app import App, ComposeResult

from newsreader_tui.core.config import Settings
from newsreader_tui.core.models import ArticleRow, FeedConfig, NewArticle
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.core.views import View, ViewQueries
from newsreader_tui.ui.widgets.article_list import ArticleList

T = TypeVar("T")

FEEDS = 200
PER_FEED = 250  # 200 x 250 = 50,000 articles
CATEGORIES = ("Thời sự", "Kinh tế", "Thể thao", "Văn hóa", "Giáo dục")
NOW = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
SENTENCE = (
    "Khánh thành cầu Sông Xanh hội nghị xúc tiến đầu tư nông dân thu hoạch lúa mùa được giá "
    "xuất khẩu dệt may tăng tốc dịp cuối năm học sinh đạt giải nhất cuộc thi khoa học kỹ thuật"
)
WORDS = SENTENCE.split()
KEY_PRESSES = (("x", 50), ("j", 200), ("pagedown", 50))
"""Key, presses. "x" is bound to nothing: its time is the harness's own floor (Pilot waits for
the screen and for idle), to subtract from the others."""


def feed_configs() -> tuple[FeedConfig, ...]:
    return tuple(
        FeedConfig(
            url=f"https://bao{n}.example.vn/rss",
            title=f"Báo điện tử số {n}",
            category=CATEGORIES[n % len(CATEGORIES)],
        )
        for n in range(FEEDS)
    )


def articles_for(feed: int) -> list[NewArticle]:
    items = []
    for i in range(PER_FEED):
        n = feed * PER_FEED + i
        title = " ".join(WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(9)).capitalize()
        body = f"<p>{title}. Bài số {n} của nguồn {feed}.</p>"
        items.append(
            NewArticle(
                key=f"{feed}-{i}",
                title=f"{title} ({n})",
                url=f"https://bao{feed}.example.vn/{i}.html",
                guid=None,
                published=NOW - timedelta(minutes=n * 7 % 500_000),
                updated=None,
                summary=title,
                content=body,
                author="",
                categories=(),
                image=None,
                content_hash=hashlib.sha256(body.encode()).hexdigest(),
            )
        )
    return items


def build(path: Path) -> tuple[Service, float]:
    """A service over a new cache of FEEDS x PER_FEED articles; returns it and build seconds."""
    started = time.perf_counter()
    settings = Settings(feeds=feed_configs())
    store = Store.open(path)
    service = Service(settings, store, clock=lambda: NOW)
    for number, feed in enumerate(settings.feeds):
        store.upsert_articles(feed.url, articles_for(number), NOW)
    # A realistic mix: a third read, a few starred.
    ids = [row.id for row in store.rows(limit=None)]
    store.mark(ids[::3], read=True, now=NOW)
    store.mark(ids[::50], starred=True, now=NOW)
    return service, time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def timed(function: Callable[..., T], *args: object) -> tuple[T, float]:
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def bench_queries(service: Service) -> None:
    queries = ViewQueries(service.store, service.clock)
    views = [
        View("all"),
        View("unread"),
        View("category", CATEGORIES[1]),
        View("feed", service.feeds[17].url),
    ]
    print(f"{'view':<34}{'rows':>7}{'count ms':>10}{'page 1 ms':>11}{'last page ms':>14}")
    for view in views:
        count, count_s = timed(queries.count, view)
        _, first_s = timed(queries.rows, view, 0, ArticleList.PAGE_SIZE)
        last_offset = max(count - ArticleList.PAGE_SIZE, 0)
        _, last_s = timed(queries.rows, view, last_offset, ArticleList.PAGE_SIZE)
        label = view.key if len(view.key) <= 32 else view.key[:31] + "~"
        print(f"{label:<34}{count:>7}{ms(count_s):>10}{ms(first_s):>11}{ms(last_s):>14}")


class BenchApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleList(clock=lambda: NOW)


async def bench_keys(service: Service) -> None:
    queries = ViewQueries(service.store, service.clock)
    view = View("all")
    calls = 0

    def source(offset: int, limit: int) -> list[ArticleRow]:
        nonlocal calls
        calls += 1
        return queries.rows(view, offset, limit)

    app = BenchApp()
    async with app.run_test(size=(160, 48)) as pilot:
        article_list = app.query_one(ArticleList)
        started = time.perf_counter()
        count = queries.count(view)
        first = queries.rows(view, 0, ArticleList.PAGE_SIZE)
        article_list.load(source, count, first_page=first, key=view.key)
        article_list.focus()
        await pilot.pause()
        print(f"\nload all-view into the list and draw it: {ms(time.perf_counter() - started)} ms")
        print("per key, from press to after `await pilot.pause()`; cpu = process time used")
        print(
            f"{'key':<10}{'presses':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
            f"{'cpu median':>12}{'cpu p95':>9}"
        )
        for key, presses in KEY_PRESSES:
            walls, cpus = [], []
            for _ in range(presses):
                started, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
            label = key if key != "x" else "x (floor)"
            print(
                f"{label:<10}{presses:>8}{ms(statistics.median(walls)):>11}"
                f"{ms(p95(walls)):>9}{ms(max(walls)):>9}"
                f"{ms(statistics.median(cpus)):>12}{ms(p95(cpus)):>9}"
            )
        started = time.perf_counter()
        await pilot.press("G")
        while article_list.highlighted_row is None:
            await app.workers.wait_for_complete()
            await pilot.pause()
        print(f"G to the last row, its page loaded:  {ms(time.perf_counter() - started)} ms")
        print(f"cursor {article_list.cursor:,} of {article_list.count:,}; pages fetched: {calls}")


def max_rss_mb() -> str:
    try:
        import resource
    except ImportError:  # Windows
        return "n/a"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return f"{rss / (1024 * 1024 if sys.platform == 'darwin' else 1024):.0f} MB"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        service, build_s = build(Path(tmp) / "cache.sqlite")
        size_mb = (Path(tmp) / "cache.sqlite").stat().st_size / 1e6
        print(
            f"built {FEEDS * PER_FEED:,} articles in {FEEDS} feeds: "
            f"{build_s:.1f} s, {size_mb:.0f} MB on disk"
        )
        print(f"max RSS after build: {max_rss_mb()}\n")
        bench_queries(service)
        asyncio.run(bench_keys(service))
        print(f"\nmax RSS at the end: {max_rss_mb()}")
        service.store.close()


if __name__ == "__main__":
    main()
