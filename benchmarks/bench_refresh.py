"""Refresh N feeds x M items, cold and warm: ours against newsboat, alternating. Numbers only.

Run with `python benchmarks/bench_refresh.py` (200x50 and 1000x50, 3 runs each: several
minutes on two cores). Both readers fetch the same feeds from `feed_server.py` on 127.0.0.1,
run as a process of its own (`--server-in-process`: a thread of this one, as before), each with
its own files in a temporary directory:

- ours: the real command line, `newsreader-tui --config C --data-dir D refresh`, in a
  subprocess, with `concurrency` = `per_host` = --concurrency, no retries, no pictures;
- newsboat (when the binary is on PATH): `newsboat -u URLS -c CACHE -C CONFIG -x reload` with
  `reload-threads` = --concurrency, HOME in the temporary directory.

Before the runs the package the command will import (PYTHONPATH included) is compiled to
bytecode, as an installed package is (`--no-compile`: not). With PYTHONDONTWRITEBYTECODE set,
as in the sessions that ran these benchmarks, nothing else writes the .pyc files, and each of
our three processes compiled its share of the package from source at every start: about 0.1 s
of CPU and of wall time a refresh that newsboat, a C++ program, and a user's installation never
pay.

Cold is an empty cache, warm is the same command again at once (nothing changed on the server;
with `--validators none` the bodies come again without ETag/Last-Modified, with `all` every
answer is a 304). Each run prints both sides; the summary gives the medians, the ratio
ours/newsboat of the medians, and each side's peak memory of its whole process tree (see
proctree.py: the sum of every process's VmHWM, and the largest sum of VmRSS at one sample).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from feed_server import FeedServer
from proctree import Measured, run


def ours_command() -> list[str]:
    script = Path(sys.executable).parent / "newsreader-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsreader_tui"]


def compile_package() -> str:
    """Compile the newsreader_tui package the command will import to bytecode; its folder."""
    code = (
        "import compileall, os, newsreader_tui as p; d = os.path.dirname(p.__file__); "
        "compileall.compile_dir(d, quiet=1); print(d)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write_ours(directory: Path, urls: list[str], concurrency: int) -> Path:
    lines = [
        "[settings]",
        f"concurrency = {concurrency}",
        f"per_host = {concurrency}",
        "retries = 0",
        'images = "off"',
        "retention_days = 36500",
        "refresh_on_start = false",
    ]
    for number, url in enumerate(urls):
        lines += ["", "[[feeds]]", f'url = "{url}"', f'title = "Báo điện tử số {number}"']
    config = directory / "config.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def write_newsboat(directory: Path, urls: list[str], concurrency: int) -> tuple[Path, Path]:
    (directory / "urls").write_text("\n".join(urls) + "\n", encoding="utf-8")
    (directory / "config").write_text(f"reload-threads {concurrency}\n", encoding="utf-8")
    return directory / "urls", directory / "config"


@dataclass
class Side:
    name: str
    cold: list[Measured] = field(default_factory=list)
    warm: list[Measured] = field(default_factory=list)


class Bench:
    """The files and commands of both readers for one server."""

    def __init__(
        self, root: Path, urls: list[str], concurrency: int, *, fresh: bool = True
    ) -> None:
        """`fresh` False reuses the files already in `root` (their caches name those URLs)."""
        self.root = root
        self.env = {**os.environ, "HOME": str(root / "home")}
        (root / "home").mkdir(exist_ok=True)
        self.config = root / "config.toml"
        self.urls, self.nb_config = root / "urls", root / "config"
        if fresh:
            write_ours(root, urls, concurrency)
            write_newsboat(root, urls, concurrency)
        self.newsboat = shutil.which("newsboat")

    def ours(self, data: Path) -> Measured:
        argv = [*ours_command(), "--config", str(self.config), "--data-dir", str(data), "refresh"]
        return run(argv, env=self.env)

    def theirs(self, cache: Path) -> Measured:
        assert self.newsboat is not None
        argv = [self.newsboat, "-u", str(self.urls), "-c", str(cache), "-C", str(self.nb_config)]
        return run([*argv, "-x", "reload"], env=self.env)


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def show(label: str, m: Measured) -> None:
    print(
        f"    {label:<16} {m.seconds:7.2f} s  cpu {m.cpu:6.2f} s  tree peak {m.tree_hwm_mb:6.0f} MB"
        f" (rss {m.tree_rss_mb:4.0f}, pss {m.tree_pss_mb:4.0f}, main {m.main_hwm_mb:4.0f},"
        f" {m.processes} proc)" + ("" if m.returncode == 0 else f"  exit {m.returncode}"),
        flush=True,
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(size: str, ours: Side, theirs: Side) -> None:
    print(f"  {size} summary (median of {len(ours.cold)} runs)")
    for kind in ("cold", "warm"):
        a = median([m.seconds for m in getattr(ours, kind)])
        b = median([m.seconds for m in getattr(theirs, kind)])
        ratio = f"ratio ours/newsboat {a / b:5.2f}" if getattr(theirs, kind) else "no newsboat"
        print(f"    {kind}: ours {a:6.2f} s   newsboat {b:6.2f} s   {ratio}")
        a = median([m.cpu for m in getattr(ours, kind)])
        b = median([m.cpu for m in getattr(theirs, kind)])
        ratio = f"ratio ours/newsboat {a / b:5.2f}" if getattr(theirs, kind) else ""
        print(f"    {kind} cpu: ours {a:6.2f} s   newsboat {b:6.2f} s   {ratio}")
    for side in (ours, theirs):
        runs = side.cold + side.warm
        if runs:
            peak = max(m.tree_hwm_mb for m in runs)
            pss = max(m.tree_pss_mb for m in runs)
            main = max(m.main_hwm_mb for m in runs)
            print(
                f"    peak memory {side.name:<9} tree {peak:5.0f} MB (sum of VmHWM), "
                f"pss {pss:4.0f} MB, main process {main:4.0f} MB"
            )


class ServerProcess:
    """`feed_server.py` in a process of its own: serving then takes no CPU time from this
    process's /proc sampling, nor a lock this process holds (the in-process server shares
    the interpreter with the sampler). Its request counts stay in that process."""

    def __init__(self, feeds: int, items: int, args: argparse.Namespace) -> None:
        script = Path(__file__).with_name("feed_server.py")
        argv = [sys.executable, str(script), "--feeds", str(feeds), "--items", str(items)]
        argv += ["--kinds", args.kinds, "--validators", args.validators]
        argv += ["--latency", str(args.latency / 1000)]
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self._urls = [self.process.stdout.readline().strip() for _ in range(feeds)]

    def urls(self) -> list[str]:
        return self._urls

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@contextlib.contextmanager
def serving(feeds: int, items: int, args: argparse.Namespace) -> Iterator[tuple[list[str], str]]:
    """The feeds' URLs, and a line saying what was served once the runs are done."""
    if args.server_in_process:
        kinds = tuple(args.kinds.split(","))
        with FeedServer(feeds, items, kinds, args.validators, args.latency / 1000) as server:
            yield server.urls(), f"{server.size() / 1e6:.1f} MB of feeds"
            print(f"  requests served: {server.requests} ({server.not_modified} answered 304)")
        return
    server = ServerProcess(feeds, items, args)
    try:
        yield server.urls(), "served by a process of its own"
    finally:
        server.close()


def bench_size(feeds: int, items: int, args: argparse.Namespace) -> None:
    kinds = tuple(args.kinds.split(","))
    with (
        serving(feeds, items, args) as (urls, served),
        tempfile.TemporaryDirectory(prefix="nrt-refresh-") as tmp,
    ):
        size = f"{feeds}x{items}"
        print(
            f"{size}: {feeds} feeds x {items} items ({'/'.join(kinds)}), "
            f"{served}, validators {args.validators}, "
            f"latency {args.latency:g} ms, concurrency {args.concurrency}",
            flush=True,
        )
        bench = Bench(Path(tmp), urls, args.concurrency)
        with_newsboat = bench.newsboat is not None and not args.no_newsboat
        ours, theirs = Side("ours"), Side("newsboat")
        for number in range(args.runs):
            print(f"  run {number + 1}", flush=True)
            data, cache = Path(tmp) / f"ours{number}", Path(tmp) / f"newsboat{number}.db"
            order = ["ours", "newsboat"] if number % 2 == 0 else ["newsboat", "ours"]
            for kind in ("cold", "warm"):
                for who in order:
                    if who == "ours":
                        measured = bench.ours(data)
                        getattr(ours, kind).append(measured)
                        show(f"ours {kind}", measured)
                    elif with_newsboat:
                        measured = bench.theirs(cache)
                        getattr(theirs, kind).append(measured)
                        show(f"newsboat {kind}", measured)
            if number == 0:
                stored = count(data / "cache.sqlite3", "articles")
                line = f"    stored: ours {stored} articles"
                if with_newsboat:
                    line += f", newsboat {count(cache, 'rss_item')} items"
                print(line, flush=True)
            shutil.rmtree(data, ignore_errors=True)
            cache.unlink(missing_ok=True)
        print(f"  load average now: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
        summary(size, ours, theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200x50,1000x50", help="feeds x items, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--kinds", default="rss", help="rss,atom,json (newsboat 2.21 has no JSON)")
    parser.add_argument("--validators", choices=("none", "all", "half"), default="none")
    parser.add_argument("--latency", type=float, default=0.0, help="ms before each answer")
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument(
        "--server-in-process",
        action="store_true",
        help="serve from a thread of this process (as before 2026-11-29 10:30; it also counts "
        "requests and 304s) instead of a process of its own",
    )
    parser.add_argument(
        "--no-compile",
        action="store_true",
        help="leave the package's bytecode as it is (before 2026-11-29 11:45, with "
        "PYTHONDONTWRITEBYTECODE set: compiled from source in every process of every run)",
    )
    args = parser.parse_args()
    command = " ".join(ours_command())
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, ours: {command}")
    if not args.no_compile:
        print(f"bytecode compiled: {compile_package()}")
    print(f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')}")
    print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    for size in args.sizes.split(","):
        feeds, items = (int(part) for part in size.lower().split("x"))
        bench_size(feeds, items, args)


if __name__ == "__main__":
    main()
