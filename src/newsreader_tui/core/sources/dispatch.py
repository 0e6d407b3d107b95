"""Pick the source module for a feed and read its first response with it."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING

from ..errors import ParseError, Problem
from ..models import FeedConfig, ParsedFeed
from ..transfer import current_deadline
from . import wordpress
from ._common import FEED_ACCEPT, load_json
from .detect import find_feed_link, looks_like_wordpress, might_be_wordpress_posts, sniff
from .isolate import POOL, Job, parse_seconds

if TYPE_CHECKING:
    from ..fetch import Fetcher, Response


async def _parse(kind: str, fetcher: Fetcher, config: FeedConfig, response: Response) -> ParsedFeed:
    """Parse in a worker process (`isolate`), within what is left of the feed's time."""
    job = Job(
        kind,
        response.content,
        response.url,
        headers=response.headers,
        json_paths=config.json_paths,
        max_items=config.max_items,
    )
    deadline = current_deadline()
    default = config.timeout or fetcher.settings.timeout
    seconds = parse_seconds(deadline.remaining() if deadline else None, default)
    return await POOL.parse(job, seconds)


async def _parse_feed_body(
    fetcher: Fetcher, response: Response, config: FeedConfig
) -> ParsedFeed | None:
    """Parse a body that sniffs as a feed format; None when it is HTML or unrecognised JSON."""
    kind = await asyncio.to_thread(sniff, response.content, response.content_type)
    if kind == "jsonfeed":
        return await _parse("jsonfeed", fetcher, config, response)
    if kind == "json":
        if config.json_paths:
            return await _parse("json", fetcher, config, response)
        return None
    if kind == "html":
        return None
    # "xml", and "unknown" too: feedparser is lenient and says clearly when it is not a feed.
    return await _parse("xml", fetcher, config, response)


async def _auto(fetcher: Fetcher, config: FeedConfig, response: Response) -> ParsedFeed:
    url = response.url or config.url
    kind = await asyncio.to_thread(sniff, response.content, response.content_type)
    if kind == "json" and not config.json_paths:
        if might_be_wordpress_posts(response.content):
            data = await asyncio.to_thread(load_json, response.content, url)
            if wordpress.looks_like_posts(data):
                return await _wordpress(fetcher, config, response)
        raise ParseError(Problem.of("parse.json_not_feed", url=url))
    parsed = await _parse_feed_body(fetcher, response, config)
    if parsed is not None:
        return parsed

    # An HTML page: follow the feed it advertises, one hop only so pages cannot loop.
    feed_link = find_feed_link(response.content, url)
    if feed_link and feed_link != url:
        second = await fetcher.get(feed_link, timeout=config.timeout, accept=FEED_ACCEPT)
        parsed = await _parse_feed_body(fetcher, second, config)
        if parsed is None:
            raise ParseError(Problem.of("parse.advertised_not_feed", url=url, feed=feed_link))
        return dataclasses.replace(parsed, feed_url=second.url or feed_link)
    if looks_like_wordpress(response.headers, response.content):
        return await _wordpress(fetcher, config, response)
    raise ParseError(Problem.of("parse.html_no_feed", url=url))


async def _wordpress(fetcher: Fetcher, config: FeedConfig, response: Response) -> ParsedFeed:
    return await wordpress.read(
        fetcher, response.url or config.url, max_items=config.max_items or 100, first=response
    )


async def read_feed(fetcher: Fetcher, config: FeedConfig, response: Response) -> ParsedFeed:
    """Read a feed from the response already fetched for `config.url`.

    `config.kind` picks the reader; "auto" sniffs the body, follows an HTML page's advertised
    feed (setting `feed_url`) and recognises WordPress sites. `fetcher` is used only for the
    extra requests that needs. Raises ParseError with a plain sentence when nothing readable is
    found, FetchError when an extra request fails.
    """
    kind = config.kind
    if kind in ("rss", "atom"):
        parsed = await _parse("xml", fetcher, config, response)
    elif kind in ("jsonfeed", "json"):
        parsed = await _parse(kind, fetcher, config, response)
    elif kind == "wordpress":
        parsed = await _wordpress(fetcher, config, response)
    else:
        parsed = await _auto(fetcher, config, response)
    if config.max_items is not None and len(parsed.items) > config.max_items:
        parsed = dataclasses.replace(parsed, items=parsed.items[: config.max_items])
    return parsed
