"""Limits of one transfer: its time (`Deadline`) and its memory (bounded decompression and a
byte budget shared by the fetcher).

Time: a feed's `timeout` covers all of it, retries, the waits between them, a second request
(an HTML page's advertised feed, a WordPress API) and parsing: `time_allowance(seconds)` sets
one `Deadline` for a feed's refresh, which the fetcher and the parser find by
`current_deadline()`. It starts when the feed's first request gets a connection.

Memory: two things let a hostile server spend ours, and this module closes both:

- httpx inflates each network chunk of a gzip body whole, so one 64 KB chunk of a gzip bomb
  becomes 64 MB before anyone can count it. `BodyDecoder` inflates with zlib's `max_length`,
  so no step ever produces more than the bytes the size cap still allows.
- Every feed of a refresh may download at once, each up to the size cap: sixteen feeds of
  20 MB would be 320 MB in memory before parsing. `BodyBudget` lets any number of small bodies
  through, but a body that grows past `SMALL_BODY` must first reserve its whole cap from one
  budget shared by the fetcher, and keeps the reservation until the `Response` holding it is
  dropped, i.e. through parsing too. Reservations are counted per asyncio task (one feed of a
  refresh): a feed that follows its HTML page to the real feed, or reads a WordPress API, holds
  its first body while it fetches the next, and must not wait on itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import zlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

__all__ = [
    "ACCEPT_ENCODING",
    "SMALL_BODY",
    "BodyBudget",
    "BodyDecoder",
    "CorruptBody",
    "Deadline",
    "Reservation",
    "TooLarge",
    "current_deadline",
    "time_allowance",
]

SMALL_BODY = 2 * 1024 * 1024
"""Bodies up to this size never wait for the budget: ordinary feeds, pages and thumbnails."""

_DECODERS: dict[str, Callable[[], zlib._Decompress]] = {
    "gzip": lambda: zlib.decompressobj(zlib.MAX_WBITS | 16),
    "x-gzip": lambda: zlib.decompressobj(zlib.MAX_WBITS | 16),
    "deflate": lambda: zlib.decompressobj(),
}

_STEP = 256 * 1024
"""Most bytes inflated at once."""

ACCEPT_ENCODING = "gzip, deflate"
"""What we ask servers for: exactly the encodings `BodyDecoder` can inflate under a bound."""


class TooLarge(Exception):
    """The decoded body went past the limit."""


class CorruptBody(Exception):
    """The body does not decompress."""


class _Layer:
    """One encoding to undo, with its decompressor."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.decompressor = _DECODERS[name]()
        # "deflate" is meant to be zlib-wrapped, but some servers send it raw (httpx reads both):
        # the bytes before the first output are kept to try again as raw deflate.
        self._start: bytes | None = b"" if name == "deflate" else None

    def inflate(self, data: bytes, room: int) -> bytes:
        """At most `room` bytes of output; `room` reached means there is more than allowed.

        Inflated in steps of `_STEP`, so that refusing a bomb never costs a buffer the size of
        the cap: the step that passes `room` is the last one made."""
        parts: list[bytes] = []
        made = 0
        while True:
            step = min(room - made, _STEP)
            out = self._step(data, step)
            parts.append(out)
            made += len(out)
            if made >= room:
                parts.clear()
                raise TooLarge
            if len(out) < step:
                break  # below max_length zlib has used all of `data` and holds nothing back
            data = self.decompressor.unconsumed_tail  # may be b"": output still pending
        return b"".join(parts)

    def _step(self, data: bytes, step: int) -> bytes:
        try:
            out = self.decompressor.decompress(data, step)
        except zlib.error as exc:
            if self._start is None:
                raise CorruptBody from exc
            data, self._start = self._start + data, None
            self.decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
            try:
                return self.decompressor.decompress(data, step)
            except zlib.error as again:
                raise CorruptBody from again
        if self._start is not None:
            self._start = None if out else self._start + data
        return out


class BodyDecoder:
    """Turns raw body chunks into content bytes, never producing more than `limit` in total.

    `content_encoding` is the response's Content-Encoding header. gzip and deflate (one or
    several, in the order applied) are inflated here; an encoding we did not ask for and do not
    know is passed through undecoded, as httpx does.
    """

    def __init__(self, content_encoding: str, limit: int) -> None:
        names = [name.strip().lower() for name in content_encoding.split(",")]
        # The last encoding applied is the first to undo.
        self._layers = [_Layer(name) for name in reversed(names) if name in _DECODERS]
        self.limit = limit
        self.size = 0

    def decode(self, data: bytes) -> bytes:
        """The content bytes in `data`; raises TooLarge past the limit, CorruptBody on bad data."""
        room = self.limit - self.size + 1
        for number, layer in enumerate(self._layers, 1):
            # An inner encoding's output is still compressed: bounded per call by the whole cap.
            data = layer.inflate(data, room if number == len(self._layers) else self.limit + 1)
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge
        return data


class BodyBudget:
    """Bytes of large bodies in memory at once, shared by every request of one `Fetcher`.

    A body that grows past `SMALL_BODY` reserves its whole cap (`reserve(limit)`) and waits,
    first come first served, until the reservation fits in `total`; a lone reservation always
    fits, whatever its size. A task that already holds a reservation never waits (it may be
    holding the very body that would have to go), so the bound is `total` plus what one feed
    holds at once, and no feed can wait on itself.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.reserved = 0
        self._holders: dict[asyncio.Task[object] | None, int] = {}
        self._waiting: list[tuple[int, asyncio.Task[object] | None, asyncio.Future[None]]] = []

    async def reserve(self, size: int) -> Reservation:
        """Reserve `size` bytes for the current task, waiting while others hold the budget."""
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        if task in self._holders or (not self._waiting and self._fits(size)):
            self._grant(task, size)
        else:
            granted = loop.create_future()
            entry = (size, task, granted)
            self._waiting.append(entry)
            try:
                await granted
            except BaseException:
                if entry in self._waiting:
                    self._waiting.remove(entry)
                elif granted.done() and not granted.cancelled():
                    self._release(task, size)  # granted just as we were cancelled
                raise
        return Reservation(self, task, size, loop)

    def _fits(self, size: int) -> bool:
        return self.reserved == 0 or self.reserved + size <= self.total

    def _grant(self, task: asyncio.Task[object] | None, size: int) -> None:
        self.reserved += size
        self._holders[task] = self._holders.get(task, 0) + size

    def _release(self, task: asyncio.Task[object] | None, size: int) -> None:
        self.reserved -= size
        left = self._holders.get(task, 0) - size
        if left > 0:
            self._holders[task] = left
        else:
            self._holders.pop(task, None)
        while self._waiting and self._fits(self._waiting[0][0]):
            size, task, granted = self._waiting.pop(0)
            if granted.done():
                continue
            self._grant(task, size)
            granted.set_result(None)


class Reservation:
    """Bytes held in a `BodyBudget`; `release()` (idempotent, from any thread) gives them back.

    The fetcher ties it to the `Response` whose body it covers, so it ends when that is dropped.
    """

    def __init__(
        self,
        budget: BodyBudget,
        task: asyncio.Task[object] | None,
        size: int,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self._budget: BodyBudget | None = budget
        self._task = task
        self._size = size
        self._loop = loop

    def release(self) -> None:
        budget, self._budget = self._budget, None
        if budget is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            budget._release(self._task, self._size)
            return
        # Dropped in a worker thread (or after the loop): hand it to the loop that owns the budget.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(budget._release, self._task, self._size)


class Deadline:
    """One feed's time allowance: starts when its first request gets a connection (so a feed
    queued behind others does not spend it waiting) and covers every later request, the waits
    between retries and its parsing."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end: float | None = None

    def start(self) -> None:
        if self._end is None:
            self._end = time.monotonic() + self.seconds

    def remaining(self) -> float:
        """Seconds left; all of them until started, never below zero."""
        if self._end is None:
            return self.seconds
        return max(self._end - time.monotonic(), 0.0)


_DEADLINE: ContextVar[Deadline | None] = ContextVar("newsreader_feed_deadline", default=None)


@contextlib.contextmanager
def time_allowance(seconds: float) -> Iterator[Deadline]:
    """Run a block (one feed's refresh) under one `Deadline`, seen by `current_deadline()`:
    the fetcher and the parser find it there, so nothing between them passes it along."""
    deadline = Deadline(seconds)
    token = _DEADLINE.set(deadline)
    try:
        yield deadline
    finally:
        _DEADLINE.reset(token)


def current_deadline() -> Deadline | None:
    """The deadline of the feed being refreshed in this task, if any."""
    return _DEADLINE.get()
