"""Fetcher against a real HTTP server on 127.0.0.1 (pytest-httpserver); httpx is never mocked."""

from __future__ import annotations

import asyncio
import email.utils
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.errors import FetchError
from newsreader_tui.core.fetch import (
    DEFAULT_ACCEPT,
    MAX_RETRY_WAIT,
    Fetcher,
    Response,
    retry_after_seconds,
)
from support.server import InFlight

FAST = NetworkSettings(backoff=0.01)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


@pytest.fixture
def server(httpserver: HTTPServer) -> HTTPServer:
    """The shared threaded loopback server (tests/conftest.py), cleared between tests."""
    return httpserver


async def fetch(url: str, settings: NetworkSettings = FAST, **kwargs: Any) -> Response:
    """One GET with a fresh Fetcher."""
    async with Fetcher(settings) as fetcher:
        return await fetcher.get(url, **kwargs)


async def test_200_captures_validators_and_bytes(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(
        RSS,
        content_type="application/rss+xml; charset=UTF-8",
        headers={"ETag": '"abc"', "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT"},
    )
    r = await fetch(server.url_for("/feed"))
    assert r.status == 200
    assert r.content == RSS
    assert isinstance(r.content, bytes)
    assert r.etag == '"abc"'
    assert r.last_modified == "Wed, 01 May 2024 10:00:00 GMT"
    assert not r.not_modified
    assert r.content_type == "application/rss+xml"
    assert r.charset == "utf-8"
    assert r.headers["etag"] == '"abc"'
    assert r.url == server.url_for("/feed")


async def test_headers_sent(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(RSS)
    await fetch(server.url_for("/feed"))
    await fetch(server.url_for("/feed"), accept="application/json")
    (first, _), (second, _) = server.log
    assert first.headers["User-Agent"].startswith("newsreader-tui/")
    assert first.headers["Accept"] == DEFAULT_ACCEPT
    assert "If-None-Match" not in first.headers
    assert second.headers["Accept"] == "application/json"


async def test_conditional_request_gives_304(server: HTTPServer) -> None:
    server.expect_request(
        "/feed",
        headers={"If-None-Match": '"abc"', "If-Modified-Since": "Wed, 01 May 2024 10:00:00 GMT"},
    ).respond_with_data(b"", status=304)
    r = await fetch(
        server.url_for("/feed"), etag='"abc"', last_modified="Wed, 01 May 2024 10:00:00 GMT"
    )
    assert r.not_modified
    assert r.status == 304
    assert r.content == b""
    # The server did not repeat the validators, so the ones sent are kept.
    assert r.etag == '"abc"'
    assert r.last_modified == "Wed, 01 May 2024 10:00:00 GMT"
    assert r.content_type == ""
    assert r.charset is None


async def test_404_is_not_retried(server: HTTPServer) -> None:
    server.expect_request("/gone").respond_with_data(b"nope", status=404)
    with pytest.raises(FetchError) as info:
        await fetch(server.url_for("/gone"))
    assert info.value.status == 404
    assert str(info.value) == "HTTP 404 Not Found from 127.0.0.1"
    assert len(server.log) == 1


async def test_500_then_200_succeeds_after_retry(server: HTTPServer) -> None:
    server.expect_ordered_request("/feed").respond_with_data(b"oops", status=500)
    server.expect_ordered_request("/feed").respond_with_data(RSS)
    r = await fetch(server.url_for("/feed"))
    assert r.content == RSS
    assert len(server.log) == 2


async def test_500_forever_reports_attempts(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(b"oops", status=500)
    with pytest.raises(FetchError) as info:
        await fetch(server.url_for("/feed"))
    assert info.value.status == 500
    assert str(info.value) == "HTTP 500 Internal Server Error from 127.0.0.1 (after 3 attempts)"
    assert len(server.log) == 3


async def test_503_retry_after_is_honoured(server: HTTPServer) -> None:
    server.expect_ordered_request("/feed").respond_with_data(
        b"busy", status=503, headers={"Retry-After": "1"}
    )
    server.expect_ordered_request("/feed").respond_with_data(RSS)
    start = time.monotonic()
    r = await fetch(server.url_for("/feed"))
    assert r.status == 200
    assert time.monotonic() - start >= 0.9


async def test_429_without_retries_setting(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(b"slow down", status=429)
    with pytest.raises(FetchError) as info:
        await fetch(server.url_for("/feed"), NetworkSettings(retries=0))
    assert info.value.status == 429
    assert "after" not in str(info.value)
    assert len(server.log) == 1


def test_retry_after_parsing() -> None:
    assert retry_after_seconds("5") == 5.0
    assert retry_after_seconds("99999") == MAX_RETRY_WAIT
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    now = time.time()
    later = email.utils.formatdate(now + 10, usegmt=True)
    assert retry_after_seconds(later, now=now) == pytest.approx(10, abs=1)
    earlier = email.utils.formatdate(now - 10, usegmt=True)
    assert retry_after_seconds(earlier, now=now) == 0.0


async def test_redirect_chain_reports_final_url(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data(
        b"", status=301, headers={"Location": server.url_for("/b")}
    )
    server.expect_request("/b").respond_with_data(b"", status=302, headers={"Location": "/c"})
    server.expect_request("/c").respond_with_data(RSS)
    r = await fetch(server.url_for("/a"))
    assert r.url == server.url_for("/c")
    assert r.content == RSS


async def test_redirect_loop_fails(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data(b"", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data(b"", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match=r"too many redirects .*more than 3"):
        await fetch(server.url_for("/a"), NetworkSettings(max_redirects=3))


async def test_too_large_with_content_length(server: HTTPServer) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 5000)
    with pytest.raises(FetchError, match="larger than the 1000 bytes limit") as info:
        await fetch(server.url_for("/big"), NetworkSettings(max_bytes=1000))
    assert info.value.status is None


async def test_too_large_streamed_without_content_length(server: HTTPServer) -> None:
    def handler(request: Request) -> WResponse:
        # A generator body makes werkzeug send it chunked, with no Content-Length.
        return WResponse((b"x" * 500 for _ in range(10)), content_type="text/xml")

    server.expect_request("/big").respond_with_handler(handler)
    with pytest.raises(FetchError, match="larger than the 1000 bytes limit"):
        await fetch(server.url_for("/big"), NetworkSettings(max_bytes=1000))


async def test_size_limit_allows_exact_size(server: HTTPServer) -> None:
    server.expect_request("/ok").respond_with_data(b"x" * 1000)
    r = await fetch(server.url_for("/ok"), NetworkSettings(max_bytes=1000))
    assert len(r.content) == 1000


async def test_slow_response_times_out(server: HTTPServer) -> None:
    def handler(request: Request) -> WResponse:
        time.sleep(1.0)
        return WResponse(RSS)

    server.expect_request("/slow").respond_with_handler(handler)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.3 s fetching from 127.0.0.1"):
        await fetch(server.url_for("/slow"), timeout=0.3)
    assert time.monotonic() - start < 0.9


async def test_dripping_body_hits_total_timeout(server: HTTPServer) -> None:
    def handler(request: Request) -> WResponse:
        def drip() -> Iterator[bytes]:
            for _ in range(20):
                time.sleep(0.1)
                yield b"x"

        return WResponse(drip())

    server.expect_request("/drip").respond_with_handler(handler)
    # Each chunk arrives well within read_timeout; only the total deadline stops it.
    with pytest.raises(FetchError, match="timed out"):
        await fetch(server.url_for("/drip"), NetworkSettings(timeout=0.5, read_timeout=5))


async def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as info:
        await fetch(f"http://127.0.0.1:{port}/feed")
    assert str(info.value) == (
        "could not connect to 127.0.0.1: connection refused (after 3 attempts)"
    )
    assert info.value.status is None


async def test_tls_to_plain_http_server_fails(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(RSS)
    url = server.url_for("/feed").replace("http://", "https://")
    with pytest.raises(FetchError, match=r"TLS handshake with 127\.0\.0\.1 failed"):
        await fetch(url, NetworkSettings(retries=0))


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "not a url", "http://"])
async def test_invalid_url(url: str) -> None:
    with pytest.raises(FetchError, match="invalid URL"):
        await fetch(url)


async def test_per_host_limit(server: HTTPServer) -> None:
    slow = InFlight(RSS, delay=0.15)
    server.expect_request("/feed").respond_with_handler(slow)
    async with Fetcher(NetworkSettings(per_host=2)) as fetcher:
        results = await asyncio.gather(*(fetcher.get(server.url_for("/feed")) for _ in range(6)))
    assert all(r.content == RSS for r in results)
    assert slow.most == 2


async def test_get_outside_context_is_a_bug() -> None:
    with pytest.raises(RuntimeError):
        await Fetcher().get("http://127.0.0.1/")
