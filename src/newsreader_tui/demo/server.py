"""A tiny loopback HTTP server for the demo data shipped in `newsreader_tui/demo/data/`.

The files hold the literal token `__BASE__` wherever an absolute link to the server belongs; the
server replaces it with its own `http://127.0.0.1:PORT` in every response, so feeds carry real
absolute URLs whatever port the system picked. Files are read through `importlib.resources`, so
this works the same from the source tree and from an installed wheel.

Routing is by path: `/rss/kinh-te.rss` is `data/rss/kinh-te.rss`; a path without a suffix tries
`.json`, `.html` and then a directory index (`/thong-bao/101` is `data/thong-bao/101.html`,
`/wp/wp-json/wp/v2/posts` is `data/wp/wp-json/wp/v2/posts.json`). The query string is ignored
except for the WordPress routes, which also answer at `/wp-json/...` and `?rest_route=`.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import re
import threading
from datetime import UTC
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from importlib.resources.abc import Traversable
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

from newsreader_tui.demo.manifest import load_manifest

BASE_TOKEN = load_manifest().base_token.encode("ascii")
"""What the data files write where the server's own base URL belongs."""

LAST_MODIFIED = load_manifest().base_date.astimezone(UTC)
"""`Last-Modified` of every file: the demo data's fixed base date."""

WP_PREFIX = "wp/wp-json/"
"""Data path of the WordPress REST API root."""

_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


def _data_root() -> Traversable:
    return resources.files(__package__ or "newsreader_tui.demo").joinpath("data")


def content_type(path: str, body: bytes) -> str:
    """The Content-Type for the data file at `path` (relative to `data/`) with contents `body`.

    XML gets the charset its declaration names (so the windows-1258 feed says so); JSON Feed
    documents get `application/feed+json`.
    """
    suffix = path[path.rfind(".") :] if "." in path.rsplit("/", 1)[-1] else ""
    if suffix in (".rss", ".xml"):
        head = body[:200]
        match = _XML_ENCODING.match(head)
        charset = match.group(1).decode("ascii").lower() if match else "utf-8"
        media = "application/atom+xml" if b"<feed" in body[:1000] else "application/rss+xml"
        if suffix == ".xml" and media == "application/rss+xml" and b"<rss" not in body[:1000]:
            media = "application/xml"
        return f"{media}; charset={charset}"
    if suffix == ".json":
        if b"jsonfeed.org/version" in body[:200]:
            return "application/feed+json; charset=utf-8"
        return "application/json; charset=utf-8"
    return _TYPES.get(suffix, "application/octet-stream")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    base_url: str
    cache: dict[str, bytes | None]
    lock: threading.Lock

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

    # --- routing -----------------------------------------------------------------------------

    def _respond(self, *, send_body: bool) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        rest_route = query.get("rest_route", [""])[0]
        if rest_route.startswith("/") and path.rstrip("/") in ("", "/wp"):
            path = "/wp/wp-json" + rest_route
        if path == "/wp-json" or path.startswith("/wp-json/"):
            path = "/wp" + path
        found = self._find(path)
        if found is None:
            self._send_error(HTTPStatus.NOT_FOUND, send_body=send_body)
            return
        name, body = found
        extra: dict[str, str] = {}
        if name.startswith("wp/"):
            api_root = f"{self.server.base_url}/wp/wp-json/"
            extra["Link"] = f'<{api_root}>; rel="https://api.w.org/"'
            if name.startswith(WP_PREFIX + "wp/v2/"):
                total = _list_length(body)
                if total is not None:
                    page = _int(query.get("page", ["1"])[0])
                    # Every list fits in one page, as WordPress answers `?page=2` past the end.
                    if page != 1:
                        self._send_wp_page_error(send_body=send_body)
                        return
                    extra["X-WP-Total"] = str(total)
                    extra["X-WP-TotalPages"] = "1"
        etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
        if self._not_modified(etag):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.format_datetime(LAST_MODIFIED, True))
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(name, body))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.format_datetime(LAST_MODIFIED, True))
        self.send_header("Cache-Control", "no-cache")
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _find(self, path: str) -> tuple[str, bytes] | None:
        segments = [segment for segment in path.split("/") if segment]
        if not all(_SEGMENT.match(segment) for segment in segments):
            return None
        stem = "/".join(segments)
        if not segments or path.endswith("/"):
            names = [f"{stem}/index.html", f"{stem}/index.json"]
        elif "." in segments[-1]:
            names = [stem]
        else:
            names = [f"{stem}.json", f"{stem}.html", f"{stem}/index.html", f"{stem}/index.json"]
        for name in names:
            body = self._load(name.lstrip("/"))
            if body is not None:
                return name.lstrip("/"), body
        return None

    def _load(self, name: str) -> bytes | None:
        server = self.server
        with server.lock:
            if name in server.cache:
                return server.cache[name]
        resource = _data_root()
        for segment in name.split("/"):
            resource = resource.joinpath(segment)
        body: bytes | None = None
        if resource.is_file():
            body = resource.read_bytes().replace(BASE_TOKEN, server.base_url.encode("ascii"))
        with server.lock:
            server.cache[name] = body
        return body

    def _not_modified(self, etag: str) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                when = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return when >= LAST_MODIFIED
        return False

    # --- errors ------------------------------------------------------------------------------

    def _send_error(self, status: HTTPStatus, *, send_body: bool) -> None:
        body = (
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f"<title>{status.value} - Không tìm thấy trang</title></head>"
            "<body><h1>Không tìm thấy trang</h1>"
            "<p>Đường dẫn bạn yêu cầu không tồn tại trên máy chủ dữ liệu mẫu.</p>"
            "</body></html>\n"
        ).encode()
        self._send_body(status, "text/html; charset=utf-8", body, send_body=send_body)

    def _send_wp_page_error(self, *, send_body: bool) -> None:
        error = {
            "code": "rest_post_invalid_page_number",
            "message": "Số trang được yêu cầu lớn hơn số trang hiện có.",
            "data": {"status": 400},
        }
        body = json.dumps(error, ensure_ascii=False).encode()
        self._send_body(
            HTTPStatus.BAD_REQUEST, "application/json; charset=utf-8", body, send_body=send_body
        )

    def _send_body(self, status: HTTPStatus, ctype: str, body: bytes, *, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _list_length(body: bytes) -> int | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return len(data) if isinstance(data, list) else None


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
        return self._server.base_url

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
        server = _Server(self._address, _Handler)
        host, port = server.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else str(host)
        server.base_url = f"http://{host_text}:{port}"
        server.cache = {}
        server.lock = threading.Lock()
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
