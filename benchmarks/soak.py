"""Soak: many loopback feeds with random faults, refreshed again and again. Not in the test run.

    python benchmarks/soak.py [--feeds 500] [--minutes 3] [--seed 9] [--timeout 5]

A server process answers FEEDS feeds on 127.0.0.1; each request picks, at random (seeded),
a valid feed (a window of 30 items that moves on by two every round), a reset mid-body, a body
dripped over 1 to 8 s (past the timeout for some), a 500 or 503, a 429 with a short
Retry-After, garbage instead of HTTP, a hang-up, or a body that is not a feed. This process
refreshes every feed through `Service`, as the CLI does, round after round until the time is
up, and prints after each round:

- rss / pss: resident and proportional memory of this process and its parse workers, in MB
  (kids: how many workers); fds: open file descriptors of this process; threads: its threads;
- articles: stored; dupes: articles that share a feed and a guid, or a feed and a link (there
  must be none), and outcomes by kind.

What must hold: rss, pss, fds and threads stay flat from the second round on (the first
starts the workers and warms caches); dupes stay 0; articles grow by the new items only.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import sqlite3
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hostile_server import HostileServer, Reply, rss

from newsreader_tui.core.config import Settings
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store

FAULTS = (
    ("valid", 50),
    ("reset", 8),
    ("drip", 8),
    ("5xx", 8),
    ("429", 4),
    ("garbage", 6),
    ("close", 6),
    ("not_a_feed", 5),
    ("broken_xml", 5),
)


def serve(feeds: int, seed: int, ports: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """The server process: answers /feed/N until killed."""
    rng = random.Random(seed)
    lock = threading.Lock()
    rounds = Counter[int]()
    names = [name for name, _ in FAULTS]
    weights = [weight for _, weight in FAULTS]

    def route(number: int):  # type: ignore[no-untyped-def]
        def answer() -> Reply:
            with lock:
                fault = rng.choices(names, weights)[0]
                seen = rounds[number]
                rounds[number] += 1
                drip = rng.uniform(1.0, 8.0)
            start = seen * 2
            body = window(number, start)
            if fault == "valid":
                return Reply(body)
            if fault == "reset":
                return Reply(body, fault="reset")
            if fault == "drip":
                return Reply(body, fault="drip", drip_seconds=drip)
            if fault == "5xx":
                return Reply(b"oops", status=rng.choice((500, 502, 503)))
            if fault == "429":
                return Reply(b"slow down", status=429, headers=(("Retry-After", "3"),))
            if fault == "garbage":
                return Reply(fault="garbage")
            if fault == "close":
                return Reply(fault="close")
            if fault == "not_a_feed":
                return Reply(
                    b"<html><body>Maintenance</body></html>",
                    headers=(("Content-Type", "text/html"),),
                )
            return Reply(body[: len(body) * 2 // 3])  # broken_xml: cut off mid-document

        return answer

    routes = {f"/feed/{number}": route(number) for number in range(feeds)}
    with HostileServer(routes) as server:
        ports.put(server.url("/"))
        while True:
            time.sleep(3600)


def window(number: int, start: int) -> bytes:
    """Feed `number`'s 30 items from `start` on, newest first."""
    body = rss(30 + start, prefix=f"f{number}-", title=f"Feed {number}")
    head, _, rest = body.partition(b"<item>")
    items = [b"<item>" + part for part in rest.split(b"<item>")]
    items[-1] = items[-1].replace(b"</channel></rss>", b"")
    return head + b"".join(reversed(items[start:])) + b"</channel></rss>"


def memory() -> tuple[float, float, int]:
    """(rss MB, pss MB) of this process and its parse workers, and how many workers (the
    server process and multiprocessing's helper are not the app's, and are left out)."""
    rss_kb = pss_kb = 0
    pids = [os.getpid()]
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as children:
            for child in children.read().split():
                with open(f"/proc/{child}/cmdline", "rb") as cmdline:
                    if b"newsreader_tui.core.sources.worker" in cmdline.read():
                        pids.append(int(child))
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Rss:"):
                        rss_kb += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss_kb += int(line.split()[1])
        except OSError:
            pass
    return rss_kb / 1024, pss_kb / 1024, len(pids) - 1


def store_counts(path: Path) -> tuple[int, int]:
    """(articles, duplicates): articles sharing a feed and guid, or a feed and link."""
    conn = sqlite3.connect(path)
    try:
        total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        dupes = 0
        for column in ("guid", "url"):
            dupes += conn.execute(
                f"SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM articles "
                f"WHERE {column} IS NOT NULL GROUP BY feed_id, {column} HAVING n > 1)"
            ).fetchone()[0]
        return total, dupes
    finally:
        conn.close()


OTHER: set[str] = set()
"""Errors of no known kind, printed at the end."""


def kind(outcome_error: str | None) -> str:
    if outcome_error is None:
        return "ok"
    for word, name in (
        ("reset", "reset"),
        ("timed out", "timeout"),
        ("HTTP 5", "5xx"),
        ("HTTP 429", "429"),
        ("come back later", "wait"),
        ("not HTTP", "garbage"),
        ("closed the connection", "closed"),
        ("HTML", "not_a_feed"),
        ("cut off", "broken"),
        ("malformed", "broken"),
    ):
        if word in outcome_error:
            return name
    OTHER.add(outcome_error)
    return "other"


async def soak(base: str, args: argparse.Namespace, data: Path) -> None:
    feeds = tuple(FeedConfig(url=f"{base}feed/{n}", title=f"Feed {n}") for n in range(args.feeds))
    settings = Settings.flat(
        feeds=feeds,
        timeout=args.timeout,
        retries=1,
        backoff=0.2,
        per_host=16,
        concurrency=16,
        images="off",
    )
    path = data / "cache.sqlite3"
    baseline = None
    ends = time.monotonic() + args.minutes * 60
    print("round  secs   rss   pss  kids  fds  thr  articles  dupes  outcomes", flush=True)
    number = 0
    with Store.open(path) as store:
        service = Service(settings, store)
        while number == 0 or time.monotonic() < ends:
            number += 1
            started = time.monotonic()
            outcomes = await service.refresh(images=False)
            took = time.monotonic() - started
            kinds = Counter(kind(outcome.error) for outcome in outcomes)
            rss_mb, pss_mb, kids = memory()
            fds = len(os.listdir("/proc/self/fd"))
            articles, dupes = store_counts(path)
            summary = " ".join(f"{name}={count}" for name, count in sorted(kinds.items()))
            if args.trace and number == 2:
                baseline = tracemalloc.take_snapshot()
            print(
                f"{number:>5} {took:5.1f} {rss_mb:5.0f} {pss_mb:5.0f} {kids:>5} {fds:>4} "
                f"{threading.active_count():>4} {articles:>9} {dupes:>6}  {summary}",
                flush=True,
            )
    for error in sorted(OTHER):
        print("other:", error)
    if baseline is not None:
        print("Python memory grown since round 2, by line (--trace):")
        for stat in tracemalloc.take_snapshot().compare_to(baseline, "lineno")[:12]:
            print(" ", stat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument(
        "--trace", action="store_true", help="trace Python allocations; print what grew"
    )
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start(8)
    context = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    server = context.Process(target=serve, args=(args.feeds, args.seed, ports), daemon=True)
    server.start()
    base = ports.get(timeout=60)
    try:
        with tempfile.TemporaryDirectory() as data:
            asyncio.run(soak(base, args, Path(data)))
    finally:
        server.kill()


if __name__ == "__main__":
    main()
