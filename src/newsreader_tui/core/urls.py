"""Resolving the links a feed or a page carries: the one place a bad one is caught.

urllib refuses some values outright (`http://a.c[o/` raises "Invalid IPv6 URL"). A bad link
in one item or on one page must cost that link alone, never the feed, the page or the pictures
around it, so every link is resolved through `join_url`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

__all__ = ["join_url", "web_url"]

_PLAIN_WEB = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s;?#\[\]]*)?(?:\?[^\s#\[\]]+)?(?:#[^\s\[\]]+)?"
)
"""An absolute http(s) link that `urljoin` gives back unchanged whatever the base: a plain
ASCII host, no `;` parameters, no empty `?` or `#` (urllib drops those), nothing it refuses.
Nearly every link in a feed looks like this, and each is resolved twice on its way in (the
reader, then normalisation): parsing it three times over was a tenth of a worker's time. A
property test holds the shortcut to urllib's answer."""


def join_url(base: str, value: str) -> str | None:
    """`value` resolved against `base`, or None when urllib refuses it."""
    return value if _PLAIN_WEB.fullmatch(value) else _urllib_join(base, value)


def web_url(base: str, value: str) -> str | None:
    """`join_url`, kept only when the result is an http(s) address a reader may open."""
    return value if _PLAIN_WEB.fullmatch(value) else _urllib_web(base, value)


def _urllib_join(base: str, value: str) -> str | None:
    try:
        return urljoin(base, value)
    except ValueError:
        return None


def _urllib_web(base: str, value: str) -> str | None:
    resolved = _urllib_join(base, value)
    if resolved is None:
        return None
    try:
        return resolved if urlsplit(resolved).scheme in ("http", "https") else None
    except ValueError:
        return None
