"""Bounding how deeply a web page nests before an HTML engine builds a tree of it.

The full-text extractor hands whole article pages to lexbor, whose tree builder looks through
the open elements at every start tag: 100,000 nested `<div>`s cost it seconds, quadratic in the
depth. `flatten_deep` removes the start and end tags past a depth no real page reaches, keeping
all the text and pictures in between, in one linear pass over the markup.

It counts like a tokenizer, not like a browser: a `<p>` or `<li>` left open counts as a level
until something closes it. That only overcounts, and the limit is set far above what pages
nest (a portal page: a few dozen levels), so a page that is not hostile comes back unchanged.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["PAGE_DEPTH", "flatten_deep"]

PAGE_DEPTH = 1000
"""Open tags counted before deeper ones are removed."""

# A tag, up to the next ">" or "<" (so an unclosed "<div" cannot make the scan quadratic).
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr", "!doctype"}
)  # fmt: skip


def flatten_deep(markup: str, limit: int = PAGE_DEPTH) -> str:
    """`markup` without the tags that would open more than `limit` elements at once (and
    their end tags); the same string when it never goes that deep."""
    if markup.count("<") <= limit:
        return markup  # cannot go that deep: not worth a pass
    depth = 0
    dropped: Counter[str] = Counter()  # start tags removed, by name, waiting for their end tags
    pieces: list[str] = []
    kept_from = 0
    for match in _TAG_RE.finditer(markup):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if dropped[name]:
                dropped[name] -= 1
            else:
                depth = max(0, depth - 1)
                continue
        elif name in _VOID or self_closing:
            continue
        elif depth < limit:
            depth += 1
            continue
        else:
            dropped[name] += 1
        pieces.append(markup[kept_from : match.start()])
        kept_from = match.end()
    if not pieces:
        return markup
    pieces.append(markup[kept_from:])
    return "".join(pieces)
