"""What the demo server answers, as a pure function of the request: `respond()`.

DemoServer's HTTP handler and the in-process DemoTransport both call it, so a test that fetches
through the transport sees the very bytes and headers a real socket would carry.

Routing is by path: `/rss/kinh-te.rss` is the file `rss/kinh-te.rss`; a path without a suffix
tries `.json`, `.html` and then a directory index (`/thong-bao/101` is `thong-bao/101.html`,
`/wp/wp-json/wp/v2/posts` is `wp/wp-json/wp/v2/posts.json`). The query string is ignored except
for the WordPress routes, which also answer at `/wp-json/...` and `?rest_route=`. The files are
built from the manifest and the articles by `demo.generate` (once per process, in memory); they
hold the manifest's base token wherever an absolute link to the server belongs, which
`DemoFiles` replaces with the server's own base URL.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC
from functools import cache
from http import HTTPStatus
from types import MappingProxyType
from urllib.parse import parse_qs, unquote, urlsplit

from newsreader_tui.demo.manifest import load_manifest

LAST_MODIFIED = load_manifest().base_date.astimezone(UTC)
"""`Last-Modified` of every file: the demo data's fixed base date."""
_LAST_MODIFIED_HEADER = email.utils.format_datetime(LAST_MODIFIED, usegmt=True)

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

FileSource = Callable[[str], bytes | None]
"""The raw bytes of a served file by its path (no leading "/"), or None when there is none."""


@cache
def built_files() -> Mapping[str, bytes]:
    """Every served file by path, built once per process (about 35 ms) by `demo.generate`."""
    from newsreader_tui.demo.generate import build  # only a process that serves pays for it

    return MappingProxyType(build())


def built_file(name: str) -> bytes | None:
    """One built file by its path (no leading "/"), or None."""
    return built_files().get(name)


class DemoFiles:
    """The demo's files as served at one base URL: read once each, token replaced; thread-safe."""

    def __init__(self, base_url: str, source: FileSource = built_file) -> None:
        self.base_url = base_url.rstrip("/")
        self._source = source
        self._token = load_manifest().base_token.encode("ascii")
        self._cache: dict[str, bytes | None] = {}
        self._lock = threading.Lock()

    def __call__(self, name: str) -> bytes | None:
        with self._lock:
            if name in self._cache:
                return self._cache[name]
        body = self._source(name)
        if body is not None:
            body = body.replace(self._token, self.base_url.encode("ascii"))
        with self._lock:
            self._cache[name] = body
        return body


@dataclass(frozen=True)
class Reply:
    """One answer: status, headers in order, and the body (a HEAD request sends no body)."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""


def content_type(path: str, body: bytes) -> str:
    """The Content-Type for the served file at `path` (no leading "/") with contents `body`.

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


def respond(
    files: DemoFiles,
    target: str,
    *,
    if_none_match: str | None = None,
    if_modified_since: str | None = None,
) -> Reply:
    """The answer to a GET of `target` (path and query, as on the request line)."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    query = parse_qs(parts.query)
    rest_route = query.get("rest_route", [""])[0]
    if rest_route.startswith("/") and path.rstrip("/") in ("", "/wp"):
        path = "/wp/wp-json" + rest_route
    if path == "/wp-json" or path.startswith("/wp-json/"):
        path = "/wp" + path
    found = _find(files, path)
    if found is None:
        return _not_found()
    name, body = found
    extra: list[tuple[str, str]] = []
    if name.startswith("wp/"):
        extra.append(("Link", f'<{files.base_url}/wp/wp-json/>; rel="https://api.w.org/"'))
        if name.startswith(WP_PREFIX + "wp/v2/"):
            total = _list_length(body)
            if total is not None:
                # Every list fits in one page, as WordPress answers `?page=2` past the end.
                if _int(query.get("page", ["1"])[0]) != 1:
                    return _wp_page_error()
                extra += [("X-WP-Total", str(total)), ("X-WP-TotalPages", "1")]
    etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
    validators = (("ETag", etag), ("Last-Modified", _LAST_MODIFIED_HEADER))
    if _not_modified(etag, if_none_match, if_modified_since):
        return Reply(HTTPStatus.NOT_MODIFIED, validators)
    headers = (
        ("Content-Type", content_type(name, body)),
        ("Content-Length", str(len(body))),
        *validators,
        ("Cache-Control", "no-cache"),
        *extra,
    )
    return Reply(HTTPStatus.OK, headers, body)


def _find(files: DemoFiles, path: str) -> tuple[str, bytes] | None:
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
        body = files(name.lstrip("/"))
        if body is not None:
            return name.lstrip("/"), body
    return None


def _not_modified(etag: str, if_none_match: str | None, if_modified_since: str | None) -> bool:
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if if_modified_since:
        try:
            when = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when >= LAST_MODIFIED
    return False


def _not_found() -> Reply:
    status = HTTPStatus.NOT_FOUND
    body = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{status.value} - Không tìm thấy trang</title></head>"
        "<body><h1>Không tìm thấy trang</h1>"
        "<p>Đường dẫn bạn yêu cầu không tồn tại trên máy chủ dữ liệu mẫu.</p>"
        "</body></html>\n"
    ).encode()
    return _plain_reply(status, "text/html; charset=utf-8", body)


def _wp_page_error() -> Reply:
    error = {
        "code": "rest_post_invalid_page_number",
        "message": "Số trang được yêu cầu lớn hơn số trang hiện có.",
        "data": {"status": 400},
    }
    body = json.dumps(error, ensure_ascii=False).encode()
    return _plain_reply(HTTPStatus.BAD_REQUEST, "application/json; charset=utf-8", body)


def _plain_reply(status: HTTPStatus, ctype: str, body: bytes) -> Reply:
    return Reply(status, (("Content-Type", ctype), ("Content-Length", str(len(body)))), body)


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
