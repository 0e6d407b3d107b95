"""RSS 0.9x/1.0/2.0 and Atom through feedparser.

feedparser always gets the raw bytes, so it can honour the encoding the document declares
(Vietnamese portals still serve windows-1258). Dates stay raw: feedparser would read a naive
"08/11/2018 09:26" or a "GMT+7" pubDate as UTC, so the normaliser parses `published_raw` instead.
"""

from __future__ import annotations

import codecs
import html
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from ..errors import ParseError, Problem
from ..models import ParsedFeed, ParsedItem
from ._common import join_url
from .detect import sniff

_XML_DECL_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ENTRY_START = re.compile(rb"<(?:[\w.\-]+:)?entry[\s>]")
_ENTRY_ID = re.compile(rb"<(?:[\w.\-]+:)?id\b[^>]*>\s*([^<]*?)\s*</")
_ITEM_START = re.compile(rb"<(?:[\w.\-]+:)?item[\s>]")
_ITEM_GUID = re.compile(rb"<guid\b[^>]*>\s*(?:<!\[CDATA\[)?([^<\]]*)(?:\]\]>)?\s*</guid>")
_RAW_GUID = re.compile(rb"<guid\b[^>]*>\s*(?:<!\[CDATA\[)?\s*([!-;=?-~]+?)\s*(?:\]\]>)?\s*</guid>")

# Encoding complaints that feedparser recovered from on its own: not worth a warning.
_HARMLESS_BOZO = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)


def declared_encoding(body: bytes) -> str | None:
    """The encoding named in the XML declaration, if Python knows it."""
    start = body[3:] if body.startswith(codecs.BOM_UTF8) else body
    match = _XML_DECL_ENCODING.match(start[:200])
    if not match:
        return None
    name = match.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _content_type(headers: Mapping[str, str], body: bytes) -> str:
    """The Content-Type to show feedparser.

    When the HTTP charset disagrees with the XML declaration and the declared encoding decodes the
    body cleanly, the charset is dropped: a server default like `charset=iso-8859-1` is far more
    often wrong than the encoding the feed's author wrote into the document.
    """
    value = headers.get("content-type", "")
    media_type, _, params = value.partition(";")
    charset = re.search(r"charset\s*=\s*\"?([^\";\s]+)", params, re.I)
    declared = declared_encoding(body)
    if not charset or not declared:
        return value
    try:
        if codecs.lookup(charset.group(1)).name == codecs.lookup(declared).name:
            return value
    except LookupError:
        pass  # an unknown HTTP charset: the declaration is the better guess
    try:
        body.decode(declared)
    except (UnicodeDecodeError, LookupError):
        return value
    return media_type.strip()


def _bozo_reason(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
    return f"{message} at line {line}" if line else str(message)


def _html_of(detail: Mapping[str, Any] | None, value: str) -> str:
    """Content as HTML: plain-text constructs are escaped so they survive the HTML cleaner."""
    media_type = (detail or {}).get("type", "text/html")
    if media_type == "text/plain" and value:
        return "<p>" + html.escape(value).replace("\n", "<br>") + "</p>"
    return value


def _best_content(entry: Mapping[str, Any]) -> str:
    """The longest HTML content block, else the longest of any type."""
    blocks = entry.get("content") or []
    if not blocks:
        return ""
    rich = [b for b in blocks if b.get("type") in ("text/html", "application/xhtml+xml")]
    best = max(rich or blocks, key=lambda b: len(b.get("value") or ""))
    return _html_of(best, best.get("value") or "")


def _image(entry: Mapping[str, Any], base: str) -> str | None:
    for url in _image_urls(entry):
        resolved = join_url(base, url)
        if resolved:
            return resolved
    return None


def _image_urls(entry: Mapping[str, Any]) -> Iterator[str]:
    """The item's picture URLs, best first; the first one that resolves is its image."""
    for thumb in entry.get("media_thumbnail") or []:
        if thumb.get("url"):
            yield thumb["url"]
    for media in entry.get("media_content") or []:
        kind = media.get("medium") or media.get("type") or ""
        if media.get("url") and kind.startswith("image"):
            yield media["url"]
    for enclosure in entry.get("enclosures") or []:
        if enclosure.get("href") and (enclosure.get("type") or "").startswith("image/"):
            yield enclosure["href"]
    image = entry.get("image")
    if isinstance(image, Mapping) and image.get("href"):
        yield image["href"]


def _categories(entry: Mapping[str, Any]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for tag in entry.get("tags") or []:
        term = (tag.get("term") or tag.get("label") or "").strip()
        if term:
            seen.setdefault(term, None)
    return tuple(seen)


def _unresolved_guids(body: bytes, base: str) -> dict[str, str]:
    """Map guids as feedparser resolved them back to the feed's own text.

    An RSS guid without isPermaLink="false" counts as a URL, so feedparser turns "tin-1203" into
    "https://site/rss/tin-1203"; that identity would change whenever the feed moves, so the raw
    value is kept instead. (Guids urllib refuses to resolve are `_restore_ids`' business.)
    """
    mapping: dict[str, str] = {}
    for match in _RAW_GUID.finditer(body):
        raw = html.unescape(match.group(1).decode("ascii"))
        resolved = join_url(base, raw)
        if resolved is not None and resolved != raw:
            mapping[resolved] = raw
    return mapping


def _restore_ids(entries: list[Any], body: bytes, atom: bool) -> None:
    """Give back the ids feedparser emptied because urllib refused to resolve them (a guid
    `http://example.c[o.test/` raises "Invalid IPv6 URL"): a bad id is still that item's
    identity, and only its own. Each entry gets the text of its own `<guid>` or `<id>`, the
    document's items paired with feedparser's entries by position (only when they pair up one
    to one: empty guids come back from feedparser just as empty)."""
    start, element = (_ENTRY_START, _ENTRY_ID) if atom else (_ITEM_START, _ITEM_GUID)
    starts = [m.start() for m in start.finditer(body)]
    if len(starts) != len(entries):
        return
    for entry, begin, end in zip(entries, starts, [*starts[1:], len(body)], strict=True):
        if entry.get("id") == "" and "id" in entry:
            found = element.search(body, begin, end)
            if found and found.group(1).strip():
                entry["id"] = html.unescape(found.group(1).decode("utf-8", "replace")).strip()


def entry_item(entry: Mapping[str, Any], base: str, raw_guids: Mapping[str, str]) -> ParsedItem:
    """One feedparser entry (or fast_xml's view of a feedparser-rs entry) as a ParsedItem."""
    link = entry.get("link")
    guid = entry.get("id") or None
    return ParsedItem(
        title=entry.get("title") or "",
        guid=raw_guids.get(guid, guid) if guid else None,
        url=join_url(base, link) if link else None,
        published_raw=entry.get("published") or entry.get("updated") or None,
        summary=_html_of(entry.get("summary_detail"), entry.get("summary") or ""),
        content=_best_content(entry),
        author=entry.get("author") or "",
        categories=_categories(entry),
        image=_image(entry, base),
        title_is_text=(entry.get("title_detail") or {}).get("type") == "text/plain",
    )


def parse(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    """Read an RSS or Atom document.

    `headers` are the response headers with lower-case keys and `url` the URL the body came from,
    used to resolve relative links. Raises ParseError when the body is not a feed at all, or
    when it is broken XML (cut off, say) in which no entry could be read; a feed whose entries
    were recovered from broken XML comes back with `warning` set.
    """
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if sniff(body, media_type) == "html":
        raise ParseError(Problem.of("parse.html_page", url=url))
    response_headers = {"content-location": url, "content-type": _content_type(headers, body)}
    # A BytesIO, never bare bytes: feedparser tries to open() a bytes argument as a file name.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers)
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    bozo_exc = parsed.get("bozo_exception") if parsed.get("bozo") else None

    broken = bozo_exc is not None and not isinstance(bozo_exc, _HARMLESS_BOZO)
    if not entries and not version:
        if broken:
            raise ParseError(Problem.of("parse.invalid", url=url, detail=_bozo_reason(bozo_exc)))
        if media_type in _HTML_TYPES:
            raise ParseError(Problem.of("parse.html_page", url=url))
        raise ParseError(Problem.of("parse.no_root", url=url))

    atom = version.startswith("atom")
    if any(entry.get("id") == "" and "id" in entry for entry in entries):
        _restore_ids(entries, body, atom)
    raw_guids = _unresolved_guids(body, url) if not atom else {}
    items = tuple(entry_item(entry, url, raw_guids) for entry in entries)
    warning = None
    if broken:
        # A document cut off in transfer still starts like a feed, and its last item may be a
        # fragment with nothing in it: "ok, 0 articles" would hide that nothing could be read.
        readable = sum(1 for item in items if item.title or item.url or item.summary)
        reason = _bozo_reason(bozo_exc)
        if not readable:
            raise ParseError(Problem.of("parse.cut_off", url=url, detail=reason))
        warning = Problem.of("parse.recovered", detail=reason, count=readable)

    feed = parsed.get("feed") or {}
    link = feed.get("link")
    return ParsedFeed(
        kind="atom" if version.startswith("atom") else "rss",
        title=feed.get("title") or None,
        link=join_url(url, link) if link else None,
        items=items,
        warning=warning,
    )
