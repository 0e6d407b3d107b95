"""A tiny loopback HTTP server for the demo data (built from `manifest.toml` and `articles/`).

What it answers is decided by `routes.respond()`, which the in-process `DemoTransport` shares;
this module only carries those answers over a real socket. Every absolute link in a response
carries the server's own `http://127.0.0.1:PORT`, whatever port the system picked.
"""

from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from newsreader_tui.demo.routes import DemoFiles, built_files, respond


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    files: DemoFiles

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: clients of a demo server hang up mid-response all the time."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "NewsreaderDemo/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """No access log on stderr: the demo runs under a full-screen terminal UI."""

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def _respond(self, *, send_body: bool) -> None:
        reply = respond(
            self.server.files,
            self.path,
            if_none_match=self.headers.get("If-None-Match"),
            if_modified_since=self.headers.get("If-Modified-Since"),
        )
        self.send_response(reply.status)
        for key, value in reply.headers:
            self.send_header(key, value)
        self.end_headers()
        if send_body and reply.body:
            self.wfile.write(reply.body)


class DemoServer:
    """Serves the demo data on 127.0.0.1 from a daemon thread.

    Use it as a context manager, or call `start()` and `stop()`::

        with DemoServer() as server:
            feeds = demo_feeds(server.base_url)
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._address = (host, port)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`, without a trailing slash. Only valid once started."""
        if self._server is None:
            raise RuntimeError("the demo server is not running")
        return self._server.files.base_url

    @property
    def running(self) -> bool:
        """True between `start()` and `stop()`."""
        return self._server is not None

    def url(self, path: str) -> str:
        """The absolute URL of `path` (e.g. "/rss/kinh-te.rss") on this server."""
        return self.base_url + "/" + path.lstrip("/")

    def start(self) -> DemoServer:
        """Bind the port and start serving; returns self. Starting twice is a no-op."""
        if self._server is not None:
            return self
        # Build the files now, not on the first request: there the build would compete with
        # the app drawing its first screen (measured +45 ms to it, against +10 ms here).
        built_files()
        server = _Server(self._address, _Handler)
        host, port = server.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else str(host)
        server.files = DemoFiles(f"http://{host_text}:{port}")
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="newsreader-demo-server",
            daemon=True,
        )
        thread.start()
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        """Stop serving and close the socket. Safe to call when not running."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def main() -> None:
    """Serve the demo data until interrupted: `python -m newsreader_tui.demo.server`."""
    with DemoServer() as server:
        print(f"Demo data at {server.base_url}/ (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
