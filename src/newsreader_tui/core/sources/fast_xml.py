"""The fast reader for well-formed RSS and Atom: feedparser-rs (Rust), mapped like feedparser.

feedparser spends most of a refresh's CPU (SAX callbacks in Python, its sanitiser, relative-URI
resolution); feedparser-rs reads the same documents 40 to 140 times faster and names its fields
as feedparser does, so `rss_atom.entry_item` maps both. What it does differently is undone here
or declined:

- it is only asked about documents that are plainly UTF-8 (declared or not, and decoding
  cleanly) with no DOCTYPE, no HTTP charset saying otherwise and no `xml:base` in RSS: every
  other encoding (windows-1258 above all), entity declarations and odd bases stay feedparser's;
- anything it calls bozo (broken XML, recovered or not), and anything that is not RSS 0.9x-2.0
  or Atom, is declined: feedparser's recovery and its error messages are the reference;
- its sanitiser is off, relative URIs inside HTML are resolved here against the base
  feedparser would use, and HTML with anything feedparser's sanitiser removes or rewrites
  (scripts, frames, comments, unknown elements) goes through that sanitiser, so the text is
  the same; ordinary feed HTML (p, a, img, figure, ...) skips it, which is most of the speed;
- documents feedparser-rs misreads (found by the differential test: empty elements, Atom 0.3,
  base64 text, several authors, links and dates in other elements, ...) are declined.

`read` raises `Declined` with a short reason when feedparser should read the body instead;
the differential test (tests/core/test_parse_differential.py) proves that whatever it does
read becomes the same articles as feedparser's.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import Any
from xml.parsers import expat

try:  # feedparser's own sanitiser, private API: if a release moves it, HTML that needs it is
    # declined to feedparser (sanitise), never parsed differently.
    from feedparser.sanitizer import _HTMLSanitizer, _sanitize_html
except ImportError:  # pragma: no cover - depends on feedparser's release
    _HTMLSanitizer = _sanitize_html = None

from ..models import ParsedFeed
from ._common import join_url
from .registry import Declined
from .rss_atom import declared_encoding, entry_item

try:  # feedparser's guess of an RSS title's type, private API like its sanitiser above
    from feedparser.mixin import _FeedParserMixin

    _looks_like_html = _FeedParserMixin.looks_like_html
except (ImportError, AttributeError):  # pragma: no cover - depends on feedparser's release
    _looks_like_html = None

try:  # a wheel for every platform we support exists; without one, feedparser reads everything
    import feedparser_rs
except ImportError:  # pragma: no cover - depends on the platform's wheels
    feedparser_rs = None

__all__ = ["AVAILABLE", "Declined", "read"]

AVAILABLE = feedparser_rs is not None
"""Whether the fast reader can run here at all."""

MAX_BYTES = 4 * 1024 * 1024
"""Bodies past this are left to feedparser, whose memory use the worker's limit stops with a
clear message (a Rust allocation that fails aborts the worker instead)."""

_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
_CHARSET = re.compile(r"charset\s*=\s*\"?([^\";\s]+)", re.I)
_ODD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_LINK_TEXT = re.compile(rb"<(?:\w+:)?link\b[^>]*[^/]>\s*[^<\s]")
_MODE_BASE64 = re.compile(rb"mode\s*=\s*[\"']base64")
_OTHER_TYPE = re.compile(
    rb"<(?:atom:)?(?:title|summary|content|subtitle|rights)\b[^>]*"
    rb"\btype\s*=\s*[\"'](?!(?:text|html|xhtml|text/html|text/plain|application/xhtml\+xml)[\"'])"
)
"""Atom text constructs of another media type (base64): feedparser-rs reads them as HTML."""
_EMPTY_ELEMENT = re.compile(rb"<(?!(?:br|hr|wbr)\b)[\w:.\-]+\s*/>")
"""An element closed at once: feedparser-rs reads the next element's text into an empty text
element (a portal's `<title/>` took its item's description, `<category domain="x"/>` took the
title). Empty elements with no attributes are declined in any feed, except HTML's line breaks
in CDATA; in RSS, `_RSS_EMPTY` also declines those with attributes."""
_RSS_EMPTY = re.compile(
    rb"<(?!(?:br|hr|wbr|img|source|embed|param|atom:link|enclosure|media:[\w.\-]+|rdf:\w+)[\s/>]"
    rb"|(?:image|textinput)\s+rdf:)"
    rb"[\w:.\-]+\s[^<>]*/>"
)
"""Self-closed RSS elements with attributes, less those that are nothing but attributes."""
_UNTYPED_MARKUP = re.compile(
    rb"<(?:atom:)?(summary|content)\b(?![^>]*\btype\s*=)[^>/]*>"
    rb"(?=[^<&\n]*(?:[&\n]|<(?!/(?:atom:)?\1>)))"
)
"""An Atom summary or content with no `type` whose text has markup, entities or line breaks:
feedparser reads it as text/plain (as the spec says), feedparser-rs as HTML."""
_UNTYPED_TITLE_LT = re.compile(
    rb"<(?:atom:)?title\b(?![^>]*\btype\s*=)[^>/]*>(?:[^<]*?(?:&lt;|&#0*60;|&#x0*3c;)|\s*<!\[CDATA\[)",
    re.I,
)
"""An Atom title with no `type` whose text holds a "<": plain text to feedparser (the spec's
default), HTML to feedparser-rs, and a plain title keeps its "<blink>"."""
_OTHER_DATES = re.compile(rb"<(?:\w+:)?(?:date|issued|modified|created)\b")
_TITLE = re.compile(rb"<(?:\w+:)?title\b", re.I)
_FIRST_ITEM = re.compile(rb"<(?:\w+:)?(?:item|entry)\b")
_RSS_CONTENT = re.compile(rb"<(?:content|summary|body|fullitem)[\s>]")
_C1_RAW = re.compile(rb"\xc2[\x80-\x9f]")
_C1_REF = re.compile(rb"&#(?:1[2-5][0-9]|0*x[89][0-9a-fA-F]);")
"""C1 controls in UTF-8, raw or as references: feedparser reads them as the windows-1252
characters meant. Two patterns, each with a literal start the regex engine looks for quickly:
one with both alternatives, tried at every byte, took 0.34 ms on a 100 KB feed with no-break
spaces in it (bytes C2 A0, or `&#160;`), which Vietnamese portals' feeds often have; these two
take 0.06 ms."""
_RELATIVE_ATTRS = frozenset(
    {
        ("a", "href"),
        ("applet", "codebase"),
        ("area", "href"),
        ("audio", "src"),
        ("blockquote", "cite"),
        ("body", "background"),
        ("del", "cite"),
        ("form", "action"),
        ("frame", "longdesc"),
        ("frame", "src"),
        ("iframe", "longdesc"),
        ("iframe", "src"),
        ("head", "profile"),
        ("img", "longdesc"),
        ("img", "src"),
        ("img", "usemap"),
        ("input", "src"),
        ("input", "usemap"),
        ("ins", "cite"),
        ("link", "href"),
        ("object", "classid"),
        ("object", "codebase"),
        ("object", "data"),
        ("object", "usemap"),
        ("q", "cite"),
        ("script", "src"),
        ("source", "src"),
        ("video", "poster"),
        ("video", "src"),
    }
)
"""The attributes feedparser resolves against the document's base (feedparser.urls)."""
_RELATIVE_VALUE = re.compile(
    r"""\b(?:href|src|cite|codebase|background|action|longdesc|profile|usemap|classid|data"""
    r"""|poster)\s*=\s*(?!["']?\s*[A-Za-z][A-Za-z0-9+.\-]*:)""",
    re.I,
)
"""An attribute that may hold a relative URI. What `has_relative_value` looks for, without
trying a dozen names at every position of the text (48 us for 1.2 KB of feed HTML)."""
_NAME_BEFORE = re.compile(
    r"""\b(?:href|src|cite|codebase|background|action|longdesc|profile|usemap|classid|data"""
    r"""|poster)$""",
    re.I,
)
_NOT_ABSOLUTE = re.compile(r"""\s*(?!["']?\s*[A-Za-z][A-Za-z0-9+.\-]*:)""")
_LONGEST_NAME = len("background")
"""A value of a resolvable attribute that may be relative: most feed HTML has none."""
_RELATIVE_TAGS = "|".join(sorted({tag for tag, _ in _RELATIVE_ATTRS}, key=len, reverse=True))
_TAG = re.compile(rf"<({_RELATIVE_TAGS})(\s[^<>]*)>", re.I)
"""Start tags that may carry a resolvable attribute (`_RELATIVE_ATTRS`), with attributes."""
_ATTR = re.compile(r"""([A-Za-z_:][-\w:.]*)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][\w:.\-]*)|<[!?]")
_ACCEPTABLE: frozenset[str] = frozenset(getattr(_HTMLSanitizer, "acceptable_elements", ()))
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_LIMITS: Any = None


def _limits() -> Any:
    """feedparser-rs's default limits. Raising them is no use: it reserves memory for them up
    front (a million entries is 1.8 GB, past the worker's limit, and Rust aborts there). An
    entry that reaches one is declined instead (`_check_entry`), and a feed past the entry
    limit is bozo, so nothing is cut where feedparser keeps it."""
    global _LIMITS
    if _LIMITS is None:
        _LIMITS = feedparser_rs.ParserLimits()
    return _LIMITS


_ENTRY_LIMITS = (
    ("tags", 100),
    ("content", 10),
    ("enclosures", 20),
    ("links", 50),
    ("authors", 20),
    ("contributors", 20),
)
"""feedparser-rs's per-entry limits (its `ParserLimits` defaults), reached means maybe cut."""


def _check_encoding(body: bytes, headers: Mapping[str, str]) -> None:
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Declined("utf-16/32 byte order mark")
    declared = declared_encoding(body)
    if declared is not None and codecs.lookup(declared).name != "utf-8":
        if declared.lower() not in _UTF8:
            raise Declined(f"encoding {declared}")
    elif declared is None and b"encoding" in body[:200]:
        raise Declined("unknown declared encoding")
    charset = _CHARSET.search(headers.get("content-type", ""))
    # A wrong HTTP charset loses to a UTF-8 declaration (rss_atom._content_type); without one,
    # feedparser follows the HTTP charset, and so it reads the body.
    if charset and charset.group(1).lower() not in _UTF8 and declared is None:
        raise Declined(f"http charset {charset.group(1)}")
    if declared is None and "xml" not in headers.get("content-type", "").lower():
        # feedparser reads such bodies with its own encoding guesses (RFC 3023 defaults).
        raise Declined("no declared encoding and no XML media type")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Declined("not valid UTF-8") from exc


def _resolve_tag(match: re.Match[str], base: str) -> str:
    tag = match.group(1).lower()
    attrs = match.group(2)

    def attr(found: re.Match[str]) -> str:
        name = found.group(1).lower()
        raw = found.group(3)
        if (tag, name) not in _RELATIVE_ATTRS:
            return found.group(0)
        quote = raw[0] if raw[0] in "\"'" else ""
        value = raw[1:-1] if quote else raw
        if _ABSOLUTE.match(value.strip()):
            return found.group(0)
        # feedparser empties a value urllib refuses ("Invalid IPv6 URL"); so does this.
        resolved = join_url(base, value.strip()) or ""
        return f"{found.group(1)}{found.group(2)}{quote or chr(34)}{resolved}{quote or chr(34)}"

    return f"<{match.group(1)}{_ATTR.sub(attr, attrs)}>"


def has_relative_value(html: str) -> bool:
    """Whether `_RELATIVE_VALUE` is found in `html`: each "=" is checked, its value, then the
    name before it. Feed HTML has few of them, so this costs a few microseconds."""
    find = html.find
    at = find("=")
    while at != -1:
        if _NOT_ABSOLUTE.match(html, at + 1):
            end = at
            while end and html[end - 1].isspace():
                end -= 1
            if _NAME_BEFORE.search(html, max(0, end - _LONGEST_NAME), end):
                return True
        at = find("=", at + 1)
    return False


def resolve_html(html: str, base: str) -> str:
    """`html` with the relative URIs feedparser resolves made absolute against `base`."""
    if not html or not base or not has_relative_value(html):
        return html
    return _TAG.sub(lambda m: _resolve_tag(m, base), html)


def sanitise(html: str) -> str:
    """`html` through feedparser's own sanitiser when it holds anything that sanitiser
    removes or rewrites (scripts, frames, comments, unknown elements); else as it is.

    The app never renders raw HTML, but what the sanitiser drops (a script's text, say) must
    not turn up in an article's text on one path and not on the other. Ordinary feed HTML (p,
    a, img, figure, ...) has none of it, so the sanitiser's cost is paid only where needed.
    """
    # Every tag's name at once, from C: "" for a comment, declaration or processing
    # instruction, which is never acceptable. Half the cost of a loop over the matches.
    if _ACCEPTABLE.issuperset(map(str.lower, _TAG_NAME.findall(html))):
        return html
    if _sanitize_html is None:
        raise Declined("feedparser's sanitiser is not importable")
    return _sanitize_html(html, "utf-8", "text/html")


def _content_base(detail: Any, url: str) -> str:
    base = detail.get("base") if detail is not None else None
    return (join_url(url, base) or url) if base else url


class _Entry(Mapping[str, Any]):
    """A feedparser-rs entry seen through feedparser's keys, HTML bases resolved."""

    def __init__(self, entry: Any, url: str, atom: bool) -> None:
        self._entry = entry
        self._url = url
        self._atom = atom

    def __getitem__(self, key: str) -> Any:
        value = self._entry.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        if key == "summary":
            detail = self._entry.get("summary_detail")
            summary = self._entry.get("summary")
            return self._html(summary, detail) if summary else default
        if key == "content":
            return [self._block(b) for b in self._entry.get("content") or []] or default
        if key == "title_detail" and not self._atom:
            # feedparser guesses an RSS title's type from its text; feedparser-rs says HTML.
            title = self._entry.get("title") or ""
            return {"type": "text/html" if _looks_like_html(title) else "text/plain"}
        value = self._entry.get(key)
        return default if value is None else value

    def _html(self, value: str, detail: Any) -> str:
        kind = detail.get("type") if detail is not None else "text/html"
        if kind not in ("text/html", "application/xhtml+xml"):
            return value
        base = _content_base(detail, self._url) if self._atom else self._url
        return sanitise(resolve_html(value, base))

    def _block(self, block: Any) -> dict[str, Any]:
        return {"type": block.get("type"), "value": self._html(block.get("value") or "", block)}

    def __iter__(self) -> Any:
        return iter(self._entry.keys())

    def __len__(self) -> int:
        return len(self._entry.keys())


def _check_entry(entry: Any, atom: bool, feed_author: str | None, body: bytes) -> None:
    """Decline entries feedparser reads differently (the differential test found each)."""
    link = entry.get("link")
    if not (link or entry.get("title") or entry.get("summary") or entry.get("content")):
        raise Declined("empty entry")  # feedparser reads bodies in more elements
    if (not link and entry.get("links")) or (atom and _LINK_TEXT.search(body)):
        # feedparser finds a link in more places (an Atom link's text, an atom:link in RSS).
        raise Declined("entry link elsewhere")
    alternates = [
        x for x in entry.get("links") or [] if (x.get("rel") or "alternate") == "alternate"
    ]
    if atom and len(alternates) > 1:
        # feedparser prefers the text/html one. (In RSS, feedparser-rs lists an item's
        # permalink guid as a second alternate: the <link> is the link for both.)
        raise Declined("several alternate links")
    detail = entry.get("summary_detail")
    content = entry.get("content") or []
    plain = detail is not None and detail.get("type") == "text/plain"
    if plain and content and entry.get("summary") == content[0].get("value"):
        raise Declined("plain-text content without summary")  # feedparser: HTML
    if not entry.get("published") and not entry.get("updated") and _OTHER_DATES.search(body):
        # feedparser also reads dcterms dates; feedparser-rs gives dc:date in UTC only.
        raise Declined("dates in other elements")
    guid = entry.get("id")
    if atom and guid and not _ABSOLUTE.match(guid):
        raise Declined("relative Atom id")  # feedparser resolves it like a link
    for key, limit in _ENTRY_LIMITS:
        if len(entry.get(key) or ()) >= limit:
            raise Declined(f"{key} at feedparser-rs's limit")
    authors = entry.get("authors") or []
    if len(authors) > 1:
        raise Declined("several authors")  # feedparser takes the last
    if atom and feed_author and entry.get("author") == feed_author:
        # feedparser-rs gives an Atom entry its feed's author; feedparser does not.
        raise Declined("inherited author")
    if any("\n" in (tag.get("term") or "") for tag in entry.get("tags") or []):
        raise Declined("markup in a category")


def _well_formed(body: bytes) -> bool:
    """Whether expat, with namespaces, reads `body` to the end as feedparser's strict parser
    does (no handlers: this runs at C speed)."""
    parser = expat.ParserCreate(None, " ")
    try:
        parser.Parse(body, True)
    except (expat.ExpatError, ValueError):  # ValueError: UTF-16 without a byte order mark
        return False
    return True


def _closed_at_once(body: bytes) -> tuple[bool, bool]:
    """Whether `_EMPTY_ELEMENT`, and `_RSS_EMPTY`, match somewhere in `body` (the second
    only as far as the first "/>" that the first pattern matches: the body is declined then).

    Both patterns end in "/>" and hold no "<" after their first byte, so a match can only
    start at the last "<" before a "/>": that one place is tried for each "/>" in the body, not
    every "<" of it (92 against 230 us for a 100 KB feed)."""
    rss_empty = False
    end = body.find(b"/>")
    while end != -1:
        start = body.rfind(b"<", 0, end)
        if start != -1:
            if _EMPTY_ELEMENT.match(body, start):
                return True, rss_empty
            rss_empty = rss_empty or _RSS_EMPTY.match(body, start) is not None
        end = body.find(b"/>", end + 2)
    return False, rss_empty


def _parse(body: bytes, *, resolve: bool) -> Any:
    """feedparser-rs on `body`: bases honoured only when asked (Atom's `xml:base`)."""
    return feedparser_rs.parse_with_limits(
        body, limits=_limits(), sanitize_html=False, resolve_relative_uris=resolve
    )


def read(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    """Read a well-formed UTF-8 RSS or Atom document, or raise Declined."""
    if feedparser_rs is None:
        raise Declined("feedparser-rs is not installed")
    if len(body) > MAX_BYTES:
        raise Declined("larger than an ordinary feed")
    _check_encoding(body, headers)
    if _ODD.search(body, 0, 4096):
        raise Declined("doctype or entity declarations")
    # Each pattern's rare first bytes are looked for first: a plain find is ten times faster.
    if (b"\xc2" in body and _C1_RAW.search(body)) or (b"&#" in body and _C1_REF.search(body)):
        raise Declined("C1 control characters")
    if b"base64" in body and _MODE_BASE64.search(body):
        raise Declined("base64 text constructs")
    empty, rss_empty = _closed_at_once(body)
    if empty:
        raise Declined("empty element")
    if not _well_formed(body):
        raise Declined("not well-formed XML")  # feedparser: bozo, recovered or refused
    parsed = _parse(body, resolve=False)
    if parsed.bozo:
        raise Declined(f"bozo: {parsed.bozo_exception}")
    version = parsed.version or ""
    atom = version.startswith("atom")
    if not (version in ("atom10", "atom") or version.startswith("rss")):
        # Atom 0.3 (base64 and escaped modes) and unknown roots stay feedparser's.
        raise Declined(f"version {version or 'unknown'}")
    if atom and _OTHER_TYPE.search(body):
        raise Declined("base64 text constructs")
    if atom and _UNTYPED_MARKUP.search(body):
        raise Declined("untyped Atom text with markup")
    if atom and _UNTYPED_TITLE_LT.search(body):
        raise Declined("untyped Atom title with markup")
    if not atom and _looks_like_html is None:
        raise Declined("feedparser's title type guess is not importable")
    if b"xml:base" in body:
        if not atom:
            # feedparser resolves RSS against the response URL, not the document's bases.
            raise Declined("xml:base in RSS")
        parsed = _parse(body, resolve=True)
    if not atom and _RSS_CONTENT.search(body):
        raise Declined("content, summary or body element in RSS")
    if not atom and rss_empty:
        raise Declined("empty element")
    feed = parsed.feed
    title = feed.get("title")
    if not title:
        first = _FIRST_ITEM.search(body)
        if _TITLE.search(body, 0, first.start() if first else len(body)):
            raise Declined("feed title unread")  # feedparser reads <TiTlE> in any case
    elif "<!--" in title:
        raise Declined("comment in the feed title")
    if not parsed.entries:
        raise Declined("no entries")  # feedparser finds items in more places
    for entry in parsed.entries:
        _check_entry(entry, atom, feed.get("author"), body)
    items = tuple(entry_item(_Entry(e, url, atom), url, {}) for e in parsed.entries)
    link = feed.get("link")
    return ParsedFeed(
        kind="atom" if atom else "rss",
        title=title or None,
        link=join_url(url, link) if link else None,
        items=items,
    )
