"""Group commit for a refresh: feeds that finish while a batch is being written go together into
the next one.

The first feed to finish is written at once, alone, so the reader shows its articles while the
others are still downloading; the feeds that finish meanwhile queue up and are written in one
transaction as soon as the store is free (`Store.write_fetches`). Batches grow with the load
and need no timer: a quiet refresh writes each feed as it comes, a busy one a few dozen at a
time. A batch is capped (`MAX_FEEDS`, `MAX_ARTICLES`) so that one transaction stays short: the
reader's own writes and a second instance wait for it (rule 3: the store's busy timeout).

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

_RUNNING: set[asyncio.Task[None]] = set()
"""Writers' drain tasks, kept referenced while they run (the loop holds tasks only weakly)."""


class BatchWriter:
    """Writes a refresh's feeds in batches, one thread hop and one transaction per batch."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self._queue: list[tuple[FeedWrite, asyncio.Future[FetchOutcome]]] = []
        self._task: asyncio.Task[None] | None = None
        self.batches = 0
        """Transactions written so far."""

    async def write(self, write: FeedWrite) -> FetchOutcome:
        """Store one feed's fetch; return its outcome (with counts) once it is committed.
        Raises the batch's `StoreError` if the cache could not take it."""
        future: asyncio.Future[FetchOutcome] = asyncio.get_running_loop().create_future()
        self._queue.append((write, future))
        if self._task is None:
            self._task = asyncio.create_task(self._drain())
            _RUNNING.add(self._task)
            self._task.add_done_callback(_RUNNING.discard)
        return await future

    async def _drain(self) -> None:
        try:
            while self._queue:
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
