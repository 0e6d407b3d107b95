"""Hostile servers and documents for the attack tests (tests/security/test_attack_*.py).

`RawServer` is a TCP server on 127.0.0.1 for what an HTTP server library will not do on purpose
(reset a connection mid-body, hang up early, answer in garbage); the builders make the
documents that attack the parser (deep nesting, huge feeds, compression bombs).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable
from types import TracebackType

Behaviour = Callable[[socket.socket], None]
"""What the server does with one accepted connection, after reading the request."""


class RawServer:
    """Answers every connection on 127.0.0.1 with `behaviour`; `url(path)` reaches it and
    `connections` counts the requests it took."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.connections = 0
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # shutdown() first: close() alone leaves a socket that a thread is accept()ing on
        # listening, and connections to it would still be taken.
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
        self._thread.join(timeout=5)

    def url(self, path: str = "/feed") -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}{path}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                try:
                    conn.recv(65536)
                    self.behaviour(conn)
                except OSError:
                    pass


def head(length: int, content_type: str = "application/rss+xml") -> bytes:
    """A 200 response's head promising `length` bytes of body."""
    return (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def reset(conn: socket.socket) -> None:
    """Close with a TCP reset (SO_LINGER 0) instead of an orderly FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def reset_mid_body(body: bytes) -> Behaviour:
    """Half of `body`, then a reset: a proxy or server crashing mid-response."""

    def behaviour(conn: socket.socket) -> None:
        conn.sendall(head(len(body)) + body[: len(body) // 2])
        time.sleep(0.05)
        reset(conn)

    return behaviour


def closed_early(body: bytes) -> Behaviour:
    """Half of `body`, then an orderly close: fewer bytes than Content-Length promised."""

    def behaviour(conn: socket.socket) -> None:
        conn.sendall(head(len(body)) + body[: len(body) // 2])

    return behaviour


def garbage(conn: socket.socket) -> None:
    """Something that is not HTTP at all."""
    conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\nthis is not a web server\r\n\r\n")


def hang_up(conn: socket.socket) -> None:
    """Read the request, close without a word."""


def nested(depth: int, *, inner: bytes = b"x", tag: bytes = b"a") -> bytes:
    """`depth` elements named `tag`, each inside the last, around `inner`."""
    return b"<%s>" % tag * depth + inner + b"</%s>" % tag * depth


def rss_around(fragment: bytes, *, title: bytes = b"Tin") -> bytes:
    """An RSS document with one item whose description element holds `fragment` as XML."""
    return (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        b"<item><guid>1</guid><title>"
        + title
        + b"</title><description>"
        + fragment
        + b"</description></item></channel></rss>"
    )


def many_items(count: int) -> bytes:
    """A legal RSS feed of `count` small items (19.9 MB at 320,000)."""
    items = b"".join(
        b"<item><title>Tin s\xe1\xbb\x91 %d</title><guid>g%d</guid></item>" % (n, n)
        for n in range(count)
    )
    return (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Huge</title>'
        + items
        + b"</channel></rss>"
    )


def gzip_bomb(megabytes: int) -> bytes:
    """`megabytes` of zeros, gzipped: about a thousandth of that on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()
