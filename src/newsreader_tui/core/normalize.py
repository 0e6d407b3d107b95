"""Ingest: turn what a source read (ParsedItem) into clean, NFC, dated NewArticle values.

This is the one place every feed field passes through before storage, so control characters,
escape sequences and stray encodings are dealt with here and nowhere else.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import tzinfo
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from .dates import parse_date
from .models import NewArticle, ParsedItem
from .text import clean_html, clean_line, clean_text_line, fold, index_text, index_title, plain_text
from .urls import web_url

TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "mc_", "_hs", "pk_", "piwik_")
TRACKING_PARAMS: frozenset[str] = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid", "zarsrc", "_ga", "_gl", "ref_src"}
)
UNTITLED_WORDS = 12
_WORDS = re.compile(r"\w+")


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
    return web_url(base, cleaned)


_PLACEHOLDERS: frozenset[str] = frozenset(
    {"no description", "no description available", "no summary", "no content", "description",
     "none", "null", "nil", "undefined", "n a", "na", "tbd", "khong co mo ta", "chua co mo ta",
     "dang cap nhat", "khong co noi dung"}
)  # fmt: skip
"""What CMSs write where an item has no text ("No Description" in a real VnExpress feed), folded
and reduced to words: such an item with no title and no link is not an article."""
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|ece|cms|amp)$", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"(?:post|p|id|a|tin|news)?\d{5,}", re.IGNORECASE)


def _first_words(text: str) -> str:
    words = text.split()
    title = " ".join(words[:UNTITLED_WORDS])
    return f"{title}…" if len(words) > UNTITLED_WORDS else title


def _title_from_body(html: str) -> str:
    """The first words of a body's text, or "" when it has none worth reading (a placeholder)."""
    text = clean_line(html)
    return "" if _is_placeholder(text) else _first_words(text)


def _is_placeholder(text: str) -> bool:
    return " ".join(_WORDS.findall(fold(text))) in _PLACEHOLDERS | {""}


def _has_content(summary: str, content: str) -> bool:
    """Whether a body says or shows anything: text other than a placeholder, or a picture."""
    return any(
        not _is_placeholder(plain_text(body)) or "<img" in body.lower()
        for body in (summary, content)
        if body
    )


def title_from_link(url: str) -> str:
    """A title made from a link, for an item that has none: its last path segment, decoded and
    spaced, when that holds words ("…/tin-tuc/le-hoi-hoa-ban-2026-4812345.html" gives "Le hoi
    hoa ban 2026"), else the link itself without its scheme. Never empty for an http(s) URL."""
    parts = urlsplit(url)
    segment = next((s for s in reversed(parts.path.split("/")) if s), "")
    words = [w for w in re.split(r"[-_+.\s]+", _PAGE_SUFFIX.sub("", unquote(segment))) if w]
    while len(words) > 1 and _NUMERIC_ID.fullmatch(words[-1]):
        words.pop()  # the portal's article number says nothing to a reader
    text = clean_line(" ".join(words))
    if any(ch.isalpha() for ch in text):
        return _first_words(text[0].upper() + text[1:])
    query = f"?{parts.query}" if parts.query else ""
    host = parts.hostname or ""  # never the user name and password a link may carry
    return clean_line(f"{host}{parts.path}{query}") or clean_line(url)


def normalise_item(item: ParsedItem, *, base_url: str, tz: tzinfo) -> NewArticle | None:
    """Clean every field of one item. Returns None for an item with nothing to show."""
    url = absolute_url(item.url, base_url)
    summary = clean_html(item.summary)
    content = clean_html(item.content)
    title = (clean_text_line if item.title_is_text else clean_line)(item.title)
    if not title and not url and not _has_content(summary, content):
        return None  # a placeholder ("No Description"), not an article
    title = (
        title
        or _title_from_body(summary)
        or _title_from_body(content)
        or (title_from_link(url) if url else "")
    )
    if not title:
        return None  # nothing a reader could tell it by: a bare picture with no link
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
        search_text=(index_title(title), index_text(summary), index_text(content)),
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
