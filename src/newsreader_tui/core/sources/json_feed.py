"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ParseError, Problem
from ..models import ParsedFeed, ParsedItem
from ._common import aware_iso, join_url, load_json, scalar_text, text_to_html


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _author(item: Mapping[str, Any], feed: Mapping[str, Any]) -> str:
    """Item authors (1.1 `authors`, 1.0 `author`), falling back to the feed's."""
    for source in (item, feed):
        authors = source.get("authors")
        if isinstance(authors, list):
            names = [_str(a.get("name")) for a in authors if isinstance(a, Mapping)]
            if any(names):
                return ", ".join(n for n in names if n)
        author = source.get("author")
        if isinstance(author, Mapping) and _str(author.get("name")):
            return _str(author.get("name"))
    return ""


def _link(base: str, value: Any) -> str | None:
    return join_url(base, value) if isinstance(value, str) and value.strip() else None


def _item(item: Mapping[str, Any], feed: Mapping[str, Any], base: str) -> ParsedItem:
    content = _str(item.get("content_html"))
    if not content and _str(item.get("content_text")):
        content = text_to_html(_str(item.get("content_text")))
    published_raw = _str(item.get("date_published")) or _str(item.get("date_modified")) or None
    tags = item.get("tags")
    return ParsedItem(
        title=_str(item.get("title")),
        guid=scalar_text(item.get("id")),
        url=_link(base, item.get("url")) or _link(base, item.get("external_url")),
        published=aware_iso(_str(item.get("date_published")) or None),
        published_raw=published_raw,
        updated=aware_iso(_str(item.get("date_modified")) or None),
        summary=_str(item.get("summary")),
        content=content,
        author=_author(item, feed),
        categories=tuple(t for t in tags if isinstance(t, str) and t)
        if isinstance(tags, list)
        else (),
        image=_link(base, item.get("image")) or _link(base, item.get("banner_image")),
    )


def parse(body: bytes, url: str) -> ParsedFeed:
    """Read a JSON Feed document fetched from `url`.

    Relative URLs resolve against the feed's `feed_url`, else its `home_page_url`, else `url`.
    Raises ParseError when the body is not JSON or has no `items` list.
    """
    data = load_json(body, url)
    if not isinstance(data, Mapping) or not isinstance(data.get("items"), list):
        raise ParseError(Problem.of("parse.json_feed_no_items", url=url))
    base = url
    for key in ("feed_url", "home_page_url"):
        if isinstance(data.get(key), str) and data[key].strip():
            base = join_url(url, data[key]) or url
            break
    items = tuple(_item(i, data, base) for i in data["items"] if isinstance(i, Mapping))
    return ParsedFeed(
        kind="jsonfeed",
        title=_str(data.get("title")) or None,
        link=_link(base, data.get("home_page_url")),
        items=items,
    )
