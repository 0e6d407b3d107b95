"""RSS documents built in the test, for feeds whose items a test changes between refreshes.

Fixed documents with portal quirks live in tests/data/feeds; these are for the rest:
`rss(rss_item("1", "Tin một", published="Thu, 08 Nov 2018 09:26:00 +0700"), ...)`.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


def rss_item(
    guid: str,
    title: str,
    *,
    link: str | None = None,
    published: str | datetime | None = None,
    description: str | None = None,
) -> str:
    """One `<item>`. `link` defaults to https://a.vn/<guid>; `published` is written as given
    (a string may be any of the formats portals use) or, for a datetime, as RFC 822; it and
    `description` are left out when None. The description goes in CDATA, so HTML stays HTML."""
    parts = [
        f"<guid>{escape(guid)}</guid>",
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link or f'https://a.vn/{guid}')}</link>",
    ]
    if published is not None:
        date = format_datetime(published) if isinstance(published, datetime) else published
        parts.append(f"<pubDate>{escape(date)}</pubDate>")
    if description is not None:
        parts.append(f"<description><![CDATA[{description}]]></description>")
    return "<item>" + "".join(parts) + "</item>"


def rss(*items: str, title: str | None = "Cổng thông tin") -> bytes:
    """An RSS 2.0 document in UTF-8 holding `items` (from `rss_item`), in that order; the
    channel has `title` unless it is None."""
    channel = "" if title is None else f"<title>{escape(title)}</title>"
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"{channel}{''.join(items)}</channel></rss>"
    ).encode()


def cut_off(document: bytes, *, before: bytes = b"<item>", keep: int = 10) -> bytes:
    """`document` cut off `keep` bytes past the first `before`, as a transfer that broke off
    mid-way leaves it: well-formed up to there, then nothing."""
    return document[: document.index(before) + keep]
