"""Download feeds over HTTP: conditional GET, size and time limits, retries, per-host politeness.

Everything here returns raw bytes; decoding and parsing belong to the sources. Every failure
becomes a `FetchError` carrying one plain sentence that names the host (a `Problem` with a code,
so each interface can say it in its own language), shown next to the feed without a traceback.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import importlib.util
import socket
import ssl
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from types import TracebackType

import httpx

from newsreader_tui import __version__
from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.errors import FetchError, Problem

__all__ = [
    "DEFAULT_ACCEPT",
    "DEFAULT_USER_AGENT",
    "MAX_RETRY_WAIT",
    "Fetcher",
    "Response",
    "retry_after_seconds",
]

DEFAULT_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.5, */*;q=0.1"
)

# A server asking for an hour's pause should not freeze a refresh; we wait at most this long.
MAX_RETRY_WAIT = 30.0

# 5xx are usually transient overload on small government servers; 429 asks us to slow down.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

_HTTP2 = importlib.util.find_spec("h2") is not None

DEFAULT_USER_AGENT = f"newsreader-tui/{__version__} (+https://github.com/newsreader-tui)"
"""Sent unless the config's `user_agent` says otherwise."""


@dataclass(frozen=True)
class Response:
    """A successful (2xx) or not-modified (304) response, body undecoded."""

    url: str
    status: int
    headers: Mapping[str, str] = field(repr=False)
    content: bytes = field(repr=False)
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 to a conditional request."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type in lower case without parameters, or "" when the server sent none."""
        value = self.headers.get("content-type", "")
        return value.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset parameter of Content-Type, lower case, or None."""
        value = self.headers.get("content-type", "")
        for param in value.split(";")[1:]:
            name, _, val = param.partition("=")
            if name.strip().lower() == "charset":
                val = val.strip().strip("\"'").strip()
                return val.lower() or None
        return None


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), or None.

    The result is clamped to 0..MAX_RETRY_WAIT; an unparseable value gives None.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    return min(max(seconds, 0.0), MAX_RETRY_WAIT)


class _RetryableError(FetchError):
    """A failure worth another attempt; `delay` is the server's Retry-After, if any."""

    def __init__(
        self, message: str | Problem, status: int | None = None, delay: float | None = None
    ) -> None:
        super().__init__(message, status=status)
        self.delay = delay


class Fetcher:
    """An async HTTP client for feeds: `async with Fetcher(settings) as f: await f.get(url)`.

    One connection pool lives for the whole `async with` block. At most `concurrency` requests run
    at once overall, and at most `per_host` against any one host, so a refresh of many feeds from
    the same small server does not look like an attack.
    """

    def __init__(
        self,
        settings: NetworkSettings | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or NetworkSettings()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        # Created lazily so they belong to the loop that actually runs the requests.
        self._global: asyncio.Semaphore | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @property
    def _read_timeout(self) -> float:
        return self.settings.read_timeout or self.settings.timeout

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        read = self._read_timeout
        self._client = httpx.AsyncClient(
            http2=_HTTP2,
            verify=_ssl_verify(s.verify),
            proxy=s.proxy,
            trust_env=True,
            transport=self._transport,
            follow_redirects=True,
            max_redirects=s.max_redirects,
            timeout=httpx.Timeout(connect=s.connect_timeout, read=read, write=read, pool=None),
            limits=httpx.Limits(
                max_connections=s.concurrency, max_keepalive_connections=s.concurrency
            ),
            headers={"User-Agent": s.user_agent or DEFAULT_USER_AGENT},
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        timeout: float | None = None,
        accept: str | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """Fetch `url`, retrying transient failures; raise `FetchError` unless 2xx or 304.

        `etag` and `last_modified` are the validators from the previous fetch; when the server
        answers 304 without repeating them, the given ones are returned so the caller can keep
        storing what is in the Response. `timeout` overrides the total time for one attempt and
        `max_bytes` the size limit (e.g. a smaller cap for images than for feeds).
        """
        if self._client is None:
            raise RuntimeError("Fetcher.get() called outside 'async with Fetcher()'")
        host = _check_url(url)
        headers = {"Accept": accept or DEFAULT_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        total = self.settings.timeout if timeout is None else timeout
        limit = self.settings.max_bytes if max_bytes is None else max_bytes
        attempts = max(self.settings.retries, 0) + 1

        for attempt in range(1, attempts + 1):
            try:
                async with self._slot(host):
                    response = await self._attempt(url, host, headers, total, limit)
            except _RetryableError as exc:
                if attempt == attempts:
                    problem = exc.problem.retried(attempts) if attempts > 1 else exc.problem
                    raise FetchError(problem, status=exc.status) from exc
                # Sleep outside the slot so a waiting retry does not block other feeds.
                await asyncio.sleep(self._delay(attempt, exc.delay))
                continue
            if response.not_modified:
                response = Response(
                    url=response.url,
                    status=response.status,
                    headers=response.headers,
                    content=response.content,
                    etag=response.etag or etag,
                    last_modified=response.last_modified or last_modified,
                )
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        backoff = min(self.settings.backoff * 2.0 ** (attempt - 1), MAX_RETRY_WAIT)
        return backoff if retry_after is None else max(retry_after, backoff)

    @asynccontextmanager
    async def _slot(self, host: str) -> AsyncIterator[None]:
        if self._global is None:
            self._global = asyncio.Semaphore(max(self.settings.concurrency, 1))
        per_host = self._hosts.get(host)
        if per_host is None:
            per_host = self._hosts[host] = asyncio.Semaphore(max(self.settings.per_host, 1))
        # Host first: a queue for one slow host must not hold global slots other hosts could use.
        async with per_host, self._global:
            yield

    async def _attempt(
        self, url: str, host: str, headers: dict[str, str], total: float, limit: int
    ) -> Response:
        assert self._client is not None
        try:
            async with asyncio.timeout(total):
                async with self._client.stream("GET", url, headers=headers) as r:
                    status = r.status_code
                    if status == 304 or 200 <= status < 300:
                        _check_length(r.headers.get("content-length"), limit, host)
                        chunks: list[bytes] = []
                        size = 0
                        # Decoded bytes are counted, so a small gzip bomb is caught too.
                        async for chunk in r.aiter_bytes():
                            size += len(chunk)
                            if size > limit:
                                raise FetchError(_too_large(host, limit))
                            chunks.append(chunk)
                        return Response(
                            url=str(r.url),
                            status=status,
                            headers=dict(r.headers.items()),
                            content=b"".join(chunks),
                            etag=r.headers.get("etag"),
                            last_modified=r.headers.get("last-modified"),
                        )
                    message = Problem.of(
                        "fetch.http", status=status, reason=_reason(status), host=r.url.host or host
                    )
                    if status in _RETRY_STATUSES:
                        delay = retry_after_seconds(r.headers.get("retry-after"))
                        raise _RetryableError(message, status=status, delay=delay)
                    raise FetchError(message, status=status)
        except TimeoutError as exc:
            # The whole download is bounded; a server dripping bytes never trips read_timeout.
            raise FetchError(Problem.of("fetch.timeout", seconds=_secs(total), host=host)) from exc
        except httpx.TooManyRedirects as exc:
            limit = self.settings.max_redirects
            raise FetchError(Problem.of("fetch.redirects", host=host, limit=limit)) from exc
        except httpx.ConnectTimeout as exc:
            seconds = _secs(self.settings.connect_timeout)
            raise _RetryableError(
                Problem.of("fetch.connect_timeout", host=host, seconds=seconds)
            ) from exc
        except httpx.ReadTimeout as exc:
            seconds = _secs(self._read_timeout)
            raise FetchError(Problem.of("fetch.read_timeout", seconds=seconds, host=host)) from exc
        except httpx.ProxyError as exc:
            raise FetchError(Problem.of("fetch.proxy", host=host, detail=exc)) from exc
        except httpx.ConnectError as exc:
            raise _connect_error(exc, host) from exc
        except httpx.RemoteProtocolError as exc:
            # Typically a keep-alive connection the server had already closed: safe to retry a GET.
            raise _RetryableError(Problem.of("fetch.closed", host=host)) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            # Reached via a redirect to somewhere we cannot go.
            raise FetchError(Problem.of("fetch.bad_redirect", host=host, detail=exc)) from exc
        except httpx.TransportError as exc:
            detail = str(exc) or type(exc).__name__
            raise FetchError(Problem.of("fetch.network", host=host, detail=detail)) from exc
        except httpx.DecodingError as exc:
            raise FetchError(Problem.of("fetch.corrupt", host=host)) from exc


def _ssl_verify(verify: bool | str) -> bool | ssl.SSLContext:
    if isinstance(verify, bool):
        return verify
    # httpx 0.28 deprecates verify=<path>; an explicit context is the supported form.
    try:
        return ssl.create_default_context(cafile=verify)
    except (OSError, ssl.SSLError) as exc:
        raise FetchError(Problem.of("fetch.ca_bundle", path=verify, detail=exc)) from exc


def _check_url(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(Problem.of("fetch.invalid_url", url=url, detail=exc)) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(Problem.of("fetch.bad_scheme", url=url))
    if not parsed.host:
        raise FetchError(Problem.of("fetch.no_host", url=url))
    return parsed.host


def _check_length(header: str | None, limit: int, host: str) -> None:
    try:
        length = int(header) if header is not None else None
    except ValueError:
        return  # a bogus header is ignored; the streamed count still enforces the cap
    if length is not None and length > limit:
        raise FetchError(_too_large(host, limit))


def _too_large(host: str, limit: int) -> Problem:
    return Problem.of("fetch.too_large", host=host, limit=_human_size(limit))


def _connect_error(exc: httpx.ConnectError, host: str) -> FetchError:
    causes = _causes(exc)
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return FetchError(Problem.of("fetch.tls_verify", host=host))
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            detail = cause.reason or cause
            return FetchError(Problem.of("fetch.tls_handshake", host=host, detail=detail))
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            # Name lookup failures rarely fix themselves within a second; do not retry.
            return FetchError(Problem.of("fetch.host_not_found", host=host))
        if isinstance(cause, ConnectionRefusedError):
            return _RetryableError(Problem.of("fetch.refused", host=host))
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return _RetryableError(Problem.of("fetch.unreachable", host=host))
    detail = str(exc) or "connection failed"
    return _RetryableError(Problem.of("fetch.connect_failed", host=host, detail=detail))


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _reason(status: int) -> str:
    return httpx.codes.get_reason_phrase(status) or "error"


def _secs(value: float) -> str:
    return f"{value:g}"


def _human_size(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"
