"""A cheap structural pass over an XML feed before feedparser sees it: depth and item count.

feedparser's cost grows with nesting (200,000 nested elements: seconds and 130 MB) and with the
number of items (320,000 items: minutes and half a gigabyte), and nothing in it stops early. One
pass of expat with nothing but element start and end handlers is far cheaper, so it runs first:

- past `max_depth` levels the feed is refused (`TooDeep`), before any of it is parsed;
- after the `max_items`-th item (RSS `<item>`, Atom `<entry>`) the document is cut there and
  the elements still open are closed, so feedparser reads what will be kept and nothing more.

Only structure matters, so the bytes are read as Latin-1 whatever the declared encoding (every
ASCII-compatible encoding keeps `<`, `>` and names where they are, one byte each) and byte
offsets stay exact. A document expat cannot read (broken XML, UTF-16, an entity bomb) is passed
on whole: feedparser's own recovery decides, and the worker's deadline bounds it.
"""

from __future__ import annotations

import codecs
from xml.parsers import expat

__all__ = ["MAX_DEPTH", "TooDeep", "prescan"]

MAX_DEPTH = 256
"""Deepest element nesting read. Feeds nest about 5 levels; Atom XHTML content a few dozen."""

_ITEMS = frozenset({"item", "entry"})
_ITEM_DEPTH = 3
"""Items sit at depth 2 (RSS 1.0 `rdf:RDF/item`, Atom `feed/entry`) or 3 (`rss/channel/item`);
an `item` deeper down is content, not a feed item."""
_CHUNK = 64 * 1024


class TooDeep(Exception):
    """The document nests elements more than `MAX_DEPTH` levels deep."""


class _Cut(Exception):
    """Enough items read: stop the scan."""


def prescan(body: bytes, *, max_items: int | None, max_depth: int = MAX_DEPTH) -> bytes:
    """`body`, or its start up to the end of the `max_items`-th item with the open elements
    closed after it. Raises TooDeep when elements nest past `max_depth`."""
    bom = len(codecs.BOM_UTF8) if body.startswith(codecs.BOM_UTF8) else 0
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body
    parser = expat.ParserCreate("iso-8859-1")
    stack: list[str] = []
    items = 0
    cut_at = 0

    def start(name: str, attrs: object) -> None:
        stack.append(name)
        if len(stack) > max_depth:
            raise TooDeep

    def end(name: str) -> None:
        nonlocal items, cut_at
        depth = len(stack)
        stack.pop()
        if max_items is not None and depth <= _ITEM_DEPTH and _local(name) in _ITEMS:
            items += 1
            if items >= max_items:
                # CurrentByteIndex is where this end tag starts; the cut goes after its `>`.
                cut_at = body.index(b">", bom + parser.CurrentByteIndex) + 1
                raise _Cut

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        for offset in range(bom, len(body), _CHUNK):
            parser.Parse(body[offset : offset + _CHUNK], False)
        parser.Parse(b"", True)
    except _Cut:
        closing = "".join(f"</{name}>" for name in reversed(stack))
        return body[:cut_at] + closing.encode("latin-1")
    except expat.ExpatError:
        return body
    return body


def _local(name: str) -> str:
    return name.rpartition(":")[2]
