"""The data that flows through the core: source -> fetch -> parse -> normalise -> store -> query.

Every dataclass here is frozen so it can cross thread boundaries (workers, the UI) safely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .errors import Problem
from .text import clean_text

FEED_KINDS: tuple[str, ...] = ("auto", "rss", "atom", "jsonfeed", "wordpress", "json")
DEFAULT_CATEGORY = "Chung"
"""Sidebar group for feeds whose config names no category."""

JSON_PATH_FIELDS: tuple[str, ...] = (
    "items",
    "id",
    "title",
    "url",
    "published",
    "summary",
    "content",
    "image",
    "category",
    "author",
)
"""Keys of a `[feeds.json]` table: dotted paths into a generic JSON API response."""


@dataclass(frozen=True)
class FeedConfig:
    """One `[[feeds]]` entry of the config file."""

    url: str
    title: str | None = None
    category: str | None = None
    kind: str = "auto"
    json_paths: Mapping[str, str] = field(default_factory=dict)
    timezone: str | None = None
    """Default zone for naive dates in this feed, e.g. "+07:00" or "Asia/Ho_Chi_Minh"."""
    max_items: int | None = None
    timeout: float | None = None
    full_text: bool = False
    """Fetch each article's page and keep its main content (for summary-only feeds)."""
    content_selector: str | None = None
    """CSS selector of the article body on this site's pages, where generic extraction fails."""

    @property
    def group(self) -> str:
        return self.category or DEFAULT_CATEGORY


@dataclass(frozen=True)
class ParsedItem:
    """One entry as a source module read it: raw strings, not yet cleaned or normalised.

    `summary` and `content` are HTML. `published_raw` keeps the source's own date string so the
    Vietnamese date parser can try it when the source library could not.
    """

    title: str = ""
    guid: str | None = None
    url: str | None = None
    published: datetime | None = None
    published_raw: str | None = None
    updated: datetime | None = None
    summary: str = ""
    content: str = ""
    author: str = ""
    categories: tuple[str, ...] = ()
    image: str | None = None
    title_is_text: bool = False
    """The feed declared the title plain text (`text.clean_text_line`), not HTML: its "<blink>"
    is a word to keep, not a tag to strip."""


@dataclass(frozen=True)
class ParsedFeed:
    """What a source module returns for one response."""

    kind: str
    title: str | None = None
    link: str | None = None
    items: tuple[ParsedItem, ...] = ()
    warning: Problem | None = None
    """A non-fatal problem worth showing (e.g. XML that parsed only after recovery)."""
    feed_url: str | None = None
    """Set when the real feed URL differs from the configured one (HTML page -> its feed)."""


@dataclass(frozen=True)
class NewArticle:
    """A cleaned, NFC, dated article ready for storage. `key` is its identity within the feed."""

    key: str
    title: str
    url: str | None
    guid: str | None
    published: datetime | None
    """Aware datetime, or None when no date could be parsed (storage then uses first-seen)."""
    updated: datetime | None
    summary: str
    content: str
    author: str
    categories: tuple[str, ...]
    image: str | None
    content_hash: str
    search_text: tuple[str, str, str] | None = None
    """`text.index_text` of the title, summary and content when normalisation computed it (in
    the parse worker), so the refresh's one writing thread does not fold; None: the store does."""


@dataclass(frozen=True)
class Article:
    """An article as stored, with its per-article state."""

    id: int
    feed_url: str
    feed_title: str
    category: str
    key: str
    title: str
    url: str | None
    guid: str | None
    published: datetime
    """Aware; the feed's date, or the first time the article was seen."""
    first_seen: datetime
    updated: datetime | None
    summary: str
    content: str
    author: str
    categories: tuple[str, ...]
    image: str | None
    read: bool
    starred: bool
    read_at: datetime | None
    full_content: str = ""
    """Main content extracted from the article's own page ("" until fetched)."""
    full_status: str | None = None
    """None: never tried; "ok"; or the plain reason the last full-text fetch failed."""
    full_problem: Problem | None = None
    """That reason with its code, for `i18n.describe`; None when it did not fail."""

    @property
    def body_html(self) -> str:
        """The fullest HTML we have: the page's extracted content, else the feed's content or
        summary, whichever is longer."""
        if self.full_content:
            return self.full_content
        return self.content if len(self.content) >= len(self.summary) else self.summary


@dataclass(frozen=True)
class CachedImage:
    """An article image as the offline cache knows it."""

    url: str
    path: str | None
    """File under the data dir, relative to it; None when not downloaded (yet, or failed)."""
    status: str
    """"ok", "pending", or the plain reason the download failed."""
    content_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class ArticleRow:
    """What one line of the article list needs: no bodies, so a page of rows is cheap to load."""

    id: int
    feed_url: str
    feed_title: str
    category: str
    title: str
    published: datetime
    read: bool
    starred: bool
    snippet: str = ""
    """In a search view, plain text around the first match (`SearchHit.snippet`); else ""."""


@dataclass(frozen=True)
class SearchHit:
    article: Article
    snippet: str
    """Plain text (with diacritics) around the first match; callers highlight with match_spans."""
    rank: float


@dataclass(frozen=True)
class FeedStatus:
    """A configured feed with its fetch state and counts."""

    url: str
    title: str
    category: str
    kind: str
    resolved_url: str | None
    last_attempt: datetime | None
    last_success: datetime | None
    http_status: int | None
    error: str | None
    item_count: int
    unread: int
    last_new: int
    warning: str | None = None
    """What went wrong without stopping the last fetch that read the feed (see FetchOutcome)."""
    problem: Problem | None = None
    """`error` (or else `warning`) with its code, for `i18n.describe`; None for what an older
    version stored as text only."""
    retry_after: datetime | None = None
    """The server asked us to wait until then (Retry-After): refreshes skip the feed till then."""

    def __post_init__(self) -> None:
        # Read back from the cache, where an older version may have stored them raw.
        _clean_fields(self, "title", "category", "resolved_url", "error", "warning")


@dataclass(frozen=True)
class FetchOutcome:
    """What one refresh of one feed did; recorded in the feed's fetch state."""

    url: str
    status: str
    """"ok", "not_modified", "unchanged" or "error"."""
    http_status: int | None = None
    error: str | None = None
    new: int = 0
    updated: int = 0
    total: int = 0
    title: str | None = None
    warning: str | None = None
    """A problem that did not stop the fetch (e.g. XML recovered after an error)."""
    problem: Problem | None = None
    """Why it failed, or else what the warning says, with a code: `error` and `warning` are its
    English text, which `--json` keeps; `i18n.describe` says it in the user's language."""
    retry_after: datetime | None = None
    """Set when the server asked us to come back later than the feed's timeout allows (a long
    Retry-After): the feed is skipped until then."""

    def __post_init__(self) -> None:
        # Whatever built the outcome (a problem, an exception's text): it is stored and shown.
        _clean_fields(self, "title", "error", "warning")

    @property
    def ok(self) -> bool:
        return self.status != "error"


def _clean_fields(value: object, *names: str) -> None:
    """Pass the named text fields of a frozen dataclass through the cleaner (None stays)."""
    for name in names:
        text = getattr(value, name)
        if text:
            object.__setattr__(value, name, clean_text(text).strip())


@dataclass(frozen=True)
class FetchState:
    """What the store remembers between fetches of one feed, for conditional GET."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    resolved_url: str | None = None
    retry_after: datetime | None = None
    """Do not fetch before this time: the server said so (Retry-After)."""


MAX_TRIES = 3
"""Failed attempts of one article version (or one image) before refreshes stop retrying it."""


@dataclass(frozen=True)
class FullTextJob:
    """One article whose page should be fetched, with what a conditional GET needs."""

    article_id: int
    url: str
    feed_url: str
    content_hash: str
    etag: str | None
    last_modified: str | None
    """Validators of the stored page; None when there is no stored page to fall back on."""
    done: bool = False
    """True when this version's page is already stored ("ok"): nothing to do unless forced."""


@dataclass(frozen=True)
class FullTextResult:
    """What one page fetch found. `html` None keeps the stored full text (304 or failure)."""

    status: str
    """"ok", or the plain reason the page could not be used."""
    html: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final: bool = True
    """False for failures worth retrying on a later refresh (network, server errors)."""
    problem: Problem | None = None
    """Why it failed, with a code (`status` is its English text)."""

    def __post_init__(self) -> None:
        _clean_fields(self, "status")

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class ImageResult:
    """What one image download found: "ok" with the stored file, or the plain reason it failed."""

    status: str
    path: str | None = None
    """File under the data dir, relative to it (only when "ok")."""
    content_type: str | None = None
    size: int | None = None
    final: bool = True
    """False for failures worth retrying on a later refresh (network, server errors)."""

    def __post_init__(self) -> None:
        # The reason may quote the server (its Content-Type): shown by `show --json` and stored.
        _clean_fields(self, "status", "content_type")
