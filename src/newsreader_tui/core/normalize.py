"""Ingest: turn what a source read (ParsedItem) into clean, NFC, dated NewArticle values.

This is the one place every feed field passes through before storage, so control characters,
escape sequences and stray encodings are dealt with here and nowhere else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import tzinfo
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .dates import parse_date
from .models import NewArticle, ParsedItem
from .text import clean_html, clean_line, index_text

TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "mc_", "_hs", "pk_", "piwik_")
TRACKING_PARAMS: frozenset[str] = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid", "zarsrc", "_ga", "_gl", "ref_src"}
)
UNTITLED_WORDS = 12


def canonical_url(url: str) -> str:
    """A URL reduced to what identifies the page: no scheme, fragment, tracking parameters or
    trailing slash, lower-case host, sorted query. Two links to the same article compare equal."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host, path, urlencode(query), "")).lstrip("/")


def article_key(guid: str | None, url: str | None, title: str, date_text: str | None) -> str:
    """Identity within a feed: guid, else canonical URL, else a hash of title and date."""
    if guid:
        return f"guid:{guid}"
    if url:
        return f"url:{canonical_url(url)}"
    digest = hashlib.sha256(f"{title}\x1f{date_text or ''}".encode()).hexdigest()[:32]
    return f"hash:{digest}"


def absolute_url(url: str | None, base: str) -> str | None:
    """Resolve a link against the feed URL; drop schemes a reader must never open."""
    if not url:
        return None
    cleaned = clean_line(url).replace(" ", "%20")
    if not cleaned:
        return None
    try:
        resolved = urljoin(base, cleaned)
    except ValueError:  # "Invalid IPv6 URL" (`http://a.c[o/`): that field only is lost
        return None
    return resolved if urlsplit(resolved).scheme in ("http", "https") else None


def _title_from_body(text: str) -> str:
    words = clean_line(text).split()
    title = " ".join(words[:UNTITLED_WORDS])
    return f"{title}…" if len(words) > UNTITLED_WORDS else title


def normalise_item(item: ParsedItem, *, base_url: str, tz: tzinfo) -> NewArticle | None:
    """Clean every field of one item. Returns None for an item with nothing to show."""
    url = absolute_url(item.url, base_url)
    summary = clean_html(item.summary)
    content = clean_html(item.content)
    title = clean_line(item.title) or _title_from_body(summary or content)
    if not title and not url:
        return None
    guid = clean_line(item.guid) or None
    date_text = clean_line(item.published_raw) or None
    published = parse_date(date_text, tz) if date_text else None
    if published is None and item.published is not None:
        published = item.published if item.published.tzinfo else item.published.replace(tzinfo=tz)
    image = absolute_url(item.image, url or base_url)
    categories = tuple(dict.fromkeys(c for c in (clean_line(c) for c in item.categories) if c))
    author = clean_line(item.author)
    # Cheap, and exact: the store compares `fingerprint.article_fingerprint` only when it differs.
    fingerprint = "\x1f".join((title, url or "", summary, content, image or "", author))
    return NewArticle(
        key=article_key(guid, url, title, date_text),
        title=title,
        url=url,
        guid=guid,
        published=published,
        updated=item.updated,
        summary=summary,
        content=content,
        author=author,
        categories=categories,
        image=image,
        content_hash=hashlib.sha256(fingerprint.encode()).hexdigest(),
        search_text=(index_text(title), index_text(summary), index_text(content)),
    )


def normalise_items(
    items: Iterable[ParsedItem], *, base_url: str, tz: tzinfo, limit: int | None = None
) -> list[NewArticle]:
    """Clean a feed's items, collapsing duplicates by identity (the first, newest-listed wins)."""
    seen: dict[str, NewArticle] = {}
    for item in items:
        article = normalise_item(item, base_url=base_url, tz=tz)
        if article is not None and article.key not in seen:
            seen[article.key] = article
            if limit is not None and len(seen) >= limit:
                break
    return list(seen.values())
