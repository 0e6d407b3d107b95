"""What the CLI and the UI call: refresh feeds, query and mark articles, search.

Fetching is async (one shared client); parsing and SQLite run in threads so an event loop that
also drives a UI never waits on them.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from .config import Settings
from .dates import resolve_tz
from .errors import NewsreaderError
from .fetch import Fetcher, FetchSettings
from .models import Article, FeedConfig, FeedStatus, FetchOutcome, FetchState, SearchHit
from .normalize import normalise_items
from .sources import read_feed
from .store import Store
from .text import clean_line

log = logging.getLogger(__name__)

Progress = Callable[[FetchOutcome, int, int], None]
"""Called after each feed with (outcome, feeds done, feeds in this refresh)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def fetch_settings(settings: Settings) -> FetchSettings:
    """The fetcher's share of the user's settings."""
    return FetchSettings(
        timeout=settings.timeout,
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.timeout,
        concurrency=settings.concurrency,
        per_host=settings.per_host,
        max_bytes=settings.max_bytes,
        retries=settings.retries,
        proxy=settings.proxy,
        verify=settings.verify,
    )


class Service:
    """The application core behind one config and one cache database."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        clock: Callable[[], datetime] = utc_now,
        fetcher_factory: Callable[[], Fetcher] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock
        self._fetcher_factory = fetcher_factory or (lambda: Fetcher(fetch_settings(settings)))
        store.sync_feeds(settings.feeds)

    @property
    def feeds(self) -> tuple[FeedConfig, ...]:
        return self.settings.feeds

    def find_feed(self, url: str) -> FeedConfig | None:
        """The configured feed with this URL (trailing slash and case of the host ignored)."""
        wanted = url.strip().rstrip("/").lower()
        for feed in self.settings.feeds:
            if feed.url.rstrip("/").lower() == wanted:
                return feed
        return None

    # -- refreshing -------------------------------------------------------------------------

    async def refresh(
        self, feeds: Sequence[FeedConfig] | None = None, *, progress: Progress | None = None
    ) -> list[FetchOutcome]:
        """Fetch the given feeds (all by default) concurrently; one failing never stops the rest.

        Returns one outcome per feed, in config order. Old articles are pruned afterwards, only
        for feeds whose fetch succeeded.
        """
        targets = list(self.settings.feeds if feeds is None else feeds)
        if not targets:
            return []
        done = 0
        outcomes: dict[str, FetchOutcome] = {}

        async with self._fetcher_factory() as fetcher:

            async def one(feed: FeedConfig) -> None:
                nonlocal done
                outcome = await self._refresh_feed(fetcher, feed)
                outcomes[feed.url] = outcome
                done += 1
                if progress is not None:
                    progress(outcome, done, len(targets))

            await asyncio.gather(*(one(feed) for feed in targets))

        succeeded = [feed.url for feed in targets if outcomes[feed.url].ok]
        if succeeded:
            await asyncio.to_thread(
                self.store.prune,
                days=self.settings.retention_days,
                per_feed=self.settings.retention_per_feed,
                now=self.clock(),
                feeds=succeeded,
            )
        return [outcomes[feed.url] for feed in targets]

    async def _refresh_feed(self, fetcher: Fetcher, feed: FeedConfig) -> FetchOutcome:
        state = await asyncio.to_thread(self.store.fetch_state, feed.url)
        try:
            outcome, new_state, title = await self._fetch_and_store(fetcher, feed, state)
        except NewsreaderError as error:
            status = getattr(error, "status", None)
            outcome = FetchOutcome(feed.url, "error", http_status=status, error=str(error))
            new_state, title = None, None
        except Exception as error:  # a bug in one feed's path must not stop the others
            log.exception("refreshing %s failed", feed.url)
            outcome = FetchOutcome(feed.url, "error", error=f"internal error: {error!r}")
            new_state, title = None, None
        await asyncio.to_thread(
            self.store.record_fetch, outcome, state=new_state, feed_title=title, now=self.clock()
        )
        return outcome

    async def _fetch_and_store(
        self, fetcher: Fetcher, feed: FeedConfig, state: FetchState
    ) -> tuple[FetchOutcome, FetchState | None, str | None]:
        url = state.resolved_url or feed.url
        timeout = feed.timeout or self.settings.timeout
        response = await fetcher.get(
            url, etag=state.etag, last_modified=state.last_modified, timeout=timeout
        )
        if response.not_modified:
            return FetchOutcome(feed.url, "not_modified", http_status=304), state, None
        body_hash = hashlib.sha256(response.content).hexdigest()
        if body_hash == state.body_hash and feed.kind != "wordpress":
            kept = replace(state, etag=response.etag, last_modified=response.last_modified)
            return FetchOutcome(feed.url, "unchanged", http_status=response.status), kept, None

        parsed = await read_feed(fetcher, replace(feed, url=url), response)
        limit = min(feed.max_items or self.settings.max_items, self.settings.max_items)
        tz = resolve_tz(feed.timezone or self.settings.timezone)
        items = await asyncio.to_thread(
            normalise_items, parsed.items, base_url=response.url, tz=tz, limit=limit
        )
        new, updated = await asyncio.to_thread(
            self.store.upsert_articles, feed.url, items, self.clock()
        )
        title = clean_line(parsed.title) or None
        followed = parsed.feed_url is not None and parsed.feed_url != url
        new_state = FetchState(
            # Validators of an HTML page say nothing about the feed it pointed to.
            etag=None if followed else response.etag,
            last_modified=None if followed else response.last_modified,
            body_hash=None if followed else body_hash,
            resolved_url=parsed.feed_url if followed else state.resolved_url,
        )
        outcome = FetchOutcome(
            feed.url,
            "ok",
            http_status=response.status,
            warning=parsed.warning,
            new=new,
            updated=updated,
            total=len(items),
            title=title,
        )
        return outcome, new_state, title

    # -- queries and state --------------------------------------------------------------------

    def feed_statuses(self) -> list[FeedStatus]:
        return self.store.feeds()

    def articles(
        self,
        *,
        category: str | None = None,
        feed: str | None = None,
        unread: bool = False,
        starred: bool = False,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[Article]:
        return self.store.articles(
            category=category,
            feed=feed,
            unread=unread,
            starred=starred,
            limit=limit,
            offset=offset,
        )

    def article(self, article_id: int) -> Article | None:
        return self.store.article(article_id)

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        return self.store.search(query, limit=limit)

    def mark(
        self, ids: Sequence[int], *, read: bool | None = None, starred: bool | None = None
    ) -> list[int]:
        """Set read/starred state; returns the ids that do not exist."""
        return self.store.mark(ids, read=read, starred=starred, now=self.clock())
