"""Group commit for a refresh: feeds that finish while a batch is being written go together into
the next one.

The first feed to finish is written at once, alone, so the reader shows its articles while the
others are still downloading; the feeds that finish meanwhile queue up and are written in one
transaction as soon as the store is free (`Store.write_fetches`). A batch is capped
(`MAX_FEEDS`, `MAX_ARTICLES`) so that one transaction stays short: the reader's own writes and
a second instance wait for it (rule 3: the store's busy timeout).

Told how many feeds to expect, a later batch of fewer than `most` feeds waits up to
`GATHER_SECONDS` for more while some are still to come. Each commit costs about the same
whatever it holds (FTS5 writes its pending rows out as a new index segment, to be merged
later): written as they came, the 200 feeds of a cold refresh took about 160 transactions and
0.61-0.69 s of the writing thread's CPU; in batches of up to five, 40 transactions and
0.49-0.51 s. A few hundredths of a second is nothing to a reader watching a refresh, and the
last feeds never wait for feeds that cannot come.

Each feed's `write` returns only once its batch is committed, so what the caller reports next
(progress, the UI's reload) is already in the cache and survives a kill -9.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from ..models import FetchOutcome
from ..store import FeedWrite, Store

MAX_FEEDS = 50
"""Feeds per transaction at most."""
MAX_ARTICLES = 2000
"""Articles per transaction at most (a feed is never split): about a tenth of a second."""
GATHER_SECONDS = 0.05
"""How long a batch after the first may wait for more feeds to join it."""

_RUNNING: set[asyncio.Task[None]] = set()
"""Writers' drain tasks, kept referenced while they run (the loop holds tasks only weakly)."""


class BatchWriter:
    """Writes a refresh's feeds in batches, one thread hop and one transaction per batch."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        *,
        expected: int = 0,
        most: int = MAX_FEEDS,
    ) -> None:
        """`expected`: the feeds this writer will be given in all (0: unknown, and batches
        never wait); a feed that will not come after all is `skip()`ped. `most`: the feeds a
        batch waits for at most (no more than can be in flight at once)."""
        self.store = store
        self.clock = clock
        self._expected = expected
        self._arrived = 0
        self._most = min(most, MAX_FEEDS)
        self._queue: list[tuple[FeedWrite, asyncio.Future[FetchOutcome]]] = []
        self._task: asyncio.Task[None] | None = None
        self._more = asyncio.Event()
        """Set when a feed joins the queue, for a batch waiting for more."""
        self.batches = 0
        """Transactions written so far."""

    async def write(self, write: FeedWrite) -> FetchOutcome:
        """Store one feed's fetch; return its outcome (with counts) once it is committed.
        Raises the batch's `StoreError` if the cache could not take it."""
        future: asyncio.Future[FetchOutcome] = asyncio.get_running_loop().create_future()
        self._queue.append((write, future))
        self._arrived += 1
        self._more.set()
        if self._task is None:
            self._task = asyncio.create_task(self._drain())
            _RUNNING.add(self._task)
            self._task.add_done_callback(_RUNNING.discard)
        return await future

    def skip(self) -> None:
        """One of the expected feeds will not be written (nothing to record for it)."""
        self._expected -= 1
        self._more.set()

    async def _drain(self) -> None:
        try:
            while self._queue:
                if self.batches:
                    await self._gather()
                batch = self._take()
                if not batch:
                    continue
                writes = [write for write, _ in batch]
                try:
                    outcomes = await asyncio.to_thread(
                        self.store.write_fetches, writes, now=self.clock()
                    )
                except Exception as error:  # StoreError mostly: every feed of the batch hears it
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    continue
                finally:
                    self.batches += 1
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if not future.done():
                        future.set_result(outcome)
        finally:
            self._task = None

    async def _gather(self) -> None:
        """Wait, `GATHER_SECONDS` at most, while more feeds may join the batch."""
        loop = asyncio.get_running_loop()
        until = loop.time() + GATHER_SECONDS
        while not self._full() and (left := until - loop.time()) > 0:
            self._more.clear()
            try:
                await asyncio.wait_for(self._more.wait(), left)
            except TimeoutError:
                return

    def _full(self) -> bool:
        """Whether the batch has all it should wait for: `most` feeds, `MAX_ARTICLES`, or
        every feed still expected."""
        if self._arrived >= self._expected or len(self._queue) >= self._most:
            return True
        return sum(len(write.items or ()) for write, _ in self._queue) >= MAX_ARTICLES

    def _take(self) -> list[tuple[FeedWrite, asyncio.Future[FetchOutcome]]]:
        """The next batch, oldest first; feeds whose caller gave up (cancelled) are dropped."""
        batch: list[tuple[FeedWrite, asyncio.Future[FetchOutcome]]] = []
        articles = 0
        while self._queue and len(batch) < MAX_FEEDS:
            write, future = self._queue[0]
            size = len(write.items or ())
            if batch and articles + size > MAX_ARTICLES:
                break
            self._queue.pop(0)
            if future.cancelled():
                continue
            batch.append((write, future))
            articles += size
        return batch
