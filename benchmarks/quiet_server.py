"""The HTTP server the benchmarks' loopback servers share (feed_server.py, hostile_server.py)."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    """A threaded server that takes a burst of connections and keeps quiet about clients that
    hang up: a benchmark's readers open hundreds at once, and some are meant to fail."""

    daemon_threads = True
    request_queue_size = 1024

    def handle_error(self, request: object, client_address: object) -> None:
        pass

    def start(self) -> QuietServer:
        """Serve from a daemon thread; `stop()` ends it."""
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
