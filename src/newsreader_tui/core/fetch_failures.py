"""What went wrong on the wire, in plain words: httpx's transport errors as coded problems.

httpx says little by itself: a reset mid-body is `ReadError('')`, a server that hangs up early
is a `RemoteProtocolError` quoting h11. The real cause is further down the exception chain (an
`OSError` with an errno, an `ssl.SSLError`, h11's message), so `transport_problem` walks the
chain and names what happened: refused, reset, closed early, not HTTP at all, TLS, DNS, a
timeout. Every problem names the host; none ends in an empty detail.
"""

from __future__ import annotations

import errno
import os
import socket
import ssl

import httpx

from newsreader_tui.core.errors import FetchError, Problem

__all__ = [
    "RetryableError",
    "causes",
    "check_length",
    "check_url",
    "reason_phrase",
    "secs",
    "too_large",
    "transport_problem",
]


class RetryableError(FetchError):
    """A failure worth another attempt; `delay` is the server's Retry-After in seconds, if any."""

    def __init__(
        self, message: str | Problem, status: int | None = None, delay: float | None = None
    ) -> None:
        super().__init__(message, status=status)
        self.delay = delay


_RESET = (errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED)
_UNREACHABLE = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN)


def causes(exc: BaseException) -> list[BaseException]:
    """`exc` and what caused it, outermost first."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def secs(value: float) -> str:
    """Seconds as a problem shows them: 20, 0.5."""
    return f"{value:g}"


def transport_problem(
    exc: httpx.TransportError, host: str, *, connect_timeout: float, read_timeout: float
) -> FetchError:
    """The error to raise for a transport failure talking to `host`: retryable when another
    attempt may well work (refused, reset, closed early, a connect timeout)."""
    chain = causes(exc)
    if isinstance(exc, httpx.ConnectTimeout):
        seconds = secs(connect_timeout)
        return RetryableError(Problem.of("fetch.connect_timeout", host=host, seconds=seconds))
    if isinstance(exc, httpx.ReadTimeout):
        seconds = secs(read_timeout)
        return FetchError(Problem.of("fetch.read_timeout", seconds=seconds, host=host))
    if isinstance(exc, httpx.WriteTimeout | httpx.PoolTimeout):
        seconds = secs(read_timeout)
        return FetchError(Problem.of("fetch.write_timeout", seconds=seconds, host=host))
    if isinstance(exc, httpx.ProxyError):
        return FetchError(Problem.of("fetch.proxy", host=host, detail=_detail(chain)))
    tls = _tls_problem(chain, host)
    if tls is not None:
        return FetchError(tls)
    if isinstance(exc, httpx.ConnectError):
        return _connect_problem(chain, host)
    if isinstance(exc, httpx.RemoteProtocolError):
        return _protocol_problem(str(exc), host)
    for cause in chain:
        if isinstance(cause, OSError) and cause.errno in _RESET:
            return RetryableError(Problem.of("fetch.reset", host=host))
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        # A read or write that failed with no errno to say why: the connection went away.
        return RetryableError(Problem.of("fetch.closed", host=host))
    return FetchError(Problem.of("fetch.network", host=host, detail=_detail(chain)))


def _tls_problem(chain: list[BaseException], host: str) -> Problem | None:
    for cause in chain:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return Problem.of("fetch.tls_verify", host=host)
    for cause in chain:
        if isinstance(cause, ssl.SSLError):
            detail = cause.reason or cause.strerror or type(cause).__name__
            return Problem.of("fetch.tls_handshake", host=host, detail=detail)
    return None


def _connect_problem(chain: list[BaseException], host: str) -> FetchError:
    for cause in chain:
        if isinstance(cause, socket.gaierror):
            # Name lookup failures rarely fix themselves within a second; do not retry.
            return FetchError(Problem.of("fetch.host_not_found", host=host))
        if isinstance(cause, ConnectionRefusedError):
            return RetryableError(Problem.of("fetch.refused", host=host))
        if isinstance(cause, OSError) and cause.errno in _UNREACHABLE:
            return RetryableError(Problem.of("fetch.unreachable", host=host))
        if isinstance(cause, OSError) and cause.errno in _RESET:
            return RetryableError(Problem.of("fetch.reset", host=host))
    detail = _detail(chain)
    return RetryableError(Problem.of("fetch.connect_failed", host=host, detail=detail))


def _protocol_problem(message: str, host: str) -> FetchError:
    text = message.lower()
    if "without sending a response" in text or "disconnected" in text:
        # Typically a keep-alive connection the server had already closed: safe to retry a GET.
        return RetryableError(Problem.of("fetch.closed", host=host))
    if "without sending complete message body" in text or "incomplete" in text:
        return RetryableError(Problem.of("fetch.closed_early", host=host))
    return FetchError(Problem.of("fetch.not_http", host=host))


def _detail(chain: list[BaseException]) -> str:
    """The most specific words in the chain: an OS error's own text, else the first message,
    else the innermost error's name; never empty."""
    for cause in reversed(chain):
        if isinstance(cause, OSError) and cause.errno is not None:
            return cause.strerror or os.strerror(cause.errno)
    for cause in chain:
        if str(cause).strip():
            return str(cause)
    return type(chain[-1]).__name__


def check_url(url: str) -> str:
    """The host of `url`; raises FetchError for a URL we cannot fetch."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(Problem.of("fetch.invalid_url", url=url, detail=exc)) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(Problem.of("fetch.bad_scheme", url=url))
    if not parsed.host:
        raise FetchError(Problem.of("fetch.no_host", url=url))
    return parsed.host


def check_length(header: str | None, limit: int, host: str) -> None:
    """Refuse a body whose Content-Length is already past `limit`."""
    try:
        length = int(header) if header is not None else None
    except ValueError:
        return  # a bogus header is ignored; the streamed count still enforces the cap
    if length is not None and length > limit:
        raise FetchError(too_large(host, limit))


def too_large(host: str, limit: int) -> Problem:
    return Problem.of("fetch.too_large", host=host, limit=_human_size(limit))


def reason_phrase(status: int) -> str:
    return httpx.codes.get_reason_phrase(status) or "error"


def _human_size(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"
