"""WordPress sites through the REST API (`/wp-json/wp/v2/posts`).

Many Vietnamese portals run WordPress with the RSS feed disabled or truncated; the REST API
still serves full posts. The API root is discovered the way WordPress advertises it: a
`Link: <...>; rel="https://api.w.org/"` header, else the same relation as an HTML link tag.
The API root also gives the feed its title: the site's name (its tagline when it has none),
shown instead of the URL; a title in the config still wins, and a root that fails costs only
the title.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import FetchError, ParseError, Problem
from ..models import ParsedFeed, ParsedItem
from ..text import clean_line, clean_text
from ._common import (
    JSON_ACCEPT,
    join_url,
    load_json,
    page_base,
    rel_tokens,
    scalar_text,
    scan_head,
)
from .detect import WP_API_REL, wp_link_header

if TYPE_CHECKING:
    from ..fetch import Fetcher, Response

POST_FIELDS = (
    "id,date,date_gmt,modified_gmt,guid,link,title,content,excerpt,categories,author,"
    "featured_media,jetpack_featured_media_url"
)
"""`_fields` of the posts request: only what we map, which keeps big sites' answers small."""

_POSTS_ROUTE = "/wp/v2/posts"


def find_api_root(
    headers: Mapping[str, str], page: str | bytes | None, base_url: str
) -> str | None:
    """The WordPress REST API root a site advertises, as an absolute URL, or None.

    `headers` have lower-case keys; `page` is the site's HTML when there is one. The link is
    cleaned: the posts URL built on it is remembered, shown by `feeds` and named in errors.
    """
    from_header = wp_link_header(headers)
    if from_header:
        root = join_url(base_url, from_header)
        return clean_text(root).strip() if root else None
    if not page:
        return None
    scanner = scan_head(page)
    for link in scanner.links:
        if WP_API_REL in rel_tokens(link) and link.get("href", "").strip():
            root = join_url(page_base(scanner, base_url), link["href"])
            if root:
                return clean_text(root).strip()
    return None


def is_posts_endpoint(url: str) -> bool:
    """True for `.../wp-json/wp/v2/posts` and `...?rest_route=/wp/v2/posts` URLs."""
    parts = urlsplit(url)
    route = dict(parse_qsl(parts.query)).get("rest_route")
    path = route if route is not None else parts.path
    return path.rstrip("/").endswith(_POSTS_ROUTE)


def api_root_of_posts(url: str) -> str:
    """The API root a posts endpoint URL hangs off (query parameters dropped)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if "rest_route" in query:
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "rest_route=/", ""))
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, path[: -len(_POSTS_ROUTE)] + "/", "", ""))


def route_url(api_root: str, route: str, params: Mapping[str, str | int]) -> str:
    """The URL of `route` (e.g. "wp/v2/posts") under an API root, in either permalink style."""
    parts = urlsplit(api_root)
    query = dict(parse_qsl(parts.query))
    if "rest_route" in query:
        # Sites without pretty permalinks advertise `https://site/?rest_route=/`.
        query["rest_route"] = "/" + route.strip("/")
        query.update({k: str(v) for k, v in params.items()})
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, safe="/,"), ""))
    root = api_root if api_root.endswith("/") else api_root + "/"
    return urljoin(root, route.strip("/")) + "?" + urlencode(params, safe=",")


def _rendered(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def _gmt(value: Any) -> datetime | None:
    """`date_gmt` is UTC written without an offset, so the zone is added here."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        return None


def _post(post: Mapping[str, Any], categories: Mapping[int, str], base_url: str) -> ParsedItem:
    published = _gmt(post.get("date_gmt"))
    if published is not None:
        published_raw: str | None = post["date_gmt"] + "Z"
    else:
        # Site-local time without an offset: left for the normaliser and the feed's time zone.
        published_raw = post.get("date") if isinstance(post.get("date"), str) else None
    link = post.get("link")
    image = post.get("jetpack_featured_media_url")
    embedded = post.get("_embedded")
    if not image and isinstance(embedded, Mapping):
        media = embedded.get("wp:featuredmedia")
        if isinstance(media, list) and media and isinstance(media[0], Mapping):
            image = media[0].get("source_url")
    ids = post.get("categories")
    return ParsedItem(
        title=html.unescape(_rendered(post.get("title"))),
        guid=_rendered(post.get("guid")) or scalar_text(post.get("id")),
        url=join_url(base_url, link) if isinstance(link, str) and link else None,
        published=published,
        published_raw=published_raw,
        updated=_gmt(post.get("modified_gmt")),
        summary=_rendered(post.get("excerpt")),
        content=_rendered(post.get("content")),
        categories=tuple(
            categories[i] for i in (ids if isinstance(ids, list) else []) if i in categories
        ),
        image=join_url(base_url, image) if isinstance(image, str) and image else None,
    )


def looks_like_posts(data: Any) -> bool:
    """True for a JSON list of WordPress posts (objects with `title.rendered`)."""
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(p, Mapping) and isinstance(p.get("title"), Mapping) for p in data)
        and "rendered" in data[0]["title"]
    )


def parse_posts(posts: list[Any], categories: Mapping[int, str], base_url: str) -> ParsedFeed:
    """Map a decoded posts answer to a ParsedFeed; `categories` maps category ids to names."""
    items = tuple(_post(p, categories, base_url) for p in posts if isinstance(p, Mapping))
    return ParsedFeed(kind="wordpress", items=items)


async def _get_json(fetcher: Fetcher, url: str) -> Any:
    response = await fetcher.get(url, accept=JSON_ACCEPT)
    return load_json(response.content, url)


async def _categories(fetcher: Fetcher, api_root: str) -> dict[int, str]:
    """Category names by id; empty when the site hides them, since posts are still readable."""
    url = route_url(api_root, "wp/v2/categories", {"per_page": 100, "_fields": "id,name"})
    try:
        data = await _get_json(fetcher, url)
    except (FetchError, ParseError):
        return {}
    if not isinstance(data, list):
        return {}
    return {
        c["id"]: html.unescape(c["name"])
        for c in data
        if isinstance(c, Mapping)
        and isinstance(c.get("id"), int)
        and isinstance(c.get("name"), str)
    }


async def site_title(fetcher: Fetcher, api_root: str) -> str | None:
    """The site's name from the REST API root, else its description (tagline), or None.

    `_fields` keeps the answer small: a big site's root lists hundreds of routes. WordPress
    stores both texts HTML-escaped ("Hội LHPN &amp; Đoàn"), and a site's name is whatever its
    owner typed: `clean_line` decodes, drops tags and controls. Nothing here fails the feed.
    """
    url = route_url(api_root, "", {"_fields": "name,description"})
    try:
        data = await _get_json(fetcher, url)
    except (FetchError, ParseError):
        return None
    if not isinstance(data, Mapping):
        return None
    for key in ("name", "description"):
        value = data.get(key)
        text = clean_line(value) if isinstance(value, str) else ""
        if text:
            return text
    return None


async def _nothing() -> None:
    return None


async def _no_categories() -> dict[int, str]:
    return {}


async def read(
    fetcher: Fetcher, url: str, *, max_items: int = 100, first: Response | None = None
) -> ParsedFeed:
    """Read the newest posts of a WordPress site.

    `url` is the site (any page that advertises the API) or the posts endpoint itself. `first`
    is the response already fetched for `url`, reused instead of fetching it again. When `url`
    was not the posts endpoint, the result's `feed_url` is the endpoint so later refreshes go
    straight there.
    """
    per_page = max(1, min(max_items, 100))
    feed_url: str | None = None
    posts: Any = None
    if first is not None and first.content.lstrip()[:1] == b"[":
        # Already a posts answer (the posts endpoint, or a proxy of it): use it as it is.
        data = await asyncio.to_thread(load_json, first.content, url)
        if looks_like_posts(data) or data == []:
            posts = data
    if posts is not None or is_posts_endpoint(url):
        api_root = api_root_of_posts(url) if is_posts_endpoint(url) else None
        if posts is None:
            posts = await _get_json(fetcher, url)
    else:
        page = first if first is not None else await fetcher.get(url)
        base = page.url or url
        html_page = page.content if "html" in page.content_type or not page.content_type else None
        api_root = find_api_root(page.headers, html_page, base)
        if api_root is None:
            parts = urlsplit(base)
            api_root = urlunsplit((parts.scheme, parts.netloc, "/wp-json/", "", ""))
        feed_url = route_url(
            api_root, "wp/v2/posts", {"per_page": per_page, "_fields": POST_FIELDS}
        )
        try:
            posts = await _get_json(fetcher, feed_url)
        except FetchError as exc:
            if exc.status in (401, 403, 404):
                problem = Problem.of(
                    "parse.wordpress_no_api", url=url, api=feed_url, status=exc.status
                )
                raise ParseError(problem) from exc
            raise
    if not isinstance(posts, list):
        raise ParseError(Problem.of("parse.wordpress_not_list", url=feed_url or url))
    needs_names = any(isinstance(p, Mapping) and p.get("categories") for p in posts)
    names, title = await asyncio.gather(
        _categories(fetcher, api_root) if api_root and needs_names else _no_categories(),
        site_title(fetcher, api_root) if api_root else _nothing(),
    )
    parsed = parse_posts(posts, names, feed_url or url)
    items = parsed.items[:max_items]
    return ParsedFeed(kind="wordpress", title=title, items=items, feed_url=feed_url)
