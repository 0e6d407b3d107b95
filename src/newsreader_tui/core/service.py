"""What really coordinates: refreshing feeds (fetch -> parse -> normalise -> store -> prefetch)
and fetching one article's page on demand. Everything else the CLI and the UI need they ask the
store, the views or the image cache directly.

Which calls are coroutines and which are synchronous (the one place that says so):

    coroutines (await them; the UI runs them in async workers)
        Service.refresh, Service.fetch_full_text          SQLite inside goes to threads, feed
                                                          parsing to worker processes
                                                          (sources.isolate)
        Prefetcher.*, media.pages.fetch_page, media.images.download_image
    synchronous SQLite or file work (the UI runs them in thread workers, never on its loop)
        Store.*                   thread-safe; the CLI opens it: `with Store.open(path) as store`
        ViewQueries.*             (core.views) the sidebar's and the list's queries; built by
                                  make_app over the service's store and clock
        ImageCache.*              (service.images) file, write, delete_orphans
        Service(...)              writes the configured feeds to the store once, at start
    synchronous, in memory
        Service.feeds, Service.find_feed, ViewQueries.forget_search, View.*
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from .config import Settings, feed_identity
from .dates import resolve_tz
from .errors import NewsreaderError, Problem, StoreError
from .fetch import Fetcher, Response, RetryLater
from .media import Extractor, ImageCache, MediaProgress, Prefetcher, default_extractor
from .models import Article, FeedConfig, FetchOutcome, FetchState, NewArticle, ParsedFeed
from .refresh import BatchWriter, decide
from .refresh.arenas import share_malloc_arenas
from .sources import read_articles
from .sources.isolate import POOL
from .store import FeedWrite, Store
from .transfer import time_allowance

log = logging.getLogger(__name__)

GATHER_FEEDS = 5
"""Feeds a batch of the refresh's writes may wait for (`refresh.writer`), when that many are
still on their way and may be in flight at once."""

BODIES_PER_CONNECTION = 4
"""Feeds in flight (downloading, waiting to be parsed, parsing or being stored) per connection
the fetcher may open: downloads stay ahead of parsing, but a slow parse or store does not let
every body of a 1000-feed refresh pile up in memory."""

Progress = Callable[[FetchOutcome, int, int], None]
"""Called after each feed with (outcome, feeds done, feeds in this refresh), once what the feed
brought is committed to the cache: a reader reloading then shows it, and a kill keeps it."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class Service:
    """Refreshing and on-demand fetching behind one config and one open cache database.

    The caller opens and closes the store; the service only uses it.
    """

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
        self._fetcher_factory = fetcher_factory or (lambda: Fetcher(settings.network))
        self.extractor = extractor
        """Picks an article page's main content; tests pass a stand-in."""
        self._pool_cold = True
        """No body has needed parsing yet in this refresh: a refresh where nothing changed
        never starts a parse worker."""
        store.sync_feeds(settings.feeds)

    @property
    def feeds(self) -> tuple[FeedConfig, ...]:
        return self.settings.feeds

    def find_feed(self, url: str) -> FeedConfig | None:
        """The configured feed with this URL, by `config.feed_identity`: the rule that also
        keeps two entries for one feed out of the config, so exactly one can match."""
        wanted = feed_identity(url)
        for feed in self.settings.feeds:
            if feed_identity(feed.url) == wanted:
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

        Returns one outcome per feed, in config order. `progress` counts feeds only. Feeds are
        stored in batches (`refresh.writer`): the first at once, the ones finishing meanwhile
        together in the next transaction. Then, for the feeds whose fetch succeeded: old
        articles are pruned; article pages are fetched for their full text (`full_text` None:
        feeds configured with full_text; True: every feed; False: none); images are downloaded
        (`images` None: unless settings.images is "off"). Pages and images cover the newest
        `media.PER_FEED` articles of each feed, are never fetched twice for the same version,
        and report through `media_progress`; their failures are recorded per article or image
        and never fail the refresh. `feeds_done` hears the feed outcomes before that second
        phase, so a UI can show new articles at once.
        """
        targets = list(self.settings.feeds if feeds is None else feeds)
        if not targets:
            return []
        self.store.check_writable()
        share_malloc_arenas()  # before the threads below first allocate
        done = 0
        outcomes: dict[str, FetchOutcome] = {}
        cache_failures: list[StoreError] = []
        connections = max(self.settings.network.concurrency, 1)
        most_in_flight = connections * BODIES_PER_CONNECTION
        in_flight = asyncio.Semaphore(most_in_flight)
        # One read for every feed's validators, one transaction per batch of feeds to store:
        # a batch waits a moment for the feeds still on their way that could join it.
        states = await asyncio.to_thread(self.store.fetch_states, [feed.url for feed in targets])
        writer = BatchWriter(
            self.store,
            self.clock,
            expected=len(targets),
            most=min(GATHER_FEEDS, most_in_flight),
        )
        # Workers take a few tenths of a second to start: when some feed has never been read
        # (a first refresh, a new feed) its body will need them, so they start with the first
        # downloads; otherwise only when a body turns out to need parsing.
        self._pool_cold = True
        if any(state.body_hash is None for state in states.values()):
            self._pool_cold = False
            POOL.warm()

        async with self._fetcher_factory() as fetcher:

            async def one(feed: FeedConfig) -> None:
                nonlocal done
                try:
                    async with in_flight:
                        outcome = await self._refresh_feed(fetcher, writer, feed, states[feed.url])
                except StoreError as error:  # the cache's problem, not the feed's: said below
                    cache_failures.append(error)
                    return
                outcomes[feed.url] = outcome
                done += 1
                if progress is not None:
                    progress(outcome, done, len(targets))

            await asyncio.gather(*(one(feed) for feed in decide.fetch_order(targets)))
            if cache_failures:  # a full disk, a damaged cache: the real reason, once
                raise cache_failures[0]
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
            timeout=self.settings.network.timeout,
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
            raise NewsreaderError(Problem.of("article.missing", ids=article_id))
        self.store.check_writable()
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

    async def _refresh_feed(
        self, fetcher: Fetcher, writer: BatchWriter, feed: FeedConfig, state: FetchState
    ) -> FetchOutcome:
        """Fetch one feed and store what it brought; returns once that is committed. The
        decisions are `refresh.decide`'s; this carries them out."""
        waiting = decide.must_wait(feed.url, state, self.clock())
        if waiting is not None:
            writer.skip()  # nothing to record: the batches need not wait for it
            return waiting
        try:
            # One deadline for all of it: retries, a second request, parsing (core.transfer).
            with time_allowance(feed.timeout or self.settings.network.timeout):
                write = await self._fetch_and_read(fetcher, feed, state)
        except StoreError:
            raise
        except RetryLater as error:
            write = decide.told_to_wait(
                feed.url, error.host, error.status, error.seconds, self.clock()
            )
        except NewsreaderError as error:
            write = decide.failed(feed.url, error.problem, getattr(error, "status", None))
        except Exception as error:  # a bug in one feed's path must not stop the others
            log.exception("refreshing %s failed", feed.url)
            write = decide.failed(feed.url, Problem.of("internal", detail=repr(error)))
        return await writer.write(write)

    async def _fetch_and_read(
        self, fetcher: Fetcher, feed: FeedConfig, state: FetchState
    ) -> FeedWrite:
        url = state.resolved_url or feed.url
        timeout = feed.timeout or self.settings.network.timeout
        response = await fetcher.get(
            url, etag=state.etag, last_modified=state.last_modified, timeout=timeout
        )
        digest = decide.body_hash(response)
        settled = decide.after_response(feed, state, response, digest)
        if settled is not None:  # 304, or the body read last time: nothing to parse
            return settled
        if self._pool_cold:  # the first body to parse: start every parse worker now
            self._pool_cold = False
            POOL.warm()
        parsed, items = await self._parse(fetcher, feed, url, response)
        return decide.after_parse(
            feed,
            state,
            response,
            digest,
            url=url,
            title=parsed.title,
            feed_url=parsed.feed_url,
            warning=parsed.warning,
            items=items,
        )

    async def _parse(
        self, fetcher: Fetcher, feed: FeedConfig, url: str, response: Response
    ) -> tuple[ParsedFeed, list[NewArticle]]:
        """The body read as a feed, and its items as articles to store."""
        limit = min(feed.max_items or self.settings.max_items, self.settings.max_items)
        # The limit goes to the parser too: items past it are never parsed (core.sources.xmlscan).
        # Parsed and normalised in a worker process (core.sources.isolate): both cores work.
        tz = resolve_tz(feed.timezone or self.settings.timezone)
        config = replace(feed, url=url, max_items=limit)
        return await read_articles(fetcher, config, response, tz=tz)
