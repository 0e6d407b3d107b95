"""Helpers for the loopback HTTP server (pytest-httpserver, see tests/conftest.py)."""

from __future__ import annotations

import threading
import time

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


def paths(server: HTTPServer, prefix: str = "/") -> list[str]:
    """Paths the server was asked for that start with `prefix`, in the order they came."""
    return [request.path for request, _ in server.log if request.path.startswith(prefix)]


class InFlight:
    """A request handler that counts how many requests it is serving at once.

    Each request takes `delay` seconds, so concurrent ones overlap; `most` is the highest
    count seen. Use one instance for all the paths whose requests should count together.
    """

    def __init__(self, body: bytes, *, content_type: str | None = None, delay: float = 0.3) -> None:
        self.body = body
        self.content_type = content_type
        self.delay = delay
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(self.delay)
        with self.lock:
            self.now -= 1
        return Response(self.body, content_type=self.content_type)
