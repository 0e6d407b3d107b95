"""A loopback server of hostile and ordinary feeds, for the benchmarks (not the tests).

`HostileServer` answers from a table of routes on 127.0.0.1 in a daemon thread; each route is a
`Reply` (status, headers, body) or one of the raw behaviours a real server shows under trouble:
resetting the connection mid-body, dripping bytes slowly, closing early. `bench_hostile.py` and
`soak.py` build their feeds from it.
"""

from __future__ import annotations

import socket
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from quiet_server import QuietServer


@dataclass(frozen=True)
class Reply:
    """An ordinary answer; `fault` names a raw behaviour instead: "reset" (half the body, then a
    TCP reset), "drip" (the body over `drip_seconds`), "close" (no answer), "garbage" (not
    HTTP)."""

    body: bytes = b""
    status: int = 200
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/rss+xml"),)
    fault: str = ""
    drip_seconds: float = 0.0


Route = Reply | Callable[[], Reply]


@dataclass
class HostileServer:
    """Serves `routes` (path -> Reply or a function giving one, per request) on 127.0.0.1."""

    routes: dict[str, Route] = field(default_factory=dict)
    _server: QuietServer | None = None

    def __enter__(self) -> HostileServer:
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                route = routes.get(self.path.split("?")[0])
                if route is None:
                    reply = Reply(b"no such feed", status=404)
                else:
                    reply = route() if callable(route) else route
                try:
                    _answer(self, reply)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self._server = QuietServer(("127.0.0.1", 0), Handler).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.stop()

    def url(self, path: str) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"


def _answer(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    if reply.fault == "close":
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)
        return
    if reply.fault == "garbage":
        # Not HTTP at all: whatever the port really runs.
        handler.close_connection = True
        handler.wfile.write(reply.body or b"SSH-2.0-OpenSSH_9.6\r\nnot a web server\r\n\r\n")
        handler.wfile.flush()
        handler.connection.shutdown(socket.SHUT_RDWR)
        return
    handler.send_response(reply.status)
    for name, value in reply.headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(reply.body)))
    handler.end_headers()
    if reply.fault == "reset":
        # Half the body, then a TCP reset (SO_LINGER 0): what a crashing proxy does.
        handler.wfile.write(reply.body[: len(reply.body) // 2])
        handler.wfile.flush()
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True
        return
    if reply.fault == "drip":
        pause = reply.drip_seconds / max(len(reply.body) // 64, 1)
        for start in range(0, len(reply.body), 64):
            handler.wfile.write(reply.body[start : start + 64])
            handler.wfile.flush()
            time.sleep(pause)
        return
    handler.wfile.write(reply.body)


def rss(count: int, *, prefix: str = "", title: str = "Feed") -> bytes:
    """An ordinary RSS document with `count` items whose guids start with `prefix`."""
    items = "".join(
        f"<item><guid>{prefix}{n}</guid><title>Tin {prefix}{n}: Thủ tướng làm việc</title>"
        f"<link>https://example.vn/{prefix}{n}</link>"
        f"<pubDate>Thu, 08 Nov 2018 09:{n % 60:02d}:00 +0700</pubDate>"
        f"<description><![CDATA[<p>Nội dung bài {n}, <b>đậm</b> và một "
        f'<a href="https://example.vn/x">liên kết</a>.</p>]]></description></item>'
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title>{items}</channel></rss>"
    ).encode()


def nested_xml(depth: int = 200_000) -> bytes:
    """An item whose title is inside `depth` nested elements (1.4 MB at 200,000)."""
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x'
        b"</title><description>" + b"<a>" * depth + b"</a>" * depth + b"</description>"
        b"</item></channel></rss>"
    )


def huge_feed(items: int = 320_000) -> bytes:
    """A legal feed of `items` tiny items (19.9 MB at 320,000)."""
    head = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Huge</title>'
    body = b"".join(
        b"<item><title>Tin s\xe1\xbb\x91 %d</title><guid>g%d</guid></item>" % (n, n)
        for n in range(items)
    )
    return head + body + b"</channel></rss>"


def gzip_bomb(megabytes: int = 1024) -> bytes:
    """`megabytes` of zeros, gzipped (about 1 MB on the wire per GB); cached in /tmp."""
    path = Path(f"/tmp/newsreader-bomb-{megabytes}.gz")
    if path.exists():
        return path.read_bytes()
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [compressor.compress(block) for _ in range(megabytes)]
    parts.append(compressor.flush())
    data = b"".join(parts)
    path.write_bytes(data)
    return data
