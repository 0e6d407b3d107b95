"""Pick the source module for a feed and read its first response with it."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING

from ..errors import ParseError, Problem
from ..models import FeedConfig, ParsedFeed
from . import json_api, json_feed, rss_atom, wordpress
from ._common import FEED_ACCEPT, load_json
from .detect import find_feed_link, looks_like_wordpress, sniff

if TYPE_CHECKING:
    from ..fetch import Fetcher, Response


async def _parse_feed_body(response: Response, config: FeedConfig) -> ParsedFeed | None:
    """Parse a body that sniffs as a feed format; None when it is HTML or unrecognised JSON."""
    kind = sniff(response.content, response.content_type)
    if kind == "jsonfeed":
        return await asyncio.to_thread(json_feed.parse, response.content, response.url)
    if kind == "json":
        if config.json_paths:
            return await asyncio.to_thread(
                json_api.parse, response.content, response.url, config.json_paths
            )
        return None
    if kind == "html":
        return None
    # "xml", and "unknown" too: feedparser is lenient and says clearly when it is not a feed.
    return await asyncio.to_thread(rss_atom.parse, response.content, response.headers, response.url)


async def _auto(fetcher: Fetcher, config: FeedConfig, response: Response) -> ParsedFeed:
    url = response.url or config.url
    kind = sniff(response.content, response.content_type)
    if kind == "json" and not config.json_paths:
        data = await asyncio.to_thread(load_json, response.content, url)
        if wordpress.looks_like_posts(data):
            return await _wordpress(fetcher, config, response)
        raise ParseError(Problem.of("parse.json_not_feed", url=url))
    parsed = await _parse_feed_body(response, config)
    if parsed is not None:
        return parsed

    # An HTML page: follow the feed it advertises, one hop only so pages cannot loop.
    feed_link = find_feed_link(response.content, url)
    if feed_link and feed_link != url:
        second = await fetcher.get(feed_link, timeout=config.timeout, accept=FEED_ACCEPT)
        parsed = await _parse_feed_body(second, config)
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
        parsed = await asyncio.to_thread(
            rss_atom.parse, response.content, response.headers, response.url
        )
    elif kind == "jsonfeed":
        parsed = await asyncio.to_thread(json_feed.parse, response.content, response.url)
    elif kind == "json":
        parsed = await asyncio.to_thread(
            json_api.parse, response.content, response.url, config.json_paths
        )
    elif kind == "wordpress":
        parsed = await _wordpress(fetcher, config, response)
    else:
        parsed = await _auto(fetcher, config, response)
    if config.max_items is not None and len(parsed.items) > config.max_items:
        parsed = dataclasses.replace(parsed, items=parsed.items[: config.max_items])
    return parsed
