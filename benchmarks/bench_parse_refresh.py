"""A cold refresh of N loopback feeds of M Vietnamese items, by two builds in turn. Prints
numbers only.

    python benchmarks/bench_parse_refresh.py [RUNS] [FEEDS] [ITEMS] [OTHER_BUILD_BIN_DIR]

Each run is the real CLI (`newsreader-tui refresh`) in a subprocess with a fresh data dir and
a config of FEEDS feeds (concurrency 8, per_host 8, images off) served by one threaded loopback
server, so what is timed is a whole cold refresh: fetch, parse, normalise, store. This build's
CLI and, given its bin directory, another build's (e.g. /work/main/.venv/bin) alternate, so the
noise of a shared machine falls on both; the median of RUNS runs is printed for each, with
each run's peak RSS of the process tree (the refresh and its parse workers, from
RUSAGE_CHILDREN of a fresh child per run).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.portal_feeds import portal_rss

HERE_BIN = Path(sys.executable).parent


def serve(bodies: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def config(port: int, feeds: int) -> str:
    head = (
        '[settings]\nconcurrency = 8\nper_host = 8\nimages = "off"\nrefresh_on_start = false\n'
        'timezone = "+07:00"\n'
    )
    entries = "".join(
        f'\n[[feeds]]\nurl = "http://127.0.0.1:{port}/f{n}.rss"\nkind = "rss"\n'
        for n in range(feeds)
    )
    return head + entries


def one_run(bin_dir: Path, config_path: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one cold refresh, measured from a fresh child."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "dt = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(dt, peak, r.returncode)\n"
    )
    with tempfile.TemporaryDirectory() as data:
        args = [
            sys.executable,
            "-c",
            code,
            str(bin_dir / "newsreader-tui"),
            "--config",
            str(config_path),
            "--data-dir",
            data,
            "refresh",
        ]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split()
    if out[2] not in ("0", "1"):
        raise SystemExit(f"refresh failed: {out}")
    return float(out[0]), float(out[1])


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    items = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    builds = {"this build": HERE_BIN}
    if len(sys.argv) > 4:
        builds["other build"] = Path(sys.argv[4])
    bodies = {f"/f{n}.rss": portal_rss(items, f"f{n}-") for n in range(feeds)}
    server = serve(bodies)
    times: dict[str, list[float]] = {name: [] for name in builds}
    with tempfile.TemporaryDirectory() as tmp:
        config_path = Path(tmp) / "config.toml"
        config_path.write_text(config(server.server_address[1], feeds), encoding="utf-8")
        os.chmod(config_path, 0o600)
        for run in range(runs):
            order = list(builds) if run % 2 == 0 else list(reversed(builds))
            for name in order:
                seconds, peak = one_run(builds[name], config_path)
                times[name].append(seconds)
                print(f"run {run + 1} {name:<12} {seconds:6.2f} s  peak {peak:5.0f} MB", flush=True)
    server.shutdown()
    for name, values in times.items():
        print(f"{name:<12} median {statistics.median(values):6.2f} s over {len(values)} runs")


if __name__ == "__main__":
    main()
