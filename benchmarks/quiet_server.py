"""The HTTP server the benchmarks' loopback servers share (feed_server.py, hostile_server.py)."""

from __future__ import annotations

from http.server import ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    """A threaded server that takes a burst of connections and keeps quiet about clients that
    hang up: a benchmark's readers open hundreds at once, and some are meant to fail."""

    daemon_threads = True
    request_queue_size = 1024

    def handle_error(self, request: object, client_address: object) -> None:
        pass
