"""What parsing in worker processes costs an ordinary refresh. Prints numbers only.

Run with `python benchmarks/bench_parse.py` (about half a minute). Two sets of bodies: the
demo's XML feeds (as its server sends them) and 200 ordinary feeds of 30 items. Each set is parsed
the way a refresh does it, all feeds at once, both ways:

- thread: `rss_atom.parse` in `asyncio.to_thread` (what a refresh did before issue 9);
- worker: `isolate.POOL.parse` (pre-scan and parse in a worker process, result pickled back),
  its workers already started (a refresh starts them while the first downloads run).

Each figure is the median of RUNS runs; the worker start itself is printed apart.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hostile_server import rss

from newsreader_tui.core.sources import rss_atom
from newsreader_tui.core.sources.detect import sniff
from newsreader_tui.core.sources.isolate import POOL, Job
from newsreader_tui.demo import DemoServer, demo_feeds

RUNS = 7
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}


def demo_bodies() -> list[tuple[str, bytes]]:
    import urllib.request

    with DemoServer() as server:
        bodies = []
        for feed in demo_feeds(server.base_url):
            with urllib.request.urlopen(feed.url) as answer:
                body = answer.read()
            if sniff(body) == "xml":  # not the JSON APIs, nor the WordPress site's page
                bodies.append((feed.url, body))
    return bodies


async def in_threads(bodies: list[tuple[str, bytes]]) -> float:
    started = time.perf_counter()
    await asyncio.gather(
        *(asyncio.to_thread(rss_atom.parse, body, HEADERS, url) for url, body in bodies)
    )
    return time.perf_counter() - started


async def in_workers(bodies: list[tuple[str, bytes]]) -> float:
    started = time.perf_counter()
    await asyncio.gather(
        *(
            POOL.parse(Job("xml", body, url, headers=HEADERS, max_items=500), 20)
            for url, body in bodies
        )
    )
    return time.perf_counter() - started


def main() -> None:
    started = time.perf_counter()
    asyncio.run(in_workers([("http://127.0.0.1/x", rss(1))] * POOL.size))
    print(f"worker start (first parse, {POOL.size} workers): {time.perf_counter() - started:.3f} s")
    sets = {
        "demo": demo_bodies(),
        "200 feeds": [(f"http://127.0.0.1/{n}", rss(30, prefix=f"f{n}-")) for n in range(200)],
    }
    for name, bodies in sets.items():
        size = sum(len(body) for _, body in bodies) / 1e6
        thread = statistics.median(asyncio.run(in_threads(bodies)) for _ in range(RUNS))
        worker = statistics.median(asyncio.run(in_workers(bodies)) for _ in range(RUNS))
        print(
            f"{name:<10} {len(bodies):>4} bodies {size:6.2f} MB   thread {thread * 1000:7.1f} ms"
            f"   worker {worker * 1000:7.1f} ms   ({(worker - thread) / len(bodies) * 1000:+.2f}"
            " ms a feed)"
        )
    POOL.close()


if __name__ == "__main__":
    main()
