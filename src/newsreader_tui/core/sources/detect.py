"""Guess what a response body is, and find the feed an HTML page advertises."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping

from ..text import clean_text
from ._common import join_url, page_base, rel_tokens, scan_head

FEED_LINK_TYPES: tuple[str, ...] = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
)
"""`type` values of `<link rel="alternate">` tags that point at feeds, in order of preference."""

WP_API_REL = "https://api.w.org/"
"""The link relation WordPress uses to advertise its REST API root."""

_XML_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})
_HTML_ROOTS = frozenset({"html", "head", "body", "meta", "title", "div", "script", "link", "p"})
_PROLOG = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE\s+([^\s>\[]*)[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I
)
"""What may precede the root element: declarations, comments, and any DOCTYPE (group 1 is its
name). An XHTML DOCTYPE before `<rss>` is a template copied from a web page, not a page."""
_ROOT = re.compile(r"<\s*([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)", re.I)


def _head_text(body: bytes, size: int = 4096) -> str:
    """The start of the body as text, BOM removed; ASCII-compatible encodings read as Latin-1."""
    head = body[:size]
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    # Only markup and JSON punctuation matter here, and Latin-1 never fails.
    return head.decode("latin-1")


LARGE_JSON = 1024 * 1024
"""JSON bodies past this size are never decoded in the app's own process just to be sniffed:
20 MB of JSON is 200 MB of Python objects. A parse worker reads them (sources.isolate)."""

_JSON_FEED = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')
_WORDPRESS_POST = re.compile(rb'"title"\s*:\s*\{\s*"rendered"')


def might_be_wordpress_posts(body: bytes) -> bool:
    """Whether a JSON body may be a WordPress posts answer, worth decoding to find out: always
    for a small one; for a large one, only if its start shows a post's `title.rendered`."""
    return len(body) <= LARGE_JSON or _WORDPRESS_POST.search(body, 0, 64 * 1024) is not None


def _json_kind(body: bytes) -> str:
    if len(body) > LARGE_JSON:
        return "jsonfeed" if _JSON_FEED.search(body) else "json"
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "unknown"
    except RecursionError:
        return "json"  # nested too deep to be a feed; reading it says so
    if isinstance(data, dict) and "jsonfeed.org/version" in str(data.get("version", "")):
        return "jsonfeed"
    return "json"


def sniff(body: bytes, content_type: str = "") -> str:
    """Guess the format of a response body.

    Returns "xml" (RSS, Atom or RDF), "jsonfeed", "json" (any other JSON), "html" or "unknown".
    The body decides; `content_type` (a lower-case media type) only breaks ties.
    """
    text = _head_text(body).lstrip()
    if text.startswith(("{", "[")):
        return _json_kind(body)
    if text.startswith("<"):
        html_doctype = False
        prolog = _PROLOG.match(text)
        while prolog and prolog.end() > 0:
            html_doctype = html_doctype or (prolog.group(1) or "").lower() == "html"
            text = text[prolog.end() :]
            prolog = _PROLOG.match(text)
        # The root element decides; an HTML DOCTYPE only when no known root follows it.
        root = _ROOT.match(text.lstrip())
        if root:
            local = root.group(1).lower().rsplit(":", 1)[-1]
            if local in _XML_FEED_ROOTS:
                return "xml"
            if local in _HTML_ROOTS:
                return "html"
        if html_doctype or "html" in content_type:
            return "html"
        return "unknown"
    if "json" in content_type:
        return _json_kind(body)
    return "unknown"


def find_feed_link(page: str | bytes, base_url: str) -> str | None:
    """The absolute URL of the feed an HTML page advertises, or None.

    RSS and Atom links win over JSON Feed; among them the first in document order wins, which on
    WordPress sites is the posts feed rather than the comments feed.
    """
    scanner = scan_head(page)
    base = page_base(scanner, base_url)
    candidates: list[tuple[int, int, str]] = []
    for position, link in enumerate(scanner.links):
        media_type = link.get("type", "").split(";")[0].strip().lower()
        href = link.get("href", "").strip()
        if "alternate" not in rel_tokens(link) or media_type not in FEED_LINK_TYPES or not href:
            continue
        rank = 1 if media_type == "application/feed+json" else 0
        resolved = join_url(base, href)
        if resolved:
            # Cleaned: the feed URL found is remembered and shown by `feeds`.
            candidates.append((rank, position, clean_text(resolved).strip()))
    return min(candidates)[2] if candidates else None


def wp_link_header(headers: Mapping[str, str]) -> str | None:
    """The WordPress API root from a `Link` header, or None."""
    value = headers.get("link") or headers.get("Link") or ""
    for match in re.finditer(r"<([^>]*)>([^<]*)", value):
        params = match.group(2)
        rel = re.search(r'rel\s*=\s*"?([^";,]+)"?', params, re.I)
        if rel and rel.group(1).strip() == WP_API_REL:
            return match.group(1).strip()
    return None


def looks_like_wordpress(headers: Mapping[str, str], page: str | bytes | None) -> bool:
    """True when the headers or page show signs of a WordPress site."""
    if wp_link_header(headers):
        return True
    if not page:
        return False
    text = page if isinstance(page, str) else page.decode("utf-8", errors="replace")
    if "/wp-content/" in text or "/wp-includes/" in text:
        return True
    return any(WP_API_REL in rel_tokens(link) for link in scan_head(text).links)
