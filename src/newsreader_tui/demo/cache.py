"""A cache filled with every demo article, for tests, screenshots and benchmarks.

They all want the same thing: the demo feeds refreshed through the real fetch, parse and store
path into a fresh data dir, the same way on every run, without binding a port. Article ids
follow the order feeds are refreshed in, so they are refreshed one at a time, in config order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx

from newsreader_tui.core.config import Settings
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.paths import database_path
from newsreader_tui.core.service import Service
from newsreader_tui.core.store import Store
from newsreader_tui.demo.feeds import BASE_DATE, demo_feeds
from newsreader_tui.demo.transport import IN_PROCESS_BASE_URL, DemoTransport


def fixed_clock() -> datetime:
    """The demo's "now": its base date, 2026-11-20 12:00 +07:00."""
    return BASE_DATE


def fetcher_factory(
    settings: Settings, transport: httpx.AsyncBaseTransport
) -> Callable[[], Fetcher]:
    """What `Service(..., fetcher_factory=...)` needs to fetch through `transport` with the
    network settings a Service would use itself."""
    return lambda: Fetcher(settings.network, transport=transport)


def demo_service(
    settings: Settings,
    data_dir: Path,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], datetime] = fixed_clock,
) -> Service:
    """A Service over `data_dir`'s cache (created if missing) with the demo's fixed clock,
    fetching through `transport` when one is given, else over the network as the CLI does."""
    factory = fetcher_factory(settings, transport) if transport is not None else None
    store = Store.open(database_path(data_dir))
    return Service(settings, store, clock=clock, fetcher_factory=factory)


async def refresh_one_by_one(service: Service) -> None:
    """Refresh every configured feed, one at a time (the same article ids on every run);
    raises RuntimeError naming the feeds that failed."""
    for feed in service.feeds:
        outcomes = await service.refresh([feed])
        failed = [f"{outcome.url}: {outcome.error}" for outcome in outcomes if not outcome.ok]
        if failed:
            raise RuntimeError("demo feed failed: " + "; ".join(failed))


def build_demo_cache(
    data_dir: Path,
    settings: Settings | None = None,
    *,
    transport: DemoTransport | None = None,
    clock: Callable[[], datetime] = fixed_clock,
) -> Path:
    """Fill a cache in `data_dir` with every demo article (and the pages and pictures a refresh
    fetches with them) through an in-process DemoTransport; returns the database's path.

    `settings` default to the demo feeds at the transport's base URL (IN_PROCESS_BASE_URL unless
    a `transport` is given) with no retries; pass your own to change what a refresh does, with
    feeds at that URL. Nothing binds a port. The store is closed again, so the data dir can be
    copied as it is.
    """
    transport = transport or DemoTransport(IN_PROCESS_BASE_URL)
    settings = settings or Settings.flat(feeds=demo_feeds(transport.base_url), retries=0)
    data_dir.mkdir(parents=True, exist_ok=True)
    was_running = transport.running
    transport.start()
    service = demo_service(settings, data_dir, transport=transport, clock=clock)
    try:
        asyncio.run(refresh_one_by_one(service))
    finally:
        service.store.close()  # the last connection folds the WAL into the file
        if not was_running:
            transport.stop()
    return database_path(data_dir)
