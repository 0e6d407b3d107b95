"""Download feeds over HTTP: conditional GET, size and time limits, retries, per-host politeness.

Everything here returns raw bytes; decoding and parsing belong to the sources. Every failure
becomes a `FetchError` carrying one plain sentence that names the host and what happened (a
`Problem` with a code, so each interface can say it in its own language; `fetch_failures`
finds the words), shown next to the feed without a traceback.

Limits (`transfer`): a request's retries and the waits between them fit in its timeout, and
inside `time_allowance` in the feed's; a Retry-After past that raises `RetryLater` for the
caller to remember. Bodies are inflated under the size cap, and large ones share one budget.
"""

from __future__ import annotations

import asyncio
import email.utils
import importlib.util
import ssl
import time
import weakref
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from types import TracebackType

import httpx

from newsreader_tui import __version__
from newsreader_tui.core.config import NetworkSettings
from newsreader_tui.core.errors import FetchError, Problem
from newsreader_tui.core.fetch_failures import (
    RetryableError,
    check_length,
    check_url,
    reason_phrase,
    secs,
    too_large,
    transport_problem,
)
from newsreader_tui.core.transfer import (
    ACCEPT_ENCODING,
    SMALL_BODY,
    BodyBudget,
    BodyDecoder,
    CorruptBody,
    Deadline,
    Reservation,
    TooLarge,
    current_deadline,
)

__all__ = [
    "BUDGET_BODIES",
    "DEFAULT_ACCEPT",
    "DEFAULT_USER_AGENT",
    "MAX_DEFER",
    "MAX_RETRY_WAIT",
    "Fetcher",
    "Response",
    "RetryLater",
    "retry_after_seconds",
]

DEFAULT_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.5, */*;q=0.1"
)

# Longest pause between two attempts (what Retry-After asks is clamped to it; within a feed's
# time, what is left of that bounds it further).
MAX_RETRY_WAIT = 30.0

MAX_DEFER = 24 * 3600.0
"""Longest Retry-After we remember: a server asking for eleven days is asked again tomorrow."""

MIN_ATTEMPT = 1.0
"""A retry is not worth starting with less of the feed's time left than this."""

BUDGET_BODIES = 2
"""Large bodies (past `transfer.SMALL_BODY`) in memory at once, counted in size caps: with the
default 20 MB cap, 40 MB of large bodies, however many feeds a refresh fetches at once."""

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


def retry_after_seconds(
    value: str | None, *, now: float | None = None, limit: float = MAX_RETRY_WAIT
) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), or None.

    The result is clamped to 0..`limit`; an unparseable value gives None.
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
    return min(max(seconds, 0.0), limit)


class RetryLater(FetchError):
    """The server asked us to come back in `seconds` (Retry-After), longer than this feed's time
    allows: the caller remembers it and skips the feed until then instead of waiting."""

    def __init__(self, problem: Problem, *, host: str, status: int | None, seconds: float) -> None:
        super().__init__(problem, status=status)
        self.host = host
        self.seconds = seconds


class Fetcher:
    """An async HTTP client for feeds: `async with Fetcher(settings) as f: await f.get(url)`.

    One connection pool lives for the whole `async with` block. At most `concurrency` requests run
    at once overall, and at most `per_host` against any one host, so a refresh of many feeds from
    the same small server does not look like an attack. Large bodies share one memory budget
    (`transfer.BodyBudget`, `BUDGET_BODIES` size caps), however many feeds are fetched at once.
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
        self.budget = BodyBudget(BUDGET_BODIES * self.settings.max_bytes)

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
            headers={
                "User-Agent": s.user_agent or DEFAULT_USER_AGENT,
                # Only what BodyDecoder inflates under the size cap (httpx would add br, zstd).
                "Accept-Encoding": ACCEPT_ENCODING,
            },
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
        storing what is in the Response. `timeout` overrides the total time (retries and the
        waits between them included) and `max_bytes` the size limit (e.g. a smaller cap for
        images than for feeds). Inside `transfer.time_allowance` the feed's deadline bounds
        this request too. A Retry-After longer than the time left raises `RetryLater`.
        """
        if self._client is None:
            raise RuntimeError("Fetcher.get() called outside 'async with Fetcher()'")
        host = check_url(url)
        headers = {"Accept": accept or DEFAULT_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        total = self.settings.timeout if timeout is None else timeout
        limit = self.settings.max_bytes if max_bytes is None else max_bytes
        attempts = max(self.settings.retries, 0) + 1
        own = Deadline(total)
        feed = current_deadline()

        def left() -> float:
            return min(own.remaining(), feed.remaining()) if feed else own.remaining()

        for attempt in range(1, attempts + 1):
            try:
                async with self._slot(host):
                    own.start()
                    if feed is not None:
                        feed.start()
                    response = await self._attempt(url, host, headers, left(), total, limit)
            except RetryableError as exc:
                problem = exc.problem.retried(attempt) if attempt > 1 else exc.problem
                remaining = left()
                if exc.delay is not None and exc.delay + MIN_ATTEMPT > remaining:
                    # The server named a time past what this feed may wait: come back then.
                    raise RetryLater(
                        exc.problem, host=host, status=exc.status, seconds=exc.delay
                    ) from exc
                wait = self._delay(attempt, exc.delay)
                if attempt == attempts or wait + MIN_ATTEMPT > remaining:
                    raise FetchError(problem, status=exc.status) from exc
                # Sleep outside the slot so a waiting retry does not block other feeds.
                await asyncio.sleep(wait)
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
        self, url: str, host: str, headers: dict[str, str], budget: float, total: float, limit: int
    ) -> Response:
        """One request within `budget` seconds (`total` is what a timeout message names)."""
        assert self._client is not None
        try:
            async with asyncio.timeout(budget):
                async with self._client.stream("GET", url, headers=headers) as r:
                    status = r.status_code
                    if status == 304 or 200 <= status < 300:
                        check_length(r.headers.get("content-length"), limit, host)
                        return await self._read(r, host, limit)
                    message = Problem.of(
                        "fetch.http",
                        status=status,
                        reason=reason_phrase(status),
                        host=r.url.host or host,
                    )
                    if status in _RETRY_STATUSES:
                        delay = retry_after_seconds(r.headers.get("retry-after"), limit=MAX_DEFER)
                        raise RetryableError(message, status=status, delay=delay)
                    raise FetchError(message, status=status)
        except TimeoutError as exc:
            # The whole download is bounded; a server dripping bytes never trips read_timeout.
            raise FetchError(Problem.of("fetch.timeout", seconds=secs(total), host=host)) from exc
        except httpx.TooManyRedirects as exc:
            limit = self.settings.max_redirects
            raise FetchError(Problem.of("fetch.redirects", host=host, limit=limit)) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            # Reached via a redirect to somewhere we cannot go.
            raise FetchError(Problem.of("fetch.bad_redirect", host=host, detail=exc)) from exc
        except httpx.TransportError as exc:
            raise transport_problem(
                exc,
                host,
                connect_timeout=self.settings.connect_timeout,
                read_timeout=self._read_timeout,
            ) from exc
        except httpx.DecodingError as exc:
            raise FetchError(Problem.of("fetch.corrupt", host=host)) from exc

    async def _read(self, r: httpx.Response, host: str, limit: int) -> Response:
        """The body, inflated under `limit`; a large one first reserves its cap in the budget."""
        if r.is_stream_consumed:
            # A transport that built the response in memory (the demo's): already inflated.
            decoder, raws = BodyDecoder("", limit), _once(r.content)
        else:
            decoder, raws = BodyDecoder(r.headers.get("content-encoding", ""), limit), r.aiter_raw()
        chunks: list[bytes] = []
        reservation: Reservation | None = None
        try:
            async for raw in raws:
                try:
                    chunk = decoder.decode(raw)
                except TooLarge:
                    raise FetchError(too_large(host, limit)) from None
                except CorruptBody as exc:
                    raise FetchError(Problem.of("fetch.corrupt", host=host)) from exc
                chunks.append(chunk)
                if reservation is None and decoder.size > SMALL_BODY:
                    reservation = await self.budget.reserve(limit)
            response = Response(
                url=str(r.url),
                status=r.status_code,
                headers=dict(r.headers.items()),
                content=b"".join(chunks),
                etag=r.headers.get("etag"),
                last_modified=r.headers.get("last-modified"),
            )
        except BaseException:
            # The traceback keeps this frame alive until the error is handled: not its chunks.
            chunks.clear()
            if reservation is not None:
                reservation.release()
            raise
        if reservation is not None:
            # Held while anyone holds the body: through parsing, not just the download.
            weakref.finalize(response, reservation.release)
        return response


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


def _ssl_verify(verify: bool | str) -> bool | ssl.SSLContext:
    if isinstance(verify, bool):
        return verify
    # httpx 0.28 deprecates verify=<path>; an explicit context is the supported form.
    try:
        return ssl.create_default_context(cafile=verify)
    except (OSError, ssl.SSLError) as exc:
        raise FetchError(Problem.of("fetch.ca_bundle", path=verify, detail=exc)) from exc
