"""The demo server without a socket: an httpx transport that answers in-process.

Tests, screenshots and benchmarks need the demo at one fixed URL (article links carry the port,
and snapshots show them), but binding a fixed port fails whenever a demo or anything else holds
it. `DemoTransport` answers requests to its base URL with `routes.respond()`, the same code
DemoServer's handler runs, so everything above the socket (the fetcher's limits, conditional
GET, redirects, decoding) runs for real. Give it to a `Fetcher(..., transport=...)`.
"""

from __future__ import annotations

import errno

import httpx

from newsreader_tui.demo.routes import DemoFiles, respond

IN_PROCESS_BASE_URL = "http://127.0.0.1:28731"
"""Where a DemoTransport answers unless told otherwise. Nothing ever binds it: it is fixed so
that the URLs stored in test caches, snapshots and screenshots are the same on every run."""


class DemoTransport(httpx.MockTransport):
    """Answers for a demo server at `base_url` between `start()` and `stop()`, as a DemoServer
    that is up would.

    Requests to any other origin, or to this one while stopped, fail as a refused connection
    does, so a test can take "the server" away. One transport may serve many clients; closing
    a client leaves it as it is. (No `with` block: httpx clients enter their transport's.)
    """

    def __init__(self, base_url: str = IN_PROCESS_BASE_URL) -> None:
        self._files = DemoFiles(base_url)
        origin = httpx.URL(self._files.base_url)
        self._origin = (origin.scheme, origin.host, origin.port)
        self._running = False
        super().__init__(self._handle)

    @property
    def base_url(self) -> str:
        """The demo's base URL, without a trailing slash."""
        return self._files.base_url

    @property
    def running(self) -> bool:
        """True between `start()` and `stop()`."""
        return self._running

    def url(self, path: str) -> str:
        """The absolute URL of `path` (e.g. "/rss/kinh-te.rss") on this demo."""
        return self.base_url + "/" + path.lstrip("/")

    def start(self) -> DemoTransport:
        """Start answering; returns self."""
        self._running = True
        return self

    def stop(self) -> None:
        """Refuse connections from now on (as a stopped server would)."""
        self._running = False

    def _handle(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if not self._running or (url.scheme, url.host, url.port) != self._origin:
            refused = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
            message = f"[Errno {errno.ECONNREFUSED}] Connection refused"
            raise httpx.ConnectError(message, request=request) from refused
        if request.method not in ("GET", "HEAD"):
            return httpx.Response(501, request=request)
        reply = respond(
            self._files,
            url.raw_path.decode("ascii"),
            if_none_match=request.headers.get("If-None-Match"),
            if_modified_since=request.headers.get("If-Modified-Since"),
        )
        body = reply.body if request.method == "GET" else b""
        return httpx.Response(reply.status, headers=reply.headers, content=body, request=request)
