"""The `[[feeds]]` entry and its `[feeds.json]` table, declared once for reading and writing.

`FeedConfig` (in core.models, where the whole core can use it) is the typed value; this module
says which file key fills which of its fields and how the key is checked. Validation loops over
`FEED_KEYS`, and `feed_block` writes an entry back from the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from newsreader_tui.core.models import FEED_KINDS, JSON_PATH_FIELDS

from . import checks as c
from .schema import Check

JSON_REQUIRED_FIELDS: tuple[str, ...] = ("items", "title")
"""Paths a `[feeds.json]` table must give: without them there is nothing to list."""

JSON_KEY = "json"
"""The one feed key that is a table (`[feeds.json]`), checked against `kind` by the validator."""


JSON_PATH_CHECK: Check = c.stripped
"""Each `[feeds.json]` value: a dotted path, which may not be empty."""


@dataclass(frozen=True)
class FeedKey:
    """One key of a `[[feeds]]` entry: the `FeedConfig` field it fills and its check."""

    key: str
    field: str
    check: Check
    doc: str


FEED_KEYS: tuple[FeedKey, ...] = (
    FeedKey("url", "url", c.http_url, "The feed, or a page or site that leads to one; required."),
    FeedKey("title", "title", c.label, "Shown in the sidebar; else the feed's own title."),
    FeedKey("category", "category", c.label, 'Sidebar group; else "Chung".'),
    FeedKey(
        "kind",
        "kind",
        c.choice(FEED_KINDS, quoted=False),
        f"{', '.join(FEED_KINDS)}; auto recognises the format.",
    ),
    FeedKey("timezone", "timezone", c.zone, "Zone for this feed's dates written without one."),
    FeedKey(
        "max_items",
        "max_items",
        c.whole(minimum=1),
        "Items kept from one response, up to [settings] max_items.",
    ),
    FeedKey(
        "timeout",
        "timeout",
        c.number(minimum=0.0, inclusive=False),
        "Seconds for its whole download, instead of [settings] timeout.",
    ),
    FeedKey(
        "full_text",
        "full_text",
        c.boolean,
        "Keep each article's whole page; else [settings] full_text.",
    ),
    FeedKey(
        "content_selector",
        "content_selector",
        c.stripped,
        "CSS selector of the article body on the site's pages.",
    ),
    FeedKey(
        JSON_KEY,
        "json_paths",
        JSON_PATH_CHECK,
        'Dotted paths into a kind = "json" response; items and title at least.',
    ),
)
"""In the order `feed_block` writes them; `json` last, since a sub-table ends the entry."""

FEED_KEY_NAMES: tuple[str, ...] = tuple(item.key for item in FEED_KEYS)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def feed_identity(url: str) -> str:
    """The form of a feed URL under which two URLs are one feed, for import, validation and
    lookup alike (`add_feeds` and OPML import skip a feed the config has, the config may not
    list one twice, `Service.find_feed` finds it).

    Scheme and host are compared without case, as the URL standard says they are; a default
    port (:80 for http, :443 for https) is dropped, and so is a #fragment, which is never sent
    to the server. The path and query keep their case: `/A.rss` and `/a.rss` are different
    files on most servers. A trailing slash is ignored (`/feed/` is `/feed`, and `https://a.vn`
    is `https://a.vn/`): WordPress and the portals serve one feed under both, redirecting one to
    the other, other readers' OPML exports differ from the config by just that slash, and the
    CLI's `--feed` has always ignored it; two entries differing only there would fetch and
    store the same articles twice.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # not a number: leave the authority as written, minus case
        netloc = parts.netloc.lower()
    else:
        host = (parts.hostname or "").lower()
        if ":" in host:
            host = f"[{host}]"  # IPv6: hostname drops the brackets
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{host}" if "@" in parts.netloc else host
        if port is not None and port != _DEFAULT_PORTS.get(scheme):
            netloc = f"{netloc}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{netloc}{parts.path.rstrip('/')}{query}"


__all__ = [
    "FEED_KEYS",
    "FEED_KEY_NAMES",
    "JSON_KEY",
    "JSON_PATH_CHECK",
    "JSON_PATH_FIELDS",
    "JSON_REQUIRED_FIELDS",
    "FeedKey",
    "feed_identity",
]
