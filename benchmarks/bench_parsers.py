"""Candidate feed parsers on the same bodies, one core, alternating. Prints numbers only.

Run with `python benchmarks/bench_parsers.py [ROUNDS]`. The bodies are 200 RSS feeds of 50
Vietnamese items shaped like a portal's (tests/support/portal_feeds.py). Each round times every
candidate once over all 200 bodies, in a rotating order so that noise from the other processes
on the machine falls on all of them alike; the median of the rounds is printed with the
fastest and slowest round.

Candidates: feedparser as `rss_atom` calls it (the reference), the raw libraries
(feedparser-rs, fastfeedparser) when installed, and the two paths the app now has: `fast`
(`sources.fast_xml`, the registered fast reader) and `read` (what the worker runs: the fast
reader, feedparser when it declines).
"""

from __future__ import annotations

import gc
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.portal_feeds import portal_rss

HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}


def candidates() -> dict[str, Callable[[bytes, str], object]]:
    from newsreader_tui.core.sources import rss_atom

    found: dict[str, Callable[[bytes, str], object]] = {
        "feedparser (rss_atom)": lambda body, url: rss_atom.parse(body, HEADERS, url),
        "feedparser (bare)": lambda body, url: feedparser.parse(io.BytesIO(body)),
    }
    try:
        import feedparser_rs

        found["feedparser-rs"] = lambda body, url: feedparser_rs.parse(body)
        found["feedparser-rs (no sanitise)"] = lambda body, url: feedparser_rs.parse(
            body, sanitize_html=False, resolve_relative_uris=False
        )
    except ImportError:
        pass
    try:
        import fastfeedparser

        found["fastfeedparser"] = lambda body, url: fastfeedparser.parse(body)
    except ImportError:
        pass
    try:
        from newsreader_tui.core.dates import VN_TZ
        from newsreader_tui.core.sources import fast_xml, worker

        found["ours: fast reader"] = lambda body, url: fast_xml.read(body, HEADERS, url)
        found["ours: worker job, fast"] = lambda body, url: worker.run_job(
            worker.Job("xml", body, url, headers=HEADERS, max_items=100)
        )
        found["ours: worker job, fast+normalise"] = lambda body, url: worker.run_job(
            worker.Job("xml", body, url, headers=HEADERS, max_items=100, tz=VN_TZ)
        )
        found["ours: worker job, feedparser"] = lambda body, url: worker.run_job(
            worker.Job("xml", body, url, headers=HEADERS, max_items=100, fast=False)
        )
    except ImportError:
        pass
    return found


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    bodies = [
        (f"https://baomoi.example.vn/rss/{n}.rss", portal_rss(50, f"f{n}-")) for n in range(200)
    ]
    size = sum(len(body) for _, body in bodies) / 1e6
    print(f"200 feeds x 50 items, {size:.1f} MB; {rounds} rounds, order rotating")
    found = candidates()
    names = list(found)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(rounds):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            parse = found[name]
            gc.collect()
            started = time.perf_counter()
            for url, body in bodies:
                parse(body, url)
            times[name].append(time.perf_counter() - started)
    reference = statistics.median(times[names[0]])
    for name in names:
        median = statistics.median(times[name])
        print(
            f"{name:<28} median {median:7.3f} s  (min {min(times[name]):.3f}, max "
            f"{max(times[name]):.3f})  {reference / median:6.1f}x feedparser"
        )


if __name__ == "__main__":
    main()
