"""Prefetching for offline reading: article pages (full text) and images, after the feeds.

`Prefetcher` works on what the store already holds and goes out through a `Fetcher` the caller
opened, so pages and images share the feeds' limits (concurrency, per host, proxy, size). Each
page or image is saved as soon as it arrives; failures are recorded per item and reported
through `MediaProgress`, never raised.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from newsreader_tui.core.errors import NewsreaderError
from newsreader_tui.core.fetch import Fetcher
from newsreader_tui.core.media.image_cache import ImageCache
from newsreader_tui.core.media.images import download_image, shown_image_urls, thumbnail_urls
from newsreader_tui.core.media.pages import Extractor, fetch_page
from newsreader_tui.core.models import Article, FeedConfig, FullTextJob
from newsreader_tui.core.store import Store

log = logging.getLogger(__name__)

PER_FEED = 200
"""Newest articles per feed whose pages and images a refresh prefetches."""


@dataclass(frozen=True)
class MediaEvent:
    """One page or image done, for progress and the CLI's summary."""

    kind: str
    """"full_text" or "image"."""
    url: str
    status: str
    """"ok", "not_modified" (full text unchanged since the last fetch), or the plain reason."""
    done: int
    """Items of this kind finished so far in this phase."""
    total: int

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "not_modified")


MediaProgress = Callable[[MediaEvent], None]
"""Called after each page or image of a refresh's prefetch phase."""


class _Counter:
    """Numbers events of one phase and hands them to the caller's callback."""

    def __init__(self, kind: str, total: int, progress: MediaProgress | None) -> None:
        self.kind, self.total, self.progress, self.done = kind, total, progress, 0

    def __call__(self, url: str, status: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(MediaEvent(self.kind, url, status, self.done, self.total))


class Prefetcher:
    """Fetches full text and images for stored articles; one per refresh or F key press."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        *,
        cache: ImageCache,
        extractor: Extractor,
        clock: Callable[[], datetime],
        max_image_bytes: int,
        timeout: float,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.cache = cache
        self.extractor = extractor
        self.clock = clock
        self.max_image_bytes = max_image_bytes
        self.timeout = timeout

    async def after_refresh(
        self,
        feeds: Sequence[FeedConfig],
        *,
        full_text: bool | None,
        images: bool,
        progress: MediaProgress | None = None,
    ) -> None:
        """Pages, then images, for the recent articles of `feeds` (the ones just refreshed).

        `full_text` None fetches pages of the feeds configured with full_text, True of every
        feed, False of none. Pages come first so the images of the fetched pages come along.
        """
        if full_text is None:
            pages = [feed for feed in feeds if feed.full_text]
        else:
            pages = list(feeds) if full_text else []
        try:
            if pages:
                jobs = await asyncio.to_thread(
                    self.store.full_text_jobs, [feed.url for feed in pages], per_feed=PER_FEED
                )
                await self.full_texts(jobs, {feed.url: feed for feed in pages}, progress)
            if images:
                urls = [feed.url for feed in feeds]
                await self.link_images(urls)
                pending = await asyncio.to_thread(
                    self.store.pending_images, urls, per_feed=PER_FEED
                )
                await self.images(pending, progress)
        except NewsreaderError as error:  # e.g. the cache file stayed locked by another process
            log.warning("prefetching pages and images stopped: %s", error)

    async def full_texts(
        self,
        jobs: Sequence[FullTextJob],
        feeds: Mapping[str, FeedConfig],
        progress: MediaProgress | None = None,
    ) -> None:
        """Fetch and store the page of every job, concurrently within the fetcher's limits."""
        count = _Counter("full_text", len(jobs), progress)

        async def one(job: FullTextJob) -> None:
            feed = feeds.get(job.feed_url)
            result = await fetch_page(
                self.fetcher,
                job,
                extractor=self.extractor,
                selector=feed.content_selector if feed else None,
                timeout=(feed.timeout if feed else None) or self.timeout,
            )
            await asyncio.to_thread(self.store.save_full_text, job, result, now=self.clock())
            unchanged = result.ok and result.html is None
            count(job.url, "not_modified" if unchanged else result.status)

        _log_failures(await asyncio.gather(*(one(job) for job in jobs), return_exceptions=True))

    async def link_images(self, feeds: Sequence[str], *, per_feed: int = PER_FEED) -> None:
        """List the images of recent articles whose bodies changed since they were last listed."""
        pending = await asyncio.to_thread(self.store.unlinked_articles, feeds, per_feed=per_feed)
        for article, body_rev in pending:
            urls = await asyncio.to_thread(_image_urls, article)
            await asyncio.to_thread(self.store.link_images, article.id, body_rev, urls)

    async def link_article(self, article_id: int) -> None:
        """List one article's images if its current body has not been listed yet."""
        found = await asyncio.to_thread(self.store.unlinked_article, article_id)
        if found is not None:
            article, body_rev = found
            urls = await asyncio.to_thread(_image_urls, article)
            await asyncio.to_thread(self.store.link_images, article.id, body_rev, urls)

    async def images(self, urls: Sequence[str], progress: MediaProgress | None = None) -> None:
        """Download `urls` into the cache, concurrently within the fetcher's limits."""
        count = _Counter("image", len(urls), progress)

        async def one(url: str) -> None:
            result = await download_image(
                self.fetcher,
                url,
                self.cache,
                max_bytes=self.max_image_bytes,
                timeout=self.timeout,
            )
            await asyncio.to_thread(self.store.save_image, url, result, now=self.clock())
            count(url, result.status)

        _log_failures(await asyncio.gather(*(one(url) for url in urls), return_exceptions=True))


def _image_urls(article: Article) -> list[str]:
    """The article's images; when its body cannot be read (a bug, or markup no parser should
    have to survive), its thumbnail alone. The failure is logged and recorded by listing that
    version of the body as done, so the next refresh does not stumble on it again, and it never
    stops the other articles' pictures."""
    try:
        return shown_image_urls(article)
    except Exception as error:
        log.warning(
            "listing the images of article %s failed: %r",
            article.id,
            error,
            exc_info=log.isEnabledFor(logging.DEBUG),
        )
        return thumbnail_urls(article)


def _log_failures(results: Sequence[object]) -> None:
    # Items record their own failures; what arrives here is a bug, and it must not stop the rest.
    for result in results:
        if isinstance(result, Exception):
            log.error("prefetching failed", exc_info=result)
