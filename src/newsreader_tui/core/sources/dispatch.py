"""Read a feed's first response with the reader registered for its configured kind.

Every kind has one reader with one call signature, `await reader(read)` where `read` says what
to read (`Read`: fetcher, feed config, response, and the zone for normalising), registered in
`SOURCES` with `@source(kind)`; "auto" is the sniffer that picks among the others.
`FEED_KINDS` (what a config's `kind` may say) is the registry's keys. Bodies are parsed, and
normalised, in a worker process (`isolate`) by the body readers of `registry`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING

from ..errors import ParseError, Problem
from ..models import FEED_KINDS as DECLARED_KINDS
from ..models import FeedConfig, NewArticle, ParsedFeed
from ..normalize import normalise_items
from ..transfer import current_deadline
from . import wordpress
from ._common import FEED_ACCEPT, load_json
from .detect import find_feed_link, looks_like_wordpress, might_be_wordpress_posts, sniff
from .isolate import POOL, Job, parse_seconds
from .worker import FeedArticles

if TYPE_CHECKING:
    from ..fetch import Fetcher, Response

__all__ = ["FAST_PARSE", "FEED_KINDS", "SOURCES", "Read", "read_articles", "read_feed", "source"]

FAST_PARSE = True
"""Let the fast XML reader try before feedparser (tests run both ways by turning it off)."""

Result = ParsedFeed | FeedArticles


@dataclass(frozen=True)
class Read:
    """What a source reader is asked: read `response` (fetched for `config.url`) as a feed,
    using `fetcher` for any further request; with `tz`, normalise too (in the worker)."""

    fetcher: Fetcher
    config: FeedConfig
    response: Response
    tz: tzinfo | None = None


SourceReader = Callable[[Read], Awaitable[Result]]
SOURCES: dict[str, SourceReader] = {}
"""The reader of each configurable feed kind, in the order the config documents them."""


def source(*kinds: str) -> Callable[[SourceReader], SourceReader]:
    """Register a reader for the feed kinds `kinds`.

    A kind must be one the config accepts (`models.FEED_KINDS`: config sits below sources in
    the import layers, so it cannot ask this registry), and a test requires every one of
    those to have a reader: the two lists cannot drift apart.
    """

    def mount(reader: SourceReader) -> SourceReader:
        for kind in kinds:
            if kind not in DECLARED_KINDS:
                raise ValueError(f"feed kind {kind!r} is not in models.FEED_KINDS")
            SOURCES[kind] = reader
        return reader

    return mount


async def _parse(fmt: str, read: Read, response: Response | None = None) -> Result:
    """Parse (and with `tz`, normalise) in a worker process (`isolate`), within what is left
    of the feed's time."""
    response = response or read.response
    config = read.config
    job = Job(
        fmt,
        response.content,
        response.url,
        headers=response.headers,
        json_paths=config.json_paths,
        max_items=config.max_items,
        tz=read.tz,
        fast=FAST_PARSE,
    )
    deadline = current_deadline()
    default = config.timeout or read.fetcher.settings.timeout
    seconds = parse_seconds(deadline.remaining() if deadline else None, default)
    return await POOL.parse(job, seconds)


async def _parse_feed_body(read: Read, response: Response) -> Result | None:
    """Parse a body that sniffs as a feed format; None when it is HTML or unrecognised JSON."""
    fmt = await asyncio.to_thread(sniff, response.content, response.content_type)
    if fmt == "jsonfeed":
        return await _parse("jsonfeed", read, response)
    if fmt == "json":
        if read.config.json_paths:
            return await _parse("json", read, response)
        return None
    if fmt == "html":
        return None
    # "xml", and "unknown" too: feedparser is lenient and says clearly when it is not a feed.
    return await _parse("xml", read, response)


@source("auto")
async def _auto(read: Read) -> Result:
    config, response = read.config, read.response
    url = response.url or config.url
    fmt = await asyncio.to_thread(sniff, response.content, response.content_type)
    if fmt == "json" and not config.json_paths:
        if might_be_wordpress_posts(response.content):
            data = await asyncio.to_thread(load_json, response.content, url)
            if wordpress.looks_like_posts(data):
                return await _wordpress(read)
        raise ParseError(Problem.of("parse.json_not_feed", url=url))
    parsed = await _parse_feed_body(read, response)
    if parsed is not None:
        return parsed

    # An HTML page: follow the feed it advertises, one hop only so pages cannot loop.
    feed_link = find_feed_link(response.content, url)
    if feed_link and feed_link != url:
        second = await read.fetcher.get(feed_link, timeout=config.timeout, accept=FEED_ACCEPT)
        parsed = await _parse_feed_body(read, second)
        if parsed is None:
            raise ParseError(Problem.of("parse.advertised_not_feed", url=url, feed=feed_link))
        return _with_feed_url(parsed, second.url or feed_link)
    if looks_like_wordpress(response.headers, response.content):
        return await _wordpress(read)
    raise ParseError(Problem.of("parse.html_no_feed", url=url))


@source("rss", "atom")
async def _xml(read: Read) -> Result:
    return await _parse("xml", read)


@source("jsonfeed")
async def _json_feed(read: Read) -> Result:
    return await _parse("jsonfeed", read)


@source("wordpress")
async def _wordpress(read: Read) -> Result:
    # Read in this process: it needs more requests (the API, its categories).
    config, response = read.config, read.response
    return await wordpress.read(
        read.fetcher, response.url or config.url, max_items=config.max_items or 100, first=response
    )


@source("json")
async def _json(read: Read) -> Result:
    return await _parse("json", read)


FEED_KINDS: tuple[str, ...] = tuple(SOURCES)
"""Every kind a feed may be configured with ("auto" first)."""


def _with_feed_url(result: Result, feed_url: str) -> Result:
    if isinstance(result, FeedArticles):
        return dataclasses.replace(result, feed=dataclasses.replace(result.feed, feed_url=feed_url))
    return dataclasses.replace(result, feed_url=feed_url)


async def _read(read: Read) -> Result:
    reader = SOURCES.get(read.config.kind, SOURCES["auto"])
    return await reader(read)


async def read_feed(fetcher: Fetcher, config: FeedConfig, response: Response) -> ParsedFeed:
    """Read a feed from the response already fetched for `config.url`.

    `config.kind` picks the reader; "auto" sniffs the body, follows an HTML page's advertised
    feed (setting `feed_url`) and recognises WordPress sites. `fetcher` is used only for the
    extra requests that needs. Raises ParseError with a plain sentence when nothing readable is
    found, FetchError when an extra request fails.
    """
    parsed = await _read(Read(fetcher, config, response))
    assert isinstance(parsed, ParsedFeed)
    if config.max_items is not None and len(parsed.items) > config.max_items:
        parsed = dataclasses.replace(parsed, items=parsed.items[: config.max_items])
    return parsed


async def read_articles(
    fetcher: Fetcher, config: FeedConfig, response: Response, *, tz: tzinfo
) -> tuple[ParsedFeed, list[NewArticle]]:
    """`read_feed`, normalised: the feed (without its raw items) and its articles, at most
    `config.max_items`, dates without a zone in `tz`.

    Feeds parsed in a worker are normalised there too, so the app's process only unpickles
    finished articles; a WordPress site, read here, is normalised in a thread.
    """
    result = await _read(Read(fetcher, config, response, tz))
    if isinstance(result, FeedArticles):
        return result.feed, list(result.articles)
    base = response.url
    items = await asyncio.to_thread(
        normalise_items, result.items, base_url=base, tz=tz, limit=config.max_items
    )
    return dataclasses.replace(result, items=()), items
