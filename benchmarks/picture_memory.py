"""How much memory does opening an article with huge pictures cost? Prints one JSON line.

    python benchmarks/picture_memory.py [--pictures 8] [--side 13000] [--through cache|refresh]

The article shows `--pictures` PNGs of `--side` x `--side` black pixels, each 0.49 MB on the
wire at 13000 (507 MB decoded), built row block by row block so this process never holds one
decoded. Two ways in:
- `cache` (default): the files are already in the cache, as a version without the pixel budget
  downloaded them; a reader opens the article and decodes what it is given. This is the reader's
  own defence.
- `refresh`: a loopback server serves a feed and the pictures, `refresh --images` downloads
  them, then the app opens the article with Enter: the whole path a user takes.

Prints the peak resident memory of this process (VmHWM: everything it ever held, Python and
Textual included), the resident memory with the article still open once its pictures are done
(`open_mb`) and after the app closed (`after_mb`), and how many pictures were drawn and how
many refused. tests/security/test_attack_pictures.py runs it in a subprocess.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import resource
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.hostile_images import zero_png

SIZE = (100, 60)
"""The terminal: big enough that the pictures have room to be drawn."""


def _status_mb(field: str) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return None


def resident_mb() -> float:
    """This process's resident memory now (Linux), in MB."""
    now = _status_mb("VmRSS")
    return float("nan") if now is None else now


def peak_mb() -> float:
    """This process's peak resident memory, in MB.

    VmHWM belongs to this process's own address space. ru_maxrss does not: when the parent
    starts us with vfork (as subprocess does), exec records the parent's peak in ours, so a
    benchmark run from a long pytest session reported pytest's 300 MB as its own.
    """
    peak = _status_mb("VmHWM")
    if peak is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak


def article_html(base: str, count: int) -> str:
    return "".join(
        f"<p>Đoạn {n}.</p><figure><img src='{base}/anh/{n}.png'>"
        f"<figcaption>Ảnh số {n}</figcaption></figure>"
        for n in range(count)
    )


def counts(app: Any) -> dict[str, int]:
    gc.collect()
    return {
        "shown": len(app.screen.query(".article-image--picture")),
        "refused": len(app.screen.query(".article-image--reason")),
        "open_mb": round(resident_mb(), 1),
    }


async def settle(pilot: Any) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def through_cache(folder: Path, count: int, side: int) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual_image.widget import HalfcellImage

    from newsreader_tui.ui.widgets.reader import Reader
    from support.articles import make_article

    data = zero_png(side, side)
    files = {}
    for n in range(count):
        path = folder / f"{n}.png"
        path.write_bytes(data)
        files[f"https://baodientu.example.vn/anh/{n}.png"] = path
    del data

    class ReaderApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Reader(resolve_image=files.get, picture_widget=HalfcellImage)

    async def read() -> dict[str, Any]:
        app = ReaderApp()
        async with app.run_test(size=SIZE) as pilot:
            reader = app.query_one(Reader)
            body = article_html("https://baodientu.example.vn", count)
            reader.show(make_article(body))
            await settle(pilot)
            return counts(app)

    return asyncio.run(read())


class _Site(BaseHTTPRequestHandler):
    files: ClassVar[dict[str, tuple[bytes, str]]] = {}

    def do_GET(self) -> None:
        found = self.files.get(self.path)
        if found is None:
            self.send_error(404)
            return
        body, kind = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def through_refresh(folder: Path, count: int, side: int) -> dict[str, Any]:
    from textual_image.widget import HalfcellImage

    from newsreader_tui.cli import main, open_store
    from newsreader_tui.core.config import Settings
    from newsreader_tui.core.models import FeedConfig
    from newsreader_tui.core.service import Service
    from newsreader_tui.ui.app import make_app

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    picture = zero_png(side, side)
    item = (
        "<item><guid>anh-lon</guid><title>Ảnh lớn</title><link>https://a.vn/anh-lon</link>"
        f"<description><![CDATA[{article_html(base, count)}]]></description></item>"
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>'
    _Site.files = {"/feed.rss": (feed.encode(), "application/rss+xml")}
    _Site.files.update({f"/anh/{n}.png": (picture, "image/png") for n in range(count)})
    del picture
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = folder / "config.toml"
    config.write_text(f'[settings]\nretries = 0\n\n[[feeds]]\nurl = "{base}/feed.rss"\n')
    data_dir = folder / "data"
    os.environ["NO_PROXY"] = "127.0.0.1"
    argv = ["--config", str(config), "--data-dir", str(data_dir), "refresh", "--images"]
    with contextlib.redirect_stdout(sys.stderr):  # stdout carries the one JSON line
        status = main(argv)
    server.shutdown()
    _Site.files = {}
    gc.collect()
    settings = Settings.flat(feeds=[FeedConfig(url=f"{base}/feed.rss")])
    service = Service(settings, open_store(data_dir))
    app = make_app(settings, service, refresh_on_start=False, picture_widget=HalfcellImage)

    async def read() -> dict[str, Any]:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            return counts(app)

    result = asyncio.run(read())
    service.store.close()
    return {"refresh_exit": status, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=8)
    parser.add_argument("--side", type=int, default=13000)
    parser.add_argument("--through", choices=("cache", "refresh"), default="cache")
    args = parser.parse_args()
    before = peak_mb()
    with tempfile.TemporaryDirectory() as folder:
        run = through_cache if args.through == "cache" else through_refresh
        result = run(Path(folder), args.pictures, args.side)
    gc.collect()
    result.update(
        through=args.through,
        pictures=args.pictures,
        side=args.side,
        start_mb=round(before, 1),
        peak_mb=round(peak_mb(), 1),
        after_mb=round(resident_mb(), 1),
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
