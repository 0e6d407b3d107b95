"""Small helpers shared by the source modules: HTML link tags, JSON values, ISO dates."""

from __future__ import annotations

import html
import json
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from ..content.unclosed import defuse_unclosed
from ..errors import ParseError, Problem
from ..urls import join_url

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
"""Accept header for requests that expect a feed."""

JSON_ACCEPT = "application/json, */*;q=0.5"
"""Accept header for requests that expect a JSON API answer."""


class _HeadScanner(HTMLParser):
    """Collects `<link>` tags, `<base href>` and `<title>`; tolerant of broken markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.base: str | None = None
        self.title: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "link":
            self.links.append(values)
        elif tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        elif tag == "title" and self.title is None:
            self._in_title = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = "".join(self._title_parts).strip() or None


def as_text(html_or_bytes: str | bytes) -> str:
    """Decode an HTML page well enough to read its tags.

    Only ASCII attribute values (URLs, rel, type) matter here, so a lossy UTF-8 decode is enough.
    """
    if isinstance(html_or_bytes, bytes):
        return html_or_bytes.decode("utf-8", errors="replace")
    return html_or_bytes


def scan_head(page: str | bytes) -> _HeadScanner:
    """Parse an HTML page and return its link tags, base href and title."""
    scanner = _HeadScanner()
    try:
        # html.parser is quadratic on tags that never close: a hostile page is defused first.
        scanner.feed(defuse_unclosed(as_text(page)))
        scanner.close()
    except Exception:  # a broken page still yields the tags read so far
        pass
    return scanner


def page_base(scanner: _HeadScanner, url: str) -> str:
    """The URL relative links in a page resolve against (honours `<base href>`)."""
    return (join_url(url, scanner.base) or url) if scanner.base else url


def rel_tokens(link: dict[str, str]) -> set[str]:
    """The space-separated `rel` values of a link tag, lower-cased."""
    return {token.lower() for token in link.get("rel", "").split()}


def load_json(body: bytes, url: str) -> Any:
    """Decode a JSON body (UTF-8 with or without BOM, or UTF-16/32) or raise ParseError naming
    `url`, where the body came from."""
    try:
        return json.loads(body)
    except UnicodeDecodeError as exc:
        raise ParseError(Problem.of("parse.json_encoding", url=url, detail=exc.reason)) from exc
    except ValueError as exc:
        raise ParseError(Problem.of("parse.json_invalid", url=url, detail=exc)) from exc
    except RecursionError as exc:  # arrays in arrays, thousands deep: refused, not a crash
        limit = sys.getrecursionlimit()
        raise ParseError(Problem.of("parse.too_deep", url=url, limit=limit)) from exc


def scalar_text(value: Any) -> str | None:
    """A JSON scalar as a string: numbers used as ids or dates become their decimal form."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return None


def aware_iso(raw: str | None) -> datetime | None:
    """An ISO 8601 / RFC 3339 string as an aware datetime, or None when it carries no offset.

    Naive strings are left to the normaliser, which knows the feed's time zone.
    """
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def epoch_datetime(value: Any) -> datetime | None:
    """A Unix timestamp (seconds, or milliseconds when huge) as an aware UTC datetime."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        # Inside the try: a 400-digit integer overflows a float already in the division.
        seconds = value / 1000 if value > 100_000_000_000 else value
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs: blank lines split paragraphs, single newlines become <br>."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs if p)
