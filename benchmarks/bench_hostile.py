"""What hostile feeds cost a refresh: wall time, peak memory and what the user is told.

Run with `python benchmarks/bench_hostile.py [case ...] [--python OTHER/.venv/bin/python]`
(about a minute); `--python` measures another checkout (e.g. main) with the same servers.
Each case is one `Service.refresh` in a fresh interpreter over feeds served on 127.0.0.1; peak
memory is the largest sum over that interpreter and its children (parse workers included),
sampled every 10 ms, of resident sizes (RSS, which counts pages shared by forked processes in
each) and of proportional sizes (PSS, which splits them: the real cost). Cases:

- nested: an item nested 200,000 elements deep (1.4 MB)
- huge: a legal feed of 320,000 items (19.9 MB, under the 20 MB cap)
- bombs: fourteen gzip bombs (1 GB of zeros each, 1 MB on the wire) at once (per_host = 16,
  as if from fourteen hosts)
- retry: 429 with `Retry-After: 999999`, timeout = 20
- reset: the connection reset half-way through the body
- normal: 200 ordinary feeds of 30 items each (per_host = 16)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hostile_server import HostileServer, Reply, gzip_bomb, huge_feed, nested_xml, rss

CHILD = r"""
import asyncio, json, os, sys, tempfile, threading, time
from pathlib import Path

def tree_memory():
    # resident and proportional (shared pages split between sharers) bytes of the tree
    rss = pss = 0
    pids = [os.getpid()]
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pids.extend(int(p) for p in children.read().split())
        except OSError:
            pass
    return rss * 1024, pss * 1024

def tree_pids():
    pids = [os.getpid()]
    for pid in pids:
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pids.extend(int(p) for p in children.read().split())
        except OSError:
            pass
    return pids

peak = peak_pss = 0
def sample():
    global peak, peak_pss
    while True:
        rss, pss = tree_memory()
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(0.01)

threading.Thread(target=sample, daemon=True).start()

from newsreader_tui.core.config import Settings
from newsreader_tui.core.models import FeedConfig
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store

urls, extra = json.loads(sys.argv[1]), json.loads(sys.argv[2])

async def main():
    with tempfile.TemporaryDirectory() as data:
        settings = Settings.flat(feeds=tuple(FeedConfig(url=u) for u in urls), **extra)
        with Store.open(Path(data) / "cache.db") as store:
            service = Service(settings, store)
            started = time.perf_counter()
            outcomes = await service.refresh(images=False)
            took = time.perf_counter() - started
    errors = sorted({o.error for o in outcomes if o.error})
    ok = sum(1 for o in outcomes if o.ok)
    print(json.dumps({
        "seconds": round(took, 2),
        "peak_rss_mb": round(peak / 2**20),
        "peak_pss_mb": round(peak_pss / 2**20),
        "processes": len(tree_pids()),
        "ok": ok,
        "errors": errors[:3],
    }))

asyncio.run(main())
"""


def cases() -> dict[str, tuple[dict[str, Reply], dict[str, object]]]:
    """Name -> (routes, settings) for each case."""
    bomb = Reply(
        gzip_bomb(),
        headers=(("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")),
    )
    return {
        "nested": ({"/nested": Reply(nested_xml())}, {}),
        "huge": ({"/huge": Reply(huge_feed())}, {}),
        "bombs": ({f"/bomb{n}": bomb for n in range(14)}, {"per_host": 16}),
        "retry": (
            {"/busy": Reply(b"busy", status=429, headers=(("Retry-After", "999999"),))},
            {"timeout": 20.0},
        ),
        "reset": ({"/reset": Reply(rss(30), fault="reset")}, {"retries": 0}),
        "normal": (
            {f"/feed{n}": Reply(rss(30, prefix=f"f{n}-")) for n in range(200)},
            {"per_host": 16},
        ),
    }


def run(python: str, name: str) -> dict[str, object]:
    routes, extra = cases()[name]
    with HostileServer(dict(routes)) as server:
        urls = [server.url(path) for path in routes]
        result = subprocess.run(
            [python, "-c", CHILD, json.dumps(urls), json.dumps(extra)],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        return {"failed": result.stderr.strip().splitlines()[-1:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=list(cases()))
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    for name in args.cases:
        result = run(args.python, name)
        print(f"{name:<8} {json.dumps(result, ensure_ascii=False)}", flush=True)


if __name__ == "__main__":
    main()
