"""Start-up to the first screen at 10k and 50k articles, and `list` against newsboat. Numbers only.

Run with `python benchmarks/bench_startup.py` (several minutes: it first refreshes 200 and 1000
feeds of 50 items into a cache of each reader; `--keep DIR` keeps the caches there for the next
run). For each size, alternating ours and newsboat, RUNS times each:

- first screen: the program started in a real pseudo-terminal (ptyrun.py, 160x48 unless
  --size) until the newest article's title (ours: the article list) or the first feed's title
  (newsboat: its feed list) is on screen and that frame is complete; the program's peak memory
  then. Ours is `newsreader-tui --offline` with the default settings (pictures "auto");
- `newsreader-tui list --limit 50` against `newsboat -x print-unread`: wall time and peak memory
  of the process (the nearest thing newsboat's command line has to a listing: it loads the cache
  and prints the count of unread articles).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_refresh import Bench, count, ours_command
from feed_server import FeedServer, Item
from proctree import run
from ptyrun import first_screen


def build(root: Path, feeds: int, items: int) -> Bench:
    """Both caches of `feeds` x `items` under `root`, refreshed once from the feed server."""
    root.mkdir(parents=True, exist_ok=True)
    marker = root / "built"
    with FeedServer(feeds, items, port=0) as server:
        if marker.exists():
            # The configs name the old server's port; only the offline paths are measured.
            return Bench(root, server.urls(), 8, fresh=False)
        bench = Bench(root, server.urls(), 8)
        print(f"  refreshing {feeds} feeds x {items} items into both caches ...", flush=True)
        ours = bench.ours(root / "ours")
        theirs = bench.theirs(root / "newsboat.db") if bench.newsboat else None
        print(
            f"  built: ours {count(root / 'ours' / 'cache.sqlite3', 'articles')} articles in "
            f"{ours.seconds:.1f} s" + (f", newsboat in {theirs.seconds:.1f} s" if theirs else ""),
            flush=True,
        )
    marker.touch()
    return bench


def median_line(label: str, seconds: list[float], memory: list[float]) -> float:
    finite = [s for s in seconds if s == s]
    value = statistics.median(finite) if finite else float("nan")
    shown = " ".join(f"{s:6.2f}" for s in seconds)
    print(
        f"    {label:<30} median {value:6.3f} s  (runs: {shown})  peak {max(memory):4.0f} MB",
        flush=True,
    )
    return value


def bench_size(root: Path, feeds: int, items: int, args: argparse.Namespace) -> None:
    print(f"{feeds * items:,} articles ({feeds} feeds x {items} items)", flush=True)
    bench = build(root, feeds, items)
    with_newsboat = bench.newsboat is not None and not args.no_newsboat
    data, cache = root / "ours", root / "newsboat.db"
    ours_argv = [*ours_command(), "--config", str(bench.config), "--data-dir", str(data)]
    # The reader as a user starts it: the refresh's `images = "off"` left out (pictures "auto").
    screen_config = root / "config-screen.toml"
    screen_config.write_text(bench.config.read_text().replace('images = "off"\n', ""))
    screen_argv = [*ours_command(), "--config", str(screen_config), "--data-dir", str(data)]
    theirs_argv = [
        str(bench.newsboat),
        "-u",
        str(bench.urls),
        "-c",
        str(cache),
        "-C",
        str(bench.nb_config),
    ]
    title = Item(0, 0).title[:24]
    size = tuple(int(part) for part in args.size.split("x"))
    results: dict[str, tuple[list[float], list[float]]] = {
        name: ([], []) for name in ("ours screen", "newsboat screen", "ours list", "newsboat list")
    }

    def record(name: str, seconds: float, memory: float) -> None:
        results[name][0].append(seconds)
        results[name][1].append(memory)

    nb_runs = args.newsboat_runs if feeds * items > 20_000 else args.runs
    for number in range(args.runs):
        screen = first_screen([*screen_argv, "--offline"], [title], env=bench.env, size=size)
        record("ours screen", screen.seconds, screen.hwm_mb)
        if with_newsboat and number < nb_runs:
            screen = first_screen(
                theirs_argv, ["Báo điện tử số 0"], env=bench.env, size=size, timeout=180
            )
            record("newsboat screen", screen.seconds, screen.hwm_mb)
        listed = run([*ours_argv, "list", "--limit", "50"], env=bench.env)
        record("ours list", listed.seconds, listed.tree_hwm_mb)
        if with_newsboat and number < nb_runs:
            printed = run([*theirs_argv, "-x", "print-unread"], env=bench.env)
            record("newsboat list", printed.seconds, printed.tree_hwm_mb)
    screen_ours = median_line("ours: first screen", *results["ours screen"])
    list_ours = median_line("ours: list --limit 50", *results["ours list"])
    if with_newsboat:
        screen_theirs = median_line("newsboat: first screen", *results["newsboat screen"])
        list_theirs = median_line("newsboat: -x print-unread", *results["newsboat list"])
        print(
            f"    ratio ours/newsboat: first screen {screen_ours / screen_theirs:.3f}, "
            f"list {list_ours / list_theirs:.3f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200x50,1000x50", help="feeds x items")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--newsboat-runs", type=int, default=3, help="above 20,000 articles")
    parser.add_argument("--size", default="160x48", help="terminal columns x rows")
    parser.add_argument("--keep", type=Path, help="keep the caches here and reuse them")
    parser.add_argument("--no-newsboat", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, terminal {args.size}")
    with tempfile.TemporaryDirectory(prefix="nrt-startup-") as tmp:
        base = args.keep or Path(tmp)
        for size in args.sizes.split(","):
            feeds, items = (int(part) for part in size.lower().split("x"))
            bench_size(base / size, feeds, items, args)
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
