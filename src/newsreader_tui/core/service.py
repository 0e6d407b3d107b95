"""What the CLI and the UI call: refresh feeds, query and mark articles, search.

Fetching is async (one shared client); parsing and SQLite run in threads so an event loop that
also drives a UI never waits on them.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from .config import Settings
from .dates import resolve_tz
from .errors import NewsreaderError
from .fetch import Fetcher, FetchSettings
from .media import Extractor, ImageCache, MediaProgress, Prefetcher, default_extractor
from .media.images import shown_image_urls
from .models import (
    Article,
    ArticleRow,
    CachedImage,
    FeedConfig,
    FeedStatus,
    FetchOutcome,
    FetchState,
    SearchHit,
)
from .normalize import normalise_items
from .sources import read_feed
from .store import Filters, Store
from .text import clean_line
from .views import View

log = logging.getLogger(__name__)

SEARCH_LIMIT = 500
"""Most results a search view lists."""
LAST_VIEW_KEY = "last_view"


@dataclass(frozen=True)
class CategoryCounts:
    """A sidebar group: its name, unread count and feeds."""

    name: str
    unread: int
    feeds: tuple[FeedStatus, ...]


@dataclass(frozen=True)
class SidebarData:
    """Everything the sidebar shows. `smart` maps a smart view kind to the count shown beside it:
    unread articles, except for "starred" where it is the number starred."""

    smart: dict[str, int]
    categories: tuple[CategoryCounts, ...]


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
        extractor: Extractor = default_extractor,
    ) -> None:
        self.settings = settings
        self.store = store
        self.images = ImageCache(store)
        """The cached image files: `images.file(url)` is what the reader and `show --json` use."""
        self.clock = clock
        self._fetcher_factory = fetcher_factory or (lambda: Fetcher(fetch_settings(settings)))
        self.extractor = extractor
        """Picks an article page's main content; tests pass a stand-in."""
        self._last_search: tuple[str, list[int]] | None = None
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
        self,
        feeds: Sequence[FeedConfig] | None = None,
        *,
        progress: Progress | None = None,
        full_text: bool | None = None,
        images: bool | None = None,
        media_progress: MediaProgress | None = None,
        feeds_done: Callable[[list[FetchOutcome]], None] | None = None,
    ) -> list[FetchOutcome]:
        """Fetch the given feeds (all by default) concurrently; one failing never stops the rest.

        Returns one outcome per feed, in config order. `progress` counts feeds only. Then, for
        the feeds whose fetch succeeded: old articles are pruned; article pages are fetched for
        their full text (`full_text` None: feeds configured with full_text; True: every feed;
        False: none); images are downloaded (`images` None: unless settings.images is "off").
        Pages and images cover the newest `media.PER_FEED` articles of each feed, are never
        fetched twice for the same version, and report through `media_progress`; their failures
        are recorded per article or image and never fail the refresh. `feeds_done` hears the
        feed outcomes before that second phase, so a UI can show new articles at once.
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
            if feeds_done is not None:
                feeds_done([outcomes[feed.url] for feed in targets])

            succeeded = [feed for feed in targets if outcomes[feed.url].ok]
            if succeeded:
                await asyncio.to_thread(
                    self.store.prune,
                    days=self.settings.retention_days,
                    per_feed=self.settings.retention_per_feed,
                    now=self.clock(),
                    feeds=[feed.url for feed in succeeded],
                )
                await self._prefetcher(fetcher).after_refresh(
                    succeeded,
                    full_text=full_text,
                    images=self._want_images(images),
                    progress=media_progress,
                )
        await asyncio.to_thread(self.images.delete_orphans)
        return [outcomes[feed.url] for feed in targets]

    def _want_images(self, images: bool | None) -> bool:
        return self.settings.images != "off" if images is None else images

    def _prefetcher(self, fetcher: Fetcher) -> Prefetcher:
        return Prefetcher(
            self.store,
            fetcher,
            cache=self.images,
            extractor=self.extractor,
            clock=self.clock,
            max_image_bytes=max(1, int(self.settings.max_image_mb * 1024 * 1024)),
            timeout=self.settings.timeout,
        )

    # -- full text and images -----------------------------------------------------------------

    async def fetch_full_text(self, article_id: int, *, images: bool | None = None) -> Article:
        """Fetch one article's page now (the reader's F key) and return the updated article.

        The page is fetched unless this version of the article already has its full text;
        a failure is in the returned `Article.full_status`, never raised. Its images are then
        downloaded too (`images` None: unless settings.images is "off"). Raises
        `NewsreaderError` for an unknown id.
        """
        article = await asyncio.to_thread(self.store.article, article_id)
        if article is None:
            raise NewsreaderError(f"there is no article with id {article_id}")
        job = await asyncio.to_thread(self.store.full_text_job, article_id)
        want_images = self._want_images(images)
        if job is None or (job.done and not want_images):
            return article
        feed = self.find_feed(article.feed_url)
        async with self._fetcher_factory() as fetcher:
            prefetcher = self._prefetcher(fetcher)
            if not job.done:
                configs = {job.feed_url: feed} if feed is not None else {}
                await prefetcher.full_texts([job], configs)
            if want_images:
                await prefetcher.link_article(article_id)
                urls = await asyncio.to_thread(self.store.uncached_images, article_id)
                await prefetcher.images(urls)
        updated = await asyncio.to_thread(self.store.article, article_id)
        return updated or article

    def article_images(self, article_id: int) -> list[CachedImage]:
        """The article's images in reading order with their cache state ("ok", "pending" or the
        reason a download failed). Images of a body never listed before are listed now."""
        found = self.store.unlinked_article(article_id)
        if found is not None:
            article, body_rev = found
            self.store.link_images(article_id, body_rev, shown_image_urls(article))
        return self.store.article_images(article_id)

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
            Filters(category=category, feed=feed, unread=unread, starred=starred),
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

    # -- views (what the app's list shows) --------------------------------------------------------

    def sidebar(self) -> SidebarData:
        """Smart-view counts and the configured categories with their feeds, in config order."""
        now = self.clock()
        statuses = self.store.feeds()
        groups: dict[str, list[FeedStatus]] = {}
        for status in statuses:
            groups.setdefault(status.category, []).append(status)
        smart = {
            "all": sum(s.unread for s in statuses),
            "unread": sum(s.unread for s in statuses),
            "starred": self.store.count_articles(Filters(starred=True)),
            "today": self.store.count_articles(replace(View("today").filters(now), unread=True)),
        }
        categories = tuple(
            CategoryCounts(name, sum(f.unread for f in feeds), tuple(feeds))
            for name, feeds in groups.items()
        )
        return SidebarData(smart=smart, categories=categories)

    def view_count(self, view: View) -> int:
        """How many articles the list has for `view`."""
        if view.kind == "search":
            return len(self._search_ids(view.value))
        return self.store.count_articles(view.filters(self.clock()))

    def view_rows(self, view: View, offset: int, limit: int) -> list[ArticleRow]:
        """One page of the list for `view`: newest first, or best match first for a search."""
        if view.kind == "search":
            return self.store.rows_by_id(self._search_ids(view.value)[offset : offset + limit])
        return self.store.rows(view.filters(self.clock()), limit=limit, offset=offset)

    def mark_view_read(self, view: View) -> int:
        """Mark every article of `view` read; returns how many there were."""
        if view.kind == "search":
            ids = self._search_ids(view.value)
            self.store.mark(ids, read=True, now=self.clock())
            return len(ids)
        return self.store.mark_all_read(view.filters(self.clock()), now=self.clock())

    def _search_ids(self, query: str) -> list[int]:
        # Paging through results asks for the same query again and again: answer from memory.
        if self._last_search is None or self._last_search[0] != query:
            self._last_search = (query, self.store.search_ids(query, limit=SEARCH_LIMIT))
        return self._last_search[1]

    def forget_search(self) -> None:
        """Drop remembered search results (after a refresh changed the articles)."""
        self._last_search = None

    def last_view(self) -> View | None:
        """The view the app showed when it last closed."""
        return View.from_key(self.store.ui_state(LAST_VIEW_KEY))

    def remember_view(self, view: View) -> None:
        if view.kind != "search":
            self.store.set_ui_state(LAST_VIEW_KEY, view.key)
